/**
 * 组织生活, 合规日历 and 党费 through the real renderer, bridge and core, on a fresh ledger whose branch is set
 * up through the bridge API: a 支委会 with a pasted 接龙 and a refused vote, a photo; a 主题党日 held as a
 * 党员大会 (套会); a 党课 with hours; the compliance grid with its named gap; a dues base, a payment and an
 * arrears streak; the 督办 list and a stricter local rule. Dates are relative to today (the server's clock).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { unzipDocx } from '../render/docx-helpers.ts';
import { callApi, findChromium, type LedgerServer, snap, textOf, useBrowserSession } from './harness.ts';
import { bannerPng } from './png.ts';

const CHROMIUM = findChromium();
const BRANCH = '中共示范科技有限公司第一支部委员会';

const pad = (n: number) => String(n).padStart(2, '0');
const now = new Date();
const YEAR = now.getFullYear();
const MONTH = now.getMonth() + 1;
const TODAY = `${YEAR}-${pad(MONTH)}-${pad(now.getDate())}`;
const QUARTER = Math.ceil(MONTH / 3);
const yesterday = new Date(now.getTime() - 86_400_000);
const YESTERDAY = `${yesterday.getFullYear()}-${pad(yesterday.getMonth() + 1)}-${pad(yesterday.getDate())}`;
/** The month before this one: no 支委会 is ever recorded there, so the grid must name it. */
const GAP = MONTH === 1 ? { year: YEAR - 1, month: 12 } : { year: YEAR, month: MONTH - 1 };

interface Unit {
  id: number;
  kind: string;
  name: string;
}

const MEMBERS = [
  { name: '王建国', gender: '男', group: 0, post: '书记' },
  { name: '李秀英', gender: '女', group: 0, post: '组织委员' },
  { name: '张伟', gender: '男', group: 1, post: '宣传委员' },
  { name: '刘洋', gender: '男', group: 1, post: null },
  { name: '陈静', gender: '女', group: 0, post: null },
] as const;

