// `npm start -- [--db PATH] [--web] [--no-open]`: builds, then runs the desktop app in Electron —
// or, when the Electron runtime (or its build of better-sqlite3) is missing, browser mode.

import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, OUT_DIR, PROJECT_ROOT } from './build.mjs';
import {
  electronBinaryPath,
  electronChildEnv,
  nativeBuildInstructions,
  nativeStamp,
  parseStartArgs,
  resolveUserPath,
  runtimeMissingMessage,
  START_USAGE,
} from './helpers.mjs';
import { runWeb } from './web.mjs';

const NODE_MODULES = path.join(PROJECT_ROOT, 'node_modules');
const ELECTRON_DIR = path.join(NODE_MODULES, 'electron');
const SQLITE_DIR = path.join(NODE_MODULES, 'better-sqlite3');
const NATIVE_DIR = path.join(OUT_DIR, 'native', 'electron');
const NATIVE_FILE = path.join(NATIVE_DIR, 'better_sqlite3.node');
const STAMP_FILE = path.join(NATIVE_DIR, 'stamp.json');
const WORK_DIR = path.join(OUT_DIR, 'native', 'work', 'better-sqlite3');

async function main(argv) {
  const parsed = parseStartArgs(argv);
  if (!parsed.ok) {
    console.error(`${parsed.error}\n${START_USAGE}`);
    return 2;
  }
  const { options } = parsed;
  if (options.help) {
    console.log(START_USAGE);
    return 0;
  }
  const db = options.db === undefined ? undefined : resolveUserPath(options.db, process.env, process.cwd());
  const webArgs = [...(db === undefined ? [] : ['--db', db]), ...(options.open ? [] : ['--no-open'])];
  if (options.web) return runWeb(webArgs);

  const electron = electronBinaryPath({
    electronDir: ELECTRON_DIR,
    env: process.env,
    exists: existsSync,
    readText: (file) => readFileSync(file, 'utf8'),
    platform: process.platform,
  });
  if (electron === null) {
    console.error(runtimeMissingMessage());
    return runWeb(webArgs);
  }

  try {
    await build({ renderer: 'if-missing' });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 4;
  }
  if (!ensureNativeBinding(electron)) {
    console.error(nativeBuildInstructions({ electronVersion: electronVersion(), arch: process.arch }));
    return runWeb(webArgs);
  }
  return runElectron(electron, db);
}

function electronVersion() {
  return JSON.parse(readFileSync(path.join(ELECTRON_DIR, 'package.json'), 'utf8')).version;
}

function currentStamp() {
  return nativeStamp({
    electronVersion: electronVersion(),
    abi: readFileSync(path.join(ELECTRON_DIR, 'abi_version'), 'utf8').trim(),
    betterSqlite3Version: JSON.parse(readFileSync(path.join(SQLITE_DIR, 'package.json'), 'utf8')).version,
    platform: process.platform,
    arch: process.arch,
  });
}

/**
 * Makes sure out/native/electron/better_sqlite3.node is better-sqlite3 for this Electron. It is
 * fetched in a scratch copy of the package, so node_modules/better-sqlite3/build — the Node build
 * the tests and the CLI load — is never touched.
 */
function ensureNativeBinding(electron) {
  const stamp = currentStamp();
  if (existsSync(NATIVE_FILE) && existsSync(STAMP_FILE) && readFileSync(STAMP_FILE, 'utf8') === stamp) return true;

  console.error('正在为 Electron 准备数据库组件 better-sqlite3… / Preparing better-sqlite3 for Electron…');
  rmSync(WORK_DIR, { recursive: true, force: true });
  mkdirSync(WORK_DIR, { recursive: true });
  cpSync(SQLITE_DIR, WORK_DIR, {
    recursive: true,
    filter: (source) => path.relative(SQLITE_DIR, source).split(path.sep)[0] !== 'build',
  });
  const fetched = spawnSync(
    process.execPath,
    [
      path.join(NODE_MODULES, 'prebuild-install', 'bin.js'),
      '--runtime=electron',
      `--target=${electronVersion()}`,
      `--arch=${process.arch}`,
      `--platform=${process.platform}`,
    ],
    { cwd: WORK_DIR, stdio: 'inherit' },
  );
  const built = path.join(WORK_DIR, 'build', 'Release', 'better_sqlite3.node');
  if (fetched.status !== 0 || !existsSync(built)) return false;
  if (!loadsUnderElectron(electron, built)) return false;

  mkdirSync(NATIVE_DIR, { recursive: true });
  cpSync(built, NATIVE_FILE);
  writeFileSync(STAMP_FILE, stamp);
  rmSync(WORK_DIR, { recursive: true, force: true });
  return true;
}

/** Proves the binary works before trusting it: Electron, run as Node, opens an in-memory database with it. */
function loadsUnderElectron(electron, binding) {
  const probe = spawnSync(
    electron,
    [
      '-e',
      'const D = require(process.env.PROBE_MODULE); new D(":memory:", { nativeBinding: process.env.PROBE_BINDING }).prepare("select 1").get();',
    ],
    {
      stdio: 'inherit',
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', PROBE_MODULE: SQLITE_DIR, PROBE_BINDING: binding },
    },
  );
  return probe.status === 0;
}

function runElectron(electron, db) {
  const child = spawn(electron, [PROJECT_ROOT], {
    cwd: PROJECT_ROOT,
    stdio: 'inherit',
    env: electronChildEnv(process.env, db),
    windowsHide: false,
  });
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, forward);
  return new Promise((resolve) => {
    child.on('error', (error) => {
      console.error('无法启动 Electron / could not start Electron:', error.message);
      resolve(4);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
