import { create } from 'zustand';
import type { AppErrorShape } from '../../../../shared/errors';
import { api, toAppError } from '../../api/client';

/**
 * The one friendly "something went wrong" notice. It holds where the error came from, never the
 * error text: details go to the log file (redacted by main), the user gets a translated message.
 */
interface CrashState {
  notice: { source: 'main' | 'renderer'; at: number } | null;
  /** Why "Open logs folder" failed (UNSUPPORTED in the browser harness), shown in the notice. */
  openLogsError: AppErrorShape | null;
  show(source: 'main' | 'renderer'): void;
  dismiss(): void;
  openLogs(): Promise<void>;
}

export const useCrash = create<CrashState>((set) => ({
  notice: null,
  openLogsError: null,
  show: (source) => set({ notice: { source, at: Date.now() }, openLogsError: null }),
  dismiss: () => set({ notice: null, openLogsError: null }),
  async openLogs() {
    try {
      await api.desktop.openLogsFolder();
      set({ openLogsError: null });
    } catch (err) {
      set({ openLogsError: toAppError(err) });
    }
  },
}));
