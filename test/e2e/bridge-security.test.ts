/**
 * The browser-mode bridge refuses every /api/ call without the session token, and the renderer it
 * serves carries the strict CSP meta tag.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LedgerServer, RENDERER_OUT, startLedgerServer } from './harness.ts';

/** The meta tag's policy; frame-ancestors is only honoured as a header (browsers warn about it in a meta tag). */
const EXPECTED_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

function cspOf(html: string): string | null {
  const tag = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
  return tag?.[1] ?? null;
}

describe('browser-mode bridge', () => {
  let server: LedgerServer;

  beforeAll(async () => {
    server = await startLedgerServer();
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('answers /api/org.list without the token with 401', async () => {
    const response = await fetch(`${server.origin}/api/org.list`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(401);
  });

  it('answers a wrong token and an unknown method without the token with 401', async () => {
    const wrong = await fetch(`${server.origin}/api/org.list`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer not-the-token' },
      body: '{}',
    });
    expect(wrong.status).toBe(401);
    const unknown = await fetch(`${server.origin}/api/no.such.method`, { method: 'POST', body: '{}' });
    expect(unknown.status).toBe(401);
  });

  it('answers /api/org.list with the token', async () => {
    const response = await fetch(`${server.origin}/api/org.list`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
      body: '{}',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, value: [] });
  });

  it('serves the built index.html with the strict CSP meta tag', async () => {
    const built = readFileSync(path.join(RENDERER_OUT, 'index.html'), 'utf8');
    expect(cspOf(built)).toBe(EXPECTED_CSP);
    const response = await fetch(`${server.origin}/`);
    const served = await response.text();
    expect(cspOf(served)).toBe(EXPECTED_CSP);
    // The header carries the whole policy, frame-ancestors included: no other page may frame the app.
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    // Everything the page loads is a file of its own: no inline <script> for the CSP to block.
    expect(served).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/i);
  });
});
