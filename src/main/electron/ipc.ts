/**
 * One `ipcMain.handle` per contract channel, each through backend.dispatch (which validates the
 * input and never throws). Calls are accepted only from the app's own pages. Backend events go to
 * every window on the single `zapcut:event` channel the preload listens to.
 */
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { channelNames } from '../../shared/contract';
import type { Backend } from '../../backend/backend';

export const EVENT_CHANNEL = 'zapcut:event';

export function registerIpc(backend: Backend, isTrustedUrl: (url: string) => boolean): () => void {
  const trusted = (e: IpcMainInvokeEvent) => {
    const url = e.senderFrame?.url ?? '';
    return isTrustedUrl(url);
  };
  for (const channel of channelNames) {
    ipcMain.handle(channel, (event, input: unknown) => {
      if (!trusted(event)) {
        return { ok: false, error: { code: 'UNAUTHENTICATED', message: 'This page may not call Zapcut.' } };
      }
      return backend.dispatch(channel, input);
    });
  }
  const unsubscribe = backend.on((event, payload) => {
    for (const win of BrowserWindow.getAllWindows()) {
      if (!win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, event, payload);
    }
  });
  return () => {
    unsubscribe();
    for (const channel of channelNames) ipcMain.removeHandler(channel);
  };
}
