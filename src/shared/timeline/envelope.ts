/**
 * Piecewise-linear envelopes over timeline frames: opacity of a layer, gain of a sound. The
 * compiler folds fades, transitions and ducking into them; the preview evaluates them per frame
 * and the exporter turns them into FFmpeg fades/expressions, so both read the same numbers.
 */

/** `frame` may be fractional (a 15-frame dip fades over 7.5 frames each side). */
export interface Keyframe {
  frame: number;
  value: number;
}
/** Sorted by frame; the value holds before the first and after the last keyframe. */
export type Envelope = Keyframe[];

export const constant = (value: number): Envelope => [{ frame: 0, value }];

export function valueAt(env: Envelope, frame: number): number {
  if (env.length === 0) return 1;
  const first = env[0]!;
  if (frame <= first.frame) return first.value;
  for (let i = 1; i < env.length; i++) {
    const b = env[i]!;
    if (frame <= b.frame) {
      const a = env[i - 1]!;
      if (b.frame === a.frame) return b.value;
      return a.value + ((b.value - a.value) * (frame - a.frame)) / (b.frame - a.frame);
    }
  }
  return env[env.length - 1]!.value;
}

/** Sorts, drops exact duplicates and collinear interior points (keeps envelopes short). */
export function normalize(env: Envelope): Envelope {
  const sorted = [...env].sort((a, b) => a.frame - b.frame);
  const out: Envelope = [];
  for (const k of sorted) {
    const last = out[out.length - 1];
    if (last && last.frame === k.frame && last.value === k.value) continue;
    out.push({ frame: k.frame, value: round6(k.value) });
  }
  return out.filter((k, i) => {
    const a = out[i - 1];
    const b = out[i + 1];
    if (!a || !b || b.frame === a.frame) return true;
    const expected = a.value + ((b.value - a.value) * (k.frame - a.frame)) / (b.frame - a.frame);
    return Math.abs(expected - k.value) > 1e-9;
  });
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** Pointwise product, sampled at the union of keyframes (exact when ramps do not overlap). */
export function multiply(a: Envelope, b: Envelope): Envelope {
  const frames = [...new Set([...a, ...b].map((k) => k.frame))].sort((x, y) => x - y);
  if (frames.length === 0) return [];
  // Frames ascend, so each envelope is read with a forward cursor: linear, not quadratic (a long
  // music bed ducked under a hundred voice lines has hundreds of keyframes; the editor
  // recompiles on every edit, issue 8).
  const ra = sortedReader(a);
  const rb = sortedReader(b);
  return normalize(frames.map((frame) => ({ frame, value: ra(frame) * rb(frame) })));
}

/** valueAt for ascending frames, resuming where the previous call stopped. */
function sortedReader(env: Envelope): (frame: number) => number {
  let i = 1;
  return (frame) => {
    if (env.length === 0) return 1;
    const first = env[0]!;
    if (frame <= first.frame) return first.value;
    while (i < env.length && frame > env[i]!.frame) i++;
    if (i >= env.length) return env[env.length - 1]!.value;
    const b = env[i]!;
    const a = env[i - 1]!;
    if (b.frame === a.frame) return b.value;
    return a.value + ((b.value - a.value) * (frame - a.frame)) / (b.frame - a.frame);
  };
}

/** A ramp 0→1 over [start, start+len] and 1→0 over [end−outLen, end], scaled by `level`. */
export function fadeInOut(level: number, start: number, end: number, inLen: number, outLen: number): Envelope {
  const env: Envelope = [];
  if (inLen > 0) env.push({ frame: start, value: 0 }, { frame: start + inLen, value: level });
  else env.push({ frame: start, value: level });
  if (outLen > 0) env.push({ frame: end - outLen, value: level }, { frame: end, value: 0 });
  return normalize(env);
}

/** True when the envelope is the same value everywhere. */
export function isConstant(env: Envelope): boolean {
  return env.every((k) => k.value === env[0]?.value);
}
