import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { zipSync } from 'fflate';
import type { OutputOf, ParsedInputOf, ProgressEvent } from '../../api/contract.ts';
import type { ExportedBooks, ExportedDocument, exportApi } from '../../api/export.ts';
import type { AttachmentInfo } from '../../api/life.ts';
import type { ExportedWorkbook, workbookApi } from '../../api/workbook.ts';
import { gatherMeetingRecord } from '../export/book-data.ts';
import { buildMeetingRecord, gb2312Warnings } from '../export/docx/index.ts';
import { safeFileName } from '../export/file-name.ts';
import { type ExportFolder, exportFolder, type OpenFile, openExportedFile } from '../jobs/export-files.ts';
import { keepPrintCopies, largePhotoIds, ledgerPhotoShrinker, wantsPhotoPrintCopy } from '../jobs/export-jobs.ts';
import type { JobProgress, ShrunkPhotoEntry } from '../jobs/protocol.ts';
import { type JobBase, JobRunner, type JobScope } from '../jobs/worker-pool.ts';
import type { Ledger } from '../ledger.ts';
import { attachFile, printCopyPath } from '../modules/life/attachments.ts';
import { listUnits } from '../modules/org/units.ts';
import { meetingFromUserTemplate } from '../modules/settings/doc-templates.ts';
import { ledgerBookLayout, ledgerFonts, storedBookLayout } from '../modules/settings/document-settings.ts';
import type { LedgerRef } from './types.ts';

type ExportApi = typeof exportApi;
type ExportHandlers = {
  [M in keyof ExportApi]: (input: ParsedInputOf<ExportApi[M]>) => Promise<OutputOf<ExportApi[M]>>;
};

/** What long exports share: the worker pool, the progress channel, the export folder and the shell's opener. */
export interface ExportJobContext {
  runner: JobRunner;
  progress: (event: ProgressEvent) => void;
  folder: ExportFolder;
  /** Electron's shell.openPath / showItemInFolder; absent in browser mode and the CLI. */
  open?: OpenFile;
}

/** For callers without a service (tests of the handlers alone): no progress listeners, exports beside the ledger. */
export function defaultJobContext(ledger: LedgerRef): ExportJobContext {
  return {
    runner: new JobRunner(),
    progress: () => {},
    folder: exportFolder(join(dirname(ledger().path), 'exports')),
  };
}

function jobBase(ledger: Ledger): JobBase {
  return { dbPath: ledger.path, actor: ledger.actor, nowIso: ledger.clock().toISOString() };
}

function emitter(jobs: ExportJobContext, method: string, jobId: string) {
  return (p: JobProgress) => jobs.progress({ method, jobId, done: p.done, total: p.total, message: p.message });
}

/** The saved copy is written only after a last cancel check: a cancelled job never leaves a file. */
function kept<T extends { savedPath?: string }>(
  jobs: ExportJobContext,
  scope: JobScope,
  out: T,
  fileName: string,
  bytes: Uint8Array,
  keep?: boolean,
): T {
  scope.check();
  return keep ? { ...out, savedPath: jobs.folder.save(fileName, bytes) } : out;
}

/**
 * Decoding photos is most of a book's time. With two or more large photos, both workers shrink
 * half of them first (phase one of the progress bar); the book job then only composes.
 */
async function preShrinkPhotos(
  ledger: Ledger,
  scope: JobScope,
  input: { branchId: number; year: number },
  emit: (p: JobProgress) => void,
): Promise<ShrunkPhotoEntry[]> {
  const ids = largePhotoIds(ledger, input.branchId, input.year);
  if (ids.length < 2) return [];
  const halves = [ids.filter((_, i) => i % 2 === 0), ids.filter((_, i) => i % 2 === 1)];
  const done = [0, 0];
  const results = await Promise.all(
    halves.map((attachmentIds, h) =>
      scope
        .run({ kind: 'shrinkPhotos', attachmentIds }, jobBase(ledger), (p) => {
          done[h] = p.done + 1;
          const total = (done[0] ?? 0) + (done[1] ?? 0);
          emit({ message: `压缩照片（${total}/${ids.length}）`, done: total / ids.length, total: 4 });
        })
        .catch((error: unknown) => {
          scope.cancel();
          throw error;
        }),
    ),
  );
  return results.flatMap(({ meta, bytes }) =>
    meta.kind === 'shrinkPhotos'
      ? meta.photos.map((p) => ({ key: p.key, data: new Uint8Array(bytes.subarray(p.offset, p.offset + p.length)) }))
      : [],
  );
}

