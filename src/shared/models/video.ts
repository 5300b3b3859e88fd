/**
 * What a video model can make of an ad, from the catalog data alone (pure; the app plans with
 * it and the proxy guards with it): which resolution to ask for, the longest clip it makes there,
 * how many scenes an ad of a given length needs so no clip is cut short, the clip length to
 * request for a scene, and how an output aspect the model does not generate is framed.
 */
import type { CatalogModel, VideoAspect, VideoResolution } from './catalog';
import type { Aspect } from '../domain/aspect';

/** Scenes overlap by a 1 s crossfade, so every scene but the last needs one extra second of clip. */
export const CROSSFADE_SECONDS = 1;
/** The most scenes an ad is cut into (a 60 s ad on a model with 8 s clips needs 9). */
export const MAX_SCENES = 10;

export interface SnappedDuration {
  requestSeconds: number;
  /** Paid seconds trimmed away. */
  wastedSeconds: number;
  /** Seconds the scene wanted beyond the longest clip (0 when the plan fits the model). */
  shortBySeconds: number;
}

function durationsOf(model: CatalogModel, resolution?: string): number[] {
  const r = resolution ? model.video?.resolutions.find((x) => x.name === resolution) : undefined;
  return [...(r?.durations ?? model.allowedDurations)].sort((a, b) => a - b);
}

/**
 * The duration to ask the model for: the shortest allowed (at that resolution) that covers the
 * wanted one (the clip is trimmed afterwards), or the longest allowed when nothing covers it.
 */
export function snapDuration(model: CatalogModel, wantedSeconds: number, resolution?: string): SnappedDuration {
  const wanted = Math.max(1, Math.ceil(wantedSeconds));
  const allowed = durationsOf(model, resolution);
  if (allowed.length === 0) return { requestSeconds: wanted, wastedSeconds: 0, shortBySeconds: 0 };
  const fit = allowed.find((d) => d >= wanted) ?? allowed[allowed.length - 1]!;
  return { requestSeconds: fit, wastedSeconds: Math.max(0, fit - wantedSeconds), shortBySeconds: Math.max(0, wantedSeconds - fit) };
}

/** The longest clip (seconds) at a resolution; Infinity for models that take any length. */
export function maxClipSeconds(model: CatalogModel, resolution?: string): number {
  const d = durationsOf(model, resolution);
  return d.length ? d[d.length - 1]! : Infinity;
}

/**
 * The fewest scenes an ad of `lengthSeconds` needs when no clip may be longer than `maxClip`:
 * every scene but the last also carries the crossfade second, and durations are split evenly.
 */
export function minScenesFor(lengthSeconds: number, maxClip: number): number {
  if (!Number.isFinite(maxClip)) return 1;
  return Math.max(1, Math.ceil(lengthSeconds / Math.max(1, maxClip - CROSSFADE_SECONDS)));
}

export interface VideoSettings {
  resolution: VideoResolution | null;
  maxClipSeconds: number;
  /** At least this many scenes, so every clip fits the model. */
  minScenes: number;
  /** Why the plan differs from what was asked (shown in the run's notes). */
  notes: string[];
}

/**
 * The resolution to generate at for an output whose short side is `shortSide` px: the lowest one
 * that reaches it (or the highest the model has), unless an ad of this length would then need
 * more than MAX_SCENES scenes — then the nearest resolution whose clips are long enough.
 */
export function videoSettings(model: CatalogModel, lengthSeconds: number, shortSide: number): VideoSettings {
  const resolutions = [...(model.video?.resolutions ?? [])].sort((a, b) => a.lines - b.lines);
  if (resolutions.length === 0) {
    const max = maxClipSeconds(model);
    return { resolution: null, maxClipSeconds: max, minScenes: minScenesFor(lengthSeconds, max), notes: [] };
  }
  const wanted = Math.min(shortSide, resolutions[resolutions.length - 1]!.lines);
  const preferred = resolutions.find((r) => r.lines >= wanted) ?? resolutions[resolutions.length - 1]!;
  const fits = (r: VideoResolution) => minScenesFor(lengthSeconds, maxClipSeconds(model, r.name)) <= MAX_SCENES;
  const byDistance = [...resolutions].sort((a, b) => Math.abs(a.lines - preferred.lines) - Math.abs(b.lines - preferred.lines) || b.lines - a.lines);
  const chosen = fits(preferred) ? preferred : (byDistance.find(fits) ?? preferred);
  const max = maxClipSeconds(model, chosen.name);
  const notes = chosen === preferred ? [] : [`${model.slug} makes ${maxClipSeconds(model, preferred.name)} s clips at most at ${preferred.name}; this ${lengthSeconds} s ad is generated at ${chosen.name} (${max} s clips).`];
  return { resolution: chosen, maxClipSeconds: max, minScenes: minScenesFor(lengthSeconds, max), notes };
}

export interface GenerationFrame {
  /** The aspect the model generates. */
  aspect: Aspect;
  /** How the composition frames a clip of that aspect in the output. */
  fit: 'cover' | 'contain';
  /** The model's own aspect value, if it takes one. */
  value?: string;
  /** The exact start-frame size the model needs, if any. */
  frame?: { width: number; height: number };
}

/**
 * How a model makes clips for an output aspect: natively when it can; otherwise (1:1 on a model
 * without 1:1) at its first native aspect, cropped to fill the frame (cover) by the composition.
 */
export function generationFrame(model: CatalogModel, outputAspect: Aspect): GenerationFrame {
  const aspects: VideoAspect[] = model.video?.aspects ?? [{ aspect: outputAspect }];
  const native = aspects.find((a) => a.aspect === outputAspect);
  const use = native ?? aspects[0]!;
  return { aspect: use.aspect, fit: 'cover', ...(use.value ? { value: use.value } : {}), ...(use.frame ? { frame: use.frame } : {}) };
}

/** Width ÷ height of an aspect name. */
export function aspectRatio(aspect: Aspect): number {
  const [w, h] = aspect.split(':').map(Number) as [number, number];
  return w / h;
}

/**
 * The input that takes a clip's last frame on this model at this resolution, or null when the
 * model only takes a first frame there (issue 21: keyframe-anchored scenes need both). From the
 * published schemas: Hailuo-02 `last_frame_image`, Veo 3.1 `last_frame`, Kling 2.1 `end_image`
 * in pro mode only (1080p); Sora 2 has none.
 */
export function lastFrameInput(model: CatalogModel, resolution?: string): { field: string } | null {
  const end = model.video?.endImage;
  if (!end) return null;
  const r = model.video!.resolutions.find((x) => x.name === (resolution ?? model.video!.defaultResolution));
  const needs = Object.entries(end.needs ?? {});
  if (needs.length && !needs.every(([k, v]) => r?.input[k] === v)) return null;
  return { field: end.field };
}

