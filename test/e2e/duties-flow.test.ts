import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DutiesOverview, DutyHolder } from '../../electron/api/index.ts';
import { callApi, findChromium, type LedgerServer, snap, textOf, useBrowserSession } from './harness.ts';

const CHROMIUM = findChromium();
const pad = (n: number) => String(n).padStart(2, '0');
const now = new Date();
const YEAR = now.getFullYear();
const iso = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const TODAY = iso(now);
const DUE = `${YEAR}-12-31`;

interface Unit {
  id: number;
  kind: string;
  name: string;
  parentId: number | null;
}

describe.skipIf(!CHROMIUM)('a clerk keeps the committee’s 分工 and each member’s 责任清单', () => {
  const session = useBrowserSession('duties-', { demo: { branches: 2, members: 30, years: 2 } });
  let server: LedgerServer;
  let page: Page;
  let branch: Unit;
  let secretary: DutyHolder;

  beforeAll(async () => {
    ({ server, page } = session);
    branch = (await callApi<Unit[]>(server, 'org.list', {})).find((u) => u.kind === '党支部') as Unit;
  });

  const duties = () => callApi<DutiesOverview>(server, 'duties.get', { branchId: branch.id, year: YEAR });
  const quiet = async () => {
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 8_000 });
  };
  const card = () => page.getByTestId(`holder-${secretary.memberId}`);
  const setDate = async (dialog: Locator, label: string, value: string) => {
    const input = dialog.getByLabel(label);
    await input.click();
    await input.fill(value);
    await input.press('Enter');
  };

  it('shows every committee member with posts, 任职起止, duties and tasks, overdue in red', async () => {
    await page.goto(server.url.replace('#/', `#/branch/${branch.id}/duties?year=${YEAR}`));
    const overview = await duties();
    secretary = overview.holders[0] as DutyHolder;
    expect(secretary.posts.map((p) => p.post)).toContain('书记');
    await card().waitFor();
    for (const holder of overview.holders) {
      const shown = page.getByTestId(`holder-${holder.memberId}`);
      const text = await textOf(shown);
      expect(text).toContain(holder.name);
      for (const post of holder.posts) expect(text).toContain(`${post.fromDate} 至 ${post.toDate ?? '今'}`);
      for (const task of holder.tasks) expect(text).toContain(task.text);
      expect(await textOf(shown.getByTestId('duty-counts'))).toContain(
        `完成 ${holder.counts.done}/${holder.counts.total}`,
      );
      expect(await shown.locator('tr.duty-row-late').count()).toBe(holder.counts.overdue);
    }
    // The demo leaves some of this year's tasks open past their deadline.
    const overdue = overview.holders.reduce((n, h) => n + h.counts.overdue, 0);
    expect(overdue).toBeGreaterThan(0);
    expect(await textOf(page.getByTestId('duty-summary'))).toContain(`逾期 ${overdue} 项`);
    const late = page.locator('tr.duty-row-late').first();
    // The deadline of an overdue task is printed in red (#c9302c).
    await late.waitFor();
    const color = await page.evaluate("getComputedStyle(document.querySelector('tr.duty-row-late .duty-late')).color");
    expect(color).toBe('rgb(201, 48, 44)');
    // The 书记's duties are the template's, each with where it comes from.
    const role = card().getByTestId('role-书记');
    expect(await textOf(role)).toContain('默认');
    expect(await textOf(role)).toContain(overview.roles.find((r) => r.post === '书记')?.items[0]?.text ?? '—');
    await snap(page, 'duties-01-overview');
  });

  it('edits the 书记’s responsibility list and restores the default', async () => {
    const role = card().getByTestId('role-书记');
    await role.getByRole('button', { name: '编辑' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('第 1 条职责', { exact: true }).fill('主持支部全面工作，每季度向党员大会报告一次工作');
    await dialog.getByRole('button', { name: '添加一条职责' }).click();
    const count = await dialog.locator('textarea').count();
    await dialog.getByLabel(`第 ${count} 条职责`, { exact: true }).fill('牵头落实“党建+安全生产”融合任务');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await role.getByText('本支部修改').waitFor();
    expect(await textOf(role)).toContain('牵头落实“党建+安全生产”融合任务');
    const edited = (await duties()).roles.find((r) => r.post === '书记');
    expect(edited?.overridden).toBe(true);
    expect(edited?.items[0]?.text).toBe('主持支部全面工作，每季度向党员大会报告一次工作');
    expect(edited?.items).toHaveLength(count);
    await quiet();
    await role.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await snap(page, 'duties-02-edited-role', { fullPage: false });

    await role.getByRole('button', { name: '恢复默认' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '恢复默认' }).click();
    await page.getByText('书记职责已恢复为默认清单').waitFor();
    await role.getByText('本支部修改').waitFor({ state: 'detached' });
    const restored = (await duties()).roles.find((r) => r.post === '书记');
    expect(restored?.overridden).toBe(false);
    expect(restored?.items.map((i) => i.text)).toEqual(restored?.defaults.map((i) => i.text));
    await quiet();
  });

  it('adds a task, is refused a done date before the assigned date, then marks it done', async () => {
    await card().getByRole('button', { name: '添加任务' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByLabel('任务内容').fill('带头讲授“学条例、守规矩”专题党课');
    await dialog.getByLabel('任务来源').fill('支委会分工');
    await setDate(dialog, '布置日期', TODAY);
    await setDate(dialog, '完成时限', DUE);
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = card().locator('tr', { hasText: '带头讲授“学条例、守规矩”专题党课' });
    await row.waitFor();
    expect(await textOf(row)).toContain('未开始');
    expect(await textOf(row)).toContain('支委会分工');
    const added = (await duties()).holders
      .find((h) => h.memberId === secretary.memberId)
      ?.tasks.find((t) => t.text === '带头讲授“学条例、守规矩”专题党课');
    expect(added).toMatchObject({ status: '未开始', assignedOn: TODAY, dueDate: DUE, source: '支委会分工' });

    // A done date before the assigned date is refused on the field, and nothing changes.
    await row.getByRole('button', { name: /^修改：/ }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('状态').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '已完成' }).click();
    await setDate(dialog, '完成日期', `${YEAR}-01-02`);
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByText(`完成日期早于布置日期 ${TODAY}`).first().waitFor();
    await snap(page, 'duties-03-refused', { fullPage: false });
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });
    let stored = (await duties()).holders
      .find((h) => h.memberId === secretary.memberId)
      ?.tasks.find((t) => t.id === added?.id);
    expect(stored?.status).toBe('未开始');

    await row.getByRole('button', { name: /^标记完成：/ }).click();
    await page.getByText('已标记完成：带头讲授“学条例、守规矩”专题党课').waitFor();
    await row.getByText('已完成').waitFor();
    expect(await textOf(row)).toContain(TODAY);
    stored = (await duties()).holders
      .find((h) => h.memberId === secretary.memberId)
      ?.tasks.find((t) => t.id === added?.id);
    expect(stored).toMatchObject({ status: '已完成', doneOn: TODAY, overdue: false });
    await quiet();
  });

  it('deletes a task only after the confirmation', async () => {
    const before = (await duties()).holders.find((h) => h.memberId === secretary.memberId) as DutyHolder;
    const victim = before.tasks[0];
    if (!victim) throw new Error('the 书记 has no task');
    const row = card().locator('tr', { hasText: victim.text }).first();
    await row.getByRole('button', { name: `删除：${victim.text}` }).click();
    const confirm = page.locator('.ant-popconfirm');
    await confirm.getByText(`“${victim.text}”将从${secretary.name}的责任清单中删除。`).waitFor();
    // Cancelling keeps it.
    await confirm.getByRole('button', { name: '取消' }).click();
    expect((await duties()).holders.find((h) => h.memberId === secretary.memberId)?.tasks).toHaveLength(
      before.tasks.length,
    );
    await row.getByRole('button', { name: `删除：${victim.text}` }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '删除' }).click();
    await page.getByText(`已删除任务：${victim.text}`).waitFor();
    const after = (await duties()).holders.find((h) => h.memberId === secretary.memberId) as DutyHolder;
    expect(after.tasks.map((t) => t.id)).not.toContain(victim.id);
    expect(after.tasks).toHaveLength(before.tasks.length - 1);
    const audit = await callApi<Array<{ action: string; summary: string }>>(server, 'audit.recent', { limit: 1 });
    expect(audit[0]?.action).toBe('duties.deleteTask');
    await quiet();
    await card().evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await snap(page, 'duties-04-after-delete', { fullPage: false });
  });

  it('points a branch without a committee to 换届选举 and the roster', async () => {
    const parent = branch.parentId;
    const bare = await callApi<Unit>(server, 'org.create', { name: '新建党支部', kind: '党支部', parentId: parent });
    await page.goto(server.url.replace('#/', `#/branch/${bare.id}/duties?year=${YEAR}`));
    await page.getByText(`${YEAR}年本支部还没有支委会成员或党小组长。`).waitFor();
    expect(await page.getByRole('button', { name: '去换届选举' }).count()).toBe(1);
    await snap(page, 'duties-05-empty');
    await page.getByRole('button', { name: '去党员花名册' }).click();
    await page.waitForURL(new RegExp(`#/branch/${bare.id}/roster`));
  });

  it('left no errors in the browser console', () => {
    expect(session.problems.filter((text) => !text.includes('frame-ancestors'))).toEqual([]);
  });
});
