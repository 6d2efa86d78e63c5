import { describe, expect, it, vi } from 'vitest';
import type { ApiResult } from '../../../electron/api/contract.ts';
import { createIpcHandler, type InvokableService } from '../../../electron/main/ipc-handler.ts';
import { isTrustedSender } from '../../../electron/main/security.ts';

function fakeService(answer: ApiResult<unknown>) {
  const invoke = vi.fn(async (_method: string, _input: unknown, _transport: 'ipc' | 'bridge') => answer);
  const service: InvokableService = { invoke };
  return { service, invoke };
}

const fromApp = { senderFrame: { url: 'app://app/index.html#/members', parent: null } };

describe('createIpcHandler', () => {
  it('refuses a frame that is not our page, without reading the method or calling the service', async () => {
    const { service, invoke } = fakeService({ ok: true, value: 'secret' });
    const handler = createIpcHandler(service, isTrustedSender);
    const method = { toString: vi.fn(() => 'app.info') };

    for (const senderFrame of [
      { url: 'https://evil.example/', parent: null },
      { url: 'file:///C:/Users/x/evil.html', parent: null },
      { url: 'app://app/', parent: { url: 'app://app/' } },
      null,
    ]) {
      const result = await handler({ senderFrame }, method, {});
      expect(result).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: '请求来源不受信任，已拒绝。', details: [] },
      });
    }
    expect(invoke).not.toHaveBeenCalled();
    expect(method.toString).not.toHaveBeenCalled();
  });

  it('refuses a sender whose frame can no longer be read', async () => {
    const { service, invoke } = fakeService({ ok: true, value: null });
    const disposed = {
      get senderFrame(): { url: string } {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    const result = await createIpcHandler(service, isTrustedSender)(disposed, 'app.info', {});
    expect(result.ok).toBe(false);
    expect(invoke).not.toHaveBeenCalled();
  });

  it('passes a trusted call to the service over the ipc transport and returns its answer', async () => {
    const { service, invoke } = fakeService({ ok: true, value: { appVersion: '0.1.0' } });
    const result = await createIpcHandler(service, isTrustedSender)(fromApp, 'app.info', {});
    expect(result).toEqual({ ok: true, value: { appVersion: '0.1.0' } });
    expect(invoke).toHaveBeenCalledWith('app.info', {}, 'ipc');
  });

  it('passes the service’s validation errors through unchanged', async () => {
    const validation: ApiResult<unknown> = {
      ok: false,
      error: {
        code: 'VALIDATION',
        message: '输入有误（姓名），未做任何修改。',
        details: [{ field: '姓名', message: '不能为空' }],
      },
    };
    const { service } = fakeService(validation);
    const result = await createIpcHandler(service, isTrustedSender)(fromApp, 'member.create', { name: '' });
    expect(result).toEqual(validation);
  });

  it('answers UNKNOWN_METHOD for a method name that is not a string', async () => {
    const { service, invoke } = fakeService({ ok: true, value: null });
    const result = await createIpcHandler(service, isTrustedSender)(fromApp, { evil: true }, {});
    expect(result.ok === false && result.error.code).toBe('UNKNOWN_METHOD');
    expect(invoke).not.toHaveBeenCalled();
  });

  it('turns a service that throws into an INTERNAL answer instead of a rejected promise', async () => {
    const service: InvokableService = {
      invoke: () => Promise.reject(new Error('disk on fire')),
    };
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const result = await createIpcHandler(service, isTrustedSender)(fromApp, 'app.info', {});
    expect(result.ok === false && result.error.code).toBe('INTERNAL');
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });
});
