/**
 * Variant sets (issue 23): from one finished ad, sibling ads that differ in hook, call to action
 * and aspect — made from the ad's paid scenes, music and sounds. New lines come from the text model
 * (through the proxy when signed in, else the offline writer) and pass the safety rules; new voice
 * lines are the only new paid calls, and `planVariantSet` says what the set costs before anything
 * is made. Each variant is an ad project of its own with a variant id in every export.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { AppError, toErrorShape } from '../../../shared/errors';
import { checkTimeline, issuesToError, parseTimeline } from '../../../shared/timeline';
import { variantId, variantKeys, variantName, hookLetter, slugify, VariantSpec, type VariantKey, type VariantVoice } from '../../../shared/variants';
import { splitCta } from '../../../pipeline/stages/ad-text';
import { ctaOf, briefLanguage } from '../../../pipeline/stages/language';
import { findModel } from '../../../pipeline/providers/catalog';
import { MUSIC_MODEL, SPEECH_MODEL } from '../../../shared/models/catalog';
import { probeMedia } from '../../../pipeline/ffmpeg/probe';
import { timeSpokenLine } from '../../../pipeline/stages/line-timing';
import { writeVariantLines, type WrittenLines, type VariantLinesInput } from '../../../pipeline/variants/lines';
import { lineWindowFrames, recutVariant, sceneLine, timelineFrames, type SpokenLine } from '../../../pipeline/variants/recut';
import { tempoPrompt } from '../../../pipeline/stages/music-grid';
import { measureLoudness } from '../../../pipeline/ffmpeg/loudness';
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
  source: { projectId: string; title: string; runId: string; provider: string; lengthSeconds: number; voice: string };
  spec: VariantSpec;
  base: string;
  variants: { key: VariantKey; name: string }[];
  /** New voice lines the set needs (the only new paid calls) and what they cost, in cents. */
  newVoiceLines: number;
  voiceCents: number;
  /** New music beds (another bed per music variant) and what they cost, in cents (offline: made here, free). */
  newMusicBeds: number;
  musicCents: number;
  /** Where the new hook and CTA lines are written. */
  writer: 'proxy' | 'offline';
  /** The quote, in one paragraph, printed before anything is made. */
  quote: string;
}

const wordsOf = (s: string) => s.split(/\s+/).filter(Boolean).length;
const money = (cents: number) => `$${(cents / 100).toFixed(2)}`;

/** The scenes the ad speaks in (its voice clips `voice-<scene>`), in order. */
function voicedScenes(src: VariantSource): number[] {
  const clips = src.timeline.audio.find((a) => a.role === 'voice')?.clips ?? [];
  return clips.map((c) => Number(/^voice-(\d+)$/.exec(c.id)?.[1] ?? NaN)).filter((n) => Number.isInteger(n));
}

/** The other voices a set speaks in (the ad's own is not one of them). */
function otherVoices(src: VariantSource, spec: VariantSpec): VariantVoice[] {
  return (spec.voices ?? []).filter((v) => v !== src.brief.voice);
}

/**
 * New voice lines: each new hook and CTA line in every voice of the set, and every line of the ad
 * again in each other voice. They are the only new paid calls besides new music beds.
 */
function voiceLinesNeeded(src: VariantSource, spec: VariantSpec): number {
  const newLines = (src.opening.voiced ? spec.hooks - 1 : 0) + (src.closing.voiced ? spec.ctas - 1 : 0);
  const voices = spec.voices ?? [src.brief.voice];
  const others = otherVoices(src, spec).length;
  return newLines * voices.length + others * voicedScenes(src).length;
}

