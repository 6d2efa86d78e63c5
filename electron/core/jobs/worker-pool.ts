import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { LedgerError } from '../errors.ts';
import type { JobProgress, JobRequest, JobResultMeta, JobStart, WorkerMessage } from './protocol.ts';

/**
 * Runs export jobs in worker threads (ARCHITECTURE.md, "Where work runs"), a few at a time, and
 * cancels them by terminating their threads. One job id may cover several workers (the books of
 * every branch); cancelling the id stops them all and fails the call with CANCELLED.
 */

export interface JobResult {
  meta: JobResultMeta;
  bytes: Buffer;
  /** The process's peak resident set as the worker saw it when done (KiB). */
  maxRssKb: number;
}

/** What every job of one ledger shares: where the ledger is and who is exporting. */
export interface JobBase {
  dbPath: string;
  actor: string;
  nowIso: string;
}

export function cancelledError(): LedgerError {
  return new LedgerError('CANCELLED', '已取消导出。');
}

/**
 * Names a folder holding export-worker.cjs and parse-worker.cjs built from the current sources
 * (the test run builds them once, test/setup/worker-bundles.ts): TypeScript callers then start
 * those instead of compiling every worker's modules again under tsx (~0.5–1 s per worker).
 */
export const PREBUILT_WORKERS_ENV = 'BRANCH_LEDGER_WORKER_BUNDLES';

export type WorkerBundle = 'export-worker.cjs' | 'parse-worker.cjs';

/**
 * Starts a worker of ours, wherever the code runs:
 * - bundled (the app: this module is inside out/electron/main.cjs): the sibling bundle `bundle`;
 * - TypeScript sources (tests, CLI, bench): the prebuilt bundle of PREBUILT_WORKERS_ENV if there is
 *   one, else the .ts entry `tsEntry` through the tsx bootstrap (a worker does not inherit the
 *   parent's module hooks).
 * Shared by the export jobs and the parse worker of untrusted files (package/run-parse.ts).
 */
export function startWorker(bundle: WorkerBundle, tsEntry: URL, options: WorkerOptions = {}): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(fileURLToPath(new URL(`./${bundle}`, here)), options);
  const prebuiltDir = process.env[PREBUILT_WORKERS_ENV];
  const prebuilt = prebuiltDir ? join(prebuiltDir, bundle) : null;
  if (prebuilt && existsSync(prebuilt)) return new Worker(prebuilt, options);
  const data: unknown = options.workerData;
  const workerData =
    typeof data === 'object' && data !== null ? { ...data, entry: tsEntry.href } : { entry: tsEntry.href };
  return new Worker(new URL('./ts-worker.mjs', here), { ...options, workerData });
}

/** The export worker: started once per job, kept warm between jobs (JobRunner). */
function spawnWorker(): Worker {
  return startWorker('export-worker.cjs', new URL('./export-worker.ts', import.meta.url));
}

/** A finished worker waits this long for the next job (the books of many branches), then ends. */
const IDLE_MS = 15_000;

/** The jobs started under one id. */
export class JobScope {
  private cancelled = false;
  private readonly stops = new Set<() => void>();

  constructor(
    readonly jobId: string,
    private readonly runner: JobRunner,
  ) {}

  get isCancelled(): boolean {
    return this.cancelled;
  }

  /** Throws CANCELLED if the scope was cancelled: call between steps that run in this thread. */
  check(): void {
    if (this.cancelled) throw cancelledError();
  }

  async run(request: JobRequest, base: JobBase, onProgress: (p: JobProgress) => void): Promise<JobResult> {
    this.check();
    const release = await this.runner.acquire();
    try {
      this.check();
      return await this.runOne({ ...base, jobId: this.jobId, request }, onProgress);
    } finally {
      release();
    }
  }

  private runOne(start: JobStart, onProgress: (p: JobProgress) => void): Promise<JobResult> {
    const withBinding = this.runner.nativeBinding ? { ...start, nativeBinding: this.runner.nativeBinding } : start;
    return new Promise<JobResult>((resolve, reject) => {
      const worker = this.runner.takeWorker();
      let settled = false;
      const finish = (outcome: () => void, reusable: boolean) => {
        if (settled) return;
        settled = true;
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        this.stops.delete(stop);
        // A cancelled, crashed or confused worker is ended here; only a clean finish is kept warm.
        if (reusable) this.runner.giveBack(worker);
        else void worker.terminate();
        outcome();
      };
      const stop = () => finish(() => reject(cancelledError()), false);
      const onMessage = (message: WorkerMessage) => {
        if (message.type === 'progress') {
          if (!settled) onProgress(message);
        } else if (message.type === 'done') {
          const bytes = Buffer.from(message.bytes);
          finish(() => resolve({ meta: message.meta, bytes, maxRssKb: message.maxRssKb }), true);
        } else {
          finish(
            () =>
              reject(
                message.error.code === 'INTERNAL'
                  ? new Error(`export worker failed: ${message.internal ?? message.error.message}`)
                  : new LedgerError(message.error.code, message.error.message, message.error.details),
              ),
            message.error.code !== 'INTERNAL',
          );
        }
      };
      const onError = (error: Error) => finish(() => reject(error), false);
      const onExit = (code: number) =>
        finish(
          () =>
            reject(this.cancelled ? cancelledError() : new Error(`export worker exited (${code}) without a result`)),
          false,
        );
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      this.stops.add(stop);
      worker.postMessage({ type: 'job', start: withBinding });
    });
  }

