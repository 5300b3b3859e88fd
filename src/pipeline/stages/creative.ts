/**
 * Stages before any paid media: creative bible, storyboard, safety, prompt synthesis and the
 * reference style frames. Each returns a JSON document that the engine commits as the step output.
 */
import { AppError } from '../../shared/errors';
import { percentOf } from '../../shared/progress';
import { blockingViolations, defaultRuleSet, screenText, type SafetyViolation } from '../../shared/safety';
import type { StageContext } from './outputs';
import { checkJson, completeJson } from '../engine/model-json';
import type { ImageRequest, StyleDirection, TextRequest } from '../providers/types';
import { offlineStoryboard } from '../providers/offline/text';
import { ideaProblems, placeIdeas } from './scene-ideas';
import { colorDistance } from './colors';
import { callContext, retrying, runJob, type StageEnv, type StoredMedia } from './env';
import { extractPalette } from './media-analysis';
import { fitDurations } from './plan';
import { SYSTEM, userMessage } from './prompts-text';
import { CreativeBible, SafetyVerdict, ScenePrompts, storyboardSchema, StoryScene, type Storyboard } from './schemas';
import type { BibleInput, PromptsInput, SafetyInput, StoryboardInput } from './text-inputs';
import { z } from 'zod';

const jsonCall = (env: StageEnv, ctx: StageContext) => <T>(fn: () => Promise<T>) => retrying(env, ctx, fn);

export interface BibleOutput {
  bible: CreativeBible;
  palette: string[];
  reused: boolean;
  repaired: boolean;
}

export async function bibleStage(env: StageEnv, ctx: StageContext): Promise<BibleOutput> {
  const palette = (await extractPalette(env.ffmpegPath, env.brief.product.images, ctx.workDir, { signal: ctx.signal })).colors;
  const saved = CreativeBible.safeParse(env.recorder.bibleForBrand?.());
  if (saved.success) {
    ctx.note('Reusing the brand\'s creative bible.');
    return { bible: saved.data, palette, reused: true, repaired: false };
  }
  const input: BibleInput = { brief: env.brief, palette };
  const r = await completeJson('bible', env.family.text, { task: 'bible', system: SYSTEM.bible, user: userMessage('bible', input), input, images: env.brief.product.images }, CreativeBible, callContext(ctx, 'text'), jsonCall(env, ctx));
  // The bible's colours must be real: keep the ones near the images' palette or the brand's own.
  // Order is priority (accentOf takes the first clear colour): the brand's own colours first,
  // exactly as the brand gives them, then the model's other colours, then the images' palette.
  const brandColors = (env.brief.brand.colors ?? []).map((c) => c.toUpperCase());
  const allowed = [...palette, ...brandColors];
  const real = r.value.colors.filter((c) => allowed.some((a) => colorDistance(a, c) < 60) && !brandColors.some((b) => colorDistance(b, c) < 40));
  const colors = [...brandColors.slice(0, 6), ...real];
  for (const p of allowed) if (colors.length < 4 && !colors.includes(p)) colors.push(p);
  const bible = { ...r.value, colors: colors.slice(0, 6).length >= 4 ? colors.slice(0, 6) : r.value.colors };
  env.recorder.saveBible?.(bible, env.family.name);
  return { bible, palette, reused: false, repaired: r.repaired };
}

export interface StoryboardOutput {
  storyboard: Storyboard;
  repaired: boolean;
  durationsAdjusted: boolean;
  /** The writer dropped or reordered the creator's scenes twice: the offline writer placed them. */
  ideasPlacedOffline?: boolean;
}

