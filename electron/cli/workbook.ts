import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { VerifyReport } from '../api/workbook.ts';
import { LedgerError, serializeError } from '../core/errors.ts';
import { exportFillInTemplate, exportLedgerWorkbook, statusWord, verifyWorkbook } from '../core/export/xlsx/index.ts';
import type { Ledger } from '../core/ledger.ts';
import { listUnits } from '../core/modules/org/units.ts';

/**
 * `branch-ledger export --format xlsx`, `template` and `verify` (CLI.md). Each returns its exit
 * code; messages for people go to stderr, the one JSON document (with --json) to stdout.
 */

export interface WorkbookIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** Exit codes of CLI.md. */
const EXIT = { ok: 0, findings: 1, usage: 2, badInput: 3 } as const;

export interface ExportXlsxOptions {
  branchId?: number;
  all?: boolean;
  year: number;
  /** An .xlsx file for one branch; a folder for --all (one file per branch). */
  out: string;
  includeFullIdNumbers?: boolean;
  json?: boolean;
}

export async function runExportXlsx(ledger: Ledger, options: ExportXlsxOptions, io: WorkbookIo): Promise<number> {
  if (Boolean(options.all) === (options.branchId !== undefined)) {
    io.err('用法错误：export 需要 --branch ID 或 --all 之一。');
    return EXIT.usage;
  }
  if (!options.out) {
    io.err('用法错误：export 需要 --out 路径。');
    return EXIT.usage;
  }
  const branches = listUnits(ledger).filter((u) => u.kind === '党支部' && (options.all || u.id === options.branchId));
  if (options.branchId !== undefined && branches.length === 0) {
    io.err(`找不到编号为 ${options.branchId} 的党支部。运行 branch-ledger org list 查看编号。`);
    return EXIT.badInput;
  }
  const out = resolve(options.out);
  const files: Array<{ branchId: number; branchName: string; path: string; sheets: string[]; fingerprint: string }> =
    [];
  const used = new Set<string>();
  for (const [index, branch] of branches.entries()) {
    if (!options.json) io.err(`[${index + 1}/${branches.length}] ${branch.name} …`);
    const workbook = await exportLedgerWorkbook(ledger, {
      branchId: branch.id,
      year: options.year,
      includeFullIdNumbers: options.includeFullIdNumbers === true,
    });
    // Two branches of the same name under different 党总支 would overwrite each other's file.
    const name = used.has(workbook.fileName) ? `${branch.id}-${workbook.fileName}` : workbook.fileName;
    used.add(name);
    const path = options.all ? join(out, name) : out;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, workbook.buffer);
    files.push({
      branchId: branch.id,
      branchName: branch.name,
      path,
      sheets: workbook.sheets,
      fingerprint: workbook.fingerprint,
    });
  }
  if (options.json) {
    io.out(JSON.stringify({ year: options.year, format: 'xlsx', files }, null, 2));
  } else {
    for (const f of files) io.out(`已导出 ${f.branchName} ${options.year} 年度工作台账（Excel）：${f.path}`);
    if (files[0]) io.out(`签名公钥指纹：${files[0].fingerprint}（请核对审核单位登记的指纹）`);
    if (options.includeFullIdNumbers) io.err('提示：文件含完整公民身份号码，属于个人敏感信息，请妥善保管。');
  }
  return EXIT.ok;
}

export interface TemplateOptions {
  out: string;
  branchId?: number;
  json?: boolean;
}

export async function runTemplate(ledger: Ledger, options: TemplateOptions, io: WorkbookIo): Promise<number> {
  if (!options.out) {
    io.err('用法错误：template 需要 --out 文件.xlsx');
    return EXIT.usage;
  }
  const template = await exportFillInTemplate(ledger, { branchId: options.branchId });
  const path = resolve(options.out);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, template.buffer);
  if (options.json) io.out(JSON.stringify({ path, sheets: template.manifest.sheets.map((s) => s.name) }, null, 2));
  else io.out(`已生成填报模板：${path}（${template.manifest.sheets.map((s) => s.name).join('、')}）`);
  return EXIT.ok;
}

export interface VerifyCliOptions {
  json?: boolean;
  /** This ledger's identity, when a ledger is at hand (see VerifyOptions.thisLedger). */
  thisLedger?: { ledgerId: string; publicKey: string } | null;
}

type FileResult = VerifyReport | { file: string; status: 'unreadable'; message: string };

function humanLine(result: FileResult): string {
  if (result.status === 'unreadable') return `✗ ${result.file}：无法读取 —— ${result.message}`;
  const mark = result.status === 'intact' ? '✓' : result.status === 'unsigned' ? 'i' : '✗';
  return `${mark} ${result.file}：${statusWord(result.status)} —— ${result.message}`;
}

/** A file's problem in words: our own refusals carry them; the file system's get a plain reason. */
function readProblem(error: unknown): string {
  if (error instanceof LedgerError) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return '文件不存在';
  if (code === 'EISDIR') return '这是一个文件夹，不是文件';
  if (code === 'EACCES' || code === 'EPERM') return '没有读取该文件的权限';
  return serializeError(error).message;
}

/**
 * Exit 1 when any file was edited or its manifest altered (the auditor must not miss it), else 3
 * when a file could not be read, else 0 — an unsigned file is information, not a finding.
 */
export async function runVerify(files: readonly string[], options: VerifyCliOptions, io: WorkbookIo): Promise<number> {
  if (files.length === 0) {
    io.err('用法错误：verify 需要至少一个文件路径。');
    return EXIT.usage;
  }
  const results: FileResult[] = [];
  for (const file of files) {
    try {
      const bytes = readFileSync(file);
      results.push(await verifyWorkbook(bytes, basename(file), { thisLedger: options.thisLedger ?? null }));
    } catch (error) {
      results.push({ file: basename(file), status: 'unreadable', message: readProblem(error) });
    }
  }
  if (options.json) io.out(JSON.stringify(results, null, 2));
  else for (const result of results) io.out(humanLine(result));
  if (results.some((r) => r.status === 'edited' || r.status === 'bad-signature')) return EXIT.findings;
  if (results.some((r) => r.status === 'unreadable')) return EXIT.badInput;
  return EXIT.ok;
}
