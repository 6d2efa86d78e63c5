import { sql } from '../db/sql.ts';
import { gatherLedgerBook } from '../export/book-data.ts';
import { PhotoShrinker, SMALL_PHOTO_BYTES } from '../export/docx/images.ts';
import {
  bookFileName,
  buildLedgerBook,
  defaultBookLayout,
  gb2312Warnings,
  resolveFonts,
} from '../export/docx/index.ts';
import type { LedgerBookData } from '../export/docx/types.ts';
import { exportLedgerWorkbook } from '../export/xlsx/index.ts';
import type { Ledger } from '../ledger.ts';
import { attachmentData } from '../modules/life/attachments.ts';
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

async function ledgerBook(
  ledger: Ledger,
  request: Extract<JobRequest, { kind: 'ledgerBook' }>,
  report: ReportProgress,
): Promise<JobOutput> {
  report({ message: '读取台账数据', done: 0, total: 4 });
  const layout = defaultBookLayout();
  const fonts = resolveFonts(request.fonts);
  const data = gatherLedgerBook(ledger, request.branchId, request.year);
  const shrinker = new PhotoShrinker();
  for (const entry of request.shrunk ?? []) shrinker.remember(entry.key, entry.data);
  shrinkBookPhotos(data, shrinker, report);
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
 * Photos of a branch-year large enough to be shrunk (JPEG/PNG over SMALL_PHOTO_BYTES): decoding
 * them is most of a book's time, so the handler can spread them over the idle workers first.
 */
export function largePhotoIds(ledger: Ledger, branchId: number, year: number): number[] {
  return ledger.db
    .all<{ id: number }>(
      'export.largePhotos',
      sql`SELECT a.id FROM attachment a JOIN meeting m ON m.id = a.meeting_id
          WHERE m.branch_id = ${branchId} AND m.held_on BETWEEN ${`${year}-01-01`} AND ${`${year}-12-31`}
            AND a.mime IN ('image/jpeg', 'image/png') AND a.size_bytes > ${SMALL_PHOTO_BYTES}
          ORDER BY a.id`,
    )
    .map((r) => r.id);
}

async function shrinkPhotos(
  ledger: Ledger,
  request: Extract<JobRequest, { kind: 'shrinkPhotos' }>,
  report: ReportProgress,
): Promise<JobOutput> {
  const shrinker = new PhotoShrinker();
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