/** A new music bed's price: the proxy's music model by the second; offline beds are made here, free. */
function bedCents(src: VariantSource): number {
  if (src.provider === 'offline') return 0;
  const m = findModel(MUSIC_MODEL);
  return m.priceCents * src.row.lengthSeconds;
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
  if (spec.voices && !voicedScenes(src).length) throw new AppError('VALIDATION', `"${src.title}" has no spoken lines, so it has no voice to change. Leave the voices out.`);
  const variants = variantKeys(spec, { seconds: own, voice: src.brief.voice }).map((key) => ({ key, name: variantName(base, key) }));
  const sourceFrames = await sceneSourceFrames(ctx, src);
  for (const l of new Set(variants.map((v) => v.key.length))) {
    if (l !== null && !recutToLength(src.timeline, { seconds: l, scenes: src.scenes, ctaScene: src.ctaScene, sourceFrames }))
      throw new AppError('VALIDATION', `No ${l} s cut of "${src.title}" fits: its opening, its call to action and its end card with their voice lines already take longer. Choose a longer length.`);
  }
  const newVoiceLines = voiceLinesNeeded(src, spec);
  const perLine = lineCents(src, Math.max(src.opening.line.length, src.closing.line.length, 60));
  const newMusicBeds = (spec.music ?? 1) - 1;
  const musicCents = newMusicBeds * bedCents(src);
  const voiceCents = newVoiceLines * perLine;
  const sounds = [spec.voices ? ` × ${spec.voices.length} voice${spec.voices.length === 1 ? '' : 's'} (${spec.voices.join(', ')})` : '', spec.music && spec.music > 1 ? ` × ${spec.music} music beds` : ''].join('');
  const musicWhere = src.provider === 'offline' ? 'made on this computer: another groove' : `on ${MUSIC_MODEL} through your Zapcut account, ${money(bedCents(src))} each`;
  const writer = draftProviderFor(await refreshProviderChoice(ctx)) === 'proxy' ? 'proxy' : 'offline';
  const voiceWhere = src.provider === 'offline' ? 'spoken by this computer’s voice' : `on ${SPEECH_MODEL} through your Zapcut account`;
  const quote = [
    `This set: ${variants.length} variant${variants.length === 1 ? '' : 's'} of "${src.title}" (${spec.hooks} hook${spec.hooks === 1 ? '' : 's'} × ${spec.ctas} CTA${spec.ctas === 1 ? '' : 's'}${sounds}${spec.lengths ? ` × ${[...spec.lengths].sort((a, b) => b - a).map((l) => `${l} s`).join(', ')}` : ''} × ${spec.aspects.join(', ')}).`,
    `${src.provider === 'offline' ? 'New (made on this computer, free)' : 'New paid calls'}: ${newVoiceLines} voice line${newVoiceLines === 1 ? '' : 's'} (${voiceWhere}), ${newMusicBeds} music bed${newMusicBeds === 1 ? '' : 's'}${newMusicBeds ? ` (${musicWhere})` : ''}, 0 scenes, 0 pictures — the ad's paid scenes${newMusicBeds ? '' : ', music'} and sounds are reused.`,
    `New lines written by ${writer === 'proxy' ? 'the AI writer through your Zapcut account (AI text allowance)' : 'the offline writer on this computer'}; ${variants.length} renders on this computer.`,
    `This set costs ${money(voiceCents + musicCents)}${src.provider === 'offline' ? ' (everything is made on this computer)' : ` of ${musicCents ? 'voice and music' : 'voice'} calls under the ad’s video (no new video is charged)`}.`,
  ].join('\n');
  return { source: { projectId: src.projectId, title: src.title, runId: src.runId, provider: src.provider, lengthSeconds: own, voice: voicedScenes(src).length ? src.brief.voice : 'none' }, spec, base, variants, newVoiceLines, voiceCents, newMusicBeds, musicCents, writer, quote };
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
  /** Paid calls made for the set: voice lines and music beds (and their cost), and scene generations (always 0). */
  paidCalls: { voice: number; voiceCents: number; music: number; musicCents: number; scenes: number };
  notes: string[];
  elapsedS: number;
}

/**
 * A set's paid call's idempotency key: the ad's run id leads (a proxy call is one under the ad's own
 * video), then what is asked, hashed. The same ask again (a set resumed, or made again) is answered
 * from the first call; another ask — a second set's hook B in other words, three hooks instead of two —
 * is a new call (the proxy refuses a key reused with another body: 409).
 */
export function callKey(src: Pick<VariantSource, 'runId'>, what: string, ask: unknown): string {
  return `${src.runId}:variants:${what}:${createHash('sha256').update(JSON.stringify(ask)).digest('hex').slice(0, 16)}`;
}

