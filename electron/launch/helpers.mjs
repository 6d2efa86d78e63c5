// Pure decisions of the launch scripts (start.mjs, web.mjs), kept apart so unit tests can cover
// them without spawning anything. Plain .mjs because the launchers run before any TypeScript
// tooling is set up; types are in helpers.d.mts.

import path from 'node:path';

/**
 * The Electron executable, or null when it was never downloaded. Reads node_modules/electron/path.txt
 * itself: require('electron') would try to download the binary when it is missing.
 */
export function electronBinaryPath({ electronDir, env, exists, readText, platform }) {
  const p = platform === 'win32' ? path.win32 : path.posix;
  const pathFile = p.join(electronDir, 'path.txt');
  const relative = exists(pathFile) ? readText(pathFile).trim() : '';
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const candidate = p.join(override, relative || (platform === 'win32' ? 'electron.exe' : 'electron'));
    return exists(candidate) ? candidate : null;
  }
  if (relative === '') return null;
  const candidate = p.join(electronDir, 'dist', relative);
  return exists(candidate) ? candidate : null;
}

/** What the Electron build of better-sqlite3 was made for; a different stamp means rebuild. */
export function nativeStamp({ electronVersion, abi, betterSqlite3Version, platform, arch }) {
  return JSON.stringify({ electronVersion, abi, betterSqlite3Version, platform, arch });
}

export function runtimeMissingMessage() {
  return [
    '未安装 Electron 运行时，改用浏览器模式启动。',
    'The Electron runtime is not installed; starting in browser mode instead.',
    '',
    '安装 Electron 运行时 / To install the Electron runtime:',
    '  node node_modules/electron/install.js',
    '无法访问 GitHub 的网络请改用国内镜像 / If GitHub is unreachable, use a mirror:',
    '  ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ node node_modules/electron/install.js',
    '  (Windows PowerShell: $env:ELECTRON_MIRROR="https://npmmirror.com/mirrors/electron/"; node node_modules/electron/install.js)',
    '',
  ].join('\n');
}

/** Manual steps for when the automatic Electron build of better-sqlite3 failed. */
export function nativeBuildInstructions({ electronVersion, arch }) {
  const target = `--target=${electronVersion} --arch=${arch}`;
  return [
    '未能为 Electron 准备数据库组件 better-sqlite3，改用浏览器模式启动。',
    'Could not prepare better-sqlite3 for Electron; starting in browser mode instead.',
    '',
    '手动准备（在项目根目录执行；不会改动 node_modules 中供 Node 使用的版本）/ To do it by hand, from the project root',
    '(node_modules/better-sqlite3/build, the Node build, is left untouched):',
    '  mkdir -p out/native/work out/native/electron',
    '  cp -R node_modules/better-sqlite3 out/native/work/',
    '  rm -rf out/native/work/better-sqlite3/build',
    '  cd out/native/work/better-sqlite3',
    `  node ../../../../node_modules/prebuild-install/bin.js --runtime=electron ${target} --verbose`,
    '    无法访问 GitHub 时先设置镜像 / behind a firewall, first set a mirror, e.g.',
    '    export npm_config_better_sqlite3_binary_host_mirror=https://registry.npmmirror.com/-/binary/better-sqlite3',
    '    没有预编译版本时从源码编译（需要 C++ 编译器）/ or compile it (needs a C++ toolchain):',
    `    npx node-gyp rebuild --release ${target} --dist-url=https://electronjs.org/headers`,
    '  cp build/Release/better_sqlite3.node ../../electron/better_sqlite3.node',
    '  cd ../../../.. && npm start',
    '',
  ].join('\n');
}

