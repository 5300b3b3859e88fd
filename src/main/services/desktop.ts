/**
 * Desktop-shell channels (issue 10). They delegate to the hooks Electron's main process passes to
 * createBackend; the harness and CLI have no desktop, so these answer "nothing to do" (or, for
 * opening a folder the user asked for, a clear UNSUPPORTED-style error).
 */
import { AppError } from '../../shared/errors';
import type { RendererErrorReport, UpdateStatus } from '../../shared/domain/desktop';
import type { Handlers } from './handlers';

/** Built by src/main/electron/desktop.ts from Electron's shell and the updater. */
export interface DesktopHooks {
  openLogsFolder(): Promise<{ opened: true; path: string }>;
  logRendererError(report: RendererErrorReport): { logged: boolean };
  updateStatus(): UpdateStatus | null;
  checkForUpdates(): Promise<UpdateStatus | null>;
  restartToUpdate(): { restarting: boolean };
}

type DesktopChannel = 'app/openLogsFolder' | 'app/reportError' | 'update/status' | 'update/check' | 'update/restart';

export const desktopHandlers: Pick<Handlers, DesktopChannel> = {
  'app/openLogsFolder': async (ctx) => {
    if (!ctx.desktop) throw new AppError('UNSUPPORTED', 'Opening the logs folder needs the desktop app; the logs are in the "logs" folder of the data folder.');
    return ctx.desktop.openLogsFolder();
  },
  'app/reportError': (ctx, report) => ctx.desktop?.logRendererError(report) ?? { logged: false },
  'update/status': (ctx) => ctx.desktop?.updateStatus() ?? null,
  'update/check': async (ctx) => (ctx.desktop ? ctx.desktop.checkForUpdates() : null),
  'update/restart': (ctx) => ctx.desktop?.restartToUpdate() ?? { restarting: false },
};
