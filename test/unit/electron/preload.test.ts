import { runInNewContext } from 'node:vm';
import * as esbuild from 'esbuild';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { methodNames } from '../../../electron/api/index.ts';
import { preloadBuildOptions } from '../../../electron/launch/build.mjs';

/**
 * The real preload bundle (as build.mjs makes it), run in a fresh V8 context whose require knows
 * only a fake 'electron' — exactly what a sandboxed preload gets, minus the real Electron.
 */
interface Exposed {
  key: string;
  api: Record<string, unknown>;
}

let code: string;

beforeAll(async () => {
  const options = await preloadBuildOptions();
  const result = await esbuild.build({ ...options, write: false, sourcemap: false });
  code = result.outputFiles?.[0]?.text ?? '';
});

function loadPreload() {
  const exposed: Exposed[] = [];
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  const ipcRenderer = {
    invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, value: 'answer' })),
    on: vi.fn((channel: string, listener: (...args: unknown[]) => void) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
    }),
    removeListener: vi.fn((channel: string, listener: (...args: unknown[]) => void) => {
      listeners.get(channel)?.delete(listener);
    }),
  };
  const contextBridge = {
    exposeInMainWorld: vi.fn((key: string, api: Record<string, unknown>) => exposed.push({ key, api })),
  };
  const requested: string[] = [];
  const fakeRequire = (id: string) => {
    requested.push(id);
    if (id === 'electron') return { contextBridge, ipcRenderer };
    throw new Error(`a sandboxed preload cannot require ${id}`);
  };
  const module = { exports: {} };
  runInNewContext(code, { require: fakeRequire, module, exports: module.exports });
  const emit = (channel: string, ...args: unknown[]) => {
    for (const listener of listeners.get(channel) ?? []) listener(...args);
  };
  return { exposed, ipcRenderer, requested, emit, listeners };
}

describe('preload', () => {
  it('exposes one object, window.ledger, and requires nothing but electron', () => {
    const { exposed, requested } = loadPreload();
    expect(exposed.map((e) => e.key)).toEqual(['ledger']);
    expect(requested).toEqual(['electron']);
  });

  it('has exactly one function per contract method, plus onProgress — nothing else', () => {
    const { exposed } = loadPreload();
    const api = exposed[0]?.api ?? {};
    expect(Object.keys(api).sort()).toEqual([...methodNames, 'onProgress'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(api).not.toHaveProperty('ipcRenderer');
    expect(api).not.toHaveProperty('process');
    expect(api).not.toHaveProperty('invoke');
  });

  it('sends each method over ledger:invoke with its own name', async () => {
    const { exposed, ipcRenderer } = loadPreload();
    const api = exposed[0]?.api ?? {};
    for (const name of methodNames) {
      const call = api[name] as (input: unknown) => Promise<unknown>;
      await expect(call({ probe: name })).resolves.toEqual({ ok: true, value: 'answer' });
    }
    expect(ipcRenderer.invoke.mock.calls).toEqual(methodNames.map((name) => ['ledger:invoke', name, { probe: name }]));
  });

  it('delivers progress events without the IPC event object, and unsubscribes', () => {
    const { exposed, emit, listeners } = loadPreload();
    const onProgress = exposed[0]?.api.onProgress as (listener: (...args: unknown[]) => void) => () => void;
    const received: unknown[][] = [];
    const unsubscribe = onProgress((...args) => received.push(args));
    const progress = { method: 'export.docx', done: 1, total: 4, message: '正在生成' };
    emit('ledger:progress', { sender: 'ipcRenderer itself' }, progress);
    expect(received).toEqual([[progress]]);

    unsubscribe();
    emit('ledger:progress', {}, progress);
    expect(received).toHaveLength(1);
    expect(listeners.get('ledger:progress')?.size).toBe(0);
  });
});
