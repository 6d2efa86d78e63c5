import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ExportedDocument } from '../api/export.ts';
import { exportHandlers } from '../core/handlers/export.ts';
import { listUnits } from '../core/modules/org/units.ts';
import type { LedgerService } from '../core/service.ts';

/** `branch-ledger export --branch ID | --all --year YYYY --format docx --out PATH` (CLI.md). */

export interface ExportDocxOptions {
  branchId?: number;
  all?: boolean;
  year: number;
  /** A .docx file for one branch; a folder for --all (one file per branch). */
  out: string;
  json?: boolean;
}

export interface ExportIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** Exit codes of CLI.md. */
const EXIT = { ok: 0, usage: 2 } as const;

export interface ExportedFile {
  branchId: number;
  branchName: string;
  path: string;
  pages: number | null;
  warnings: string[];
}

export async function runExportDocx(service: LedgerService, options: ExportDocxOptions, io: ExportIo): Promise<number> {
  if (Boolean(options.all) === (options.branchId !== undefined)) {
    io.err('用法错误：export 需要 --branch ID 或 --all 之一。');
    return EXIT.usage;
  }
  if (!options.out) {
    io.err('用法错误：export 需要 --out 路径。');
    return EXIT.usage;
  }
  const branches = listUnits(service.ledger).filter(
    (u) => u.kind === '党支部' && (options.all || u.id === options.branchId),
  );
  if (options.branchId !== undefined && branches.length === 0) {
    io.err(`找不到编号为 ${options.branchId} 的党支部。运行 branch-ledger org list 查看编号。`);
    return 3;
  }
  const handlers = exportHandlers(() => service.ledger);
  const out = resolve(options.out);
  const files: ExportedFile[] = [];
  for (const [index, branch] of branches.entries()) {
    // Progress for people on stderr; --json keeps stdout to the one JSON document.
    if (!options.json) io.err(`[${index + 1}/${branches.length}] ${branch.name} …`);
    const doc: ExportedDocument = await handlers['export.ledgerDocx']({ branchId: branch.id, year: options.year });
    const path = options.all ? join(out, doc.fileName) : out;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, Buffer.from(doc.dataBase64, 'base64'));
    files.push({
      branchId: branch.id,
      branchName: branch.name,
      path,
      pages: doc.pages ?? null,
      warnings: doc.warnings,
    });
    if (!options.json) for (const warning of doc.warnings) io.err(`  提示：${warning}`);
  }
  if (options.json) io.out(JSON.stringify({ year: options.year, format: 'docx', files }, null, 2));
  else {
    for (const f of files)
      io.out(`已导出 ${f.branchName} ${options.year} 年度工作台账：${f.path}（${f.pages ?? '?'} 页）`);
  }
  return EXIT.ok;
}
