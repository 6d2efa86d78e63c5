import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './security.ts';

/**
 * The renderer is served from app://app/ out of one folder (out/renderer), never from file://,
 * so the page has a real origin and cannot read the disk by URL. This module decides which file
 * a request may get; it touches no file system, so every traversal trick can be unit-tested.
 */

export interface AppAsset {
  filePath: string;
  mimeType: string;
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[path.posix.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

// Checked on the raw URL, before any parser gets the chance to "helpfully" normalise them away:
// dot segments (plain or percent-encoded), encoded slashes and backslashes, NUL (plain or encoded).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching NUL is the point
const RAW_REJECT = /\\|\u0000|%00|%2e|%2f|%5c|(^|\/)\.\.?(\/|$|\?|#)/i;
// A decoded segment must be an ordinary file or folder name: no drive letters or NTFS streams (:), no separators.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are refused in names
const BAD_SEGMENT = /[\\/:\u0000-\u001f\u007f]/;

/**
 * The file under `root` that `requestUrl` names, with its MIME type — or null (answer 404).
 * `app://app/` is index.html. `pathApi` is injectable so Windows rules are testable on Linux.
 */
export function resolveAppAsset(root: string, requestUrl: string, pathApi: path.PlatformPath = path): AppAsset | null {
  if (RAW_REJECT.test(requestUrl)) return null;
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username !== '' || url.password !== '') {
    return null;
  }

  const rawPath = url.pathname === '' || url.pathname === '/' ? '/index.html' : url.pathname;
  const segments = rawPath.slice(1).split('/');
  const decoded: string[] = [];
  for (const segment of segments) {
    let name: string;
    try {
      name = decodeURIComponent(segment);
    } catch {
      return null;
    }
    // Empty segments mean `//` (an absolute path smuggled in); dots mean traversal.
    if (name === '' || name === '.' || name === '..' || BAD_SEGMENT.test(name)) return null;
    decoded.push(name);
  }

  const base = pathApi.resolve(root);
  const filePath = pathApi.resolve(base, ...decoded);
  // Belt and braces: whatever slipped past the checks above, the result must stay inside root.
  if (!filePath.startsWith(base + pathApi.sep)) return null;
  return { filePath, mimeType: mimeTypeFor(decoded[decoded.length - 1] ?? '') };
}

/**
 * Response headers for app:// files. The renderer's index.html carries its own CSP meta tag;
 * this header is the same policy applied by the shell so a page that lost its meta tag is still
 * locked down (two policies intersect, they never widen each other).
 */
export const APP_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // antd's CSS-in-JS injects <style> elements at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function assetResponseHeaders(asset: AppAsset): Record<string, string> {
  return {
    'content-type': asset.mimeType,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
    'content-security-policy': APP_CONTENT_SECURITY_POLICY,
  };
}