/** Progress never runs backwards, though the book job starts its own count at zero. */
function monotonic(emit: (p: JobProgress) => void): (p: JobProgress) => void {
  let last = 0;
  return (p) => {
    last = Math.max(last, p.done);
    emit({ ...p, done: last });
  };
}

/** Word export: the books run in worker threads (progress, cancel); a single record is small and stays here. */
export function exportHandlers(ledger: LedgerRef, jobs: ExportJobContext = defaultJobContext(ledger)): ExportHandlers {
  return {
    'export.ledgerDocx': (input) => {
      const fonts = ledgerFonts(ledger(), input.fonts);
      return jobs.runner.withScope(input.jobId, async (scope) => {
        const emit = monotonic(emitter(jobs, 'export.ledgerDocx', scope.jobId));
        const shrunk = await preShrinkPhotos(ledger(), scope, input, emit);
        const layout = storedBookLayout(ledger());
        const { meta, bytes } = await scope.run(
          {
            kind: 'ledgerBook',
            branchId: input.branchId,
            year: input.year,
            fonts,
            shrunk,
            ...(layout ? { layout } : {}),
          },
          jobBase(ledger()),
          emit,
        );
        if (meta.kind !== 'ledgerBook') throw new Error('ledger book job returned another kind');
        const doc: ExportedDocument = {
          fileName: meta.fileName,
          dataBase64: bytes.toString('base64'),
          pages: meta.pages,
          warnings: meta.warnings,
        };
        return kept(jobs, scope, doc, meta.fileName, bytes, input.keepFile);
      });
    },
    'export.ledgerDocxAll': (input) => {
      const fonts = ledgerFonts(ledger(), input.fonts);
      const branches = listUnits(ledger()).filter((u) => u.kind === '党支部');
      const layout = storedBookLayout(ledger());
      return jobs.runner.withScope(input.jobId, async (scope) => {
        const emit = emitter(jobs, 'export.ledgerDocxAll', scope.jobId);
        const shares = branches.map(() => 0);
        const report = (i: number, name: string, p: JobProgress) => {
          shares[i] = p.total > 0 ? p.done / p.total : 0;
          const done = shares.reduce((a, b) => a + b, 0);
          emit({ message: `${name}：${p.message}`, done: Math.round(done * 100) / 100, total: branches.length });
        };
        const base = jobBase(ledger());
        const results = await Promise.all(
          branches.map((b, i) =>
            scope
              .run(
                { kind: 'ledgerBook', branchId: b.id, year: input.year, fonts, ...(layout ? { layout } : {}) },
                base,
                (p) => report(i, b.name, p),
              )
              .catch((error: unknown) => {
                // One failed book stops the others: the clerk gets one clear error, not a partial zip.
                scope.cancel();
                throw error;
              }),
          ),
        );
        const files: Record<string, Uint8Array> = {};
        const books: ExportedBooks['books'] = [];
        results.forEach(({ meta, bytes }, i) => {
          const branch = branches[i];
          if (meta.kind !== 'ledgerBook' || !branch) return;
          let name = meta.fileName;
          for (let n = 2; name in files; n += 1) name = meta.fileName.replace(/\.docx$/, `（${n}）.docx`);
          // .docx is already deflated: store it, do not compress it twice.
          files[name] = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
          books.push({
            branchId: branch.id,
            branchName: branch.name,
            fileName: name,
            pages: meta.pages,
            warnings: meta.warnings,
          });
        });
        const zip = zipSync(files, { level: 0 });
        const fileName = `${input.year}年度各党支部工作台账.zip`;
        const out: ExportedBooks = { fileName, dataBase64: Buffer.from(zip).toString('base64'), books };
        return kept(jobs, scope, out, fileName, zip, input.keepFile);
      });
    },
    'export.cancel': async (input) => ({ cancelled: jobs.runner.cancel(input.jobId) }),
    'export.meetingDocx': async (input): Promise<ExportedDocument> => {
      // A committee's own .docx for this record kind replaces the built-in layout (文档设置 → 记录模板).
      const own = meetingFromUserTemplate(ledger(), input.meetingId);
      if (own) return own;
      const fonts = ledgerFonts(ledger(), input.fonts);
      const record = gatherMeetingRecord(ledger(), input.meetingId);
      const photos = ledgerPhotoShrinker(ledger());
      for (const photo of record.meeting.photos) photo.data = photos.shrink(photo.data, photo.fileName);
      keepPrintCopies(ledger(), photos);
      const doc = await buildMeetingRecord(record, fonts, ledgerBookLayout(ledger()));
      const { heldOn, kind } = record.meeting.fields;
      return {
        fileName: safeFileName(`${record.branchName}${heldOn ?? ''}${kind ?? ''}记录.docx`),
        dataBase64: doc.buffer.toString('base64'),
        pages: doc.pages,
        warnings: [...gb2312Warnings(record.names, fonts), ...photos.warnings, ...doc.problems],
      };
    },
  };
}

