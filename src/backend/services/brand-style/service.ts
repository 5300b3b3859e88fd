/**
 * Brand style that learns (issue 9). After a brand's first ad finishes, a style training starts
 * in the background; its state lives in `lora_models`, so a quit or crash loses nothing — on the
 * next start every row still 'training' resumes (re-polling the recorded job). One training per
 * brand at a time (service check + unique index). When it is ready the user sees the preview
 * pair and says yes or no; later ads of the brand carry an approved style in their run input.
 */
import path from 'node:path';
import { AppError, toErrorShape } from '../../../shared/errors';
import type { BrandStyleView } from '../../../shared/domain/brand-style';
import type { ProviderFamily } from '../../../pipeline/providers/types';
import type { TrainedStyle } from '../../../pipeline/style/trained-style';
import * as brands from '../../storage/repos';
import { projectBrandId } from '../../storage/repos/generation';
import type { ServiceContext } from '../context';
import * as repo from '../../storage/repos/brand-styles';
import { runTraining } from './training-job';

/** The trainings this backend runs (ctx.state.brandStyles). */
export interface BrandStylesState {
  live: Map<string, { abort: AbortController; done: Promise<void> }>;
  /** Rows the user is cancelling: their job's own end (e.g. "was cancelled") is not the outcome. */
  cancelling: Set<string>;
  stopped: boolean;
}

export function createBrandStylesState(): BrandStylesState {
  return { live: new Map(), cancelling: new Set(), stopped: false };
}

/** Stored as the row's error when the user cancels (the view reports it as `cancelled`). */
export const CANCELLED_MESSAGE = 'You cancelled learning this brand\'s style. Retry to learn it again.';

function runtime(ctx: ServiceContext): BrandStylesState {
  return ctx.state.brandStyles;
}

/** A training runs on the family its ad was made with (the backend's pipeline knows them all). */
function familyFor(ctx: ServiceContext, name: string): ProviderFamily {
  return ctx.pipeline.family(name);
}

function paletteOf(ctx: ServiceContext, brandId: string): string[] {
  return brands.getBrand(ctx.db, brandId)?.colors ?? [];
}

function changed(ctx: ServiceContext, brandId: string, trainingEnded = false): void {
  const status = repo.latestStyle(ctx.db, brandId)?.status ?? 'none';
  ctx.emit('brand/styleChanged', { brandId, status, justReady: trainingEnded && status === 'ready' });
  ctx.emit('brand/changed', { id: brandId });
}

function launch(ctx: ServiceContext, row: repo.StyleRow): void {
  const rt = runtime(ctx);
  if (rt.stopped || rt.live.has(row.id)) return;
  const abort = new AbortController();
  const done = (async () => {
    try {
      await runTraining(
        { db: ctx.db, services: ctx.pipeline, family: familyFor(ctx, row.provider), workRoot: path.join(ctx.dataDir, 'brand-style'), palette: paletteOf(ctx, row.brandId), now: ctx.now, signal: abort.signal },
        row.id,
      );
    } catch (err) {
      // A quit mid-training leaves the row 'training': the next start resumes it.
      if (rt.stopped) return;
      const e = toErrorShape(err);
      try {
        // Cancelled by the user: cancelStyle records that; keep its message.
        if (!rt.cancelling.has(row.id) && repo.getStyle(ctx.db, row.id)?.status === 'training') repo.updateStyle(ctx.db, row.id, { status: 'failed', error: e.message }, ctx.now());
      } catch (inner) {
        console.error('zapcut: could not record the style training outcome:', inner);
      }
    } finally {
      rt.live.delete(row.id);
    }
    if (!rt.stopped) changed(ctx, row.brandId, true);
  })();
  rt.live.set(row.id, { abort, done });
}

/** Starts a training for the brand from a finished run. CONFLICT while one is already training. */
export function startStyleTraining(ctx: ServiceContext, brandId: string, opts: { sourceRunId: string; provider: string }): repo.StyleRow {
  const id = ctx.newId();
  if (!repo.insertTraining(ctx.db, { id, brandId, provider: opts.provider, sourceRunId: opts.sourceRunId }, ctx.now())) {
    throw new AppError('CONFLICT', 'This brand\'s style is already being learned. Wait for it to finish.');
  }
  const row = repo.getStyle(ctx.db, id)!;
  launch(ctx, row);
  changed(ctx, brandId);
  return row;
}

/**
 * Hook for the end of a successful ad run (app and CLI alike): the brand's first finished ad
 * starts its style training (later ads do not retrain automatically). Says whether it started;
 * never throws into the caller.
 */
export function onAdFinished(ctx: ServiceContext, projectId: string, runId: string): boolean {
  try {
    const brandId = projectBrandId(ctx.db, projectId);
    if (!brandId || repo.hasAnyStyle(ctx.db, brandId)) return false;
    const run = ctx.pipeline.store.getRun(runId);
    if (!run || !familyFor(ctx, run.provider).training) return false;
    startStyleTraining(ctx, brandId, { sourceRunId: runId, provider: run.provider });
    return true;
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'CONFLICT')) console.error('zapcut: could not start the brand style training:', err);
    return false;
  }
}

/** The style a new run of the brand should carry (approved and ready), if any. */
export function approvedStyleFor(ctx: ServiceContext, brandId: string | null): TrainedStyle | undefined {
  return brandId ? repo.approvedStyle(ctx.db, brandId) : undefined;
}

