// Builds what Electron loads: out/electron/main.cjs, out/electron/preload.cjs and, when asked or
// missing, the renderer (out/renderer, by Vite).
//   node electron/launch/build.mjs              main + preload; renderer only if out/renderer is missing
//   node electron/launch/build.mjs --renderer   also rebuild the renderer

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compileFunction } from 'node:vm';
import * as esbuild from 'esbuild';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const OUT_DIR = path.join(PROJECT_ROOT, 'out');
export const RENDERER_OUT = path.join(OUT_DIR, 'renderer');
const CONTRACT_INDEX = path.join(PROJECT_ROOT, 'electron', 'api', 'index.ts');
const RENDERER_CONFIG = path.join(PROJECT_ROOT, 'renderer', 'vite.config.ts');

/** The lowest Node this project supports; Electron's own Node is newer. */
const NODE_TARGET = 'node20';

/** esbuild options for the main process bundle. */
export function mainBuildOptions() {
  return {
    absWorkingDir: PROJECT_ROOT,
    entryPoints: [path.join(PROJECT_ROOT, 'electron/main/main.ts')],
    outfile: path.join(OUT_DIR, 'electron/main.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: NODE_TARGET,
    // electron is provided by the runtime; better-sqlite3 is native and loads its Electron-ABI
    // binary through `nativeBinding` (see electron/main/app-paths.ts), so it must stay a real module.
    external: ['electron', 'better-sqlite3'],
    // Core code written as ESM may read import.meta.url; in a CJS bundle that would be undefined.
    define: { 'import.meta.url': '__bundleImportMetaUrl' },
    banner: { js: "const __bundleImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
  };
}

/**
 * esbuild options for the export worker (electron/core/jobs): a second entry beside main.cjs, which
 * the main process starts as a worker thread by its path (see worker-pool.ts), so it must be a file
 * of its own. Same externals as main minus electron, which a worker never loads.
 */
export function workerBuildOptions() {
  return {
    ...mainBuildOptions(),
    entryPoints: [path.join(PROJECT_ROOT, 'electron/core/jobs/export-worker.ts')],
    outfile: path.join(OUT_DIR, 'electron/export-worker.cjs'),
    external: ['better-sqlite3'],
  };
}

/**
 * esbuild options for the preload. A sandboxed preload is a CommonJS script whose require knows
 * only a few modules ('electron', 'events', 'timers', 'url'), so everything else is bundled in.
 * Of the contract it needs only the method names; they are baked in at build time so the
 * preload does not carry zod and every input schema (≈750 KB) into each window.
 */
export async function preloadBuildOptions() {
  const names = await contractMethodNames();
  return {
    absWorkingDir: PROJECT_ROOT,
    entryPoints: [path.join(PROJECT_ROOT, 'electron/preload/preload.ts')],
    outfile: path.join(OUT_DIR, 'electron/preload.cjs'),
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    target: 'chrome130',
    external: ['electron'],
    plugins: [contractNamesOnly(names)],
    sourcemap: 'inline',
    legalComments: 'none',
    logLevel: 'warning',
  };
}

/** The contract's method names, read from electron/api/index.ts itself (bundled and evaluated here). */
export async function contractMethodNames() {
  const result = await esbuild.build({
    absWorkingDir: PROJECT_ROOT,
    entryPoints: [CONTRACT_INDEX],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['zod'],
    write: false,
    logLevel: 'silent',
  });
  const module = { exports: {} };
  const run = compileFunction(result.outputFiles[0].text, ['module', 'exports', 'require']);
  run(module, module.exports, createRequire(CONTRACT_INDEX));
  const names = module.exports.methodNames;
  if (!Array.isArray(names) || names.length === 0 || !names.every((n) => typeof n === 'string')) {
    throw new Error('electron/api/index.ts did not export a non-empty methodNames array');
  }
  return names;
}

/** Replaces the contract module, for the preload only, by its list of names. */
function contractNamesOnly(names) {
  return {
    name: 'contract-method-names',
    setup(pluginBuild) {
      pluginBuild.onLoad({ filter: /[\\/]electron[\\/]api[\\/]index\.ts$/ }, () => ({
        contents: `export const methodNames = ${JSON.stringify(names)};`,
        loader: 'js',
      }));
    },
  };
}

export async function buildMain() {
  await esbuild.build(mainBuildOptions());
}

export async function buildWorker() {
  await esbuild.build(workerBuildOptions());
}

/**
 * The worker that parses untrusted packages and workbooks under a heap limit and a timeout
 * (electron/core/package/run-parse.ts starts out/electron/parse-worker.cjs beside main.cjs).
 */
export function parseWorkerBuildOptions() {
  return {
    ...workerBuildOptions(),
    entryPoints: [path.join(PROJECT_ROOT, 'electron/core/package/parse-worker.ts')],
    outfile: path.join(OUT_DIR, 'electron/parse-worker.cjs'),
  };
}

export async function buildParseWorker() {
  await esbuild.build(parseWorkerBuildOptions());
}

export async function buildPreload() {
  await esbuild.build(await preloadBuildOptions());
}

/** Newest modification time of the files under `dir` (0 when it does not exist). */
function newestMtime(dir) {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Built, and not older than the renderer's sources or the contract it is typed against. */
export function rendererIsBuilt() {
  const index = path.join(RENDERER_OUT, 'index.html');
  if (!existsSync(index)) return false;
  const sources = Math.max(
    newestMtime(path.join(PROJECT_ROOT, 'renderer')),
    newestMtime(path.join(PROJECT_ROOT, 'electron', 'api')),
  );
  return statSync(index).mtimeMs >= sources;
}

/** Runs Vite from our own node_modules (no npx: it needs a shell on Windows and may fetch). */
export function buildRenderer() {
  if (!existsSync(RENDERER_CONFIG)) {
    throw new Error(`没有找到渲染进程的构建配置 / renderer build config not found: ${RENDERER_CONFIG}`);
  }
  const vite = path.join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', RENDERER_CONFIG], {
    cwd: PROJECT_ROOT,
    stdio: 'inherit',
    // Under a test runner NODE_ENV is 'test', which would bundle React and antd in development mode.
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) {
    throw new Error(`渲染进程构建失败 / renderer build failed (exit ${result.status ?? result.signal})`);
  }
}

/**
 * @param {{ electron?: boolean; renderer?: 'if-missing' | 'always' | 'never' }} [options]
 */
export async function build({ electron = true, renderer = 'if-missing' } = {}) {
  if (electron) await Promise.all([buildMain(), buildPreload(), buildWorker(), buildParseWorker()]);
  if (renderer === 'always' || (renderer === 'if-missing' && !rendererIsBuilt())) buildRenderer();
}

/**
 * Before packaging: npm trusts its hidden lockfile only when it is newer than every package folder,
 * and a fresh install's better-sqlite3 build touches its folder afterwards. electron-builder's module
 * collector (npm list) would then call every package extraneous and pack better-sqlite3 without
 * `bindings` (build/after-pack.cjs stops such a build). The lockfile does describe the tree.
 */
export function markHiddenLockfileCurrent() {
  const hidden = path.join(PROJECT_ROOT, 'node_modules', '.package-lock.json');
  if (existsSync(hidden)) utimesSync(hidden, new Date(), new Date());
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  if (process.argv.includes('--for-packaging')) markHiddenLockfileCurrent();
  const renderer = process.argv.includes('--renderer') ? 'always' : 'if-missing';
  build({ renderer }).catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
