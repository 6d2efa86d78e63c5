import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentResult, RubricInfo, SecretaryProject } from '../../electron/api/index.ts';
import { callApi, findChromium, type LedgerServer, PROJECT_ROOT, snap, textOf, useBrowserSession } from './harness.ts';

const CHROMIUM = findChromium();
const pad = (n: number) => String(n).padStart(2, '0');
const now = new Date();
const YEAR = now.getFullYear();
const yesterday = new Date(now.getTime() - 86_400_000);
const YESTERDAY = `${yesterday.getFullYear()}-${pad(yesterday.getMonth() + 1)}-${pad(yesterday.getDate())}`;

interface Unit {
  id: number;
  kind: string;
  name: string;
}

/** The shipped rubric: the chart's tier lines must be the file's thresholds, not a copy in the UI. */
const RUBRIC_FILE = JSON.parse(
  readFileSync(path.join(PROJECT_ROOT, 'templates/rubrics/default-2026.json'), 'utf8'),
) as {
  tiers: Array<{ tier: string; minScore: number }>;
  vetoes: Array<{ id: string; title: string }>;
};

const fmt = (x: number) => String(Math.round(x * 100) / 100);

describe.skipIf(!CHROMIUM)('an assessor grades a branch-year and the committee compares branches', () => {
  const session = useBrowserSession('assessment-', { demo: { branches: 2, members: 30, years: 2 } });
  let server: LedgerServer;
  let page: Page;
  let branches: Unit[] = [];
  /** The second demo branch: its assessor scored 较好 everywhere, so there is room to change. */
  let branch: Unit;

  beforeAll(async () => {
    ({ server, page } = session);
    branches = (await callApi<Unit[]>(server, 'org.list', {})).filter((unit) => unit.kind === '党支部');
    branch = branches[1] as Unit;
  });

  const open = async (route: string) => {
    await page.goto(server.url.replace('#/', `#${route}`));
  };
  const assessment = () => callApi<AssessmentResult>(server, 'assessment.get', { branchId: branch.id, year: YEAR });
  const quiet = async () => {
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 8_000 });
  };
  const pickOption = async (text: string) => {
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
  };

  it('shows the automatic items filled from the branch’s meetings and dues, with the records behind them', async () => {
    await open(`/branch/${branch.id}/assessment`);
    const b1 = page.getByTestId('item-B1');
    await b1.waitFor();
    expect(await b1.getAttribute('data-mode')).toBe('auto');
    expect(await textOf(b1)).toMatch(/支部党员大会 \d\/\d 个季度召开/);
    // Each 支部党员大会 behind the score links to its record.
    const links = b1.locator('.as-evidence a');
    expect(await links.count()).toBeGreaterThan(0);
    expect(await links.first().getAttribute('href')).toMatch(new RegExp(`#/branch/${branch.id}/life/\\d+$`));
    expect(await textOf(page.getByTestId('item-E1'))).toMatch(/党费应交 \d+ 人·月，已交 \d+ 人·月/);

    // What the page shows is what the ledger computed.
    const result = await assessment();
    const b1Score = result.items.find((item) => item.itemId === 'B1');
    expect(await textOf(b1)).toContain(b1Score?.explanation ?? '—');
    expect(await textOf(page.getByTestId('as-total'))).toContain(fmt(result.total));
    await b1.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await snap(page, 'assessment-01-auto-items', { fullPage: false });
  });

  it('scores every manual item, then shows the proposed tier and why it is not higher', async () => {
    const manual = page.locator('[data-mode="manual"]');
    const count = await manual.count();
    expect(count).toBeGreaterThan(0);
    for (let index = 0; index < count; index += 1) {
      const row = manual.nth(index);
      const editor = row.locator('.as-editor');
      const level = editor.locator('label.ant-radio-button-wrapper', { hasText: /^好 / });
      if ((await level.count()) > 0) {
        await level.click();
      } else {
        // A bonus item (创新创优): one award this year.
        const input = editor.getByLabel(/得分$/);
        await input.fill('1');
        await input.press('Tab');
      }
      await editor.getByLabel(/评分说明$/).fill(`考核组查阅台账后评定（第 ${index + 1} 项）`);
      await editor.getByRole('button', { name: '保存' }).click();
      await editor.getByText('已修改，尚未保存').waitFor({ state: 'detached' });
    }

    const result = await assessment();
    expect(result.pendingItems).toBe(0);
    expect(result.items.filter((i) => i.mode === 'manual').every((i) => i.comment?.startsWith('考核组'))).toBe(true);
    const a1 = result.items.find((i) => i.itemId === 'A1');
    expect(a1?.points).toBe(a1?.maxPoints);
    expect(a1?.explanation).toContain('评为好');

    expect(await textOf(page.getByTestId('as-total'))).toContain(fmt(result.total));
    expect((await textOf(page.getByTestId('as-tier'))).trim()).toBe(result.proposedTier);
    // A two-year demo cannot reach the top tier (红旗型 needs last year's 示范型 and 95 points), so there is a reason.
    expect(result.proposedTier).not.toBe('红旗型');
    expect(result.blockers.length).toBeGreaterThan(0);
    const blockers = await textOf(page.getByTestId('as-blockers'));
    expect(blockers).toMatch(/未能评为(标准型|示范型|红旗型)的原因/);
    for (const blocker of result.blockers) expect(blockers).toContain(blocker);
    await quiet();
    await page.evaluate('window.scrollTo(0, 0)');
    await snap(page, 'assessment-02-scored', { fullPage: false });
  });

  it('refuses a manual score above the item’s maximum, naming the item', async () => {
    await expect(
      callApi(server, 'assessment.scoreItem', { branchId: branch.id, year: YEAR, itemId: 'A1', points: 9 }),
    ).rejects.toThrow(/支部委员会健全、分工明确.*超过该项满分 4 分/);
    // The input itself cannot go above the maximum either.
    const input = page.getByTestId('editor-A1').getByLabel(/得分$/);
    await input.fill('9');
    await input.press('Tab');
    expect(await input.inputValue()).toBe('4');
  });

  it('ticks a veto with its reason, shows it as the reason, and withdraws it', async () => {
    const veto = RUBRIC_FILE.vetoes.find((v) => v.id === 'V3') as { id: string; title: string };
    const card = page.getByTestId('as-vetoes');
    await card.getByText(veto.title).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('否决理由').fill('本年度经营指标未完成');
    await dialog.getByRole('button', { name: '确认否决' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await textOf(page.getByTestId('as-blockers'))).toContain(`一票否决：${veto.title}`);
    expect((await assessment()).vetoes.map((v) => v.reason)).toEqual(['本年度经营指标未完成']);

    await card.getByRole('button', { name: '撤销' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '撤销' }).click();
    await page.getByText(`已撤销否决项 ${veto.id}`).waitFor();
    expect((await assessment()).vetoes).toEqual([]);
    expect(await textOf(page.getByTestId('as-blockers'))).not.toContain('一票否决');
  });

  it('submits for review, publishes with dates, and the sheet becomes read-only', async () => {
    await page.getByRole('button', { name: '提交上级评审' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '提交', exact: true }).click();
    await page.getByRole('button', { name: '公示考核结果' }).click();
    const dialog = page.getByRole('dialog', { name: /公示.*考核结果/ });
    await dialog.getByRole('button', { name: '确认公示' }).click();
    await page.getByText(/评分表只读/).waitFor();
    expect(await page.locator('.as-editor').count()).toBe(0);
    const result = await assessment();
    expect(result.stage).toBe('已公示');
    expect(result.publicity?.from).toBeTruthy();
    await quiet();
    await snap(page, 'assessment-03-published', { fullPage: false });
  });

  it('compares both branches on the committee view, against the rubric’s tier lines', async () => {
    await open(`/committee/assessment?year=${YEAR}&from=${branch.id}`);
    const table = page.getByTestId('committee-table');
    await table.getByText(branch.name).waitFor();
    for (const b of branches) expect(await textOf(table)).toContain(b.name);
    expect(await table.locator('tbody tr.ant-table-row').count()).toBe(branches.length);
    expect(await textOf(table)).toContain('已公示');

    // The tier lines come from the rubric (assessment.rubric), which must be the shipped file's thresholds.
    const rubric = await callApi<RubricInfo>(server, 'assessment.rubric', {});
    expect(rubric.tiers).toEqual(RUBRIC_FILE.tiers.map((t) => ({ tier: t.tier, minScore: t.minScore })));
    const lines = page.getByTestId('score-chart').locator('[data-threshold]');
    const drawn = await lines.evaluateAll((els) =>
      els.map((el) => ({
        tier: el.getAttribute('data-threshold'),
        minScore: Number(el.getAttribute('data-min-score')),
      })),
    );
    expect(drawn).toEqual(RUBRIC_FILE.tiers.map((t) => ({ tier: t.tier, minScore: t.minScore })));
    for (const b of branches) expect(await page.getByTestId(`bar-${b.id}`).count()).toBe(1);
    await snap(page, 'assessment-04-committee');
  });

  it('closes a 书记项目 target with an evidenced 成果 and shows an overdue 整改 in red', async () => {
    await open(`/branch/${branch.id}/projects?year=${YEAR}`);
    const [project] = await callApi<SecretaryProject[]>(server, 'project.list', { branchId: branch.id, year: YEAR });
    if (!project) throw new Error('the demo made no 书记项目 this year');
    const card = page.getByTestId(`project-${project.id}`);
    await card.waitFor();

    await card.getByRole('button', { name: '添加成果' }).first().click();
    let dialog = page.getByRole('dialog');
    await dialog.getByLabel('取得的成果').fill('年度重点任务提前完成');
    await dialog.getByLabel('取得日期').click();
    await dialog.getByLabel('取得日期').fill(YESTERDAY);
    await dialog.getByLabel('取得日期').press('Enter');
    await dialog.getByLabel('佐证材料').fill('年度工作总结');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await card.getByText(`目标达成 ${project.progress.targets}/${project.progress.targets}`).waitFor();

    await card.getByRole('button', { name: '添加整改' }).first().click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('整改措施').fill('建立党员责任区，逐月讲评');
    await dialog.getByLabel('完成时限').click();
    await dialog.getByLabel('完成时限').fill(YESTERDAY);
    await dialog.getByLabel('完成时限').press('Enter');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const late = card.locator('.pj-item-late', { hasText: '建立党员责任区' });
    await late.waitFor();
    expect(await textOf(late)).toContain('已逾期 1 天');
    await quiet();
    await snap(page, 'assessment-05-projects');
  });

  it('registers a hand-entered point and the member’s standing follows', async () => {
    await open(`/branch/${branch.id}/points?year=${YEAR}`);
    const row = page.locator('tr.ant-table-row').first();
    await row.waitFor();
    const name = (await textOf(row.locator('td').nth(1))).trim();
    await row.getByRole('button', { name: '登记积分' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('积分项').click();
    await pickOption('撰写学习心得或理论文章');
    await dialog.getByLabel(/备注/).fill('心得《学思践悟》');
    await dialog.getByRole('button', { name: '登记' }).click();
    await page.getByText(`已为 ${name} 登记积分`).waitFor();
    const updated = page.locator('tr.ant-table-row', { hasText: name });
    expect(await textOf(updated.locator('td').nth(4))).toBe('+3');
    await updated.locator('.ant-table-row-expand-icon').click();
    const events = await textOf(page.locator('.pt-events'));
    expect(events).toContain('撰写学习心得或理论文章');
    expect(events).toContain('人工登记：心得《学思践悟》');
    await quiet();
    await snap(page, 'assessment-06-points', { fullPage: false });
  });

  it('left no errors in the browser console', () => {
    // The CSP meta tag's frame-ancestors notice is the browser's, not the app's.
    expect(session.problems.filter((text) => !text.includes('frame-ancestors'))).toEqual([]);
  });
});
