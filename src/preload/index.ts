/**
 * The renderer's only bridge: `window.zapcut = { invoke, on, pathForFile }`. No ipcRenderer, no
 * Node. Sandboxed preloads cannot load npm packages, so this file imports types only from the
 * contract; main validates every channel and input anyway.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { Api, Channel, EventName, Events, InputOf, OutputOf } from '../shared/contract';
import type { Result } from '../shared/errors';
import type { ZapcutBridge } from './index.d';

const EVENT_CHANNEL = 'zapcut:event'; // same as src/main/electron/ipc.ts

const bridge = {
  async invoke<C extends Channel>(channel: C, input: InputOf<C>): Promise<Result<OutputOf<C>>> {
    if (typeof channel !== 'string' || channel.startsWith('zapcut:')) {
      return { ok: false, error: { code: 'VALIDATION', message: 'Unknown channel.' } };
    }
    try {
      return (await ipcRenderer.invoke(channel, input)) as Result<OutputOf<C>>;
    } catch (err) {
      // Only reached for a channel main does not handle, input that cannot be cloned (both the
      // caller's mistake), or a reply that cannot be (a backend bug).
      const message = err instanceof Error ? err.message : String(err);
      const callersFault = /No handler registered|could not be cloned/i.test(message) && !/reply/i.test(message);
      return { ok: false, error: { code: callersFault ? 'VALIDATION' : 'INTERNAL', message } };
    }
  },
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
    const wrapped = (_e: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) listener(payload as Events[E]);
    };
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
    };
  },
  /** The real path of a dropped/picked file, so large images are read from disk, not sent as bytes. */
  pathForFile(file: File): string {
    return webUtils.getPathForFile(file);
  },
} satisfies Api & ZapcutBridge;

contextBridge.exposeInMainWorld('zapcut', bridge);
