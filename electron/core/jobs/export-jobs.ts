import { existsSync } from 'node:fs';
import { sql } from '../db/sql.ts';
import { gatherLedgerBook } from '../export/book-data.ts';
import { PhotoShrinker, SMALL_PHOTO_BYTES } from '../export/docx/images.ts';
import {
  bookFileName,
  buildLedgerBook,
  defaultBookLayout,
  gb2312Warnings,
  loadBookLayout,
  resolveFonts,
} from '../export/docx/index.ts';
import type { LedgerBookData } from '../export/docx/types.ts';
import { exportLedgerWorkbook } from '../export/xlsx/index.ts';
import type { Ledger } from '../ledger.ts';
import {
  attachmentData,
  printCopyPath,
  readPrintCopy,
  storePrintCopy,
  wantsPrintCopy,
} from '../modules/life/attachments.ts';
import type { JobProgress, JobRequest, JobResultMeta } from './protocol.ts';

/**
 * The bodies of the export jobs. They take a Ledger (in a worker: its own connection) and report
 * their phases in Chinese; the worker posts those to the main thread. Plain functions, so the
 * benchmark and the tests can also run them in-process.
 */

export type ReportProgress = (progress: JobProgress) => void;

export interface JobOutput {
  meta: JobResultMeta;
  bytes: Uint8Array;
}

/** Shrinks every photo of the book in place, reporting each; warnings name the attachment. */
export function shrinkBookPhotos(data: LedgerBookData, shrinker: PhotoShrinker, report: ReportProgress): void {
  const meetings = data.sections.meetings?.meetings ?? [];
  const photos = meetings.flatMap((m) => m.photos);
  photos.forEach((photo, i) => {
    report({
      message: `压缩照片（${i + 1}/${photos.length}）：${photo.fileName}`,
      done: 1 + i / photos.length,
      total: 4,
    });
    photo.data = shrinker.shrink(photo.data, photo.fileName);
  });
}

/** A shrinker that takes the attachment store's print copies where they exist. */
export function ledgerPhotoShrinker(ledger: Ledger): PhotoShrinker {
  return new PhotoShrinker((sha256) => readPrintCopy(ledger.path, sha256));
}

/**
 * Keeps the photos an export had to shrink itself (attached before print copies existed, or
 * imported from a package) as print copies, so the next export of the year does not decode them
 * again. A copy that cannot be written (read-only folder, disk full) costs only that speed-up.
 */
export function keepPrintCopies(ledger: Ledger, shrinker: PhotoShrinker): void {
  for (const { sha256, data } of shrinker.made.splice(0)) {
    try {
      storePrintCopy(ledger.path, sha256, data);
    } catch {
      // Derived data: the next export shrinks the photo again.
    }
  }
}

async function ledgerBook(
  ledger: Ledger,
  request: Extract<JobRequest, { kind: 'ledgerBook' }>,
  report: ReportProgress,
): Promise<JobOutput> {
  report({ message: '读取台账数据', done: 0, total: 4 });
  // The committee's own layout comes from the main thread (ledger_meta 'book_layout'), checked again here.
  const layout = request.layout ? loadBookLayout(request.layout, request.layout.name) : defaultBookLayout();
  const fonts = resolveFonts(request.fonts);
  const data = gatherLedgerBook(ledger, request.branchId, request.year);
  const shrinker = ledgerPhotoShrinker(ledger);
  for (const entry of request.shrunk ?? []) shrinker.remember(entry.key, entry.data);
  shrinkBookPhotos(data, shrinker, report);
  keepPrintCopies(ledger, shrinker);
  report({ message: '排版（封面、目录、六个模块）', done: 2, total: 4 });
  const doc = await buildLedgerBook(data, layout, fonts);
  report({ message: '生成 Word 文件', done: 4, total: 4 });
  return {
    meta: {
      kind: 'ledgerBook',
      fileName: bookFileName(layout, data),
      pages: doc.pages,
      warnings: [...gb2312Warnings(data.names, fonts), ...shrinker.warnings, ...doc.problems],
    },
    bytes: doc.buffer,
  };
}

