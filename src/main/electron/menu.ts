/**
 * The application menu as a pure function of (platform, dev mode, labels) → template, so the
 * shortcuts are tested without Electron. Items that need the app (new project, export, settings…)
 * call `onCommand` with a `MenuCommand`; main routes those (most become a push event the renderer
 * handles). Standard editing/window items use Electron roles, which bring the platform's own
 * accelerators and the OS translation of their labels.
 *
 * Wiring (src/main/index.ts, after app ready):
 *   Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate({
 *     platform: process.platform, appName: app.name, isDevelopment: is.dev, onCommand })));
 */
import type { MenuItemConstructorOptions } from 'electron';

import { MENU_COMMANDS, type MenuCommand } from '../../shared/domain/desktop';

export { MENU_COMMANDS, type MenuCommand };

/** Labels for our own items (role items are labelled by Electron/the OS). English defaults. */
export interface MenuLabels {
  file: string;
  edit: string;
  view: string;
  window: string;
  help: string;
  newProject: string;
  openProject: string;
  exportVideo: string;
  settings: string;
  checkForUpdates: string;
  openLogsFolder: string;
}

export const DEFAULT_MENU_LABELS: MenuLabels = {
  file: '&File',
  edit: '&Edit',
  view: '&View',
  window: '&Window',
  help: '&Help',
  newProject: 'New Project',
  openProject: 'Open Project…',
  exportVideo: 'Export Video…',
  settings: 'Settings…',
  checkForUpdates: 'Check for Updates…',
  openLogsFolder: 'Open Logs Folder',
};

/** The shortcuts of our own commands (role items keep Electron's platform defaults). */
export const COMMAND_ACCELERATORS: Partial<Record<MenuCommand, string>> = {
  'project/new': 'CmdOrCtrl+N',
  'project/open': 'CmdOrCtrl+O',
  'project/export': 'CmdOrCtrl+E',
  'app/settings': 'CmdOrCtrl+,',
};

export interface MenuOptions {
  platform: NodeJS.Platform;
  appName: string;
  /** Adds Reload / Force Reload / Toggle Developer Tools. */
  isDevelopment: boolean;
  onCommand: (command: MenuCommand) => void;
  labels?: Partial<MenuLabels>;
}

export function buildMenuTemplate(opts: MenuOptions): MenuItemConstructorOptions[] {
  const mac = opts.platform === 'darwin';
  const l = { ...DEFAULT_MENU_LABELS, ...opts.labels };
  // '&' marks the Alt-key mnemonic on Windows/Linux; macOS shows it literally, so strip it there.
  const top = (label: string) => (mac ? label.replace(/&/g, '') : label);
  const item = (command: MenuCommand, label: string): MenuItemConstructorOptions => ({
    id: command,
    label,
    ...(COMMAND_ACCELERATORS[command] ? { accelerator: COMMAND_ACCELERATORS[command] } : {}),
    click: () => opts.onCommand(command),
  });
  const sep: MenuItemConstructorOptions = { type: 'separator' };

  const appMenu: MenuItemConstructorOptions = {
    label: opts.appName,
    submenu: [{ role: 'about' }, sep, item('app/settings', l.settings), item('app/checkForUpdates', l.checkForUpdates), sep, { role: 'services' }, sep, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, sep, { role: 'quit' }],
  };
  const file: MenuItemConstructorOptions = {
    label: top(l.file),
    submenu: [
      item('project/new', l.newProject),
      item('project/open', l.openProject),
      sep,
      item('project/export', l.exportVideo),
      sep,
      ...(mac ? [{ role: 'close' } as const] : [item('app/settings', l.settings), sep, { role: 'quit', accelerator: 'CmdOrCtrl+Q' } as const]),
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: top(l.edit),
    submenu: [{ role: 'undo' }, { role: 'redo' }, sep, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []), { role: 'delete' }, sep, { role: 'selectAll' }],
  };
  const view: MenuItemConstructorOptions = {
    label: top(l.view),
    submenu: [
      ...(opts.isDevelopment ? [{ role: 'reload' } as const, { role: 'forceReload' } as const, { role: 'toggleDevTools' } as const, sep] : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      sep,
      { role: 'togglefullscreen' },
    ],
  };
  const windowMenu: MenuItemConstructorOptions = {
    label: top(l.window),
    role: 'window',
    submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, sep, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }],
  };
  const help: MenuItemConstructorOptions = {
    label: top(l.help),
    role: 'help',
    submenu: [item('app/openLogsFolder', l.openLogsFolder), ...(mac ? [] : [item('app/checkForUpdates', l.checkForUpdates), sep, { role: 'about' } as const])],
  };
  return [...(mac ? [appMenu] : []), file, edit, view, windowMenu, help];
}
