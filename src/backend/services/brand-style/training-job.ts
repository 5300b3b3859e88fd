/**
 * One brand-style training, start to finish, resumable at every point from its `lora_models` row:
 *   1. training set — product images + the 10–15 best frames of the first ad (stored with the brand)
 *   2. training job — submitted once; its id recorded before waiting; re-polled after a restart
 *   3. preview pair — the same scene in the standard look and in the trained style
 * Paid jobs (training, the two preview images) are never created twice: their ids are in the row.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { PipelineServices } from '../../../pipeline/generate';
import { defaultResolution } from '../../../pipeline/generate';
import { defaultRetryPolicy, withRetry } from '../../../pipeline/engine/retry';
import type { CallContext, ImageRequest, ProviderFamily, StyleDirection } from '../../../pipeline/providers/types';
import type { ExportOutput } from '../../../pipeline/stages/assemble';
import type { BibleOutput } from '../../../pipeline/stages/creative';
import { referencePrompt, styleOf, type ReferencesOutput } from '../../../pipeline/stages/creative';
import { selectTrainingFrames } from '../../../pipeline/style/frame-select';
import { TrainedStyle, triggerWordFor } from '../../../pipeline/style/trained-style';
import type { Aspect } from '../../../shared/domain/aspect';
import type { Db } from '../../storage/database';
import * as repo from '../../storage/repos/brand-styles';

export interface JobDeps {
  db: Db;
  services: PipelineServices;
  family: ProviderFamily;
  workRoot: string;
  /** The brand's colours at training time (the offline look derives from them). */
  palette: string[];
  now(): string;
  signal: AbortSignal;
}

const retry = <T>(label: string, signal: AbortSignal, fn: () => Promise<T>) => withRetry(label, fn, { policy: defaultRetryPolicy, signal });

interface SourceRun {
  exportPath: string;
  durationS: number;
  productImages: string[];
  aspect: Aspect;
  style: StyleDirection | null;
  productName: string;
  /** The ad's bible and product, to prompt the custom preview exactly like its hero frame. */
  hero: { bible: BibleOutput['bible']; product: { name: string; description: string } } | null;
  seed: number;
  /** The ad's own hero reference frame (standard look), when it made one. */
  heroFrame: string | null;
}

async function sourceRun(deps: JobDeps, runId: string | null): Promise<SourceRun> {
  const run = runId ? deps.services.store.getRun(runId) : undefined;
  if (!run || run.status !== 'succeeded') throw new AppError('NOT_FOUND', 'The ad this style learns from is gone. Make a new ad for the brand; training starts again after it.');
  const input = run.input as { brief: { aspect: Aspect; product: { images: string[]; name: string; description?: string } }; seed: number };
  const steps = deps.services.store.getSteps(run.id);
  const ex = steps.find((s) => s.stepId.startsWith('export:') && s.status === 'done')?.output as ExportOutput | undefined;
  const bible = steps.find((s) => s.stepId === 'bible' && s.status === 'done')?.output as BibleOutput | undefined;
  const refs = steps.find((s) => s.stepId === 'references' && s.status === 'done')?.output as ReferencesOutput | undefined;
  const file = ex ? await deps.services.media.resolve(ex.media) : undefined;
  if (!ex || !file) throw new AppError('NOT_FOUND', 'The finished ad video is missing from the media folder, so no frames can be picked. Make a new ad; training starts after it.');
  return {
    exportPath: file.path,
    durationS: ex.durationMs / 1000,
    productImages: input.brief.product.images,
    aspect: input.brief.aspect,
    style: bible ? styleOf(bible.bible) : null,
    productName: input.brief.product.name,
    hero: bible ? { bible: bible.bible, product: { name: input.brief.product.name, description: input.brief.product.description ?? '' } } : null,
    seed: input.seed,
    heroFrame: refs?.frames.find((f) => f.kind === 'hero')?.media ?? null,
  };
}

async function ensureTrainingSet(deps: JobDeps, row: repo.StyleRow, workDir: string): Promise<repo.TrainingSet> {
  if (row.trainingSet.items.length) return row.trainingSet;
  const src = await sourceRun(deps, row.trainingSet.sourceRunId);
  const items: repo.TrainingSet['items'] = [];
  for (const img of src.productImages) {
    try {
      items.push({ sha256: (await deps.services.media.putFile(img)).sha256, source: 'product' });
    } catch {
      // A product image deleted since the ad was made: train on the rest.
    }
  }
  const frames = await selectTrainingFrames(deps.services.ffmpegPath, src.exportPath, src.durationS, workDir, { max: 15, signal: deps.signal });
  for (const f of frames) items.push({ sha256: (await deps.services.media.putFile(f.file)).sha256, source: 'frame', seconds: Math.round(f.seconds * 100) / 100, score: Math.round(f.score * 1000) / 1000 });
  const set = { sourceRunId: row.trainingSet.sourceRunId, items };
  repo.updateStyle(deps.db, row.id, { trainingSet: set }, deps.now());
  return set;
}

