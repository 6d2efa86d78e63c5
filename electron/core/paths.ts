import path from 'node:path';

/**
 * Where the ledger lives. Pure (no fs, no process globals) so the CLI, the desktop shell and
 * the browser-mode bridge agree on one file, and tests can cover every platform on one machine.
 */

export const APP_DIR_NAME = 'branch-ledger';
export const LEDGER_FILE_NAME = 'ledger.sqlite';
/** A file beside the executable that turns a build into a portable one (ledger kept on the USB stick). */
export const PORTABLE_MARKER = 'portable.txt';
export const LEDGER_PATH_ENV = 'BRANCH_LEDGER_DB';

export interface PathContext {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  homedir: string;
  /** Resolves a relative BRANCH_LEDGER_DB; without it a relative value is returned as given. */
  cwd?: string;
}

/** path.win32 for Windows, path.posix elsewhere — never the host's, so results do not depend on where tests run. */
export function pathApiFor(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/**
 * The per-user configuration folder, as Electron's app.getPath('appData') reports it, so the CLI
 * finds the same ledger the desktop app uses even when Electron is not installed.
 */
export function userAppDataDir({ platform, env, homedir }: PathContext): string {
  const p = pathApiFor(platform);
  if (platform === 'win32') {
    const appData = nonEmpty(env.APPDATA);
    return appData ?? p.join(homedir, 'AppData', 'Roaming');
  }
  if (platform === 'darwin') {
    return p.join(homedir, 'Library', 'Application Support');
  }
  // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg = nonEmpty(env.XDG_CONFIG_HOME);
  return xdg && p.isAbsolute(xdg) ? xdg : p.join(homedir, '.config');
}

/** The ledger inside a per-user data folder (e.g. the one Electron's app.getPath('appData') returns). */
export function ledgerPathIn(appDataDir: string, platform: NodeJS.Platform): string {
  return pathApiFor(platform).join(appDataDir, APP_DIR_NAME, LEDGER_FILE_NAME);
}

/** The BRANCH_LEDGER_DB override, resolved against cwd when one is given; undefined when unset or blank. */
export function ledgerPathOverride({ platform, env, cwd }: PathContext): string | undefined {
  const value = nonEmpty(env[LEDGER_PATH_ENV]);
  if (value === undefined) return undefined;
  const p = pathApiFor(platform);
  return cwd !== undefined ? p.resolve(cwd, value) : value;
}

/** The file the desktop app and the CLI use when no --db is given. */
export function defaultLedgerPath(context: PathContext): string {
  return ledgerPathOverride(context) ?? ledgerPathIn(userAppDataDir(context), context.platform);
}

/**
 * The ledger of a portable build: `<exeDir>/data/ledger.sqlite` when `portable.txt` sits beside
 * the executable, otherwise null. `exists` is injected so this stays free of fs.
 */
export function portableLedgerPath(
  exeDir: string,
  exists: (file: string) => boolean,
  platform: NodeJS.Platform = process.platform,
): string | null {
  const p = pathApiFor(platform);
  return exists(p.join(exeDir, PORTABLE_MARKER)) ? p.join(exeDir, 'data', LEDGER_FILE_NAME) : null;
}

export type LedgerPathSource = 'env' | 'portable' | 'default';

/**
 * The desktop app's choice, in order: an explicit BRANCH_LEDGER_DB (operators and tests), a
 * portable build's own folder, then the per-user folder.
 */
export function chooseLedgerPath(
  context: PathContext & { appDataDir?: string; portable?: { exeDir: string; exists: (file: string) => boolean } },
): { path: string; source: LedgerPathSource } {
  const override = ledgerPathOverride(context);
  if (override !== undefined) return { path: override, source: 'env' };
  if (context.portable) {
    const portable = portableLedgerPath(context.portable.exeDir, context.portable.exists, context.platform);
    if (portable !== null) return { path: portable, source: 'portable' };
  }
  const appData = context.appDataDir ?? userAppDataDir(context);
  return { path: ledgerPathIn(appData, context.platform), source: 'default' };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined;
}
