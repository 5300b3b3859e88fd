/**
 * Golden frames and levels from real FFmpeg renders of generated media (320×180, a few
 * seconds): what the compiler promises, checked on the pixels and samples of the MP4.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile, frameAt, resolveBox, type Timeline } from '../../shared/timeline';
import { sampleTimeline } from '../../shared/timeline/fixtures';
import { resolveBinaries } from '../ffmpeg/binaries';
import { probeMedia } from '../ffmpeg/probe';
import { makeSyntheticImage, makeSyntheticTone } from '../ffmpeg/synthetic';
import { measureLoudness } from '../ffmpeg/loudness';
import { inspectExport } from '../quality/inspect';
import { exportTimeline } from './export';
import { folderResolver, readFrameRgb, readPcm, rms, writeSampleMedia } from './testing';

const { ffmpegPath, ffprobePath } = resolveBinaries();
let dir: string;
const SHORT = 180;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'zapcut-golden-'));
  await writeSampleMedia(ffmpegPath, dir);
  await makeSyntheticTone(ffmpegPath, path.join(dir, 'silence.wav'), { hz: 440, durationS: 10, amplitude: 0 });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const near = (got: readonly number[], want: readonly number[], tol = 10) => got.every((v, i) => Math.abs(v - want[i]!) <= tol);
const render = (tl: Timeline, name: string, extra: Partial<Parameters<typeof exportTimeline>[1]> = {}) =>
  exportTimeline(tl, { resolveMedia: folderResolver(dir), out: path.join(dir, name), shortSide: SHORT, ...extra });

describe('export golden frames', () => {
  const tl = sampleTimeline({ fps: 30, sceneS: 2, fadeS: 0.5 });
  // The logo without fades, so its window is sharp: frames 30…59.
  const logo = tl.overlays[0]!.items[0]!;
  Object.assign(logo, { fadeInFrames: 0, fadeOutFrames: 0 });
  let out: string;

  beforeAll(async () => {
    out = (await render(tl, 'golden.mp4')).out;
  });

  it('has exactly the planned frames, codecs and format', async () => {
    const p = await probeMedia(ffprobePath, out);
    expect(p.video).toMatchObject({ codec: 'h264', pixFmt: 'yuv420p', width: 320, height: 180, frames: 150, fps: 30 });
    expect(p.audio).toMatchObject({ codec: 'aac', sampleRate: 48000, channels: 2 });
    expect(Math.abs(p.durationS! - 5)).toBeLessThanOrEqual(1 / 30);
  });

  it('mid-crossfade is a blend of both clips, in the proportion frameAt says', async () => {
    const plan = compile(tl, { shortSide: SHORT });
    const alpha = frameAt(plan, 52).layers.find((l) => l.id === 'scene-green')!.alpha;
    const f = await readFrameRgb(ffmpegPath, out, 52, dir);
    const want = [255 * (1 - alpha), 255 * alpha, 0];
    expect(f.at(40, 40), `blend at alpha ${alpha}`).toSatisfy((px: number[]) => near(px, want, 14));
    // Before the crossfade: red only; after it: green only.
    expect(near((await readFrameRgb(ffmpegPath, out, 44, dir)).at(40, 40), [255, 0, 0])).toBe(true);
    expect(near((await readFrameRgb(ffmpegPath, out, 60, dir)).at(40, 40), [0, 255, 0])).toBe(true);
  });

  it('shows the overlay only inside its window, at its position', async () => {
    const plan = compile(tl, { shortSide: SHORT });
    const layer = plan.layers.find((l) => l.id === 'logo-1');
    if (layer?.kind !== 'image') throw new Error('logo layer missing');
    const box = resolveBox(layer.box, plan, { width: 200, height: 100 }, plan.unit);
    // 66×34 px (400 ref px at 180p, even), padding 40 ref px → 7 px, x truncated to even → 246.
    expect(box).toEqual({ left: 246, top: 138, width: 66, height: 34 });
    const inside = [box.left + box.width / 2, box.top + box.height / 2] as const;
    const outside = [box.left - 4, box.top + box.height / 2] as const;
    for (const [frame, shown] of [[29, false], [30, true], [59, true], [60, false]] as const) {
      const f = await readFrameRgb(ffmpegPath, out, frame, dir);
      expect(near(f.at(...inside), [255, 255, 255], 16), `frame ${frame} inside`).toBe(shown);
      expect(near(f.at(...outside), [255, 255, 255], 60), `frame ${frame} left of it`).toBe(false);
      expect(near(f.at(box.left + box.width + 2, inside[1]), [255, 255, 255], 60), `frame ${frame} right of it`).toBe(false);
      expect(near(f.at(inside[0], box.top + box.height + 2), [255, 255, 255], 60), `frame ${frame} below it`).toBe(false);
      // Box edges land where resolveBox says (the preview draws there too).
      if (shown) expect(near(f.at(box.left + 2, box.top + 2), [255, 255, 255], 40)).toBe(true);
    }
  });

  it('draws the caption while it is on screen', async () => {
    const countWhite = async (frame: number) => {
      const f = await readFrameRgb(ffmpegPath, out, frame, dir);
      let n = 0;
      for (let y = 120; y < 180; y++) for (let x = 80; x < 240; x++) if (near(f.at(x, y), [255, 255, 255], 40)) n++;
      return n;
    };
    expect(await countWhite(15)).toBeGreaterThan(30);
    expect(await countWhite(40)).toBe(0);
  });
});

describe('export colour', () => {
  it('tags BT.709 and converts to it: a coloured PNG decodes back to its own RGB', async () => {
    await makeSyntheticImage(ffmpegPath, path.join(dir, 'teal.png'), { color: '0x2A9D8F', width: 64, height: 64 });
    const tl = sampleTimeline();
    tl.media.teal = { kind: 'image', file: 'teal.png' };
    tl.main.clips = [{ id: 'still', media: 'teal', start: 0, in: 0, out: 30, fit: 'cover', gain: 0, transitionIn: { kind: 'cut', frames: 0 } }];
    tl.overlays = [];
    tl.audio = [];
    const { out } = await render(tl, 'teal.mp4', { thumbnail: false, planFacts: false });
    // The decoder converts with the stream's own tags; BT.601 data tagged 709 would come back
    // visibly off (~20 levels in red for this teal).
    const px = (await readFrameRgb(ffmpegPath, out, 10, dir)).at(160, 90);
    expect(near(px, [0x2a, 0x9d, 0x8f], 4), `got ${px}`).toBe(true);
  });
});

describe('export cut', () => {
  it('just after a cut shows clip B only', async () => {
    const tl = sampleTimeline();
    tl.main.clips = [
      { id: 'a', media: 'red', start: 0, in: 0, out: 30, fit: 'cover', gain: 0, transitionIn: { kind: 'cut', frames: 0 } },
      { id: 'b', media: 'blue', start: 30, in: 0, out: 30, fit: 'cover', gain: 0, transitionIn: { kind: 'cut', frames: 0 } },
    ];
    tl.overlays = [];
    const { out } = await render(tl, 'cut.mp4', { thumbnail: false });
    expect(near((await readFrameRgb(ffmpegPath, out, 29, dir)).at(160, 90), [255, 0, 0])).toBe(true);
    expect(near((await readFrameRgb(ffmpegPath, out, 30, dir)).at(160, 90), [0, 0, 255])).toBe(true);
  });
});

describe('export dip to black', () => {
  it('fades out to the background and in again, as frameAt says', async () => {
    const tl = sampleTimeline();
    tl.main.clips = [
      { id: 'a', media: 'red', start: 0, in: 0, out: 30, fit: 'cover', gain: 0, transitionIn: { kind: 'cut', frames: 0 } },
      { id: 'b', media: 'blue', start: 30, in: 0, out: 30, fit: 'cover', gain: 0, transitionIn: { kind: 'dip', frames: 10 } },
    ];
    tl.overlays = [];
    const { out } = await render(tl, 'dip.mp4', { thumbnail: false });
    const plan = compile(tl, { shortSide: SHORT });
    for (const frame of [24, 28, 30, 33, 36]) {
      const view = frameAt(plan, frame);
      const want = [0, 0, 0];
      for (const l of view.layers) if (l.kind === 'clip') want[l.id === 'a' ? 0 : 2] = 255 * l.alpha;
      const got = (await readFrameRgb(ffmpegPath, out, frame, dir)).at(160, 90);
      expect(near(got, want, 14), `frame ${frame}: ${got} vs ${want}`).toBe(true);
    }
  });
});

describe('export audio levels', () => {
  // Music: a 0.5-peak sine at 220 Hz; voice: silent clip (so the music is measurable alone)
  // from 1 s to 2 s. Loudness normalisation off so levels are the mix's own.
  const tl = sampleTimeline();
  tl.output.loudnessLufs = null;
  tl.media.voice = { kind: 'audio', file: 'silence.wav' };
  const sine = (peak: number) => peak / Math.SQRT2;

  it('plays music at 30 %, ducked gently under voice to 30 % × 50 %', async () => {
    const { out } = await render(tl, 'levels.mp4', { thumbnail: false });
    const before = rms(await readPcm(ffmpegPath, out, 0.2, 0.6, dir));
    const under = rms(await readPcm(ffmpegPath, out, 1.2, 0.6, dir));
    const after = rms(await readPcm(ffmpegPath, out, 3, 1, dir));
    expect(before).toBeCloseTo(sine(0.5 * 0.3), 2);
    expect(under).toBeCloseTo(sine(0.5 * 0.3 * 0.5), 2);
    expect(after).toBeCloseTo(sine(0.5 * 0.3), 2);
  });

  it('plays voice at 100 % over the ducked music', async () => {
    const t2 = structuredClone(tl);
    t2.media.voice = { kind: 'audio', file: 'voice.wav' };
    const { out } = await render(t2, 'voice.mp4', { thumbnail: false });
    const mixed = rms(await readPcm(ffmpegPath, out, 1.2, 0.6, dir));
    expect(mixed).toBeCloseTo(Math.hypot(sine(0.5), sine(0.5 * 0.3 * 0.5)), 2);
  });

  it('masters to −14 ±0.5 LUFS with the true peak under −1 dBTP, and records what the plan says', async () => {
    const t3 = sampleTimeline();
    const result = await render(t3, 'loud.mp4', { thumbnail: false });
    const l = await measureLoudness(ffmpegPath, result.out);
    expect(Math.abs(l.integratedLufs - -14)).toBeLessThanOrEqual(0.5);
    expect(l.truePeakDb).toBeLessThanOrEqual(-1);
    // The plan facts travel inside the file: a check of any copy sees them.
    const { facts, plan } = await inspectExport(result.out, { ffmpegPath, ffprobePath });
    expect(plan).toEqual(result.planFacts);
    // The fixture's voice is a 10 s tone of which the clip plays 1 s (1–2 s): 9 s of it are never
    // heard, and it keeps sounding across the crossfade to the green scene at 1.5 s.
    expect(plan!.voice).toMatchObject({ lines: 1, cutLines: ['vo-1'], crossingCuts: ['vo-1'] });
    expect(plan!.voice.cutSeconds).toBeCloseTo(9, 1);
    expect(plan!.master!.targetLufs).toBe(-14);
    expect(facts.video).toMatchObject({ colorPrimaries: 'bt709', colorTransfer: 'bt709', colorSpace: 'bt709', colorRange: 'tv' });
    expect(facts.faststart).toBe(true);
  });
});
