/**
 * 考核细则 and deletes through the real renderer, bridge and core. A committee opens 考核细则 and sees the
 * shipped example marked 示例; it picks a broken rubric file and reads the problem named by item, then its
 * own file: the preview shows the categories and what importing will do, it confirms, and the branch's
 * assessment is re-scored with the new items (the old rubric's score kept, shown as 不在当前细则). A clerk
 * deletes a 书记项目 entry after confirming; deleting a 问题 that still has a 整改 is refused with the reason.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentResult, RubricInfo, SecretaryProject } from '../../electron/api/index.ts';
import { callApi, findChromium, type LedgerServer, PROJECT_ROOT, snap, textOf, useBrowserSession } from './harness.ts';

const CHROMIUM = findChromium();
const YEAR = new Date().getFullYear();
const FIXTURES = path.join(PROJECT_ROOT, 'test', 'fixtures', 'rubrics');

interface Unit {
  id: number;
  kind: string;
  name: string;
}

describe.skipIf(!CHROMIUM)('a committee imports its own 考核细则; a clerk deletes a project entry', () => {
  const session = useBrowserSession('rubric-');
  let server: LedgerServer;
  let page: Page;
  let branch: Unit;
  let project: SecretaryProject;

  beforeAll(async () => {
    ({ server, page } = session);
    const units = await callApi<Unit[]>(server, 'org.setup', {
      committee: { name: '中共示例公司委员会' },
      branches: [{ name: '机关第一党支部', groups: [] }],
    });
    branch = units.find((u) => u.kind === '党支部') as Unit;
    // Scored under the shipped example: after the import this score is kept but no longer counts.
    await callApi(server, 'assessment.scoreItem', { branchId: branch.id, year: YEAR, itemId: 'G3', points: 3 });
    project = await callApi<SecretaryProject>(server, 'project.save', {
      branchId: branch.id,
      year: YEAR,
      title: '“党建+服务”融合项目',
    });
    project = await callApi<SecretaryProject>(server, 'project.saveItem', {
      projectId: project.id,
      kind: '问题',
      text: '窗口服务群众满意度不高',
    });
    project = await callApi<SecretaryProject>(server, 'project.saveItem', {
      projectId: project.id,
      kind: '整改',
      text: '设立党员示范窗口',
      linkedTo: project.items[0]?.id,
    });
  });

  const open = async (route: string) => {
    await page.goto(server.url.replace('#/', `#${route}`));
  };
  const choose = async (fileName: string) => {
    await page.locator('input[type=file]').setInputFiles(path.join(FIXTURES, fileName));
  };

  it('shows the shipped example rubric, marked 示例, with its items, tiers and vetoes', async () => {
    await open(`/committee/rubric?from=${branch.id}`);
    const current = page.getByTestId('rubric-current');
    await current.waitFor();
    expect(await textOf(current)).toContain('党支部标准化规范化建设考核细则（示例，据公开细则整理）');
    await page.getByTestId('rubric-example-tag').waitFor();
    expect(await textOf(page.getByTestId('rubric-category-life'))).toContain('支委会每月至少召开 1 次');
    expect(await textOf(page.getByTestId('rubric-vetoes'))).toContain('最高评为标准型');
    expect(await page.getByRole('button', { name: '恢复示例细则' }).isDisabled()).toBe(true);
    await snap(page, 'rubric-01-example', { fullPage: false });
  });

  it('lists the problems of a broken file by item and imports nothing', async () => {
    await choose('bad-metric.json');
    const problems = page.getByTestId('rubric-problems');
    await problems.waitFor();
    expect(await textOf(problems)).toContain('评分项“L1 制定年度工作计划”：引用的指标“plan.written”不存在');
    expect(await page.getByRole('button', { name: '确认导入' }).count()).toBe(0);
    await snap(page, 'rubric-02-problems', { fullPage: false });
    await page.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    await problems.waitFor({ state: 'detached' });
    const rubric = await callApi<RubricInfo>(server, 'assessment.rubric', {});
    expect(rubric.example).toBe(true);
  });

  it('previews the committee’s file, imports it on confirmation and shows it as the rubric in force', async () => {
    await choose('county-2026.json');
    const preview = page.getByTestId('rubric-preview');
    await preview.waitFor();
    const text = await textOf(preview);
    expect(text).toContain('某县委党支部考核细则（测试用）');
    expect(text).toContain('100 分（2 类 4 项）');
    expect(text).toContain('1 个未公示的考核将按新细则重新计分');
    await snap(page, 'rubric-03-preview', { fullPage: false });
    await page.getByRole('button', { name: '确认导入' }).click();
    await preview.waitFor({ state: 'detached' });
    const current = page.getByTestId('rubric-current');
    await page.getByText('本单位细则').waitFor();
    expect(await textOf(current)).toContain('导入自 county-2026.json');
    expect(await textOf(page.getByTestId('rubric-category-review'))).toContain('好 20、较好 15、一般 10、差 0');
    expect(await page.getByRole('button', { name: '恢复示例细则' }).isDisabled()).toBe(false);
    await snap(page, 'rubric-04-imported');
  });

  it('re-scores the branch’s assessment with the new items and keeps the old score as 不在当前细则', async () => {
    await open(`/branch/${branch.id}/assessment?year=${YEAR}`);
    await page.getByTestId('item-L1').waitFor();
    const result = await callApi<AssessmentResult>(server, 'assessment.get', { branchId: branch.id, year: YEAR });
    // No records: L1 (annual plan) 0 of 30, L2 (党课 < 4) the partial 10; R1, R2 unscored.
    expect(result.items.map((i) => [i.itemId, i.points])).toEqual([
      ['L1', 0],
      ['L2', 10],
      ['R1', null],
      ['R2', null],
    ]);
    expect(await textOf(page.getByTestId('as-total'))).toContain('10');
    const stale = page.getByTestId('as-stale');
    expect(await textOf(stale)).toContain('G3');
    expect(await textOf(stale)).toContain('不在当前细则');
    expect(await page.getByTestId('item-G3').count()).toBe(0);
    await snap(page, 'rubric-05-rescored');
  });

  it('deletes a 书记项目 entry after confirmation, and refuses a 问题 that still has its 整改', async () => {
    await open(`/branch/${branch.id}/projects?year=${YEAR}`);
    const problem = project.items.find((i) => i.kind === '问题');
    const rectification = project.items.find((i) => i.kind === '整改');
    const problemCard = page.getByTestId(`pj-item-${problem?.id}`);
    await problemCard.waitFor();
    await problemCard.getByRole('button', { name: '删除问题' }).click();
    const confirm = page.locator('.ant-popconfirm:visible');
    expect(await textOf(confirm)).toContain('其下还有 1 条整改，须先删除它们');
    await confirm.getByRole('button', { name: '删除' }).click();
    const notice = page.locator('.ant-notification-notice', { hasText: '请先删除它们' });
    await notice.waitFor();
    expect(await problemCard.count()).toBe(1);
    await snap(page, 'rubric-06-delete-refused', { fullPage: false });
    await notice.locator('.ant-notification-notice-close').click();

    const rectificationCard = page.getByTestId(`pj-item-${rectification?.id}`);
    await rectificationCard.getByRole('button', { name: '删除整改' }).click();
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: '删除' }).click();
    await rectificationCard.waitFor({ state: 'detached' });
    await page.getByText('已删除整改“设立党员示范窗口”').waitFor();
    const projects = await callApi<SecretaryProject[]>(server, 'project.list', { branchId: branch.id, year: YEAR });
    expect(projects[0]?.items.map((i) => i.kind)).toEqual(['问题']);
    await snap(page, 'rubric-07-deleted', { fullPage: false });
  });

  it('deletes a hand-entered 党员积分 entry after confirmation; automatic points offer no delete', async () => {
    const member = await callApi<{ id: number }>(server, 'member.create', {
      branchId: branch.id,
      name: '李红',
      gender: '女',
      birthDate: '1988-03-02',
      joinDate: '2012-07-01',
      fullDate: '2013-07-01',
    });
    await callApi(server, 'points.add', {
      branchId: branch.id,
      memberId: member.id,
      date: `${YEAR}-01-05`,
      ruleId: 'ESSAY',
      note: '心得《学思践悟》',
    });
    await open(`/branch/${branch.id}/points?year=${YEAR}`);
    expect(await textOf(page.getByTestId('points-scheme'))).toContain('示例');
    const row = page.locator('tr.ant-table-row', { hasText: '李红' });
    await row.waitFor();
    await row.locator('.ant-table-row-expand-icon').click();
    const events = page.locator('.pt-events');
    const entry = events.locator('tr', { hasText: '撰写学习心得或理论文章' });
    await entry.getByRole('button', { name: /删除登记积分/ }).click();
    const confirm = page.locator('.ant-popconfirm:visible');
    expect(await textOf(confirm)).toContain('删除这条登记积分？');
    await snap(page, 'rubric-08-points-delete', { fullPage: false });
    await confirm.getByRole('button', { name: '删除' }).click();
    await page.getByText('已删除登记积分：撰写学习心得或理论文章').waitFor();
    await entry.waitFor({ state: 'detached' });
    const points = await callApi<Array<{ memberId: number; manual: number }>>(server, 'points.year', {
      branchId: branch.id,
      year: YEAR,
    });
    expect(points.find((m) => m.memberId === member.id)?.manual).toBe(0);
  });

  it('returns to the example rubric after confirmation', async () => {
    await open(`/committee/rubric?from=${branch.id}`);
    await page.getByRole('button', { name: '恢复示例细则' }).click();
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: '恢复' }).click();
    await page.getByTestId('rubric-example-tag').waitFor();
    const rubric = await callApi<RubricInfo>(server, 'assessment.rubric', {});
    expect(rubric.origin.kind).toBe('shipped');
    // The CSP meta tag's frame-ancestors notice is the browser's, not the app's.
    expect(session.problems.filter((text) => !text.includes('frame-ancestors'))).toEqual([]);
  });
});
