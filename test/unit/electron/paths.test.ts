import { describe, expect, it } from 'vitest';
import {
  chooseLedgerPath,
  defaultLedgerPath,
  ledgerPathIn,
  portableLedgerPath,
  userAppDataDir,
} from '../../../electron/core/paths.ts';

const win = {
  platform: 'win32' as const,
  homedir: 'C:\\Users\\zhang',
  env: { APPDATA: 'C:\\Users\\zhang\\AppData\\Roaming' },
};
const linux = { platform: 'linux' as const, homedir: '/home/zhang', env: {} };
const mac = { platform: 'darwin' as const, homedir: '/Users/zhang', env: {} };

describe('defaultLedgerPath', () => {
  it('puts the ledger in %APPDATA%\\branch-ledger on Windows', () => {
    expect(defaultLedgerPath(win)).toBe('C:\\Users\\zhang\\AppData\\Roaming\\branch-ledger\\ledger.sqlite');
  });

  it('falls back to the roaming profile folder when %APPDATA% is not set', () => {
    expect(defaultLedgerPath({ ...win, env: {} })).toBe(
      'C:\\Users\\zhang\\AppData\\Roaming\\branch-ledger\\ledger.sqlite',
    );
  });

  it('uses ~/.config on Linux, or an absolute XDG_CONFIG_HOME', () => {
    expect(defaultLedgerPath(linux)).toBe('/home/zhang/.config/branch-ledger/ledger.sqlite');
    expect(defaultLedgerPath({ ...linux, env: { XDG_CONFIG_HOME: '/data/cfg' } })).toBe(
      '/data/cfg/branch-ledger/ledger.sqlite',
    );
  });

  it('ignores a relative or blank XDG_CONFIG_HOME, as the XDG spec requires', () => {
    expect(defaultLedgerPath({ ...linux, env: { XDG_CONFIG_HOME: 'cfg' } })).toBe(
      '/home/zhang/.config/branch-ledger/ledger.sqlite',
    );
    expect(defaultLedgerPath({ ...linux, env: { XDG_CONFIG_HOME: '  ' } })).toBe(
      '/home/zhang/.config/branch-ledger/ledger.sqlite',
    );
  });

  it('uses ~/Library/Application Support on macOS', () => {
    expect(defaultLedgerPath(mac)).toBe('/Users/zhang/Library/Application Support/branch-ledger/ledger.sqlite');
  });

  it('lets BRANCH_LEDGER_DB override the default on every platform', () => {
    expect(defaultLedgerPath({ ...win, env: { ...win.env, BRANCH_LEDGER_DB: 'D:\\台账\\一支部.sqlite' } })).toBe(
      'D:\\台账\\一支部.sqlite',
    );
    expect(defaultLedgerPath({ ...linux, env: { BRANCH_LEDGER_DB: '/tmp/t.sqlite' } })).toBe('/tmp/t.sqlite');
    expect(defaultLedgerPath({ ...mac, env: { BRANCH_LEDGER_DB: '/tmp/t.sqlite' } })).toBe('/tmp/t.sqlite');
  });

  it('resolves a relative BRANCH_LEDGER_DB against cwd when given, and ignores a blank one', () => {
    expect(defaultLedgerPath({ ...linux, cwd: '/work', env: { BRANCH_LEDGER_DB: 'a/t.sqlite' } })).toBe(
      '/work/a/t.sqlite',
    );
    expect(defaultLedgerPath({ ...win, cwd: 'C:\\work', env: { BRANCH_LEDGER_DB: 't.sqlite' } })).toBe(
      'C:\\work\\t.sqlite',
    );
    expect(defaultLedgerPath({ ...linux, env: { BRANCH_LEDGER_DB: '' } })).toBe(
      '/home/zhang/.config/branch-ledger/ledger.sqlite',
    );
  });

  it('agrees with the folder Electron reports as appData', () => {
    expect(ledgerPathIn(userAppDataDir(linux), 'linux')).toBe(defaultLedgerPath(linux));
    expect(ledgerPathIn('C:\\Users\\zhang\\AppData\\Roaming', 'win32')).toBe(defaultLedgerPath(win));
  });
});

describe('portableLedgerPath', () => {
  it('keeps the ledger in <exeDir>\\data when portable.txt sits beside the executable', () => {
    const seen: string[] = [];
    const exists = (file: string) => {
      seen.push(file);
      return file === 'E:\\台账工具\\portable.txt';
    };
    expect(portableLedgerPath('E:\\台账工具', exists, 'win32')).toBe('E:\\台账工具\\data\\ledger.sqlite');
    expect(seen).toEqual(['E:\\台账工具\\portable.txt']);
  });

  it('is null without the marker', () => {
    expect(portableLedgerPath('/opt/ledger', () => false, 'linux')).toBeNull();
  });
});

describe('chooseLedgerPath', () => {
  const portable = { exeDir: '/media/usb/ledger', exists: (file: string) => file.endsWith('portable.txt') };

  it('prefers BRANCH_LEDGER_DB, then a portable build, then the per-user folder', () => {
    expect(chooseLedgerPath({ ...linux, env: { BRANCH_LEDGER_DB: '/x.sqlite' }, portable })).toEqual({
      path: '/x.sqlite',
      source: 'env',
    });
    expect(chooseLedgerPath({ ...linux, portable })).toEqual({
      path: '/media/usb/ledger/data/ledger.sqlite',
      source: 'portable',
    });
    expect(chooseLedgerPath({ ...linux, appDataDir: '/home/zhang/.config' })).toEqual({
      path: '/home/zhang/.config/branch-ledger/ledger.sqlite',
      source: 'default',
    });
  });
});
