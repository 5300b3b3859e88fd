/**
 * Runs without the chat (the CLI's `generate` and `resume`, benches, tests): a brief from a file
 * becomes a brand (found by name, else created) and an ad project the app lists like any other —
 * stored in the chat's shape, so every project document reads the same — and then a run that
 * ends like the app's (project status, brand style learning, refunds: executeProjectRun).
 */
import type { ResolvedBrief } from '../../../pipeline/brief';
import { createRun, type RunOptions } from '../../../pipeline/generate';
import type { RunRecord } from '../../../pipeline/engine/store';
import type { Resolution } from '../../../pipeline/providers/types';
import { insertBrand } from '../../storage/repos/brands';
import { findBrandIdByName } from '../../storage/repos/generation';
import type { ServiceContext } from '../context';
import { approvedStyleFor } from '../brand-style/service';
import { slotsFromBrief } from './brief';
import * as repo from '../../storage/repos/projects';
import { createSceneRun, executeProjectRun, type RunOutcome } from './runs';
import { AppError } from '../../../shared/errors';

export interface HeadlessRuns {
  /** The brand and ad project for a brief, and a queued run for them (carrying the brand's approved style). */
  create(brief: ResolvedBrief, opts: { provider: string; resolution?: Resolution; out?: string; videoModel?: string; reviewPictures?: boolean }): RunRecord;
  /** Runs (or resumes) it to the end in this process, with the app's follow-ups. */
  execute(runId: string, opts?: RunOptions): Promise<RunOutcome>;
  /**
   * A queued run that makes a finished ad's scenes again — with another provider ("Generate with
   * AI" over the free animatic) or from one scene on — into the ad as the creator edited it (createSceneRun).
   */
  withNewScenes(fromRunId: string, opts: { provider?: string; fromScene?: number }): RunRecord;
}

export function createHeadlessRuns(ctx: ServiceContext): HeadlessRuns {
  return {
    create(brief, opts) {
      const now = ctx.now();
      const brandId =
        findBrandIdByName(ctx.db, brief.brand.name) ??
        insertBrand(ctx.db, { id: ctx.newId(), name: brief.brand.name, description: brief.brand.description, guidelines: brief.brand.guidelines ?? '', colors: brief.brand.colors ?? [], createdAt: now, updatedAt: now }).id;
      const project = repo.insertProject(ctx.db, { id: ctx.newId(), brandId, title: brief.product.name, now });
      repo.updateProject(ctx.db, project.id, { doc: { slots: slotsFromBrief(brief) }, status: 'generating', stage: 'generate_video', lengthSeconds: brief.lengthSeconds, aspect: brief.aspect }, now);
      return createRun(ctx.pipeline, brief, { ...opts, projectId: project.id, brandStyle: approvedStyleFor(ctx, brandId) });
    },
    execute: (runId, opts = {}) => executeProjectRun(ctx, runId, opts),
    withNewScenes(fromRunId, opts) {
      const projectId = ctx.pipeline.store.getRun(fromRunId)?.projectId;
      if (!projectId) throw new AppError('NOT_FOUND', `Run ${fromRunId} has no ad to put new scenes into.`);
      repo.updateProject(ctx.db, projectId, { status: 'generating', stage: 'generate_video' }, ctx.now());
      return createSceneRun(ctx, fromRunId, projectId, opts);
    },
  };
}
