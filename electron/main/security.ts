/**
 * Every security decision of the shell, as pure functions: no 'electron' import here, so the
 * unit tests can feed them hostile input under plain Node. main.ts only wires them up.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'app';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/`;

/**
 * The renderer's webPreferences. Literal types make a weakened flag a compile error in main.ts
 * as well as a test failure.
 */
export interface HardenedWebPreferences {
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  webviewTag: false;
  experimentalFeatures: false;
  navigateOnDragDrop: false;
  safeDialogs: true;
  /** Clerks type names and Chinese party terms the dictionary would flag, and it phones home for dictionaries. */
  spellcheck: false;
  devTools: boolean;
  preload: string;
}

export function hardenedWebPreferences(
  preloadPath: string,
  options: { devTools?: boolean } = {},
): HardenedWebPreferences {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: options.devTools ?? false,
    preload: preloadPath,
  };
}

const MAX_EXTERNAL_URL_LENGTH = 2048;
// Whitespace and control characters are silently stripped by URL parsers; a link that needs them is not one we open.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const SUSPICIOUS_CHARACTERS = /[\s\u0000-\u001f\u007f\\]/;

/**
 * The normalised http(s) URL that may be handed to the operating system, or null.
 * Refused: other schemes (javascript:, file:, data:, ms-settings:, …), UNC paths, backslashes,
 * embedded credentials (a classic way to disguise the real host), whitespace tricks.
 */
export function allowedExternalUrl(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_EXTERNAL_URL_LENGTH) return null;
  if (SUSPICIOUS_CHARACTERS.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '' || url.hostname === '') return null;
  return url.href;
}

export function isAllowedExternalUrl(value: unknown): boolean {
  return allowedExternalUrl(value) !== null;
}

/**
 * Opens a link in the system browser if, and only if, it is a plain http(s) URL. The side effect
 * (shell.openExternal in the app) is a parameter so tests can pass a fake. Returns whether it opened.
 */
export function openExternalUrl(value: unknown, open: (url: string) => unknown): boolean {
  const url = allowedExternalUrl(value);
  if (url === null) return false;
  const pending = open(url);
  // shell.openExternal returns a promise; a failure to launch a browser must not crash the main process.
  if (pending instanceof Promise) pending.catch(() => undefined);
  return true;
}

/** True only for our own origin: app://app/…, no credentials, no port. */
export function isAppUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (
    url.protocol === `${APP_SCHEME}:` &&
    url.host === APP_HOST &&
    url.username === '' &&
    url.password === '' &&
    url.port === ''
  );
}

/** The window may only ever show our own pages; everything else is refused (and maybe opened externally). */
export function shouldAllowNavigation(url: string): boolean {
  return isAppUrl(url);
}

/** Only frames showing our own pages may call the ledger. */
export function isTrustedSender(frameUrl: string | null | undefined): boolean {
  return isAppUrl(frameUrl);
}

/**
 * The answer to every permission request and check (camera, geolocation, notifications, …):
 * a ledger needs none of them, and a compromised renderer must not get them either.
 */
export function denyPermission(): false {
  return false;
}
