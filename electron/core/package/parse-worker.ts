/**
 * Worker entry: parses one untrusted file (a package or a workbook) under the heap limit and the
 * timeout its starter set, and posts back the result or a serialised error. A file that exhausts
 * the heap kills only this worker; the starter turns that into a clear message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { serializeError } from '../errors.ts';
import { type ParseTask, runParseTask } from './parse-tasks.ts';

async function main(): Promise<void> {
  const task = workerData as ParseTask;
  try {
    const value = await runParseTask(task);
    parentPort?.postMessage({ ok: true, value });
  } catch (error) {
    parentPort?.postMessage({
      ok: false,
      error: serializeError(error),
      internal: String((error as Error)?.stack ?? error),
    });
  }
}

void main();
