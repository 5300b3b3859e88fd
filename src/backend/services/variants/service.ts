/**
 * Variant sets (issue 23): from one finished ad, sibling ads that differ in hook, call to action
 * and aspect — made from the ad's paid scenes, music and sounds. New lines come from the text model
 * (through the proxy when signed in, else the offline writer) and pass the safety rules; new voice
 * lines are the only new paid calls, and `planVariantSet` says what the set costs before anything
 * is made. Each variant is an ad project of its own with a variant id in every export.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { AppError, toErrorShape } from '../../../shared/errors';
import { checkTimeline, issuesToError, parseTimeline } from '../../../shared/timeline';
import { variantId, variantKeys, variantName, hookLetter, slugify, VariantSpec, type VariantKey } from '../../../shared/variants';
import { splitCta } from '../../../pipeline/stages/ad-text';
import { ctaOf, briefLanguage } from '../../../pipeline/stages/language';
import { findModel } from '../../../pipeline/providers/catalog';
import { SPEECH_MODEL } from '../../../shared/models/catalog';
import { probeMedia } from '../../../pipeline/ffmpeg/probe';
import { speechSpan } from '../../../pipeline/ffmpeg/speech-span';
import { writeVariantLines, type WrittenLines, type VariantLinesInput } from '../../../pipeline/variants/lines';
import { lineWindowFrames, recutVariant, timelineFrames, type SpokenLine } from '../../../pipeline/variants/recut';
import { recutToLength } from '../../../pipeline/variants/length';
import type { ProviderFamily, TextProvider } from '../../../pipeline/providers/types';
import { insertExport } from '../../storage/repos/generation';
import * as repo from '../../storage/repos/variants';
import { refreshProviderChoice } from '../projects/service';
import { draftProviderFor } from '../projects/provider-choice';
import { renderVariant } from '../projects/variants';
import type { ServiceContext } from '../context';
import { readSource, resolveAd, type VariantSource } from './source';

export interface VariantSetPlan {
  source: { projectId: string; title: string; runId: string; provider: string; lengthSeconds: number };
  spec: VariantSpec;
  base: string;
  variants: { key: VariantKey; name: string }[];
  /** New voice lines the set needs (the only new paid calls) and what they cost, in cents. */
  newVoiceLines: number;
  voiceCents: number;
  /** Where the new hook and CTA lines are written. */
  writer: 'proxy' | 'offline';
  /** The quote, in one paragraph, printed before anything is made. */
  quote: string;
}

const wordsOf = (s: string) => s.split(/\s+/).filter(Boolean).length;
const money = (cents: number) => `$${(cents / 100).toFixed(2)}`;

function voiceLinesNeeded(src: VariantSource, spec: VariantSpec): number {
  return (src.opening.voiced ? spec.hooks - 1 : 0) + (src.closing.voiced ? spec.ctas - 1 : 0);
}

/** A new line's price on the ad's voice: the proxy's speech model by characters; the offline voice is free. */
function lineCents(src: VariantSource, chars: number): number {
  if (src.provider === 'offline') return 0;
  const m = findModel(SPEECH_MODEL);
  return Math.max(1, Math.round((chars / 1000) * m.priceCents));
}

