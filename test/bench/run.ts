/**
 * `npm run bench`: figures for a demo ledger of 20 branches and 1,000 members. Prints, never asserts.
 * Targets (issue #2): open + migrate + integrity check < 200 ms, roster list < 20 ms, 1,000-row import < 1 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import * as docx from 'docx';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import jpeg from 'jpeg-js';
import { openDatabase } from '../../electron/core/db/open.ts';
import { generateDemo } from '../../electron/core/demo/generate.ts';
import { shrinkPhoto } from '../../electron/core/export/docx/images.ts';
import { JobRunner } from '../../electron/core/jobs/worker-pool.ts';
import { printCopyPath } from '../../electron/core/modules/life/attachments.ts';
import { idNumberCheckChar } from '../../electron/core/modules/org/import/id-number.ts';
import { type LedgerService, openLedgerService } from '../../electron/core/service.ts';

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
  await exportBenchmarks(service, year);
  service.close();
  rmSync(dir, { recursive: true, force: true });
}

// ── Exports (issue #6 Performance, issue #7): in worker threads, beside the raw libraries ──────────

/** A phone-like photo (gradient under noise), distinct per seed so no cache hides the work. */
function benchPhoto(width: number, height: number, seed: number): Buffer {
  const data = new Uint8Array(width * height * 4);
  let state = seed * 7919 + 1;
  for (let i = 0; i < width * height; i += 1) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    const noise = state % 48;
    data[i * 4] = ((i % width) * 200) / width + noise;
    data[i * 4 + 1] = (Math.floor(i / width) * 200) / height + noise;
    data[i * 4 + 2] = ((seed * 37) % 200) + noise;
    data[i * 4 + 3] = 255;
  }
  return jpeg.encode({ data, width, height }, 90).data;
}

/** Peak RSS of this process (worker threads included) while `run` runs, sampled every 20 ms. */
async function withPeakRss<T>(run: () => Promise<T>): Promise<[number, number, T]> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const start = performance.now();
  try {
    const result = await run();
    return [performance.now() - start, Math.max(peak, process.memoryUsage().rss), result];
  } finally {
    clearInterval(timer);
  }
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

function reportWithBaseline(name: string, ms: number, baselineMs: number, targetMs: number, extra = ''): void {
  console.log(
    `${name.padEnd(60)} ${ms.toFixed(0).padStart(9)} ms   target ${String(targetMs).padStart(5)} ms   library alone ${baselineMs.toFixed(0).padStart(6)} ms   ×${(ms / baselineMs).toFixed(1)}${extra ? `   ${extra}` : ''}`,
  );
}

/** What the book holds, counted in its document.xml: the baseline packs as much. */
function docxShape(documentXml: string): {
  paragraphs: number;
  tables: number;
  rows: number;
  cells: number;
  chars: number;
} {
  const count = (pattern: RegExp) => (documentXml.match(pattern) ?? []).length;
  const chars = [...documentXml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].reduce(
    (n, m) => n + (m[1]?.length ?? 0),
    0,
  );
  return {
    paragraphs: count(/<w:p[ >]/g),
    tables: count(/<w:tbl>/g),
    rows: count(/<w:tr[ >]/g),
    cells: count(/<w:tc>/g),
    chars,
  };
}

/** The docx library alone: the same number of paragraphs, tables, rows and cells, similar text, packed. */
async function docxBaseline(shape: ReturnType<typeof docxShape>): Promise<number> {
  const perPara = Math.max(1, Math.round(shape.chars / Math.max(1, shape.paragraphs)));
  const text = '党支部工作台账基准文本'.repeat(Math.ceil(perPara / 11)).slice(0, perPara);
  const cellsPerRow = Math.max(1, Math.round(shape.cells / Math.max(1, shape.rows)));
  const rowsPerTable = Math.max(1, Math.round(shape.rows / Math.max(1, shape.tables)));
  const children: Array<docx.Paragraph | docx.Table> = [];
  for (let i = 0; i < shape.paragraphs - shape.cells; i += 1)
    children.push(new docx.Paragraph({ children: [new docx.TextRun(text)] }));
  for (let t = 0; t < shape.tables; t += 1) {
    const rows = Array.from(
      { length: rowsPerTable },
      () =>
        new docx.TableRow({
          children: Array.from(
            { length: cellsPerRow },
            () => new docx.TableCell({ children: [new docx.Paragraph(text)] }),
          ),
        }),
    );
    children.push(new docx.Table({ rows }));
  }
  const [ms] = await timeAsync(() => docx.Packer.toBuffer(new docx.Document({ sections: [{ children }] })));
  return ms;
}

