import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { ProgressEvent } from '../api/contract.ts';
import type { LedgerService } from '../core/service.ts';
// The same policy as the app:// protocol (a pure module), sent as a header: a meta tag cannot carry frame-ancestors.
import { APP_CONTENT_SECURITY_POLICY } from '../main/app-protocol.ts';

/**
 * The loopback bridge: the same contract as the Electron preload, over HTTP on 127.0.0.1, for
 * browser mode and end-to-end tests. Every /api/ request without the session token is answered
 * 401 before anything else is looked at — unknown methods included.
 */
export interface BridgeOptions {
  service: LedgerService;
  staticRoot: string;
  port?: number;
  host?: '127.0.0.1';
}

export interface RunningBridge {
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

const MAX_BODY_BYTES = 64 * 1024 * 1024;

export function tokenMatches(header: string | undefined, query: string | null, token: string): boolean {
  const presented = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : query;
  if (!presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Static files of the built renderer, never outside its folder. */
export function staticPath(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = normalize(decoded === '/' ? '/index.html' : decoded).replace(/^[/\\]+/, '');
  const base = resolve(root);
  const full = resolve(base, relative);
  if (full !== base && !full.startsWith(base + sep)) return null;
  return full;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startBridge(options: BridgeOptions): Promise<RunningBridge> {
  const token = randomBytes(24).toString('base64url');
  const host = options.host ?? '127.0.0.1';
  const eventStreams = new Set<ServerResponse>();
  const unsubscribe = options.service.onProgress((event: ProgressEvent) => {
    for (const stream of eventStreams) stream.write(`data: ${JSON.stringify(event)}\n\n`);
  });

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', `http://${host}`);
    if (url.pathname.startsWith('/api/')) {
      if (!tokenMatches(req.headers.authorization, url.searchParams.get('token'), token)) {
        send(res, 401, { ok: false, error: { code: 'UNAUTHORIZED', message: '未授权的访问。', details: [] } });
        return;
      }
      if (url.pathname === '/api/events' && req.method === 'GET') {
        res.writeHead(200, {
          'Content-Type': 'text/event-stream',
          'Cache-Control': 'no-store',
          Connection: 'keep-alive',
        });
        res.write(': connected\n\n');
        eventStreams.add(res);
        req.on('close', () => eventStreams.delete(res));
        return;
      }
      if (req.method !== 'POST') {
        send(res, 405, {
          ok: false,
          error: { code: 'METHOD_NOT_ALLOWED', message: '只接受 POST 请求。', details: [] },
        });
        return;
      }
      let input: unknown;
      try {
        const body = await readBody(req);
        input = body ? JSON.parse(body) : {};
      } catch {
        send(res, 400, { ok: false, error: { code: 'VALIDATION', message: '请求内容不是有效的 JSON。', details: [] } });
        return;
      }
      const method = decodeURIComponent(url.pathname.slice('/api/'.length));
      send(res, 200, await options.service.invoke(method, input, 'bridge'));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    const file = staticPath(options.staticRoot, url.pathname);
    if (!file || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('未找到');
      return;
    }
    res.writeHead(200, {
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': APP_CONTENT_SECURITY_POLICY,
    });
    createReadStream(file).pipe(res);
  });

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolvePromise());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://${host}:${port}/?token=${token}#/`,
    token,
    port,
    close: () =>
      new Promise<void>((resolveClose) => {
        unsubscribe();
        for (const stream of eventStreams) stream.end();
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}

export function defaultStaticRoot(projectRoot: string): string {
  return join(projectRoot, 'out', 'renderer');
}
