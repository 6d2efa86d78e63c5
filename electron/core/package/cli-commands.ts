/**
 * The command-line side of packages (CLI.md): `export --format package`, `verify FILE…` for
 * packages and workbooks alike, and `import FILE…` (.zip packages here, .xlsx workbooks through
 * the `import.workbook` method). Every untrusted file is read in the parse worker, so one hostile
 * file among a hundred ends with its message and the run goes on. Each returns its exit code;
 * messages for people go to `err`, the one JSON document (with --json) to `out`.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import type { ImportReport } from '../../api/imports.ts';
import type { PackageImportReport, PackageVerifyReport } from '../../api/package.ts';
import type { VerifyReport } from '../../api/workbook.ts';
import { LedgerError, serializeError } from '../errors.ts';
import { statusWord } from '../export/xlsx/verify.ts';
import type { LedgerService } from '../service.ts';
import type { ThisLedger } from './parse-tasks.ts';
import { parseInWorker } from './run-parse.ts';

export interface PackageCliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** Exit codes of CLI.md. */
const EXIT = { ok: 0, findings: 1, usage: 2, badInput: 3 } as const;

/** A bigger file is not read at all (a ledger package of hundreds of photos stays far below). */
const MAX_INPUT_BYTES = 1024 * 1024 * 1024;

export function isPackageFile(path: string): boolean {
  return extname(path).toLowerCase() === '.zip';
}

/** Reads a file named on the command line; a missing or unreadable one is the file's problem, in words. */
function readInput(path: string): Buffer {
  const name = basename(path);
  try {
    const size = statSync(path).size;
    if (size > MAX_INPUT_BYTES) {
      throw new LedgerError('BAD_FILE', `无法读取“${name}”：文件超过 1 GB`, [{ file: name, message: '文件过大' }]);
    }
    return readFileSync(path);
  } catch (error) {
    if (error instanceof LedgerError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? '文件不存在'
        : code === 'EISDIR'
          ? '这是一个文件夹，不是文件'
          : code === 'EACCES' || code === 'EPERM'
            ? '没有读取该文件的权限'
            : '无法读取';
    throw new LedgerError('BAD_FILE', `无法读取“${name}”：${reason}`, [{ file: name, message: reason }]);
  }
}

export interface ExportPackageCliOptions {
  branchId?: number;
  all?: boolean;
  year: number | null;
  out: string;
  json?: boolean;
}

export async function runExportPackage(
  service: LedgerService,
  options: ExportPackageCliOptions,
  io: PackageCliIo,
): Promise<number> {
  if (Boolean(options.all) === (options.branchId !== undefined)) {
    io.err('用法错误：export 需要 --branch ID 或 --all 之一。');
    return EXIT.usage;
  }
  const out = await service.call('package.export', {
    ...(options.all ? { all: true } : { branchId: options.branchId }),
    year: options.year,
  });
  // --out may name the .zip, or a folder to put it in under its own name.
  const target = resolve(options.out);
  const path = isPackageFile(target) ? target : resolve(target, out.fileName);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, Buffer.from(out.dataBase64, 'base64'));
  const { dataBase64: _bytes, ...summary } = out;
  if (options.json) io.out(JSON.stringify({ format: 'package', path, ...summary }, null, 2));
  else {
    io.out(
      `已导出台账包：${path}（${out.branches.map((b) => b.name).join('、')}，${out.year ?? '全部'}年度，${out.fileCount} 个文件，其中附件 ${out.attachmentCount} 个）`,
    );
    io.out(`签名公钥指纹：${out.fingerprint}（请核对审核单位登记的指纹）`);
    io.err('提示：台账包含完整公民身份号码，属于个人敏感信息，请妥善保管。');
  }
  return EXIT.ok;
}

type VerifyLine =
  | (PackageVerifyReport & { kind: 'package' })
  | (VerifyReport & { kind: 'workbook' })
  | { kind: 'unreadable'; file: string; status: 'unreadable'; message: string };

function problemOf(error: unknown): string {
  return error instanceof LedgerError ? error.message : serializeError(error).message;
}

function verifyLine(result: VerifyLine): string {
  if (result.status === 'unreadable') return `✗ ${result.file}：无法读取 —— ${result.message}`;
  const mark = result.status === 'intact' ? '✓' : result.status === 'unsigned' ? 'i' : '✗';
  return `${mark} ${result.file}：${statusWord(result.status)} —— ${result.message}`;
}

/**
 * `verify FILE…` for packages (.zip) and workbooks (anything else). Exit 1 when a file was edited
 * or its signature is bad (the auditor must not miss it), else 3 when a file could not be read,
 * else 0 — an unsigned file is information, not a finding.
 */
