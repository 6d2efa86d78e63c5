/**
 * Vitest global setup: builds the two worker bundles (export-worker.cjs, parse-worker.cjs) once per
 * test run from the current sources, with the very esbuild options of the app's build
 * (electron/launch/build.mjs), and tells the core where they are (PREBUILT_WORKERS_ENV). Tests then
 * start the artefact the packaged app runs, in ~0.15 s, instead of compiling each worker's modules
 * under tsx (~0.5–1 s per worker; the hostile-file corpus alone starts about 80).
 *
 * Not in watch mode, where a bundle built at the start would soon be stale.
 *
 * Each run gets its own folder under out/ (inside the project, so the export worker finds
 * better-sqlite3 in node_modules): runs side by side never overwrite each other's files.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import type { TestProject } from 'vitest/node';
import { PREBUILT_WORKERS_ENV } from '../../electron/core/jobs/worker-pool.ts';
import { OUT_DIR, parseWorkerBuildOptions, workerBuildOptions } from '../../electron/launch/build.mjs';

const ROOT = join(OUT_DIR, 'test-workers');
const DAY_MS = 24 * 60 * 60 * 1000;

/** Folders of runs that were killed before their teardown. */
function removeStale(): void {
  for (const name of readdirSync(ROOT)) {
    const dir = join(ROOT, name);
    try {
      if (Date.now() - statSync(dir).mtimeMs > DAY_MS) rmSync(dir, { recursive: true, force: true });
    } catch {
      // Another run removed it first.
    }
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  // In watch mode sources change under a running vitest: workers must compile what is there now.
  if (project.config.watch) return () => {};
  mkdirSync(ROOT, { recursive: true });
  removeStale();
  const dir = mkdtempSync(join(ROOT, 'run-'));
  try {
    await Promise.all([
      esbuild.build({ ...workerBuildOptions(), outfile: join(dir, 'export-worker.cjs'), sourcemap: false }),
      esbuild.build({ ...parseWorkerBuildOptions(), outfile: join(dir, 'parse-worker.cjs'), sourcemap: false }),
    ]);
  } catch (error) {
    // A source that does not build fails in its own tests; the rest still run, on the slower tsx path.
    rmSync(dir, { recursive: true, force: true });
    process.stderr.write(`worker bundles not built, workers start under tsx: ${String(error)}\n`);
    return () => {};
  }
  // Set before vitest starts its test processes, which inherit it.
  process.env[PREBUILT_WORKERS_ENV] = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
