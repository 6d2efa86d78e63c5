/**
 * `export --format package`: the signed full-fidelity package (format.ts describes the layout).
 * Everything is read and checked before the zip is made, so a missing or altered attachment stops
 * the export with its name instead of yielding a package that silently lacks it.
 *
 * Deterministic: entries in a fixed order (manifest, signature, data, attachments, templates), each
 * stamped with the export time, JSON with sorted keys — the same ledger at the same clock gives the
 * same bytes.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Zippable, zipSync } from 'fflate';
import packJson from '../../../templates/pack.json' with { type: 'json' };
import type { ExportedPackage } from '../../api/package.ts';
import { sql } from '../db/sql.ts';
import { LedgerError } from '../errors.ts';
import { canonicalJson } from '../export/manifest.ts';
import type { LedgerBundle } from '../import/bundle.ts';
import { type Ledger, write } from '../ledger.ts';
import { attachmentsDir } from '../modules/life/attachments.ts';
import { ledgerSigningKey, readLedgerId, signDetached } from '../signing/keys.ts';
import { collectBundle, ledgerName } from './collect.ts';
import {
  ATTACHMENTS_DIR,
  attachmentExtension,
  DATA_DIR,
  MANIFEST_FILE,
  PACKAGE_FORMAT,
  PACKAGE_VERSION,
  type PackageFile,
  type PackageManifest,
  packageFileName,
  SIGNATURE_FILE,
  TEMPLATES_DIR,
} from './format.ts';
import { type RecordHashes, recordHashesOf } from './records.ts';

export interface PackageExportOptions {
  branchId?: number;
  all?: boolean;
  year: number | null;
  appVersion: string;
}

export interface PackageExport {
  fileName: string;
  bytes: Uint8Array;
  manifest: PackageManifest;
  branches: Array<{ id: number; name: string }>;
  attachmentCount: number;
}

/** The order the bundle's parts are written in; `source` first, so a reader sees what it holds. */
export const BUNDLE_PARTS = [
  'source',
  'units',
  'members',
  'meetings',
  'talks',
  'plans',
  'dues',
  'development',
  'terms',
  'elections',
  'projects',
  'points',
  'assessments',
  'problems',
  'duties',
  'exemplary',
  'settings',
] as const satisfies ReadonlyArray<keyof LedgerBundle>;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

/** The folder holding templates/pack.json: the project root in development, the app folder when packaged. */
function templatesRoot(): string | null {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'templates', 'pack.json'))) return join(dir, 'templates');
    if (dirname(dir) === dir) return null;
  }
}

function filesUnder(root: string, dir = root): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(root, full));
    else if (entry.isFile() && entry.name.endsWith('.json')) out.push(relative(root, full).split(sep).join('/'));
  }
  return out.sort();
}

/** The template pack as shipped; the pack file alone if the folder cannot be found. */
function templateFiles(): Array<[string, Uint8Array]> {
  const root = templatesRoot();
  if (!root) return [[`${TEMPLATES_DIR}pack.json`, utf8(JSON.stringify(packJson, null, 2))]];
  return filesUnder(root).map((path) => [`${TEMPLATES_DIR}${path}`, new Uint8Array(readFileSync(join(root, path)))]);
}

function attachmentFiles(ledger: Ledger, bundle: LedgerBundle): Array<[string, Uint8Array]> {
  const dir = attachmentsDir(ledger.path);
  const byHash = new Map<string, { mime: string; fileName: string }>();
  for (const meeting of bundle.meetings) {
    for (const a of meeting.attachments ?? []) byHash.set(a.sha256, { mime: a.mime, fileName: a.fileName });
  }
  return [...byHash.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([hash, { mime, fileName }]) => {
      const path = join(dir, hash);
      const bytes = existsSync(path) ? readFileSync(path) : null;
      if (!bytes || sha256(bytes) !== hash) {
        throw new LedgerError(
          'LEDGER_CORRUPT',
          `附件“${fileName}”的文件${bytes ? '已被改动（校验值不符）' : '不在台账的附件文件夹中'}，无法导出完整的台账包。请先在该会议记录中重新附加此文件。`,
          [{ file: fileName, message: bytes ? '校验值不符' : `找不到 ${path}` }],
        );
      }
      return [`${ATTACHMENTS_DIR}${hash}.${attachmentExtension(mime)}`, new Uint8Array(bytes)];
    });
}