const URL_LINE = /^URL: (\S+)$/;
// Only what our own bridge prints: unreserved characters plus the URL delimiters it uses. No quotes,
// percent signs, carets or spaces ever reach a shell command line.
const SAFE_URL = /^[A-Za-z0-9\-._~:/?#=&]+$/;

/** The address in a `URL: http://127.0.0.1:PORT/…` line, or null. */
export function urlFromLine(line) {
  const match = URL_LINE.exec(line.trim());
  return match && isLoopbackUrl(match[1]) ? match[1] : null;
}

/** Browser mode only ever talks to 127.0.0.1; anything else is not ours to open. */
export function isLoopbackUrl(value) {
  if (typeof value !== 'string' || !SAFE_URL.test(value)) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' && url.hostname === '127.0.0.1' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

/** The command that opens the system browser at a loopback URL, or null for any other URL. */
export function browserOpenCommand(url, platform) {
  if (!isLoopbackUrl(url)) return null;
  if (platform === 'win32') {
    // `start` is a cmd builtin; the empty "" is the window title it would otherwise take from the URL.
    return { command: 'cmd', args: ['/d', '/s', '/c', `start "" "${url}"`], windowsVerbatimArguments: true };
  }
  if (platform === 'darwin') return { command: 'open', args: [url], windowsVerbatimArguments: false };
  return { command: 'xdg-open', args: [url], windowsVerbatimArguments: false };
}

export const WEB_USAGE = [
  '用法 / usage: npm run web -- [--db PATH] [--port N] [--no-open]',
  '  --db PATH   台账文件 / the ledger file (default: BRANCH_LEDGER_DB, then the desktop app’s file)',
  '  --port N    端口 / port on 127.0.0.1 (default: a free one)',
  '  --no-open   不自动打开浏览器 / do not open the system browser',
].join('\n');

/**
 * Parses `web.mjs` arguments. `forward` is what the bridge server gets: only options it knows,
 * and never a host — browser mode binds 127.0.0.1 and nothing else.
 */
export function parseWebArgs(argv) {
  const options = { db: undefined, port: undefined, open: true, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [name, inlineValue] = arg.startsWith('--') && arg.includes('=') ? splitOnce(arg) : [arg, undefined];
    const takeValue = () => {
      if (inlineValue !== undefined) return inlineValue;
      i++;
      return argv[i];
    };
    if (name === '--help' || name === '-h') options.help = true;
    else if (name === '--no-open') options.open = false;
    else if (name === '--db') {
      const value = takeValue();
      if (!value || value.startsWith('--'))
        return { ok: false, error: '--db 需要一个文件路径 / --db needs a file path' };
      options.db = value;
    } else if (name === '--port') {
      const value = takeValue();
      const port = Number(value);
      if (!value || !/^\d+$/.test(value) || port > 65535) {
        return { ok: false, error: `--port 需要 0–65535 之间的整数 / --port needs an integer 0–65535: ${value ?? ''}` };
      }
      options.port = port;
    } else {
      return { ok: false, error: `未知参数 / unknown option: ${arg}` };
    }
  }
  const forward = [];
  if (options.db !== undefined) forward.push('--db', options.db);
  if (options.port !== undefined) forward.push('--port', String(options.port));
  return { ok: true, options, forward };
}

export const START_USAGE = [
  '用法 / usage: npm start -- [--db PATH] [--web] [--no-open]',
  '  --db PATH   台账文件 / the ledger file (sets BRANCH_LEDGER_DB)',
  '  --web       直接使用浏览器模式 / use browser mode even when Electron is installed',
  '  --no-open   浏览器模式下不自动打开浏览器 / in browser mode, do not open the browser',
].join('\n');

export function parseStartArgs(argv) {
  const options = { db: undefined, web: false, open: true, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') options.help = true;
    else if (arg === '--web') options.web = true;
    else if (arg === '--no-open') options.open = false;
    else if (arg === '--db' || arg.startsWith('--db=')) {
      const value = arg === '--db' ? argv[++i] : arg.slice('--db='.length);
      if (!value || value.startsWith('--'))
        return { ok: false, error: '--db 需要一个文件路径 / --db needs a file path' };
      options.db = value;
    } else {
      return { ok: false, error: `未知参数 / unknown option: ${arg}` };
    }
  }
  return { ok: true, options };
}

/** An environment for a child Electron: without ELECTRON_RUN_AS_NODE, which would make it plain Node. */
export function electronChildEnv(env, db) {
  const next = { ...env };
  delete next.ELECTRON_RUN_AS_NODE;
  if (db !== undefined) next.BRANCH_LEDGER_DB = db;
  return next;
}

/**
 * A path the user typed. npm runs scripts from the package root and keeps the shell's folder in
 * INIT_CWD, so `npm run web -- --db ./mine.sqlite` means the file where the user is.
 */
export function resolveUserPath(value, env, cwd) {
  return path.resolve(env.INIT_CWD || cwd, value);
}

function splitOnce(arg) {
  const at = arg.indexOf('=');
  return [arg.slice(0, at), arg.slice(at + 1)];
}
