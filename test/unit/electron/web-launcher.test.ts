import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PROJECT_ROOT, RENDERER_OUT } from '../../../electron/launch/build.mjs';

/**
 * `npm run web` as a person runs it: the launcher, its server child, the real ledger. Needs the
 * built renderer (npm test builds it first); without it the launcher would start a Vite build.
 */
const rendererBuilt = existsSync(path.join(RENDERER_OUT, 'index.html'));
const started: ChildProcess[] = [];
const folders: string[] = [];

afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function launch(): { child: ChildProcess; ledger: string; url: Promise<string>; exit: Promise<number | null> } {
  const folder = mkdtempSync(path.join(tmpdir(), 'web-launcher-'));
  folders.push(folder);
  const ledger = path.join(folder, 'ledger.sqlite');
  const child = spawn(
    process.execPath,
    [path.join(PROJECT_ROOT, 'electron/launch/web.mjs'), '--no-open', '--port', '0', '--db', ledger],
    { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  started.push(child);
  const stdout = child.stdout;
  if (stdout === null) throw new Error('stdout is piped');
  const url = new Promise<string>((resolve, reject) => {
    createInterface({ input: stdout }).on('line', (line) => {
      if (line.startsWith('URL: ')) resolve(line.slice(5));
    });
    child.once('exit', () => reject(new Error('web.mjs exited before printing its URL')));
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, ledger, url, exit };
}

describe.skipIf(!rendererBuilt)('web.mjs', () => {
  it('serves on 127.0.0.1 only and, on SIGTERM, stops the server and closes the ledger cleanly', async () => {
    const run = launch();
    const url = new URL(await run.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.searchParams.get('token')).toBeTruthy();
    expect((await fetch(url)).status).toBe(200);
    expect(existsSync(`${run.ledger}.lock`)).toBe(true);

    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(0);
    expect(existsSync(`${run.ledger}.lock`)).toBe(false);
    expect(existsSync(`${run.ledger}-wal`)).toBe(false);
  });

  it('does not leave the server running with the ledger open when the launcher is killed', async () => {
    const run = launch();
    const url = await run.url;
    run.child.kill('SIGKILL');
    await run.exit;
    await vi.waitFor(
      async () => {
        expect(existsSync(`${run.ledger}.lock`)).toBe(false);
        await expect(fetch(url)).rejects.toThrow();
      },
      { timeout: 10_000, interval: 100 },
    );
  });
});
