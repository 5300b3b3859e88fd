/**
 * One variant's timeline from the finished ad's (issue 23): the same paid scenes, music and
 * sounds; a new opening (title card, spoken first line and its captions, and optionally another
 * scene's clip as the first shot) and/or a new call to action (the end card's button text, the
 * CTA scene's spoken line and captions, another product picture on the end card), at an aspect.
 * Or another voice saying every line, or another music bed under the ad.
 * Pure: every new voice line and bed is already made and stored; this only rewrites the document.
 */
import { secondsToFrames, type MainClip, type TextItem, type Timeline } from '../../shared/timeline';
import type { Aspect } from '../../shared/domain/aspect';
import { captionItems, evenWordTimes, type TimedSpeechWord } from '../stages/ad-text';

/** A new spoken line, stored: where its audio is and how long it speaks. */
export interface SpokenLine {
  text: string;
  sha256: string;
  /** The file's length and where the speech in it ends (TTS pads with silence). */
  seconds: number;
  speechSeconds: number;
  /** When each word is said, seconds from the file's start (stages/line-timing.ts); absent in lines stored before. */
  words?: TimedSpeechWord[];
}

export interface HookChange {
  /** Hook letter, for media ids ('B'). */
  key: string;
  title: string;
  line: string;
  /** The line spoken; null when the ad has no voice (the captions still change). */
  voice: SpokenLine | null;
  /** Another scene's clip as the first shot: its media id and first source frame. */
  firstShot?: { media: string; in: number } | null;
}

export interface CtaChange {
  key: string;
  action: string;
  line: string;
  voice: SpokenLine | null;
  /** The CTA scene (1-based) whose spoken line and captions change; null when none speaks the CTA. */
  sceneIndex: number | null;
  /** Another product picture for the end card (a media id of the timeline). */
  endProduct?: string | null;
}

const itemsOf = (tl: Timeline) => tl.overlays.flatMap((o) => o.items);
const textItem = (tl: Timeline, id: string) => itemsOf(tl).find((i): i is TextItem => i.kind === 'text' && i.id === id);

/** The scene's caption pages (`caption-<scene>-<page>`), in order. */
export function sceneCaptions(tl: Timeline, scene: number): TextItem[] {
  const re = new RegExp(`^caption-${scene}-\\d+$`);
  return itemsOf(tl).filter((i): i is TextItem => i.kind === 'text' && re.test(i.id)).sort((a, b) => a.start - b.start);
}

/** What the ad says in a scene: its voice line as captioned (the pages joined). */
export function sceneLine(tl: Timeline, scene: number): string {
  return sceneCaptions(tl, scene)
    .map((c) => c.text)
    .join(' ');
}

export function sceneTitle(tl: Timeline, scene: number): string {
  return textItem(tl, `title-${scene}`)?.text ?? '';
}

export function endCardAction(tl: Timeline): string {
  return textItem(tl, 'end-cta')?.text ?? '';
}

export function endCardStart(tl: Timeline): number {
  const end = itemsOf(tl).filter((i) => i.id.startsWith('end-'));
  return end.length ? Math.min(...end.map((i) => i.start)) : Infinity;
}

/** The voice clip of a scene (`voice-<scene>`), if the ad speaks there. */
export function voiceClip(tl: Timeline, scene: number) {
  return tl.audio.find((a) => a.role === 'voice')?.clips.find((c) => c.id === `voice-${scene}`);
}

/** The frames a scene's new line may take: until the next voice line, the end card or the end. */
export function lineWindowFrames(tl: Timeline, scene: number, totalFrames: number): { start: number; until: number } | null {
  const voice = tl.audio.find((a) => a.role === 'voice');
  const clip = voiceClip(tl, scene);
  const caps = sceneCaptions(tl, scene);
  const start = clip?.start ?? caps[0]?.start;
  if (start === undefined) return null;
  const nextVoice = (voice?.clips ?? []).map((c) => c.start).filter((f) => f > start);
  const nextCaps = itemsOf(tl)
    .filter((i) => i.kind === 'text' && i.role === 'caption' && !i.id.startsWith(`caption-${scene}-`) && i.start > start)
    .map((i) => i.start);
  // A line that ends the ad may run under the end card (the CTA is said while it shows).
  const until = Math.min(totalFrames, ...nextVoice, ...nextCaps);
  return { start, until };
}

/**
 * A scene's spoken line replaced in place (variants, and revising a finished ad): the new audio in
 * the scene's voice clip (cut with a short fade where the next line begins), its captions timed
 * across the new speech in the old captions' style. Mutates `tl`.
 */
