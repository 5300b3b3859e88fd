/**
 * Offline music bed and transition whoosh, synthesised by FFmpeg (aevalsrc/anoisesrc), not
 * silence: a I–V–vi–IV progression of soft chords with a plucked bass and off-beat hats, its
 * tempo from the bible's energy level, faded in and out.
 */
import { runFfmpeg } from '../../ffmpeg/run';

const CHORDS: number[][] = [
  [261.63, 329.63, 392.0], // C
  [196.0, 246.94, 293.66], // G
  [220.0, 261.63, 329.63], // Am
  [174.61, 220.0, 261.63], // F
];

function pick(k: string, values: number[]): string {
  // if(eq(k,0),v0,if(eq(k,1),v1,...)) — aevalsrc has no arrays.
  return values.slice(0, -1).reduceRight((acc, v, i) => `if(eq(${k},${i}),${v},${acc})`, String(values[values.length - 1]));
}

/** The aevalsrc expression for one channel (pure, testable). */
export function musicExpression(bpm: number, seed: number): string {
  const beat = 60 / bpm;
  const bar = beat * 4;
  const k = `mod(floor(t/${bar.toFixed(4)}),4)`;
  const rot = seed % 4;
  const order = [0, 1, 2, 3].map((i) => CHORDS[(i + rot) % 4]!);
  const f = (n: number) => pick(k, order.map((c) => c[n]!));
  const env = `(0.55+0.45*exp(-3*mod(t,${bar.toFixed(4)})))`;
  const pad = `${env}*(sin(2*PI*${f(0)}*t)+sin(2*PI*${f(1)}*t)+0.8*sin(2*PI*${f(2)}*t)+0.35*sin(2*PI*2*${f(0)}*t*1.003))`;
  const bass = `0.9*exp(-5*mod(t,${beat.toFixed(4)}))*sin(2*PI*${f(0)}/2*t)`;
  const hat = `0.35*exp(-45*mod(t+${(beat / 2).toFixed(4)},${beat.toFixed(4)}))*(random(0)*2-1)`;
  return `0.22*(${pad})+0.4*${bass}+${hat}`;
}

export async function synthesizeMusic(ffmpegPath: string, out: string, opts: { durationSeconds: number; energyLevel: number; seed: number; signal?: AbortSignal }): Promise<string> {
  const bpm = Math.round(72 + opts.energyLevel * 7);
  const d = opts.durationSeconds;
  const expr = musicExpression(bpm, opts.seed);
  await runFfmpeg({
    ffmpegPath,
    args: [
      '-f', 'lavfi',
      '-i', `aevalsrc=exprs='${expr}':s=44100:d=${d}`,
      '-af', `lowpass=f=6000,aecho=0.8:0.6:45|90:0.25|0.15,afade=t=in:d=1.2,afade=t=out:st=${Math.max(0, d - 2.5)}:d=2.5,aformat=channel_layouts=stereo`,
      '-c:a', 'pcm_s16le',
    ],
    output: out,
    durationS: d,
    signal: opts.signal,
  });
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
