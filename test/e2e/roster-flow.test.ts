/**
 * A clerk's first hour, through the real renderer, the real bridge and the real core:
 * first-run setup → home → add a member (after a refused ID checksum) → import a roster →
 * search by pinyin initials → appoint a 书记 → make a backup → grow the tree and switch branch →
 * restore a backup. Asserts on what the screen shows.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  findChromium,
  idNumberWithChecksum,
  idNumberWithWrongChecksum,
  type LedgerServer,
  PROJECT_ROOT,
  snap,
  textOf,
  useBrowserSession,
} from './harness.ts';

const CHROMIUM = findChromium();
const ROSTER = path.join(PROJECT_ROOT, 'test', 'fixtures', 'e2e', 'roster-e2e.xlsx');
const COMMITTEE = '中共示范科技有限公司委员会';
const BRANCH = '中共示范科技有限公司第一支部委员会';
const NEW_MEMBER_ID17 = '11010119790808001';
const SECOND_BRANCH = '中共示范科技有限公司第二支部委员会';

describe.skipIf(!CHROMIUM)('a clerk sets up the ledger and fills the roster', () => {
  // 1366×768: the smallest screen still common on office PCs (the session's page).
  const session = useBrowserSession('');
  let server: LedgerServer;
  let page: Page;

  beforeAll(() => {
    ({ server, page } = session);
  });

  /** The Form.Item whose label is exactly `label` (inside `scope`). */
  const formItem = (scope: Page | ReturnType<Page['locator']>, label: string) =>
    scope.locator('.ant-form-item').filter({ has: page.locator(`label[title="${label}"]`) });

  /** Rows of the roster table (not of a table inside a dialog). */
  const rosterRow = (hasText?: string) =>
    page.locator('.roster-table .ant-table-row', hasText === undefined ? {} : { hasText });

  const pickOption = async (text: string) => {
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
  };

  const typeDate = async (scope: ReturnType<Page['locator']>, label: string, value: string) => {
    const input = formItem(scope, label).locator('input');
    await input.click();
    await input.fill(value);
    await input.press('Enter');
  };

  it('opens on the setup guide and removes the token from the address bar', async () => {
    await page.goto(server.url);
    await page.getByText('欢迎使用党支部工作台账').waitFor();
    expect(page.url()).not.toContain('token=');
    await snap(page, '01-setup-committee');
  });

  it('creates the 党委, skips the 党总支 and creates one 党支部 with two 党小组 in one go', async () => {
    await page.getByLabel('上级党委名称').fill(COMMITTEE);
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByText('党支部上面是否设有党总支？').waitFor();
    await page.getByRole('button', { name: '跳过' }).click();
    await page.getByLabel('党支部名称').fill(BRANCH);
    await page.getByRole('button', { name: '添加党小组' }).click();
    await page.getByLabel('党支部 1 的党小组 1').fill('第一党小组');
    await page.getByRole('button', { name: '添加党小组' }).click();
    await page.getByLabel('党支部 1 的党小组 2').fill('第二党小组');
    await snap(page, '02-setup-branches');
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByText('请核对，确认无误后点「完成」').waitFor();
    expect(await textOf(page.locator('.ant-descriptions'))).toContain('第一党小组、第二党小组');
    await snap(page, '03-setup-summary');
    await page.getByRole('button', { name: '完成' }).click();

    await page.waitForURL(/#\/branch\/\d+$/);
    await page.getByRole('heading', { name: BRANCH }).waitFor();
    expect(await textOf(page.locator('.app-header'))).toContain(COMMITTEE);
    expect(await textOf(page.getByTestId('stat-groups'))).toContain('2');
    expect(await textOf(page.getByTestId('stat-total'))).toContain('0');
    await snap(page, '04-branch-home');
  });

  it('shows the ledger’s refusal of a wrong ID checksum on the 公民身份号码 field, then saves', async () => {
    await page.getByRole('button', { name: '新增党员' }).click();
    const drawer = page.getByRole('dialog').filter({ hasText: `新增党员（${BRANCH}）` });
    await drawer.waitFor();

    await formItem(drawer, '姓名').locator('input').fill('孙立华');
    await typeDate(drawer, '出生日期', '1979-08-08');
    await formItem(drawer, '公民身份号码').locator('input').fill(idNumberWithWrongChecksum(NEW_MEMBER_ID17));
    await formItem(drawer, '学历').locator('.ant-select').click();
    await pickOption('大学本科');
    await typeDate(drawer, '入党时间', '2003-07-01');
    await typeDate(drawer, '转正时间', '2004-07-01');
    await formItem(drawer, '所在党小组').locator('.ant-select').click();
    await pickOption('第一党小组');
    await drawer.getByRole('button', { name: '保存' }).click();

    const idError = formItem(drawer, '公民身份号码').locator('.ant-form-item-explain-error');
    await idError.first().waitFor();
    expect(await textOf(idError.first())).toMatch(/校验/);
    await snap(page, '05-member-form-id-refused');

    await formItem(drawer, '公民身份号码').locator('input').fill(idNumberWithChecksum(NEW_MEMBER_ID17));
    await drawer.getByRole('button', { name: '保存' }).click();
    await page.getByText('已新增党员 孙立华').waitFor();
    await rosterRow('孙立华').waitFor();
    const row = await textOf(rosterRow('孙立华'));
    expect(row).toContain('1979-08-08');
    expect(row).toContain('第一党小组');
    expect(row).not.toContain(idNumberWithChecksum(NEW_MEMBER_ID17));
    await snap(page, '06-roster-one-member');
  });

  it('previews a roster workbook, refuses 全部导入 while a row is wrong, and imports the valid rows', async () => {
    await page.getByRole('button', { name: '导入花名册' }).click();
    const modal = page.getByRole('dialog').filter({ hasText: '导入花名册到' });
    await modal.locator('input[type=file]').setInputFiles(ROSTER);
    await modal.getByText('roster-e2e.xlsx').waitFor();
    await modal.locator('.import-stats').waitFor();
    const stats = await textOf(modal.locator('.import-stats'));
    expect(stats.replace(/\s+/g, '')).toContain('共6行');
    expect(stats.replace(/\s+/g, '')).toContain('有效5行');
    expect(stats.replace(/\s+/g, '')).toContain('有问题1行');
    const issues = await textOf(modal.getByRole('tabpanel'));
    expect(issues).toContain('公民身份号码');
    const importAll = modal.getByRole('button', { name: '全部导入' });
    expect(await importAll.isDisabled()).toBe(true);
    await snap(page, '07-import-report');

    await modal.getByText('仅导入有效行').click();
    await modal.getByRole('button', { name: '导入有效的 5 行' }).click();
    await page.getByText(/已导入 5 名党员/).waitFor();
    await page.getByText('共 6 人').waitFor();
    for (const name of ['王建国', '李秀英', '张伟', '刘洋', '陈静', '孙立华']) {
      await rosterRow(name).waitFor();
    }
    expect(await rosterRow('赵敏').count()).toBe(0);
    await snap(page, '08-roster-after-import');
  });

  it('finds a member by the pinyin initials of the name', async () => {
    await page.getByLabel('搜索党员').fill('wjg');
    await expect.poll(() => rosterRow().count()).toBe(1);
    await page.getByText('共 1 人').waitFor();
    expect(await textOf(rosterRow())).toContain('王建国');
    await snap(page, '09-search-pinyin');
  });

  it('opens a member’s record, appoints them 书记 and edits their phone number', async () => {
    await rosterRow('王建国').getByRole('button', { name: '王建国' }).click();
    const drawer = page.getByRole('dialog').filter({ hasText: '状态历史' });
    await drawer.getByText('2000-07-01 至 今').waitFor();
    await drawer.getByRole('button', { name: '任职' }).click();
    const modal = page.getByRole('dialog').filter({ hasText: '任职：王建国' });
    await formItem(modal, '职务').locator('.ant-select').click();
    await pickOption('书记');
    await modal.getByRole('button', { name: '确认任职' }).click();
    await drawer.locator('.plain-list-item', { hasText: '书记' }).waitFor();
    expect(await textOf(drawer)).toContain(BRANCH);
    await snap(page, '10-member-detail');

    await drawer.getByRole('button', { name: '编辑' }).click();
    const form = page.getByRole('dialog').filter({ hasText: '编辑党员：王建国' });
    expect(await formItem(form, '姓名').locator('input').inputValue()).toBe('王建国');
    await formItem(form, '联系电话').locator('input').fill('13911112222');
    await form.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存 王建国 的信息').waitFor();
    await drawer.getByText('13911112222').waitFor();
    await drawer.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });
    await page.getByLabel('搜索党员').fill('');
    await page.getByText('共 6 人').waitFor();
    await rosterRow('王建国').getByText('书记').waitFor();
  });

  it('counts the members on the branch home', async () => {
    await page.locator('.app-sider').getByText('首页').click();
    await page.getByTestId('stat-total').getByText('6').waitFor();
    expect(await textOf(page.getByTestId('stat-full'))).toContain('5');
    expect(await textOf(page.getByTestId('stat-probationary'))).toContain('1');
    await snap(page, '11-branch-home-counts');
  });

  it('makes a backup on 数据与备份 and reports the audit chain intact', async () => {
    await page.locator('.app-sider').getByText('数据与备份').click();
    await page.getByText(/审计日志完整/).waitFor();
    await page.getByRole('button', { name: '立即备份' }).click();
    await page.getByText(/^已备份/).waitFor();
    await page.locator('.ant-table-row', { hasText: '手动' }).first().waitFor();
    await snap(page, '12-backups');
  });

  it('adds a 党小组 and a second 党支部 on 组织设置, and switches branch from the header', async () => {
    await page.locator('.app-sider').getByText('组织设置').click();
    const tree = page.locator('.ant-tree');
    await tree.getByText('第二党小组').waitFor();
    expect(await textOf(tree)).toContain(COMMITTEE);

    await page.getByRole('button', { name: '新增下级组织' }).click();
    let dialog = page.getByRole('dialog').filter({ hasText: `在「${BRANCH}」下新增组织` });
    await formItem(dialog, '名称').locator('input').fill('第三党小组');
    await dialog.getByRole('button', { name: '保存' }).click();
    await tree.getByText('第三党小组').waitFor();

    await tree.getByText(COMMITTEE).click();
    await page.getByRole('button', { name: '新增下级组织' }).click();
    dialog = page.getByRole('dialog').filter({ hasText: `在「${COMMITTEE}」下新增组织` });
    expect(await textOf(formItem(dialog, '类别'))).toContain('党总支');
    await formItem(dialog, '类别').locator('.ant-select').click();
    await pickOption('党支部');
    await formItem(dialog, '名称').locator('input').fill(SECOND_BRANCH);
    await dialog.getByRole('button', { name: '保存' }).click();
    await tree.getByText(SECOND_BRANCH).waitFor();
    await snap(page, '13-org-settings');

    await page.getByLabel('切换党支部').click();
    await pickOption(SECOND_BRANCH);
    await page.waitForURL(/#\/branch\/\d+\/org$/);
    await page.locator('.app-sider').getByText('党员花名册').click();
    await page.getByText('花名册还是空的').waitFor();
    await snap(page, '14-second-branch-empty-roster');
    await page.getByLabel('切换党支部').click();
    await pickOption(BRANCH);
    await page.getByText('共 6 人').waitFor();
  });

  it('restores the backup taken before the import, keeping the current ledger as a backup first', async () => {
    await page.locator('.app-sider').getByText('数据与备份').click();
    const preImport = page.locator('.ant-table-row', { hasText: '导入前' });
    await preImport.getByRole('button', { name: '恢复' }).click();
    const confirm = page.locator('.ant-popconfirm');
    await confirm.getByText('当前的台账会先另存为一份「恢复前」备份').waitFor();
    await snap(page, '15-restore-confirm');
    await confirm.getByRole('button', { name: '恢复' }).click();
    await page.getByText(/已恢复到/).waitFor();
    // The backup's row (the audit log below also mentions 恢复前 since restores are audited).
    await page.locator('.ant-table-row[data-row-key$="pre-restore.sqlite"]').waitFor();
    await snap(page, '16-after-restore');

    // The ledger before the import held one member and one branch.
    await page.locator('.app-sider').getByText('党员花名册').click();
    await page.getByText('共 1 人').waitFor();
    expect(await rosterRow('孙立华').count()).toBe(1);
  });

  it('ran without script errors or CSP violations', () => {
    // Chromium notes that frame-ancestors only works as a header; the meta tag keeps it for the record.
    const known = /frame-ancestors' is ignored when delivered via a <meta> element/;
    expect(session.problems.filter((text) => !known.test(text))).toEqual([]);
  });
});
