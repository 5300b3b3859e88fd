/**
 * Envelopes (timeline frames) → FFmpeg forms: fade filters for layers, `volume` expressions of
 * `t` for sounds. Both are linear in time, like `valueAt`, so the export equals the preview.
 */
import { isConstant, type Envelope } from '../../shared/timeline';
import { formatNumber } from './escape';

export interface LayerFades {
  /** Constant opacity between the fades. */
  level: number;
  /** Seconds relative to the layer's first frame. */
  fadeIn: { st: number; d: number } | null;
  fadeOut: { st: number; d: number } | null;
}

/**
 * Reads a layer opacity envelope of the shape the compiler produces (0→level, hold, level→0)
 * into fades. Anything else is a compiler bug, reported as such.
 */
export function layerFades(env: Envelope, layerStart: number, fps: number): LayerFades {
  if (env.length === 0) return { level: 1, fadeIn: null, fadeOut: null };
  const level = Math.max(...env.map((k) => k.value));
  const sec = (frame: number) => (frame - layerStart) / fps;
  let i = 0;
  let fadeIn: LayerFades['fadeIn'] = null;
  if (env[0]!.value === 0 && env.length > 1) {
    i = env.findIndex((k) => k.value === level);
    fadeIn = { st: sec(env[0]!.frame), d: sec(env[i]!.frame) - sec(env[0]!.frame) };
  }
  let fadeOut: LayerFades['fadeOut'] = null;
  const last = env[env.length - 1]!;
  if (last.value === 0 && env.length > 1 && env.length - 1 > i) {
    const j = env.length - 2;
    fadeOut = { st: sec(env[j]!.frame), d: sec(last.frame) - sec(env[j]!.frame) };
    if (env[j]!.value !== level || j < i) throw new Error(`unexpected opacity envelope ${JSON.stringify(env)}`);
  }
  const interior = env.slice(i, fadeOut ? env.length - 1 : env.length);
  if (!interior.every((k) => k.value === level)) throw new Error(`unexpected opacity envelope ${JSON.stringify(env)}`);
  return { level, fadeIn, fadeOut };
}

/**
 * A piecewise-linear expression of `t` (seconds) for `volume=…:eval=frame`. Constant envelopes
 * become a plain number.
 */
export function envelopeExpr(env: Envelope, fps: number): string {
  if (env.length === 0) return '1';
  if (isConstant(env)) return formatNumber(env[0]!.value);
  const pts = env.map((k) => ({ t: k.frame / fps, v: k.value }));
  let expr = formatNumber(pts[pts.length - 1]!.v);
  for (let i = pts.length - 1; i >= 1; i--) {
    const a = pts[i - 1]!;
    const b = pts[i]!;
    const seg = b.t === a.t ? formatNumber(b.v) : a.v === b.v ? formatNumber(a.v) : `${formatNumber(a.v)}+(t-${formatNumber(a.t)})*${formatNumber((b.v - a.v) / (b.t - a.t))}`;
    expr = `if(lt(t,${formatNumber(b.t)}),${seg},${expr})`;
  }
  return `if(lt(t,${formatNumber(pts[0]!.t)}),${formatNumber(pts[0]!.v)},${expr})`;
}
