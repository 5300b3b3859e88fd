import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBinaries } from '../ffmpeg/binaries';
import { runFfmpeg } from '../ffmpeg/run';
import { renderBed } from '../providers/offline/music-bed';
import { tempoPrompt } from '../stages/music-grid';
import { detectTempo, foldTempo, gridOffset, tempoOfSamples } from './tempo';

const { ffmpegPath } = resolveBinaries();
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'zapcut-tempo-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A click track made by FFmpeg (lavfi): a 1.5 kHz click on every beat from `firstS`, optional softer off-beat clicks, as AAC like provider music. */
async function clicks(bpm: number, firstS: number, offbeat = 0): Promise<string> {
  const p = 60 / bpm;
  const click = (shift: number, gain: number) => `${gain}*sin(2*PI*1500*t)*exp(-60*mod(t+${(p - ((firstS + shift) % p)).toFixed(5)}\\,${p.toFixed(6)}))`;
  const expr = [click(0, 0.8), ...(offbeat ? [click(p / 2, offbeat)] : [])].join('+');
  const out = path.join(dir, `click-${bpm}-${offbeat}.m4a`);
  await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', `aevalsrc='${expr}':s=44100:d=12`, '-c:a', 'aac', '-b:a', '128k'], output: out });
  return out;
}
const phaseError = (offset: number, first: number, bpm: number) => {
  const p = 60 / bpm;
  const d = (((offset - first) % p) + p) % p;
  return Math.min(d, p - d);
};

const mono = (stereo: Float32Array) => {
  const m = new Float32Array(stereo.length / 2);
  for (let i = 0; i < m.length; i++) m[i] = (stereo[2 * i]! + stereo[2 * i + 1]!) / 2;
  return m;
};

describe('tempo', () => {
  it('folds a double or half detection back onto the requested tempo, and leaves others alone', () => {
    expect(foldTempo(240, 120)).toEqual({ bpm: 120, folded: 'halved' });
    expect(foldTempo(60, 120)).toEqual({ bpm: 120, folded: 'doubled' });
    expect(foldTempo(128, 120)).toEqual({ bpm: 128, folded: null });
    expect(foldTempo(240, undefined)).toEqual({ bpm: 240, folded: null });
  });

  it('puts the grid where the beats are, across the wrap of the period', () => {
    expect(gridOffset([0.1, 0.6, 1.1, 1.6], 120)).toBeCloseTo(0.1, 6);
    // Beats jittering around the bar line (0.49 / 0.01) sit at 0, not at the 0.25 average.
    expect(Math.min(gridOffset([0.49, 1.01, 1.49, 2.01], 120), 0.5 - gridOffset([0.49, 1.01, 1.49, 2.01], 120))).toBeLessThan(0.02);
  });

  it('hears the offline bed at the tempo it was made at, for every groove', () => {
    for (const groove of ['half-time', 'backbeat', 'four-on-the-floor'] as const) {
      const t = tempoOfSamples(mono(renderBed({ bpm: 120, seconds: 10, groove, seed: 5 })), 120);
      expect(t.bpm, groove).toBeGreaterThan(119);
      expect(t.bpm, groove).toBeLessThan(121);
      // The bed's first beat is at 0: the grid lands within a detector hop of it.
      expect(Math.min(t.offsetS, 0.5 - t.offsetS), groove).toBeLessThan(0.03);
    }
    const other = tempoOfSamples(mono(renderBed({ bpm: 100, seconds: 10, groove: 'backbeat', seed: 5 })), 100);
    expect(Math.abs(other.bpm - 100)).toBeLessThan(1.5);
  });

  for (const [bpm, first] of [[90, 0.47], [120, 0.31], [128, 0.28]] as const) {
    it(`hears a ${bpm} BPM click track (FFmpeg lavfi, AAC) at ${bpm} BPM with its first beat where it is`, async () => {
      const t = await detectTempo(ffmpegPath, await clicks(bpm, first), dir, { requestedBpm: bpm });
      expect(Math.abs(t.bpm - bpm)).toBeLessThan(0.5);
      expect(t.folded).toBeNull();
      expect(phaseError(t.offsetS, first, bpm)).toBeLessThan(0.03);
    }, 60_000);
  }

  it('takes a track the tracker hears at double time back to the tempo asked for, on the loud beats', async () => {
    // 90 BPM with a softer click on every off-beat: the tracker hears 180.
    const file = await clicks(90, 0.2, 0.6);
    const heard = await detectTempo(ffmpegPath, file, dir);
    expect(Math.abs(heard.bpm - 180)).toBeLessThan(1);
    const t = await detectTempo(ffmpegPath, file, dir, { requestedBpm: 90 });
    expect(t.folded).toBe('halved');
    expect(Math.abs(t.bpm - 90)).toBeLessThan(0.5);
    expect(phaseError(t.offsetS, 0.2, 90)).toBeLessThan(0.03);
  }, 60_000);

  it('finds no beat in a steady tone or in noise (the tracker still names a tempo for them)', async () => {
    for (const source of ['sine=f=220:d=10', 'anoisesrc=d=10:c=pink:seed=3']) {
      const file = path.join(dir, `${source.slice(0, 4)}.wav`);
      await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', source], output: file });
      await expect(detectTempo(ffmpegPath, file, dir, { requestedBpm: 120 })).rejects.toThrow(/no steady beat/);
    }
  }, 60_000);

  it('asks provider music for a tempo, or keeps the one its prompt names', () => {
    expect(tempoPrompt('Warm lo-fi beat, mellow keys.', 2)).toEqual({ prompt: 'Warm lo-fi beat, mellow keys, 90 BPM', bpm: 90 });
    expect(tempoPrompt('Upbeat pop', 9)).toEqual({ prompt: 'Upbeat pop, 128 BPM', bpm: 128 });
    expect(tempoPrompt('Driving house at 124 bpm', 5)).toEqual({ prompt: 'Driving house at 124 bpm', bpm: 124 });
  });
});