export function replaceSceneLine(tl: Timeline, scene: number, line: string, voice: SpokenLine | null, mediaId: string, totalFrames: number, portrait: boolean): void {
  const fps = tl.fps;
  const win = lineWindowFrames(tl, scene, totalFrames);
  if (!win) return;
  const old = sceneCaptions(tl, scene);
  const style = old[0]?.style;
  const track = tl.overlays.find((o) => o.items.some((i) => old.includes(i as TextItem))) ?? tl.overlays.find((o) => o.id === 'captions');
  const clip = voiceClip(tl, scene);
  let speech = Math.max(1, (win.until - win.start) / fps - 0.3);
  let words: TimedSpeechWord[] | null = null;
  if (voice && clip) {
    tl.media[mediaId] = { kind: 'audio', sha256: voice.sha256, name: `Voiceover ${scene} (${mediaId})` };
    const whole = secondsToFrames(voice.seconds, fps);
    const frames = Math.max(1, Math.min(whole, win.until - clip.start));
    clip.media = mediaId;
    clip.in = 0;
    clip.out = frames;
    clip.fadeOutFrames = frames < whole ? Math.min(4, frames) : 0;
    speech = Math.min(voice.speechSeconds, frames / fps);
    words = voice.words?.length ? cutTo(voice.words, speech) : null;
  }
  if (!track) return;
  // Captions of the new line, timed to its speech as the voiceover stage times it (the engine's word
  // timing or the audio's pauses); spread by syllables only without audio. The end card keeps the
  // frame clear for scenes before it.
  const until = scene === lastSpokenScene(tl) ? Math.min(win.until, endCardStart(tl)) : win.until;
  const items = captionItems([{ sceneIndex: scene, text: line, start: win.start, words: words ?? evenWordTimes(line, speech) }], {
    fps,
    until,
    portrait,
    accent: style?.accent ?? '#FFFFFF',
    look: style?.look,
  });
  // The new line's captions keep the ad's brand font (issue 22).
  if (style?.font) for (const x of items) x.style = { ...x.style, font: style.font };
  track.items = track.items.filter((i) => !old.includes(i as TextItem));
  track.items.push(...items);
}

/**
 * The words of a line whose audio is cut (it overruns its window and fades out where the next line
 * begins): squeezed into what is heard, so every word is still captioned. Unchanged when it fits.
 */
function cutTo(words: TimedSpeechWord[], seconds: number): TimedSpeechWord[] {
  const end = words[words.length - 1]!.endS;
  if (end <= seconds) return words;
  const k = seconds / end;
  return words.map((w) => ({ text: w.text, startS: w.startS * k, endS: w.endS * k }));
}

function lastSpokenScene(tl: Timeline): number {
  const scenes = itemsOf(tl)
    .map((i) => /^caption-(\d+)-/.exec(i.id)?.[1])
    .filter((s): s is string => !!s)
    .map(Number);
  return scenes.length ? Math.max(...scenes) : 0;
}

/** The ad's length in frames: the end of the last main clip or overlay (as the compiler counts it). */
export function timelineFrames(tl: Timeline): number {
  const main = tl.main.clips.map((c: MainClip) => c.start + (c.out - c.in));
  const over = itemsOf(tl).map((i) => i.start + i.duration);
  return Math.max(0, ...main, ...over);
}

/** Every line of the ad said by another voice: its lines by scene, spoken and stored. */
export interface VoiceChange {
  /** The voice, for media ids ('british'). */
  key: string;
  lines: Record<number, SpokenLine>;
}

/** Another music bed under the whole ad. */
export interface MusicChange {
  key: string;
  sha256: string;
  seconds: number;
  /** Multiplies the bed's clip gain (the new bed as loud as the ad's own). */
  gain: number;
}

export function recutVariant(source: Timeline, change: { hook?: HookChange | null; cta?: CtaChange | null; voice?: VoiceChange | null; music?: MusicChange | null; aspect: Aspect }): Timeline {
  const tl = structuredClone(source);
  const total = timelineFrames(tl);
  const portrait = change.aspect === '9:16';
  tl.output = { ...tl.output, preset: change.aspect };
  // Another voice first: the same words in every scene, their captions timed to the new speech;
  // a new hook or CTA line below replaces its scene's line again (spoken in that voice too).
  if (change.voice)
    for (const [scene, line] of Object.entries(change.voice.lines)) replaceSceneLine(tl, Number(scene), line.text, line, `voice-${scene}-${change.voice.key}`, total, portrait);
  const music = change.music;
  if (music) {
    const id = `music-${music.key}`;
    tl.media[id] = { kind: 'audio', sha256: music.sha256, name: `Music (${music.key})` };
    const frames = secondsToFrames(music.seconds, tl.fps);
    for (const clip of tl.audio.find((a) => a.role === 'music')?.clips ?? []) {
      clip.media = id;
      clip.out = Math.min(clip.out, frames);
      clip.gain = Math.min(4, Math.round(clip.gain * music.gain * 1000) / 1000);
    }
  }
  const hook = change.hook;
  if (hook) {
    const title = textItem(tl, 'title-1');
    if (title) title.text = hook.title;
    replaceSceneLine(tl, 1, hook.line, hook.voice, `voice-1-hook${hook.key}`, total, portrait);
    const first = tl.main.clips[0];
    if (first && hook.firstShot && tl.media[hook.firstShot.media]) {
      const frames = first.out - first.in;
      first.media = hook.firstShot.media;
      first.in = hook.firstShot.in;
      first.out = hook.firstShot.in + frames;
    }
  }
  const cta = change.cta;
  if (cta) {
    const button = textItem(tl, 'end-cta');
    if (button) button.text = cta.action;
    if (cta.sceneIndex !== null) replaceSceneLine(tl, cta.sceneIndex, cta.line, cta.voice, `voice-${cta.sceneIndex}-cta${cta.key}`, total, portrait);
    const product = itemsOf(tl).find((i) => i.id === 'end-product');
    if (product && product.kind === 'image' && cta.endProduct && tl.media[cta.endProduct]) product.media = cta.endProduct;
  }
  return tl;
}