/** exceljs alone writing the same sheets, rows and columns (strings) as our workbook. */
async function xlsxBaseline(workbooks: Buffer[]): Promise<number> {
  const shapes: Array<Array<{ name: string; rows: number; columns: number }>> = [];
  for (const bytes of workbooks) {
    const read = new ExcelJS.Workbook();
    await read.xlsx.load(bytes as unknown as ArrayBuffer);
    shapes.push(read.worksheets.map((s) => ({ name: s.name, rows: s.rowCount, columns: s.columnCount })));
  }
  const [ms] = await timeAsync(async () => {
    for (const sheets of shapes) {
      const workbook = new ExcelJS.Workbook();
      for (const sheet of sheets) {
        const ws = workbook.addWorksheet(sheet.name);
        for (let r = 0; r < sheet.rows; r += 1)
          ws.addRow(Array.from({ length: sheet.columns }, (_, c) => `第${r + 1}行第${c + 1}列`));
      }
      await workbook.xlsx.writeBuffer();
    }
  });
  return ms;
}

async function exportBenchmarks(service: LedgerService, year: number): Promise<void> {
  console.log('\nexports (worker threads; RSS is the whole process, workers included)');
  const branches = (await service.call('org.list', {})).filter((u) => u.kind === '党支部');
  const first = branches[0];
  if (!first) return;
  // 20 camera originals (4000 × 3000) on the first branch's meetings of the year, attached as the
  // clerk does (life.attach: the print copy is made in a worker). One encode, 20 distinct files: a
  // JPEG comment segment after SOI changes the bytes (and the hash), not the picture.
  const meetings = await service.call('life.list', { branchId: first.id, year });
  const photoMeetings = meetings.slice(0, 20);
  const camera = benchPhoto(4000, 3000, 1);
  const distinct = (i: number) => {
    const note = Buffer.from(`bench photo ${i}`);
    const segment = Buffer.from([0xff, 0xfe, 0, note.length + 2]);
    return Buffer.concat([camera.subarray(0, 2), segment, note, camera.subarray(2)]);
  };
  const before = process.memoryUsage().rss;
  const attached: string[] = [];
  const [attachMs] = await timeAsync(async () => {
    for (const [i, m] of photoMeetings.entries()) {
      const info = await service.call('life.attach', {
        meetingId: m.id,
        fileName: `IMG_${1000 + i}.jpg`,
        dataBase64: distinct(i).toString('base64'),
        caption: '活动现场',
      });
      attached.push(info.sha256);
    }
  });
  const members = (await service.call('member.list', { branchId: first.id })).length;
  console.log(
    `book of ${first.name}: ${members} members, ${meetings.length} meetings, ${photoMeetings.length} camera photos (${mb(camera.length)} each)`,
  );
  console.log(
    `  attaching them, print copies made in a worker: ${(attachMs / photoMeetings.length).toFixed(0)} ms per photo (the window stays responsive)`,
  );
  // Photos attached before print copies existed (or imported from a package) have none: the export
  // shrinks them in both workers and keeps the copies, so only its first run pays.
  const dropPrintCopies = () => {
    for (const sha of attached) rmSync(printCopyPath(service.ledger.path, sha), { force: true });
  };
  dropPrintCopies();
  const [oldBookMs, oldBookPeak] = await withPeakRss(() =>
    service.call('export.ledgerDocx', { branchId: first.id, year, jobId: 'bench-book-old' }),
  );
  console.log(
    `  for comparison, the same book when its photos have no print copy yet: ${(oldBookMs / 1000).toFixed(2)} s, peak ${mb(oldBookPeak)}`,
  );

  // One book, as the app makes it: worker start, own connection, gather, shrink photos, compose, transfer.
  let events = 0;
  const stop = service.onProgress(() => {
    events += 1;
  });
  const [bookMs, bookPeak, book] = await withPeakRss(() =>
    service.call('export.ledgerDocx', { branchId: first.id, year, jobId: 'bench-book' }),
  );
  const bytes = Buffer.from(book.dataBase64, 'base64');
  const unzipped = unzipSync(bytes);
  const documentXml = unzipped['word/document.xml'];
  // The 20 originals differ only in a comment segment, so their print copies are the same picture
  // and Word stores it once: the file size understates a real book by about 19 × 60 KB.
  const pictures = Object.keys(unzipped).filter((n) => n.startsWith('word/media/')).length;
  console.log(`  ${pictures} distinct picture(s) in the book`);
  const shape = docxShape(new TextDecoder().decode(documentXml));
  const baseline = await docxBaseline(shape);
  reportWithBaseline(
    'ledger book, one branch-year (Word, worker)',
    bookMs,
    baseline,
    3000,
    `peak ${mb(bookPeak)} (+${mb(bookPeak - before)})   ${book.pages} pages, ${(bytes.length / 2 ** 20).toFixed(1)} MB, ${events} progress events`,
  );
  console.log(
    `  baseline: docx Packer.toBuffer of ${shape.paragraphs} paragraphs, ${shape.tables} tables, ${shape.rows} rows, ${shape.cells} cells, ${shape.chars} characters`,
  );

  // The job alone, in a worker of our own, to read the worker's maxRSS.
  const runner = new JobRunner();
  const job = await runner.withScope('bench-maxrss', (scope) =>
    scope.run(
      { kind: 'ledgerBook', branchId: first.id, year },
      { dbPath: service.ledger.path, actor: 'bench', nowIso: new Date().toISOString() },
      () => {},
    ),
  );
  console.log(`  worker resourceUsage().maxRSS: ${mb(job.maxRssKb * 1024)}`);

  // A camera original costs far more: decode dominates (jpeg-js is pure JavaScript).
  const original = benchPhoto(4000, 3000, 99);
  const [shrinkMs, shrunk] = time(() => shrinkPhoto(original, 'IMG_0001.jpg'));
  console.log(
    `  one 4000 × 3000 camera photo: shrunk in ${shrinkMs.toFixed(0)} ms, ${mb(original.length)} → ${(shrunk.data.length / 1024).toFixed(0)} KB`,
  );

  // The books of every branch in one run (2 workers), zipped, with progress: first as photos
  // attached before print copies existed, then as attached now.
  dropPrintCopies();
  const [oldAllMs, oldAllPeak] = await withPeakRss(() =>
    service.call('export.ledgerDocxAll', { year, jobId: 'bench-all-old' }),
  );
  console.log(
    `  for comparison, all books when the photos have no print copy yet: ${(oldAllMs / 1000).toFixed(2)} s, peak ${mb(oldAllPeak)}`,
  );
  events = 0;
  const [allMs, allPeak, all] = await withPeakRss(() =>
    service.call('export.ledgerDocxAll', { year, jobId: 'bench-all' }),
  );
  stop();
  let allBaseline = 0;
  for (const name of Object.keys(unzipSync(Buffer.from(all.dataBase64, 'base64')))) {
    const inner = unzipSync(Buffer.from(all.dataBase64, 'base64'))[name];
    if (!inner) continue;
    const xml = unzipSync(inner)['word/document.xml'];
    allBaseline += await docxBaseline(docxShape(new TextDecoder().decode(xml)));
  }
  reportWithBaseline(
    `ledger books of all ${all.books.length} branches in one run (zip)`,
    allMs,
    allBaseline,
    40000,
    `peak ${mb(allPeak)}   ${events} progress events`,
  );

  // The signed workbooks of all branches (issue #7), two workers at a time.
  const [xlsxMs, xlsxPeak, workbooks] = await withPeakRss(() =>
    Promise.all(
      branches.map((b) => service.call('workbook.export', { branchId: b.id, year, jobId: `bench-xlsx-${b.id}` })),
    ),
  );
  const xlsxBytes = workbooks.map((w) => Buffer.from(w.dataBase64, 'base64'));
  reportWithBaseline(
    `signed ledger workbooks of all ${branches.length} branches (Excel)`,
    xlsxMs,
    await xlsxBaseline(xlsxBytes),
    5000,
    `peak ${mb(xlsxPeak)}`,
  );
  await importBenchmarks(xlsxBytes);
}

