/**
 * Bad input never reaches FFmpeg: the export fails with an error naming the item/media, no
 * encode is started (checked with a logging wrapper around the real ffmpeg) and nothing is
 * left in the output folder.
 */
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Timeline } from '../../shared/timeline';
import { sampleTimeline } from '../../shared/timeline/fixtures';
import { resolveBinaries } from '../ffmpeg/binaries';
import { exportTimeline } from './export';
import { folderResolver, writeSampleMedia } from './testing';

const { ffmpegPath } = resolveBinaries();
let dir: string;
let outDir: string;
let wrapper: string;
let log: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'zapcut-bad-'));
  await writeSampleMedia(ffmpegPath, dir);
  await writeFile(path.join(dir, 'corrupt.mp4'), Buffer.alloc(4096, 7));
  log = path.join(dir, 'ffmpeg-calls.log');
  wrapper = path.join(dir, 'ffmpeg-wrapper.sh');
  await writeFile(wrapper, `#!/bin/sh\necho "$*" >> '${log}'\nexec '${ffmpegPath}' "$@"\n`);
  await chmod(wrapper, 0o755);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  outDir = path.join(dir, `out-${Math.random().toString(36).slice(2)}`);
  await mkdir(outDir);
  await writeFile(log, '');
});

async function expectRejected(tl: unknown, code: string, message: RegExp) {
  const err = await exportTimeline(tl, { resolveMedia: folderResolver(dir), out: path.join(outDir, 'ad.mp4'), ffmpegPath: wrapper, shortSide: 180 }).catch((e: unknown) => e);
  expect(err).toMatchObject({ code });
  expect((err as Error).message).toMatch(message);
  const calls = (await readFile(log, 'utf8')).split('\n').filter((l) => l.includes('-progress'));
  expect(calls, 'no FFmpeg render was started').toEqual([]);
  expect(await readdir(outDir), 'nothing left in the output folder').toEqual([]);
}

const base = (): Timeline => sampleTimeline();

describe('export refuses bad input before FFmpeg starts', () => {
  it('missing media file', async () => {
    const tl = base();
    tl.media.green = { kind: 'video', file: 'gone.mp4', name: 'Scene 2' };
    await expectRejected(tl, 'NOT_FOUND', /media "green" \(Scene 2\) used by "scene-green".*not found/);
  });

  it('corrupt video', async () => {
    const tl = base();
    tl.media.blue = { kind: 'video', file: 'corrupt.mp4' };
    await expectRejected(tl, 'UNSUPPORTED_MEDIA', /media "blue" used by "scene-blue".*corrupt/);
  });

  it('an audio-only file on the video track', async () => {
    const tl = base();
    tl.media.red = { kind: 'video', file: 'music.wav' };
    await expectRejected(tl, 'VALIDATION', /media "red" used by "scene-red" has no picture \(it is audio-only\)/);
  });

  it('a crossfade longer than a clip', async () => {
    const tl = base();
    tl.main.clips[2] = { ...tl.main.clips[2]!, transitionIn: { kind: 'crossfade', frames: 75 } };
    await expectRejected(tl, 'VALIDATION', /crossfade into main clip "scene-blue" is 75 frames/);
  });

  it('overlapping items on the main track', async () => {
    const tl = base();
    tl.main.clips[1] = { ...tl.main.clips[1]!, transitionIn: { kind: 'cut', frames: 0 } };
    await expectRejected(tl, 'VALIDATION', /main clip "scene-green" overlaps "scene-red"/);
  });

  it('a zero-length timeline', async () => {
    const tl = base();
    tl.main.clips = [];
    tl.overlays = [];
    await expectRejected(tl, 'VALIDATION', /zero length/);
  });

  it('an unknown schema version', async () => {
    await expectRejected({ ...base(), version: 7 }, 'VALIDATION', /schema version 7 is not supported/);
  });

  it('a clip asking for more source than the file has', async () => {
    const tl = base();
    tl.main.clips[0] = { ...tl.main.clips[0]!, in: 60, out: 120 }; // 2.5 s file, wants 2 s..4 s
    await expectRejected(tl, 'VALIDATION', /"scene-red" needs red up to 4\.00 s but the file is 2\.5\d s long/);
  });
});

describe('export cancellation', () => {
  it('stops FFmpeg through the AbortSignal and leaves no file', async () => {
    const ac = new AbortController();
    const tl = base();
    const err = await exportTimeline(tl, {
      resolveMedia: folderResolver(dir),
      out: path.join(outDir, 'ad.mp4'),
      signal: ac.signal,
      shortSide: 180,
      onProgress: (p) => {
        if (p.stage === 'encoding') ac.abort();
      },
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'CANCELLED' });
    expect(await readdir(outDir)).toEqual([]);
  });
});
