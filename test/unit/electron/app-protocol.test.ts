import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_CONTENT_SECURITY_POLICY,
  assetResponseHeaders,
  resolveAppAsset,
} from '../../../electron/main/app-protocol.ts';

let root: string;

beforeAll(() => {
  // A renderer folder inside a parent that holds a secret, so an escape would have something to find.
  const parent = mkdtempSync(path.join(tmpdir(), 'app-protocol-'));
  root = path.join(parent, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
  writeFileSync(path.join(root, 'assets', 'index-Ab12.js'), '');
  writeFileSync(path.join(root, 'assets', '党徽无关.svg'), '<svg/>');
  writeFileSync(path.join(parent, 'secret.txt'), 'secret');
});

afterAll(() => {
  rmSync(path.dirname(root), { recursive: true, force: true });
});

describe('resolveAppAsset', () => {
  it('serves index.html for app://app/ and for app://app', () => {
    expect(resolveAppAsset(root, 'app://app/')).toEqual({
      filePath: path.join(root, 'index.html'),
      mimeType: 'text/html; charset=utf-8',
    });
    expect(resolveAppAsset(root, 'app://app')?.filePath).toBe(path.join(root, 'index.html'));
  });

  it('serves built assets with their MIME type, ignoring query and hash', () => {
    expect(resolveAppAsset(root, 'app://app/assets/index-Ab12.js?v=1#x')).toEqual({
      filePath: path.join(root, 'assets', 'index-Ab12.js'),
      mimeType: 'text/javascript; charset=utf-8',
    });
    expect(resolveAppAsset(root, 'app://app/assets/%E5%85%9A%E5%BE%BD%E6%97%A0%E5%85%B3.svg')).toEqual({
      filePath: path.join(root, 'assets', '党徽无关.svg'),
      mimeType: 'image/svg+xml',
    });
    expect(resolveAppAsset(root, 'app://app/data.bin')?.mimeType).toBe('application/octet-stream');
  });

  it.each([
    'app://app/../secret.txt',
    'app://app/assets/../../secret.txt',
    'app://app/./index.html',
    'app://app/..',
    'app://app/%2e%2e/secret.txt',
    'app://app/%2E%2E%2Fsecret.txt',
    'app://app/.%2e/secret.txt',
    'app://app/assets%2f..%2f..%2fsecret.txt',
    'app://app/..\\secret.txt',
    'app://app/assets\\..\\..\\secret.txt',
    'app://app/%5c..%5csecret.txt',
    'app://app//etc/passwd',
    'app://app/assets//index-Ab12.js',
    'app://app/C:/Windows/win.ini',
    'app://app/C:%5CWindows%5Cwin.ini',
    'app://app/index.html%00.js',
    'app://app/index.html\u0000.js',
    'app://app/%E0%A4%A',
    'app://evil/index.html',
    'app://app.evil/index.html',
    'app://app:99/index.html',
    'app://user:pw@app/index.html',
    'app:///etc/passwd',
    'file:///etc/passwd',
    'http://app/index.html',
    '/etc/passwd',
    'not a url',
  ])('refuses %j', (url) => {
    expect(resolveAppAsset(root, url)).toBeNull();
  });

  it('applies the same rules to Windows paths', () => {
    const winRoot = 'C:\\Program Files\\Ledger\\resources\\app.asar\\out\\renderer';
    expect(resolveAppAsset(winRoot, 'app://app/assets/a.css', path.win32)).toEqual({
      filePath: `${winRoot}\\assets\\a.css`,
      mimeType: 'text/css; charset=utf-8',
    });
    expect(resolveAppAsset(winRoot, 'app://app/..%5C..%5Cwin.ini', path.win32)).toBeNull();
    expect(resolveAppAsset(winRoot, 'app://app/D:/win.ini', path.win32)).toBeNull();
    expect(resolveAppAsset(winRoot, 'app://app/file.txt::$DATA', path.win32)).toBeNull();
  });
});

describe('assetResponseHeaders', () => {
  it('sends nosniff and a CSP that forbids inline and remote script', () => {
    const headers = assetResponseHeaders({ filePath: '/x/index.html', mimeType: 'text/html; charset=utf-8' });
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['content-security-policy']).toBe(APP_CONTENT_SECURITY_POLICY);
    expect(APP_CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(APP_CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe/);
    expect(APP_CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });
});
