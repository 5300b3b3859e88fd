import { describe, expect, it, vi } from 'vitest';

let exposed: { key: string; api: Record<string, (...args: never[]) => unknown> } | undefined;
const rendererListeners = new Map<string, Set<(...args: unknown[]) => void>>();
const invoke = vi.fn();
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: Record<string, (...args: never[]) => unknown>) => (exposed = { key, api }) },
  ipcRenderer: {
    invoke: (...args: unknown[]) => invoke(...args),
    on: (channel: string, fn: (...args: unknown[]) => void) => {
      if (!rendererListeners.has(channel)) rendererListeners.set(channel, new Set());
      rendererListeners.get(channel)!.add(fn);
    },
    removeListener: (channel: string, fn: (...args: unknown[]) => void) => rendererListeners.get(channel)?.delete(fn),
  },
  webUtils: { getPathForFile: () => '/home/u/Pictures/bottle.png' },
}));

await import('./index');

describe('preload bridge', () => {
  it('exposes window.zapcut with invoke, on and pathForFile only', () => {
    expect(exposed?.key).toBe('zapcut');
    expect(Object.keys(exposed!.api).sort()).toEqual(['invoke', 'on', 'pathForFile']);
  });

  it('passes calls through and turns IPC failures into Results instead of rejections', async () => {
    const api = exposed!.api as unknown as { invoke(c: string, i: unknown): Promise<unknown> };
    invoke.mockResolvedValueOnce({ ok: true, value: [] });
    expect(await api.invoke('brand/list', {})).toEqual({ ok: true, value: [] });
    expect(invoke).toHaveBeenCalledWith('brand/list', {});
    invoke.mockRejectedValueOnce(new Error("No handler registered for 'nope'"));
    expect(await api.invoke('nope', {})).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    invoke.mockRejectedValueOnce(new Error('Error invoking remote method: something broke in main'));
    expect(await api.invoke('brand/list', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(await api.invoke(42 as unknown as string, {})).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await api.invoke('zapcut:event', {})).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('delivers only the subscribed event, without the IPC event object, and unsubscribes', () => {
    const api = exposed!.api as unknown as { on(e: string, l: (p: unknown) => void): () => void };
    const got: unknown[] = [];
    const off = api.on('brand/changed', (p) => got.push(p));
    const emit = (...args: unknown[]) => rendererListeners.get('zapcut:event')?.forEach((fn) => fn({ sender: 'ipc' }, ...args));
    emit('brand/changed', { id: 'b1' });
    emit('run/progress', { pct: 1 });
    off();
    emit('brand/changed', { id: 'b2' });
    expect(got).toEqual([{ id: 'b1' }]);
  });
});