export async function planVariantSet(ctx: ServiceContext, ref: string, specInput: unknown): Promise<VariantSetPlan> {
  const parsed = VariantSpec.safeParse(specInput);
  if (!parsed.success) throw new AppError('VALIDATION', `The variant set is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'set'}: ${i.message}`).join('; ')}`);
  const spec = parsed.data;
  const found = resolveAd(ctx, ref);
  if (found.kind === 'set') throw new AppError('VALIDATION', `"${ref}" is a variant set; make variants from an ad (a run or project id).`);
  const src = readSource(ctx, found.projectId);
  const base = slugify(src.title);
  const own = src.row.lengthSeconds;
  const longer = (spec.lengths ?? []).filter((l) => l > own);
  if (longer.length) throw new AppError('VALIDATION', `"${src.title}" is ${own} s long; its variants can be ${own} s or shorter (not ${longer.join(' or ')} s): a shorter cut chooses among the ad's scenes.`);
  const variants = variantKeys(spec, own).map((key) => ({ key, name: variantName(base, key) }));
  const sourceFrames = await sceneSourceFrames(ctx, src);
  for (const l of new Set(variants.map((v) => v.key.length))) {
    if (l !== null && !recutToLength(src.timeline, { seconds: l, scenes: src.scenes, ctaScene: src.ctaScene, sourceFrames }))
      throw new AppError('VALIDATION', `No ${l} s cut of "${src.title}" fits: its opening, its call to action and its end card with their voice lines already take longer. Choose a longer length.`);
  }
  const newVoiceLines = voiceLinesNeeded(src, spec);
  const perLine = lineCents(src, Math.max(src.opening.line.length, src.closing.line.length, 60));
  const voiceCents = newVoiceLines * perLine;
  const writer = draftProviderFor(await refreshProviderChoice(ctx)) === 'proxy' ? 'proxy' : 'offline';
  const voiceWhere = src.provider === 'offline' ? 'spoken by this computer’s voice' : `on ${SPEECH_MODEL} through your Zapcut account`;
  const quote = [
    `This set: ${variants.length} variant${variants.length === 1 ? '' : 's'} of "${src.title}" (${spec.hooks} hook${spec.hooks === 1 ? '' : 's'} × ${spec.ctas} CTA${spec.ctas === 1 ? '' : 's'}${spec.lengths ? ` × ${[...spec.lengths].sort((a, b) => b - a).map((l) => `${l} s`).join(', ')}` : ''} × ${spec.aspects.join(', ')}).`,
    `New paid calls: ${newVoiceLines} voice line${newVoiceLines === 1 ? '' : 's'} (${voiceWhere}), 0 scenes, 0 pictures, 0 music — the ad's paid scenes, music and sounds are reused.`,
    `New lines written by ${writer === 'proxy' ? 'the AI writer through your Zapcut account (AI text allowance)' : 'the offline writer on this computer'}; ${variants.length} renders on this computer.`,
    `This set costs ${money(voiceCents)}${src.provider === 'offline' ? ' (everything is made on this computer)' : ' of voice calls under the ad’s video (no new video is charged)'}.`,
  ].join('\n');
  return { source: { projectId: src.projectId, title: src.title, runId: src.runId, provider: src.provider, lengthSeconds: own }, spec, base, variants, newVoiceLines, voiceCents, writer, quote };
}

/** How many frames each scene's source clip holds (a shorter cut may show more of a scene than the ad did). */
async function sceneSourceFrames(ctx: ServiceContext, src: VariantSource): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const clip of src.timeline.main.clips) {
    const sha = src.timeline.media[clip.media]?.sha256;
    const file = sha ? await ctx.media.resolve(sha) : undefined;
    const durationS = file ? (await probeMedia(ctx.binaries().ffprobePath, file.path).catch(() => null))?.durationS : null;
    // A frame short of the file's end: a probe's duration can include a partial last frame.
    if (durationS) out[clip.media] = Math.max(0, Math.floor(durationS * src.timeline.fps) - 1);
  }
  return out;
}

export interface VariantProgress {
  phase: 'writing' | 'voicing' | 'rendering';
  done: number;
  total: number;
  /** The variant being rendered, when rendering. */
  name?: string;
  etaS: number | null;
}

export interface VariantSetResult {
  setId: string;
  variants: (repo.VariantRecord & { exportSha256: string; durationMs: number })[];
  lines: WrittenLines;
  /** Paid calls made for the set: voice lines (and their cost), and scene generations (always 0). */
  paidCalls: { voice: number; voiceCents: number; scenes: number };
  notes: string[];
  elapsedS: number;
}

