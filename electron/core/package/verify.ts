/**
 * Package verification: exactly as exported (intact), files changed, removed or added since
 * (edited — each named), a manifest that was itself altered or re-signed (bad-signature), or no
 * signature at all (unsigned). Information for the auditor, never a refusal (issue #7). A file
 * that is not a package, or not a readable zip, is a LedgerError('BAD_FILE') naming the file.
 */
import { createHash } from 'node:crypto';
import type { PackageFileChange, PackageVerifyReport } from '../../api/package.ts';
import { LedgerError } from '../errors.ts';
import { localTime } from '../export/xlsx/layout.ts';
import { publicKeyFingerprint, verifyDetached } from '../signing/keys.ts';
import {
  ATTACHMENTS_DIR,
  DATA_DIR,
  MANIFEST_FILE,
  type PackageManifest,
  packageManifestSchema,
  SIGNATURE_FILE,
  TEMPLATES_DIR,
} from './format.ts';
import { changedRecords } from './records.ts';
import { PACKAGE_LIMITS, readZip, UnsafeZip } from './safe-zip.ts';

export interface PackageVerifyOptions {
  /** This ledger's identity: a package naming this ledger but signed with another key is bad-signature. */
  thisLedger?: { ledgerId: string; publicKey: string } | null;
}

export interface OpenedPackage {
  report: PackageVerifyReport;
  /** The manifest when it parsed (whatever its signature says). */
  manifest: PackageManifest | null;
  files: Map<string, Uint8Array>;
}

const PART_LABELS: Record<string, string> = {
  source: '来源信息',
  units: '组织架构数据',
  members: '党员名册数据',
  meetings: '组织生活记录数据',
  talks: '谈心谈话数据',
  plans: '计划与督办数据',
  dues: '党费收缴数据',
  development: '发展党员数据',
  terms: '届期数据',
  elections: '换届选举数据',
  projects: '书记项目数据',
  points: '党员积分数据',
  assessments: '考核评分数据',
  problems: '问题记录',
};

/** What a path inside a package is, in words. */
export function fileLabel(path: string): string {
  if (path.startsWith(DATA_DIR)) return PART_LABELS[path.slice(DATA_DIR.length).replace(/\.json$/, '')] ?? '数据文件';
  if (path.startsWith(ATTACHMENTS_DIR)) return '附件';
  if (path.startsWith(TEMPLATES_DIR)) return '模板包文件';
  return '其他文件';
}

export function refusePackage(fileName: string, message: string, cause?: unknown): LedgerError {
  return new LedgerError('BAD_FILE', `无法读取“${fileName}”：${message}`, [{ file: fileName, message }], { cause });
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** Our zip reader's refusals become the file's message; anything else is "damaged", never a crash. */
export function readPackageZip(bytes: Uint8Array, fileName: string): Map<string, Uint8Array> {
  if (bytes.length === 0) throw refusePackage(fileName, '文件是空的');
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw refusePackage(fileName, '这是 Office 旧格式或加密的文件，不是台账包（.zip）');
  }
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) && !startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    throw refusePackage(fileName, '这不是台账包（.zip）文件');
  }
  try {
    return readZip(bytes, PACKAGE_LIMITS);
  } catch (error) {
    if (error instanceof UnsafeZip) throw refusePackage(fileName, error.message, error);
    throw refusePackage(fileName, '压缩包已损坏，无法读取', error);
  }
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function base(file: string): PackageVerifyReport {
  return {
    file,
    status: 'intact',
    message: '',
    exported: null,
    signer: null,
    files: [],
    fileCount: 0,
    problem: null,
  };
}

function exportedOf(m: PackageManifest): NonNullable<PackageVerifyReport['exported']> {
  return {
    ledgerId: m.ledger.id,
    ledgerName: m.ledger.name,
    branches: m.branches,
    year: m.year,
    createdAt: m.createdAt,
    appVersion: m.app.version,
    pack: m.pack,
    ruleSet: m.ruleSet,
  };
}

function parseManifest(bytes: Uint8Array): { manifest: PackageManifest } | { problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return { problem: '清单（manifest.json）不是有效的 JSON' };
  }
  const parsed = packageManifestSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { problem: `清单格式不符（${first ? `${first.path.join('.')}：${first.message}` : '未知'}）` };
  }
  return { manifest: parsed.data };
}

