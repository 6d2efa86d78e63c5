/**
 * Runs a parse task (parse-tasks.ts) in a worker thread with a heap limit and a wall-clock
 * timeout (DOCUMENTS.md §2.10 step 3): whatever a hostile file does — exhaust memory, spin, crash
 * the parser — the worker dies, the caller gets a Chinese message naming the file, and the app and
 * the ledger carry on. Nothing here touches the ledger.
 *
 * Where the worker's code comes from:
 * - packaged / built (this module was bundled into out/electron/main.cjs): out/electron/parse-worker.cjs,
 *   an esbuild entry of electron/launch/build.mjs;
 * - development and the CLI (TypeScript sources): parse-worker.ts, loaded through the export jobs'
 *   tsx bootstrap (a worker does not inherit the parent's module hooks);
 * - tests: the same parse-worker.cjs, built once per run from the sources (test/setup/worker-bundles.ts).
 */
import type { Worker } from 'node:worker_threads';
import { type ErrorCode, LedgerError, type SerializedError } from '../errors.ts';
import { startWorker } from '../jobs/worker-pool.ts';
import type { ParseResult, ParseTask } from './parse-tasks.ts';

export interface ParseLimits {
  /** V8 old-generation heap of the worker. */
  maxOldGenerationSizeMb: number;
  timeoutMs: number;
}

/** Enough for a 100 000-row workbook (DOCUMENTS.md §2.10 measured ~1 GB for much worse); far below a crash. */
export const DEFAULT_PARSE_LIMITS: ParseLimits = { maxOldGenerationSizeMb: 768, timeoutMs: 120_000 };

type WorkerReply = { ok: true; value: unknown } | { ok: false; error: SerializedError; internal?: string };

/**
 * Same arrangement as the export jobs (jobs/worker-pool.ts `startWorker`): the sibling bundle
 * parse-worker.cjs when bundled, else the prebuilt test bundle or the .ts entry under tsx. A parse
 * worker is never reused: each untrusted file gets a fresh heap with its own limit.
 */
function spawnParseWorker(task: ParseTask, limits: ParseLimits): Worker {
  return startWorker('parse-worker.cjs', new URL('./parse-worker.ts', import.meta.url), {
    resourceLimits: { maxOldGenerationSizeMb: limits.maxOldGenerationSizeMb, stackSizeMb: 8 },
    stdout: false,
    stderr: false,
    workerData: task,
  });
}

function badFile(fileName: string, message: string, code: ErrorCode = 'BAD_FILE'): LedgerError {
  return new LedgerError(code, `无法读取“${fileName}”：${message}`, [{ file: fileName, message }]);
}

/**
 * Parses `task` in a fresh worker. Resolves with the task's result; rejects with a LedgerError
 * (BAD_FILE for anything the file caused: refusal, out of memory, timeout, parser crash).
 */
export function parseInWorker<T extends ParseTask>(
  task: T,
  limits: ParseLimits = DEFAULT_PARSE_LIMITS,
): Promise<ParseResult<T['kind']>> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const worker = spawnParseWorker(task, limits);
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            badFile(
              task.fileName,
              `读取超过 ${Math.round(limits.timeoutMs / 1000)} 秒仍未完成，已停止。文件可能过大或结构异常，请检查后重试`,
            ),
          ),
        ),
      limits.timeoutMs,
    );
    worker.on('message', (reply: WorkerReply) =>
      finish(() => {
        if (reply.ok) {
          resolve(reply.value as ParseResult<T['kind']>);
          return;
        }
        const { code, message, details } = reply.error;
        // An unexpected exception while parsing is still the file's doing: say so, do not blame the program.
        if (code === 'INTERNAL') reject(badFile(task.fileName, '文件内容无法解析，可能已损坏或由其他软件生成'));
        else reject(new LedgerError(code, message, details));
      }),
    );
    worker.on('error', (error: Error & { code?: string }) =>
      finish(() => {
        if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
          reject(
            badFile(
              task.fileName,
              '读取时所需内存超过上限，已停止。文件可能过大或含有异常结构（如整列合并、超大区域）',
            ),
          );
        } else {
          reject(badFile(task.fileName, '文件内容无法解析，可能已损坏或由其他软件生成'));
        }
      }),
    );
    worker.on('exit', (code) =>
      finish(() => reject(badFile(task.fileName, `读取进程意外结束（代码 ${code}），文件可能已损坏`))),
    );
  });
}
