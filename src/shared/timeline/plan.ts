/**
 * The compiled plan: absolute, flattened, validated. What the preview draws at frame f
 * (`frameAt`) and what the exporter turns into one FFmpeg graph (`toFfmpeg`). Pixel values are
 * output pixels of this plan's size (a draft plan is smaller).
 */
import type { Envelope } from './envelope';
import type { Anchor, AspectPreset, AudioRole, OutputSettings, TextRole } from './model';
import type { Rect } from './slots';
import type { TextRaster, TextSpec } from './text-layout';

export interface PlanBox {
  anchor: Anchor;
  /** Offsets inward from the anchor, output px. */
  x: number;
  y: number;
  /** Output px; null = derive from the media's aspect ratio (or its natural size × unit). */
  w: number | null;
  h: number | null;
}

interface LayerBase {
  /** The timeline item's id. */
  id: string;
  /** First frame shown and first frame no longer shown (half-open). */
  start: number;
  end: number;
  /** 0–1 over timeline frames (fades, crossfades, dips, item opacity). */
  opacity: Envelope;
}

export interface ClipLayer extends LayerBase {
  kind: 'clip';
  media: string;
  mediaKind: 'video' | 'image';
  /** Source frame (at project fps) shown at `start`. */
  sourceIn: number;
  fit: 'cover' | 'contain';
  /** How it joins the previous main clip (crossfade: it overlaps that clip by `frames`). */
  transitionIn: { kind: 'cut' | 'crossfade' | 'dip'; frames: number };
}

export interface ImageLayer extends LayerBase {
  kind: 'image';
  media: string;
  mediaKind: 'video' | 'image';
  box: PlanBox;
  /** Layout slot (output px) the picture is fitted into (contain, centred); null = `box`. */
  slot: Rect | null;
  /** What the picture is, for layout checks: the product hero/pop, the logo, or free. */
  role: 'product' | 'logo' | 'image';
}

/**
 * Text, drawn as the text engine's picture of `spec` (preview and export alike). Caption pages
 * with timed words become one layer per spoken word (same `group`, same box, the word
 * highlighted).
 */
export interface TextLayer extends LayerBase {
  kind: 'text';
  role: TextRole;
  /** The timeline item's id (several layers share it for a caption page). */
  group: string;
  spec: TextSpec;
  /** The rendered picture, or null until the engine has rendered it (then `box` is an estimate). */
  raster: TextRaster | null;
  /** Where the picture is drawn, output px. */
  box: { left: number; top: number; width: number; height: number };
  /** The engine had to cut the text with "…". */
  truncated: boolean;
}

export type PlanLayer = ClipLayer | ImageLayer | TextLayer;

export interface PlanSound {
  id: string;
  /** `scene` is a main-track clip's own sound. */
  role: AudioRole | 'scene';
  media: string;
  start: number;
  end: number;
  sourceIn: number;
  /** Linear gain over timeline frames: track × clip gain, fades, transitions, ducking. */
  gain: Envelope;
}

export interface Plan {
  fps: number;
  preset: AspectPreset;
  draft: boolean;
  width: number;
  height: number;
  /** Output px per reference px (short side / 1080). */
  unit: number;
  totalFrames: number;
  background: string;
  /** Bottom to top. */
  layers: PlanLayer[];
  sounds: PlanSound[];
  output: Pick<OutputSettings, 'crf' | 'x264Preset' | 'audioBitrateK' | 'loudnessLufs'>;
  /** Media ids the plan uses, with the kind the timeline declares. */
  media: Record<string, { kind: 'video' | 'image' | 'audio'; usedAs: Array<'main' | 'overlay' | 'audio'> }>;
}
