/**
 * What the parse worker does with an untrusted file. Each task is a plain function from bytes to a
 * structured-cloneable result, so the same code runs in the worker and (in tests of the functions
 * themselves) in-process.
 */
import { createHash } from 'node:crypto';
import type { PackageVerifyReport } from '../../api/package.ts';
import type { VerifyReport } from '../../api/workbook.ts';
import { type ReadWorkbook, readWorkbook } from '../export/xlsx/read.ts';
import { verifyWorkbook } from '../export/xlsx/verify.ts';
import type { LedgerBundle } from '../import/bundle.ts';
import { bundlePartSchemas, ledgerBundleSchema, schemaMatchesBundle } from './bundle-schema.ts';
import { ATTACHMENTS_DIR, attachmentHashOf, DATA_DIR } from './format.ts';
import { openPackage, refusePackage } from './verify.ts';
import { BUNDLE_PARTS } from './writer.ts';

export type ThisLedger = { ledgerId: string; publicKey: string } | null;

export type ParseTask =
  | { kind: 'package.verify'; fileName: string; bytes: Uint8Array; thisLedger: ThisLedger }
  | { kind: 'package.read'; fileName: string; bytes: Uint8Array; thisLedger: ThisLedger }
  | { kind: 'workbook.verify'; fileName: string; bytes: Uint8Array; thisLedger: ThisLedger }
  /** Every sheet's cells, for the workbook importer to read a file it did not make safe itself. */
  | { kind: 'workbook.read'; fileName: string; bytes: Uint8Array };

export interface PackageContents {
  report: PackageVerifyReport;
  bundle: LedgerBundle;
  /** Attachment bytes by SHA-256, each checked against its name. */
  attachments: Array<{ sha256: string; bytes: Uint8Array }>;
}

export type ParseResult<T extends ParseTask['kind']> = T extends 'package.verify'
  ? PackageVerifyReport
  : T extends 'package.read'
    ? PackageContents
    : T extends 'workbook.verify'
      ? VerifyReport
      : ReadWorkbook;

const PART_WORDS: Record<string, string> = { source: '来源信息', dues: '党费数据' };

function readBundle(fileName: string, files: Map<string, Uint8Array>): LedgerBundle {
  const raw: Record<string, unknown> = {};
  for (const part of BUNDLE_PARTS) {
    const path = `${DATA_DIR}${part}.json`;
    const bytes = files.get(path);
    if (!bytes) throw refusePackage(fileName, `台账包中缺少数据文件“${path}”`);
    let value: unknown;
    try {
      value = JSON.parse(Buffer.from(bytes).toString('utf8'));
    } catch {
      throw refusePackage(fileName, `数据文件“${path}”不是有效的 JSON`);
    }
    const parsed = bundlePartSchemas[part].safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? issue.path.map(String).join('.') : '';
      throw refusePackage(
        fileName,
        `数据文件“${path}”${PART_WORDS[part] ? `（${PART_WORDS[part]}）` : ''}内容不符合格式${where ? `（位置 ${where}：${issue?.message}）` : ''}`,
      );
    }
    raw[part] = parsed.data;
  }
  return schemaMatchesBundle(ledgerBundleSchema.parse(raw));
}

function readAttachments(
  fileName: string,
  bundle: LedgerBundle,
  files: Map<string, Uint8Array>,
): PackageContents['attachments'] {
  const byHash = new Map<string, Uint8Array>();
  for (const [path, bytes] of files) {
    if (!path.startsWith(ATTACHMENTS_DIR)) continue;
    const hash = attachmentHashOf(path);
    if (hash) byHash.set(hash, bytes);
  }
  const wanted = new Set(bundle.meetings.flatMap((m) => (m.attachments ?? []).map((a) => a.sha256)));
  const out: PackageContents['attachments'] = [];
  for (const hash of [...wanted].sort()) {
    const bytes = byHash.get(hash);
    if (!bytes) {
      const name = bundle.meetings.flatMap((m) => m.attachments ?? []).find((a) => a.sha256 === hash)?.fileName;
      throw refusePackage(fileName, `台账包缺少附件“${name ?? hash}”（attachments/${hash.slice(0, 12)}…）`);
    }
    // The store is content-addressed: bytes that are not what their name says must never enter it.
    if (createHash('sha256').update(bytes).digest('hex') !== hash) {
      throw refusePackage(fileName, `台账包中的附件“attachments/${hash.slice(0, 12)}…”内容与其校验值不符（已被改动）`);
    }
    out.push({ sha256: hash, bytes });
  }
  return out;
}

export function runParseTask(task: ParseTask): Promise<unknown> | unknown {
  switch (task.kind) {
    case 'package.verify':
      return openPackage(task.bytes, task.fileName, { thisLedger: task.thisLedger }).report;
    case 'package.read': {
      const opened = openPackage(task.bytes, task.fileName, { thisLedger: task.thisLedger });
      const bundle = readBundle(task.fileName, opened.files);
      return { report: opened.report, bundle, attachments: readAttachments(task.fileName, bundle, opened.files) };
    }
    case 'workbook.verify':
      return verifyWorkbook(task.bytes, task.fileName, { thisLedger: task.thisLedger });
    case 'workbook.read':
      return readWorkbook(task.bytes, task.fileName);
  }
}
