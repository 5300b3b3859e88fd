import { create } from 'zustand';
import type { AppInfo, Settings, SettingsPatch } from '../../../shared/domain';
import type { AppErrorShape } from '../../../shared/errors';
import { api, toAppError } from '../api/client';
import { i18n } from '../i18n';
import { useToasts } from './toasts';

interface SettingsState {
  settings: Settings | null;
  info: AppInfo | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  loadError: AppErrorShape | null;
  load(): Promise<void>;
  update(patch: SettingsPatch): Promise<boolean>;
  /** Re-reads app/info (e.g. after the FFmpeg path changed, to show the new capabilities). */
  refreshInfo(): Promise<void>;
}

export const useSettings = create<SettingsState>((set) => ({
  settings: null,
  info: null,
  status: 'idle',
  loadError: null,

  async load() {
    set({ status: 'loading', loadError: null });
    try {
      const [settings, info] = await Promise.all([api.settings.get(), api.app.info()]);
      set({ settings, info, status: 'ready' });
      if (i18n.language !== settings.locale) await i18n.changeLanguage(settings.locale);
    } catch (err) {
      set({ status: 'error', loadError: toAppError(err) });
    }
  },

  async refreshInfo() {
    try {
      set({ info: await api.app.info() });
    } catch (err) {
      useToasts.getState().error(toAppError(err));
    }
  },

  async update(patch) {
    try {
      const settings = await api.settings.update(patch);
      set({ settings });
      if (i18n.language !== settings.locale) await i18n.changeLanguage(settings.locale);
      return true;
    } catch (err) {
      useToasts.getState().error(toAppError(err));
      return false;
    }
  },
}));
