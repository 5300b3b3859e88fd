import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/errors';
import { useBrands } from '../stores/brands';
import { useToasts } from '../stores/toasts';
import { api, ApiError, toAppError } from './client';

type Invoke = (channel: string, input: unknown) => Promise<Result<unknown>>;
const g = globalThis as { zapcut?: unknown };

function installBridge(invoke: Invoke) {
  const calls: [string, unknown][] = [];
  g.zapcut = {
    invoke: (channel: string, input: unknown) => {
      calls.push([channel, input]);
      return invoke(channel, input);
    },
    on: () => () => {},
  };
  return calls;
}

afterEach(() => {
  delete g.zapcut;
  useToasts.setState({ toasts: [] });
});

describe('api client', () => {
  it('sends the typed channel and unwraps ok results into data', async () => {
    const calls = installBridge(async () => ({ ok: true, value: [{ id: 'b1' }] }));
    await expect(api.brands.list()).resolves.toEqual([{ id: 'b1' }]);
    expect(calls).toEqual([['brand/list', {}]]);
  });

  it('turns error results into ApiError carrying the code', async () => {
    installBridge(async () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'No brand b9.' } }));
    const err = await api.brands.get('b9').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(toAppError(err)).toEqual({ code: 'NOT_FOUND', message: 'No brand b9.' });
  });

  it('maps a throwing or missing bridge to INTERNAL instead of crashing', async () => {
    installBridge(async () => {
      throw new Error('socket gone');
    });
    expect(toAppError(await api.app.info().catch((e: unknown) => e))).toEqual({ code: 'INTERNAL', message: 'socket gone' });
    delete g.zapcut;
    expect(toAppError(await api.app.info().catch((e: unknown) => e)).code).toBe('INTERNAL');
  });
});

describe('brands store delete', () => {
  it('reports CONFLICT as an outcome (no toast) and sends force only when asked', async () => {
    const calls = installBridge(async (_c, input) =>
      (input as { force?: boolean }).force
        ? { ok: true, value: { deleted: true, adsDeleted: 2 } }
        : { ok: false, error: { code: 'CONFLICT', message: 'This brand has 2 ads.' } },
    );
    useBrands.setState({ brands: [{ id: 'b1' } as never], status: 'ready' });
    await expect(useBrands.getState().remove('b1')).resolves.toEqual({ kind: 'conflict', message: 'This brand has 2 ads.' });
    expect(useToasts.getState().toasts).toEqual([]);
    await expect(useBrands.getState().remove('b1', { force: true })).resolves.toEqual({ kind: 'deleted' });
    expect(calls).toEqual([
      ['brand/delete', { id: 'b1' }],
      ['brand/delete', { id: 'b1', force: true }],
    ]);
    expect(useBrands.getState().brands).toEqual([]);
  });

  it('shows other failures as an error toast with the code', async () => {
    installBridge(async () => ({ ok: false, error: { code: 'IO', message: 'Disk full.' } }));
    await expect(useBrands.getState().remove('b1')).resolves.toEqual({ kind: 'failed' });
    expect(useToasts.getState().toasts).toMatchObject([{ tone: 'error', error: { code: 'IO', message: 'Disk full.' } }]);
  });
});
