import { parentPort } from 'node:worker_threads';
import { openDatabase } from '../db/open.ts';
import { serializeError } from '../errors.ts';
import type { Ledger } from '../ledger.ts';
import { effectiveRuleSet } from '../modules/settings/rule-overrides.ts';
import { runExportJob } from './export-jobs.ts';
import type { JobStart, WorkerMessage } from './protocol.ts';

/**
 * The export worker: one job at a time, as many jobs as the pool gives it before it goes idle.
 * Each job opens its own connection to the ledger file (WAL lets it read beside the main
 * connection's writes), posts progress and then the file's bytes as a transferred ArrayBuffer
 * (no copy, no base64). Cancelling terminates the thread.
 */

function post(message: WorkerMessage, transfer: ArrayBuffer[] = []): void {
  parentPort?.postMessage(message, transfer);
}

function openWorkerLedger(start: JobStart): Ledger {
  const now = new Date(start.nowIso);
  const { db } = openDatabase(start.dbPath, {
    // The workbook export audits itself (RULES.md §10.3: who exported the roster), so that job
    // needs a connection that can append that one entry; the Word book only reads.
    readonly: start.request.kind !== 'ledgerWorkbook',
    fullCheck: false,
    actor: start.actor,
    appVersion: 'export-worker',
    now: () => now,
    ...(start.nativeBinding ? { nativeBinding: start.nativeBinding } : {}),
  });
  return { db, path: start.dbPath, actor: start.actor, clock: () => now, ruleSet: effectiveRuleSet(db) };
}

async function main(start: JobStart): Promise<void> {
  let ledger: Ledger | null = null;
  try {
    ledger = openWorkerLedger(start);
    const output = await runExportJob(ledger, start.request, (progress) => post({ type: 'progress', ...progress }));
    // A Buffer may be a view into Node's shared pool: copy into a buffer of its own, then hand that over.
    const bytes = new Uint8Array(output.bytes.byteLength);
    bytes.set(output.bytes);
    post({ type: 'done', meta: output.meta, bytes: bytes.buffer, maxRssKb: process.resourceUsage().maxRSS }, [
      bytes.buffer,
    ]);
  } catch (error) {
    post({
      type: 'failed',
      error: serializeError(error),
      internal: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  } finally {
    if (ledger?.db.raw.open) ledger.db.raw.close();
  }
}

// Jobs arrive as messages, so a warm worker serves the next branch's book without starting again.
parentPort?.on('message', (message: { type: 'job'; start: JobStart }) => {
  if (message.type === 'job') void main(message.start);
});
