/**
 * Two-pass mastering, measured before the encode (sound only, so each pass takes a second or
 * two, not a re-encode):
 *   pass 1 — the mix as it is: ebur128 measures its integrated loudness;
 *   pass 2 — the mix with the gain that puts it on the target, through the true-peak limiter:
 *            ebur128 measures that (the limiter shaves peaks, which costs loudness: 0.5–1 LU on
 *            peaky synthetic speech); a miss of more than 0.25 LU is corrected, at most twice.
 * The encode then runs mix → gain → limiter → loudnorm(measured values, linear): one constant
 * gain of a few tenths of a dB, so the ad lands on the target (±0.5 LU) with its peaks under the
 * ceiling — no dynamic loudnorm pumping, no single-pass undershoot on peaky speech.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Plan } from '../../shared/timeline';
import { parseEbur128Summary, type LoudnessStats } from '../ffmpeg/loudness';
import { runFfmpeg } from '../ffmpeg/run';
import { LIMITER_CEILING_DB, type AudioTail, type Mastering } from './audio';
import { toFfmpegAudio, type MediaFacts } from './graph';

/** Below this the mix is silence: nothing to master (loudnorm would add +80 dB of noise). */
const SILENCE_LUFS = -60;
/** The most gain mastering adds (a near-silent mix is not blown up into noise). */
const MAX_GAIN_DB = 30;
const clampGain = (db: number) => Math.round(Math.min(MAX_GAIN_DB, db) * 100) / 100;

export interface MasterOptions {
  ffmpegPath: string;
  media: Record<string, MediaFacts>;
  signal?: AbortSignal;
  onPass?: (pass: number) => void;
}

async function measurePass(plan: Plan, opts: MasterOptions, work: string, tail: AudioTail, n: number): Promise<LoudnessStats> {
  const script = path.join(work, `master-${n}.txt`);
  const job = toFfmpegAudio(plan, { media: opts.media, filterScriptPath: script }, { tail });
  await writeFile(script, job.filterScript, 'utf8');
  const { stderrTail } = await runFfmpeg({ ffmpegPath: opts.ffmpegPath, args: [...job.args, '-f', 'null', '-'], output: null, signal: opts.signal });
  opts.onPass?.(n);
  return parseEbur128Summary(stderrTail);
}

/** The measured master for `plan`, or null when it has no loudness target or is silent. */
export async function measureMastering(plan: Plan, opts: MasterOptions): Promise<Mastering | null> {
  const target = plan.output.loudnessLufs;
  if (target === null || plan.sounds.length === 0) return null;
  const work = await mkdtemp(path.join(tmpdir(), 'zapcut-master-'));
  try {
    const raw = await measurePass(plan, opts, work, { kind: 'measure', gainDb: null, ceilingDb: null }, 1);
    if (raw.integratedLufs <= SILENCE_LUFS) return null;
    // The limiter costs loudness where it works, so the gain → loudness curve is bent: secant steps
    // from the unlimited point (0 dB → raw) towards the target, at most two corrections.
    let prev = { gain: 0, lufs: raw.integratedLufs };
    let gainDb = clampGain(target - raw.integratedLufs);
    let limited = await measurePass(plan, opts, work, { kind: 'measure', gainDb, ceilingDb: LIMITER_CEILING_DB }, 2);
    for (let pass = 3; pass <= 4 && Math.abs(target - limited.integratedLufs) > 0.25 && gainDb < MAX_GAIN_DB; pass++) {
      const slope = Math.max(0.3, Math.min(1, (limited.integratedLufs - prev.lufs) / (gainDb - prev.gain || 1)));
      prev = { gain: gainDb, lufs: limited.integratedLufs };
      gainDb = clampGain(gainDb + (target - limited.integratedLufs) / slope);
      limited = await measurePass(plan, opts, work, { kind: 'measure', gainDb, ceilingDb: LIMITER_CEILING_DB }, pass);
    }
    return {
      targetLufs: target,
      gainDb,
      ceilingDb: LIMITER_CEILING_DB,
      measured: { i: limited.integratedLufs, tp: limited.truePeakDb ?? LIMITER_CEILING_DB, lra: limited.lraLu, thresh: limited.thresholdLufs },
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
