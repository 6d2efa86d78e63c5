import { describe, expect, it } from 'vitest';
import { executableDir, nativeBindingPath, profileDir } from '../../../electron/main/app-paths.ts';

describe('nativeBindingPath', () => {
  it('loads the Electron build of better-sqlite3 from out/native/electron in development', () => {
    expect(
      nativeBindingPath({ isPackaged: false, resourcesPath: '/x', appPath: '/work/main', platform: 'linux' }),
    ).toBe('/work/main/out/native/electron/better_sqlite3.node');
  });

  it('loads it from outside the asar archive in the installed app', () => {
    expect(
      nativeBindingPath({
        isPackaged: true,
        resourcesPath: 'C:\\Program Files\\党支部工作台账\\resources',
        appPath: 'C:\\Program Files\\党支部工作台账\\resources\\app.asar',
        platform: 'win32',
      }),
    ).toBe(
      'C:\\Program Files\\党支部工作台账\\resources\\app.asar.unpacked\\out\\native\\electron\\better_sqlite3.node',
    );
  });
});

describe('executableDir', () => {
  it('uses the folder of the portable .exe, not the temp folder it unpacked to', () => {
    expect(executableDir('C:\\Temp\\x\\app.exe', { PORTABLE_EXECUTABLE_DIR: 'E:\\台账' }, 'win32')).toBe('E:\\台账');
    expect(executableDir('C:\\Apps\\ledger\\app.exe', {}, 'win32')).toBe('C:\\Apps\\ledger');
  });
});

describe('profileDir', () => {
  it('keeps Chromium data beside the portable ledger, and in our own app folder otherwise', () => {
    expect(
      profileDir({
        ledgerPath: 'E:\\台账\\data\\ledger.sqlite',
        source: 'portable',
        appDataDir: 'C:\\AD',
        platform: 'win32',
      }),
    ).toBe('E:\\台账\\data\\profile');
    expect(
      profileDir({ ledgerPath: '/tmp/t.sqlite', source: 'env', appDataDir: '/home/z/.config', platform: 'linux' }),
    ).toBe('/home/z/.config/branch-ledger/profile');
  });
});
