/**
 * End-to-end harness: the REAL browser-mode server (electron/launch/web.mjs → bridge → core) on a
 * fresh data folder, and Chromium driven by playwright-core. One server per test file.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RENDERER_OUT = path.join(PROJECT_ROOT, 'out', 'renderer');
export const SCREENSHOT_DIR = path.join(PROJECT_ROOT, 'test-output', 'e2e');

/** Chromium from PATH (Debian's /usr/bin/chromium); CHROMIUM_PATH overrides. */
export function findChromium(): string | null {
  const override = process.env.CHROMIUM_PATH;
  if (override && existsSync(override)) return override;
  const names = process.platform === 'win32' ? ['chrome.exe', 'chromium.exe'] : ['chromium', 'chromium-browser'];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      if (dir && existsSync(candidate)) return candidate;
    }
  }
  return null;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Build the renderer when out/renderer is missing or older than renderer/, so the tests never run
 * yesterday's UI. A directory lock keeps parallel test files from building over each other.
 */
export async function ensureRendererBuilt(): Promise<void> {
  const lock = path.join(PROJECT_ROOT, 'out', '.renderer-build.lock');
  mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`renderer build lock held too long: ${lock}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    const built = path.join(RENDERER_OUT, 'index.html');
    const sources = newestMtime(path.join(PROJECT_ROOT, 'renderer'));
    if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
    const vite = path.join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
    const result = spawnSync(process.execPath, [vite, 'build', '--config', 'renderer/vite.config.ts'], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      // Vitest sets NODE_ENV=test, and Vite would then bundle React and antd in development mode.
      env: { ...process.env, NODE_ENV: 'production' },
    });
    if (result.status !== 0) throw new Error(`renderer build failed:\n${result.stdout}\n${result.stderr}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface LedgerServer {
  /** http://127.0.0.1:PORT/?token=…#/ as printed by the server. */
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts `node electron/launch/web.mjs --db <fresh dir>/ledger.sqlite --port 0 --no-open`. */
export async function startLedgerServer(): Promise<LedgerServer> {
  await ensureRendererBuilt();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'branch-ledger-e2e-'));
  const child: ChildProcess = spawn(
    process.execPath,
    ['electron/launch/web.mjs', '--db', path.join(dataDir, 'ledger.sqlite'), '--port', '0', '--no-open'],
    { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString('utf8');
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server printed no URL line within 90 s:\n${log}`)), 90_000);
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      log += `${line}\n`;
      const match = /^URL: (\S+)/.exec(line.trim());
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (code ${code}) before printing its URL:\n${log}`));
    });
  });

  const parsed = new URL(url);
  const token = parsed.searchParams.get('token') ?? '';
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { url, origin: parsed.origin, token, dataDir, output: () => log, stop };
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/** Saves test-output/e2e/<name>.png (gitignored) for a person to look at. */
export async function snap(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const fullPage = options.fullPage ?? true;
  // Let antd's motions (error messages growing in, drawers sliding) settle first.
  await page.waitForTimeout(400);
  // A full-page capture of a scrolled page draws the sticky header where the viewport was: start at the top.
  if (fullPage) await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage });
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** A 公民身份号码 with the right check character (GB 11643), from its first 17 digits. */
export function idNumberWithChecksum(first17: string): string {
  const sum = [...first17].reduce((total, digit, index) => total + Number(digit) * (ID_WEIGHTS[index] ?? 0), 0);
  return first17 + ID_CHECK[sum % 11];
}

/** The same 17 digits with a check character that is certainly wrong. */
export function idNumberWithWrongChecksum(first17: string): string {
  const right = idNumberWithChecksum(first17).slice(-1);
  return first17 + (right === '0' ? '1' : '0');
}

/** Calls one contract method on the running server through the bridge, as the renderer does. */
export async function callApi<T>(server: LedgerServer, method: string, input: unknown): Promise<T> {
  const response = await fetch(`${server.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { ok: true; value: T } | { ok: false; error: { message: string } };
  if (!body.ok) throw new Error(`${method} refused: ${JSON.stringify(body.error)}`);
  return body.value;
}

/**
 * A page the size of a common office screen, collecting console errors and page errors into
 * `problems` so a test can assert the UI ran without script errors or CSP violations.
 */
export async function openPage(browser: Browser, problems: string[]): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const page = await context.newPage();
  // Generous: two test files share the two cores, and a loaded machine renders slowly.
  page.setDefaultTimeout(30_000);
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  return { context, page };
}

/** The screenshot a failed test leaves behind, named after the test. */
export async function snapFailure(page: Page, prefix: string, testName: string): Promise<void> {
  await snap(page, `FAILED-${prefix}${testName.slice(0, 40).replace(/[^\p{L}\p{N}]+/gu, '-')}`);
}

export interface DemoSize {
  branches: number;
  members: number;
  years: number;
}

/** Fills the server's ledger with `branch-ledger demo`: the CLI writes the same SQLite file (WAL; it takes no lock). */
export function runDemo(server: LedgerServer, size: DemoSize): void {
  const demo = spawnSync(
    process.execPath,
    [
      'electron/cli/bin.mjs',
      'demo',
      '--db',
      path.join(server.dataDir, 'ledger.sqlite'),
      '--branches',
      String(size.branches),
      '--members',
      String(size.members),
      '--years',
      String(size.years),
    ],
    { cwd: PROJECT_ROOT, encoding: 'utf8' },
  );
  if (demo.status !== 0) throw new Error(`demo failed:\n${demo.stdout}\n${demo.stderr}`);
}

export interface BrowserSession {
  server: LedgerServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors of the page: a test asserts there are none. */
  problems: string[];
}

/**
 * The setup every end-to-end file shares, registered as the file's hooks: a fresh ledger served
 * over the bridge (with demo data when asked), Chromium and one page; a failing test leaves a
 * screenshot named `FAILED-<prefix><test name>`; everything is closed after the file. Hooks the
 * file registers after this call run after it, with the server up.
 */
export function useBrowserSession(prefix: string, setup: { demo?: DemoSize } = {}): BrowserSession {
  const session = { problems: [] as string[] } as BrowserSession;
  beforeAll(async () => {
    session.server = await startLedgerServer();
    if (setup.demo) runDemo(session.server, setup.demo);
    session.browser = await launchBrowser(findChromium() as string);
    Object.assign(session, await openPage(session.browser, session.problems));
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && session.page)
      await snapFailure(session.page, prefix, context.task.name);
  });
  afterAll(async () => {
    await session.context?.close();
    await session.browser?.close();
    await session.server?.stop();
  });
  return session;
}

/** A locator's visible text (Playwright's innerText, not the DOM's). */
// biome-ignore lint/performance/useDomNodeTextContent: a Playwright Locator, not a DOM node
export const textOf = (locator: Locator): Promise<string> => locator.innerText();
