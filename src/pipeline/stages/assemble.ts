/**
 * The result of a run is a timeline (the product, ARCHITECTURE.md idea 1) built with the
 * composition model's seed defaults — 1 s crossfades, product overlays, voice/music/SFX tracks —
 * and all on-screen text as timeline text in layout slots (ad-text.ts: titles, voice-timed
 * captions, the end card); then its export + thumbnail.
 */
import path from 'node:path';
import { AppError } from '../../shared/errors';
import {
  emptyTimeline,
  parseTimeline,
  checkTimeline,
  issuesToError,
  PRESET_SIZES,
  productOverlay,
  secondsToFrames,
  sequenceScenes,
  type MediaEntry,
  type TextItem,
  type Timeline,
} from '../../shared/timeline';
import type { StageContext } from './outputs';
import { probeMedia } from '../ffmpeg/probe';
import { sceneDurations, type VoiceoverOutput } from './audio';
import { VOICE_LEAD_S } from './voice-fit';
import { CROSSFADE_SECONDS } from './plan';
import { mediaPath, type StageEnv } from './env';
import { measureLoudness } from '../ffmpeg/loudness';
import { DUCK, mixLevels, type MixLevels } from './mix-levels';
import { accentOf, highlightOf } from './colors';
import { captionItems, endCardItems, evenWordTimes, titleItems, type BeatSnap, type VoicedLine } from './ad-text';
import { snapFrame, type BeatGrid } from '../animatic/beat';
import { beatJoins } from '../animatic/joins';
import { swapSceneClips } from '../animatic/swap';
import { musicGrid } from './music-grid';
import { generationFrame } from '../../shared/models/video';
import { cutoutImage } from '../providers/offline/product-look';
import { pictureSize } from '../images/header-size';
import { logoIsWordmark } from '../images/logo-image';
import { briefLanguage, ctaOf } from './language';
import { shortName } from './copy';
import { bundledFontByName, DEFAULT_FONT, isFontFile, type FontRef } from '../../shared/timeline/fonts';
import type { Storyboard } from './schemas';
import { AD_FPS, adShotPlan } from './scenes';
import { closeUpPlates } from '../providers/offline/scene-render';

const FPS = AD_FPS;

export interface TimelineOutput {
  timeline: Timeline;
  timelineId: string | null;
  wastedPaidSeconds: number;
  voiceoverUnavailable: string | null;
  /** Why the ad uses the offline music bed (the music service did not deliver), or null. */
  musicFallback: string | null;
  continuity: { scene: number; drift: boolean; notes: string }[];
  /** How the scenes were framed when the video model could not generate the ad's aspect. */
  framing: string | null;
}

/**
 * A picture's name in the editor: the file's own name, unless the file is a stored copy named by
 * its hash (pictures from the app's data folder), which names nothing a person knows (issue 19 #13).
 */
export function pictureName(file: string, fallback: string): string {
  const base = path.basename(file);
  return /^[0-9a-f]{16,}$/i.test(path.parse(base).name) ? fallback : base;
}

