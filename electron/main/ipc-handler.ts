import type { ApiResult } from '../api/contract.ts';

/**
 * The one IPC entry point of the shell: `ipcMain.handle(INVOKE_CHANNEL, createIpcHandler(…))`.
 * Pure: the service and the trust decision are parameters, and the event is described by the
 * little of it we read, so tests run without Electron.
 */

/** What the handler needs of an Electron service: LedgerService fits this structurally. */
export interface InvokableService {
  invoke(method: string, input: unknown, transport: 'ipc' | 'bridge'): Promise<ApiResult<unknown>>;
}

/** The part of Electron's IpcMainInvokeEvent we read. */
export interface IpcSenderEvent {
  senderFrame: { url: string; parent?: unknown } | null;
}

export type IpcHandler = (event: IpcSenderEvent, method: unknown, input: unknown) => Promise<ApiResult<unknown>>;

export function refusal(code: string, message: string): ApiResult<never> {
  return { ok: false, error: { code, message, details: [] } };
}

export function createIpcHandler(
  service: InvokableService,
  isTrusted: (frameUrl: string | null | undefined) => boolean,
): IpcHandler {
  return async (event, method, input) => {
    // The sender is checked before the method name is even read: an untrusted frame learns
    // nothing, not even which methods exist.
    if (!senderIsTrusted(event, isTrusted)) {
      return refusal('FORBIDDEN', '请求来源不受信任，已拒绝。');
    }
    if (typeof method !== 'string') {
      return refusal('UNKNOWN_METHOD', '请求的功能不存在。');
    }
    try {
      // The service zod-parses the input and turns every error into an ApiResult.
      return await service.invoke(method, input, 'ipc');
    } catch (error) {
      // The service promises never to throw; if it ever does, the renderer still gets an answer
      // and the developer gets the cause on the console.
      console.error(`ledger:invoke ${method} threw`, error);
      return refusal('INTERNAL', '程序内部错误，未做任何修改。请重试；如仍出现，请联系技术支持。');
    }
  };
}

/**
 * A frame that is gone (null), a subframe, or one whose details cannot be read any more
 * (Electron throws once a frame is disposed) is not our page, whatever URL it claims.
 */
function senderIsTrusted(event: IpcSenderEvent, isTrusted: (frameUrl: string | null | undefined) => boolean): boolean {
  try {
    const frame = event.senderFrame;
    if (frame === null) return false;
    if (frame.parent !== undefined && frame.parent !== null) return false;
    return isTrusted(frame.url);
  } catch {
    return false;
  }
}
