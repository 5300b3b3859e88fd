/**
 * Output formats per preset, input normalisation (odd sizes, non-square pixels, other frame
 * rates, VFR, no audio, alpha PNG, 1-frame clip) and hostile text, on real FFmpeg.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile, emptyTimeline, PRESET_SIZES, type AspectPreset, type Timeline } from '../../shared/timeline';
import { resolveBinaries } from '../ffmpeg/binaries';
import { probeMedia } from '../ffmpeg/probe';
import { runFfmpeg } from '../ffmpeg/run';
import { makeSyntheticImage, makeSyntheticVideo } from '../ffmpeg/synthetic';
import { exportTimeline } from './export';
import { folderResolver, readFrameRgb } from './testing';

const { ffmpegPath, ffprobePath } = resolveBinaries();
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'zapcut-formats-'));
  await Promise.all([
    makeSyntheticVideo(ffmpegPath, path.join(dir, 'red.mp4'), { color: 'red', width: 320, height: 180, fps: 30, durationS: 0.5, toneHz: 300 }),
    makeSyntheticVideo(ffmpegPath, path.join(dir, 'odd.mp4'), { color: 'yellow', width: 161, height: 91, fps: 25, durationS: 1, sar: '2/1', codecArgs: ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv444p'] }),
    makeSyntheticVideo(ffmpegPath, path.join(dir, 'portrait.mp4'), { color: 'lime', width: 90, height: 160, fps: 60, durationS: 1 }),
    makeSyntheticImage(ffmpegPath, path.join(dir, 'alpha.png'), { color: 'white', width: 64, height: 64, alpha: 0.5 }),
  ]);
  // Variable frame rate: drop every third frame and keep the original timestamps.
  await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', 'testsrc=size=200x150:rate=30:duration=1', '-vf', "select='not(eq(mod(n\\,3)\\,1))'", '-vsync', 'vfr', '-c:v', 'libx264', '-preset', 'ultrafast'], output: path.join(dir, 'vfr.mp4') });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function oneClip(preset: AspectPreset): Timeline {
  const tl = emptyTimeline({ fps: 30, preset });
  tl.media = { red: { kind: 'video', file: 'red.mp4' } };
  tl.main.clips = [{ id: 'c', media: 'red', start: 0, in: 0, out: 3, fit: 'cover', gain: 1, transitionIn: { kind: 'cut', frames: 0 } }];
  tl.overlays[1]!.items.push({ id: 't', kind: 'text', role: 'title', text: 'Zapcut', start: 0, duration: 3, opacity: 1, fadeInFrames: 0, fadeOutFrames: 0, placement: { anchor: 'center', x: 0, y: 0 }, style: { fontSize: 80, color: '#FFFFFF', background: null, backgroundOpacity: 0 } });
  return tl;
}

describe('presets (ffprobe on the output)', () => {
  for (const preset of ['16:9', '9:16', '1:1', '4k'] as const) {
    it(`${preset} → ${PRESET_SIZES[preset].width}×${PRESET_SIZES[preset].height}, H.264 yuv420p, AAC 48 kHz`, async () => {
      const out = path.join(dir, `p-${preset.replace(':', 'x')}.mp4`);
      const r = await exportTimeline(oneClip('16:9'), { resolveMedia: folderResolver(dir), out, preset, thumbnail: path.join(dir, `p-${preset.replace(':', 'x')}.jpg`) });
      const p = await probeMedia(ffprobePath, out);
      expect(p.video).toMatchObject({ codec: 'h264', pixFmt: 'yuv420p', width: PRESET_SIZES[preset].width, height: PRESET_SIZES[preset].height, frames: 3 });
      expect(p.audio).toMatchObject({ codec: 'aac', sampleRate: 48000, channels: 2 });
      const thumb = await probeMedia(ffprobePath, r.thumbnail!);
      expect(thumb.video).toMatchObject({ codec: 'mjpeg', width: PRESET_SIZES[preset].width });
    });
  }

  it('draft renders 540p', async () => {
    const out = path.join(dir, 'draft.mp4');
    const r = await exportTimeline(oneClip('9:16'), { resolveMedia: folderResolver(dir), out, draft: true, thumbnail: false });
    expect(r).toMatchObject({ width: 540, height: 960, draft: true, thumbnail: null });
    expect((await probeMedia(ffprobePath, out)).video).toMatchObject({ width: 540, height: 960 });
  });
});

describe('input normalisation', () => {
  it('mixes sizes, pixel shapes, frame rates, VFR, silent video, alpha stills and a 1-frame clip', async () => {
    const tl = emptyTimeline({ fps: 30, preset: '16:9' });
    tl.output.background = '#0000FF';
    tl.media = {
      odd: { kind: 'video', file: 'odd.mp4' },
      portrait: { kind: 'video', file: 'portrait.mp4' },
      vfr: { kind: 'video', file: 'vfr.mp4' },
      still: { kind: 'image', file: 'alpha.png' },
      red: { kind: 'video', file: 'red.mp4' },
    };
    const clip = (id: string, media: string, start: number, frames: number, fit: 'cover' | 'contain' = 'cover') => ({ id, media, start, in: 0, out: frames, fit, gain: 1, transitionIn: { kind: 'cut' as const, frames: 0 } });
    tl.main.clips = [clip('odd', 'odd', 0, 10), clip('portrait', 'portrait', 10, 10, 'contain'), clip('vfr', 'vfr', 20, 10), clip('still', 'still', 30, 5, 'contain'), clip('one', 'red', 35, 1)];
    const out = path.join(dir, 'norm.mp4');
    await exportTimeline(tl, { resolveMedia: folderResolver(dir), out, shortSide: 180, thumbnail: false });
    const p = await probeMedia(ffprobePath, out);
    expect(p.video).toMatchObject({ width: 320, height: 180, frames: 36, sar: 1 });
    // Non-square 161×91 @ 2:1 is 322×91 on screen: cover fills the frame with yellow.
    expect((await readFrameRgb(ffmpegPath, out, 5, dir)).at(5, 5)).toSatisfy((px: number[]) => px[0]! > 230 && px[1]! > 230 && px[2]! < 30);
    // Portrait in a landscape frame, contained: background bars left and right, lime centre.
    const portrait = await readFrameRgb(ffmpegPath, out, 15, dir);
    expect(portrait.at(10, 90)).toSatisfy((px: number[]) => px[2]! > 230 && px[1]! < 30);
    expect(portrait.at(160, 90)).toSatisfy((px: number[]) => px[1]! > 230 && px[2]! < 30);
    // Half-transparent white still over the blue background → light blue; 1-frame clip last.
    expect((await readFrameRgb(ffmpegPath, out, 32, dir)).at(160, 90)).toSatisfy((px: number[]) => Math.abs(px[0]! - 128) < 20 && px[2]! > 230);
    expect((await readFrameRgb(ffmpegPath, out, 35, dir)).at(160, 90)).toSatisfy((px: number[]) => px[0]! > 230 && px[2]! < 30);
  });
});

describe('hostile text', () => {
  const nasty = `It's 100% "real": C:\\temp\\x, a;b [x] {y} %{pts} \\n 🙂 Привет مرحبا ελληνικά 抹茶`;

  it('reaches the picture verbatim and the export draws it (no filtergraph escaping involved)', async () => {
    const tl = oneClip('16:9');
    const t = tl.overlays[1]!.items[0]!;
    if (t.kind === 'text') t.text = `${nasty}\nsecond line; with, commas`;
    const out = path.join(dir, 'text.mp4');
    const r = await exportTimeline(tl, { resolveMedia: folderResolver(dir), out, shortSide: 360, thumbnail: false, textCacheDir: path.join(dir, 'text') });
    expect(r.frames).toBe(3);
    // The title (white, dark outline, centred) is there: white and dark pixels in the middle
    // band, where the red clip alone has neither.
    const f = await readFrameRgb(ffmpegPath, out, 1, dir);
    let white = 0;
    let dark = 0;
    for (let y = 140; y < 220; y++) for (let x = 0; x < 640; x++) {
      const [rr, g, b] = f.at(x, y);
      if (rr > 200 && g > 200 && b > 200) white++;
      if (rr < 90 && g < 60 && b < 60) dark++;
    }
    expect(white).toBeGreaterThan(50);
    expect(dark).toBeGreaterThan(200);
    const plan = compile(tl, { shortSide: 360 });
    expect(plan.layers.find((l) => l.kind === 'text')?.spec.text).toBe(`${nasty}\nsecond line; with, commas`);
  });
});
