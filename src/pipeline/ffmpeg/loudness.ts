/**
 * Loudness measurement (ITU-R BS.1770 / EBU R128) with FFmpeg's own meters — the numbers the
 * mastering, `zapcut check` and bench:ad-quality all report, so they agree with each other.
 *
 * - `measureLoudness` runs `ebur128=peak=true` (integrated, LRA, true peak at 4× oversampling)
 *   and, when asked, logs the momentary loudness of every 100 ms block to a file
 *   (`ametadata=print`, not stderr: a minute of blocks is larger than the runner keeps).
 * - `loudnessOverWindows` is the loudness of one stem inside given time windows: the power mean
 *   of the 400 ms momentary blocks that lie inside them. Taken over the speech windows for the
 *   voice stem and the music stem, the difference is "music N dB under the voice during speech"
 *   — the BS.1770 loudness of each stem over the same stretches of time.
 * Every source is first made 48 kHz stereo exactly as the export graph does (a mono voice line
 * goes to both channels at −3 dB each, the same power), so a stem measures as it mixes.
 */
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppError } from '../../shared/errors';
import { runFfmpeg } from './run';

export interface LoudnessStats {
  /** Integrated loudness, LUFS (−70 for silence). */
  integratedLufs: number;
  /** Relative gate of the integrated measurement, LUFS. */
  thresholdLufs: number;
  /** Loudness range, LU. */
  lraLu: number;
  /** Maximum true peak over all channels, dBTP (null when the meter did not report one). */
  truePeakDb: number | null;
}

/** One 100 ms step of the momentary (400 ms) and short-term (3 s) meters; `t` is its end, seconds. */
export interface LoudnessBlock {
  t: number;
  momentary: number;
  shortTerm: number;
}

export interface LoudnessMeasurement extends LoudnessStats {
  blocks: LoudnessBlock[];
}

/** What the export graph does to every sound before mixing (graph.ts / audio.ts). */
export const MIX_FORMAT = 'aresample=48000,aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo';

const num = (s: string | undefined): number | null => {
  if (s === undefined) return null;
  const v = Number(s);
  return Number.isFinite(v) ? v : null;
};

/** The summary ebur128 prints when it closes (the last one in `stderr`). */
export function parseEbur128Summary(stderr: string): LoudnessStats {
  const at = stderr.lastIndexOf('Summary:');
  if (at < 0) throw new AppError('FFMPEG', 'The loudness meter (ebur128) printed no summary.');
  const s = stderr.slice(at);
  const integrated = num(/Integrated loudness:\s*\n\s*I:\s*(-?[\d.]+|-inf) LUFS/.exec(s)?.[1]);
  const threshold = num(/Integrated loudness:\s*\n\s*I:.*\n\s*Threshold:\s*(-?[\d.]+) LUFS/.exec(s)?.[1]);
  const lra = num(/Loudness range:\s*\n\s*LRA:\s*(-?[\d.]+) LU/.exec(s)?.[1]);
  const peakRaw = /True peak:\s*\n\s*Peak:\s*(-?[\d.]+|-inf) dBFS/.exec(s)?.[1];
  if (integrated === null && !/I:\s*-inf/.test(s)) throw new AppError('FFMPEG', 'The loudness meter (ebur128) summary has no integrated loudness.');
  return {
    integratedLufs: integrated ?? -70,
    thresholdLufs: threshold ?? -70,
    lraLu: lra ?? 0,
    truePeakDb: peakRaw === undefined ? null : peakRaw === '-inf' ? -Infinity : Number(peakRaw),
  };
}

