import { describe, expect, it } from 'vitest';
import { DEFAULT_MENU_LABELS, type MenuLabels } from './menu';
import { mainTranslator, menuLabels } from '../i18n';

describe('main-process strings', () => {
  it('the menu labels come from the English resources, one for every label the menu needs', async () => {
    const labels: MenuLabels = menuLabels(await mainTranslator('en'));
    expect(Object.keys(labels).sort()).toEqual(Object.keys(DEFAULT_MENU_LABELS).sort());
    expect(labels.exportVideo).toBe('Export Video…');
    expect(Object.values(labels).every((v) => typeof v === 'string' && v.length > 0)).toBe(true);
  });

  it('an unknown locale falls back to English instead of showing keys', async () => {
    expect(menuLabels(await mainTranslator('xx')).openLogsFolder).toBe('Open Logs Folder');
  });
});
