/**
 * Desktop-shell channels (issue 10). They delegate to the hooks Electron's main process passes to
 * createBackend; the harness and CLI have no desktop, so these answer "nothing to do" (or, for
 * opening a folder the user asked for, a clear UNSUPPORTED-style error).
 */
import { realpath } from 'node:fs/promises';
import path from 'node:path';
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
  /** Shows the file selected in the OS file manager (Electron's shell.showItemInFolder). */
  showItemInFolder(path: string): void;
  /** The OS "Save as…" dialog (Electron's dialog.showSaveDialog); null when the user cancels. */
  showSaveDialog(opts: SaveDialogOptions): Promise<string | null>;
  /** Opens an https URL in the system browser (Electron's shell.openExternal): social sign-ins (issue 24). */
  openExternal?(url: string): Promise<void>;
}

export interface SaveDialogOptions {
  defaultPath?: string;
  filters?: { name: string; extensions: string[] }[];
}

type DesktopChannel = 'app/chooseSavePath' | 'app/openLogsFolder' | 'app/reportError' | 'update/status' | 'update/check' | 'update/restart' | 'export/reveal';

/**
 * The real path of `candidate` when it is a file inside `<dataDir>/exports` or one this backend
 * exported elsewhere (`exported`: the folder the user chose), else an AppError. Both sides go
 * through realpath so `..`, symlinks out of the folder and `exports-evil/` siblings are refused:
 * the renderer may only reveal what Zapcut itself exported.
 */
export async function resolveExportPath(dataDir: string, candidate: string, exported: ReadonlySet<string> = new Set()): Promise<string> {
  const outside = () => new AppError('VALIDATION', 'Only files in Zapcut\'s exports folder can be shown. Open the exports folder in the data folder from your file manager.');
  if (!path.isAbsolute(candidate)) throw outside();
  // No exports folder yet: nothing can be inside it (a file exported elsewhere may still be ours).
  const root = await realpath(path.join(dataDir, 'exports')).catch(() => null);
  if (root === null && exported.size === 0) throw outside();
  let real: string;
  try {
    real = await realpath(candidate);
  } catch {
    throw new AppError('NOT_FOUND', 'That exported file is no longer there. It may have been moved or deleted; export again to get a new file.');
  }
  const rel = root === null ? '' : path.relative(root, real);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) {
    for (const file of exported) if ((await realpath(file).catch(() => null)) === real) return real;
    throw outside();
  }
  return real;
}

export const desktopHandlers: Pick<Handlers, DesktopChannel> = {
  'app/openLogsFolder': async (ctx) => {
    if (!ctx.desktop) throw new AppError('UNSUPPORTED', 'Opening the logs folder needs the desktop app; the logs are in the "logs" folder of the data folder.');
    return ctx.desktop.openLogsFolder();
  },
  'app/chooseSavePath': async (ctx, opts) => {
    // Outside Electron there is no OS dialog: the UI keeps its typed path field.
    if (!ctx.desktop) throw new AppError('UNSUPPORTED', 'Choosing a file needs the desktop app; type the full path instead.');
    return { path: await ctx.desktop.showSaveDialog(opts) };
  },
  'app/reportError': (ctx, report) => ctx.desktop?.logRendererError(report) ?? { logged: false },
  'update/status': (ctx) => ctx.desktop?.updateStatus() ?? null,
  'update/check': async (ctx) => (ctx.desktop ? ctx.desktop.checkForUpdates() : null),
  'update/restart': (ctx) => ctx.desktop?.restartToUpdate() ?? { restarting: false },
  'export/reveal': async (ctx, { path: file }) => {
    if (!ctx.desktop) throw new AppError('UNSUPPORTED', 'Showing a file in its folder needs the desktop app; exports are in the "exports" folder of the data folder.');
    const real = await resolveExportPath(ctx.dataDir, file, ctx.state.exports.exported);
    ctx.desktop.showItemInFolder(real);
    return { revealed: true as const };
  },
};