function compareFiles(manifest: PackageManifest, files: Map<string, Uint8Array>): PackageFileChange[] {
  const changes: PackageFileChange[] = [];
  const listed = new Set<string>([MANIFEST_FILE, SIGNATURE_FILE]);
  for (const entry of manifest.files) {
    listed.add(entry.path);
    const bytes = files.get(entry.path);
    if (!bytes) changes.push({ path: entry.path, change: 'missing', label: fileLabel(entry.path) });
    else if (bytes.length !== entry.size || sha256(bytes) !== entry.sha256) {
      const expected = manifest.records?.[entry.path];
      const records = expected ? changedRecords(bytes, expected) : [];
      changes.push({
        path: entry.path,
        change: 'changed',
        label: fileLabel(entry.path),
        ...(records.length > 0 ? { records } : {}),
      });
    }
  }
  for (const path of [...files.keys()].sort()) {
    if (!listed.has(path)) changes.push({ path, change: 'added', label: fileLabel(path) });
  }
  return changes;
}

const RECORD_WORDS = { changed: '被改动', deleted: '被删除', added: '为新增' } as const;

function describe(change: PackageFileChange): string {
  const what = `${change.label}“${change.path}”`;
  if (change.change === 'missing') return `${what}缺失`;
  if (change.change === 'added') return `新增了${what}`;
  const records = change.records ?? [];
  if (records.length === 0) return `${what}被改动`;
  const shown = records.slice(0, 5).map((r) => `${r.label}${RECORD_WORDS[r.change]}`);
  const more = records.length > 5 ? `等 ${records.length} 条` : '';
  return `${what}被改动（${shown.join('，')}${more}）`;
}

/** Reads and checks a package; `files` are the package's contents for an import to use. */
export function openPackage(bytes: Uint8Array, fileName: string, options: PackageVerifyOptions = {}): OpenedPackage {
  const files = readPackageZip(bytes, fileName);
  const manifestBytes = files.get(MANIFEST_FILE);
  if (!manifestBytes) {
    throw refusePackage(fileName, '压缩包中没有台账包清单（manifest.json），这不是本程序导出的台账包');
  }
  const report = { ...base(fileName), fileCount: files.size };
  const parsed = parseManifest(manifestBytes);
  if ('problem' in parsed) {
    return {
      manifest: null,
      files,
      report: {
        ...report,
        status: 'bad-signature',
        problem: parsed.problem,
        message: `台账包清单已被改动或损坏（${parsed.problem}），无法确认文件内容。`,
      },
    };
  }
  const { manifest } = parsed;
  const signer = {
    fingerprint: manifest.signer.fingerprint,
    publicKey: manifest.signer.publicKey,
    matchesThisLedger: options.thisLedger ? options.thisLedger.publicKey === manifest.signer.publicKey : null,
  };
  const withManifest = { ...report, exported: exportedOf(manifest), signer, files: compareFiles(manifest, files) };
  const who = `${manifest.branches.map((b) => b.name).join('、')}，${manifest.year ?? '全部'}年度，导出于 ${
    localTime(new Date(manifest.createdAt)) || manifest.createdAt
  }，公钥指纹 ${manifest.signer.fingerprint}`;

  const signature = files.get(SIGNATURE_FILE);
  if (!signature) {
    return {
      manifest,
      files,
      report: {
        ...withManifest,
        status: 'unsigned',
        message: `台账包没有签名文件，无法确认是谁导出的、导出后是否被改动（${who}）。`,
      },
    };
  }
  const signatureText = Buffer.from(signature).toString('utf8').trim();
  const signatureOk =
    publicKeyFingerprint(manifest.signer.publicKey) === manifest.signer.fingerprint &&
    verifyDetached(manifest.signer.publicKey, manifestBytes, signatureText);
  if (!signatureOk) {
    const problem = '签名与清单内容不符';
    return {
      manifest,
      files,
      report: {
        ...withManifest,
        status: 'bad-signature',
        problem,
        message: `${problem}：清单在导出后被改动或签名被伪造，无法确认文件内容。`,
      },
    };
  }
  if (options.thisLedger && options.thisLedger.ledgerId === manifest.ledger.id && !signer.matchesThisLedger) {
    const problem = '台账包自称来自本台账，但签名密钥不是本台账的';
    return {
      manifest,
      files,
      report: {
        ...withManifest,
        status: 'bad-signature',
        problem,
        message: `${problem}，文件可能被他人改动后重新签名。`,
      },
    };
  }
  if (withManifest.files.length > 0) {
    return {
      manifest,
      files,
      report: {
        ...withManifest,
        status: 'edited',
        message: `台账包在导出后被改动：${withManifest.files.map(describe).join('；')}。（${who}）`,
      },
    };
  }
  return { manifest, files, report: { ...withManifest, message: `台账包与导出时完全一致（${who}）。` } };
}

export function verifyPackage(
  bytes: Uint8Array,
  fileName: string,
  options: PackageVerifyOptions = {},
): PackageVerifyReport {
  return openPackage(bytes, fileName, options).report;
}
