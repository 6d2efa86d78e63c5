import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import packageJson from '../../package.json' with { type: 'json' };
import { LedgerError } from '../core/errors.ts';
import { defaultLedgerPath } from '../core/paths.ts';
import { openLedgerService } from '../core/service.ts';
import { defaultStaticRoot, startBridge } from './server.ts';

/**
 * Browser mode (`npm run web`): the real core behind the loopback bridge. Prints
 * `URL: http://127.0.0.1:PORT/?token=…#/` on stdout and serves until SIGINT/SIGTERM,
 * then closes the ledger cleanly.
 */
export interface WebServer {
  url: string;
  close(): Promise<void>;
}

export async function runWeb(argv: string[]): Promise<WebServer> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      port: { type: 'string' },
      'no-open': { type: 'boolean' },
    },
    strict: false,
  });
  const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
  const staticRoot = defaultStaticRoot(projectRoot);
  if (!existsSync(staticRoot)) {
    throw new Error(`界面尚未构建：找不到 ${staticRoot}。请先运行 npm run build:renderer。`);
  }
  const dbPath =
    typeof values.db === 'string'
      ? values.db
      : defaultLedgerPath({
          platform: process.platform,
          env: process.env,
          homedir: (await import('node:os')).homedir(),
        });
  const service = openLedgerService({ dbPath, appVersion: packageJson.version, exclusive: true });
  const port = typeof values.port === 'string' ? Number(values.port) : 0;
  const bridge = await startBridge({ service, staticRoot, port, host: '127.0.0.1' });
  process.stdout.write(`台账文件: ${dbPath}\n`);
  process.stdout.write(`URL: ${bridge.url}\n`);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await bridge.close();
    service.close();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void close().then(() => process.exit(0));
    });
  }
  return { url: bridge.url, close };
}

export function describeStartupError(error: unknown): string {
  if (error instanceof LedgerError) return error.message;
  return `启动失败：${(error as Error).message}`;
}
