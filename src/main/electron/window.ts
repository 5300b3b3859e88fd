/**
 * The main window, locked down: context isolation and the sandbox on, no Node in the page, no
 * navigation away from the app, no new windows (http(s) links open in the system browser), no
 * permission prompts, no <webview>. Shown only when its first paint is ready.
 */
import { BrowserWindow, screen, session, shell, app, type WebContents } from 'electron';
import { join } from 'node:path';
import { readWindowState, trackWindowState, windowPlacement } from './window-state';

export interface MainWindowOptions {
  /** The page to load: `zapcut-app://app/index.html`, or the dev server URL in development. */
  url: string;
  preloadPath: string;
  dataDir: string;
  isTrustedUrl: (url: string) => boolean;
}

function openExternally(url: string): void {
  try {
    const u = new URL(url);
    if (u.protocol === 'https:' || u.protocol === 'http:') void shell.openExternal(u.toString());
  } catch {
    // Not a URL: nothing to open.
  }
}

/** Applies the navigation rules to any web contents (also ones created later, e.g. devtools-less popups). */
export function hardenWebContents(contents: WebContents, isTrustedUrl: (url: string) => boolean): void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
  const guard = (event: { preventDefault(): void }, url: string) => {
    if (isTrustedUrl(url)) return;
    event.preventDefault();
    openExternally(url);
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Call once after ready: no page may use camera, notifications, geolocation, etc. */
export function denyPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_e, contents) => contents.on('will-attach-webview', (event) => event.preventDefault()));
}

export function createMainWindow(opts: MainWindowOptions): BrowserWindow {
  const stateFile = join(opts.dataDir, 'window-state.json');
  const place = windowPlacement(readWindowState(stateFile), [screen.getPrimaryDisplay(), ...screen.getAllDisplays()]);
  const win = new BrowserWindow({
    ...place.options,
    show: false,
    title: 'Zapcut',
    backgroundColor: '#0b0d12',
    webPreferences: {
      preload: opts.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  if (place.maximize) win.maximize();
  if (place.fullScreen) win.setFullScreen(true);
  trackWindowState(win, stateFile);
  hardenWebContents(win.webContents, opts.isTrustedUrl);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(opts.url);
  return win;
}