/** One line spoken by the ad's voice engine (or `voice`) and stored: a variant's new line, or a revised line of the ad. */
export async function speak(ctx: ServiceContext, family: ProviderFamily, src: Pick<VariantSource, 'runId' | 'brief'>, key: string, text: string, maxSeconds: number, signal: AbortSignal, voice: VariantVoice | null = null): Promise<{ line: SpokenLine; costCents: number }> {
  const speech = family.speech;
  if (!speech) throw new AppError('UNSUPPORTED', `The ${family.name} provider has no voice here; ${family.speechUnavailableReason ?? 'the set needs one for its new lines.'}`);
  const root = path.join(ctx.dataDir, 'variants');
  await mkdir(root, { recursive: true });
  const workDir = await mkdtemp(path.join(root, 'voice-'));
  try {
    const req = { text, voice: voice ?? (src.brief.voice === 'none' ? 'american' : src.brief.voice), language: briefLanguage(src.brief), maxSeconds: Math.max(1, maxSeconds) } as const;
    const call = { signal, workDir, idempotencyKey: callKey(src, key, req) };
    const sub = await speech.submit(req, call);
    const out = await speech.wait(sub.jobId, req, call);
    const file = out.files[0];
    if (!file) throw new AppError('PROVIDER', `The voice returned no audio for "${text}".`);
    const stored = await ctx.media.putFile(file);
    const { ffmpegPath, ffprobePath } = ctx.binaries();
    const seconds = (await probeMedia(ffprobePath, file, { signal })).durationS ?? maxSeconds;
    // Timed as the voiceover stage times its lines: the engine's word timing (the job's second file) or the audio's pauses.
    const timing = await timeSpokenLine(ffmpegPath, file, seconds, text, out.files[1], signal);
    return { line: { text, sha256: stored.sha256, seconds, ...timing }, costCents: sub.costCents };
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

/**
 * The ad's chat document for a variant: its length and shape are the variant's (the Ads list reads
 * them from the document's slots — a 15 s 9:16 cut showed as the ad's 30 s 16:9). Left as it is
 * when it is not a chat document (a CLI-made ad's brief).
 */
function variantBrief(json: string, lengthSeconds: number, aspect: string): string {
  try {
    const doc = JSON.parse(json) as { slots?: Record<string, unknown> };
    if (!doc || typeof doc.slots !== 'object' || doc.slots === null) return json;
    return JSON.stringify({ ...doc, slots: { ...doc.slots, lengthSeconds, aspect } });
  } catch {
    return json;
  }
}

type HookLines = WrittenLines['hooks'][number] & { voice: SpokenLine | null; shot: { media: string; in: number } | null };
type CtaLines = WrittenLines['ctas'][number] & { voice: SpokenLine | null };
interface SoundBed {
  sha256: string;
  seconds: number;
  /** The bed's gain against the ad's own (the same loudness under the voice). */
  gain: number;
  costCents: number;
}

/** The ad's music prompt and energy (its run's steps) and seed: a new bed is the same ask with another seed. */
async function musicBed(ctx: ServiceContext, family: ProviderFamily, src: VariantSource, k: number, signal: AbortSignal): Promise<SoundBed> {
  const steps = ctx.pipeline.store.getSteps(src.runId);
  const prompt = (steps.find((s) => s.stepId === 'prompts')?.output as { music?: { prompt?: string } } | undefined)?.music?.prompt;
  const energy = (steps.find((s) => s.stepId === 'bible')?.output as { bible?: { energyLevel?: number } } | undefined)?.bible?.energyLevel ?? 5;
  if (!prompt) throw new AppError('CONFLICT', `"${src.title}" has no music prompt in its run; its music cannot be made again.`);
  const root = path.join(ctx.dataDir, 'variants');
  await mkdir(root, { recursive: true });
  const workDir = await mkdtemp(path.join(root, 'music-'));
  try {
    const req = { prompt: tempoPrompt(prompt, energy).prompt, durationSeconds: src.row.lengthSeconds, energyLevel: energy, seed: src.input.seed + 7919 * k };
    const call = { signal, workDir, idempotencyKey: callKey(src, `music${k + 1}`, req) };
    const sub = await family.music.submit(req, call);
    const out = await family.music.wait(sub.jobId, req, call);
    const file = out.files[0];
    if (!file) throw new AppError('PROVIDER', 'The music service returned no audio for the new bed.');
    const stored = await ctx.media.putFile(file);
    const { ffmpegPath, ffprobePath } = ctx.binaries();
    const seconds = (await probeMedia(ffprobePath, file, { signal })).durationS ?? src.row.lengthSeconds;
    // As loud as the ad's own bed, so the voice sits the same distance above it.
    const ownSha = src.timeline.media.music?.sha256;
    const ownFile = ownSha ? await ctx.media.resolve(ownSha) : undefined;
    const [mine, theirs] = await Promise.all([measureLoudness(ffmpegPath, file, { signal }), ownFile ? measureLoudness(ffmpegPath, ownFile.path, { signal }) : null]);
    const db = theirs && mine.integratedLufs > -70 ? theirs.integratedLufs - mine.integratedLufs : 0;
    return { sha256: stored.sha256, seconds, gain: Math.min(4, Math.max(0.1, 10 ** (db / 20))), costCents: sub.costCents };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
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
  const call = { signal, workDir, idempotencyKey: callKey(src, 'lines', input) };
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
  const paid = { voice: 0, voiceCents: 0, music: 0, musicCents: 0, scenes: 0 };
  const sounds = { done: 0, total: plan.newVoiceLines + plan.newMusicBeds };
  const spoken = async (key: string, text: string, win: typeof openWin, voiced: boolean, voice: VariantVoice | null = null): Promise<SpokenLine | null> => {
    if (!voiced || !win) return null;
    // Another voice's lines are keyed by voice and words (a line said again in another set is the same call).
    const r = await speak(ctx, family, src, voice ? `${key}-${voice}` : key, text, (win.until - win.start) / fps - 0.2, signal, voice);
    paid.voice++;
    paid.voiceCents += r.costCents;
    opts.onProgress?.({ phase: 'voicing', done: ++sounds.done, total: sounds.total, etaS: null });
    return r.line;
  };
  const voices = [...new Set(plan.variants.map((v) => v.key.voice ?? null))];
  // Per voice (null: the ad's own): each new hook and CTA line, and (another voice) every line of the ad.
  const byVoice = new Map<VariantVoice | null, { hooks: (HookLines | null)[]; ctas: (CtaLines | null)[]; lines: Record<number, SpokenLine> }>();
  for (const voice of voices) {
    const hooks = [null, ...(await Promise.all(lines.hooks.map(async (h, i) => ({ ...h, voice: await spoken(`hook${hookLetter(i + 1)}`, h.line, openWin, src.opening.voiced, voice), shot: await firstShotFor(ctx, src, i + 1) }))))];
    const ctas = [null, ...(await Promise.all(lines.ctas.map(async (c, i) => ({ ...c, voice: await spoken(`cta${i + 2}`, c.line, closeWin, src.closing.voiced, voice) }))))];
    const said: Record<number, SpokenLine> = {};
    if (voice)
      for (const scene of voicedScenes(src)) {
        const line = await spoken(`scene${scene}`, sceneLine(src.timeline, scene), lineWindowFrames(src.timeline, scene, total), true, voice);
        if (line) said[scene] = line;
      }
    byVoice.set(voice, { hooks, ctas, lines: said });
  }
  // Another music bed per music variant: the same prompt and energy, another seed.
  const beds: (SoundBed | null)[] = [null];
  for (let k = 1; k <= plan.newMusicBeds; k++) {
    const bed = await musicBed(ctx, family, src, k, signal);
    paid.music++;
    paid.musicCents += bed.costCents;
    beds.push(bed);
    opts.onProgress?.({ phase: 'voicing', done: ++sounds.done, total: sounds.total, etaS: null });
  }

  const setId = ctx.newId();
  repo.insertVariantSet(ctx.db, { id: setId, sourceProjectId: src.projectId, name: plan.base, spec: plan.spec, createdAt: ctx.now() });
  repo.setVariantSetNotes(ctx.db, setId, notes);
  const made: VariantSetResult['variants'] = [];
  const times: number[] = [];
  for (const [n, v] of plan.variants.entries()) {
    if (signal.aborted) throw new AppError('CANCELLED', `Stopped after ${made.length} of ${plan.variants.length} variants; the ones made are kept.`);
    const t0 = performance.now();
    const said = byVoice.get(v.key.voice ?? null)!;
    const hook = said.hooks[v.key.hook];
    const cta = said.ctas[v.key.cta];
    const bed = beds[v.key.music ?? 0] ?? null;
    if (v.key.hook > 0 && !hook) throw new AppError('PROVIDER', `No line for hook ${hookLetter(v.key.hook)}.`);
    if (v.key.cta > 0 && !cta) throw new AppError('PROVIDER', `No line for CTA ${v.key.cta + 1}.`);
    const full = recutVariant(src.timeline, {
      aspect: v.key.aspect,
      voice: v.key.voice ? { key: v.key.voice, lines: said.lines } : null,
      music: bed ? { key: `music${(v.key.music ?? 0) + 1}`, sha256: bed.sha256, seconds: bed.seconds, gain: bed.gain } : null,
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
    repo.insertVariantAd(ctx.db, { ...record, brandId: src.row.brandId, briefJson: variantBrief(src.row.briefJson, v.key.length ?? src.row.lengthSeconds, v.key.aspect), lengthSeconds: v.key.length ?? src.row.lengthSeconds, chatStage: src.row.chatStage, timelineId, timelineJson: JSON.stringify(timeline) });
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

