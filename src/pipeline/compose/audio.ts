/**
 * The sound half of the graph: every sound normalised to 48 kHz stereo, trimmed, delayed and
 * padded to the full length (so amix's 1/N scaling is exact and undone by volume=N), its gain
 * envelope as a volume expression — the same numbers the preview plays — then the master.
 *
 * Mastering (two-pass, measured by master.ts before the encode):
 *   mix → volume (gain that lands the mix on the target) → 192 kHz → alimiter (a peak limiter at
 *   4× oversampling, i.e. a true-peak limiter) → loudnorm in linear mode with the measured
 *   values of exactly this chain (so it applies one constant gain and no dynamic processing)
 *   → 48 kHz. Without a measurement (a graph built on its own, e.g. in a snapshot test) the
 *   master is loudnorm's one-pass mode.
 */
import type { Plan, PlanSound } from '../../shared/timeline';
import { filter, formatNumber } from './escape';
import { envelopeExpr } from './expressions';
import type { MediaFacts } from './graph';

export const SAMPLE_RATE = 48_000;
/** loudnorm works (and measures true peak) at 192 kHz; so does the limiter before it. */
export const OVERSAMPLED_RATE = 192_000;
/** Where every ad's true peak must stay (PRODUCT.md "What an ad must be"). */
export const TRUE_PEAK_LIMIT_DB = -1;
/** The limiter's ceiling: below the limit by the overshoot AAC encoding adds to peaks. */
export const LIMITER_CEILING_DB = -2;
/** Loudness range target: the widest loudnorm allows, so linear mode is never refused for it. */
export const MASTER_LRA = 20;

export interface Mastering {
  targetLufs: number;
  /** Gain before the limiter, dB. */
  gainDb: number;
  /** The limiter's ceiling, dB (of full scale, at 4× oversampling). */
  ceilingDb: number;
  /**
   * The limited mix measured with ebur128 (the meter `zapcut check` reads), handed to loudnorm as
   * its first pass so its second pass applies exactly target − i, linearly. (loudnorm's own first
   * pass reads speech up to 0.4 LU lower than ebur128 does in FFmpeg 4.1.)
   */
  measured: { i: number; tp: number; lra: number; thresh: number };
}

/** What follows the mix: the master, a measurement, or nothing. */
export type AudioTail =
  | { kind: 'master'; mastering: Mastering | null }
  /** A measuring pass: ebur128 (summary on stderr) after the given gain and limiter, at 48 kHz. */
  | { kind: 'measure'; gainDb: number | null; ceilingDb: number | null }
  /** The mix (or the chosen stems) as they are. */
  | { kind: 'raw' }
  /** Momentary/short-term loudness of every 100 ms block, printed to `file` (ffmpeg/loudness.ts parseR128Metadata). */
  | { kind: 'blocks'; file: string };

const limiter = (gainDb: number, ceilingDb: number) => [
  `volume=${formatNumber(Math.round(gainDb * 1000) / 1000)}dB`,
  `aresample=${OVERSAMPLED_RATE}`,
  // level=0: the default "auto level" would lift the limited signal back up to 0 dBFS.
  `alimiter=limit=${formatNumber(Math.round(Math.pow(10, ceilingDb / 20) * 1e6) / 1e6)}:attack=5:release=50:level=0`,
];

/** The filters after the mix for `tail`, given the timeline's loudness target (null: untouched). */
export function tailFilters(tail: AudioTail, loudnessLufs: number | null): string[] {
  if (tail.kind === 'raw') return [];
  if (tail.kind === 'blocks') return ['asetnsamples=n=4800:p=0', 'ebur128=metadata=1', filter('ametadata', { mode: { raw: 'print' }, file: tail.file })];
  if (tail.kind === 'measure') {
    const pre = tail.gainDb === null || tail.ceilingDb === null ? [] : limiter(tail.gainDb, tail.ceilingDb);
    return [...pre, `aresample=${SAMPLE_RATE}`, 'ebur128=peak=true'];
  }
  if (loudnessLufs === null) return [];
  const m = tail.mastering;
  if (!m) return [`loudnorm=I=${formatNumber(loudnessLufs)}:TP=-1.5:LRA=11`, `aresample=${SAMPLE_RATE}`];
  const r2 = (v: number) => formatNumber(Math.round(v * 100) / 100);
  return [
    ...limiter(m.gainDb, m.ceilingDb),
    `loudnorm=I=${formatNumber(m.targetLufs)}:TP=${TRUE_PEAK_LIMIT_DB}:LRA=${MASTER_LRA}:measured_I=${r2(m.measured.i)}:measured_TP=${r2(m.measured.tp)}:measured_LRA=${r2(m.measured.lra)}:measured_thresh=${r2(m.measured.thresh)}:linear=true`,
    `aresample=${SAMPLE_RATE}`,
  ];
}

export interface AudioBuildOptions {
  /** Only these sounds (e.g. the voice stem); default all. */
  roles?: ReadonlyArray<PlanSound['role']>;
  tail: AudioTail;
}

/** Chains ending in `[aout]`, exactly `totalFrames` long. */
export function buildAudio(
  plan: Plan,
  facts: (id: string) => MediaFacts,
  inputFor: (sound: PlanSound) => number,
  opts: AudioBuildOptions,
): string[] {
  const { fps, totalFrames } = plan;
  const chains: string[] = [];
  const totalSamples = Math.round((totalFrames * SAMPLE_RATE) / fps);
  const labels: string[] = [];
  plan.sounds.forEach((s, i) => {
    if (opts.roles && !opts.roles.includes(s.role)) return;
    const m = facts(s.media);
    if (!m.hasAudio) return;
    const frames = s.end - s.start;
    const idx = inputFor(s);
    const delayMs = Math.round((s.start * 1000) / fps);
    const label = `a${i}`;
    chains.push(
      `[${idx}:a:0]aresample=${SAMPLE_RATE},aformat=sample_fmts=fltp:sample_rates=${SAMPLE_RATE}:channel_layouts=stereo,asetpts=PTS-STARTPTS,` +
        `atrim=end_sample=${Math.round((frames * SAMPLE_RATE) / fps)}` +
        (delayMs > 0 ? `,adelay=${delayMs}|${delayMs}` : '') +
        `,apad=whole_len=${totalSamples},atrim=end_sample=${totalSamples},asetpts=N/SR/TB,` +
        `${filter('volume', { volume: envelopeExpr(s.gain, fps), eval: { raw: 'frame' } })}[${label}]`,
    );
    labels.push(label);
  });
  let mix: string;
  if (labels.length === 0) mix = `anullsrc=r=${SAMPLE_RATE}:cl=stereo,atrim=end_sample=${totalSamples}`;
  else if (labels.length === 1) mix = `[${labels[0]}]anull`;
  else mix = `${labels.map((l) => `[${l}]`).join('')}amix=inputs=${labels.length}:duration=first:dropout_transition=0,volume=${labels.length}`;
  chains.push([mix, ...tailFilters(opts.tail, plan.output.loudnessLufs), `atrim=end_sample=${totalSamples}`, 'asetpts=N/SR/TB[aout]'].join(','));
  return chains;
}