export function styleView(ctx: ServiceContext, brandId: string): BrandStyleView {
  if (!brands.getBrand(ctx.db, brandId)) throw new AppError('NOT_FOUND', 'That brand no longer exists. Go back to the brand list.');
  const row = repo.latestStyle(ctx.db, brandId);
  if (!row) return { brandId, status: 'none', provider: null, approved: null, error: null, cancelled: false, trainingImages: 0, trainedOn: { productImages: 0, adFrames: 0 }, preview: null, startedAt: null, updatedAt: null };
  const s = row.preview.standard?.sha256;
  const c = row.preview.custom?.sha256;
  return {
    brandId,
    status: row.status,
    provider: row.provider,
    approved: row.approved,
    error: row.status === 'failed' ? row.error : null,
    cancelled: row.status === 'failed' && row.error === CANCELLED_MESSAGE,
    trainingImages: row.trainingSet.items.length,
    trainedOn: { productImages: row.trainingSet.items.filter((i) => i.source === 'product').length, adFrames: row.trainingSet.items.filter((i) => i.source === 'frame').length },
    preview: row.status === 'ready' && s && c ? { standardUrl: `${ctx.mediaBaseUrl}${s}`, customUrl: `${ctx.mediaBaseUrl}${c}`, standardSha256: s, customSha256: c } : null,
    startedAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Yes/no to using the ready style for future ads (changeable later). */
export function approveStyle(ctx: ServiceContext, brandId: string, approved: boolean): BrandStyleView {
  const row = repo.latestStyle(ctx.db, brandId);
  if (!row || row.status !== 'ready') throw new AppError('CONFLICT', 'This brand has no finished style to approve yet. It is learned after the brand\'s first ad.');
  repo.updateStyle(ctx.db, row.id, { approved }, ctx.now());
  changed(ctx, brandId);
  return styleView(ctx, brandId);
}

/** A failed training starts again, keeping the picked training images (a new paid job). */
export function retryStyle(ctx: ServiceContext, brandId: string): BrandStyleView {
  const row = repo.latestStyle(ctx.db, brandId);
  if (!row || row.status !== 'failed') throw new AppError('CONFLICT', row?.status === 'training' ? 'This brand\'s style is already being learned.' : 'Only a failed style training can be retried.');
  const id = ctx.newId();
  if (!repo.insertTraining(ctx.db, { id, brandId, provider: row.provider, sourceRunId: row.trainingSet.sourceRunId }, ctx.now())) {
    throw new AppError('CONFLICT', 'This brand\'s style is already being learned.');
  }
  if (row.trainingSet.items.length) repo.updateStyle(ctx.db, id, { trainingSet: row.trainingSet }, ctx.now());
  launch(ctx, repo.getStyle(ctx.db, id)!);
  changed(ctx, brandId);
  return styleView(ctx, brandId);
}

/**
 * Stops the brand's running training: at the provider first (a proxy training is cancelled there,
 * which frees the brand and stops the work), then here (the local job is aborted). If the provider
 * cannot be told, nothing changes and the error says so. The row ends 'failed' with a message
 * that says it was cancelled, so Retry starts a new training on the same images.
 */
export async function cancelStyle(ctx: ServiceContext, brandId: string): Promise<BrandStyleView> {
  const row = repo.latestStyle(ctx.db, brandId);
  if (!row || row.status !== 'training') throw new AppError('CONFLICT', 'This brand\'s style is not being learned right now, so there is nothing to cancel.');
  const training = familyFor(ctx, row.provider).training;
  const rt = runtime(ctx);
  rt.cancelling.add(row.id);
  let finished = false;
  try {
    if (row.trainingId && training?.cancel) {
      try {
        finished = (await training.cancel(row.trainingId))?.finished === true;
      } catch (err) {
        const e = toErrorShape(err);
        // Already gone at the provider (another account, expired): nothing left to stop there.
        if (e.code !== 'NOT_FOUND') throw new AppError(e.code, `Could not cancel the training: ${e.message}`, { cause: err, retryable: true });
      }
    }
    if (finished) {
      // It finished before the cancel arrived: keep the trained style (the user still approves it or
      // not). The waiting job is restarted so it collects the result now instead of at its next poll.
      const live = rt.live.get(row.id);
      live?.abort.abort();
      await live?.done;
      rt.cancelling.delete(row.id);
      const fresh = repo.getStyle(ctx.db, row.id);
      if (fresh?.status === 'training') launch(ctx, fresh);
      return styleView(ctx, brandId);
    }
    repo.updateStyle(ctx.db, row.id, { status: 'failed', error: CANCELLED_MESSAGE }, ctx.now());
    const live = rt.live.get(row.id);
    if (live) {
      live.abort.abort();
      await live.done;
      // A submit that was already on its way when we aborted may have started a job after all.
      const late = repo.getStyle(ctx.db, row.id)?.trainingId;
      if (late && late !== row.trainingId) await training?.cancel?.(late).catch(() => undefined);
    } else {
      changed(ctx, brandId);
    }
  } finally {
    rt.cancelling.delete(row.id);
  }
  return styleView(ctx, brandId);
}

/** Called once by createBackend: trainings a quit or crash interrupted continue. */
export function startBrandStyles(ctx: ServiceContext): void {
  for (const row of repo.trainingRows(ctx.db)) launch(ctx, row);
}

/** Called by backend.close(): stops trainings without recording an outcome (they resume next start). */
export function stopBrandStyles(ctx: ServiceContext): void {
  const rt = runtime(ctx);
  rt.stopped = true;
  for (const l of rt.live.values()) l.abort.abort();
}

/** Resolves when no training of this backend is running (tests, CLI `--wait`). */
export async function styleTrainingsSettled(ctx: ServiceContext): Promise<void> {
  const rt = runtime(ctx);
  while (rt.live.size) await Promise.all([...rt.live.values()].map((l) => l.done));
}