export async function runVerifyFiles(
  files: readonly string[],
  options: { json?: boolean; thisLedger?: ThisLedger },
  io: PackageCliIo,
): Promise<number> {
  if (files.length === 0) {
    io.err('用法错误：verify 需要至少一个文件路径。');
    return EXIT.usage;
  }
  const results: VerifyLine[] = [];
  for (const file of files) {
    const fileName = basename(file);
    const thisLedger = options.thisLedger ?? null;
    try {
      const bytes = readInput(file);
      if (isPackageFile(file)) {
        const report = await parseInWorker({ kind: 'package.verify', fileName, bytes, thisLedger });
        results.push({ kind: 'package', ...report });
      } else {
        const report = await parseInWorker({ kind: 'workbook.verify', fileName, bytes, thisLedger });
        results.push({ kind: 'workbook', ...report });
      }
    } catch (error) {
      results.push({ kind: 'unreadable', file: fileName, status: 'unreadable', message: problemOf(error) });
    }
    const last = results[results.length - 1];
    if (!options.json && last) io.out(verifyLine(last));
  }
  if (options.json) io.out(JSON.stringify(results, null, 2));
  if (results.some((r) => r.status === 'edited' || r.status === 'bad-signature')) return EXIT.findings;
  if (results.some((r) => r.status === 'unreadable')) return EXIT.badInput;
  return EXIT.ok;
}

/** `type` (not `kind`: an ImportReport has its own `kind`, the file's kind). */
type ImportLine =
  | ({ type: 'package' } & PackageImportReport)
  | ({ type: 'workbook' } & ImportReport)
  | { type: 'refused'; file: string; message: string };

function importLines(result: ImportLine): string[] {
  if (result.type === 'refused') return [`✗ ${result.file}：${result.message}`];
  const report = result.type === 'package' ? result.import : result;
  const lines = [`${report.committed ? '✓' : report.refusedFile ? '✗' : '·'} ${report.message}`];
  const integrity = result.type === 'package' ? result.verify : report.integrity;
  lines.push(`  完整性：${statusWord(integrity.status)} —— ${integrity.message}`);
  for (const s of report.sheets) {
    lines.push(`  ${s.sheet}：新增 ${s.added}，更新 ${s.updated}，未变 ${s.unchanged}，拒绝 ${s.refused}`);
  }
  for (const r of report.refusals.slice(0, 50)) {
    const where = [r.sheet && `工作表“${r.sheet}”`, r.row && `第 ${r.row} 行`, r.column && `${r.column} 列`]
      .filter(Boolean)
      .join(' ');
    lines.push(`  拒绝 ${where}${r.field ? `【${r.field}】` : ''}：${r.message}`);
  }
  if (report.refusals.length > 50) lines.push(`  ……另有 ${report.refusals.length - 50} 条被拒绝`);
  if (report.notImported.length > 0) lines.push(`  本版本暂不导入：${report.notImported.join('、')}`);
  if (result.type === 'package') {
    const a = result.attachments;
    lines.push(`  附件：共 ${a.total} 个，新存入 ${a.copied} 个，已有 ${a.alreadyPresent} 个`);
  }
  return lines;
}

/**
 * `import FILE…`: each file all-or-nothing, one after another; a refused file does not stop the
 * others. Exit 3 when any file was refused (nothing of it written), else 0.
 */
export async function runImportFiles(
  service: LedgerService,
  files: readonly string[],
  options: { json?: boolean; dryRun?: boolean; branchId?: number; skipInvalid?: boolean },
  io: PackageCliIo,
): Promise<number> {
  if (files.length === 0) {
    io.err('用法错误：import 需要至少一个文件路径。');
    return EXIT.usage;
  }
  const results: ImportLine[] = [];
  for (const file of files) {
    const fileName = basename(file);
    try {
      const dataBase64 = readInput(file).toString('base64');
      if (isPackageFile(file)) {
        const report = await service.call('package.import', { fileName, dataBase64, dryRun: options.dryRun });
        results.push({ type: 'package', ...report });
      } else {
        const report = await service.call('import.workbook', {
          fileName,
          dataBase64,
          dryRun: options.dryRun,
          ...(options.branchId ? { branchId: options.branchId } : {}),
          ...(options.skipInvalid ? { skipInvalid: true } : {}),
        });
        results.push({ type: 'workbook', ...report });
      }
    } catch (error) {
      results.push({ type: 'refused', file: fileName, message: problemOf(error) });
    }
    const last = results[results.length - 1];
    if (!options.json && last) for (const line of importLines(last)) io.out(line);
  }
  if (options.json) io.out(JSON.stringify(results, null, 2));
  const refused = results.some(
    (r) => r.type === 'refused' || (r.type === 'package' ? r.import.refusedFile : r.refusedFile),
  );
  return refused ? EXIT.badInput : EXIT.ok;
}
