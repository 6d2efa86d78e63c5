import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AttachmentInfo } from '../../../api/life.ts';
import { sql } from '../../db/sql.ts';
import { LedgerError } from '../../errors.ts';
import { type Ledger, write } from '../../ledger.ts';
import { getMeeting } from './meetings-read.ts';

/** What a record may carry: photos, scanned sign-in sheets, slides and documents, recognised by their bytes. */
const KINDS: Array<{ mime: string; label: string; maxBytes: number; test: (b: Uint8Array) => boolean }> = [
  {
    mime: 'image/jpeg',
    label: 'JPEG 照片',
    maxBytes: 20 << 20,
    test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  },
  {
    mime: 'image/png',
    label: 'PNG 图片',
    maxBytes: 20 << 20,
    test: (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47,
  },
  {
    mime: 'image/gif',
    label: 'GIF 图片',
    maxBytes: 20 << 20,
    test: (b) => b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46,
  },
  {
    mime: 'image/webp',
    label: 'WebP 图片',
    maxBytes: 20 << 20,
    test: (b) => b[0] === 0x52 && b[1] === 0x49 && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50,
  },
  {
    mime: 'application/pdf',
    label: 'PDF 文件',
    maxBytes: 50 << 20,
    test: (b) => b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46,
  },
];
const OFFICE_EXTENSIONS: Record<string, string> = {
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
const OFFICE_MAX = 50 << 20;

export function attachmentsDir(ledgerPath: string): string {
  return join(dirname(ledgerPath), 'attachments');
}

/**
 * The print-size copy of a photo (images.ts shrinkPhoto), stored beside the original as
 * `<sha256>.print` and keyed by the original's hash. The original stays untouched: it is what the
 * package carries and what 查看原图 opens. The copy is derived data, like a cache: it is not in the
 * database and not audited, any export can make it again, and one that is missing or unreadable
 * only means the export shrinks the photo itself.
 */
export function printCopyPath(ledgerPath: string, sha256: string): string {
  return join(attachmentsDir(ledgerPath), `${sha256}.print`);
}

/** The print-size copy of the photo with this hash, or null when none was made. */
export function readPrintCopy(ledgerPath: string, sha256: string): Buffer | null {
  try {
    return readFileSync(printCopyPath(ledgerPath, sha256));
  } catch {
    return null;
  }
}

/** Written under a temporary name and renamed: a reader never sees half a photo. */
export function storePrintCopy(ledgerPath: string, sha256: string, bytes: Uint8Array): void {
  const path = printCopyPath(ledgerPath, sha256);
  mkdirSync(dirname(path), { recursive: true });
  const part = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.part`;
  writeFileSync(part, bytes);
  renameSync(part, path);
}

/** Only large JPEG/PNG photos are worth a print copy; the rest go into a document as they are. */
export function wantsPrintCopy(info: { mime: string; sizeBytes: number }, smallBytes: number): boolean {
  return (info.mime === 'image/jpeg' || info.mime === 'image/png') && info.sizeBytes > smallBytes;
}

/** Recognises a file by its first bytes (never by its name alone); null when it is not allowed. */
export function sniffAttachment(
  fileName: string,
  bytes: Uint8Array,
): { mime: string; maxBytes: number; label: string } | null {
  const known = KINDS.find((k) => k.test(bytes));
  if (known) return known;
  const extension = fileName.toLowerCase().match(/\.[a-z]+$/)?.[0] ?? '';
  const office = OFFICE_EXTENSIONS[extension];
  if (office && bytes[0] === 0x50 && bytes[1] === 0x4b)
    return { mime: office, maxBytes: OFFICE_MAX, label: 'Office 文档' };
  return null;
}

function formatSize(bytes: number): string {
  return bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * Files are stored once, named by their SHA-256, and never rewritten or deleted: a record restored
 * from a backup still finds its photos, and the hash in the row proves the file unchanged. The
 * print-size copy of a photo is made after this write, off the main thread (handlers/export.ts,
 * attachWithPrintCopy), so a clerk attaching a 12-megapixel photo never freezes the window.
 */
export function attachFile(
  ledger: Ledger,
  input: { meetingId: number; fileName: string; bytes: Uint8Array; caption?: string },
): AttachmentInfo {
  const kind = sniffAttachment(input.fileName, input.bytes);
  if (!kind) {
    throw new LedgerError(
      'VALIDATION',
      `“${input.fileName}”不是可以附加的文件类型。可附加：照片（JPG、PNG、GIF、WebP）、PDF、PPTX、DOCX、XLSX。`,
      [{ file: input.fileName, field: '附件', message: '文件类型不支持' }],
    );
  }
  if (input.bytes.length > kind.maxBytes) {
    throw new LedgerError(
      'VALIDATION',
      `“${input.fileName}”有 ${formatSize(input.bytes.length)}，超过${kind.label}的上限 ${formatSize(kind.maxBytes)}。请压缩后再附加。`,
      [{ file: input.fileName, field: '附件', message: '文件过大' }],
    );
  }
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const dir = attachmentsDir(ledger.path);
  const stored = join(dir, sha256);
  return write(ledger, () => {
    const meeting = getMeeting(ledger, input.meetingId);
    if (!existsSync(stored)) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(`${stored}.part`, input.bytes);
      renameSync(`${stored}.part`, stored);
    }
    const result = ledger.db.run(
      'life.attach',
      sql`INSERT INTO attachment (meeting_id, file_name, mime, size_bytes, sha256, caption, created_at)
          VALUES (${input.meetingId}, ${input.fileName}, ${kind.mime}, ${input.bytes.length}, ${sha256}, ${input.caption}, ${ledger.clock().toISOString()})`,
    );
    const info: AttachmentInfo = {
      id: Number(result.lastInsertRowid),
      fileName: input.fileName,
      mime: kind.mime,
      sizeBytes: input.bytes.length,
      sha256,
      caption: input.caption ?? null,
    };
    return {
      result: info,
      audit: {
        action: 'life.attach',
        entity: 'attachment',
        entityId: info.id,
        after: info,
        summary: `为 ${meeting.heldOn} ${meeting.kind} 附加“${input.fileName}”`,
      },
    };
  });
}

/**
 * The original stays (see attachFile); its print copy goes once no record uses the photo any more,
 * after the transaction committed — a rolled-back delete keeps it, and a copy is cheap to make again.
 */
export function detachFile(ledger: Ledger, attachmentId: number): { deleted: number } {
  let sha256 = '';
  const out = write(ledger, () => {
    const row = ledger.db.get<{ file_name: string; meeting_id: number; sha256: string }>(
      'life.getAttachment',
      sql`SELECT file_name, meeting_id, sha256 FROM attachment WHERE id = ${attachmentId}`,
    );
    if (!row) throw new LedgerError('NOT_FOUND', `找不到编号为 ${attachmentId} 的附件。`);
    ledger.db.run('life.detach', sql`DELETE FROM attachment WHERE id = ${attachmentId}`);
    sha256 = row.sha256;
    return {
      result: { deleted: attachmentId },
      audit: {
        action: 'life.detach',
        entity: 'attachment',
        entityId: attachmentId,
        before: row,
        summary: `移除附件“${row.file_name}”`,
      },
    };
  });
  const stillUsed = ledger.db.get<{ n: number }>(
    'life.attachmentUsers',
    sql`SELECT COUNT(*) AS n FROM attachment WHERE sha256 = ${sha256}`,
  );
  if ((stillUsed?.n ?? 0) === 0) rmSync(printCopyPath(ledger.path, sha256), { force: true });
  return out;
}

export function attachmentData(ledger: Ledger, attachmentId: number): { mime: string; dataBase64: string } {
  const row = ledger.db.get<{ mime: string; sha256: string; file_name: string }>(
    'life.attachmentData',
    sql`SELECT mime, sha256, file_name FROM attachment WHERE id = ${attachmentId}`,
  );
  if (!row) throw new LedgerError('NOT_FOUND', `找不到编号为 ${attachmentId} 的附件。`);
  const path = join(attachmentsDir(ledger.path), row.sha256);
  if (!existsSync(path))
    throw new LedgerError('NOT_FOUND', `附件“${row.file_name}”的文件不在台账的附件文件夹中（${path}）。`);
  const bytes = readFileSync(path);
  if (createHash('sha256').update(bytes).digest('hex') !== row.sha256) {
    throw new LedgerError('LEDGER_CORRUPT', `附件“${row.file_name}”的文件已被改动（校验值不符）。`);
  }
  return { mime: row.mime, dataBase64: bytes.toString('base64') };
}

/**
 * A photo's bytes for print: its print copy when one was made, else the original (checked as in
 * attachmentData). Reading the copy instead of a 5 MB original keeps a year's book of camera photos
 * from holding a hundred megabytes of originals it would only shrink again.
 */
export function printPhotoData(ledger: Ledger, attachmentId: number): Uint8Array {
  const row = ledger.db.get<{ sha256: string }>(
    'life.printPhoto',
    sql`SELECT sha256 FROM attachment WHERE id = ${attachmentId}`,
  );
  const copy = row ? readPrintCopy(ledger.path, row.sha256) : null;
  return copy ?? Buffer.from(attachmentData(ledger, attachmentId).dataBase64, 'base64');
}
