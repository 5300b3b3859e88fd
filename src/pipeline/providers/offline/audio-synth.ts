/**
 * Offline music bed (music-bed.ts: a small arrangement at the animatic's tempo, issue 20) and the
 * transition whoosh (FFmpeg anoisesrc).
 */
import { rename, writeFile } from 'node:fs/promises';
import { AppError } from '../../../shared/errors';
import { runFfmpeg, tempPathFor } from '../../ffmpeg/run';
import { OFFLINE_BPM } from '../../animatic/beat';
import { grooveFor, renderBed, wavBytes } from './music-bed';

/** The bed at `bpm` (default OFFLINE_BPM) as a 44.1 kHz stereo WAV (music-bed.ts), written atomically. */
export async function synthesizeMusic(_ffmpegPath: string, out: string, opts: { durationSeconds: number; energyLevel: number; seed: number; bpm?: number; signal?: AbortSignal }): Promise<string> {
  if (opts.signal?.aborted) throw new AppError('CANCELLED', 'Cancelled.');
  const samples = renderBed({ bpm: opts.bpm ?? OFFLINE_BPM, seconds: opts.durationSeconds, groove: grooveFor(opts.energyLevel), seed: opts.seed });
  const temp = tempPathFor(out);
  await writeFile(temp, wavBytes(samples));
  await rename(temp, out);
  return out;
}

export async function synthesizeWhoosh(ffmpegPath: string, out: string, opts: { durationSeconds: number; seed: number; signal?: AbortSignal }): Promise<string> {
  const d = opts.durationSeconds;
  await runFfmpeg({
    ffmpegPath,
    args: [
      '-f', 'lavfi',
      '-i', `anoisesrc=d=${d}:c=pink:r=44100:a=0.5:s=${opts.seed}`,
      '-af', `highpass=f=400,lowpass=f=5000,afade=t=in:d=${(d * 0.6).toFixed(2)},afade=t=out:st=${(d * 0.6).toFixed(2)}:d=${(d * 0.4).toFixed(2)},volume=1.8,aformat=channel_layouts=stereo`,
      '-c:a', 'pcm_s16le',
    ],
    output: out,
    durationS: d,
    signal: opts.signal,
  });
  return out;
}