export async function storyboardStage(env: StageEnv, ctx: StageContext): Promise<StoryboardOutput> {
  const { bible } = ctx.output('bible');
  const input: StoryboardInput = { brief: env.brief, bible, plan: env.plan, lengthSeconds: env.brief.lengthSeconds };
  // Shape is strict (count, order); durations are checked after, and fitted rather than failing.
  const shape = z.object({ scenes: z.array(StoryScene).length(env.plan.count) });
  const req = { task: 'storyboard' as const, system: SYSTEM.storyboard, user: userMessage('storyboard', input), input };
  const r = await completeJson('storyboard', env.family.text, req, shape, callContext(ctx, 'text'), jsonCall(env, ctx));
  const placed = await withCreatorScenes(env, ctx, req, shape, r.value.scenes, input);
  const proposed = placed.scenes.map((s) => s.durationSeconds);
  const durations = fitDurations(proposed, env.brief.lengthSeconds, 2, env.plan.maxSceneSeconds);
  const scenes = placed.scenes.map((s, i) => ({ ...s, index: i + 1, durationSeconds: durations[i]! }));
  const storyboard = storyboardSchema(env.brief.lengthSeconds, env.plan.count).parse({ scenes });
  return { storyboard, repaired: r.repaired || placed.repaired, durationsAdjusted: durations.some((d, i) => d !== proposed[i]), ...(placed.placedOffline ? { ideasPlacedOffline: true } : {}) };
}

/**
 * The creator's scenes (brief.scenes) must be scenes 1…N, in order: a storyboard that drops or
 * reorders them is repaired once, then the offline writer's scenes take those places (noted).
 */
async function withCreatorScenes(
  env: StageEnv,
  ctx: StageContext,
  req: TextRequest,
  shape: z.ZodType<{ scenes: StoryScene[] }>,
  scenes: StoryScene[],
  input: StoryboardInput,
): Promise<{ scenes: StoryScene[]; repaired: boolean; placedOffline: boolean }> {
  const ideas = env.brief.scenes ?? [];
  const problems = ideaProblems(scenes, ideas);
  if (!problems.length) return { scenes, repaired: false, placedOffline: false };
  const again = await jsonCall(env, ctx)(() => env.family.text.complete({ ...req, repair: { previous: JSON.stringify({ scenes }), problems: problems.join('; ') } }, callContext(ctx, 'text-ideas')));
  const checked = checkJson(again.text, shape);
  if (checked.ok && !ideaProblems(checked.value.scenes, ideas).length) return { scenes: checked.value.scenes, repaired: true, placedOffline: false };
  ctx.note(`The ${env.family.text.model} writer did not keep your ${ideas.length} scene idea(s) in order (${problems[0]}); the offline writer placed them as scenes 1–${ideas.length}.`);
  const base = checked.ok ? checked.value.scenes : scenes;
  return { scenes: placeIdeas(base, offlineStoryboard(input).scenes, ideas.length), repaired: true, placedOffline: true };
}

/** All the text in a brief, for the local rules. */
export function briefText(env: Pick<StageEnv, 'brief'>): string {
  const b = env.brief;
  return [b.brand.name, b.brand.description, b.brand.guidelines ?? '', b.product.name, b.product.description, b.product.audience, b.product.benefit, b.cta ?? '', b.direction ?? '', ...(b.scenes ?? []).map((s) => s.idea)].join('\n');
}

/** Removes the sentences that tripped a rule: the "safe alternative" offered with a block. */
export function safeRewrite(text: string, violations: SafetyViolation[]): string {
  const sentences = text.split(/(?<=[.!?\n])\s+/u);
  const bad = violations.map((v) => v.match.toLowerCase());
  const kept = sentences.filter((s) => !bad.some((m) => s.toLowerCase().includes(m)));
  return kept.join(' ').trim();
}

export function screenBrief(env: Pick<StageEnv, 'brief'>): { blocking: SafetyViolation[]; all: SafetyViolation[] } {
  const all = screenText(briefText(env), defaultRuleSet.rules);
  return { all, blocking: blockingViolations(all) };
}

export interface SafetyOutput {
  status: 'approved';
  negativePrompt: string;
  localFindings: number;
  modelChecked: boolean;
}

export function blockedError(violations: { category: string; excerpt: string }[], alternative: string): AppError {
  const cats = [...new Set(violations.map((v) => v.category.replace('_', ' ')))].join(', ');
  return new AppError('SAFETY_BLOCKED', `Generation blocked: the brief asks for ${cats} content (${violations.map((v) => `"${v.excerpt}"`).slice(0, 3).join('; ')}). Nothing was generated or charged.${alternative ? ` A safe alternative: "${alternative}"` : ''}`, {
    details: { violations, safeAlternative: alternative },
  });
}

