/**
 * The one wiring of the pipeline (src/pipeline) to a backend: its run store, media store, the
 * FFmpeg the user chose in Settings, the provider families (offline; the proxy through this
 * backend's account; any a test or bench adds) and the recorder that writes bibles, storyboards,
 * violations, timelines and exports against the ad project a run belongs to. createBackend builds
 * it once; the app's runs, the chat's draft, brand style, the CLI, the harness and the tests all
 * use that one (`backend.pipeline`).
 */
import path from 'node:path';
import { AppError } from '../shared/errors';
import { runInputOf, type PipelineServices } from '../pipeline/generate';
import type { RetryPolicy } from '../pipeline/engine/retry';
import type { RunRecord, RunStore } from '../pipeline/engine/store';
import { offlineFamily } from '../pipeline/providers/offline';
import type { ProviderFamily } from '../pipeline/providers/types';
import { pipelineExporter } from '../pipeline/services';
import type { GenerationRecorder } from '../pipeline/stages/env';
import { sqliteRunStore } from './storage/repos/runs';
import * as generation from './storage/repos/generation';
import * as timelines from './storage/repos/timelines';
import { appProxyFamily } from './services/account/service';
import type { ServiceContext } from './services/context';
import { chosenSceneConcurrency } from './services/settings';

export interface PipelineOptions {
  /** Provider families besides offline and proxy, by name (tests: a scripted `fake`), or replacing them. */
  families?: Record<string, ProviderFamily>;
  /** Retry policy for provider calls (tests: fast). */
  retry?: RetryPolicy;
}

/**
 * Render scale for new runs (1 = the preset's full size). Tests and drafts set
 * ZAPCUT_RENDER_SCALE (e.g. 0.25) to keep runs fast on small machines.
 */
export function renderScale(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env.ZAPCUT_RENDER_SCALE ?? '1');
  return Number.isFinite(v) && v > 0.05 && v <= 1 ? v : 1;
}

/** What a run records besides its memo, against the run's ad project (nothing for a run without one). */
function recorder(ctx: ServiceContext, store: RunStore, run: RunRecord): GenerationRecorder {
  const projectId = run.projectId;
  const brandId = projectId ? generation.projectBrandId(ctx.db, projectId) : null;
  return {
    bibleForBrand: () => (brandId ? generation.latestBible(ctx.db, brandId)?.bible : undefined),
    saveBible: (bible, source) => {
      if (brandId) generation.insertBible(ctx.db, brandId, bible, source);
    },
    // The storyboard the run used, with its safety verdict: the project's current version when it
    // is the same storyboard (the one the user approved), else a new version (a brief's first run).
    saveStoryboard: (storyboard, safety) => {
      if (projectId) generation.recordStoryboard(ctx.db, projectId, storyboard, safety);
    },
    recordViolations: (v) => generation.insertViolations(ctx.db, projectId, run.id, v),
    saveTimeline: (tl) => (projectId ? generation.insertTimeline(ctx.db, projectId, tl) : ''),
    // The ad as the creator left it (its current timeline, read when this run's timeline is made,
    // so edits made while it ran count too) and the timeline the earlier run made.
    keptEdits: () => {
      const from = runInputOf(run).keepEditsFrom;
      if (!projectId || !from) return null;
      const current = timelines.currentTimelineId(ctx.db, projectId);
      const edited = current ? timelines.timelineJson(ctx.db, current) : undefined;
      const original = (store.getSteps(from).find((s) => s.stepId === 'timeline' && s.status === 'done')?.output as { timeline?: unknown } | undefined)?.timeline;
      return edited && original ? { edited: JSON.parse(edited) as unknown, original } : null;
    },
    saveExport: (e) => {
      if (!projectId) return;
      generation.insertExport(ctx.db, { projectId, timelineId: e.timelineId || null, preset: e.preset, sha256: e.sha256, thumbnailSha256: e.thumbnailSha256, durationMs: e.durationMs });
    },
  };
}

export function createPipelineServices(ctx: ServiceContext, opts: PipelineOptions = {}): PipelineServices {
  const store = sqliteRunStore(ctx.db);
  // A family holds clients and caches: built once per name and FFmpeg (a new FFmpeg in Settings
  // gets new families; runs already going keep theirs).
  const families = new Map<string, ProviderFamily>();
  const family = (name: string): ProviderFamily => {
    const extra = opts.families?.[name];
    if (extra) return extra;
    const { ffmpegPath } = ctx.binaries();
    const key = `${name}\0${ffmpegPath}`;
    let f = families.get(key);
    if (!f) {
      if (name === 'offline') f = offlineFamily({ ffmpegPath });
      else if (name === 'proxy') f = appProxyFamily(ctx, store, ffmpegPath);
      else throw new AppError('VALIDATION', `Unknown provider "${name}". Use offline or proxy.`);
      families.set(key, f);
    }
    return f;
  };
  return {
    store,
    media: ctx.media,
    get ffmpegPath() {
      return ctx.binaries().ffmpegPath;
    },
    get ffprobePath() {
      return ctx.binaries().ffprobePath;
    },
    workRoot: path.join(ctx.dataDir, 'runs'),
    family,
    exportTimeline: pipelineExporter(() => ctx.binaries()),
    recorder: (run) => recorder(ctx, store, run),
    retry: opts.retry,
    sceneConcurrency: () => chosenSceneConcurrency(ctx),
  };
}