/** Per-frame metadata written by `ebur128=metadata=1,ametadata=print:file=…`. */
export function parseR128Metadata(text: string): LoudnessBlock[] {
  const blocks: LoudnessBlock[] = [];
  let cur: Partial<LoudnessBlock> | null = null;
  const push = () => {
    if (cur && cur.t !== undefined && cur.momentary !== undefined) blocks.push({ t: cur.t, momentary: cur.momentary, shortTerm: cur.shortTerm ?? cur.momentary });
  };
  for (const line of text.split('\n')) {
    const frame = /^frame:\d+\s+pts:\S+\s+pts_time:(\S+)/.exec(line);
    if (frame) {
      push();
      cur = { t: Number(frame[1]) };
      continue;
    }
    if (!cur) continue;
    const m = /^lavfi\.r128\.(M|S)=(\S+)/.exec(line);
    if (m) {
      // `-inf` at digital silence, and `nan`/`-nan` when the meter's running 400 ms sum dips a
      // hair below zero after a sound stops (float rounding in its sliding window — seen on the
      // voice stem right after each system-voice line): both are silence, not a number to average.
      const parsed = Number(m[2]);
      const v = Number.isFinite(parsed) ? parsed : -Infinity;
      if (m[1] === 'M') cur.momentary = v;
      else cur.shortTerm = v;
    }
  }
  push();
  // pts_time is the start of each 100 ms frame; the meters include it, so the block ends 0.1 s later.
  return blocks.map((b) => ({ ...b, t: Math.round((b.t + 0.1) * 1000) / 1000 }));
}

/**
 * Loudness (LUFS) of the blocks lying inside `windows` ([start, end] seconds): the power mean of
 * their momentary values, i.e. BS.1770 loudness of just those stretches, ungated (a pause inside
 * a spoken line counts, as a listener hears it). A block counts when its 400 ms lie inside a
 * window. Null when no block does (windows shorter than 0.4 s).
 */
export function loudnessOverWindows(blocks: LoudnessBlock[], windows: Array<[number, number]>): number | null {
  let sum = 0;
  let n = 0;
  for (const b of blocks) {
    const from = b.t - 0.4;
    if (!windows.some(([s, e]) => from >= s - 1e-6 && b.t <= e + 1e-6)) continue;
    sum += b.momentary <= -120 ? 0 : Math.pow(10, (b.momentary + 0.691) / 10);
    n++;
  }
  if (n === 0) return null;
  if (sum === 0) return -120;
  return -0.691 + 10 * Math.log10(sum / n);
}

export interface MeasureOptions {
  /** Log 100 ms momentary/short-term blocks too. */
  blocks?: boolean;
  /** Input arguments before `-i` (e.g. `-ss`, `-t`). */
  inputArgs?: string[];
  /** Which audio stream (default the first). */
  stream?: string;
  signal?: AbortSignal;
}

/** Measures `file`'s audio as the mix hears it (48 kHz stereo). */
export async function measureLoudness(ffmpegPath: string, file: string, opts: MeasureOptions = {}): Promise<LoudnessMeasurement> {
  const metaFile = opts.blocks ? path.join(tmpdir(), `zapcut-r128-${randomBytes(6).toString('hex')}.txt`) : null;
  // 4800 samples per frame = 100 ms: the metadata then holds one line set per meter step.
  const meter = metaFile ? `asetnsamples=n=4800:p=0,ebur128=peak=true:metadata=1,ametadata=mode=print:file=${metaFile.replace(/\\/g, '/').replace(/:/g, '\\:')}` : 'ebur128=peak=true';
  try {
    const { stderrTail } = await runFfmpeg({
      ffmpegPath,
      args: [...(opts.inputArgs ?? []), '-i', file, '-map', `0:${opts.stream ?? 'a:0'}`, '-vn', '-af', `${MIX_FORMAT},${meter}`, '-f', 'null', '-'],
      output: null,
      signal: opts.signal,
    });
    const stats = parseEbur128Summary(stderrTail);
    const blocks = metaFile ? parseR128Metadata(await readFile(metaFile, 'utf8')) : [];
    return { ...stats, blocks };
  } finally {
    if (metaFile) await rm(metaFile, { force: true });
  }
}

/** dB ↔ linear gain. */
export const dbToGain = (db: number) => Math.pow(10, db / 20);
export const gainToDb = (g: number) => 20 * Math.log10(g);
