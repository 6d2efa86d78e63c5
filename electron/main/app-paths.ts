import { APP_DIR_NAME, type LedgerPathSource, pathApiFor } from '../core/paths.ts';

/**
 * Where the shell finds its own pieces. Pure: Electron's answers (isPackaged, resourcesPath,
 * getAppPath, getPath('exe')) are passed in.
 */

const NATIVE_BINDING = ['out', 'native', 'electron', 'better_sqlite3.node'] as const;

/**
 * better-sqlite3 built for Electron's ABI. It lives apart from node_modules/better-sqlite3/build
 * (which stays the Node build the tests and the CLI use) and is loaded through better-sqlite3's
 * `nativeBinding` option. A packaged app has it outside the asar archive (electron-builder
 * `asarUnpack: ["out/native/**"]`): the OS loader cannot read a .node file from inside an archive.
 */
export function nativeBindingPath(options: {
  isPackaged: boolean;
  resourcesPath: string;
  appPath: string;
  platform: NodeJS.Platform;
}): string {
  const p = pathApiFor(options.platform);
  return options.isPackaged
    ? p.join(options.resourcesPath, 'app.asar.unpacked', ...NATIVE_BINDING)
    : p.join(options.appPath, ...NATIVE_BINDING);
}

/**
 * The folder holding the executable the user started. electron-builder's portable .exe unpacks
 * itself to a temp folder and says where it really lives in PORTABLE_EXECUTABLE_DIR.
 */
export function executableDir(
  exePath: string,
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform,
): string {
  const portableDir = env.PORTABLE_EXECUTABLE_DIR;
  return portableDir !== undefined && portableDir !== '' ? portableDir : pathApiFor(platform).dirname(exePath);
}

/**
 * Chromium's profile (caches, local storage, the single-instance lock). Kept inside our own
 * folder instead of Electron's default `<appData>/<productName>`, so everything the app writes
 * is in one place; a portable build writes nothing outside its own data folder.
 */
export function profileDir(options: {
  ledgerPath: string;
  source: LedgerPathSource;
  appDataDir: string;
  platform: NodeJS.Platform;
}): string {
  const p = pathApiFor(options.platform);
  return options.source === 'portable'
    ? p.join(p.dirname(options.ledgerPath), 'profile')
    : p.join(options.appDataDir, APP_DIR_NAME, 'profile');
}
