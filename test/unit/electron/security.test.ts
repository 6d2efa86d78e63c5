import { describe, expect, it, vi } from 'vitest';
import {
  allowedExternalUrl,
  denyPermission,
  hardenedWebPreferences,
  isAllowedExternalUrl,
  isTrustedSender,
  openExternalUrl,
  shouldAllowNavigation,
} from '../../../electron/main/security.ts';

describe('hardenedWebPreferences', () => {
  it('isolates and sandboxes the renderer with no Node, webviews or insecure content', () => {
    expect(hardenedWebPreferences('/app/out/electron/preload.cjs')).toEqual({
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
      devTools: false,
      preload: '/app/out/electron/preload.cjs',
    });
  });

  it('enables developer tools only when asked (development builds)', () => {
    expect(hardenedWebPreferences('/p.cjs', { devTools: true }).devTools).toBe(true);
  });
});

describe('openExternalUrl', () => {
  const hostile = [
    'javascript:alert(1)',
    'JavaScript:alert(document.cookie)',
    ' javascript:alert(1)',
    'file:///etc/passwd',
    'file://C:/Windows/System32/calc.exe',
    '\\\\evil\\share\\payload.exe',
    '//evil/share',
    'http://user:pw@x.example',
    'https://bank.example@evil.example/',
    'data:text/html,<script>alert(1)</script>',
    'ms-settings:privacy',
    'vbscript:msgbox(1)',
    'smb://evil/share',
    'app://app/index.html',
    'https://ok.example/\u0000',
    'https://ok.example/a b',
    'https:\\\\evil.example',
    'http://',
    '',
    `https://x.example/${'a'.repeat(3000)}`,
  ];

  it.each(hostile)('refuses %j and never calls the opener', (url) => {
    const open = vi.fn();
    expect(openExternalUrl(url, open)).toBe(false);
    expect(open).not.toHaveBeenCalled();
    expect(isAllowedExternalUrl(url)).toBe(false);
  });

  it('refuses values that are not strings', () => {
    const open = vi.fn();
    for (const value of [undefined, null, 42, { href: 'https://x.example' }])
      expect(openExternalUrl(value, open)).toBe(false);
    expect(open).not.toHaveBeenCalled();
  });

  it('opens plain http(s) links, normalised', () => {
    const open = vi.fn();
    expect(openExternalUrl('https://www.12371.cn/', open)).toBe(true);
    expect(openExternalUrl('HTTP://Example.COM/路径?q=1', open)).toBe(true);
    expect(open.mock.calls).toEqual([['https://www.12371.cn/'], ['http://example.com/%E8%B7%AF%E5%BE%84?q=1']]);
    expect(allowedExternalUrl('https://example.com')).toBe('https://example.com/');
  });

  it('survives an opener whose promise rejects', async () => {
    const open = vi.fn(() => Promise.reject(new Error('no browser')));
    expect(openExternalUrl('https://example.com/', open)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
});

describe('shouldAllowNavigation', () => {
  it('allows only our own app://app/ pages', () => {
    expect(shouldAllowNavigation('app://app/')).toBe(true);
    expect(shouldAllowNavigation('app://app/index.html#/members')).toBe(true);
  });

  it.each([
    'https://example.com/',
    'http://127.0.0.1:5173/',
    'file:///etc/passwd',
    'app://evil/',
    'app://app.evil/',
    'app://app:8080/',
    'app://user@app/',
    'javascript:alert(1)',
    'about:blank',
    'data:text/html,x',
    'not a url',
  ])('refuses %s', (url) => {
    expect(shouldAllowNavigation(url)).toBe(false);
  });
});

describe('isTrustedSender', () => {
  it('trusts only frames showing app://app/…', () => {
    expect(isTrustedSender('app://app/')).toBe(true);
    expect(isTrustedSender('app://app/index.html#/life')).toBe(true);
    for (const url of ['https://evil.example/', 'app://other/', 'file:///x', '', null, undefined, 'about:blank']) {
      expect(isTrustedSender(url)).toBe(false);
    }
  });
});

describe('denyPermission', () => {
  it('answers every permission request and check with no', () => {
    expect(denyPermission()).toBe(false);
  });
});
