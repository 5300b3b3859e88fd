/**
 * The desktop-only things the renderer can ask for (Settings › "Open logs folder", update status /
 * "Check for updates" / "Restart to update", logging its own errors), as one object main builds
 * from Electron's `shell` and the updater. Services reach it through the service context, so the
 * contract harness and CLI (no Electron) simply have none.
 *
 * Wiring (src/main/index.ts): see the issue-10 report; in short
 *   const desktop = createDesktopHooks({ shell, logsDir, logger, updates: () => updates });
 *   createBackend({ …, desktop });   // handlers call ctx.desktop
 */
import { mkdirSync } from 'node:fs';
import { AppError } from '../../shared/errors';
import type { DesktopHooks, SaveDialogOptions } from '../../backend/services/desktop';
import type { Logger } from '../../backend/logging/logger';
import type { UpdaterHandle } from './updater';

export type { DesktopHooks };

export interface DesktopHookDeps {
  /** Electron's `shell` (openPath resolves '' on success, an error message otherwise). */
  shell: { openPath(path: string): Promise<string>; showItemInFolder(path: string): void; openExternal?(url: string): Promise<void> };
  /** Electron's `dialog` (for "Save as…"); absent in tests that do not need it. */
  dialog?: { showSaveDialog(opts: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }> };
  logsDir: string;
  /** The OS Videos folder (Electron's app.getPath('videos')): the export dialog's default folder. */
  videosFolder?: () => string;
  logger: Logger;
  /** The updater once installed (it starts after the window), else null. */
  updates: () => UpdaterHandle | null;
  /** Renderer reports logged per minute; more are counted and summarised (a render loop can throw 60×/s). */
  rendererReportsPerMinute?: number;
  clock?: () => number;
}

export function createDesktopHooks(deps: DesktopHookDeps): DesktopHooks {
  const log = deps.logger.child('renderer');
  const clock = deps.clock ?? Date.now;
  const perMinute = deps.rendererReportsPerMinute ?? 30;
  let windowStart = clock();
  let inWindow = 0;
  let dropped = 0;

  return {
    async openLogsFolder() {
      mkdirSync(deps.logsDir, { recursive: true });
      const failure = await deps.shell.openPath(deps.logsDir);
      if (failure) throw new AppError('IO', `Could not open the logs folder (${deps.logsDir}): ${failure}. Open that folder from your file manager.`);
      return { opened: true, path: deps.logsDir };
    },
    logRendererError(report) {
      const now = clock();
      if (now - windowStart >= 60_000) {
        if (dropped) log.warn(`${dropped} more renderer error report(s) were not logged (rate limit)`);
        windowStart = now;
        inWindow = 0;
        dropped = 0;
      }
      if (inWindow >= perMinute) {
        dropped += 1;
        return { logged: false };
      }
      inWindow += 1;
      log.error(`${report.kind}: ${report.message}`, { stack: report.stack, componentStack: report.componentStack });
      return { logged: true };
    },
    updateStatus: () => deps.updates()?.status() ?? null,
    checkForUpdates: async () => (await deps.updates()?.checkNow()) ?? null,
    restartToUpdate: () => ({ restarting: deps.updates()?.restartToUpdate() ?? false }),
    // The handler (services/desktop.ts) has already checked the path is inside the exports folder.
    showItemInFolder: (path) => deps.shell.showItemInFolder(path),
    ...(deps.videosFolder ? { videosFolder: deps.videosFolder } : {}),
    async showSaveDialog(opts) {
      if (!deps.dialog) throw new AppError('UNSUPPORTED', 'This build cannot show a save dialog; type the full path instead.');
      const r = await deps.dialog.showSaveDialog({ ...(opts.defaultPath ? { defaultPath: opts.defaultPath } : {}), ...(opts.filters ? { filters: opts.filters } : {}) });
      return r.canceled || !r.filePath ? null : r.filePath;
    },
    // Social sign-ins open the network's authorize page in the user's own browser (RFC 8252: never
    // an embedded web view). Only https, or http to this machine (the dev stack's fakes).
    async openExternal(url) {
      const u = new URL(url);
      if (!(u.protocol === 'https:' || (u.protocol === 'http:' && ['127.0.0.1', 'localhost'].includes(u.hostname)))) throw new AppError('VALIDATION', `Refusing to open ${u.protocol}// links.`);
      if (!deps.shell.openExternal) throw new AppError('UNSUPPORTED', 'This build cannot open the browser; open the link shown instead.');
      await deps.shell.openExternal(url);
    },
  };
}
