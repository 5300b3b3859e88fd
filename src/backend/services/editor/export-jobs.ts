/**
 * Editor exports: the composition exporter (exportTimeline) run in the background with
 * `export/progress` events (percent, ETA) and `export/finished`; cancellable. One export at a
 * time (FFmpeg already uses every core). Files land in `<data>/exports/`, named for the project,
 * preset and time; the `exports` table records each attempt.
 */
import { textCacheDir } from './text-rasters';
import { mkdir } from 'node:fs/promises';
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

/** `Summer sale 9x16 1080p 2026-11-21 2041.mp4` (file-system safe, readable). */
export function exportFileName(title: string, aspect: Aspect, resolution: ExportResolution, iso: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what file names must not contain
  const safe = title.replace(/[\\/:*?"<>|\x00-\x1f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80) || 'Zapcut export';
  const stamp = iso.slice(0, 16).replace('T', ' ').replace(':', '');
  return `${safe} ${aspect.replace(':', 'x')} ${resolution === 2160 ? '4K' : `${resolution}p`} ${stamp}.mp4`;
}

export async function startExport(ctx: ServiceContext, input: { projectId: string; timeline: unknown; aspect: Aspect; resolution: ExportResolution; draft?: boolean }): Promise<ExportJob> {
  const project = timelines.projectTitle(ctx.db, input.projectId);
  if (!project) throw new AppError('NOT_FOUND', 'That project no longer exists.');
  const jobs = ctx.state.exports;
  if (jobs.running) throw new AppError('CONFLICT', 'An export is already running. Wait for it to finish or cancel it first.');
  const doc: Timeline = parseTimeline(input.timeline);
  compile(doc, { preset: input.aspect, shortSide: input.resolution }); // refuse an invalid timeline now, not in the background
  const dir = path.join(ctx.dataDir, 'exports');
  await mkdir(dir, { recursive: true });
  const out = path.join(dir, exportFileName(project.title, input.aspect, input.resolution, ctx.now()));
  const exportId = ctx.newId();
  timelines.insertEditorExport(ctx.db, { id: exportId, projectId: input.projectId, timelineId: timelines.currentTimelineId(ctx.db, input.projectId) ?? null, preset: `${input.aspect}@${input.resolution}`, now: ctx.now() });
  const controller = new AbortController();
  // An editor export of a variant carries its variant id too (issue 23).
  const variantId = variantIdOfProject(ctx.db, input.projectId);
  let lastEmit = 0;
  const finish = (status: 'done' | 'failed' | 'cancelled', extra: { path: string | null; error: { code: string; message: string } | null; durationMs?: number }) => {
    timelines.finishEditorExport(ctx.db, exportId, { status, errorMessage: extra.error?.message ?? null, durationMs: extra.durationMs ?? null, now: ctx.now() });
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
      finish('done', { path: result.out, error: null, durationMs: Math.round(result.durationS * 1000) });
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
