/**
 * The ledger package through the real renderer, bridge and core: on 数据与备份 the clerk exports the
 * signed package (after a confirmation), checks it (完好), then imports another ledger's package —
 * previewed first, written only after 确认导入 — and the roster grows by what the report said.
 * The other ledger's package is made with the CLI (`demo`, `export --format package`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Zippable, zipSync } from 'fflate';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MemberRow, OrgUnit } from '../../electron/api/index.ts';
import { PACKAGE_LIMITS, readZip } from '../../electron/core/package/safe-zip.ts';
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

function cli(...args: string[]): string {
  const run = spawnSync(process.execPath, ['electron/cli/bin.mjs', ...args], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`branch-ledger ${args.join(' ')} failed:\n${run.stdout}\n${run.stderr}`);
  return run.stdout;
}

describe.skipIf(!CHROMIUM)('a clerk exports, checks and imports ledger packages', () => {
  let server: LedgerServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let otherDir: string;
  let otherPackage: string;
  let branchId: number;
  let exportedBytes: Buffer;
  const consoleProblems: string[] = [];

  beforeAll(async () => {
    server = await startLedgerServer();
    cli(
      'demo',
      '--db',
      path.join(server.dataDir, 'ledger.sqlite'),
      '--branches',
      '1',
      '--members',
      '15',
      '--years',
      '1',
    );
    const units = await callApi<OrgUnit[]>(server, 'org.list', {});
    branchId = units.find((u) => u.kind === '党支部')?.id ?? 0;

    // Another computer's ledger, with other people in it, exported as a package by the CLI.
    otherDir = mkdtempSync(path.join(tmpdir(), 'package-e2e-other-'));
    const otherDb = path.join(otherDir, 'ledger.sqlite');
    cli('demo', '--db', otherDb, '--branches', '1', '--members', '8', '--years', '1', '--seed', '9');
    const otherUnits = JSON.parse(cli('org', 'list', '--db', otherDb, '--json')) as OrgUnit[];
    const otherBranch = otherUnits.find((u) => u.kind === '党支部')?.id;
    otherPackage = path.join(otherDir, 'other.zip');
    cli('export', '--db', otherDb, '--branch', String(otherBranch), '--format', 'package', '--out', otherPackage);

    browser = await launchBrowser(CHROMIUM as string);
    ({ context, page } = await openPage(browser, consoleProblems));
  }, 240_000);

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && page) await snapFailure(page, 'package-', ctx.task.name);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
    if (otherDir) rmSync(otherDir, { recursive: true, force: true });
  });

  // biome-ignore lint/performance/useDomNodeTextContent: a Playwright Locator, not a DOM node
  const textOf = (locator: Locator) => locator.innerText();
  const card = () => page.locator('.ant-card').filter({ hasText: '台账包（完整导出与导入）' });

  it('shows the package card with what to do', async () => {
    await page.goto(server.url.replace('#/', `#/branch/${branchId}/data`));
    await card().waitFor();
    expect(await textOf(card())).toContain('点“导入台账包”先预览再导入');
    await card().scrollIntoViewIfNeeded();
    await snap(page, 'package-01-card', { fullPage: false });
  });

  it('exports the signed package after a confirmation, and checks it as intact', async () => {
    await card()
      .getByRole('button', { name: /导出台账包/ })
      .click();
    await page.locator('.ant-popover:visible').getByText('含完整公民身份号码').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('.ant-popover:visible').getByRole('button', { name: '导出' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/_\d{4}_台账包\.zip$/);
    const bytes = readFileSync(await download.path());
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    await card()
      .getByText(/已导出“.*台账包\.zip”/)
      .waitFor();

    await card()
      .locator('input[type=file]')
      .first()
      .setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/zip', buffer: bytes });
    await card().getByText('：完好').waitFor();
    expect(await textOf(card())).toContain('台账包与导出时完全一致');
    await snap(page, 'package-02-verified', { fullPage: false });
    exportedBytes = bytes;
  });

  it('names the changed record when a package was edited after export', async () => {
    const files = readZip(exportedBytes, PACKAGE_LIMITS);
    const meetings = JSON.parse(Buffer.from(files.get('data/meetings.json') ?? []).toString('utf8'));
    const first = meetings[0];
    first.content = `${first.content ?? ''}（补记）`;
    files.set('data/meetings.json', Buffer.from(JSON.stringify(meetings)));
    const zippable: Zippable = {};
    for (const [name, data] of files) zippable[name] = data;
    await card()
      .locator('input[type=file]')
      .first()
      .setInputFiles({ name: 'edited.zip', mimeType: 'application/zip', buffer: Buffer.from(zipSync(zippable)) });
    await card().getByText('edited.zip：导出后被改动').waitFor();
    expect(await textOf(card())).toContain(`${first.heldOn} ${first.kind} ${first.title}被改动`);
    await snap(page, 'package-02b-edited', { fullPage: false });
  });

  it('previews another ledger’s package, imports it on confirmation, and the roster grows', async () => {
    const before = await callApi<MemberRow[]>(server, 'member.list', {});
    await card()
      .locator('input[type=file]')
      .nth(1)
      .setInputFiles({ name: 'other.zip', mimeType: 'application/zip', buffer: readFileSync(otherPackage) });
    const dialog = page.locator('.ant-modal:visible');
    await dialog.getByText('导入预览：other.zip').waitFor();
    expect(await textOf(dialog)).toContain('预览“other.zip”');
    expect(await callApi<MemberRow[]>(server, 'member.list', {})).toHaveLength(before.length);
    await snap(page, 'package-03-preview', { fullPage: false });

    await dialog.getByRole('button', { name: '确认导入' }).click();
    await card()
      .getByText(/已导入“other\.zip”/)
      .waitFor({ timeout: 60_000 });
    const after = await callApi<MemberRow[]>(server, 'member.list', {});
    expect(after.length).toBeGreaterThan(before.length);
    await snap(page, 'package-04-imported');
    expect(consoleProblems).toEqual([]);
  });
});
