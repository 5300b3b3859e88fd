/**
 * Synthetic media from FFmpeg's lavfi sources: test fixtures, benchmark inputs and "known
 * colour / known tone" clips for golden-frame tests. Goes through the one runner.
 */
import { runFfmpeg } from './run';

export interface SyntheticVideo {
  /** lavfi colour (`red`, `0x00FF00`) or `testsrc`/`testsrc2`/`smptebars` for a pattern. */
  color: string;
  width: number;
  height: number;
  fps: number;
  durationS: number;
  /** Sine tone in Hz (omit for a silent/no-audio file). */
  toneHz?: number;
  /** Tone amplitude 0–1 (lavfi sine is ~0.125 by default; we scale with `volume`). */
  toneAmplitude?: number;
  /** Stored sample aspect ratio (e.g. "2/1" for non-square pixels). */
  sar?: string;
  /** Extra encoder args (e.g. ['-c:v','libx264','-preset','ultrafast']). */
  codecArgs?: string[];
}

function videoSource(v: SyntheticVideo): string {
  const size = `${v.width}x${v.height}`;
  const pattern = /^(testsrc2?|smptebars|smptehdbars|rgbtestsrc|mandelbrot)$/.test(v.color);
  return pattern ? `${v.color}=size=${size}:rate=${v.fps}:duration=${v.durationS}` : `color=c=${v.color}:size=${size}:rate=${v.fps}:duration=${v.durationS}`;
}

/** Writes an MP4 (or any container by extension) of a colour/pattern, optionally with a tone. */
export async function makeSyntheticVideo(ffmpegPath: string, out: string, v: SyntheticVideo): Promise<string> {
  const args = ['-f', 'lavfi', '-i', videoSource(v)];
  if (v.toneHz) {
    args.push('-f', 'lavfi', '-i', `sine=frequency=${v.toneHz}:sample_rate=48000:duration=${v.durationS}`);
  }
  // lavfi sources round odd sizes down, so scale explicitly (4:4:4 keeps odd sizes legal).
  const odd = v.width % 2 === 1 || v.height % 2 === 1;
  const chain = [odd ? `format=yuv444p,scale=${v.width}:${v.height}` : '', v.sar ? `setsar=${v.sar}` : ''].filter(Boolean).join(',');
  const vf = chain ? ['-vf', chain] : [];
  const af = v.toneHz ? ['-af', `volume=${(v.toneAmplitude ?? 0.125) / 0.125}`, '-c:a', 'aac', '-b:a', '128k'] : [];
  args.push(...vf, ...(v.codecArgs ?? ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p']), ...af, '-t', String(v.durationS));
  await runFfmpeg({ ffmpegPath, args, output: out });
  return out;
}

/** Writes a WAV/M4A sine tone of a given amplitude (0–1 peak). */
export async function makeSyntheticTone(ffmpegPath: string, out: string, t: { hz: number; durationS: number; amplitude: number }): Promise<string> {
  await runFfmpeg({
    ffmpegPath,
    args: ['-f', 'lavfi', '-i', `sine=frequency=${t.hz}:sample_rate=48000:duration=${t.durationS}`, '-af', `volume=${t.amplitude / 0.125},aformat=channel_layouts=stereo`],
    output: out,
  });
  return out;
}

/** Writes a still image (PNG keeps alpha when `alpha` < 1). */
export async function makeSyntheticImage(ffmpegPath: string, out: string, img: { color: string; width: number; height: number; alpha?: number }): Promise<string> {
  const a = img.alpha ?? 1;
  const filter = a < 1 ? ['-vf', `format=rgba,colorchannelmixer=aa=${a}`] : [];
  await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', `color=c=${img.color}:size=${img.width}x${img.height}`, ...filter, '-frames:v', '1'], output: out });
  return out;
}
