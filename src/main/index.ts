/**
 * Electron main entry: thin wiring only. Everything the app does lives in the backend
 * (createBackend), which the harness and CLI use too; this file connects it to Electron's
 * protocols, IPC and the window.
 */
import { Menu, app, dialog, shell } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBackend, type Backend } from '../backend/backend';
import { resolveDataDir } from '../backend/media-store';
import { installCrashHandlers, openAppLog } from '../backend/logging';
import { chooseProjectFile, installLifecycle } from './electron/lifecycle';
import { buildMenuTemplate, type MenuLabels } from './electron/menu';
import { installUpdater, resolveFeedUrl, type UpdaterHandle } from './electron/updater';
import { createDesktopHooks } from './electron/desktop';
import { mainTranslator, menuLabels } from './i18n';
import { safeStorageEncryptor } from './electron/safe-storage';
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
app.setAppUserModelId('app.zapcut.desktop'); // Windows taskbar grouping and notifications
const { logger, logsDir, logFile } = openAppLog(dataDir, { console: !app.isPackaged });

let mainWindow: BrowserWindow | null = null;
let backend: Backend | null = null;
let updates: UpdaterHandle | null = null;

// Unhandled errors are logged (redacted) and shown as a friendly message, never a silent death.
installCrashHandlers({
  logger,
  logFile,
  notify: (e) => (backend ? backend.emit('app/unexpectedError', e) : dialog.showErrorBox('Zapcut', e.message)),
});
const desktop = createDesktopHooks({ shell, dialog, logsDir, logger, updates: () => updates, videosFolder: () => app.getPath('videos') });

const lifecycle = installLifecycle({
  app,
  logger,
  getMainWindow: () => mainWindow,
  openProject: (file) => logger.info('open project requested (projects arrive in a later issue)', { file }),
  // The return page after Checkout or the portal offers zapcut://account: look at the account now.
  openLink: (url) => void backend?.openAppLink(url).then((ours) => ours || logger.warn('ignored an unknown zapcut:// link')),
  beforeQuit: () => {
    updates?.dispose();
    backend?.close();
  },
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
  backend = createBackend({ dataDir, mediaBaseUrl: MEDIA_BASE_URL, appVersion: app.getVersion(), electronVersion: process.versions.electron ?? null, desktop, secretEncryptor: safeStorageEncryptor() });
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
  const settings = await backend.dispatch('settings/get', {});
  installMenu(menuLabels(await mainTranslator(settings.ok ? (settings.value as { locale: string }).locale : 'en')));
  updates = await installUpdater({
    app,
    logger,
    isDevelopment: !app.isPackaged,
    feedUrl: resolveFeedUrl(process.env),
    onStatus: (status) => backend?.emit('update/status', status),
  });
  logger.info('started', { version: app.getVersion(), dataDir });
}

function installMenu(labels: MenuLabels): void {
  const template = buildMenuTemplate({
    labels,
    platform: process.platform,
    appName: app.name,
    isDevelopment: !app.isPackaged,
    onCommand: (command) => {
      if (command === 'project/open') void chooseProjectFile(dialog).then((file) => file && lifecycle.open(file));
      else if (command === 'app/openLogsFolder') void desktop.openLogsFolder().catch((err: unknown) => logger.warn('open logs folder failed', err));
      else if (command === 'app/checkForUpdates') void updates?.checkNow();
      else backend?.emit('app/menuCommand', { command });
    },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

if (lifecycle.primary) {
  app.whenReady().then(start, (err: unknown) => {
    logger.error('startup failed', err);
    app.quit();
  });
}
