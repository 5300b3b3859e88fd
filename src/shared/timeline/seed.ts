/**
 * Seed defaults (PRODUCT.md "Composition"): 1 s crossfades; product overlay bottom-right, 400 px
 * wide at 1080p, 40 px padding, 2 s, fading in and out; voice 100 %, music 30 % ducked gently
 * (to 50 %) under voice, SFX 50 %; −14 LUFS (the pipeline sets voice and music gains from
 * measured loudness instead: pipeline/stages/mix-levels.ts); H.264 CRF 23 medium, AAC 192 k. The pipeline builds its timeline
 * with these; the editor uses them for new items.
 */
import {
  Ducking,
  OutputSettings,
  TIMELINE_SCHEMA,
  TIMELINE_VERSION,
  type AspectPreset,
  type AudioRole,
  type AudioTrack,
  type ImageItem,
  type MainClip,
  type TextItem,
  type Timeline,
} from './model';

export const ROLE_GAIN: Record<AudioRole, number> = { voice: 1, music: 0.3, sfx: 0.5 };
export const DEFAULT_CROSSFADE_S = 1;
export const PRODUCT_OVERLAY = { widthRef: 400, paddingRef: 40, durationS: 2, fadeS: 0.5 } as const;
export const CAPTION_STYLE = { fontSize: 56, color: '#FFFFFF', background: '#000000', backgroundOpacity: 0.55, bottomRef: 96, maxWidthRef: 900 } as const;

export const secondsToFrames = (s: number, fps: number) => Math.round(s * fps);
export const framesToSeconds = (f: number, fps: number) => f / fps;

/** An empty, valid-to-edit timeline (export needs at least one clip or overlay). */
export function emptyTimeline(opts: { fps?: number; preset?: AspectPreset } = {}): Timeline {
  return {
    schema: TIMELINE_SCHEMA,
    version: TIMELINE_VERSION,
    fps: opts.fps ?? 30,
    output: OutputSettings.parse({ preset: opts.preset ?? '16:9' }),
    media: {},
    main: { clips: [] },
    overlays: [
      { id: 'products', name: 'Products', z: 10, hidden: false, items: [] },
      { id: 'captions', name: 'Captions', z: 20, hidden: false, items: [] },
    ],
    audio: (['voice', 'music', 'sfx'] as const).map((role) => defaultAudioTrack(role)),
    ducking: Ducking.parse({}),
  };
}

export function defaultAudioTrack(role: AudioRole, id: string = role): AudioTrack {
  return { id, role, gain: ROLE_GAIN[role], muted: false, clips: [] };
}

export interface SceneInput {
  id: string;
  media: string;
  /** Frames to use from the source. */
  frames: number;
  in?: number;
  gain?: number;
}

/**
 * Lays scenes end to end on the main track joined by crossfades (default 1 s, shortened to fit
 * short clips). Each crossfade overlaps the neighbours, so the total is Σframes − Σcrossfades.
 */
export function sequenceScenes(scenes: SceneInput[], opts: { fps: number; crossfadeFrames?: number; transition?: 'crossfade' | 'cut' | 'dip' }): MainClip[] {
  const kind = opts.transition ?? 'crossfade';
  const want = opts.crossfadeFrames ?? secondsToFrames(DEFAULT_CROSSFADE_S, opts.fps);
  const clips: MainClip[] = [];
  let cursor = 0;
  scenes.forEach((s, i) => {
    const inF = s.in ?? 0;
    const prev = clips[i - 1];
    let t: MainClip['transitionIn'] = { kind: 'cut', frames: 0 };
    if (prev && kind !== 'cut') {
      const limit = kind === 'crossfade' ? Math.min(s.frames, prev.out - prev.in) : 2 * Math.min(s.frames, prev.out - prev.in);
      const frames = Math.min(want, limit);
      if (frames > 0) t = { kind, frames };
    }
    const start = t.kind === 'crossfade' ? cursor - t.frames : cursor;
    clips.push({ id: s.id, media: s.media, start, in: inF, out: inF + s.frames, fit: 'cover', gain: s.gain ?? 0, transitionIn: t });
    cursor = start + s.frames;
  });
  return clips;
}

/**
 * Re-packs main-track starts after an edit (trim, reorder, delete): clips keep their order and
 * transitions; each starts where the previous ends (minus its crossfade). Ripple semantics.
 */
export function layoutMainTrack(clips: MainClip[]): MainClip[] {
  let cursor = 0;
  return clips.map((c, i) => {
    const crossfade = i > 0 && c.transitionIn.kind === 'crossfade' ? c.transitionIn.frames : 0;
    const transitionIn = i === 0 && c.transitionIn.kind === 'crossfade' ? { kind: 'cut' as const, frames: 0 } : c.transitionIn;
    const start = Math.max(0, cursor - crossfade);
    cursor = start + (c.out - c.in);
    return { ...c, start, transitionIn };
  });
}

/** The default product shot: bottom-right, 400 ref-px wide, 40 padding, 2 s, 0.5 s fades. */
export function productOverlay(opts: { id: string; media: string; start: number; fps: number; durationFrames?: number }): ImageItem {
  const fade = secondsToFrames(PRODUCT_OVERLAY.fadeS, opts.fps);
  return {
    id: opts.id,
    kind: 'image',
    media: opts.media,
    start: opts.start,
    duration: opts.durationFrames ?? secondsToFrames(PRODUCT_OVERLAY.durationS, opts.fps),
    opacity: 1,
    fadeInFrames: fade,
    fadeOutFrames: fade,
    placement: { anchor: 'bottom-right', x: PRODUCT_OVERLAY.paddingRef, y: PRODUCT_OVERLAY.paddingRef, w: PRODUCT_OVERLAY.widthRef },
  };
}

/** A caption line (e.g. the voiceover line of a scene), bottom-centre with a dark box. */
export function caption(opts: { id: string; text: string; start: number; durationFrames: number; fps: number }): TextItem {
  const fade = Math.min(secondsToFrames(0.2, opts.fps), Math.floor(opts.durationFrames / 2));
  return {
    id: opts.id,
    kind: 'text',
    role: 'caption',
    text: opts.text,
    start: opts.start,
    duration: opts.durationFrames,
    opacity: 1,
    fadeInFrames: fade,
    fadeOutFrames: fade,
    placement: { anchor: 'bottom', x: 0, y: CAPTION_STYLE.bottomRef, w: CAPTION_STYLE.maxWidthRef },
    style: { fontSize: CAPTION_STYLE.fontSize, color: CAPTION_STYLE.color, background: CAPTION_STYLE.background, backgroundOpacity: CAPTION_STYLE.backgroundOpacity },
  };
}
