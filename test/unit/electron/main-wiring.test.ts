import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compileFunction } from 'node:vm';
import * as esbuild from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { mainBuildOptions, PROJECT_ROOT } from '../../../electron/launch/build.mjs';
import { hardenedWebPreferences } from '../../../electron/main/security.ts';

/**
 * The real main-process bundle (as build.mjs makes it) run under Node against a fake 'electron'
 * module and the real ledger service: proves main.ts wires the pure decisions, the protocol and
 * the IPC handler together, which nothing else can check without the Electron binary.
 */

type Listener = (...args: unknown[]) => unknown;

interface Harness {
  electron: ReturnType<typeof fakeElectron>;
  root: string;
  ledgerPath: string;
}

let code: string;
let workRoot: string;

beforeAll(async () => {
  const result = await esbuild.build({ ...mainBuildOptions(), write: false, sourcemap: false });
  code = result.outputFiles?.find((file) => file.path.endsWith('.cjs'))?.text ?? '';
  workRoot = mkdtempSync(path.join(tmpdir(), 'main-wiring-'));
});

afterAll(() => {
  rmSync(workRoot, { recursive: true, force: true });
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

function fakeElectron(options: { lock: boolean; appPath: string; appData: string }) {
  const appListeners = new Map<string, Listener>();
  const calls: string[] = [];
  const windows: FakeWindow[] = [];
  const ipcHandlers = new Map<string, Listener>();
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const permission: { request?: Listener; check?: Listener; device?: Listener } = {};
  const dialog = { showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 1 })) };
  const shell = {
    openExternal: vi.fn(async (_url: string) => undefined),
    openPath: vi.fn(async (_p: string) => ''),
    showItemInFolder: vi.fn(),
  };

  class FakeWindow {
    readonly options: Record<string, unknown>;
    readonly loaded: string[] = [];
    readonly webContents = { send: vi.fn() };
    constructor(opts: Record<string, unknown>) {
      this.options = opts;
      windows.push(this);
    }
    once() {}
    on() {}
    isDestroyed() {
      return false;
    }
    async loadURL(url: string) {
      this.loaded.push(url);
    }
    static getAllWindows() {
      return windows;
    }
  }

  const app = {
    isPackaged: false,
    getPath: (name: string) => (name === 'appData' ? options.appData : path.join(options.appPath, 'electron-exe')),
    setPath: vi.fn((name: string, value: string) => calls.push(`setPath:${name}:${value}`)),
    getAppPath: () => options.appPath,
    getVersion: () => '0.1.0',
    enableSandbox: () => calls.push('enableSandbox'),
    requestSingleInstanceLock: () => {
      calls.push('requestSingleInstanceLock');
      return options.lock;
    },
    on: (event: string, listener: Listener) => appListeners.set(event, listener),
    whenReady: () => Promise.resolve(),
    quit: vi.fn(() => calls.push('quit')),
    exit: vi.fn((code: number) => calls.push(`exit:${code}`)),
  };
  const module = {
    app,
    BrowserWindow: FakeWindow,
    dialog,
    shell,
    ipcMain: { handle: (channel: string, handler: Listener) => ipcHandlers.set(channel, handler) },
    Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: (template: unknown) => template },
    protocol: {
      registerSchemesAsPrivileged: vi.fn((schemes: unknown) =>
        calls.push(`registerSchemes:${JSON.stringify(schemes)}`),
      ),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
        protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: Listener) => {
          permission.request = handler;
        },
        setPermissionCheckHandler: (handler: Listener) => {
          permission.check = handler;
        },
        setDevicePermissionHandler: (handler: Listener) => {
          permission.device = handler;
        },
      },
    },
  };
  return { module, app, appListeners, calls, windows, ipcHandlers, protocolHandlers, permission, dialog, shell };
}

