import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBinaries } from './binaries';
import { interpretProbe, parseRatio, probeMedia } from './probe';
import { makeSyntheticImage, makeSyntheticTone, makeSyntheticVideo } from './synthetic';

const { ffmpegPath, ffprobePath } = resolveBinaries({ env: {} });
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'zapcut-probe-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('probeMedia (real ffprobe on generated files)', () => {
  it('describes a video with audio', async () => {
    const f = await makeSyntheticVideo(ffmpegPath, path.join(dir, 'av.mp4'), { color: 'red', width: 320, height: 180, fps: 25, durationS: 1, toneHz: 440 });
    const p = await probeMedia(ffprobePath, f);
    expect(p.hasVideo && p.hasAudio).toBe(true);
    expect(p.video).toMatchObject({ codec: 'h264', width: 320, height: 180, displayWidth: 320, rotation: 0, sar: 1, pixFmt: 'yuv420p', fps: 25, still: false, hasAlpha: false });
    expect(p.audio).toMatchObject({ codec: 'aac', sampleRate: 48000 });
    expect(p.durationS).toBeGreaterThan(0.9);
  });

  it('applies non-square pixels to the display size; odd sizes pass through', async () => {
    const f = await makeSyntheticVideo(ffmpegPath, path.join(dir, 'sar.mp4'), { color: 'blue', width: 161, height: 91, fps: 30, durationS: 0.2, sar: '2/1', codecArgs: ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv444p'] });
    const p = await probeMedia(ffprobePath, f);
    expect(p.hasAudio).toBe(false);
    expect(p.video).toMatchObject({ width: 161, height: 91, sar: 2, displayWidth: 322, displayHeight: 91 });
  });

  it('recognises a still PNG with alpha, and audio-only files', async () => {
    const png = await makeSyntheticImage(ffmpegPath, path.join(dir, 'a.png'), { color: 'white', width: 64, height: 32, alpha: 0.5 });
    const p = await probeMedia(ffprobePath, png);
    expect(p.video).toMatchObject({ still: true, hasAlpha: true, width: 64, height: 32 });
    expect(p.durationS).toBeNull();
    const wav = await makeSyntheticTone(ffmpegPath, path.join(dir, 't.wav'), { hz: 220, durationS: 0.5, amplitude: 0.5 });
    const a = await probeMedia(ffprobePath, wav);
    expect(a.hasVideo).toBe(false);
    expect(a.audio).toMatchObject({ sampleRate: 48000, channels: 2 });
    expect(a.durationS).toBeCloseTo(0.5, 2);
  });

  it('fails clearly on missing and corrupt files', async () => {
    await expect(probeMedia(ffprobePath, path.join(dir, 'nope.mp4'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const bad = path.join(dir, 'corrupt.mp4');
    await writeFile(bad, Buffer.from('this is not a video file at all'.repeat(40)));
    await expect(probeMedia(ffprobePath, bad)).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA' });
  });
});

describe('interpretProbe', () => {
  it('reads rotation from the display matrix (phone video)', () => {
    const p = interpretProbe('x.mov', {
      streams: [{ index: 0, codec_type: 'video', codec_name: 'h264', width: 1920, height: 1080, avg_frame_rate: '30000/1001', r_frame_rate: '60/1', side_data_list: [{ rotation: -90 }] }],
      format: { format_name: 'mov,mp4', duration: '3.0' },
    });
    expect(p.video).toMatchObject({ rotation: 90, displayWidth: 1080, displayHeight: 1920, variableFrameRate: true });
    expect(p.video!.fps).toBeCloseTo(29.97, 2);
  });
  it('parses ratios', () => {
    expect(parseRatio('0/0')).toBeNull();
    expect(parseRatio('16:9', ':')).toBeCloseTo(1.777, 2);
  });
});