async function ledgerWorkbook(
  ledger: Ledger,
  request: Extract<JobRequest, { kind: 'ledgerWorkbook' }>,
  report: ReportProgress,
): Promise<JobOutput> {
  report({ message: '读取台账数据并生成工作表', done: 0, total: 2 });
  const out = await exportLedgerWorkbook(ledger, {
    branchId: request.branchId,
    year: request.year,
    ...(request.includeFullIdNumbers !== undefined ? { includeFullIdNumbers: request.includeFullIdNumbers } : {}),
  });
  report({ message: '签名并写出 Excel 文件', done: 2, total: 2 });
  return {
    meta: { kind: 'ledgerWorkbook', fileName: out.fileName, sheets: out.sheets, fingerprint: out.fingerprint },
    bytes: out.buffer,
  };
}

/**
 * Photos of a branch-year large enough to be shrunk (JPEG/PNG over SMALL_PHOTO_BYTES) that have no
 * print copy yet: decoding them is most of a book's time, so the handler can spread them over the
 * idle workers first. Photos attached by this version have their copy and are not listed.
 */
export function largePhotoIds(ledger: Ledger, branchId: number, year: number): number[] {
  return ledger.db
    .all<{ id: number; sha256: string }>(
      'export.largePhotos',
      sql`SELECT a.id, a.sha256 FROM attachment a JOIN meeting m ON m.id = a.meeting_id
          WHERE m.branch_id = ${branchId} AND m.held_on BETWEEN ${`${year}-01-01`} AND ${`${year}-12-31`}
            AND a.mime IN ('image/jpeg', 'image/png') AND a.size_bytes > ${SMALL_PHOTO_BYTES}
          ORDER BY a.id`,
    )
    .filter((r) => !existsSync(printCopyPath(ledger.path, r.sha256)))
    .map((r) => r.id);
}

/** Whether an attachment is a photo worth a print copy (large JPEG/PNG). */
export function wantsPhotoPrintCopy(info: { mime: string; sizeBytes: number }): boolean {
  return wantsPrintCopy(info, SMALL_PHOTO_BYTES);
}

async function shrinkPhotos(
  ledger: Ledger,
  request: Extract<JobRequest, { kind: 'shrinkPhotos' }>,
  report: ReportProgress,
): Promise<JobOutput> {
  const shrinker = ledgerPhotoShrinker(ledger);
  const parts: Array<{ key: string; data: Uint8Array }> = [];
  request.attachmentIds.forEach((id, i) => {
    const file = attachmentData(ledger, id);
    const original = Buffer.from(file.dataBase64, 'base64');
    report({
      message: `压缩照片（${i + 1}/${request.attachmentIds.length}）`,
      done: i,
      total: request.attachmentIds.length,
    });
    const data = shrinker.shrink(original, `附件${id}`);
    // Only photos that did shrink travel back; the rest the book job meets again and names in its warnings.
    if (data !== original) parts.push({ key: PhotoShrinker.keyOf(original), data });
  });
  // This job is also how a photo gets its print copy when it is attached (handlers/export.ts).
  keepPrintCopies(ledger, shrinker);
  let offset = 0;
  const photos = parts.map((p) => {
    const entry = { key: p.key, offset, length: p.data.length };
    offset += p.data.length;
    return entry;
  });
  const bytes = new Uint8Array(offset);
  for (const [i, p] of parts.entries()) bytes.set(p.data, photos[i]?.offset ?? 0);
  // Warnings are left to the book job: it names the attachment by its file name.
  return { meta: { kind: 'shrinkPhotos', photos, warnings: [] }, bytes };
}

export function runExportJob(ledger: Ledger, request: JobRequest, report: ReportProgress): Promise<JobOutput> {
  switch (request.kind) {
    case 'ledgerBook':
      return ledgerBook(ledger, request, report);
    case 'ledgerWorkbook':
      return ledgerWorkbook(ledger, request, report);
    case 'shrinkPhotos':
      return shrinkPhotos(ledger, request, report);
  }
}
