import { existsSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell, type WebContents } from 'electron';
import { backupsDir as backupsDirOf } from '../core/db/backup.ts';
import { LedgerError } from '../core/errors.ts';
import { chooseLedgerPath } from '../core/paths.ts';
import { defaultActor, type LedgerService, openLedgerService } from '../core/service.ts';
import { executableDir, nativeBindingPath, profileDir } from './app-paths.ts';
import { assetResponseHeaders, resolveAppAsset } from './app-protocol.ts';
import { INVOKE_CHANNEL, PROGRESS_CHANNEL } from './channels.ts';
import { describeOpenFailure, ledgerOpenFailureDialog, type OpenFailure } from './dialogs.ts';
import { createIpcHandler } from './ipc-handler.ts';
import { buildMenuTemplate } from './menu.ts';
import {
  APP_SCHEME,
  APP_URL,
  denyPermission,
  hardenedWebPreferences,
  isTrustedSender,
  openExternalUrl,
  shouldAllowNavigation,
} from './security.ts';

/**
 * The Electron shell: lifecycle, one window, the app:// protocol, IPC wiring, native dialogs.
 * Every decision it applies is a pure function in a sibling file with its own unit test.
 * Bundled to out/electron/main.cjs, so __dirname is out/electron.
 */

const APP_NAME = '党支部工作台账';
const PRELOAD_PATH = path.join(__dirname, 'preload.cjs');
const RENDERER_ROOT = path.join(__dirname, '..', 'renderer');

// Both must happen before the app is ready.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);
app.enableSandbox();

const appDataDir = app.getPath('appData');
const ledger = chooseLedgerPath({
  platform: process.platform,
  env: process.env,
  homedir: os.homedir(),
  cwd: process.cwd(),
  appDataDir,
  portable: { exeDir: executableDir(app.getPath('exe'), process.env, process.platform), exists: existsSync },
});
const backupsDir = backupsDirOf(ledger.path);
// Before the single-instance lock: the lock lives in the profile folder.
app.setPath(
  'userData',
  profileDir({ ledgerPath: ledger.path, source: ledger.source, appDataDir, platform: process.platform }),
);

let mainWindow: BrowserWindow | null = null;
let service: LedgerService | null = null;

if (app.requestSingleInstanceLock()) {
  app.on('second-instance', focusMainWindow);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (service !== null && BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow();
  });
  app.on('will-quit', closeLedger);
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('The app failed to start', error);
      app.exit(1);
    });
} else {
  // Two windows on one ledger would fight over it; the first instance gets focused instead.
  app.quit();
}

async function start(): Promise<void> {
  lockDownSession();
  protocol.handle(APP_SCHEME, serveAppAsset);

  const opened = openLedger();
  if (!opened.ok) {
    await explainOpenFailure(opened.failure);
    app.exit(1);
    return;
  }
  service = opened.service;
  ipcMain.handle(INVOKE_CHANNEL, createIpcHandler(service, isTrustedSender));
  service.onProgress((progress) => {
    if (mainWindow !== null && !mainWindow.isDestroyed()) mainWindow.webContents.send(PROGRESS_CHANNEL, progress);
  });

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate(
        { openLedgerFolder, openBackupsFolder, showAbout },
        { isMac: process.platform === 'darwin', showDevTools: !app.isPackaged, appName: APP_NAME },
      ),
    ),
  );
  mainWindow = createMainWindow();
}

function openLedger(): { ok: true; service: LedgerService } | { ok: false; failure: OpenFailure } {
  const nativeBinding = nativeBindingPath({
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    appPath: app.getAppPath(),
    platform: process.platform,
  });
  if (!existsSync(nativeBinding)) {
    return { ok: false, failure: { code: 'NATIVE_MODULE_MISSING', message: nativeBinding } };
  }
  const options = {
    dbPath: ledger.path,
    actor: defaultActor(),
    appVersion: app.getVersion(),
    // better-sqlite3 compiled for Electron's ABI (see app-paths.ts); node_modules holds the Node build.
    nativeBinding,
    // The window holds the ledger alone; a second writer (browser mode) gets LEDGER_LOCKED.
    exclusive: true,
    // Exports are also kept where a clerk looks for documents, so 打开文件 can hand them to Word/WPS.
    exportsDir: path.join(app.getPath('documents'), '党支部工作台账导出'),
    openFile: openExportedFile,
  };
  try {
    mkdirSync(path.dirname(ledger.path), { recursive: true });
    return { ok: true, service: openLedgerService(options) };
  } catch (error) {
    console.error('Could not open the ledger', ledger.path, error);
    return { ok: false, failure: describeOpenFailure(error) };
  }
}

