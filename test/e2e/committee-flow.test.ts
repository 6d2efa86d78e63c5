import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CommitteeOverview } from '../../electron/api/index.ts';
import { callApi, findChromium, type LedgerServer, snap, textOf, useBrowserSession } from './harness.ts';

const CHROMIUM = findChromium();
const YEAR = new Date().getFullYear() - 1;

describe.skipIf(!CHROMIUM)('an auditor reads the committee overview of a year', () => {
  const session = useBrowserSession('committee-', { demo: { branches: 3, members: 45, years: 2 } });
  let server: LedgerServer;
  let page: Page;
  let overview: CommitteeOverview;

  beforeAll(async () => {
    ({ server, page } = session);
    overview = await callApi<CommitteeOverview>(server, 'committee.overview', { year: YEAR });
  });

  const tableRows = () => page.getByTestId('committee-overview-table').locator('tbody tr.ant-table-row');

  it('opens from a branch and shows every branch with the figures the core computed', async () => {
    const first = overview.branches[0];
    await page.goto(server.url.replace('#/', `#/branch/${first?.branchId}`));
    await page.getByTestId('open-committee-overview').click();
    await page.getByTestId('committee-overview-table').waitFor();
    await page.getByRole('combobox').first().click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: `${YEAR}` })
      .first()
      .click();
    await page.getByText(`${YEAR}年度 各党支部台账汇总`).waitFor();
    await expect.poll(() => tableRows().count()).toBe(overview.branches.length);
    const figures = await textOf(page.getByTestId('committee-figures'));
    expect(figures).toContain(`党支部\n${overview.totals.branches}`);
    expect(figures).toContain(`${overview.totals.findings} 条`);
    for (const row of overview.branches) {
      const line = await textOf(tableRows().filter({ hasText: row.branchName }));
      expect(line).toContain(String(row.members));
      if (row.findings.total > 0) expect(line).toContain(String(row.findings.total));
    }
    expect(await page.getByTestId('findings-chart').locator('.co-row').count()).toBe(overview.branches.length);
    await snap(page, 'committee-01-overview');
  });

  it('narrows to the branches that need following up and drills into one of them', async () => {
    const attention = overview.branches.filter(
      (r) => r.findings.total > 0 || r.term.state === 'expired' || r.development.overdue > 0,
    );
    expect(attention.length).toBeGreaterThan(0);
    await page.getByText('只看需要跟进的').locator('..').getByRole('switch').click();
    await expect.poll(() => tableRows().count()).toBe(attention.length);
    const withFindings = overview.branches.find((r) => r.findings.total > 0);
    if (withFindings) {
      await page.getByTestId(`findings-${withFindings.branchId}`).click();
      await page.waitForURL(new RegExp(`#/branch/${withFindings.branchId}/compliance\\?year=${YEAR}`));
      await page.locator('.ant-layout-content').getByText(String(YEAR)).first().waitFor();
      await page.goBack();
      await page.getByTestId('committee-overview-table').waitFor();
    }
  });

  it('downloads the summary workbook and the Word report', async () => {
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByText('导出汇总表').click()]);
    expect(xlsx.suggestedFilename()).toMatch(new RegExp(`${YEAR}年度党支部工作台账检查汇总\\.xlsx$`));
    expect(
      readFileSync(await xlsx.path())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    const [docx] = await Promise.all([page.waitForEvent('download'), page.getByText('导出检查报告').click()]);
    expect(docx.suggestedFilename()).toMatch(new RegExp(`${YEAR}年度党支部工作台账检查情况报告\\.docx$`));
    expect(
      readFileSync(await docx.path())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    expect(session.problems).toEqual([]);
  });
});
