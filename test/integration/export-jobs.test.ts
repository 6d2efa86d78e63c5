import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../electron/api/contract.ts';
import { gatherLedgerBook } from '../../electron/core/export/book-data.ts';
import { imageInfo, PhotoShrinker } from '../../electron/core/export/docx/images.ts';
import { buildLedgerBook, defaultBookLayout } from '../../electron/core/export/docx/index.ts';
import { verifyWorkbook } from '../../electron/core/export/xlsx/index.ts';
import { largePhotoIds, shrinkBookPhotos } from '../../electron/core/jobs/export-jobs.ts';
import { JobRunner } from '../../electron/core/jobs/worker-pool.ts';
import { attachFile, printCopyPath } from '../../electron/core/modules/life/attachments.ts';
import { listMeetings } from '../../electron/core/modules/life/meetings-read.ts';
import { ledgerFonts } from '../../electron/core/modules/settings/document-settings.ts';
import { type LedgerService, openLedgerService } from '../../electron/core/service.ts';
import { fixedClock } from '../helpers/ledger.ts';
import { type DemoBook, demoLedger, unzipDocx } from '../render/docx-helpers.ts';

/** A phone-sized photo with real detail (noise over a gradient), so it compresses like one. */
function phonePhoto(width: number, height: number): Buffer {
  const data = new Uint8Array(width * height * 4);
  let seed = 7;
  for (let i = 0; i < width * height; i += 1) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const noise = seed % 64;
    data[i * 4] = ((i % width) * 191) / width + noise;
    data[i * 4 + 1] = (Math.floor(i / width) * 191) / height + noise;
    data[i * 4 + 2] = 96 + noise;
    data[i * 4 + 3] = 255;
  }
  return jpeg.encode({ data, width, height }, 90).data;
}

/**
 * The docx library numbers pictures (wp:docPr id) from a counter global to its thread: a warm
 * worker that made other books before gives other numbers than this thread. Word only needs them
 * unique within a document, so the comparison leaves them aside.
 */
function drawingIdsAside(xml: string | undefined): string {
  return (xml ?? '').replace(/<wp:docPr id="\d+"/g, '<wp:docPr id="#"');
}

let demo: DemoBook;
let service: LedgerService;
const opened: Array<{ path: string; reveal: boolean }> = [];
let exportsDir: string;
let bigPhoto: Buffer;

beforeAll(async () => {
  demo = await demoLedger('export-jobs-');
  const meetings = listMeetings(demo.service.ledger, { branchId: demo.branchId, year: 2026 });
  const meeting = meetings.find((m) => m.id !== demo.photoMeetingId) ?? meetings[0];
  if (!meeting) throw new Error('demo made no meeting');
  bigPhoto = phonePhoto(3000, 2000);
  attachFile(demo.service.ledger, {
    meetingId: meeting.id,
    fileName: '支部党员大会现场.jpg',
    bytes: bigPhoto,
    caption: '支部党员大会现场',
  });
  // A second service on the same file, as the Electron window would open it: with an export folder and an opener.
  const dbPath = demo.service.ledger.path;
  exportsDir = join(dbPath, '..', 'exports-test');
  service = openLedgerService({
    dbPath,
    appVersion: '0.0.0-test',
    actor: 'tester',
    clock: fixedClock('2026-11-23T09:00:00+08:00'),
    dailyBackup: false,
    exportsDir,
    openFile: async (path, reveal) => {
      opened.push({ path, reveal });
    },
  });
}, 120_000);

afterAll(() => {
  service?.close();
  demo?.cleanup();
});

function collect(jobId: string): { events: ProgressEvent[]; first: Promise<void>; stop: () => void } {
  const events: ProgressEvent[] = [];
  let resolveFirst: () => void = () => {};
  const first = new Promise<void>((resolve) => {
    resolveFirst = resolve;
  });
  const stop = service.onProgress((event) => {
    if (event.jobId !== jobId) return;
    events.push(event);
    resolveFirst();
  });
  return { events, first, stop };
}

