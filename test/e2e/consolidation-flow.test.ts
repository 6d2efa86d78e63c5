/**
 * The auditor's consolidation through the real renderer, bridge and core: 50 branches' files — 47
 * signed workbooks (one edited after export with openpyxl), 3 ledger packages, a truncated workbook and
 * a note that is not a ledger — made from a 50-branch demo ledger, imported into the committee's own
 * ledger in one go with a progress bar and a running summary; the committee overview then shows every
 * branch with its file's integrity.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CommitteeOverview } from '../../electron/api/index.ts';
import { generateDemo } from '../../electron/core/demo/generate.ts';
import { exportLedgerWorkbook } from '../../electron/core/export/xlsx/index.ts';
import { listUnits } from '../../electron/core/modules/org/units.ts';
import { openTestService, tempLedgerDir } from '../helpers/ledger.ts';
import {
  callApi,
  findChromium,
  type LedgerServer,
  launchBrowser,
  openPage,
  snap,
  snapFailure,
  startLedgerServer,
} from './harness.ts';

const CHROMIUM = findChromium();
const YEAR = new Date().getFullYear();
const BRANCHES = 50;
const PACKAGES = 3;

describe.skipIf(!CHROMIUM)('an auditor consolidates 50 branches’ files', () => {
  let server: LedgerServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const filesDir = path.join(tmpdir(), `ledger-consolidation-${process.pid}`);
  const files: string[] = [];
  let editedBranch = '';
  let committeeName = '';
  const consoleProblems: string[] = [];

  beforeAll(async () => {
    rmSync(filesDir, { recursive: true, force: true });
    mkdirSync(filesDir, { recursive: true });
    // The branches' side: one demo ledger holding 50 branches, each exporting its own file.
    const source = tempLedgerDir('consolidation-source-');
    const branchSide = openTestService(source.dbPath, new Date().toISOString());
    generateDemo(branchSide.ledger, { branches: BRANCHES, members: BRANCHES * 6, years: 1, seed: 11 });
    const units = listUnits(branchSide.ledger);
    committeeName = units.find((u) => u.kind === '党委')?.name ?? '';
    const branches = units.filter((u) => u.kind === '党支部');
    for (const [i, branch] of branches.entries()) {
      if (i < PACKAGES) {
        const pkg = await branchSide.call('package.export', { branchId: branch.id, year: YEAR });
        const file = path.join(filesDir, pkg.fileName);
        writeFileSync(file, Buffer.from(pkg.dataBase64, 'base64'));
        files.push(file);
      } else {
        const book = await exportLedgerWorkbook(branchSide.ledger, { branchId: branch.id, year: YEAR });
        const file = path.join(filesDir, book.fileName);
        writeFileSync(file, book.buffer);
        files.push(file);
      }
    }
    branchSide.close();
    source.cleanup();
    // One branch edits its workbook after export (a 工作岗位 typed over, saved by openpyxl).
    const edited = files[PACKAGES] as string;
    editedBranch = path.basename(edited).replace(/\d{4}年度工作台账\.xlsx$/, '');
    execFileSync('/usr/bin/python3', [
      '-c',
      `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['党员花名册']
headers = [c.value for c in ws[2]]
col = headers.index('工作岗位') + 1
ws.cell(row=3, column=col).value = '后来改写的职务'
wb.save(sys.argv[1])
`,
      edited,
    ]);
    // A truncated upload and a note that is not a ledger at all.
    const broken = path.join(filesDir, '某党支部台账（传输中断）.xlsx');
    writeFileSync(broken, readFileSync(files[PACKAGES + 1] as string).subarray(0, 4000));
    files.push(broken);
    const note = path.join(filesDir, '报送说明.txt');
    writeFileSync(note, '各支部台账已收齐。');
    files.push(note);

    server = await startLedgerServer();
    await callApi(server, 'org.setup', {
      committee: { name: committeeName },
      branches: [{ name: '党委办公室党支部', groups: [] }],
    });
    browser = await launchBrowser(CHROMIUM as string);
    ({ context, page } = await openPage(browser, consoleProblems));
  }, 300_000);

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && page) await snapFailure(page, 'consolidation-', ctx.task.name);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
    rmSync(filesDir, { recursive: true, force: true });
  });

  // biome-ignore lint/performance/useDomNodeTextContent: a Playwright Locator, not a DOM node
  const textOf = (locator: Locator) => locator.innerText();

  it('imports every file with a progress bar and a running summary', async () => {
    await page.goto(server.url.replace('#/', '#/committee/import'));
    await page.getByTestId('pick-files').setInputFiles(files);
    await page.getByText('已跳过 1 个不是台账的文件').waitFor();
    await page.getByTestId('start-import').click();
    const summary = page.getByTestId('import-summary');
    await expect
      .poll(async () => textOf(summary), { timeout: 240_000, interval: 1000 })
      .toMatch(new RegExp(`已处理\\s+${BRANCHES + 1}\\s*/ ${BRANCHES + 1}`));
    const text = await textOf(summary);
    expect(text).toContain(`已导入\n${BRANCHES}`);
    expect(text).toContain('未导入\n1');
    expect(text).toContain('导出后被修改\n1');
    const rows = page.getByTestId('import-files').locator('tbody tr.ant-table-row');
    expect(await rows.count()).toBe(BRANCHES + 1);
    expect(await textOf(rows.filter({ hasText: '传输中断' }))).toContain('无法读取');
    expect(await textOf(rows.filter({ hasText: editedBranch }).first())).toContain('导出后被修改');
    expect(await rows.filter({ hasText: '台账包' }).count()).toBe(PACKAGES);
    await snap(page, 'consolidation-01-imported');
  }, 300_000);

  it('shows all 50 branches side by side with each file’s integrity', async () => {
    const overview = await callApi<CommitteeOverview>(server, 'committee.overview', { year: YEAR });
    const imported = overview.branches.filter((b) => b.source !== null);
    expect(imported).toHaveLength(BRANCHES);
    expect(imported.filter((b) => b.source?.integrity === 'edited').map((b) => b.branchName)).toEqual([editedBranch]);
    expect(imported.filter((b) => b.source?.kind === 'ledger-package')).toHaveLength(PACKAGES);
    expect(overview.totals.filesNotIntact).toBe(1);

    await page.getByText('查看汇总').click();
    await page.getByTestId('committee-overview-table').waitFor();
    await expect
      .poll(() => page.getByTestId('committee-overview-table').locator('tbody tr.ant-table-row').count())
      // The committee's own 党支部 and the 50 imported ones; the table shows 50 a page.
      .toBe(Math.min(overview.branches.length, 50));
    expect(overview.branches).toHaveLength(BRANCHES + 1);
    expect(await textOf(page.getByTestId('committee-figures'))).toContain('报送文件被改动\n1');
    const edited = imported.find((b) => b.source?.integrity === 'edited');
    expect(await textOf(page.getByTestId(`integrity-${edited?.branchId}`))).toBe('导出后被修改');
    await snap(page, 'consolidation-02-overview');
    expect(consoleProblems).toEqual([]);
  });
});