export async function timelineStage(env: StageEnv, ctx: StageContext): Promise<TimelineOutput> {
  const { storyboard } = ctx.output('storyboard');
  const scenes = storyboard.scenes.map((s) => ctx.output(`scene:${s.index}`));
  const voice = ctx.output('voiceover');
  const music = ctx.output('music');
  const sfx = ctx.output('sfx');
  const tl = emptyTimeline({ fps: FPS, preset: env.brief.aspect });
  // CRF 23 as specified; x264 'veryfast' instead of 'medium' keeps a 30 s 1080p export within the
  // one-minute budget on two cores (generated scenes are smooth graphics; the size cost is small).
  // The editor's export presets can still choose a slower preset.
  tl.output = { ...tl.output, x264Preset: 'veryfast' };
  const media: Record<string, MediaEntry> = {};
  scenes.forEach((s) => (media[`scene-${s.index}`] = { kind: 'video', sha256: s.media, name: `Scene ${s.index}` }));
  for (const [i, img] of env.brief.product.images.entries()) {
    const stored = await env.media.putFile(img);
    media[`product-${i + 1}`] = { kind: 'image', sha256: stored.sha256, name: pictureName(img, `Product picture ${i + 1}`) };
  }
  if (env.brief.brand.logo) media.logo = { kind: 'image', sha256: (await env.media.putFile(env.brief.brand.logo)).sha256, name: pictureName(env.brief.brand.logo, 'Logo') };
  voice.lines.forEach((l) => (media[`voice-${l.sceneIndex}`] = { kind: 'audio', sha256: l.media, name: `Voiceover ${l.sceneIndex}` }));
  media.music = { kind: 'audio', sha256: music.media, name: 'Music' };
  media.whoosh = { kind: 'audio', sha256: sfx.media, name: 'Whoosh' };
  tl.media = media;

  // A model without the ad's aspect (Veo and Sora have no 1:1) made its clips at its own; the
  // timeline says how they are framed, so the editor and every export frame them the same way.
  const frame = generationFrame(env.family.video.model, env.brief.aspect);
  const framing = frame.aspect === env.brief.aspect ? null : `${env.family.video.model.slug} has no ${env.brief.aspect}: scenes were generated at ${frame.aspect} and ${frame.fit === 'cover' ? 'cropped to fill' : 'fitted inside'} the ${env.brief.aspect} frame (${frame.fit}).`;
  // Offline scenes (the animatic) meet in hard cuts under a brand-colour wipe: each scene after the
  // first starts one crossfade handle into its clip (the handle is its hidden lead, animatic/shots.ts),
  // so every scene is seen where a crossfade would show it on its own, without two ghosted at once.
  const animatic = env.family.name === 'offline';
  const handle = secondsToFrames(CROSSFADE_SECONDS, FPS);
  const grid = await musicGrid(env, ctx, music, ctx.output('prompts').music.prompt, ctx.output('bible').bible.energyLevel);
  let used = scenes.map((s) => secondsToFrames(s.usedSeconds, FPS));
  if (grid && !animatic) {
    // AI clips: each join (where the next scene is fully in) moves onto the music's beat when the
    // clips have the frames for it and no voice line would cross it (animatic/joins.ts).
    const lead = secondsToFrames(VOICE_LEAD_S, FPS);
    const voiceEnds = scenes.map((s) => {
      const l = voice.lines.find((x) => x.sceneIndex === s.index);
      return l ? lead + secondsToFrames(l.speechSeconds ?? l.seconds, FPS) + 3 : null;
    });
    // A model's clip may be a frame or two shorter than asked: never stretch into the last 2 frames.
    // An anchored scene's clip is exactly its frames and ends on the next keyframe (scenes.ts
    // retimeClip): its join cannot move, or the keyframe would be cut away or held frozen.
    const available = scenes.map((s, i) => (s.anchored ? used[i]! : Math.max(used[i]!, secondsToFrames(s.requestedSeconds, FPS) - 2)));
    const r = beatJoins({ frames: used, available, crossfade: handle, voiceEnds, snap: (f, mode) => snapFrame(f, grid, FPS, mode), minFrames: FPS });
    used = r.frames;
    if (scenes.length > 1) ctx.note(`music: ${r.onBeat} of ${scenes.length - 1} scene joins on its beat${scenes.some((s) => s.anchored) ? ' (joins on keyframes stay there: each clip ends on the keyframe the next begins on)' : ''}.`);
  }
  tl.main.clips = sequenceScenes(
    scenes.map((s, i) => {
      const frames = used[i]!;
      const lead = animatic && i > 0 ? Math.min(handle, frames - 1) : 0;
      return { id: `scene-${s.index}`, media: `scene-${s.index}`, in: lead, frames: frames - lead };
    }),
    { fps: FPS, transition: animatic ? 'cut' : 'crossfade' },
  ).map((c) => ({ ...c, fit: frame.fit }));
  if (framing) ctx.note(framing);
  // Where each scene is on screen on its own: after the crossfade that brings it in.
  const visibleStart = tl.main.clips.map((c) => c.start + c.transitionIn.frames);
  const total = secondsToFrames(env.brief.lengthSeconds, FPS);

  const products = tl.overlays.find((o) => o.id === 'products')!;
  const captions = tl.overlays.find((o) => o.id === 'captions')!;
  const titles = { id: 'titles', name: 'Titles', z: 15, hidden: false, items: [] as TextItem[] };
  tl.overlays.splice(1, 0, titles);
  const accent = accentOf(ctx.output('bible').bible.colors);
  const cta = ctaOf(env.brief);
  // The end card shows the product itself (cut out of its studio backdrop) when it can, not the picture as a card.
  // So do the product pops over the scenes: the product, not its picture as a rectangle.
  const cutouts: Array<string | null> = [];
  for (const [i, image] of env.brief.product.images.entries()) {
    const file = await cutoutImage(env.ffmpegPath, image, path.join(ctx.workDir, `product-${i + 1}-cutout.png`), ctx.workDir, ctx.signal);
    if (file) media[`product-${i + 1}-cutout`] = { kind: 'image', sha256: (await env.media.putFile(file)).sha256, name: `${path.parse(pictureName(image, `Product picture ${i + 1}`)).name} (cut out).png` };
    cutouts.push(file ? `product-${i + 1}-cutout` : null);
  }
  const cutout = cutouts[0];
  // The end card's shape follows the product's (a tall one stands beside the text in 9:16): the layout reads its size from the media entry.
  const endProduct = cutout ?? 'product-1';
  const endSize = await pictureSize(cutouts[0] ? path.join(ctx.workDir, 'product-1-cutout.png') : env.brief.product.images[0]!).catch(() => null);
  if (endSize && media[endProduct]) media[endProduct] = { ...media[endProduct]!, width: endSize.width, height: endSize.height };
  const beat = beatSnap(grid);
  // A wordmark logo spells the brand's name: the card does not print it again (images/logo-image.ts).
  const wordmark = env.brief.brand.logo ? await logoIsWordmark(env.ffmpegPath, env.brief.brand.logo, path.join(ctx.workDir, 'logo-sample.rgba'), ctx.signal) : false;
  if (wordmark) ctx.note('end card: the logo is a wordmark (it spells the brand name), so the name is not printed under it.');
  const end = endCardItems({ fps: FPS, total, brandName: shortName(env.brief.brand.name), cta, accent, productMedia: endProduct, logoMedia: media.logo ? 'logo' : null, wordmark, beat });
  // Scene lengths as fitted to the voice lines before the scenes were made (audio.ts).
  const durations = sceneDurations(storyboard, voice);
  storyboard.scenes.forEach((s, i) => {
    const start = visibleStart[i]!;
    const sceneFrames = secondsToFrames(durations[i]!, FPS);
    // On their own product cards (offline scenes) a product pop would cover the card; it gets the
    // side slot in 16:9 and the hero slot elsewhere (AI scenes have no card there).
    if (s.overlay && (env.family.name !== 'offline' || env.brief.aspect === '16:9')) {
      const imageIndex = Math.min(s.overlay.imageIndex, env.brief.product.images.length - 1);
      const at = start + secondsToFrames(Math.min(s.overlay.atSeconds, Math.max(0, durations[i]! - 1.5)), FPS);
      const dur = Math.max(FPS, Math.min(secondsToFrames(s.overlay.durationSeconds, FPS), start + sceneFrames - at - 6, end.start - at));
      if (dur > 0 && at < end.start) products.items.push({ ...productOverlay({ id: `product-${s.index}`, media: cutouts[imageIndex] ?? `product-${imageIndex + 1}`, start: at, fps: FPS, durationFrames: dur }), slot: 'side' });
    }
  });
  // No product overlay over an offline CTA scene: its own shots show the product (an overlay there
  // doubled it), and its last shot is an empty field under the end card.
  const windows = storyboard.scenes.map((s, i) => ({ index: s.index, role: s.role, title: s.title, start: visibleStart[i]!, end: tl.main.clips[i + 1]?.start ?? total }));
  titles.items.push(...titleItems(windows, { fps: FPS, until: end.start, accent, cta, beat }));
  products.items.push(...end.images);
  titles.items.push(...end.text);

  const voiceTrack = tl.audio.find((a) => a.role === 'voice')!;
  const voiced: VoicedLine[] = [];
  const lineStartFrame = (sceneIndex: number) => visibleStart[sceneIndex - 1]! + secondsToFrames(VOICE_LEAD_S, FPS);
  for (const l of voice.lines) {
    const start = lineStartFrame(l.sceneIndex);
    const whole = secondsToFrames(l.seconds, FPS);
    // Two voices never speak at once: a line ends before the next one starts (issue 19).
    const next = voice.lines.map((o) => lineStartFrame(o.sceneIndex)).filter((f) => f > start);
    const until = Math.min(total, ...next);
    const frames = Math.max(1, Math.min(whole, until - start));
    // Fitting keeps the speech inside its scene; should a line still run past the next line or
    // the end, it fades rather than clicks off (and the export's check reports the cut).
    const fadeOut = frames < whole ? Math.min(4, frames) : 0;
    if (secondsToFrames(l.speechSeconds ?? l.seconds, FPS) > until - start && until < total) ctx.note(`voiceover: scene ${l.sceneIndex}'s line still ran into the next line after fitting; it fades out where the next line starts.`);
    voiceTrack.clips.push({ id: `voice-${l.sceneIndex}`, media: `voice-${l.sceneIndex}`, start, in: 0, out: frames, gain: 1, fadeInFrames: 0, fadeOutFrames: fadeOut });
    voiced.push({ sceneIndex: l.sceneIndex, text: l.text, start, words: l.words ?? evenWordTimes(l.text, l.speechSeconds ?? l.seconds) });
  }
  // Levels from measurements (mix-levels.ts): every line equally loud, the music 10 dB under it
  // while someone speaks, gently ducked.
  const levels = await measuredLevels(env, voice.lines, music.media, ctx.signal);
  for (const c of voiceTrack.clips) c.gain = levels.voice[c.media] ?? 1;
  tl.ducking = { enabled: true, level: DUCK.level, attackFrames: secondsToFrames(DUCK.attackS, FPS), releaseFrames: secondsToFrames(DUCK.releaseS, FPS) };
  // Without a voice the narration is still read: each scene's line over the scene.
  if (!voice.lines.length) {
    storyboard.scenes.forEach((s, i) => {
      if (!s.voiceover.trim()) return;
      const start = visibleStart[i]! + secondsToFrames(VOICE_LEAD_S, FPS);
      voiced.push({ sceneIndex: s.index, text: s.voiceover, start, words: evenWordTimes(s.voiceover, Math.max(1, durations[i]! - 1)) });
    });
  }
  captions.items.push(...captionItems(voiced, { fps: FPS, until: end.start, portrait: env.brief.aspect === '9:16', accent: highlightOf(ctx.output('bible').bible.colors), language: briefLanguage(env.brief), look: env.brief.captionStyle }));
  // The brand font (issue 22): titles, captions and the end card are set in it; the layout measures them in it.
  const font = await brandFontRef(env);
  if (font) {
    for (const x of [...titles.items, ...captions.items]) if (x.kind === 'text') x.style = { ...x.style, font };
    ctx.note(`text: set in the brand font (${isFontFile(font) ? path.basename(env.brief.brand.font!) : font}).`);
  }
  // Text over a bright or busy close-up (the animatic's macro shots) gets a plate that hugs it, as dark as white text needs for 4.5:1.
  if (animatic) await plateCloseUpText(env, ctx, storyboard, durations, tl.main.clips, [...titles.items, ...captions.items].filter((x): x is TextItem => x.kind === 'text' && (x.role === 'title' || x.role === 'caption')));
  const musicTrack = tl.audio.find((a) => a.role === 'music')!;
  musicTrack.gain = levels.music;
  musicTrack.clips.push({ id: 'music-bed', media: 'music', start: 0, in: 0, out: Math.min(total, secondsToFrames(music.seconds, FPS)), gain: 1, fadeInFrames: 0, fadeOutFrames: secondsToFrames(1, FPS) });
  const sfxTrack = tl.audio.find((a) => a.role === 'sfx')!;
  const whooshFrames = Math.max(1, secondsToFrames(sfx.seconds, FPS));
  tl.main.clips.slice(1).forEach((c, k) => {
    const mid = c.start + Math.floor(c.transitionIn.frames / 2);
    const start = Math.max(0, mid - Math.floor(whooshFrames * 0.6));
    sfxTrack.clips.push({ id: `whoosh-${k + 2}`, media: 'whoosh', start, in: 0, out: Math.min(whooshFrames, total - start), gain: 1, fadeInFrames: 0, fadeOutFrames: 0 });
  });

  const generated = parseTimeline(tl);
  const issues = checkTimeline(generated);
  if (issues.length) throw issuesToError(issues, 'The generated timeline');
  const timeline = withCreatorEdits(env, ctx, generated);
  const timelineId = env.recorder.saveTimeline?.(timeline) ?? null;
  return {
    timeline,
    timelineId,
    wastedPaidSeconds: scenes.reduce((s, x) => s + x.wastedPaidSeconds, 0),
    voiceoverUnavailable: voice.unavailable,
    musicFallback: music.fallback ?? null,
    continuity: scenes.filter((s) => s.continuity).map((s) => ({ scene: s.index, drift: s.continuity!.driftDetected, notes: s.continuity!.notes })),
    framing,
  };
}