describe('export jobs in a worker thread', () => {
  it('reports progress in order and produces the same book as composing in-process', async () => {
    const progress = collect('book-1');
    const doc = await service.call('export.ledgerDocx', { branchId: demo.branchId, year: 2026, jobId: 'book-1' });
    progress.stop();

    expect(progress.events.length).toBeGreaterThanOrEqual(4);
    expect(progress.events.every((e) => e.method === 'export.ledgerDocx' && e.total === 4)).toBe(true);
    const done = progress.events.map((e) => e.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(progress.events[0]?.message).toBe('读取台账数据');
    expect(progress.events.some((e) => e.message.includes('支部党员大会现场.jpg'))).toBe(true);
    expect(progress.events.at(-1)).toMatchObject({ done: 4, message: '生成 Word 文件' });

    // The same pipeline on the main connection: the worker's connection, clock and transfer change nothing.
    const ledger = service.ledger;
    const data = gatherLedgerBook(ledger, demo.branchId, 2026);
    shrinkBookPhotos(data, new PhotoShrinker(), () => {});
    const reference = await buildLedgerBook(data, defaultBookLayout(), ledgerFonts(ledger));
    const ours = await unzipDocx(Buffer.from(doc.dataBase64, 'base64'));
    const theirs = await unzipDocx(reference.buffer);
    expect(doc.pages).toBe(reference.pages);
    for (const part of ['word/document.xml', 'word/styles.xml', 'word/footer1.xml']) {
      expect(ours.xml.get(part), part).toBe(theirs.xml.get(part));
    }
    expect([...ours.media.keys()].sort()).toEqual([...theirs.media.keys()].sort());
    for (const [name, bytes] of ours.media) expect(bytes.equals(theirs.media.get(name) ?? Buffer.alloc(0))).toBe(true);

    // The 3000 × 2000 phone photo went in downscaled to its print size, much smaller than stored.
    const jpegs = [...ours.media.values()].filter((b) => imageInfo(b)?.format === 'jpg');
    expect(jpegs).toHaveLength(1);
    const info = imageInfo(jpegs[0] ?? Buffer.alloc(0));
    expect(info?.width).toBeLessThanOrEqual(1200);
    expect(info?.width).toBeGreaterThanOrEqual(600);
    expect(jpegs[0]?.length ?? 0).toBeLessThan(bigPhoto.length / 3);
  });

  it('answers other calls and lets the main connection write while a book is being made', async () => {
    const progress = collect('book-2');
    let exportDoneAt = 0;
    const exporting = service
      .call('export.ledgerDocx', { branchId: demo.branchId, year: 2026, jobId: 'book-2' })
      .then((doc) => {
        exportDoneAt = performance.now();
        return doc;
      });
    await progress.first;
    const listed = await service.invoke('org.list', {}, 'bridge');
    const listedAt = performance.now();
    const created = await service.call('org.create', {
      name: '导出期间新建党小组',
      kind: '党小组',
      parentId: demo.branchId,
    });
    const wroteAt = performance.now();
    const doc = await exporting;
    progress.stop();

    expect(listed.ok).toBe(true);
    expect(created.name).toBe('导出期间新建党小组');
    expect(exportDoneAt).toBeGreaterThan(0);
    expect(listedAt).toBeLessThan(exportDoneAt);
    expect(wroteAt).toBeLessThan(exportDoneAt);
    expect(doc.fileName).toMatch(/2026年度工作台账\.docx$/);
  });

  it('cancels a running export: the call fails with CANCELLED and no file is written', async () => {
    const progress = collect('book-3');
    const exporting = service.invoke(
      'export.ledgerDocx',
      { branchId: demo.branchId, year: 2026, jobId: 'book-3', keepFile: true },
      'ipc',
    );
    await progress.first;
    expect(await service.call('export.cancel', { jobId: 'book-3' })).toEqual({ cancelled: true });
    const result = await exporting;
    progress.stop();

    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ code: 'CANCELLED', message: '已取消导出。' });
    expect(existsSync(exportsDir) ? readdirSync(exportsDir) : []).toEqual([]);
    // Nothing left to cancel.
    expect(await service.call('export.cancel', { jobId: 'book-3' })).toEqual({ cancelled: false });
    // A cancel that overtakes its export call (two requests crossing) still stops it.
    expect(await service.call('export.cancel', { jobId: 'book-early' })).toEqual({ cancelled: false });
    const early = await service.invoke(
      'export.ledgerDocx',
      { branchId: demo.branchId, year: 2026, jobId: 'book-early', keepFile: true },
      'ipc',
    );
    expect(early.ok).toBe(false);
    if (!early.ok) expect(early.error.code).toBe('CANCELLED');
    expect(existsSync(exportsDir) ? readdirSync(exportsDir) : []).toEqual([]);
  });

  it('exports the signed workbook through the worker, with progress, and it verifies intact', async () => {
    const progress = collect('wb-1');
    const out = await service.call('workbook.export', { branchId: demo.branchId, year: 2026, jobId: 'wb-1' });
    progress.stop();
    expect(progress.events.map((e) => e.method)).toContain('workbook.export');
    expect(progress.events.at(-1)).toMatchObject({ done: 2, total: 2 });
    const report = await verifyWorkbook(Buffer.from(out.dataBase64, 'base64'), out.fileName, { thisLedger: null });
    expect(report.status).toBe('intact');
    expect(out.sheets[0]).toBe('说明');
  });

  it('makes the books of every branch into one zip', async () => {
    const progress = collect('all-1');
    const out = await service.call('export.ledgerDocxAll', { year: 2026, jobId: 'all-1' });
    progress.stop();
    expect(out.books).toHaveLength(2);
    expect(out.fileName).toBe('2026年度各党支部工作台账.zip');
    expect(progress.events.every((e) => e.total === 2)).toBe(true);
    expect(progress.events.at(-1)?.done).toBe(2);
    const zip = Buffer.from(out.dataBase64, 'base64');
    for (const book of out.books) {
      expect(zip.includes(Buffer.from(book.fileName))).toBe(true);
      expect(book.pages ?? 0).toBeGreaterThan(20);
    }
  });
});

