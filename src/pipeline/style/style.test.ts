import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBinaries } from '../ffmpeg/binaries';
import { runFfmpeg } from '../ffmpeg/run';
import { lookStats } from './color-stats';
import { chooseFrames, exposureOf, selectTrainingFrames, sharpnessOf, thumbDifference } from './frame-select';
import { deriveGrade, gradeFilter, gradeImage, gradeVideo } from './grade';
import { decodeFrames } from './pixels';
import { Grade } from './trained-style';

const { ffmpegPath } = resolveBinaries();
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zapcut-style-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('deriveGrade', () => {
  it('is deterministic, valid and pulls harder when the frames drifted from the palette', () => {
    const palette = ['#E4572E', '#29335C', '#F3A712'];
    const near = deriveGrade(palette, ['#E0562F', '#2A345B']);
    const far = deriveGrade(palette, ['#10FF10', '#00FFFF']);
    expect(deriveGrade(palette, ['#E0562F', '#2A345B'])).toEqual(near);
    expect(Grade.parse(far)).toEqual(far);
    expect(far.strength).toBeGreaterThan(near.strength);
    expect(gradeFilter(near).split(',')).toHaveLength(2);
  });
});

describe('grading real pixels', () => {
  it('moves a neutral frame and a clip toward the palette', async () => {
    const palette = ['#E4572E', '#F3A712'];
    const src = path.join(dir, 'grey.png');
    await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', 'testsrc2=s=64x36', '-vf', 'hue=s=0', '-frames:v', '1'], output: src });
    const grade = deriveGrade(palette, ['#808080']);
    const out = await gradeImage(ffmpegPath, src, path.join(dir, 'graded.png'), grade);
    const before = await lookStats(ffmpegPath, src, palette, dir);
    const after = await lookStats(ffmpegPath, out, palette, dir);
    expect(after.paletteDistance).toBeLessThan(before.paletteDistance * 0.9);

    const clip = path.join(dir, 'clip.mp4');
    await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', 'testsrc2=s=64x36:r=10:d=1', '-vf', 'hue=s=0', '-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-preset', 'ultrafast'], output: clip });
    const gradedClip = await gradeVideo(ffmpegPath, clip, path.join(dir, 'graded.mp4'), grade, { durationS: 1 });
    const vb = await lookStats(ffmpegPath, clip, palette, dir, { fps: 4 });
    const va = await lookStats(ffmpegPath, gradedClip, palette, dir, { fps: 4 });
    expect(va.frames).toBe(vb.frames);
    expect(va.paletteDistance).toBeLessThan(vb.paletteDistance * 0.9);
  });
});

describe('training frame selection', () => {
  it('scores sharp over blurred and mid-exposure over black (pure)', () => {
    const w = 8;
    const sharp = Buffer.from(Array.from({ length: 64 }, (_, i) => ((i + Math.floor(i / w)) % 2 ? 200 : 60)));
    const flat = Buffer.alloc(64, 128);
    expect(sharpnessOf(sharp, w, 8)).toBeGreaterThan(sharpnessOf(flat, w, 8) + 100);
    expect(exposureOf(flat)).toBeGreaterThan(0.99);
    expect(exposureOf(Buffer.alloc(64, 0))).toBe(0);
    const thumbs = [Buffer.alloc(4, 10), Buffer.alloc(4, 11), Buffer.alloc(4, 90)];
    const scores = [0.9, 0.8, 0.5].map((score, index) => ({ index, seconds: index, sharpness: 0, exposure: 0, score }));
    expect(chooseFrames(scores, thumbs, { max: 5, minDifference: 6, minScore: 0.3 }).map((s) => s.index)).toEqual([0, 2]);
  });

  it('picks distinct, well-exposed, sharp frames of a real video', async () => {
    // 2 s sharp pattern, 1 s of the same pattern blurred, 1 s black.
    const video = path.join(dir, 'ad.mp4');
    await runFfmpeg({
      ffmpegPath,
      args: [
        '-f', 'lavfi', '-i', 'testsrc2=s=160x90:r=8:d=3',
        '-f', 'lavfi', '-i', 'color=c=black:s=160x90:r=8:d=1',
        '-filter_complex', '[0:v]trim=0:2,setpts=PTS-STARTPTS[a];[0:v]trim=2:3,setpts=PTS-STARTPTS,boxblur=6:3[b];[a][b][1:v]concat=n=3:v=1,format=yuv420p[v]',
        '-map', '[v]', '-c:v', 'libx264', '-preset', 'ultrafast',
      ],
      output: video,
    });
    const picked = await selectTrainingFrames(ffmpegPath, video, 4, dir, { fps: 4, max: 15, maxSide: 160 });
    expect(picked.length).toBeGreaterThanOrEqual(3);
    expect(picked.length).toBeLessThanOrEqual(15);
    // Nothing from the black second; every pair distinct.
    expect(picked.every((p) => p.seconds < 3)).toBe(true);
    const thumbs = await Promise.all(picked.map((p) => decodeFrames(ffmpegPath, p.file, dir, { width: 16, height: 9, gray: true })));
    for (let i = 0; i < thumbs.length; i++) for (let j = i + 1; j < thumbs.length; j++) expect(thumbDifference(thumbs[i]!.frames[0]!, thumbs[j]!.frames[0]!)).toBeGreaterThan(3);
    // The best-scored frame is a sharp one (from the first two seconds).
    const best = [...picked].sort((a, b) => b.score - a.score)[0]!;
    expect(best.seconds).toBeLessThan(2);
  });
});
