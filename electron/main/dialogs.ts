/**
 * The words of the native dialogs shown when the ledger cannot be opened. Pure data, so the
 * Chinese text and the button layout are testable; main.ts shows them with dialog.showMessageBox.
 */

export interface StartupDialog {
  type: 'error' | 'warning';
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
  /** Index of the 打开备份文件夹 button, or null when the dialog has none. */
  openBackupsButton: number | null;
}

export interface OpenFailure {
  code: string;
  message: string;
}

/** Reads the code and message of whatever openLedgerService threw (a LedgerError, or anything). */
export function describeOpenFailure(error: unknown): OpenFailure {
  if (typeof error === 'object' && error !== null) {
    const code = 'code' in error && typeof error.code === 'string' ? error.code : 'INTERNAL';
    const message = 'message' in error && typeof error.message === 'string' ? error.message : '';
    return { code, message };
  }
  return { code: 'INTERNAL', message: String(error) };
}

export function ledgerOpenFailureDialog(
  failure: OpenFailure,
  where: { ledgerPath: string; backupsDir: string; appVersion: string },
): StartupDialog {
  const files = `台账文件：${where.ledgerPath}\n备份文件夹：${where.backupsDir}`;
  const cause = failure.message ? `\n\n程序给出的原因：${failure.message}` : '';
  const withBackups = { buttons: ['打开备份文件夹', '退出'], defaultId: 0, cancelId: 1, openBackupsButton: 0 };
  const quitOnly = { buttons: ['退出'], defaultId: 0, cancelId: 0, openBackupsButton: null };

  switch (failure.code) {
    case 'LEDGER_TOO_NEW':
      return {
        type: 'warning',
        title: '台账版本较新',
        message: `这个台账是由更新版本的“党支部工作台账”保存的，当前版本（${where.appVersion}）无法安全地打开它。`,
        detail: `为保护数据，程序没有做任何修改。请安装最新版本后再打开；如果需要使用旧数据，可在备份文件夹中找到升级前的自动备份。\n\n${files}${cause}`,
        ...withBackups,
      };
    case 'LEDGER_CORRUPT':
      return {
        type: 'error',
        title: '台账文件已损坏',
        message: '台账文件没有通过完整性检查，程序无法打开它。',
        detail: `程序没有对它做任何修改。可以用最近的备份恢复：先退出程序，把损坏的台账文件移到别处保存（以便技术支持检查），再把备份文件夹中最新的备份复制到原位置，并改名为 ledger.sqlite。\n\n${files}${cause}`,
        ...withBackups,
      };
    case 'LEDGER_LOCKED':
      return {
        type: 'warning',
        title: '台账正在使用中',
        message: '另一个程序正在使用这个台账文件（例如命令行工具或浏览器模式）。',
        detail: `请先关闭它，再重新打开本程序。\n\n${files}${cause}`,
        ...quitOnly,
      };
    case 'NATIVE_MODULE_MISSING':
      return {
        type: 'error',
        title: '缺少数据库组件',
        message: '没有找到为本程序编译的数据库组件（better-sqlite3）。',
        detail: `开发环境请用 npm start 启动，它会自动准备这个组件；安装版请重新安装本程序。\n\n缺少的文件：${failure.message}`,
        ...quitOnly,
      };
    default:
      return {
        type: 'error',
        title: '无法打开台账',
        message: '打开台账时出错，程序没有做任何修改。',
        detail: `请重新启动程序；如仍出现，请联系技术支持，并提供下面的信息。\n\n${files}${cause}`,
        ...withBackups,
      };
  }
}
