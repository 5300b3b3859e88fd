/**
 * Electron main entry: thin wiring only. Everything the app does lives in the backend
 * (createBackend), which the harness and CLI use too; this file connects it to Electron's
 * protocols, IPC and the window.
 */
import { app } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBackend, type Backend } from './backend';
import { resolveDataDir } from './media-store';
import { openAppLog } from './logging';
import { installLifecycle } from './electron/lifecycle';
import { APP_ORIGIN, MEDIA_BASE_URL, handleSchemes, registerSchemes } from './electron/protocol';
import { registerIpc } from './electron/ipc';
import { createMainWindow, denyPermissions } from './electron/window';
import type { BrowserWindow } from 'electron';

const here = dirname(fileURLToPath(import.meta.url));

// Privileged schemes must be registered before `ready`; so must a changed userData path.
registerSchemes();
// `<appData>/zapcut` explicitly (not userData, which follows productName "Zapcut" once packaged),
// so the app and the `zapcut` CLI (defaultUserDataDir) always agree on the folder.
const dataDir = resolveDataDir(join(app.getPath('appData'), 'zapcut'));
app.setPath('userData', dataDir);
const { logger } = openAppLog(dataDir, { console: !app.isPackaged });

let mainWindow: BrowserWindow | null = null;
let backend: Backend | null = null;

const lifecycle = installLifecycle({
  app,
  logger,
  getMainWindow: () => mainWindow,
  openProject: (file) => logger.info('open project requested (projects arrive in a later issue)', { file }),
  beforeQuit: () => backend?.close(),
});

/** Node's URL gives custom schemes an opaque origin, so compare scheme + host ourselves. */
function sameOrigin(a: string, b: string): boolean {
  try {
    const x = new URL(a);
    const y = new URL(b);
    return x.protocol === y.protocol && x.host === y.host;
  } catch {
    return false;
  }
}

async function start(): Promise<void> {
  backend = createBackend({ dataDir, mediaBaseUrl: MEDIA_BASE_URL, appVersion: app.getVersion(), electronVersion: process.versions.electron ?? null });
  handleSchemes(backend, join(here, '../renderer'));
  denyPermissions();
  const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
  const pageUrl = devUrl ?? `${APP_ORIGIN}/index.html`;
  const isTrustedUrl = (url: string) => sameOrigin(url, pageUrl);
  registerIpc(backend, isTrustedUrl);

  const open = () => {
    const win = createMainWindow({ url: pageUrl, preloadPath: join(here, '../preload/index.cjs'), dataDir, isTrustedUrl });
    win.webContents.once('did-finish-load', () => lifecycle.windowReady());
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null;
    });
    mainWindow = win;
  };
  open();
  // macOS: clicking the dock icon with no window open makes a new one.
  app.on('activate', () => {
    if (!mainWindow) open();
  });
  logger.info('started', { version: app.getVersion(), dataDir });
}

if (lifecycle.primary) {
  app.whenReady().then(start, (err: unknown) => {
    logger.error('startup failed', err);
    app.quit();
  });
}
