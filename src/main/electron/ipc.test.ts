import { beforeEach, describe, expect, it, vi } from 'vitest';
import { channelNames } from '../../shared/contract';
import type { Backend } from '../../backend/backend';

// Electron cannot run here; its IPC surface is replaced by a recorder (the wiring is what's tested).
const handlers = new Map<string, (event: unknown, input: unknown) => unknown>();
const sent: unknown[][] = [];
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, input: unknown) => unknown) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, fn);
    },
    removeHandler: (channel: string) => handlers.delete(channel),
  },
  BrowserWindow: {
    getAllWindows: () => [{ isDestroyed: () => false, webContents: { send: (...args: unknown[]) => sent.push(args) } }],
  },
}));

const { registerIpc, EVENT_CHANNEL } = await import('./ipc');

describe('registerIpc', () => {
  let listener: ((event: string, payload: unknown) => void) | undefined;
  const backend = {
    dispatch: vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } })),
    on: (l: (event: string, payload: unknown) => void) => {
      listener = l;
      return () => (listener = undefined);
    },
  } as unknown as Backend;
  const frame = (url: string) => ({ senderFrame: { url } });

  beforeEach(() => {
    handlers.clear();
    sent.length = 0;
  });

  it('registers exactly one handler per contract channel, each going through dispatch', async () => {
    const off = registerIpc(backend, (url) => url.startsWith('zapcut-app://app/'));
    expect([...handlers.keys()].sort()).toEqual([...channelNames].sort());
    const result = await handlers.get('brand/get')!(frame('zapcut-app://app/index.html'), { id: 'b1' });
    expect(result).toEqual({ ok: true, value: { channel: 'brand/get', input: { id: 'b1' } } });
    off();
    expect(handlers.size).toBe(0);
  });

  it('refuses calls from any page that is not the app', async () => {
    registerIpc(backend, (url) => url.startsWith('zapcut-app://app/'));
    (backend.dispatch as ReturnType<typeof vi.fn>).mockClear();
    const result = await handlers.get('brand/list')!(frame('https://evil.example/'), {});
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(backend.dispatch).not.toHaveBeenCalled();
  });

  it('forwards backend events to every window on one channel', () => {
    registerIpc(backend, () => true);
    listener!('brand/changed', { id: 'b1' });
    expect(sent).toEqual([[EVENT_CHANNEL, 'brand/changed', { id: 'b1' }]]);
  });
});