async function pathsOf(deps: JobDeps, set: repo.TrainingSet): Promise<string[]> {
  const out: string[] = [];
  for (const i of set.items) {
    const r = await deps.services.media.resolve(i.sha256);
    if (r) out.push(r.path);
  }
  if (!out.length) throw new AppError('NOT_FOUND', 'The training images are missing from the media folder. Retry to pick them again from the brand\'s ad.');
  return out;
}

async function previewPair(deps: JobDeps, row: repo.StyleRow, style: TrainedStyle, set: repo.TrainingSet, workDir: string): Promise<repo.Preview> {
  const src = await sourceRun(deps, set.sourceRunId);
  const product = (await pathsOf(deps, { ...set, items: set.items.filter((i) => i.source === 'product') }).catch(() => [])) as string[];
  const images = product.length ? product : await pathsOf(deps, set);
  const base: ImageRequest = {
    prompt: `Hero shot of ${src.productName}.`,
    kind: 'hero',
    productImages: images,
    aspect: src.aspect,
    resolution: defaultResolution(src.aspect, 0.25),
    style: src.style ?? { colors: deps.palette, lighting: 'soft studio light', camera: 'slow push-in', motion: 'gentle', energyLevel: 5 },
    seed: src.seed,
  };
  let custom: ImageRequest = { ...base, prompt: style.kind === 'lora' ? `${style.triggerWord} style. ${base.prompt}` : base.prompt, brandStyle: style };
  let preview = row.preview;
  // A paid family does not pay again for the standard look: the ad already made that frame, and
  // the custom one is prompted exactly like it (the same scene, in the trained style).
  const hero = deps.family.image.model.priceCents > 0 && src.hero ? src.heroFrame : null;
  if (hero && !preview.standard?.sha256 && (await deps.services.media.resolve(hero))) {
    preview = { ...preview, standard: { jobId: `reused:${hero}`, sha256: hero } };
    repo.updateStyle(deps.db, row.id, { preview }, deps.now());
  }
  if (hero && src.hero && preview.standard?.sha256 === hero) custom = { ...custom, prompt: referencePrompt(src.hero.bible, src.hero.product, 'hero', style) };
  for (const [key, req] of [['standard', base], ['custom', custom]] as const) {
    if (preview[key]?.sha256) continue;
    const dir = path.join(workDir, `preview-${key}`);
    await mkdir(dir, { recursive: true });
    // Keyed by the source ad's run: a paid preview counts against that ad's (already paid) video.
    const ctx: CallContext = { signal: deps.signal, workDir: dir, idempotencyKey: `${set.sourceRunId ?? 'style'}:style-preview-${key}:${row.id}` };
    let jobId = preview[key]?.jobId;
    if (!jobId) {
      jobId = (await retry('style preview', deps.signal, () => deps.family.image.submit(req, ctx))).jobId;
      preview = { ...preview, [key]: { jobId, sha256: null } };
      repo.updateStyle(deps.db, row.id, { preview }, deps.now());
    }
    const id = jobId;
    const out = await retry('style preview', deps.signal, () => deps.family.image.wait(id, req, ctx));
    const stored = await deps.services.media.putFile(out.files[0]!);
    preview = { ...preview, [key]: { jobId, sha256: stored.sha256 } };
    repo.updateStyle(deps.db, row.id, { preview }, deps.now());
  }
  return preview;
}

/** Runs (or resumes) the row's training to 'ready'. Throws on failure; the caller records it. */
export async function runTraining(deps: JobDeps, rowId: string): Promise<void> {
  let row = repo.getStyle(deps.db, rowId);
  if (!row || row.status !== 'training') return;
  const training = deps.family.training;
  if (!training) throw new AppError('UNSUPPORTED', `The "${deps.family.name}" provider cannot train a brand style. Sign in to Zapcut Cloud or use the offline provider.`);
  const workDir = path.join(deps.workRoot, row.id);
  await mkdir(workDir, { recursive: true });
  const set = await ensureTrainingSet(deps, row, workDir);
  const req = { images: await pathsOf(deps, set), triggerWord: triggerWordFor(row.brandId), brandKey: row.brandId, palette: deps.palette };
  const ctx: CallContext = { signal: deps.signal, workDir, idempotencyKey: `style:${row.id}:training` };
  let jobId = row.trainingId;
  if (!jobId) {
    jobId = (await retry('style training', deps.signal, () => training.submit(req, ctx))).jobId;
    // Recorded before waiting: a restart re-polls this job instead of paying for another.
    repo.updateStyle(deps.db, row.id, { trainingId: jobId }, deps.now());
  }
  const id = jobId;
  const out = await retry('style training', deps.signal, () => training.wait(id, req, ctx));
  let style: TrainedStyle;
  try {
    style = TrainedStyle.parse(JSON.parse(await readFile(out.files[0]!, 'utf8')));
  } catch (err) {
    throw new AppError('PROVIDER', `The training finished but its result could not be read (${(err as Error).message}). Retry the training.`, { cause: err });
  }
  repo.updateStyle(deps.db, row.id, { style }, deps.now());
  row = repo.getStyle(deps.db, rowId)!;
  const preview = await previewPair(deps, row, style, set, workDir);
  repo.updateStyle(deps.db, row.id, { status: 'ready', preview, error: null }, deps.now());
}