// ── Import of our workbooks (issue #7): read + verify + apply, beside exceljs alone reading ───────

/**
 * The branches' signed workbooks imported into an empty ledger (every record added), then again
 * (every record unchanged), beside exceljs alone loading the same files. Target: 200 files < 60 s,
 * reading one file within 1.5× the library's own read.
 */
async function importBenchmarks(workbooks: Buffer[]): Promise<void> {
  const { readOurWorkbook } = await import('../../electron/core/import/index.ts');
  console.log(`\nimports of ${workbooks.length} branch workbooks (Excel)`);
  const importDir = mkdtempSync(join(tmpdir(), 'ledger-bench-import-'));
  const target = openLedgerService({ ...options, dbPath: join(importDir, 'ledger.sqlite') });
  try {
    const [baselineMs] = await timeAsync(async () => {
      for (const bytes of workbooks) await new ExcelJS.Workbook().xlsx.load(bytes as unknown as ArrayBuffer);
    });
    const [readMs] = await timeAsync(async () => {
      for (const [i, bytes] of workbooks.entries()) await readOurWorkbook(target.ledger, bytes, `bench-${i}.xlsx`, {});
    });
    reportWithBaseline('read + verify every workbook (no writes)', readMs, baselineMs, 1.5 * baselineMs);
    const run = (dryRun: boolean) =>
      timeAsync(async () => {
        let records = 0;
        for (const [i, bytes] of workbooks.entries()) {
          const report = await target.call('import.workbook', {
            fileName: `bench-${i}.xlsx`,
            dataBase64: bytes.toString('base64'),
            dryRun,
          });
          records += report.rows.length;
        }
        return records;
      });
    const [firstMs, records] = await run(false);
    reportWithBaseline(
      `import into an empty ledger (${records} records, pre-import backup per file)`,
      firstMs,
      baselineMs,
      (60000 * workbooks.length) / 200,
    );
    const [againMs] = await run(false);
    reportWithBaseline(
      'the same files again (all unchanged, nothing written)',
      againMs,
      baselineMs,
      (60000 * workbooks.length) / 200,
    );
    console.log(
      `  per file: ${(firstMs / workbooks.length).toFixed(0)} ms first, ${(againMs / workbooks.length).toFixed(0)} ms again; 200 files ≈ ${(((firstMs / workbooks.length) * 200) / 1000).toFixed(1)} s`,
    );
  } finally {
    target.close();
    rmSync(importDir, { recursive: true, force: true });
  }
}

await main();
