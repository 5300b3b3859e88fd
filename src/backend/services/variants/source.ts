/**
 * What a variant set is made from (issue 23): a finished ad's current timeline (its paid scenes,
 * voice lines, music), the brief and provider its run used, and where its opening and its call
 * to action are spoken. Only finished, original ads have variants (a variant's variants would
 * lose the link to the ad the results are compared against).
 */
import { AppError } from '../../../shared/errors';
import { parseTimeline, type Timeline } from '../../../shared/timeline';
import { runInputOf, type RunInput } from '../../../pipeline/generate';
import type { ResolvedBrief } from '../../../pipeline/brief';
import { timelineJson } from '../../storage/repos/timelines';
import * as variantsRepo from '../../storage/repos/variants';
import type { ServiceContext } from '../context';
import { sceneLine, sceneTitle, voiceClip } from '../../../pipeline/variants/recut';

export interface VariantSource {
  projectId: string;
  title: string;
  runId: string;
  provider: string;
  brief: ResolvedBrief;
  input: RunInput;
  timeline: Timeline;
  /** Scenes in order (1-based index) with their storyboard role. */
  scenes: { index: number; role: string }[];
  /** The scene that says the call to action (the storyboard's `cta` scene, else the last). */
  ctaScene: number;
  opening: { title: string; line: string; voiced: boolean };
  closing: { line: string; voiced: boolean };
  row: NonNullable<ReturnType<typeof variantsRepo.projectSource>>;
}

export function resolveAd(ctx: ServiceContext, ref: string): { kind: 'project'; projectId: string } | { kind: 'set'; setId: string } {
  const found = variantsRepo.findAdRef(ctx.db, ref.trim());
  if (!found) throw new AppError('NOT_FOUND', `No ad, run or variant set "${ref}". \`zapcut runs\` lists recent runs (their ad is what \`zapcut generate\` made).`);
  if (found.kind === 'ambiguous') throw new AppError('VALIDATION', `"${ref}" matches more than one ad or set; give more of the id.`);
  return found;
}

export function readSource(ctx: ServiceContext, projectId: string): VariantSource {
  const row = variantsRepo.projectSource(ctx.db, projectId);
  if (!row) throw new AppError('NOT_FOUND', 'That ad no longer exists.');
  const variant = variantsRepo.variantOfProject(ctx.db, projectId);
  if (variant) {
    const set = variantsRepo.getVariantSet(ctx.db, variant.setId);
    throw new AppError('VALIDATION', `"${row.title}" is a variant (${variant.id}); make variants from the ad it came from${set?.sourceProjectId ? ` (${set.sourceProjectId})` : ''}, so every variant is compared with the same original.`);
  }
  if (row.status !== 'ready' || !row.currentTimelineId) throw new AppError('CONFLICT', `"${row.title}" is not finished (${row.status}); variants are made from a finished ad.`);
  const runId = variantsRepo.latestSucceededRunId(ctx.db, projectId);
  const run = runId ? ctx.pipeline.store.getRun(runId) : undefined;
  if (!run) throw new AppError('CONFLICT', `"${row.title}" has no finished generation run (an ad made in the editor alone); variants need the run's brief and voice.`);
  const input = runInputOf(run);
  const json = timelineJson(ctx.db, row.currentTimelineId);
  if (json === undefined) throw new AppError('NOT_FOUND', 'The ad timeline is missing. Regenerate the ad.');
  const timeline = parseTimeline(JSON.parse(json));
  const storyboard = ctx.pipeline.store.getSteps(run.id).find((s) => s.stepId === 'storyboard')?.output as { storyboard?: { scenes?: { index: number; role: string }[] } } | undefined;
  const scenes = (storyboard?.storyboard?.scenes ?? timeline.main.clips.map((_, i) => ({ index: i + 1, role: 'scene' }))).map((s) => ({ index: s.index, role: s.role }));
  const ctaScene = scenes.find((s) => s.role === 'cta')?.index ?? scenes.length;
  return {
    projectId,
    title: row.title,
    runId: run.id,
    provider: input.provider,
    brief: input.brief as ResolvedBrief,
    input,
    timeline,
    scenes,
    ctaScene,
    opening: { title: sceneTitle(timeline, 1), line: sceneLine(timeline, 1), voiced: !!voiceClip(timeline, 1) },
    closing: { line: sceneLine(timeline, ctaScene), voiced: !!voiceClip(timeline, ctaScene) },
    row,
  };
}
