import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { describeOpenFailure, ledgerOpenFailureDialog } from '../../../electron/main/dialogs.ts';
import { buildMenuTemplate } from '../../../electron/main/menu.ts';

const where = {
  ledgerPath: '/d/branch-ledger/ledger.sqlite',
  backupsDir: '/d/branch-ledger/backups',
  appVersion: '0.1.0',
};

describe('ledgerOpenFailureDialog', () => {
  it('explains a ledger from a newer version in Chinese and offers the backups folder', () => {
    const dialog = ledgerOpenFailureDialog({ code: 'LEDGER_TOO_NEW', message: '台账版本 7 高于程序支持的 3' }, where);
    expect(dialog.title).toBe('台账版本较新');
    expect(dialog.message).toContain('更新版本');
    expect(dialog.detail).toContain('没有做任何修改');
    expect(dialog.detail).toContain(where.ledgerPath);
    expect(dialog.detail).toContain(where.backupsDir);
    expect(dialog.detail).toContain('台账版本 7 高于程序支持的 3');
    expect(dialog.openBackupsButton).not.toBeNull();
    expect(dialog.buttons[dialog.openBackupsButton ?? -1]).toBe('打开备份文件夹');
  });

  it('tells how to restore a corrupt ledger from a backup', () => {
    const dialog = ledgerOpenFailureDialog({ code: 'LEDGER_CORRUPT', message: '' }, where);
    expect(dialog.type).toBe('error');
    expect(dialog.detail).toContain('备份');
    expect(dialog.detail).not.toContain('程序给出的原因');
    expect(dialog.buttons).toEqual(['打开备份文件夹', '退出']);
    expect(dialog.cancelId).toBe(1);
  });

  it('has only 退出 when the ledger is in use elsewhere', () => {
    const dialog = ledgerOpenFailureDialog({ code: 'LEDGER_LOCKED', message: '' }, where);
    expect(dialog.buttons).toEqual(['退出']);
    expect(dialog.openBackupsButton).toBeNull();
  });

  it('names the missing file when the Electron build of better-sqlite3 is absent', () => {
    const dialog = ledgerOpenFailureDialog(
      { code: 'NATIVE_MODULE_MISSING', message: '/app/out/native/electron/better_sqlite3.node' },
      where,
    );
    expect(dialog.detail).toContain('缺少的文件：/app/out/native/electron/better_sqlite3.node');
    expect(dialog.detail).toContain('npm start');
  });

  it('reads code and message from whatever was thrown', () => {
    expect(describeOpenFailure(Object.assign(new Error('坏了'), { code: 'LEDGER_CORRUPT' }))).toEqual({
      code: 'LEDGER_CORRUPT',
      message: '坏了',
    });
    expect(describeOpenFailure(new Error('x'))).toEqual({ code: 'INTERNAL', message: 'x' });
    expect(describeOpenFailure('boom')).toEqual({ code: 'INTERNAL', message: 'boom' });
  });
});

function labels(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.label ? [item.label] : []),
    ...(Array.isArray(item.submenu) ? labels(item.submenu) : []),
  ]);
}

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

describe('buildMenuTemplate', () => {
  const actions = { openLedgerFolder: vi.fn(), openBackupsFolder: vi.fn(), showAbout: vi.fn() };

  it('has the Chinese menus 文件/编辑/视图/帮助 and no developer tools in the installed app', () => {
    const menu = buildMenuTemplate(actions, { isMac: false, showDevTools: false, appName: '党支部工作台账' });
    expect(menu.map((m) => m.label)).toEqual(['文件', '编辑', '视图', '帮助']);
    expect(roles(menu)).not.toContain('toggleDevTools');
    expect(roles(menu)).not.toContain('reload');
    for (const label of labels(menu)) expect(label).toMatch(/[\u4e00-\u9fff]/);
  });

  it('offers developer tools in development, and the macOS application menu on a Mac', () => {
    const menu = buildMenuTemplate(actions, { isMac: true, showDevTools: true, appName: '党支部工作台账' });
    expect(menu.map((m) => m.label)).toEqual(['党支部工作台账', '文件', '编辑', '视图', '帮助']);
    expect(roles(menu)).toContain('toggleDevTools');
  });

  it('wires the folder and about items to their actions', () => {
    const menu = buildMenuTemplate(actions, { isMac: false, showDevTools: false, appName: '党支部工作台账' });
    const items = menu.flatMap((m) => (Array.isArray(m.submenu) ? m.submenu : []));
    const click = (label: string) => {
      const item = items.find((i) => i.label === label);
      (item?.click as (() => void) | undefined)?.();
    };
    click('打开台账所在文件夹');
    click('打开备份文件夹');
    click('关于党支部工作台账');
    expect(actions.openLedgerFolder).toHaveBeenCalledTimes(1);
    expect(actions.openBackupsFolder).toHaveBeenCalledTimes(1);
    expect(actions.showAbout).toHaveBeenCalledTimes(1);
  });
});
