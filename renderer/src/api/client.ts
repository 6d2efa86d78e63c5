/**
 * The one way the UI talks to the ledger. Inside Electron the preload exposes `window.ledger`
 * (one function per contract method); in browser mode (`npm run web`, e2e tests) the same
 * contract is served by the loopback bridge as `POST /api/<method>` with a session token.
 */
import type { ApiResult, Input, LedgerBridge, MethodName, Output, ProgressEvent } from '../../../electron/api/index.ts';

export type { Input, MethodName, Output };

export interface ApiErrorDetail {
  field?: string;
  file?: string;
  sheet?: string;
  row?: number;
  column?: string;
  message: string;
}

/** A refusal from the ledger, or a transport failure; `message` is always Chinese and meant for the clerk. */
export class ApiError extends Error {
  readonly code: string;
  readonly details: ApiErrorDetail[];

  constructor(code: string, message: string, details: ApiErrorDetail[] = []) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }
}

declare global {
  interface Window {
    /** The preload's table; onProgress is the one member that is not a contract method. */
    ledger?: LedgerBridge & { onProgress?: (listener: (event: ProgressEvent) => void) => () => void };
  }
}

const TOKEN_KEY = 'ledger.bridgeToken';

/**
 * The bridge hands the token over once, in the address (?token=…). Keep it for this tab only and
 * take it out of the address bar so it is not left in history, bookmarks or screenshots.
 */
function takeTokenFromAddress(): string | null {
  const params = new URLSearchParams(window.location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    params.delete('token');
    const query = params.toString();
    window.history.replaceState(
      window.history.state,
      '',
      `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`,
    );
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

const bridgeToken = typeof window !== 'undefined' && !window.ledger ? takeTokenFromAddress() : null;

function isApiResult(value: unknown): value is ApiResult<unknown> {
  return typeof value === 'object' && value !== null && 'ok' in value && typeof value.ok === 'boolean';
}

async function callBridge(method: MethodName, input: unknown): Promise<ApiResult<unknown>> {
  if (!bridgeToken) {
    throw new ApiError('NO_SESSION', '没有会话凭据，请用启动程序时显示的地址重新打开本页面。');
  }
  let response: Response;
  try {
    response = await fetch(`/api/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${bridgeToken}` },
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    throw new ApiError('NETWORK', '无法连接到台账程序，请确认程序仍在运行后刷新页面。');
  }
  if (response.status === 401) {
    throw new ApiError('UNAUTHORIZED', '会话已失效，请用启动程序时显示的新地址重新打开本页面。');
  }
  const body: unknown = await response.json().catch(() => null);
  if (isApiResult(body)) return body;
  throw new ApiError('BAD_RESPONSE', `台账程序返回了无法识别的应答（HTTP ${response.status}），请重试。`);
}

/** Call one contract method; resolves with its output or throws an ApiError. */
export async function call<M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>> {
  const bridge = window.ledger;
  let result: ApiResult<unknown>;
  if (bridge) {
    const fn = bridge[method] as (input: Input<M>) => Promise<ApiResult<Output<M>>>;
    result = await fn(input);
  } else {
    result = await callBridge(method, input);
  }
  if (result.ok) return result.value as Output<M>;
  throw new ApiError(result.error.code, result.error.message, result.error.details ?? []);
}

/** Turn anything caught into an ApiError the UI can show. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError('CLIENT', '界面出现意外错误，请刷新页面后重试。', [
    { message: error instanceof Error ? error.message : String(error) },
  ]);
}

/** Inside the Electron window (the shell can save, open and show files); false in browser mode. */
export function inDesktopApp(): boolean {
  return typeof window !== 'undefined' && Boolean(window.ledger);
}

/** A job id for a long export: matches its progress events and lets it be cancelled. */
export function newJobId(): string {
  const random = globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  return `job-${random}`;
}

const progressListeners = new Set<(event: ProgressEvent) => void>();
let progressSource: EventSource | null = null;

/**
 * Subscribes to progress of long-running methods. Electron: the preload's channel. Browser mode:
 * one server-sent-events stream for the tab (EventSource cannot send headers, so the token goes
 * in the address, which the bridge accepts for /api/events).
 */
export function onProgress(listener: (event: ProgressEvent) => void): () => void {
  const preload = window.ledger?.onProgress;
  if (preload) return preload(listener);
  progressListeners.add(listener);
  if (!progressSource && bridgeToken) {
    progressSource = new EventSource(`/api/events?token=${encodeURIComponent(bridgeToken)}`);
    progressSource.onmessage = (message) => {
      let event: ProgressEvent;
      try {
        event = JSON.parse(String(message.data)) as ProgressEvent;
      } catch {
        return;
      }
      for (const l of progressListeners) l(event);
    };
  }
  return () => {
    progressListeners.delete(listener);
  };
}
