/**
 * The compiled plan: absolute, flattened, validated. What the preview draws at frame f
 * (`frameAt`) and what the exporter turns into one FFmpeg graph (`toFfmpeg`). Pixel values are
 * output pixels of this plan's size (a draft plan is smaller).
 */
import type { Envelope } from './envelope';
import type { Anchor, AspectPreset, AudioRole, OutputSettings } from './model';

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
}

export interface TextLayer extends LayerBase {
  kind: 'text';
  /** Already wrapped; one entry per drawn line. */
  lines: string[];
  fontSize: number;
  lineHeight: number;
  color: string;
  background: string | null;
  backgroundOpacity: number;
  /** Padding of the background box around each line, px. */
  boxPadding: number;
  anchor: Anchor;
  x: number;
  y: number;
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
