/**
 * Exports (the one export dialog of the editor and the Ads page, issue 19 #12): the composition
 * exporter (exportTimeline) run in the background with `export/progress` events (percent, ETA)
 * and `export/finished`; cancellable. One export at a time (FFmpeg already uses every core).
 * Files land in the folder the user chose (default: the OS Videos folder in the desktop app,
 * `<data>/exports/` in the harness and CLI), named `<name> <aspect> <resolution>.mp4`, never over
 * an existing file; the `exports` table records each attempt and where a finished one was written,
 * so an exported file may be revealed, checked and posted, also after a restart.
 */
import { textCacheDir } from './text-rasters';
import { mkdir, realpath, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { exportFileName, safeFileName } from '../../../shared/export-names';
import path from 'node:path';
import { AppError, toErrorShape } from '../../../shared/errors';
import { compile, parseTimeline, type Timeline } from '../../../shared/timeline';
import type { ExportJob, ExportResolution } from '../../../shared/domain/editor';
import { exportTimeline } from '../../../pipeline/compose';
import type { ServiceContext } from '../context';
import { resolveEntry } from './media';
import type { Aspect } from '../../../shared/domain/aspect';
import * as timelines from '../../storage/repos/timelines';
import { variantIdOfProject } from '../../storage/repos/variants';
import { VARIANT_TAG } from '../../../shared/variants';

interface Running {
  exportId: string;
  controller: AbortController;
  done: Promise<void>;
}

/** The export this backend is running, if any (ctx.state.exports): one at a time. */
export interface ExportJobsState {
  running?: Running;
}

export function createExportJobsState(): ExportJobsState {
  return {};
}

/** `file.mp4`, else `file 2.mp4`, `file 3.mp4`…: an export never replaces a file. */
export function freePath(dir: string, file: string, taken: (p: string) => boolean = existsSync): string {
  const ext = path.extname(file);
  const base = file.slice(0, file.length - ext.length);
  for (let n = 1; ; n++) {
    const p = path.join(dir, n === 1 ? file : `${base} ${n}${ext}`);
    if (!taken(p)) return p;
  }
}

/** The OS Videos folder in the desktop app; `<data>/exports` where there is no desktop (harness, CLI). */
export function defaultExportFolder(ctx: ServiceContext): string {
  return ctx.desktop?.videosFolder?.() ?? path.join(ctx.dataDir, 'exports');
}

/** The dialog's defaults: the default folder and the project's title as the file name. */
export function exportDefaults(ctx: ServiceContext, projectId: string): { folder: string; name: string } {
  const project = timelines.projectTitle(ctx.db, projectId);
  if (!project) throw new AppError('NOT_FOUND', 'That project no longer exists.');
  return { folder: defaultExportFolder(ctx), name: safeFileName(project.title) };
}

/** The folder the user typed or chose: a full path to an existing folder, else a clear error. */
async function exportFolder(ctx: ServiceContext, folder: string | undefined): Promise<string> {
  if (folder === undefined) {
    const dir = defaultExportFolder(ctx);
    await mkdir(dir, { recursive: true });
    return dir;
  }
  if (!path.isAbsolute(folder)) throw new AppError('VALIDATION', `Type the folder's full path (for example ${path.join(ctx.dataDir, 'exports')}).`);
  const dir = path.resolve(folder);
  // The default folder is made on first use (Zapcut's exports folder; a Videos folder a new account lacks).
  if (dir === path.resolve(defaultExportFolder(ctx))) await mkdir(dir, { recursive: true });
  const st = await stat(dir).catch(() => null);
  if (!st?.isDirectory()) throw new AppError('VALIDATION', `The folder ${dir} does not exist. Create it or choose another one.`);
  return dir;
}

/** The document to export: the one given (the editor's), else the project's current saved timeline (the Ads page). */
function exportDocument(ctx: ServiceContext, projectId: string, given: unknown): Timeline {
  if (given !== undefined) return parseTimeline(given);
  const id = timelines.currentTimelineId(ctx.db, projectId);
  const json = id ? timelines.timelineJson(ctx.db, id) : undefined;
  if (json === undefined) throw new AppError('NOT_FOUND', 'This ad has no timeline yet: make the ad first.');
  return parseTimeline(JSON.parse(json));
}

export interface ExportInput {
  projectId: string;
  timeline?: unknown;
  aspect: Aspect;
  resolution: ExportResolution;
  draft?: boolean;
  folder?: string;
  name?: string;
}

export async function startExport(ctx: ServiceContext, input: ExportInput): Promise<ExportJob> {
  const project = timelines.projectTitle(ctx.db, input.projectId);
  if (!project) throw new AppError('NOT_FOUND', 'That project no longer exists.');
  const jobs = ctx.state.exports;
  if (jobs.running) throw new AppError('CONFLICT', 'An export is already running. Wait for it to finish or cancel it first.');
  const doc: Timeline = exportDocument(ctx, input.projectId, input.timeline);
  compile(doc, { preset: input.aspect, shortSide: input.resolution }); // refuse an invalid timeline now, not in the background
  const dir = await exportFolder(ctx, input.folder);
  const out = freePath(dir, exportFileName(input.name ?? project.title, input.aspect, input.resolution));
  const exportId = ctx.newId();
  timelines.insertEditorExport(ctx.db, { id: exportId, projectId: input.projectId, timelineId: timelines.currentTimelineId(ctx.db, input.projectId) ?? null, preset: `${input.aspect}@${input.resolution}`, now: ctx.now() });
  const controller = new AbortController();
  // An editor export of a variant carries its variant id too (issue 23).
  const variantId = variantIdOfProject(ctx.db, input.projectId);
  let lastEmit = 0;
  const finish = (status: 'done' | 'failed' | 'cancelled', extra: { path: string | null; error: { code: string; message: string } | null; durationMs?: number }) => {
    timelines.finishEditorExport(ctx.db, exportId, { status, errorMessage: extra.error?.message ?? null, durationMs: extra.durationMs ?? null, now: ctx.now(), path: extra.path });
    ctx.emit('export/finished', { exportId, projectId: input.projectId, status, path: extra.path, url: null, error: extra.error });
  };
  const done = (async () => {
    try {
      const result = await exportTimeline(doc, {
        out,
        metadata: variantId ? { [VARIANT_TAG]: variantId } : undefined,
        preset: input.aspect,
        shortSide: input.resolution,
        draft: input.draft,
        signal: controller.signal,
        ffmpegPath: ctx.binaries().ffmpegPath,
        ffprobePath: ctx.binaries().ffprobePath,
        thumbnail: false,
        textCacheDir: textCacheDir(ctx.dataDir),
        resolveMedia: async (id, entry) => {
          const found = await resolveEntry(ctx, entry);
          if (!found) throw new AppError('NOT_FOUND', `the file for "${entry.name ?? id}" is missing. Relink it in the editor (offline clips are marked).`);
          return found.path;
        },
        onProgress: (p) => {
          const now = Date.now();
          // At most ~8 events a second: enough for a smooth bar, cheap over IPC.
          if (now - lastEmit < 120 && p.stage === 'encoding') return;
          lastEmit = now;
          ctx.emit('export/progress', { exportId, projectId: input.projectId, stage: p.stage, percent: Math.round(p.percent * 10) / 10, etaS: p.etaS === null ? null : Math.round(p.etaS) });
        },
      });
      finish('done', { path: await realpath(result.out).catch(() => result.out), error: null, durationMs: Math.round(result.durationS * 1000) });
    } catch (err) {
      const shape = toErrorShape(err);
      finish(shape.code === 'CANCELLED' || controller.signal.aborted ? 'cancelled' : 'failed', { path: null, error: { code: shape.code, message: shape.message } });
    } finally {
      jobs.running = undefined;
    }
  })();
  jobs.running = { exportId, controller, done };
  return { exportId, projectId: input.projectId };
}

export function cancelExport(ctx: ServiceContext, exportId: string): { cancelled: boolean } {
  const job = ctx.state.exports.running;
  if (!job || job.exportId !== exportId) return { cancelled: false };
  job.controller.abort();
  return { cancelled: true };
}

/** For tests and shutdown: waits until the running export (if any) has settled. */
export async function settleExports(ctx: ServiceContext): Promise<void> {
  await ctx.state.exports.running?.done;
}
