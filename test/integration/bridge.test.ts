import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningBridge, startBridge } from '../../electron/bridge/server.ts';
import type { LedgerService } from '../../electron/core/service.ts';
import { openTestService, tempLedgerDir } from '../helpers/ledger.ts';

let bridge: RunningBridge;
let service: LedgerService;
let base: string;
const temp = tempLedgerDir('bridge-test-');

beforeAll(async () => {
  const staticRoot = join(temp.dir, 'renderer');
  mkdirSync(staticRoot);
  writeFileSync(join(staticRoot, 'index.html'), '<!doctype html><title>台账</title>');
  writeFileSync(join(temp.dir, 'secret.txt'), 'secret');
  service = openTestService(temp.dbPath);
  bridge = await startBridge({ service, staticRoot });
  base = `http://127.0.0.1:${bridge.port}`;
});
afterAll(async () => {
  await bridge.close();
  service.close();
  temp.cleanup();
});

interface Reply {
  ok: boolean;
  value?: unknown;
  error: { code: string; message: string };
}

const post = (method: string, body: unknown, token?: string) =>
  fetch(`${base}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

describe('the loopback bridge', () => {
  it('listens on 127.0.0.1 only and prints the URL with its token', () => {
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}#\/$/);
  });

  it('answers 401 to any /api/ request without the token, unknown methods included', async () => {
    expect((await post('org.list', {})).status).toBe(401);
    expect((await post('no.such.method', {})).status).toBe(401);
    expect((await post('org.list', {}, 'wrong-token')).status).toBe(401);
    expect((await fetch(`${base}/api/events`)).status).toBe(401);
  });

  it('runs contract methods with the token and returns Chinese validation errors', async () => {
    const ok = (await (await post('org.list', {}, bridge.token)).json()) as Reply;
    expect(ok).toEqual({ ok: true, value: [] });
    const bad = (await (await post('org.create', { name: '', kind: '党委' }, bridge.token)).json()) as Reply;
    expect(bad.ok).toBe(false);
    expect(bad.error.code).toBe('VALIDATION');
    expect(bad.error.message).toMatch(/未做任何修改/);
    const unknown = (await (await post('no.such.method', {}, bridge.token)).json()) as Reply;
    expect(unknown.error.code).toBe('UNKNOWN_METHOD');
  });

  it('serves the built renderer and nothing outside it', async () => {
    expect(await (await fetch(`${base}/`)).text()).toContain('台账');
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%5csecret.txt']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(404);
    }
  });
});
