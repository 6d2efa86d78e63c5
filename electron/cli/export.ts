import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ExportedDocument } from '../api/export.ts';
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

/**
 * A one-line progress bar on stderr, redrawn in place: only on a terminal (CLI.md: not with --json,
 * not when stdout is not a TTY), so scripts and logs never see carriage returns.
 */
function progressBar(enabled: boolean): { update: (fraction: number, text: string) => void; end: () => void } {
  const stream = process.stderr;
  if (!enabled) return { update: () => {}, end: () => {} };
  let drawn = false;
  return {
    update(fraction, text) {
      const width = 24;
      const filled = Math.round(Math.max(0, Math.min(1, fraction)) * width);
      // ASCII only for the bar: block characters are double width in many CJK terminal fonts.
      let line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}% `;
      // Cut the text to the terminal's width (CJK characters take two columns) so the line never wraps.
      let room = (stream.columns || 80) - 1 - line.length;
      for (const ch of text) {
        room -= (ch.codePointAt(0) ?? 0) <= 0xff ? 1 : 2;
        if (room < 0) break;
        line += ch;
      }
      stream.write(`\r\x1b[2K${line}`);
      drawn = true;
    },
    end() {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
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
  const out = resolve(options.out);
  const files: ExportedFile[] = [];
  const tty = !options.json && process.stdout.isTTY === true && process.stderr.isTTY === true;
  const bar = progressBar(tty);
  // The books are made by the service's worker pool (as in the app), two at a time on most machines.
  const shares = new Map<string, { share: number; text: string }>();
  const jobIds = branches.map((b) => `cli-${process.pid}-${b.id}`);
  const stop = service.onProgress((event) => {
    const index = event.jobId ? jobIds.indexOf(event.jobId) : -1;
    const branch = branches[index];
    if (!branch || !event.jobId) return;
    shares.set(event.jobId, {
      share: event.total > 0 ? event.done / event.total : 0,
      text: `${branch.name}：${event.message}`,
    });
    const done = [...shares.values()].reduce((sum, s) => sum + s.share, 0);
    bar.update(
      done / branches.length,
      `(${files.length}/${branches.length}) ${event.message.startsWith('生成') ? branch.name : shares.get(event.jobId)?.text}`,
    );
  });
  try {
    await Promise.all(
      branches.map(async (branch, index) => {
        const doc: ExportedDocument = await service.call('export.ledgerDocx', {
          branchId: branch.id,
          year: options.year,
          jobId: jobIds[index],
        });
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
        // Without a bar, one line per finished book; --json keeps stdout to the one JSON document.
        if (!options.json && !tty) io.err(`[${files.length}/${branches.length}] ${branch.name} 完成`);
      }),
    );
  } finally {
    stop();
    bar.end();
  }
  files.sort((a, b) => branches.findIndex((x) => x.id === a.branchId) - branches.findIndex((x) => x.id === b.branchId));
  if (!options.json)
    for (const f of files) for (const warning of f.warnings) io.err(`  提示（${f.branchName}）：${warning}`);
  if (options.json) io.out(JSON.stringify({ year: options.year, format: 'docx', files }, null, 2));
  else {
    for (const f of files)
      io.out(`已导出 ${f.branchName} ${options.year} 年度工作台账：${f.path}（${f.pages ?? '?'} 页）`);
  }
  return EXIT.ok;
}
