/**
 * Wires the pipeline (src/pipeline) to the app's database and media store: the run store, the
 * provider families (offline; the proxy when signed in — see provider-choice.ts), the exporter and the
 * recorder that writes bibles, storyboards, violations, timelines and exports against the ad
 * project a run belongs to.
 */
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { sqliteRunStore } from '../../storage/repos/runs';
import { insertBible, insertExport, insertTimeline, insertViolations, latestBible } from '../../storage/repos/generation';
import { resolveBinaries } from '../../../pipeline/ffmpeg/binaries';
import { cachedFamilies, pipelineExporter } from '../../../pipeline/services';
import { offlineFamily } from '../../../pipeline/providers/offline';
import type { PipelineServices } from '../../../pipeline/generate';
import type { GenerationRecorder } from '../../../pipeline/stages/env';
import type { RunRecord } from '../../../pipeline/engine/store';
import type { ServiceContext } from '../context';
import { appProxyFamily } from '../account/service';

/**
 * Render scale for new runs (1 = the preset's full size). Tests and drafts set
 * ZAPCUT_RENDER_SCALE (e.g. 0.25) to keep runs fast on small machines.
 */
export function renderScale(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env.ZAPCUT_RENDER_SCALE ?? '1');
  return Number.isFinite(v) && v > 0.05 && v <= 1 ? v : 1;
}

export function createPipelineServices(ctx: ServiceContext): PipelineServices {
  const bins = resolveBinaries();
  const recorder = (run: RunRecord): GenerationRecorder => {
    const projectId = run.projectId;
    const brandId = projectId ? ((ctx.db.prepare('SELECT brand_id FROM ad_projects WHERE id = ?').get(projectId) as { brand_id: string | null } | undefined)?.brand_id ?? null) : null;
    return {
      bibleForBrand: () => (brandId ? latestBible(ctx.db, brandId)?.bible : undefined),
      saveBible: (bible, source) => {
        if (brandId) insertBible(ctx.db, brandId, bible, source);
      },
      // The storyboard the user approved is already stored (storyboard/update); nothing to add.
      saveStoryboard: () => undefined,
      recordViolations: (v) => insertViolations(ctx.db, projectId, run.id, v),
      saveTimeline: (tl) => (projectId ? insertTimeline(ctx.db, projectId, tl) : ''),
      saveExport: (e) => {
        if (!projectId) return;
        insertExport(ctx.db, { projectId, timelineId: e.timelineId || null, preset: e.preset, sha256: e.sha256, thumbnailSha256: e.thumbnailSha256, durationMs: e.durationMs });
      },
    };
  };
  return {
    store: sqliteRunStore(ctx.db),
    media: ctx.media,
    ffmpegPath: bins.ffmpegPath,
    ffprobePath: bins.ffprobePath,
    workRoot: path.join(ctx.dataDir, 'runs'),
    family: cachedFamilies((name) => {
      if (name === 'proxy') return appProxyFamily(ctx, sqliteRunStore(ctx.db), bins.ffmpegPath);
      if (name !== 'offline') throw new AppError('OFFLINE', `The "${name}" provider is not available in this build. New ads use the offline provider.`);
      return offlineFamily({ ffmpegPath: bins.ffmpegPath });
    }),
    exportTimeline: pipelineExporter(bins),
    recorder,
  };
}
