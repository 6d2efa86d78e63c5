import { describe, expect, it } from 'vitest';
import {
  browserOpenCommand,
  electronBinaryPath,
  electronChildEnv,
  isLoopbackUrl,
  nativeBuildInstructions,
  nativeStamp,
  parseStartArgs,
  parseWebArgs,
  resolveUserPath,
  runtimeMissingMessage,
  urlFromLine,
} from '../../../electron/launch/helpers.mjs';

function fakeFs(files: Record<string, string>) {
  return { exists: (file: string) => file in files, readText: (file: string) => files[file] ?? '' };
}

describe('electronBinaryPath', () => {
  const electronDir = '/p/node_modules/electron';

  it('is null when the binary was never downloaded (no path.txt)', () => {
    expect(electronBinaryPath({ electronDir, env: {}, platform: 'linux', ...fakeFs({}) })).toBeNull();
  });

  it('is null when path.txt names a file that is not there', () => {
    const fs = fakeFs({ '/p/node_modules/electron/path.txt': 'electron' });
    expect(electronBinaryPath({ electronDir, env: {}, platform: 'linux', ...fs })).toBeNull();
  });

  it('finds the downloaded binary through path.txt', () => {
    const fs = fakeFs({
      '/p/node_modules/electron/path.txt': 'electron\n',
      '/p/node_modules/electron/dist/electron': '',
    });
    expect(electronBinaryPath({ electronDir, env: {}, platform: 'linux', ...fs })).toBe(
      '/p/node_modules/electron/dist/electron',
    );
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like the electron package does', () => {
    const fs = fakeFs({ '/opt/electron/electron': '' });
    expect(
      electronBinaryPath({
        electronDir,
        env: { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' },
        platform: 'linux',
        ...fs,
      }),
    ).toBe('/opt/electron/electron');
  });

  it('uses Windows paths on Windows', () => {
    const dir = 'C:\\p\\node_modules\\electron';
    const fs = fakeFs({ [`${dir}\\path.txt`]: 'electron.exe', [`${dir}\\dist\\electron.exe`]: '' });
    expect(electronBinaryPath({ electronDir: dir, env: {}, platform: 'win32', ...fs })).toBe(
      `${dir}\\dist\\electron.exe`,
    );
  });
});

describe('messages for a missing runtime', () => {
  it('explains in Chinese and English, with the mirror for networks that cannot reach GitHub', () => {
    const text = runtimeMissingMessage();
    expect(text).toContain('未安装 Electron 运行时');
    expect(text).toContain('The Electron runtime is not installed');
    expect(text).toContain(
      'ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ node node_modules/electron/install.js',
    );
  });

  it('gives build steps that never write into node_modules/better-sqlite3', () => {
    const text = nativeBuildInstructions({ electronVersion: '45.4.1', arch: 'x64' });
    expect(text).toContain('--runtime=electron --target=45.4.1 --arch=x64');
    expect(text).toContain('mkdir -p out/native/work out/native/electron');
    expect(text).toContain('--dist-url=https://electronjs.org/headers');
    for (const line of text.split('\n')) expect(line).not.toMatch(/(cp|rm|mv)\b.*node_modules\/better-sqlite3\/build/);
  });

  it('stamps the native build with everything that would make it incompatible', () => {
    const base = {
      electronVersion: '45.4.1',
      abi: '150',
      betterSqlite3Version: '12.6.2',
      platform: 'linux' as const,
      arch: 'x64',
    };
    expect(nativeStamp(base)).toBe(nativeStamp({ ...base }));
    expect(nativeStamp(base)).not.toBe(nativeStamp({ ...base, electronVersion: '45.5.0' }));
    expect(nativeStamp(base)).not.toBe(nativeStamp({ ...base, arch: 'arm64' }));
  });
});

describe('the URL line of browser mode', () => {
  it('is picked out of the server output', () => {
    expect(urlFromLine('URL: http://127.0.0.1:43117/?token=9f3a_b-C#/')).toBe(
      'http://127.0.0.1:43117/?token=9f3a_b-C#/',
    );
    expect(urlFromLine('台账文件: /tmp/x.sqlite')).toBeNull();
    expect(urlFromLine('URL: http://evil.example/')).toBeNull();
  });

  it.each([
    'http://localhost:80/',
    'http://127.0.0.1.evil.example/',
    'http://0.0.0.0:8080/',
    'https://127.0.0.1/',
    'http://user@127.0.0.1/',
    'http://127.0.0.1/"&calc.exe',
    'http://127.0.0.1/%USERPROFILE%',
    'http://127.0.0.1/^x',
    'http://127.0.0.1/ a',
    'javascript:alert(1)',
    'file:///etc/passwd',
  ])('is never opened when it is not a plain loopback address: %s', (url) => {
    expect(isLoopbackUrl(url)).toBe(false);
    expect(browserOpenCommand(url, 'win32')).toBeNull();
    expect(browserOpenCommand(url, 'linux')).toBeNull();
  });

  it('opens with the platform’s own opener', () => {
    const url = 'http://127.0.0.1:5000/?token=abc#/';
    expect(browserOpenCommand(url, 'linux')).toEqual({
      command: 'xdg-open',
      args: [url],
      windowsVerbatimArguments: false,
    });
    expect(browserOpenCommand(url, 'darwin')).toEqual({
      command: 'open',
      args: [url],
      windowsVerbatimArguments: false,
    });
    expect(browserOpenCommand(url, 'win32')).toEqual({
      command: 'cmd',
      args: ['/d', '/s', '/c', `start "" "${url}"`],
      windowsVerbatimArguments: true,
    });
  });
});

describe('parseWebArgs', () => {
  it('accepts --db, --port and --no-open, and forwards only --db and --port', () => {
    const parsed = parseWebArgs(['--db', '/tmp/a.sqlite', '--port=8123', '--no-open']);
    expect(parsed).toEqual({
      ok: true,
      options: { db: '/tmp/a.sqlite', port: 8123, open: false, help: false },
      forward: ['--db', '/tmp/a.sqlite', '--port', '8123'],
    });
  });

  it('opens the browser by default and lets the server pick a port', () => {
    expect(parseWebArgs([])).toEqual({
      ok: true,
      options: { db: undefined, port: undefined, open: true, help: false },
      forward: [],
    });
  });

  it.each([
    [['--port', 'abc']],
    [['--port', '70000']],
    [['--port', '-1']],
    [['--port']],
    [['--db']],
    [['--db', '--port']],
    [['--host', '0.0.0.0']],
    [['--host=0.0.0.0']],
    [['extra']],
  ])('refuses %j (usage error), so nothing but 127.0.0.1 is ever bound', (argv) => {
    expect(parseWebArgs(argv).ok).toBe(false);
  });
});

describe('parseStartArgs and the Electron child environment', () => {
  it('understands --db, --web and --no-open', () => {
    expect(parseStartArgs(['--db=/x.sqlite', '--web', '--no-open'])).toEqual({
      ok: true,
      options: { db: '/x.sqlite', web: true, open: false, help: false },
    });
    expect(parseStartArgs(['--inspect']).ok).toBe(false);
  });

  it('never lets ELECTRON_RUN_AS_NODE turn the app into plain Node, and passes --db as BRANCH_LEDGER_DB', () => {
    const env = electronChildEnv({ ELECTRON_RUN_AS_NODE: '1', PATH: '/bin' }, '/x.sqlite');
    expect(env).toEqual({ PATH: '/bin', BRANCH_LEDGER_DB: '/x.sqlite' });
  });

  it('resolves a typed path against the folder npm was started from', () => {
    expect(resolveUserPath('a.sqlite', { INIT_CWD: '/home/z/docs' }, '/work/main')).toBe('/home/z/docs/a.sqlite');
    expect(resolveUserPath('a.sqlite', {}, '/work/main')).toBe('/work/main/a.sqlite');
    expect(resolveUserPath('/abs.sqlite', { INIT_CWD: '/home/z' }, '/w')).toBe('/abs.sqlite');
  });
});
