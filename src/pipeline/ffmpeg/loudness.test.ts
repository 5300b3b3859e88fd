import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBinaries } from './binaries';
import { loudnessOverWindows, measureLoudness, parseEbur128Summary, parseR128Metadata, type LoudnessBlock } from './loudness';
import { runFfmpeg } from './run';
import { parseSilences, spanFromSilences, speechSpan } from './speech-span';

// Captured from the bundled FFmpeg 4.1.
const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '__fixtures__', name), 'utf8');

describe('loudness parsers', () => {
  it('reads the ebur128 summary (integrated, gate, LRA, true peak)', () => {
    expect(parseEbur128Summary(fixture('stderr-ebur128.txt'))).toEqual({ integratedLufs: -27.1, thresholdLufs: -37.1, lraLu: 20, truePeakDb: -27.1 });
  });

  it('reads silence as −70 LUFS and −inf dBTP, and refuses output without a summary', () => {
    const silent = 'Summary:\n\n  Integrated loudness:\n    I:         -70.0 LUFS\n    Threshold:   0.0 LUFS\n\n  Loudness range:\n    LRA:         0.0 LU\n\n  True peak:\n    Peak:       -inf dBFS\n';
    expect(parseEbur128Summary(silent)).toMatchObject({ integratedLufs: -70, truePeakDb: -Infinity });
    expect(() => parseEbur128Summary('[aac @ 0x1] Qavg: 1')).toThrow(/no summary/);
  });

  it('reads per-block metadata; each block ends 100 ms after its frame starts', () => {
    const text = 'frame:0    pts:0       pts_time:0\nlavfi.r128.M=-120.691\nlavfi.r128.S=-120.691\nlavfi.r128.I=-70.000\nframe:1    pts:4800    pts_time:0.1\nlavfi.r128.M=-23.5\nlavfi.r128.S=-25.0\n';
    expect(parseR128Metadata(text)).toEqual([
      { t: 0.1, momentary: -120.691, shortTerm: -120.691 },
      { t: 0.2, momentary: -23.5, shortTerm: -25 },
    ]);
  });

  it('reads -inf and nan blocks (silence, and the meter\'s rounding right after a sound stops) as silence, so they cannot poison an average', () => {
    const text = 'frame:0 pts:0 pts_time:0\nlavfi.r128.M=-20.000\nlavfi.r128.S=-20.000\nframe:1 pts:4800 pts_time:0.1\nlavfi.r128.M=-nan\nlavfi.r128.S=nan\nframe:2 pts:9600 pts_time:0.2\nlavfi.r128.M=-inf\nlavfi.r128.S=-inf\n';
    const blocks = parseR128Metadata(text);
    expect(blocks.map((b) => b.momentary)).toEqual([-20, -Infinity, -Infinity]);
    const l = loudnessOverWindows(blocks, [[-1, 1]]);
    expect(Number.isFinite(l)).toBe(true);
    expect(l).toBeCloseTo(-0.691 + 10 * Math.log10(Math.pow(10, (-20 + 0.691) / 10) / 3), 6);
  });

  it('averages power, not decibels, over the windows (a quiet half costs 3 dB, not half the dBs)', () => {
    const blocks: LoudnessBlock[] = Array.from({ length: 40 }, (_, i) => ({ t: (i + 1) / 10, momentary: i < 20 ? -20 : -120.691, shortTerm: 0 }));
    // Only blocks whose 400 ms lie inside [0, 2]: all at −20.
    expect(loudnessOverWindows(blocks, [[0, 2]])).toBeCloseTo(-20, 6);
    // [0, 4]: 20 blocks at −20 (the first three start before 0 and are left out: 17) and 20 silent.
    const l = loudnessOverWindows(blocks, [[0, 4]])!;
    expect(l).toBeCloseTo(-0.691 + 10 * Math.log10((17 * Math.pow(10, (-20 + 0.691) / 10)) / 37), 6);
    expect(loudnessOverWindows(blocks, [[5, 6]])).toBeNull();
  });
});

describe('speech span', () => {
  it('finds leading and trailing silence, keeps inner pauses', () => {
    const stderr = '[silencedetect @ 0x1] silence_start: 0\n[silencedetect @ 0x1] silence_end: 0.12 | silence_duration: 0.12\n[silencedetect @ 0x1] silence_start: 1.5\n[silencedetect @ 0x1] silence_end: 1.7 | silence_duration: 0.2\n[silencedetect @ 0x1] silence_start: 4.79\n[silencedetect @ 0x1] silence_end: 5.184 | silence_duration: 0.39\n';
    expect(spanFromSilences(parseSilences(stderr), 5.184)).toEqual({ startS: 0.12, endS: 4.79, durationS: 5.184, pauses: [{ start: 1.5, end: 1.7 }] });
    expect(spanFromSilences([], 3)).toEqual({ startS: 0, endS: 3, durationS: 3, pauses: [] });
    // Silence that never ends (no silence_end line) runs to the end of the file.
    expect(spanFromSilences([{ start: 2, end: null }], 3)).toEqual({ startS: 0, endS: 2, durationS: 3, pauses: [] });
  });
});

describe('measuring real files', () => {
  const { ffmpegPath } = resolveBinaries();
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'zapcut-loud-'));
    // 0.5 s silence, 2 s of a 1 kHz tone at −20 dBFS peak, 0.5 s silence; mono (mixes as stereo).
    await runFfmpeg({
      ffmpegPath,
      args: ['-f', 'lavfi', '-i', 'aevalsrc=exprs=if(between(t\\,0.5\\,2.5)\\,0.1*sin(2*PI*1000*t)\\,0):s=48000:d=3', '-c:a', 'pcm_s16le'],
      output: path.join(dir, 'tone.wav'),
    });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('measures a tone as the mix hears it (mono spread over two channels at −3 dB) with its true peak', async () => {
    const m = await measureLoudness(ffmpegPath, path.join(dir, 'tone.wav'), { blocks: true });
    // A 1 kHz sine of peak 0.1 has an RMS of −23 dBFS; K-weighting adds ~+0.7 dB at 1 kHz and
    // BS.1770 subtracts 0.691, so mono reads −23 LUFS. The mix spreads mono to both channels at
    // −3 dB each (the same power: still −23 LUFS; each channel peaks at −23 dBFS).
    expect(Math.abs(m.integratedLufs - -23)).toBeLessThan(0.8);
    expect(Math.abs(m.truePeakDb! - -23)).toBeLessThan(0.3);
    expect(m.blocks.length).toBeGreaterThanOrEqual(29);
    // Inside the tone (its edges excluded) the momentary blocks average to the tone's loudness.
    expect(Math.abs(loudnessOverWindows(m.blocks, [[0.6, 2.4]])! - -23)).toBeLessThan(0.3);
  });

  it('finds where the tone starts and stops', async () => {
    const span = await speechSpan(ffmpegPath, path.join(dir, 'tone.wav'), 3);
    expect(span.startS).toBeCloseTo(0.5, 1);
    expect(span.endS).toBeCloseTo(2.5, 1);
  });
});
