import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { MENU_COMMANDS, buildMenuTemplate, type MenuCommand } from './menu';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

function build(platform: NodeJS.Platform, isDevelopment = false) {
  const commands: MenuCommand[] = [];
  const template = buildMenuTemplate({ platform, appName: 'Zapcut', isDevelopment, onCommand: (c) => commands.push(c) });
  return { template, items: flatten(template), commands };
}

describe('buildMenuTemplate', () => {
  for (const platform of ['darwin', 'win32', 'linux'] as const) {
    it(`${platform}: every command is reachable, clicks route to onCommand, shortcuts are unique`, () => {
      const { items, commands } = build(platform);
      for (const command of MENU_COMMANDS) {
        const found = items.filter((i) => i.id === command);
        expect(found.length, command).toBe(1);
        (found[0]!.click as () => void)();
      }
      expect(commands).toEqual([...MENU_COMMANDS]);
      const accelerators = items.map((i) => i.accelerator).filter(Boolean);
      expect(new Set(accelerators).size).toBe(accelerators.length);
      expect(items.find((i) => i.id === 'project/new')?.accelerator).toBe('CmdOrCtrl+N');
      expect(items.find((i) => i.id === 'project/open')?.accelerator).toBe('CmdOrCtrl+O');
      expect(items.find((i) => i.id === 'project/export')?.accelerator).toBe('CmdOrCtrl+E');
      expect(items.find((i) => i.id === 'app/settings')?.accelerator).toBe('CmdOrCtrl+,');
      const roles = items.map((i) => i.role).filter(Boolean);
      for (const role of ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'quit', 'minimize', 'togglefullscreen', 'zoomIn', 'zoomOut', 'resetZoom', 'about']) {
        expect(roles, role).toContain(role);
      }
    });
  }

  it('macOS: app menu first with Settings and Quit, no mnemonics in titles', () => {
    const { template } = build('darwin');
    expect(template.map((m) => m.label)).toEqual(['Zapcut', 'File', 'Edit', 'View', 'Window', 'Help']);
    const appItems = template[0]!.submenu as MenuItemConstructorOptions[];
    expect(appItems.map((i) => i.role ?? i.id).filter(Boolean)).toEqual(['about', 'app/settings', 'app/checkForUpdates', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
  });

  it('Windows/Linux: File holds Settings and Quit (Ctrl+Q), with Alt mnemonics', () => {
    const { template } = build('win32');
    expect(template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Window', '&Help']);
    const file = template[0]!.submenu as MenuItemConstructorOptions[];
    expect(file.at(-1)).toMatchObject({ role: 'quit', accelerator: 'CmdOrCtrl+Q' });
    expect(file.some((i) => i.id === 'app/settings')).toBe(true);
  });

  it('developer tools only in development', () => {
    expect(build('linux').items.some((i) => i.role === 'toggleDevTools')).toBe(false);
    expect(build('linux', true).items.filter((i) => i.role === 'toggleDevTools' || i.role === 'reload')).toHaveLength(2);
  });

  it('takes translated labels', () => {
    const template = buildMenuTemplate({ platform: 'linux', appName: 'Zapcut', isDevelopment: false, onCommand: () => {}, labels: { newProject: 'Nouveau projet', file: '&Fichier' } });
    expect(template[0]!.label).toBe('&Fichier');
    expect(flatten(template).find((i) => i.id === 'project/new')?.label).toBe('Nouveau projet');
  });
});