function chosenBranches(ledger: Ledger, options: PackageExportOptions): Array<{ id: number; name: string }> {
  const branches = ledger.db.all<{ id: number; name: string }>(
    'package.branches',
    sql`SELECT id, name FROM org_unit WHERE kind = '党支部' ORDER BY sort_order, id`,
  );
  if (options.all) {
    if (branches.length === 0) throw new LedgerError('NOT_FOUND', '台账中还没有党支部，无法导出台账包。');
    return branches;
  }
  const branch = branches.find((b) => b.id === options.branchId);
  if (!branch) {
    throw new LedgerError('NOT_FOUND', `找不到编号为 ${options.branchId} 的党支部。`, [
      { field: '党支部', message: '不存在' },
    ]);
  }
  return [branch];
}

export function exportPackage(ledger: Ledger, options: PackageExportOptions): PackageExport {
  const branches = chosenBranches(ledger, options);
  const key = ledgerSigningKey(ledger);
  const createdAt = ledger.clock().toISOString();
  const bundle = collectBundle(ledger, {
    branchIds: branches.map((b) => b.id),
    year: options.year,
    exportedAt: createdAt,
  });

  const data: Array<[string, Uint8Array]> = BUNDLE_PARTS.map((part) => [
    `${DATA_DIR}${part}.json`,
    utf8(canonicalJson(bundle[part])),
  ]);
  const attachments = attachmentFiles(ledger, bundle);
  const content = [...data, ...attachments, ...templateFiles()];
  const files: PackageFile[] = content.map(([path, bytes]) => ({ path, sha256: sha256(bytes), size: bytes.length }));
  const records: RecordHashes = {};
  for (const part of BUNDLE_PARTS) {
    const hashes = recordHashesOf(bundle[part]);
    if (hashes) records[`${DATA_DIR}${part}.json`] = hashes;
  }
  const manifest: PackageManifest = {
    format: PACKAGE_FORMAT,
    version: PACKAGE_VERSION,
    app: { name: 'branch-ledger', version: options.appVersion },
    ledger: { id: readLedgerId(ledger) ?? '', name: ledgerName(ledger) },
    branches,
    year: options.year,
    pack: { id: packJson.id, version: packJson.version },
    ruleSet: { id: ledger.ruleSet.id, version: ledger.ruleSet.version },
    createdAt,
    files,
    records,
    signer: { algorithm: 'Ed25519', publicKey: key.publicKey, fingerprint: key.fingerprint },
  };
  // Indented, so an auditor can read it; the signature is over these exact bytes.
  const manifestBytes = utf8(`${JSON.stringify(manifest, null, 2)}\n`);
  const signature = utf8(signDetached(key.privateKey, manifestBytes));

  const mtime = new Date(createdAt);
  const zippable: Zippable = {};
  zippable[MANIFEST_FILE] = [manifestBytes, { mtime }];
  zippable[SIGNATURE_FILE] = [signature, { mtime }];
  for (const [path, bytes] of content) {
    // Photos and PDFs are compressed already: storing them saves time and loses nothing.
    zippable[path] = [bytes, { mtime, level: path.startsWith(ATTACHMENTS_DIR) ? 0 : 6 }];
  }
  const bytes = zipSync(zippable);

  const names = branches.map((b) => b.name).join('、');
  const fileName = packageFileName(
    branches.map((b) => b.name),
    options.year,
  );
  // Full 公民身份号码 travel in the package (RULES.md §10.3): the audit log says who took them out.
  write(ledger, () => ({
    result: null,
    audit: {
      action: 'package.export',
      entity: 'ledger',
      after: {
        fileName,
        branches: branches.map((b) => b.id),
        year: options.year,
        files: files.length,
        sha256: sha256(manifestBytes),
        fingerprint: key.fingerprint,
      },
      summary: `导出台账包（${names}，${options.year ?? '全部'}年度，含完整公民身份号码和附件）`,
    },
  }));
  return { fileName, bytes, manifest, branches, attachmentCount: attachments.length };
}

export function exportedPackageInfo(out: PackageExport): ExportedPackage {
  return {
    fileName: out.fileName,
    dataBase64: Buffer.from(out.bytes).toString('base64'),
    fingerprint: out.manifest.signer.fingerprint,
    branches: out.branches,
    year: out.manifest.year,
    fileCount: out.manifest.files.length,
    attachmentCount: out.attachmentCount,
    sizeBytes: out.bytes.length,
  };
}
