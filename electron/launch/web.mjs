// Browser mode: `npm run web -- [--db PATH] [--port N] [--no-open]`.
// A thin launcher: builds the renderer if it is missing, runs the loopback bridge in a child
// process (web-server.mjs → electron/bridge/web.ts), passes its output through, opens the system
// browser at the `URL: …` line it prints, and forwards Ctrl-C/SIGTERM so the ledger closes cleanly.

import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildRenderer, PROJECT_ROOT, rendererIsBuilt } from './build.mjs';
import { browserOpenCommand, parseWebArgs, resolveUserPath, urlFromLine, WEB_USAGE } from './helpers.mjs';

const SERVER_ENTRY = path.join(path.dirname(fileURLToPath(import.meta.url)), 'web-server.mjs');
const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Runs browser mode until the server exits; resolves with the exit code to use.
 * @param {readonly string[]} argv
 */
export async function runWeb(argv) {
  const parsed = parseWebArgs(argv);
  if (!parsed.ok) {
    console.error(`${parsed.error}\n${WEB_USAGE}`);
    return 2;
  }
  if (parsed.options.help) {
    console.log(WEB_USAGE);
    return 0;
  }
  const forward = [...parsed.forward];
  const dbAt = forward.indexOf('--db');
  if (dbAt !== -1) forward[dbAt + 1] = resolveUserPath(forward[dbAt + 1], process.env, process.cwd());

  if (!rendererIsBuilt()) {
    console.error('正在构建界面（首次运行需要一点时间）… / Building the renderer…');
    try {
      buildRenderer();
    } catch (error) {
      console.error(error instanceof Error ? error.message : error);
      return 4;
    }
  }
  return serve(forward, parsed.options.open);
}

function serve(args, open) {
  const isWindows = process.platform === 'win32';
  const child = spawn(process.execPath, [SERVER_ENTRY, ...args], {
    cwd: PROJECT_ROOT,
    // stdout is read for the URL line; the IPC channel only tells the child when we die.
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    // POSIX: its own process group, so a terminal's Ctrl-C reaches the server once (from us), not
    // twice. Windows delivers Ctrl-C to every process on the console, so there we just wait.
    detached: !isWindows,
  });

  const forwardSignal = (signal) => {
    if (!isWindows && child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of FORWARDED_SIGNALS) process.on(signal, forwardSignal);

  let opened = false;
  createInterface({ input: child.stdout }).on('line', (line) => {
    process.stdout.write(`${line}\n`);
    const url = urlFromLine(line);
    if (url !== null && open && !opened) {
      opened = true;
      openBrowser(url);
    }
  });

  return new Promise((resolve) => {
    child.on('error', (error) => {
      console.error('无法启动浏览器模式服务 / could not start the browser-mode server:', error.message);
      resolve(4);
    });
    child.on('exit', (code, signal) => {
      for (const name of FORWARDED_SIGNALS) process.off(name, forwardSignal);
      resolve(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1));
    });
  });
}

function openBrowser(url) {
  const command = browserOpenCommand(url, process.platform);
  if (command === null) return;
  const manual = () => console.error(`请在浏览器中打开上面的地址 / open the address above in a browser: ${url}`);
  try {
    const opener = spawn(command.command, command.args, {
      stdio: 'ignore',
      detached: true,
      windowsVerbatimArguments: command.windowsVerbatimArguments,
    });
    opener.on('error', manual);
    opener.unref();
  } catch {
    manual();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await runWeb(process.argv.slice(2));
}