  cancel(): void {
    this.cancelled = true;
    // Each stop rejects its call and terminates its worker (finish, not reusable).
    for (const stop of [...this.stops]) stop();
  }
}

export interface JobRunnerOptions {
  nativeBinding?: string;
  /** Workers at once; further jobs wait their turn. Default: the cores, at most 2, leaving the UI one. */
  concurrency?: number;
}

export class JobRunner {
  readonly nativeBinding: string | undefined;
  private readonly concurrency: number;
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly scopes = new Map<string, JobScope>();
  private readonly idle: Array<{ worker: Worker; timer: NodeJS.Timeout }> = [];
  /** Ids cancelled before their export call arrived (two HTTP requests may cross); the last few only. */
  private readonly cancelledEarly: string[] = [];

  constructor(options: JobRunnerOptions = {}) {
    this.nativeBinding = options.nativeBinding;
    this.concurrency = Math.max(1, options.concurrency ?? Math.min(2, availableParallelism()));
  }

  /** Workers waiting warm for the next job. */
  get idleWorkers(): number {
    return this.idle.length;
  }

  /** An idle worker if there is one (no start-up cost), else a new one. */
  takeWorker(): Worker {
    const entry = this.idle.pop();
    if (!entry) return spawnWorker();
    clearTimeout(entry.timer);
    entry.worker.removeAllListeners('exit');
    entry.worker.ref();
    return entry.worker;
  }

  /** A worker that finished its job cleanly waits for the next one; it never keeps the process alive. */
  giveBack(worker: Worker): void {
    const entry = {
      worker,
      timer: setTimeout(() => {
        this.dropIdle(worker);
        void worker.terminate();
      }, IDLE_MS),
    };
    entry.timer.unref();
    worker.once('exit', () => this.dropIdle(worker));
    worker.unref();
    this.idle.push(entry);
  }

  private dropIdle(worker: Worker): void {
    const at = this.idle.findIndex((e) => e.worker === worker);
    if (at >= 0) {
      clearTimeout(this.idle[at]?.timer);
      this.idle.splice(at, 1);
    }
  }

  /** A slot for one worker; resolves with its release. */
  acquire(): Promise<() => void> {
    return new Promise((resolve) => {
      const grant = () => {
        this.running += 1;
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          this.running -= 1;
          this.waiting.shift()?.();
        });
      };
      if (this.running < this.concurrency) grant();
      else this.waiting.push(grant);
    });
  }

  /**
   * Runs `body` as the job `jobId` (a fresh id when the caller gave none). The id is refused while
   * another job holds it, so a cancel can never hit the wrong export.
   */
  async withScope<T>(jobId: string | undefined, body: (scope: JobScope) => Promise<T>): Promise<T> {
    const id = jobId ?? randomUUID();
    if (this.scopes.has(id)) throw new LedgerError('CONFLICT', `导出任务“${id}”正在进行，请勿重复提交。`);
    if (this.cancelledEarly.includes(id)) throw cancelledError();
    const scope = new JobScope(id, this);
    this.scopes.set(id, scope);
    try {
      const result = await body(scope);
      scope.check();
      return result;
    } finally {
      this.scopes.delete(id);
    }
  }

  /** True when a job of that id was running and is now stopped. */
  cancel(jobId: string): boolean {
    const scope = this.scopes.get(jobId);
    if (!scope) {
      this.cancelledEarly.push(jobId);
      if (this.cancelledEarly.length > 64) this.cancelledEarly.shift();
      return false;
    }
    scope.cancel();
    return true;
  }

  /** Stops every job and every idle worker (the ledger is closing). */
  cancelAll(): void {
    for (const scope of this.scopes.values()) scope.cancel();
    for (const { worker, timer } of this.idle.splice(0)) {
      clearTimeout(timer);
      void worker.terminate();
    }
  }
}