type WorkbookExport = (
  input: ParsedInputOf<(typeof workbookApi)['workbook.export']>,
) => Promise<OutputOf<(typeof workbookApi)['workbook.export']>>;

/** workbook.export through the worker pool: progress, cancel, and an optional saved copy. */
export function workbookExportJob(ledger: LedgerRef, jobs: ExportJobContext): WorkbookExport {
  return (input) =>
    jobs.runner.withScope(input.jobId, async (scope) => {
      const { meta, bytes } = await scope.run(
        {
          kind: 'ledgerWorkbook',
          branchId: input.branchId,
          year: input.year,
          ...(input.includeFullIdNumbers !== undefined ? { includeFullIdNumbers: input.includeFullIdNumbers } : {}),
        },
        jobBase(ledger()),
        emitter(jobs, 'workbook.export', scope.jobId),
      );
      if (meta.kind !== 'ledgerWorkbook') throw new Error('workbook job returned another kind');
      const out: ExportedWorkbook = {
        fileName: meta.fileName,
        dataBase64: bytes.toString('base64'),
        sheets: meta.sheets,
        fingerprint: meta.fingerprint,
      };
      return kept(jobs, scope, out, meta.fileName, bytes, input.keepFile);
    });
}

/**
 * life.attach with the photo's print copy. Decoding a 12-megapixel photo in JavaScript takes 2–3 s,
 * so it runs in an export worker (the 'shrinkPhotos' job, which stores the copy), never on the main
 * thread: the window stays responsive while the upload's spinner turns. It is awaited rather than
 * left in the background so the copy exists when the call returns (an export started right after
 * finds it; tests and the benchmark see a settled state). A failed copy never fails the attach: the
 * original is stored and recorded, and the export shrinks that photo itself and keeps the copy then.
 */
export function attachWithPrintCopy(ledger: LedgerRef, jobs: ExportJobContext) {
  return async (input: {
    meetingId: number;
    fileName: string;
    dataBase64: string;
    caption?: string | undefined;
  }): Promise<AttachmentInfo> => {
    const info = attachFile(ledger(), {
      meetingId: input.meetingId,
      fileName: input.fileName,
      bytes: Buffer.from(input.dataBase64, 'base64'),
      ...(input.caption !== undefined ? { caption: input.caption } : {}),
    });
    // The same photo attached again (to another record) already has its copy.
    if (wantsPhotoPrintCopy(info) && !existsSync(printCopyPath(ledger().path, info.sha256))) {
      await jobs.runner
        .withScope(undefined, (scope) =>
          scope.run({ kind: 'shrinkPhotos', attachmentIds: [info.id] }, jobBase(ledger()), () => {}),
        )
        .catch(() => undefined);
    }
    return info;
  };
}

/** system.openPath: only files this session saved in the export folder (see export-files.ts). */
export function openPathHandler(jobs: ExportJobContext) {
  return (input: { path: string; reveal?: boolean }) => openExportedFile(jobs.folder, jobs.open, input);
}
