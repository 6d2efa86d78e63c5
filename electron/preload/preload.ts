import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import type { ApiResult, ProgressEvent } from '../api/contract.ts';
import { type LedgerBridge, type MethodName, methodNames } from '../api/index.ts';
import { INVOKE_CHANNEL, PROGRESS_CHANNEL } from '../main/channels.ts';

/**
 * window.ledger: one function per contract method, plus progress events. Nothing else crosses
 * the bridge — no ipcRenderer, no process, no event objects (an IpcRendererEvent carries
 * `sender`, i.e. ipcRenderer itself).
 *
 * Bundled by esbuild into CommonJS (out/electron/preload.cjs): sandboxed preloads cannot load ESM.
 */

export type LedgerWindowApi = LedgerBridge & {
  /** Subscribes to progress of long-running methods; returns the unsubscribe function. */
  onProgress(listener: (event: ProgressEvent) => void): () => void;
};

function invoker(name: MethodName): (input: unknown) => Promise<ApiResult<unknown>> {
  // The main process zod-parses the input; the renderer's types are a convenience, not a check.
  return (input) => ipcRenderer.invoke(INVOKE_CHANNEL, name, input);
}

function methodTable(): LedgerBridge {
  // Built from the contract's own list, so it has exactly the contract's keys; TypeScript cannot
  // follow that through Object.fromEntries, and the unit test checks the keys at run time.
  return Object.fromEntries(methodNames.map((name) => [name, invoker(name)])) as LedgerBridge;
}

function onProgress(listener: (event: ProgressEvent) => void): () => void {
  const forward = (_event: IpcRendererEvent, progress: ProgressEvent) => listener(progress);
  ipcRenderer.on(PROGRESS_CHANNEL, forward);
  return () => {
    ipcRenderer.removeListener(PROGRESS_CHANNEL, forward);
  };
}

const ledger = { ...methodTable(), onProgress } satisfies LedgerWindowApi;

contextBridge.exposeInMainWorld('ledger', ledger);