async function speak(ctx: ServiceContext, family: ProviderFamily, src: VariantSource, key: string, text: string, maxSeconds: number, signal: AbortSignal): Promise<{ line: SpokenLine; costCents: number }> {
  const speech = family.speech;
  if (!speech) throw new AppError('UNSUPPORTED', `The ${family.name} provider has no voice here; ${family.speechUnavailableReason ?? 'the set needs one for its new lines.'}`);
  const root = path.join(ctx.dataDir, 'variants');
  await mkdir(root, { recursive: true });
  const workDir = await mkdtemp(path.join(root, 'voice-'));
  try {
    const req = { text, voice: src.brief.voice === 'none' ? 'american' : src.brief.voice, language: briefLanguage(src.brief), maxSeconds: Math.max(1, maxSeconds) } as const;
    // The ad's run id leads the key: a proxy voice line is a call under the ad's own video.
    const call = { signal, workDir, idempotencyKey: `${src.runId}:variants:${key}` };
    const sub = await speech.submit(req, call);
    const out = await speech.wait(sub.jobId, req, call);
    const file = out.files[0];
    if (!file) throw new AppError('PROVIDER', `The voice returned no audio for "${text}".`);
    const stored = await ctx.media.putFile(file);
    const { ffmpegPath, ffprobePath } = ctx.binaries();
    const seconds = (await probeMedia(ffprobePath, file, { signal })).durationS ?? maxSeconds;
    const span = await speechSpan(ffmpegPath, file, seconds, signal);
    return { line: { text, sha256: stored.sha256, seconds, speechSeconds: Math.round(span.endS * 1000) / 1000 }, costCents: sub.costCents };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** The text model the set's lines come from: the AI writer when signed in, else the offline writer (or a test's family). */
function writerFor(ctx: ServiceContext, plan: VariantSetPlan): TextProvider {
  if (plan.writer === 'proxy') return ctx.pipeline.family('proxy').text;
  return ctx.pipeline.family(plan.source.provider === 'proxy' ? 'offline' : plan.source.provider).text;
}

/** Another scene's clip as hook `h`'s first shot (hook B: scene 2's, C: scene 3's…) when its source has the frames. */
async function firstShotFor(ctx: ServiceContext, src: VariantSource, h: number): Promise<{ media: string; in: number } | null> {
  const clips = src.timeline.main.clips;
  const first = clips[0];
  const other = clips[h];
  if (!first || !other || h === 0) return null;
  const sha = src.timeline.media[other.media]?.sha256;
  const file = sha ? await ctx.media.resolve(sha) : undefined;
  if (!file) return null;
  const durationS = (await probeMedia(ctx.binaries().ffprobePath, file.path).catch(() => null))?.durationS ?? 0;
  const need = first.out - first.in;
  const have = Math.floor(durationS * src.timeline.fps);
  // The other scene's closing frames: its product is in (a shot's entrance is at its start) and
  // its own wipe out lands on the join with scene 2, where the ad's wipes are.
  if (have >= other.in + need) return { media: other.media, in: have - need };
  return have >= need ? { media: other.media, in: 0 } : null;
}

/** Another product picture for CTA `c`'s end card, when the ad has more than one. */
function endProductFor(src: VariantSource, c: number): string | null {
  const n = src.brief.product.images.length;
  if (c === 0 || n < 2) return null;
  const k = (c % n) + 1;
  return src.timeline.media[`product-${k}-cutout`] ? `product-${k}-cutout` : src.timeline.media[`product-${k}`] ? `product-${k}` : null;
}

export async function makeVariantSet(ctx: ServiceContext, plan: VariantSetPlan, opts: { signal?: AbortSignal; onProgress?: (p: VariantProgress) => void } = {}): Promise<VariantSetResult> {
  const started = performance.now();
  const signal = opts.signal ?? new AbortController().signal;
  const src = readSource(ctx, plan.source.projectId);
  const sourceFrames = plan.variants.some((v) => v.key.length !== null) ? await sceneSourceFrames(ctx, src) : {};
  const notes: string[] = [];
  const total = timelineFrames(src.timeline);
  const fps = src.timeline.fps;
  const { action, url } = splitCta(ctaOf(src.brief));
  const openWin = lineWindowFrames(src.timeline, 1, total);
  const closeWin = lineWindowFrames(src.timeline, src.ctaScene, total);
  const budget = (line: string, win: typeof openWin) => Math.max(wordsOf(line), win ? Math.floor(((win.until - win.start) / fps) * 2.3) : 6);
  const input: VariantLinesInput = {
    brand: src.brief.brand.name,
    product: src.brief.product.name,
    benefit: src.brief.product.benefit ?? '',
    audience: src.brief.product.audience ?? '',
    language: briefLanguage(src.brief),
    cta: { action: action, url },
    opening: { title: src.opening.title, line: src.opening.line, maxWords: budget(src.opening.line, openWin) },
    closing: { line: src.closing.line || null, maxWords: budget(src.closing.line, closeWin) },
    hooks: plan.spec.hooks - 1,
    ctas: plan.spec.ctas - 1,
  };
  opts.onProgress?.({ phase: 'writing', done: 0, total: plan.variants.length, etaS: null });
  const workDir = path.join(ctx.dataDir, 'variants');
  await mkdir(workDir, { recursive: true });
  const call = { signal, workDir, idempotencyKey: `${src.runId}:variants:lines` };
  let lines: WrittenLines;
  try {
    lines = await writeVariantLines(writerFor(ctx, plan), input, call);
  } catch (err) {
    if (signal.aborted || plan.writer !== 'proxy') throw err;
    notes.push(`The AI writer could not write the lines (${toErrorShape(err).message.replace(/\.+$/, '')}); the offline writer wrote them.`);
    lines = await writeVariantLines(ctx.pipeline.family('offline').text, input, call);
  }
  notes.push(...lines.notes);

  // Each new line is spoken once and shared by every variant that uses it.
  const family = ctx.pipeline.family(src.provider);
  const paid = { voice: 0, voiceCents: 0, scenes: 0 };
  const spoken = async (key: string, text: string, win: typeof openWin, voiced: boolean): Promise<SpokenLine | null> => {
    if (!voiced || !win) return null;
    const r = await speak(ctx, family, src, key, text, (win.until - win.start) / fps - 0.2, signal);
    paid.voice++;
    paid.voiceCents += r.costCents;
    opts.onProgress?.({ phase: 'voicing', done: paid.voice, total: plan.newVoiceLines, etaS: null });
    return r.line;
  };
  const hooks = [null, ...(await Promise.all(lines.hooks.map(async (h, i) => ({ ...h, voice: await spoken(`hook${hookLetter(i + 1)}`, h.line, openWin, src.opening.voiced), shot: await firstShotFor(ctx, src, i + 1) }))))];
  const ctas = [null, ...(await Promise.all(lines.ctas.map(async (c, i) => ({ ...c, voice: await spoken(`cta${i + 2}`, c.line, closeWin, src.closing.voiced) }))))];

  const setId = ctx.newId();
  repo.insertVariantSet(ctx.db, { id: setId, sourceProjectId: src.projectId, name: plan.base, spec: plan.spec, createdAt: ctx.now() });
  repo.setVariantSetNotes(ctx.db, setId, notes);
  const made: VariantSetResult['variants'] = [];
  const times: number[] = [];
  for (const [n, v] of plan.variants.entries()) {
    if (signal.aborted) throw new AppError('CANCELLED', `Stopped after ${made.length} of ${plan.variants.length} variants; the ones made are kept.`);
    const t0 = performance.now();
    const hook = hooks[v.key.hook];
    const cta = ctas[v.key.cta];
    if (v.key.hook > 0 && !hook) throw new AppError('PROVIDER', `No line for hook ${hookLetter(v.key.hook)}.`);
    if (v.key.cta > 0 && !cta) throw new AppError('PROVIDER', `No line for CTA ${v.key.cta + 1}.`);
    const full = recutVariant(src.timeline, {
      aspect: v.key.aspect,
      hook: hook ? { key: hookLetter(v.key.hook), title: hook.title, line: hook.line, voice: hook.voice, firstShot: hook.shot } : null,
      cta: cta ? { key: String(v.key.cta + 1), action: cta.action, line: cta.line, voice: cta.voice, sceneIndex: src.closing.line ? src.ctaScene : null, endProduct: endProductFor(src, v.key.cta) } : null,
    });
    // A shorter cut is made after the new lines are in: it keeps whole what they say.
    const cut = v.key.length === null ? null : recutToLength(full, { seconds: v.key.length, scenes: src.scenes, ctaScene: src.ctaScene, sourceFrames });
    if (v.key.length !== null && !cut) throw new AppError('VALIDATION', `No ${v.key.length} s cut of ${v.name} fits: its opening and call to action with their new lines take longer. Made ${made.length} of ${plan.variants.length}; choose a longer length.`);
    const timeline = parseTimeline(cut?.timeline ?? full);
    const issues = checkTimeline(timeline);
    if (issues.length) throw issuesToError(issues);
    const record: repo.VariantRecord = {
      id: variantId(setId, v.key),
      setId,
      projectId: ctx.newId(),
      name: v.name,
      hook: hookLetter(v.key.hook),
      cta: v.key.cta + 1,
      aspect: v.key.aspect,
      hookLine: hook?.line ?? src.opening.line,
      ctaLine: cta?.action ?? action,
      createdAt: ctx.now(),
    };
    const timelineId = ctx.newId();
    repo.insertVariantAd(ctx.db, { ...record, brandId: src.row.brandId, briefJson: src.row.briefJson, lengthSeconds: v.key.length ?? src.row.lengthSeconds, chatStage: src.row.chatStage, timelineId, timelineJson: JSON.stringify(timeline) });
    const out = await renderVariant(ctx, timelineId, v.key.aspect);
    insertExport(ctx.db, { projectId: record.projectId, timelineId, preset: v.key.aspect, ...out });
    ctx.emit('project/changed', { id: record.projectId });
    made.push({ ...record, exportSha256: out.sha256, durationMs: out.durationMs });
    times.push((performance.now() - t0) / 1000);
    const avg = times.reduce((a, b) => a + b, 0) / times.length;
    opts.onProgress?.({ phase: 'rendering', done: n + 1, total: plan.variants.length, name: v.name, etaS: Math.round(avg * (plan.variants.length - n - 1)) });
  }
  return { setId, variants: made, lines, paidCalls: paid, notes, elapsedS: (performance.now() - started) / 1000 };
}