export async function safetyStage(env: StageEnv, ctx: StageContext): Promise<SafetyOutput> {
  const { storyboard } = ctx.output('storyboard');
  const text = `${briefText(env)}\n${storyboard.scenes.map((s) => `${s.title}\n${s.description}\n${s.voiceover}\n${s.keyEvents.join('\n')}`).join('\n')}`;
  const local = screenText(text, defaultRuleSet.rules);
  const blocking = blockingViolations(local);
  if (blocking.length) {
    env.recorder.recordViolations?.(blocking.map((v) => ({ category: v.category, severity: v.severity, ruleId: v.ruleId, excerpt: v.excerpt })));
    throw blockedError(blocking, safeRewrite(briefText(env), blocking));
  }
  const input: SafetyInput = { brief: env.brief, storyboard };
  const r = await completeJson('safety', env.family.text, { task: 'safety', system: SYSTEM.safety, user: userMessage('safety', input), input }, SafetyVerdict, callContext(ctx, 'text'), jsonCall(env, ctx));
  const verdict = r.value;
  const serious = verdict.violations.filter((v) => v.severity !== 'low');
  if (verdict.status === 'blocked' || serious.length) {
    env.recorder.recordViolations?.(verdict.violations.map((v) => ({ category: v.category, severity: v.severity, ruleId: null, excerpt: v.line ?? v.description })));
    throw blockedError(verdict.violations.map((v) => ({ category: v.category, excerpt: v.line ?? v.description })), verdict.safeAlternative ?? '');
  }
  env.recorder.saveStoryboard?.(storyboard, verdict);
  return { status: 'approved', negativePrompt: verdict.negativePrompt, localFindings: local.length, modelChecked: env.family.name !== 'offline' };
}

export async function promptsStage(env: StageEnv, ctx: StageContext): Promise<z.infer<typeof ScenePrompts>> {
  const { bible } = ctx.output('bible');
  const { storyboard } = ctx.output('storyboard');
  const { negativePrompt } = ctx.output('safety');
  const input: PromptsInput = { brief: env.brief, bible, storyboard, negativePrompt };
  const schema = ScenePrompts.refine((p) => p.scenes.length === storyboard.scenes.length, `one prompt per scene (${storyboard.scenes.length})`);
  const r = await completeJson('prompts', env.family.text, { task: 'prompts', system: SYSTEM.prompts, user: userMessage('prompts', input), input }, schema, callContext(ctx, 'text'), jsonCall(env, ctx));
  return r.value;
}

export function styleOf(bible: CreativeBible): StyleDirection {
  return { colors: bible.colors, lighting: bible.lighting, camera: bible.camera, motion: bible.motion, energyLevel: bible.energyLevel };
}

/** The prompt of one reference frame; a brand's trained LoRA is woken by its trigger word first. */
export function referencePrompt(bible: CreativeBible, product: { name: string; description: string }, kind: ImageRequest['kind'], brandStyle?: ImageRequest['brandStyle']): string {
  return `${brandStyle?.kind === 'lora' ? `${brandStyle.triggerWord} style. ` : ''}${bible.brandStyle}, ${bible.lighting}. ${kind} shot of ${product.name}: ${product.description}. Palette ${bible.colors.join(' ')}.`;
}

export interface ReferencesOutput {
  frames: { kind: ImageRequest['kind']; media: StoredMedia['sha256'] }[];
}

export async function referencesStage(env: StageEnv, ctx: StageContext): Promise<ReferencesOutput> {
  const { bible } = ctx.output('bible');
  // Offline style frames are only used as scene 1's backdrop: one is enough there.
  const kinds: ImageRequest['kind'][] = env.family.name === 'offline' ? ['hero'] : ['hero', 'detail', 'lifestyle', 'alternate'];
  // The style frames are independent paid jobs: run them together (each records its own job id).
  let finished = 0;
  const frames = await Promise.all(
    kinds.map(async (kind, i) => {
      const req: ImageRequest = {
        prompt: referencePrompt(bible, env.brief.product, kind, env.brandStyle),
        kind,
        productImages: env.brief.product.images,
        aspect: env.brief.aspect,
        resolution: env.resolution,
        style: styleOf(bible),
        seed: env.seed + i,
        ...(env.brandStyle ? { brandStyle: env.brandStyle } : {}),
      };
      const [m] = await runJob(env, ctx, kind, env.family.image, req);
      ctx.progress(percentOf(++finished, kinds.length));
      return { kind, media: m!.sha256 };
    }),
  );
  return { frames };
}
