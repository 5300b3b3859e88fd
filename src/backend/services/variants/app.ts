/**
 * Variant sets in the app (issue 23): the same plan/make/pack the CLI uses, behind the contract's
 * `variants/*` channels. A set is made in the background (one at a time per backend: its renders
 * use every core) with `variants/progress` (one percent across writing, voicing and rendering,
 * ETA from the renders so far) and `variants/finished`; cancel keeps the variants already made.
 */
import { AppError, toErrorShape } from '../../../shared/errors';
import { percentOf } from '../../../shared/progress';
import type { Aspect } from '../../../shared/domain/aspect';
import { VariantSpec } from '../../../shared/variants';
import type { PackInput, PackResultView, VariantJobView, VariantQuoteView, VariantSetInput, VariantSetsView } from '../../../shared/domain/variants';
import * as repo from '../../storage/repos/variants';
import { results } from '../projects/views';
import type { ServiceContext } from '../context';
import { makePack } from './pack';
import { makeVariantSet, planVariantSet, type VariantProgress } from './service';

interface Job {
  jobId: string;
  projectId: string;
  controller: AbortController;
  view: VariantJobView;
  done: Promise<void>;
}

/** ctx.state.variants: the set being made (one at a time per backend). */
export interface VariantsState {
  running?: Job;
  /** Packs being written, by set id (Cancel aborts one). */
  packing: Map<string, AbortController>;
}

export function createVariantsState(): VariantsState {
  return { packing: new Map() };
}

/** The set's one percent: writing 0–5, voicing 5–20, rendering 20–100 (by variants made). */
export function setPercent(p: VariantProgress): number {
  const share = percentOf(p.done, p.total) / 100;
  if (p.phase === 'writing') return 2;
  if (p.phase === 'voicing') return Math.round(5 + 15 * share);
  return Math.round(20 + 80 * share);
}

export async function quoteVariants(ctx: ServiceContext, input: VariantSetInput): Promise<VariantQuoteView> {
  const plan = await planVariantSet(ctx, input.projectId, input.spec);
  return { title: plan.source.title, adSeconds: plan.source.lengthSeconds, spec: plan.spec, names: plan.variants.map((v) => v.name), newVoiceLines: plan.newVoiceLines, voiceCents: plan.voiceCents, newMusicBeds: plan.newMusicBeds, musicCents: plan.musicCents, adVoice: plan.source.voice, offline: plan.source.provider === 'offline', writer: plan.writer };
}

export async function startVariants(ctx: ServiceContext, input: VariantSetInput): Promise<{ jobId: string }> {
  const state = ctx.state.variants;
  if (state.running) throw new AppError('CONFLICT', 'A variant set is being made. Wait for it to finish or stop it first.');
  // The plan is made again here (never taken from the renderer): the quote the user saw is what runs.
  const plan = await planVariantSet(ctx, input.projectId, input.spec);
  const jobId = ctx.newId();
  const controller = new AbortController();
  const job: Job = { jobId, projectId: input.projectId, controller, view: { jobId, phase: 'writing', percent: 0, etaS: null }, done: Promise.resolve() };
  state.running = job;
  job.done = (async () => {
    try {
      const result = await makeVariantSet(ctx, plan, {
        signal: controller.signal,
        onProgress: (p) => {
          job.view = { jobId, phase: p.phase, percent: setPercent(p), etaS: p.etaS };
          ctx.emit('variants/progress', { ...job.view, projectId: input.projectId, done: p.done, total: p.total, name: p.name ?? null });
        },
      });
      ctx.emit('variants/finished', { jobId, projectId: input.projectId, status: 'done', setId: result.setId, error: null });
    } catch (err) {
      const error = toErrorShape(err);
      const cancelled = controller.signal.aborted;
      ctx.emit('variants/finished', { jobId, projectId: input.projectId, status: cancelled ? 'cancelled' : 'failed', setId: null, error: cancelled ? null : error });
    } finally {
      if (state.running === job) state.running = undefined;
      ctx.emit('project/changed', { id: input.projectId });
    }
  })();
  return { jobId };
}

export function cancelVariants(ctx: ServiceContext, jobId: string): { cancelled: boolean } {
  const job = ctx.state.variants.running;
  if (!job || job.jobId !== jobId) return { cancelled: false };
  job.controller.abort();
  return { cancelled: true };
}

/** Waits for the set being made (tests; a backend that closes). */
export async function variantsSettled(ctx: ServiceContext): Promise<void> {
  await ctx.state.variants.running?.done;
}

export function listVariantSets(ctx: ServiceContext, projectId: string): VariantSetsView {
  const sets = repo.listSetsOfSource(ctx.db, projectId).map((s) => {
    const spec = VariantSpec.safeParse(s.spec);
    return {
      id: s.id,
      name: s.name,
      createdAt: s.createdAt,
      spec: spec.success ? spec.data : null,
      notes: s.notes,
      variants: repo.listVariants(ctx.db, s.id).map((v) => {
        const r = results(ctx, v.projectId).find((x) => x.aspect === v.aspect);
        return { id: v.id, projectId: v.projectId, name: v.name, hook: v.hook, cta: v.cta, aspect: v.aspect as Aspect, lengthSeconds: repo.projectSource(ctx.db, v.projectId)?.lengthSeconds ?? 0, hookLine: v.hookLine, ctaLine: v.ctaLine, videoUrl: r?.videoUrl ?? null, thumbnailUrl: r?.thumbnailUrl ?? null, durationMs: r?.durationMs ?? null };
      }),
    };
  });
  const job = ctx.state.variants.running;
  const mine = repo.variantOfProject(ctx.db, projectId);
  const variantOf = mine ? { id: mine.id, name: mine.name, sourceProjectId: repo.getVariantSet(ctx.db, mine.setId)?.sourceProjectId ?? null } : null;
  return { sets, job: job && job.projectId === projectId ? job.view : null, variantOf };
}

/** Stops a pack being written (after the file it is on): nothing of it is kept. */
export function cancelPack(ctx: ServiceContext, setId: string): { cancelled: boolean } {
  const controller = ctx.state.variants.packing.get(setId);
  if (!controller) return { cancelled: false };
  controller.abort();
  return { cancelled: true };
}

export async function packVariants(ctx: ServiceContext, input: PackInput): Promise<PackResultView> {
  if (!repo.getVariantSet(ctx.db, input.setId)) throw new AppError('NOT_FOUND', 'That variant set no longer exists.');
  const packing = ctx.state.variants.packing;
  if (packing.has(input.setId)) throw new AppError('CONFLICT', 'A pack of this set is being written. Wait for it or cancel it first.');
  const controller = new AbortController();
  packing.set(input.setId, controller);
  const r = await makePack(ctx, input.setId, input.folder, { placements: input.placements, signal: controller.signal, onProgress: (done, total, file) => ctx.emit('variants/packProgress', { setId: input.setId, done, total, file }) }).finally(() => {
    if (packing.get(input.setId) === controller) packing.delete(input.setId);
  });
  return {
    folder: r.folder,
    manifest: r.manifest,
    rows: r.rows.map((x) => ({ file: x.file, placement: x.placement, hook: x.hook, cta: x.cta, aspect: x.aspect, width: x.width, height: x.height, lengthS: x.lengthS, variantId: x.variantId, sha256: x.sha256 })),
    skipped: r.skipped,
  };
}