/**
 * Puts a plate (TextStyle.plate) behind every title and caption on screen during an animatic
 * close-up whose picture behind the text is bright or busy (scene-render.ts closeUpPlates, the same
 * measurement the scene render makes). A title keeps its plate for its whole scene: one title, one look.
 */
/**
 * A run that keeps the creator's edits (RunInput.keepEditsFrom: "Generate with AI", one scene
 * made again) puts its scenes into the ad as the creator left it, in place (animatic/swap.ts);
 * when that cannot make a valid timeline, the new one is used and the note says why.
 */
function withCreatorEdits(env: StageEnv, ctx: StageContext, generated: Timeline): Timeline {
  const kept = env.recorder.keptEdits?.();
  if (!kept) return generated;
  const read = (raw: unknown): Timeline | null => {
    try {
      return parseTimeline(raw);
    } catch {
      return null;
    }
  };
  const edited = read(kept.edited);
  const original = read(kept.original);
  if (!edited || !original) {
    ctx.note('timeline: the edited ad could not be read, so the new scenes come in a new timeline (the edits are in the ad\'s earlier versions).');
    return generated;
  }
  const swap = swapSceneClips(edited, original, generated);
  const problems = checkTimeline(swap.timeline);
  if (problems.length) {
    ctx.note(`timeline: the new scenes did not fit the edited ad (${problems[0]!.message}), so they come in a new timeline (the edits are in the ad's earlier versions).`);
    return generated;
  }
  ctx.note(`timeline: ${swap.swapped.length} scene(s) replaced in place in the edited ad; its text, timing and other edits kept${swap.shortened.length ? ` (${swap.shortened.join(', ')} shortened to the new picture's length)` : ''}.`);
  return swap.timeline;
}

async function plateCloseUpText(env: StageEnv, ctx: StageContext, storyboard: Storyboard, durations: number[], clips: Array<{ start: number; in: number }>, items: TextItem[]): Promise<void> {
  const plan = adShotPlan(storyboard, durations, env.seed, env.brief.product.images.length);
  const colors = ctx.output('bible').bible.colors;
  for (const [i, scene] of storyboard.scenes.entries()) {
    const clip = clips[i];
    const shots = plan.scenes[i]?.shots;
    if (!clip || !shots) continue;
    const ideaImages = scene.idea ? env.brief.scenes?.[scene.idea - 1]?.images : undefined;
    const images = ideaImages?.length ? ideaImages : env.brief.product.images;
    const plates = await closeUpPlates(env.ffmpegPath, { preset: env.brief.aspect, colors, images, shots, workDir: ctx.workDir, signal: ctx.signal });
    for (const p of plates) {
      const a = clip.start + p.start - clip.in;
      const b = a + p.frames;
      for (const t of items) {
        if (t.start < b && a < t.start + t.duration) t.style = { ...t.style, plate: Math.max(t.style.plate ?? 0, p.opacity) };
      }
    }
  }
}

/** Text entrances on the music's beat when its grid is known (the offline bed's; provider music's detected). */
function beatSnap(grid: BeatGrid | null): BeatSnap | undefined {
  if (!grid) return undefined;
  return { snap: (f, mode) => snapFrame(f, grid, FPS, mode), beatFrames: Math.round((FPS * 60) / grid.bpm) };
}

/** Measures each voice line and the music bed (as mixed: 48 kHz stereo) and sets their gains. */
async function measuredLevels(env: StageEnv, lines: VoiceoverOutput['lines'], music: string, signal: AbortSignal): Promise<MixLevels> {
  const loudness = async (sha: string) => (await measureLoudness(env.ffmpegPath, await mediaPath(env, sha), { signal })).integratedLufs;
  const voice: Record<string, number> = {};
  for (const l of lines) voice[`voice-${l.sceneIndex}`] = await loudness(l.media);
  return mixLevels(voice, await loudness(music));
}

export interface ExportOutput {
  preset: string;
  media: string;
  thumbnail: string;
  durationMs: number;
  bytes: number;
}

export async function exportStage(env: StageEnv, ctx: StageContext): Promise<ExportOutput> {
  const { timeline, timelineId } = ctx.output('timeline');
  const out = path.join(ctx.workDir, 'ad.mp4');
  const thumb = path.join(ctx.workDir, 'thumbnail.jpg');
  const full = PRESET_SIZES[env.brief.aspect];
  const shortSide = Math.min(env.resolution.width, env.resolution.height);
  await env.exportTimeline({
    timeline,
    resolveMedia: async (id) => {
      const entry = timeline.media[id];
      if (!entry?.sha256) throw new AppError('NOT_FOUND', `Timeline media "${id}" has no stored file.`);
      return mediaPath(env, entry.sha256);
    },
    output: out,
    thumbnail: thumb,
    shortSide: shortSide < Math.min(full.width, full.height) ? shortSide : undefined,
    signal: ctx.signal,
    onProgress: (p) => ctx.progress(p),
  });
  const probe = await probeMedia(env.ffprobePath, out, { signal: ctx.signal });
  const durationS = probe.durationS ?? env.brief.lengthSeconds;
  const video = await env.media.putFile(out);
  const thumbnail = await env.media.putFile(thumb);
  env.recorder.saveExport?.({ preset: env.brief.aspect, sha256: video.sha256, thumbnailSha256: thumbnail.sha256, durationMs: Math.round(durationS * 1000), timelineId });
  return { preset: env.brief.aspect, media: video.sha256, thumbnail: thumbnail.sha256, durationMs: Math.round(durationS * 1000), bytes: video.bytes };
}

/** The brief's brand font as the timeline names it: a bundled id, or the file stored as media (`file:<sha>`); null for the default. */
async function brandFontRef(env: StageEnv): Promise<FontRef | null> {
  const f = env.brief.brand.font;
  if (!f) return null;
  const bundled = bundledFontByName(f);
  if (bundled) return bundled === DEFAULT_FONT ? null : bundled;
  return `file:${(await env.media.putFile(f)).sha256}`;
}
