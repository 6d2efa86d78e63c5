/**
 * `package.read` of the parse worker: the package opened and verified, every data part checked by
 * its zod schema, and the attachments it names checked against their SHA-256. Loaded only by a
 * worker that reads a package (parse-tasks.ts), so a workbook's worker never compiles it.
 */
import { createHash } from 'node:crypto';
import type { LedgerBundle } from '../import/bundle.ts';
import { bundlePartSchemas, ledgerBundleSchema, OPTIONAL_PARTS, schemaMatchesBundle } from './bundle-schema.ts';
import { ATTACHMENTS_DIR, attachmentHashOf, DATA_DIR } from './format.ts';
import type { PackageContents, ThisLedger } from './parse-tasks.ts';
import { openPackage, refusePackage } from './verify.ts';
import { BUNDLE_PARTS } from './writer.ts';

const PART_WORDS: Record<string, string> = {
  source: '来源信息',
  dues: '党费数据',
  duties: '支委分工',
  exemplary: '示范岗与星级评定',
  settings: '台账设置',
};

function readBundle(fileName: string, files: Map<string, Uint8Array>): LedgerBundle {
  const raw: Record<string, unknown> = {};
  for (const part of BUNDLE_PARTS) {
    const path = `${DATA_DIR}${part}.json`;
    const bytes = files.get(path);
    // A package made before these parts existed simply does not carry them.
    if (!bytes && (OPTIONAL_PARTS as readonly string[]).includes(part)) continue;
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

export function readPackage(bytes: Uint8Array, fileName: string, thisLedger: ThisLedger): PackageContents {
  const opened = openPackage(bytes, fileName, { thisLedger });
  const bundle = readBundle(fileName, opened.files);
  return { report: opened.report, bundle, attachments: readAttachments(fileName, bundle, opened.files) };
}
