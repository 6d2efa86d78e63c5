import type { MenuItemConstructorOptions } from 'electron';

/**
 * The application menu, in Chinese. Built as data (the import above is type-only) so its labels
 * and the absence of developer tools in the installed app are testable without Electron.
 * Role items carry explicit labels because Electron only localises them on macOS.
 */

export interface MenuActions {
  openLedgerFolder(): void;
  openBackupsFolder(): void;
  showAbout(): void;
}

export function buildMenuTemplate(
  actions: MenuActions,
  options: { isMac: boolean; showDevTools: boolean; appName: string },
): MenuItemConstructorOptions[] {
  const file: MenuItemConstructorOptions = {
    label: '文件',
    submenu: [
      { label: '打开台账所在文件夹', click: () => actions.openLedgerFolder() },
      { label: '打开备份文件夹', click: () => actions.openBackupsFolder() },
      { type: 'separator' },
      options.isMac ? { role: 'close', label: '关闭窗口' } : { role: 'quit', label: '退出' },
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: '编辑',
    submenu: [
      { role: 'undo', label: '撤销' },
      { role: 'redo', label: '重做' },
      { type: 'separator' },
      { role: 'cut', label: '剪切' },
      { role: 'copy', label: '复制' },
      { role: 'paste', label: '粘贴' },
      { role: 'selectAll', label: '全选' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '视图',
    submenu: [
      { role: 'resetZoom', label: '实际大小' },
      { role: 'zoomIn', label: '放大' },
      { role: 'zoomOut', label: '缩小' },
      { type: 'separator' },
      { role: 'togglefullscreen', label: '全屏' },
      ...(options.showDevTools
        ? ([
            { type: 'separator' },
            { role: 'reload', label: '重新加载' },
            { role: 'toggleDevTools', label: '开发者工具' },
          ] satisfies MenuItemConstructorOptions[])
        : []),
    ],
  };
  const help: MenuItemConstructorOptions = {
    label: '帮助',
    submenu: [{ label: `关于${options.appName}`, click: () => actions.showAbout() }],
  };
  const macApp: MenuItemConstructorOptions = {
    label: options.appName,
    submenu: [
      { label: `关于${options.appName}`, click: () => actions.showAbout() },
      { type: 'separator' },
      { role: 'hide', label: `隐藏${options.appName}` },
      { role: 'hideOthers', label: '隐藏其他' },
      { role: 'unhide', label: '全部显示' },
      { type: 'separator' },
      { role: 'quit', label: `退出${options.appName}` },
    ],
  };
  return options.isMac ? [macApp, file, edit, view, help] : [file, edit, view, help];
}