describe.skipIf(!CHROMIUM)('a clerk records organisational life, checks the calendar and collects dues', () => {
  const session = useBrowserSession('life-');
  let server: LedgerServer;
  let page: Page;
  let photo: string;

  beforeAll(async () => {
    ({ server, page } = session);
    // The branch and its roster come through the API: the roster UI has its own test (roster-flow).
    const units = await callApi<Unit[]>(server, 'org.setup', {
      committee: { name: '中共示范科技有限公司委员会' },
      branches: [{ name: BRANCH, groups: ['第一党小组', '第二党小组'] }],
    });
    const branch = units.find((unit) => unit.kind === '党支部') as Unit;
    const groups = units.filter((unit) => unit.kind === '党小组');
    const since = `${YEAR - 1}-01-01`;
    for (const [index, member] of MEMBERS.entries()) {
      const created = await callApi<{ id: number }>(server, 'member.create', {
        branchId: branch.id,
        name: member.name,
        gender: member.gender,
        birthDate: `197${index}-05-0${index + 1}`,
        joinDate: '2000-07-01',
        fullDate: '2001-07-01',
        groupId: groups[member.group]?.id ?? null,
        since,
      });
      if (member.post) {
        await callApi(server, 'member.assignPost', {
          memberId: created.id,
          post: member.post,
          unitId: branch.id,
          fromDate: since,
        });
      }
    }
    photo = path.join(server.dataDir, '活动照片.png');
    writeFileSync(photo, bannerPng());
  });

  const formItem = (scope: Page | Locator, label: string) =>
    scope.locator('.ant-form-item').filter({ has: page.locator(`label[title="${label}"]`) });
  const pickOption = async (text: string) => {
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
  };
  const typeDate = async (scope: Page | Locator, label: string, value: string) => {
    const input = formItem(scope, label).locator('input');
    await input.click();
    await input.fill(value);
    await input.press('Enter');
  };
  const sider = (label: string) => page.locator('.app-sider').getByText(label, { exact: true }).click();
  const newRecord = async (kind: string) => {
    await sider('组织生活');
    await page.getByRole('button', { name: /新建记录/ }).click();
    await page.getByRole('menuitem', { name: kind, exact: true }).click();
    await page.getByRole('heading', { name: `新建${kind}记录` }).waitFor();
  };
  const attendanceRow = (name: string) => page.locator(`.attendance-row[data-name="${name}"]`);
  /** Snap once the toasts of earlier steps have gone, so they do not cover the page. */
  const quietSnap = async (name: string) => {
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 8_000 });
    await snap(page, name);
  };
  const counts = () => textOf(page.getByTestId('attendance-counts')).then((text) => text.replace(/\s+/g, ''));

  it('opens the empty 组织生活 list from the new navigation', async () => {
    await page.goto(server.url);
    await page.getByRole('heading', { name: BRANCH }).waitFor();
    const menu = await textOf(page.locator('.app-sider'));
    expect(menu.replace(/\s+/g, ' ')).toContain(
      '首页 组织生活 谈心谈话 计划与督办 党费 合规日历 支委分工 书记项目 党员积分 示范岗与承诺 考核管理 党员花名册 发展党员 换届选举 组织设置 数据与备份 规则设置 文档设置',
    );
    await sider('组织生活');
    await page.getByText(`${YEAR}年还没有组织生活记录`).waitFor();
    await snap(page, 'life-01-list-empty');
  });

  it('takes a 支委会’s attendance from a pasted 接龙 and shows the ledger’s refusal of an impossible vote', async () => {
    await newRecord('支委会');
    await formItem(page, '会议主题').locator('input').fill(`${MONTH}月支委会：研究党费收缴和组织生活安排`);
    await typeDate(page, '会议日期', TODAY);
    await attendanceRow('张伟').waitFor();
    expect(await page.locator('.attendance-row').count()).toBe(3);

    await page.getByRole('button', { name: '粘贴接龙' }).click();
    const modal = page.getByRole('dialog').filter({ hasText: '粘贴接龙' });
    await modal
      .getByLabel('接龙内容')
      .fill(`#接龙\n${MONTH}月支委会签到\n例 张三\n1. 王建国\n2. 李秀英 请假（出差）\n3. 赵敏（列席）\n4. 孙大圣`);
    await modal.getByRole('button', { name: '识别' }).click();
    const preview = modal.locator('.roll-call-preview');
    await preview.getByRole('cell', { name: '孙大圣', exact: true }).waitFor();
    expect(await textOf(preview.locator('.ant-table-row', { hasText: '李秀英' }))).toMatch(/请假[\s\S]*出差/);
    expect(await textOf(preview.locator('.ant-table-row', { hasText: '赵敏' }))).toContain('列席');
    expect(await textOf(preview.locator('.ant-table-row', { hasText: '孙大圣' }))).toContain('不在花名册');
    await snap(page, 'life-02-roll-call-preview', { fullPage: false });
    await modal.getByRole('button', { name: /^应用/ }).click();
    await modal.waitFor({ state: 'hidden' });

    expect(await attendanceRow('李秀英').getByLabel('李秀英的请假原因').inputValue()).toBe('出差');
    await attendanceRow('张伟').locator('.ant-segmented-item', { hasText: '出席' }).click();
    expect(await counts()).toBe('应到3实到2请假1缺席0列席1');
    expect(await textOf(page.locator('.guest-row'))).toContain('赵敏');

    await page.getByRole('switch').click();
    await formItem(page, '表决事项').locator('input').fill('同意本季度党费收缴情况报告');
    await page.getByLabel('赞成', { exact: true }).fill('5');
    await page.getByLabel('反对', { exact: true }).fill('0');
    await page.getByLabel('弃权', { exact: true }).fill('0');
    await page.getByRole('button', { name: '添加决议' }).click();
    await page.getByLabel('决议 1', { exact: true }).fill('各党小组整理本季度组织生活台账');
    await page.getByLabel('决议 1 的责任人').fill('李秀英');
    const due = page.getByLabel('决议 1 的时限');
    await due.click();
    await due.fill(YESTERDAY);
    await due.press('Enter');

    await page.getByRole('button', { name: '保存记录' }).first().click();
    const refusal = page.locator('.vote-block .block-error');
    await refusal.waitFor();
    expect(await textOf(refusal)).toMatch(/赞成、反对、弃权合计 5 票/);
    expect(await textOf(page.locator('.form-refusal'))).toContain('表决票数有误，未保存');
    await snap(page, 'life-03-vote-refused');
  });

  it('saves the 支委会 once the votes add up, shows the verdict, and attaches a photo', async () => {
    await page.getByLabel('赞成', { exact: true }).fill('2');
    await page.getByRole('button', { name: '保存记录' }).first().click();
    await page.getByText(/^已保存：.* 支委会「/).waitFor();
    const verdict = page.locator('.vote-verdict');
    await verdict.waitFor();
    expect(await textOf(verdict)).toMatch(/通过[\s\S]*应到会有表决权党员 3 人，实到 2 人/);
    const summary = await textOf(page.locator('.attendance-summary'));
    expect(summary).toMatch(/出席 2 人\s*王建国、张伟/);
    expect(summary).toMatch(/请假 1 人\s*李秀英（出差）/);
    expect(summary).toMatch(/列席 1 人\s*赵敏/);

    await page.locator('.attachments-card input[type=file]').setInputFiles(photo);
    await page.getByText('已附加“活动照片.png”').waitFor();
    const thumbnail = page.locator('.attachments-card img[src^="data:image/png;base64,"]');
    await thumbnail.waitFor();
    expect(await thumbnail.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(160);
    expect(await textOf(page.locator('.attachments-card .ant-card-head'))).toContain('附件（1）');
    await quietSnap('life-04-committee-saved-with-photo');

    // 导出Word: the real core composes the record; the browser receives a .docx holding it and the photo.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /导出Word/ }).click(),
    ]);
    const docx = readFileSync(await download.path());
    const parts = await unzipDocx(docx);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const documentXml = parts.xml.get('word/document.xml') ?? '';
    expect(documentXml).toContain('研究党费收缴');
    expect(documentXml).toContain('王建国');
    expect([...parts.media.keys()].some((name) => name.startsWith('word/media/'))).toBe(true);
  });

  it('records a 主题党日 held together with a 党员大会 (套会)', async () => {
    await newRecord('主题党日');
    await formItem(page, '会议主题').locator('input').fill(`${MONTH}月主题党日暨第${QUARTER}季度党员大会`);
    await typeDate(page, '会议日期', TODAY);
    await formItem(page, '同时计为（套会）').locator('.ant-select').click();
    await pickOption('党员大会');
    await page.keyboard.press('Escape');
    await formItem(page, '当月主题').locator('input').fill('重温入党誓词，交纳党费');
    await formItem(page, '规定动作').getByText('交纳党费').click();
    await attendanceRow('陈静').waitFor();
    await page.getByRole('button', { name: '全部出席' }).click();
    expect(await counts()).toBe('应到5实到5请假0缺席0列席0');
    await snap(page, 'life-05-theme-day-form');
    await page.getByRole('button', { name: '保存记录' }).first().click();
    await page.getByText(/^已保存：.* 主题党日「/).waitFor();
    await page.getByText('同时计为 党员大会').first().waitFor();
  });

  it('records a 党课 of 3 学时 and lists all three records with the 套会 tag', async () => {
    await newRecord('党课');
    await formItem(page, '会议主题').locator('input').fill('学习贯彻党的二十届四中全会精神');
    await typeDate(page, '会议日期', TODAY);
    await formItem(page, '授课人').locator('input').fill('王建国');
    await page.keyboard.press('Escape');
    await formItem(page, '学时').locator('input').fill('3');
    await formItem(page, '授课形式').locator('.ant-select').click();
    await pickOption('讲授');
    await attendanceRow('陈静').waitFor();
    await page.getByRole('button', { name: '全部出席' }).click();
    await page.getByRole('button', { name: '保存记录' }).first().click();
    await page.getByText(/^已保存：.* 党课「/).waitFor();
    expect(await textOf(page.locator('.ant-descriptions'))).toContain('3 学时');

    await sider('组织生活');
    const rows = page.locator('.life-table .ant-table-row');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await textOf(rows.filter({ hasText: '主题党日' }))).toContain('同时计为 党员大会');
    expect(await textOf(rows.filter({ hasText: '支委会' }))).toMatch(/3 \/ 2[\s\S]*1[\s\S]*1 项/);
    await quietSnap('life-06-list');
  });

  it('starts a new 支委会 from the last one (复用上一条): everything but the date and the outcomes', async () => {
    await page.getByRole('button', { name: /复用上一条/ }).click();
    await page.getByRole('menuitem', { name: '支委会', exact: true }).click();
    await page.getByText(/已复用 .*「\d+月支委会：研究党费收缴和组织生活安排」的内容和出席名单/).waitFor();
    expect(await formItem(page, '会议主题').locator('input').inputValue()).toContain('研究党费收缴和组织生活安排');
    expect(await formItem(page, '会议日期').locator('input').inputValue()).toBe('');
    expect(await page.getByLabel('决议 1', { exact: true }).count()).toBe(0);
    await typeDate(page, '会议日期', TODAY);
    await attendanceRow('李秀英').waitFor();
    expect(await counts()).toBe('应到3实到2请假1缺席0列席1');
    await page.getByRole('button', { name: '取消' }).first().click();
    await page.getByRole('heading', { name: '组织生活' }).waitFor();
  });

  it('shows the 套会 in both rows of the 合规日历, names the gap, and counts the 党课 hours', async () => {
    await sider('合规日历');
    if (GAP.year !== YEAR) {
      await page.getByLabel('年度').click();
      await pickOption(`${GAP.year}年`);
    }
    const cell = (rule: string, period: string) => page.locator(`[data-rule="${rule}"][data-period="${period}"]`);
    const gapPeriod = `${GAP.year}-${pad(GAP.month)}`;
    await cell('MTG-02', gapPeriod).waitFor();
    expect(await cell('MTG-02', gapPeriod).getAttribute('data-state')).toBe('missing');
    expect(await textOf(page.locator('.findings-card'))).toContain(`${GAP.year}年${GAP.month}月 缺支委会`);
    if (GAP.year !== YEAR) {
      await page.getByLabel('年度').click();
      await pickOption(`${YEAR}年`);
    }
    const thisMonth = `${YEAR}-${pad(MONTH)}`;
    await cell('MTG-05', thisMonth).waitFor();
    expect(await cell('MTG-05', thisMonth).getAttribute('data-state')).toBe('ok');
    expect(await cell('MTG-01', `${YEAR}-Q${QUARTER}`).getAttribute('data-state')).toBe('ok');
    expect(await textOf(cell('MTG-01', `${YEAR}-Q${QUARTER}`))).toBe('1/1');
    expect(await cell('MTG-02', thisMonth).getAttribute('data-state')).toBe('ok');

    const hours = page.locator('.study-hours-table');
    expect(await textOf(hours.locator('.ant-table-row', { hasText: '刘洋' }))).toContain('3 / 32');
    expect(await textOf(hours.locator('.ant-table-row', { hasText: '王建国' }))).toContain('3 / 56');
    // 李秀英 was on leave at the 支委会 but attended the 党课.
    expect(await textOf(hours.locator('.ant-table-row', { hasText: '李秀英' }))).toContain('3 / 56');
    await snap(page, 'life-07-compliance');
  });

  it('sets a dues base, records this month, and shows the arrears streak of a member who has not paid', async () => {
    await sider('党费');
    const row = (name: string) => page.locator('.dues-table .ant-table-row', { hasText: name });
    await row('刘洋').waitFor();
    await row('刘洋').getByRole('button', { name: '核定基数' }).click();
    let modal = page.getByRole('dialog').filter({ hasText: '核定交纳基数：刘洋' });
    await formItem(modal, '交纳基数（元/月）').locator('input').fill('3200');
    await modal.getByRole('button', { name: '核定' }).click();
    await page.getByText(/已核定 刘洋 .*3200\.00 元 × 1% = 32\.00 元/).waitFor();
    await row('刘洋').getByText('32.00').first().waitFor();

    await row('刘洋')
      .getByRole('button', { name: `刘洋 ${MONTH}月党费` })
      .click();
    modal = page.getByRole('dialog').filter({ hasText: `登记党费：刘洋 · ${YEAR}年${MONTH}月` });
    expect(await formItem(modal, '金额（元）').locator('input').inputValue()).toBe('32.00');
    await formItem(modal, '经手人').locator('input').fill('李秀英');
    await modal.getByRole('button', { name: '登记' }).click();
    await page.getByText(`已登记 刘洋 ${YEAR}年${MONTH}月党费 32.00 元`).waitFor();
    // The sheet reloads after the message: wait for the cell rather than reading it at once.
    await expect.poll(() => textOf(row('刘洋').getByRole('button', { name: `刘洋 ${MONTH}月党费` }))).toBe('32.00');

    await row('陈静').getByRole('button', { name: '核定基数' }).click();
    modal = page.getByRole('dialog').filter({ hasText: '核定交纳基数：陈静' });
    await formItem(modal, '交纳基数（元/月）').locator('input').fill('5400');
    await modal.getByRole('button', { name: '核定' }).click();
    await page.getByText(/已核定 陈静 .*81\.00 元/).waitFor();
    const streak = row('陈静').getByText(`连续 ${MONTH} 个月未交`);
    await streak.waitFor();
    expect(await streak.getAttribute('class')).toMatch(MONTH >= 6 ? /ant-tag-error/ : /ant-tag-warning/);
    expect(await row('陈静').locator('.dues-unpaid').count()).toBe(MONTH);
    await quietSnap('life-08-dues');
  });

  it('lists this month’s to-dos on the home page and closes the overdue 决议 from 督办', async () => {
    await sider('首页');
    const todo = page.getByTestId('month-todo');
    await todo.getByText('各党小组整理本季度组织生活台账').waitFor();
    await todo.getByText(new RegExp(`${MONTH}月尚未交纳\\s*1\\s*人：陈静`)).waitFor();
    expect(await textOf(todo)).toContain('3 人尚未核定交纳基数');
    await page.locator('.recent-card').getByText(`${MONTH}月支委会：研究党费收缴和组织生活安排`).waitFor();
    await page.locator('.heatmap-compact').waitFor();
    await quietSnap('life-09-home');

    await sider('计划与督办');
    await page.getByRole('button', { name: '新建年度计划' }).click();
    await page
      .getByRole('dialog')
      .filter({ hasText: `新建${YEAR}年度工作计划` })
      .getByRole('button', { name: '保存' })
      .click();
    const plan = page.locator('.plan-card', { hasText: `${YEAR}年度党支部工作计划` });
    await plan.getByRole('button', { name: '添加事项' }).click();
    const itemDialog = page.getByRole('dialog').filter({ hasText: '添加事项' });
    await formItem(itemDialog, '工作事项').locator('textarea').fill('召开年度组织生活会');
    await formItem(itemDialog, '责任人').locator('input').fill('王建国');
    await typeDate(itemDialog, '时限', `${YEAR}-12-31`);
    await itemDialog.getByRole('button', { name: '保存' }).click();
    await plan.getByText('召开年度组织生活会').waitFor();
    const item = page.locator('.supervision-card .ant-table-row', { hasText: '各党小组整理本季度组织生活台账' });
    await item.getByText('已逾期').waitFor();
    await snap(page, 'life-10-supervision');
    await item.getByRole('button', { name: /销号/ }).click();
    await page.getByRole('button', { name: '确认销号' }).click();
    await page.getByText('已销号：各党小组整理本季度组织生活台账').waitFor();
    const planned = page.locator('.supervision-card .ant-table-row', { hasText: '召开年度组织生活会' });
    await planned.waitFor();
    expect(await page.locator('.supervision-card .ant-table-row').count()).toBe(1);
    await planned.getByRole('button', { name: '完成' }).click();
    await page.locator('.supervision-card').getByText('没有待督办的事项').waitFor();
    await expect.poll(() => textOf(plan)).toMatch(new RegExp(`已完成\\s+${TODAY}`));
  });

  it('turns on 党课 每季度 1 次 as a local rule and the calendar checks it', async () => {
    await sider('规则设置');
    const rule = page.locator('.rules-table .ant-table-row', { hasText: '党课' });
    await rule.getByLabel(/党课.*的本台账设置/).fill('1');
    await rule.getByRole('button', { name: '保存' }).click();
    await page.getByText(/「党课.*」已设为 1 次\/季度/).waitFor();
    await rule.getByText('本台账已调整').waitFor();
    await quietSnap('life-11-rules');

    await sider('合规日历');
    const lecture = page.locator(`[data-rule="MTG-04"][data-period="${YEAR}-Q${QUARTER}"]`);
    await lecture.waitFor();
    expect(await lecture.getAttribute('data-state')).toBe('ok');
    if (QUARTER > 1) {
      expect(await page.locator(`[data-rule="MTG-04"][data-period="${YEAR}-Q1"]`).getAttribute('data-state')).toBe(
        'missing',
      );
    }
  });

  it('ran without script errors or CSP violations', () => {
    const known = /frame-ancestors' is ignored when delivered via a <meta> element/;
    expect(session.problems.filter((text) => !known.test(text))).toEqual([]);
  });
});
