/**
 * From the chat's answers to the pipeline's brief, and the drafting of the creative bible and
 * storyboard for review. Drafting runs the pipeline's own bible and storyboard stages (same
 * prompts, same validation) outside a run, so what the user reviews is exactly what a run would
 * have produced; the approved result is then handed to the run as already-finished steps.
 */
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { ResolvedBrief } from '../../../pipeline/brief';
import type { StepContext } from '../../../pipeline/engine/executor';
import { defaultRetryPolicy } from '../../../pipeline/engine/retry';
import type { PipelineServices } from '../../../pipeline/generate';
import { defaultResolution } from '../../../pipeline/generate';
import { bibleStage, storyboardStage, type BibleOutput, type StoryboardOutput } from '../../../pipeline/stages/creative';
import type { StageEnv } from '../../../pipeline/stages/env';
import { planScenes } from '../../../pipeline/stages/plan';
import * as brands from '../../storage/repos';
import type { ServiceContext } from '../context';
import type { ProjectRow } from './repo';

export async function productImagePaths(ctx: ServiceContext, brandId: string): Promise<string[]> {
  const paths: string[] = [];
  for (const a of brands.listBrandAssets(ctx.db, brandId, 'product')) {
    if (a.kind !== 'image') continue;
    const r = await ctx.media.resolve(a.sha256);
    if (r) paths.push(r.path);
    if (paths.length === 8) break;
  }
  return paths;
}

export async function briefFor(ctx: ServiceContext, project: ProjectRow, scenesHint?: number): Promise<ResolvedBrief> {
  const s = project.doc.slots;
  const brand = project.brandId ? brands.getBrand(ctx.db, project.brandId) : undefined;
  if (!brand) throw new AppError('NOT_FOUND', 'The brand of this ad no longer exists. Start a new ad from another brand.');
  if (!s.productName || !s.productDescription || !s.audience || !s.benefit || !s.lengthSeconds || !s.aspect) {
    throw new AppError('VALIDATION', 'The brief is not complete yet. Answer the questions in the chat first.');
  }
  const images = await productImagePaths(ctx, brand.id);
  if (!images.length) throw new AppError('VALIDATION', `${brand.name} has no product images. Add at least one in the chat or on the brand page.`);
  const guidelines = [brand.guidelines, s.tone ? `Tone: ${s.tone}` : ''].filter(Boolean).join('\n').slice(0, 4000);
  return {
    brand: {
      name: brand.name,
      description: (s.brandDescription || brand.description || brand.name).slice(0, 2000),
      colors: brand.colors.slice(0, 6),
      ...(guidelines ? { guidelines } : {}),
    },
    product: { name: s.productName, description: s.productDescription, audience: s.audience, benefit: s.benefit, images },
    ...(s.cta ? { cta: s.cta.slice(0, 120) } : {}),
    lengthSeconds: s.lengthSeconds,
    aspect: s.aspect,
    voice: 'american',
    ...(scenesHint ? { scenesHint } : {}),
  };
}

/** A StepContext for running one stage outside a run (no memo, no paid jobs). */
function draftContext(stepId: string, workDir: string, outputs: Map<string, unknown>, signal: AbortSignal): StepContext {
  return {
    runId: `draft-${path.basename(path.dirname(workDir))}`,
    stepId,
    attempt: 1,
    signal,
    workDir,
    output: <T>(id: string) => outputs.get(id) as T,
    jobs: {},
    recordJob: () => undefined,
    progress: () => undefined,
    note: () => undefined,
    retryNotice: () => undefined,
  };
}

export interface Draft {
  bible: BibleOutput;
  storyboard: StoryboardOutput;
}

export async function draftCreative(ctx: ServiceContext, services: PipelineServices, project: ProjectRow, provider: string, signal: AbortSignal): Promise<Draft> {
  const brief = await briefFor(ctx, project);
  const root = path.join(ctx.dataDir, 'drafts', project.id);
  const run = { id: `draft-${project.id}`, projectId: project.id } as Parameters<NonNullable<PipelineServices['recorder']>>[0];
  const env: StageEnv = {
    runId: run.id,
    family: services.family(provider),
    ffmpegPath: services.ffmpegPath,
    ffprobePath: services.ffprobePath,
    media: services.media,
    brief,
    plan: planScenes(brief.lengthSeconds),
    resolution: defaultResolution(brief.aspect, 0.25),
    retry: services.retry ?? defaultRetryPolicy,
    recorder: services.recorder?.(run) ?? {},
    seed: 1000,
    exportTimeline: services.exportTimeline,
  };
  const outputs = new Map<string, unknown>();
  try {
    for (const [id, stage] of [
      ['bible', bibleStage],
      ['storyboard', storyboardStage],
    ] as const) {
      const workDir = path.join(root, id);
      await mkdir(workDir, { recursive: true });
      outputs.set(id, await stage(env, draftContext(id, workDir, outputs, signal)));
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  return { bible: outputs.get('bible') as BibleOutput, storyboard: outputs.get('storyboard') as StoryboardOutput };
}