describe('photos spread over both workers', () => {
  it('shrinks the large photos in two workers first, and the book is the same as composed in-process', async () => {
    const meetings = listMeetings(service.ledger, { branchId: demo.branchId, year: 2026 });
    const other = meetings.at(-1);
    if (!other) throw new Error('demo made no meeting');
    // Attached straight through the module (as before print copies existed): no print copy yet.
    // The photo of the first test got its copy from that export, so only these two are shrunk.
    const added = [phonePhoto(2400, 1800), phonePhoto(2000, 1500)].map((bytes, i) =>
      attachFile(service.ledger, { meetingId: other.id, fileName: `第${i + 2}张照片.jpg`, bytes }),
    );
    expect(added.every((a) => !existsSync(printCopyPath(service.ledger.path, a.sha256)))).toBe(true);
    const waiting = largePhotoIds(service.ledger, demo.branchId, 2026);
    expect(waiting.length).toBeGreaterThanOrEqual(2);
    const progress = collect('book-photos');
    const doc = await service.call('export.ledgerDocx', { branchId: demo.branchId, year: 2026, jobId: 'book-photos' });
    progress.stop();

    const messages = progress.events.map((e) => e.message);
    expect(messages[0]).toMatch(new RegExp(`^压缩照片（\\d/${waiting.length}）$`));
    expect(messages).toContain(`压缩照片（${waiting.length}/${waiting.length}）`);
    const done = progress.events.map((e) => e.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));

    const ledger = service.ledger;
    const data = gatherLedgerBook(ledger, demo.branchId, 2026);
    shrinkBookPhotos(data, new PhotoShrinker(), () => {});
    const reference = await buildLedgerBook(data, defaultBookLayout(), ledgerFonts(ledger));
    const ours = await unzipDocx(Buffer.from(doc.dataBase64, 'base64'));
    const theirs = await unzipDocx(reference.buffer);
    expect(drawingIdsAside(ours.xml.get('word/document.xml'))).toBe(
      drawingIdsAside(theirs.xml.get('word/document.xml')),
    );
    const jpegs = [...ours.media.values()].filter((b) => imageInfo(b)?.format === 'jpg');
    expect(jpegs).toHaveLength(3);
    for (const [name, bytes] of ours.media) expect(bytes.equals(theirs.media.get(name) ?? Buffer.alloc(0))).toBe(true);
    // The workers kept what they shrank as print copies: the next book decodes nothing.
    expect(added.every((a) => existsSync(printCopyPath(service.ledger.path, a.sha256)))).toBe(true);
  });
});

