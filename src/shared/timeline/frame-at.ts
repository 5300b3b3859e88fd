/**
 * frameAt(plan, f): what the live preview draws at frame f, bottom to top. The exporter draws
 * the same layers with the same envelopes, so a paused preview frame matches the export.
 */
import { valueAt } from './envelope';
import type { ClipLayer, ImageLayer, Plan, PlanSound, TextLayer } from './plan';

export type VisibleLayer =
  | (ClipLayer & { alpha: number; sourceFrame: number; sourceTimeS: number })
  | (ImageLayer & { alpha: number; sourceFrame: number })
  | (TextLayer & { alpha: number });

export interface FrameView {
  frame: number;
  timeS: number;
  width: number;
  height: number;
  background: string;
  layers: VisibleLayer[];
}

export function frameAt(plan: Plan, frame: number): FrameView {
  const f = Math.floor(frame);
  const layers: VisibleLayer[] = [];
  for (const layer of plan.layers) {
    if (f < layer.start || f >= layer.end) continue;
    const alpha = valueAt(layer.opacity, f);
    if (alpha <= 0) continue;
    if (layer.kind === 'clip') {
      const sourceFrame = layer.sourceIn + (f - layer.start);
      layers.push({ ...layer, alpha, sourceFrame, sourceTimeS: sourceFrame / plan.fps });
    } else if (layer.kind === 'image') {
      layers.push({ ...layer, alpha, sourceFrame: f - layer.start });
    } else {
      layers.push({ ...layer, alpha });
    }
  }
  return { frame: f, timeS: f / plan.fps, width: plan.width, height: plan.height, background: plan.background, layers };
}

/** Gain of each sound audible at frame f (for preview metering / mixing). */
export function soundsAt(plan: Plan, frame: number): Array<{ sound: PlanSound; gain: number; sourceTimeS: number }> {
  return plan.sounds
    .filter((s) => frame >= s.start && frame < s.end)
    .map((sound) => ({ sound, gain: valueAt(sound.gain, frame), sourceTimeS: (sound.sourceIn + frame - sound.start) / plan.fps }));
}
