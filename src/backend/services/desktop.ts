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
import { isExportedPath } from '../storage/repos/timelines';

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
  /** The OS Videos folder (Electron's app.getPath('videos')): where exports go unless the user picks another folder. */
  videosFolder?(): string;
  /** Opens an https URL in the system browser (Electron's shell.openExternal): social sign-ins (issue 24). */
  openExternal?(url: string): Promise<void>;
}

export interface SaveDialogOptions {
  defaultPath?: string;
  filters?: { name: string; extensions: string[] }[];
}

type DesktopChannel = 'app/chooseSavePath' | 'app/openLogsFolder' | 'app/reportError' | 'update/status' | 'update/check' | 'update/restart' | 'export/reveal';

/**
 * The real path of `candidate` when it is a file inside `<dataDir>/exports` or one Zapcut exported
 * elsewhere (`isOurs`: a finished export's recorded path, so it holds after a restart), else an
 * AppError. Both sides go through realpath so `..`, symlinks out of the folder and `exports-evil/`
 * siblings are refused: the renderer may only reveal what Zapcut itself exported.
 */
export async function resolveExportPath(dataDir: string, candidate: string, isOurs: (realPath: string) => boolean = () => false): Promise<string> {
  const outside = () => new AppError('VALIDATION', 'Only files Zapcut exported can be shown. Open their folder from your file manager.');
  if (!path.isAbsolute(candidate)) throw outside();
  const root = await realpath(path.join(dataDir, 'exports')).catch(() => null);
  let real: string;
  try {
    real = await realpath(candidate);
  } catch {
    // No exports folder and no such file: nothing of ours to name.
    if (root === null) throw outside();
    throw new AppError('NOT_FOUND', 'That exported file is no longer there. It may have been moved or deleted; export again to get a new file.');
  }
  const rel = root === null ? '' : path.relative(root, real);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) {
    if (isOurs(real)) return real;
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
    const real = await resolveExportPath(ctx.dataDir, file, (p) => isExportedPath(ctx.db, p));
    ctx.desktop.showItemInFolder(real);
    return { revealed: true as const };
  },
};
