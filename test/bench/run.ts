/**
 * `npm run bench`: figures for a demo ledger of 20 branches and 1,000 members. Prints, never asserts.
 * Targets (issue #2): open + migrate + integrity check < 200 ms, roster list < 20 ms, 1,000-row import < 1 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { openDatabase } from '../../electron/core/db/open.ts';
import { generateDemo } from '../../electron/core/demo/generate.ts';
import { idNumberCheckChar } from '../../electron/core/modules/org/import/id-number.ts';
import { openLedgerService } from '../../electron/core/service.ts';

const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-'));
const dbPath = join(dir, 'ledger.sqlite');
const options = { dbPath, appVersion: 'bench', actor: 'bench', dailyBackup: false };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function time<T>(run: () => T): [number, T] {
  const start = performance.now();
  const result = run();
  return [performance.now() - start, result];
}

async function timeAsync<T>(run: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const result = await run();
  return [performance.now() - start, result];
}

function report(name: string, ms: number, targetMs: number): void {
  const ratio = ms / targetMs;
  console.log(
    `${name.padEnd(60)} ${ms.toFixed(1).padStart(9)} ms   target ${String(targetMs).padStart(5)} ms   ratio ${ratio.toFixed(2)}`,
  );
}

async function rosterWorkbook(rows: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('党员花名册');
  sheet.addRow(['第九党支部党员花名册']);
  sheet.addRow(['序号', '姓名', '性别', '出生日期', '公民身份号码', '入党时间', '转正时间', '学历', '联系电话']);
  for (let i = 0; i < rows; i += 1) {
    const male = i % 3 !== 0;
    const birth = `19${60 + (i % 30)}-0${1 + (i % 9)}-1${i % 10}`;
    // GB 11643: the 17th digit is odd for men and even for women.
    const sequence = String(100 + 2 * (i % 440) + (male ? 1 : 0));
    const body = `320102${birth.replaceAll('-', '')}${sequence}`;
    sheet.addRow([
      i + 1,
      `测试${i}号`,
      male ? '男' : '女',
      birth,
      body + idNumberCheckChar(body),
      '2015-07-01',
      '2016-07-01',
      '大学本科',
      '13800000000',
    ]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function main(): Promise<void> {
  console.log(
    `Branch Ledger benchmarks — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
  );
  const created = openLedgerService(options);
  const [demoMs, summary] = time(() =>
    generateDemo(created.ledger, { branches: 20, members: 1000, years: 5, seed: 1 }),
  );
  created.close();
  console.log(
    `demo ledger: ${summary.branches} branches, ${summary.members} members, ${summary.meetings} meetings over ${summary.years} years (generated in ${demoMs.toFixed(0)} ms)\n`,
  );

  const openRuns: number[] = [];
  for (let i = 0; i < 7; i += 1) {
    const [ms, service] = time(() => openLedgerService(options));
    openRuns.push(ms);
    service.close();
  }
  report('open + migrate + integrity check of core tables (median of 7)', median(openRuns), 200);
  const fullRuns: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    const [ms, opened] = time(() =>
      openDatabase(dbPath, { actor: 'bench', appVersion: 'bench', now: () => new Date(), fullCheck: true }),
    );
    fullRuns.push(ms);
    opened.db.raw.close();
  }
  report('first open of a day: full quick_check (median of 3)', median(fullRuns), 200);

  const service = openLedgerService(options);
  const branchId = (await service.call('org.list', {})).find((u) => u.kind === '党支部')?.id ?? 0;
  await service.call('member.list', { branchId });
  const listRuns: number[] = [];
  for (let i = 0; i < 20; i += 1) listRuns.push((await timeAsync(() => service.call('member.list', { branchId })))[0]);
  report('roster list, one branch (median of 20)', median(listRuns), 20);
  const allRuns: number[] = [];
  for (let i = 0; i < 20; i += 1) allRuns.push((await timeAsync(() => service.call('member.list', {})))[0]);
  report('roster list, all 1,000 members (median of 20)', median(allRuns), 20);
  const searchRuns: number[] = [];
  for (let i = 0; i < 20; i += 1)
    searchRuns.push((await timeAsync(() => service.call('member.list', { search: 'zw' })))[0]);
  report('roster search by pinyin initials (median of 20)', median(searchRuns), 20);

  const year = Number(new Date().toISOString().slice(0, 4));
  const branches = (await service.call('org.list', {})).filter((u) => u.kind === '党支部').map((u) => u.id);
  await service.call('compliance.year', { branchId, year });
  const checkRuns: number[] = [];
  for (let i = 0; i < 10; i += 1)
    checkRuns.push((await timeAsync(() => service.call('compliance.year', { branchId, year })))[0]);
  report('compliance check, one branch-year (median of 10)', median(checkRuns), 50);
  const allChecks: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    allChecks.push(
      (
        await timeAsync(async () => {
          for (const id of branches) await service.call('compliance.year', { branchId: id, year });
        })
      )[0],
    );
  }
  report(`compliance check, all ${branches.length} branches (median of 3)`, median(allChecks), 1000);
  const meetingRuns: number[] = [];
  for (let i = 0; i < 20; i += 1)
    meetingRuns.push((await timeAsync(() => service.call('life.list', { branchId, year })))[0]);
  report('meeting list of a branch-year (median of 20)', median(meetingRuns), 20);

  const target = await service.call('org.create', {
    name: '第九党支部',
    kind: '党支部',
    parentId: summary.committeeId,
  });
  const bytes = await rosterWorkbook(1000);
  const [importMs, imported] = await timeAsync(() =>
    service.call('member.importCommit', {
      branchId: target.id,
      fileName: 'bench-1000.xlsx',
      dataBase64: bytes.toString('base64'),
      skipInvalid: false,
    }),
  );
  report(`import of a ${imported.imported}-row roster (incl. pre-import backup)`, importMs, 1000);
  service.close();
  rmSync(dir, { recursive: true, force: true });
}

await main();