/** Lays out a project the way the bundle expects it: out/electron, out/renderer, out/native/electron. */
async function runMain(name: string, setup: { lock?: boolean; nativeBinding?: boolean; ledger?: string } = {}) {
  const root = path.join(workRoot, name);
  mkdirSync(path.join(root, 'out', 'renderer', 'assets'), { recursive: true });
  mkdirSync(path.join(root, 'out', 'electron'), { recursive: true });
  writeFileSync(path.join(root, 'out', 'renderer', 'index.html'), '<!doctype html><title>台账</title>');
  writeFileSync(path.join(root, 'out', 'secret.txt'), 'secret');
  if (setup.nativeBinding !== false) {
    // Under Node the Node-ABI build stands in for the Electron one; node_modules is only read.
    mkdirSync(path.join(root, 'out', 'native', 'electron'), { recursive: true });
    copyFileSync(
      path.join(PROJECT_ROOT, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'),
      path.join(root, 'out', 'native', 'electron', 'better_sqlite3.node'),
    );
  }
  const ledgerPath = path.join(root, 'data', 'ledger.sqlite');
  if (setup.ledger !== undefined) {
    mkdirSync(path.dirname(ledgerPath), { recursive: true });
    writeFileSync(ledgerPath, setup.ledger);
  }
  vi.stubEnv('BRANCH_LEDGER_DB', ledgerPath);

  const electron = fakeElectron({ lock: setup.lock ?? true, appPath: root, appData: path.join(root, 'appData') });
  const realRequire = createRequire(path.join(PROJECT_ROOT, 'package.json'));
  const fakeRequire = (id: string) => (id === 'electron' ? electron.module : realRequire(id));
  const module = { exports: {} };
  const run = compileFunction(code, ['require', 'module', 'exports', '__filename', '__dirname']);
  const dirname = path.join(root, 'out', 'electron');
  run(fakeRequire, module, module.exports, path.join(dirname, 'main.cjs'), dirname);
  // Let whenReady().then(start) run to its end.
  await vi.waitFor(() => {
    if (electron.windows.length === 0 && electron.app.exit.mock.calls.length === 0 && setup.lock !== false) {
      throw new Error('main has not finished starting');
    }
  });
  return { electron, root, ledgerPath } satisfies Harness;
}

function quit(harness: Harness) {
  harness.electron.appListeners.get('will-quit')?.();
}

const trusted = { senderFrame: { url: 'app://app/index.html#/', parent: null } };

describe('main.cjs under a fake Electron', () => {
  it('registers app:// as a privileged scheme, sandboxes everything and takes the lock in its own profile', async () => {
    const harness = await runMain('startup');
    const { calls } = harness.electron;
    expect(calls[0]).toBe(
      `registerSchemes:${JSON.stringify([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }])}`,
    );
    expect(calls).toContain('enableSandbox');
    const setPath = calls.findIndex((c) => c.startsWith('setPath:userData:'));
    expect(setPath).toBeGreaterThan(-1);
    expect(setPath).toBeLessThan(calls.indexOf('requestSingleInstanceLock'));
    expect(calls[setPath]).toBe(`setPath:userData:${path.join(harness.root, 'appData', 'branch-ledger', 'profile')}`);
    quit(harness);
  });

  it('opens one hardened window on app://app/', async () => {
    const harness = await runMain('window');
    const [window] = harness.electron.windows;
    expect(harness.electron.windows).toHaveLength(1);
    expect(window?.options.webPreferences).toEqual(
      hardenedWebPreferences(path.join(harness.root, 'out', 'electron', 'preload.cjs'), { devTools: true }),
    );
    expect(window?.loaded).toEqual(['app://app/']);
    quit(harness);
  });

  it('serves the renderer over app:// and nothing outside it', async () => {
    const harness = await runMain('protocol');
    const handle = harness.electron.protocolHandlers.get('app');
    if (!handle) throw new Error('no app:// handler');
    const index = await handle(new Request('app://app/'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await index.text()).toContain('台账');
    expect((await handle(new Request('app://app/%2e%2e/secret.txt'))).status).toBe(404);
    expect((await handle(new Request('app://app/missing.js'))).status).toBe(404);
    expect((await handle(new Request('app://app/assets'))).status).toBe(404);
    expect((await handle(new Request('app://app/', { method: 'POST', body: 'x' }))).status).toBe(405);
    quit(harness);
  });

  it('answers the renderer through the real service, and refuses untrusted frames', async () => {
    const harness = await runMain('ipc');
    const invoke = harness.electron.ipcHandlers.get('ledger:invoke');
    if (!invoke) throw new Error('no ledger:invoke handler');

    const info = (await invoke(trusted, 'app.info', {})) as {
      ok: boolean;
      value: { ledgerPath: string; transport: string };
    };
    expect(info.ok).toBe(true);
    expect(info.value.ledgerPath).toBe(harness.ledgerPath);
    expect(info.value.transport).toBe('ipc');

    const invalid = (await invoke(trusted, 'backup.restore', { name: '../../etc/passwd' })) as {
      ok: boolean;
      error: { code: string };
    };
    expect(invalid).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

    const unknown = (await invoke(trusted, 'no.such.method', {})) as { ok: boolean; error: { code: string } };
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });

    const forbidden = await invoke({ senderFrame: { url: 'https://evil.example/', parent: null } }, 'app.info', {});
    expect(forbidden).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    quit(harness);
  });

  it('hardens every webContents: no navigation away, no new windows, links go to the browser', async () => {
    const harness = await runMain('navigation');
    const listeners = new Map<string, Listener>();
    let windowOpen: Listener | undefined;
    const contents = {
      on: (event: string, listener: Listener) => listeners.set(event, listener),
      setWindowOpenHandler: (handler: Listener) => {
        windowOpen = handler;
      },
    };
    harness.electron.appListeners.get('web-contents-created')?.({}, contents);

    const navigate = (url: string) => {
      const event = { url, isMainFrame: true, preventDefault: vi.fn() };
      listeners.get('will-navigate')?.(event);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(navigate('app://app/index.html#/members')).toBe(false);
    expect(navigate('https://www.12371.cn/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(harness.electron.shell.openExternal.mock.calls).toEqual([['https://www.12371.cn/']]);

    expect(windowOpen?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(windowOpen?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(harness.electron.shell.openExternal).toHaveBeenLastCalledWith('https://example.com/');

    const attach = { preventDefault: vi.fn() };
    listeners.get('will-attach-webview')?.(attach);
    expect(attach.preventDefault).toHaveBeenCalled();
    quit(harness);
  });

  it('denies every permission request and check', async () => {
    const harness = await runMain('permissions');
    const { permission } = harness.electron;
    const callback = vi.fn();
    permission.request?.({}, 'media', callback, {});
    expect(callback).toHaveBeenCalledWith(false);
    expect(permission.check?.({}, 'notifications', 'app://app', {})).toBe(false);
    expect(permission.device?.({})).toBe(false);
    quit(harness);
  });

  it('closes the ledger on quit, releasing it for the next opener', async () => {
    const harness = await runMain('quit');
    expect(existsSync(`${harness.ledgerPath}.lock`)).toBe(true);
    quit(harness);
    expect(existsSync(`${harness.ledgerPath}.lock`)).toBe(false);
  });

  it('leaves a second instance to the first: it quits before opening anything', async () => {
    const harness = await runMain('second', { lock: false });
    expect(harness.electron.app.quit).toHaveBeenCalled();
    expect(harness.electron.windows).toHaveLength(0);
    expect(existsSync(harness.ledgerPath)).toBe(false);
  });

  it('explains a corrupt ledger in a Chinese dialog and exits without a window', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const harness = await runMain('corrupt', { ledger: 'this is not a SQLite database '.repeat(100) });
    const [options] = harness.electron.dialog.showMessageBox.mock.calls[0] ?? [];
    expect(options).toMatchObject({ title: '台账文件已损坏', buttons: ['打开备份文件夹', '退出'] });
    expect(harness.electron.app.exit).toHaveBeenCalledWith(1);
    expect(harness.electron.windows).toHaveLength(0);
  });

  it('says so when the Electron build of better-sqlite3 is missing', async () => {
    const harness = await runMain('no-native', { nativeBinding: false });
    const [options] = harness.electron.dialog.showMessageBox.mock.calls[0] ?? [];
    expect(options).toMatchObject({ title: '缺少数据库组件' });
    expect(harness.electron.app.exit).toHaveBeenCalledWith(1);
  });
});