async function explainOpenFailure(failure: OpenFailure): Promise<void> {
  const content = ledgerOpenFailureDialog(failure, {
    ledgerPath: ledger.path,
    backupsDir,
    appVersion: app.getVersion(),
  });
  const { openBackupsButton, ...options } = content;
  const { response } = await dialog.showMessageBox({ ...options, noLink: true });
  if (openBackupsButton !== null && response === openBackupsButton) await openBackupsFolder();
}

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: APP_NAME,
    backgroundColor: '#ffffff',
    webPreferences: hardenedWebPreferences(PRELOAD_PATH, { devTools: !app.isPackaged }),
  });
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  window.loadURL(APP_URL).catch((error: unknown) => console.error('Could not load the renderer', error));
  return window;
}

function focusMainWindow(): void {
  if (mainWindow === null || mainWindow.isDestroyed()) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

/** Applied to every webContents the app ever creates, not only the main window's. */
function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (shouldAllowNavigation(event.url)) return;
    event.preventDefault();
    // A clicked http(s) link is meant for the browser; anything else just goes nowhere.
    openExternalUrl(event.url, openInBrowser);
  });
  // will-navigate covers only the main frame; subframes (there should be none) are refused outright.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && !shouldAllowNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!shouldAllowNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalUrl(url, openInBrowser);
    return { action: 'deny' };
  });
}

function lockDownSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(denyPermission()));
  ses.setPermissionCheckHandler(() => denyPermission());
  ses.setDevicePermissionHandler(() => denyPermission());
}

async function serveAppAsset(request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
  const asset = resolveAppAsset(RENDERER_ROOT, request.url);
  if (asset === null) return new Response('Not found', { status: 404 });
  try {
    const body = await readFile(asset.filePath);
    return new Response(request.method === 'HEAD' ? null : body, { headers: assetResponseHeaders(asset) });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}

function openInBrowser(url: string): Promise<void> {
  return shell.openExternal(url);
}

/** Only ever called by system.openPath, which has checked the path is an export of this session. */
async function openExportedFile(filePath: string, reveal: boolean): Promise<void> {
  if (reveal) {
    shell.showItemInFolder(filePath);
    return;
  }
  const failure = await shell.openPath(filePath);
  if (failure !== '') {
    throw new LedgerError(
      'NOT_FOUND',
      `无法用系统程序打开“${path.basename(filePath)}”（${failure}）。请确认已安装 Word 或 WPS，或点“打开所在文件夹”。`,
    );
  }
}

function openLedgerFolder(): void {
  shell.showItemInFolder(ledger.path);
}

async function openBackupsFolder(): Promise<void> {
  try {
    mkdirSync(backupsDir, { recursive: true });
    const failure = await shell.openPath(backupsDir);
    if (failure !== '') shell.showItemInFolder(ledger.path);
  } catch (error) {
    console.error('Could not open the backups folder', backupsDir, error);
  }
}

async function showAbout(): Promise<void> {
  const options = {
    type: 'info' as const,
    title: `关于${APP_NAME}`,
    message: `${APP_NAME} ${app.getVersion()}`,
    detail: `离线运行，数据只保存在本机。\n台账文件：${ledger.path}\nElectron ${process.versions.electron}`,
    buttons: ['确定'],
    noLink: true,
  };
  await (mainWindow !== null ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
}

function closeLedger(): void {
  // Closing checkpoints the WAL, so the ledger is a single self-contained file again.
  const closing = service;
  service = null;
  try {
    closing?.close();
  } catch (error) {
    console.error('Could not close the ledger cleanly', error);
  }
}
