/**
 * An auditor imports a branch's exported Excel ledger into their own ledger, through the real
 * renderer, bridge and core: choose the file on 数据与备份 → see the dry-run report (counts per
 * sheet, integrity 未改动) → 确认导入 → the branch and its members are there.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OrgUnit } from '../../electron/api/index.ts';
import { type DemoBook, demoLedger, RARE_NAMES } from '../render/docx-helpers.ts';
import {
  callApi,
  findChromium,
  type LedgerServer,
  launchBrowser,
  openPage,
  PROJECT_ROOT,
  snap,
  snapFailure,
  startLedgerServer,
} from './harness.ts';

const CHROMIUM = findChromium();

describe.skipIf(!CHROMIUM)('an auditor imports a branch workbook', () => {
  let server: LedgerServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let demo: DemoBook;
  let workbook: { fileName: string; dataBase64: string };
  let ownBranch: number;
  const consoleProblems: string[] = [];

  beforeAll(async () => {
    demo = await demoLedger('import-e2e-', 1);
    workbook = await demo.service.call('workbook.export', {
      branchId: demo.branchId,
      year: 2026,
      includeFullIdNumbers: true,
    });
    server = await startLedgerServer();
    const units = await callApi<OrgUnit[]>(server, 'org.setup', {
      committee: { name: '中共机关工作委员会' },
      branches: [{ name: '审核组党支部', groups: [] }],
    });
    ownBranch = units.find((u) => u.kind === '党支部')?.id ?? 0;
    browser = await launchBrowser(CHROMIUM as string);
    ({ context, page } = await openPage(browser, consoleProblems));
  }, 180_000);

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && page) await snapFailure(page, 'import-', ctx.task.name);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
    demo?.cleanup();
  });

  // biome-ignore lint/performance/useDomNodeTextContent: a Playwright Locator, not a DOM node
  const textOf = (locator: ReturnType<Page['locator']>) => locator.innerText();

  it('shows an empty state, then the dry-run report of the chosen file', async () => {
    await page.goto(`${server.url.replace(/#.*$/, '')}#/branch/${ownBranch}/data`);
    const card = page.locator('.ant-card').filter({ has: page.getByText('导入 Excel 台账', { exact: true }) });
    await card.waitFor();
    expect(await textOf(card)).toContain('尚未选择文件');
    await card.locator('input[type=file]').setInputFiles({
      name: workbook.fileName,
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(workbook.dataBase64, 'base64'),
    });
    const report = card.locator('.ant-card-inner, .ant-card-type-inner').first();
    await report.getByText('未改动').waitFor({ timeout: 60_000 });
    const text = await textOf(report);
    expect(text).toContain('预览');
    expect(text).toContain('党员花名册');
    expect(text).toContain('导入到：机关第一党支部');
    const rosterRow = report.locator('.ant-table-row', { hasText: '党员花名册' }).first();
    const cells = await rosterRow.locator('td').allInnerTexts();
    expect(Number(cells[1])).toBeGreaterThan(40);
    // Nothing written yet: a dry run.
    const before = await callApi<OrgUnit[]>(server, 'org.list', {});
    expect(before.some((u) => u.name === '机关第一党支部')).toBe(false);
    await snap(page, 'import-01-dry-run');
  });

  it('imports on 确认导入 and the members are in the ledger', async () => {
    const card = page.locator('.ant-card').filter({ has: page.getByText('导入 Excel 台账', { exact: true }) });
    await card.getByRole('button', { name: '确认导入' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '导入' }).click();
    await card.getByText('已导入', { exact: true }).waitFor({ timeout: 60_000 });
    await snap(page, 'import-02-imported');
    const units = await callApi<OrgUnit[]>(server, 'org.list', {});
    const imported = units.find((u) => u.name === '机关第一党支部');
    expect(imported?.parentId).toBe(units.find((u) => u.kind === '党委')?.id);
    const members = await callApi<Array<{ name: string }>>(server, 'member.list', { branchId: imported?.id });
    for (const name of RARE_NAMES) expect(members.map((m) => m.name)).toContain(name);

    await page.goto(`${server.url.replace(/#.*$/, '')}#/branch/${imported?.id}/roster`);
    await page.getByText(RARE_NAMES[1]).first().waitFor();
    await snap(page, 'import-03-roster');
    expect(consoleProblems).toEqual([]);
  });

  it('shows a filled-in template with a bad date as refused, naming sheet, row and column, with 确认导入 disabled', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'import-e2e-files-'));
    try {
      const template = await callApi<{ dataBase64: string }>(server, 'workbook.template', { branchId: ownBranch });
      const blank = join(dir, 'blank.xlsx');
      writeFileSync(blank, Buffer.from(template.dataBase64, 'base64'));
      const filled = join(dir, '审核组填报.xlsx');
      execFileSync('/usr/bin/python3', [
        join(PROJECT_ROOT, 'test/fixtures/workbooks/fill_template.py'),
        blank,
        filled,
        'bad-date',
      ]);
      await page.goto(`${server.url.replace(/#.*$/, '')}#/branch/${ownBranch}/data`);
      const card = page.locator('.ant-card').filter({ has: page.getByText('导入 Excel 台账', { exact: true }) });
      await card.locator('input[type=file]').setInputFiles({
        name: '审核组填报.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: readFileSync(filled),
      });
      await card.getByText('有问题的行').waitFor({ timeout: 60_000 });
      expect(await textOf(card)).toContain('无签名（填报模板）');
      const refusal = card.locator('.ant-table-row', { hasText: '2021-13-45' }).first();
      const cells = await refusal.locator('td').allInnerTexts();
      expect(cells[0]).toBe('党员花名册');
      expect(Number(cells[1])).toBeGreaterThan(3);
      expect(cells[2]).toBe('I（入党时间）');
      expect(await card.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);
      await snap(page, 'import-04-refused');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