describe('the worker pool', () => {
  it('keeps a worker warm after a clean job, and ends the worker of a cancelled one', async () => {
    const runner = new JobRunner({ concurrency: 1 });
    const base = { dbPath: service.ledger.path, actor: 'tester', nowIso: '2026-11-23T01:00:00.000Z' };
    const request = { kind: 'ledgerBook' as const, branchId: demo.branchId, year: 2026 };
    const first = await runner.withScope('warm-1', (scope) => scope.run(request, base, () => {}));
    expect(first.meta.kind).toBe('ledgerBook');
    expect(runner.idleWorkers).toBe(1);
    // The next job takes the warm worker; cancelling it ends that worker instead of returning it.
    const cancelled = runner.withScope('warm-2', (scope) =>
      scope.run(request, base, () => {
        runner.cancel('warm-2');
      }),
    );
    await expect(cancelled).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(runner.idleWorkers).toBe(0);
    // A refused job (no such branch) is a clean answer: the worker stays warm.
    await expect(
      runner.withScope('warm-3', (scope) => scope.run({ ...request, branchId: 999_999 }, base, () => {})),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(runner.idleWorkers).toBe(1);
    runner.cancelAll();
    expect(runner.idleWorkers).toBe(0);
  });
});

describe('opening an exported file (system.openPath)', () => {
  it('saves a kept copy in the export folder and opens only that file', async () => {
    const doc = await service.call('export.ledgerDocx', { branchId: demo.branchId, year: 2026, keepFile: true });
    expect(doc.savedPath).toBeDefined();
    const saved = doc.savedPath ?? '';
    expect(saved.startsWith(exportsDir)).toBe(true);
    expect(existsSync(saved)).toBe(true);

    expect(await service.call('system.openPath', { path: saved })).toEqual({ opened: true });
    expect(await service.call('system.openPath', { path: saved, reveal: true })).toEqual({ opened: true });
    expect(opened.map((o) => o.reveal)).toEqual([false, true]);
    expect(opened[0]?.path.endsWith('.docx')).toBe(true);

    // A second export of the same book does not overwrite the first.
    const again = await service.call('export.ledgerDocx', { branchId: demo.branchId, year: 2026, keepFile: true });
    expect(again.savedPath).not.toBe(saved);
    expect(again.savedPath).toMatch(/（2）\.docx$/);
  });

  it('refuses any path the app did not just export, and opens nothing', async () => {
    mkdirSync(exportsDir, { recursive: true });
    const planted = join(exportsDir, 'planted.exe');
    writeFileSync(planted, 'MZ');
    const before = opened.length;
    for (const path of [
      planted,
      service.ledger.path,
      join(exportsDir, '..', 'ledger.sqlite'),
      '/etc/passwd',
      'C:\\Windows\\notepad.exe',
      '\\\\server\\share\\a.docx',
    ]) {
      const result = await service.invoke('system.openPath', { path }, 'ipc');
      expect(result.ok, path).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('NOT_FOUND');
    }
    expect(opened.length).toBe(before);
  });

  it('says what to do in browser mode, where the app cannot open files', async () => {
    const result = await demo.service.invoke('system.openPath', { path: '/tmp/x.docx' }, 'bridge');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('下载列表');
  });
});
