/**
 * A user-set FFmpeg (Settings → FFmpeg path) must give the same picture as the bundled 4.1.
 * Newer builds have xfade, but the exporter keeps one code path (alpha fade + overlay), so the
 * frames must match within encoder noise. Runs when a second FFmpeg is installed
 * (/usr/bin/ffmpeg from Debian, or ZAPCUT_TEST_ALT_FFMPEG); otherwise it is skipped and says so.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleTimeline } from '../../shared/timeline/fixtures';
import { resolveBinaries } from '../ffmpeg/binaries';
import { getCapabilities } from '../ffmpeg/capabilities';
import { exportTimeline } from './export';
import { folderResolver, readFrameRgb, writeSampleMedia } from './testing';

const alt = [process.env.ZAPCUT_TEST_ALT_FFMPEG, '/usr/bin/ffmpeg'].find((p): p is string => !!p && existsSync(p));
if (!alt) console.warn('export.user-ffmpeg: no second FFmpeg installed (apt-get install ffmpeg); skipping the user-set FFmpeg comparison.');

describe.skipIf(!alt)('a user-set FFmpeg gives the same picture', () => {
  const { ffmpegPath } = resolveBinaries();
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'zapcut-altffmpeg-'));
    await writeSampleMedia(ffmpegPath, dir);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('matches the bundled render frame by frame (crossfade, overlay, caption)', async () => {
    const caps = await getCapabilities(alt!);
    expect(caps.xfade, `${alt} is expected to be a build with xfade`).toBe(true);
    const tl = sampleTimeline();
    const render = (bin: string | undefined, name: string) =>
      exportTimeline(tl, { resolveMedia: folderResolver(dir), out: path.join(dir, name), shortSide: 180, thumbnail: false, ffmpegPath: bin ?? null });
    const [a, b] = [await render(undefined, 'bundled.mp4'), await render(alt, 'user.mp4')];
    expect(b.frames).toBe(a.frames);
    for (const frame of [10, 40, 52, 100, 140]) {
      const [fa, fb] = [await readFrameRgb(ffmpegPath, a.out, frame, dir), await readFrameRgb(ffmpegPath, b.out, frame, dir)];
      // Different x264/freetype versions: compare mean difference (encoder noise, glyph edges).
      let sum = 0;
      let n = 0;
      for (let y = 0; y < fa.height; y += 2) for (let x = 0; x < fa.width; x += 2) {
        const pa = fa.at(x, y);
        const pb = fb.at(x, y);
        pa.forEach((v, i) => (sum += Math.abs(v - pb[i]!)));
        n += 3;
      }
      expect(sum / n, `frame ${frame}: mean channel difference`).toBeLessThan(3);
    }
  });
});
