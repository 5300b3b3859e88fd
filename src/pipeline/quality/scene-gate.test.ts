/**
 * The scene gate on tiny generated clips (FFmpeg lavfi): a clip that goes from A to B passes against
 * A and B and fails against B and A; a clip that holds still, or goes black, fails for that reason.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBinaries } from '../ffmpeg/binaries';
import { runFfmpeg } from '../ffmpeg/run';
import { GATE, gateReasonText, gateReasons, judgeScene, measureScene, reasonsOf } from './scene-gate';

const bins = resolveBinaries();
let dir = '';
const ff = (args: string[], out: string) => runFfmpeg({ ffmpegPath: bins.ffmpegPath, args, output: out });

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'zapcut-gate-'));
  await ff(['-f', 'lavfi', '-i', 'testsrc2=s=160x90', '-frames:v', '1'], path.join(dir, 'a.png'));
  await ff(['-f', 'lavfi', '-i', 'mandelbrot=s=160x90', '-frames:v', '1'], path.join(dir, 'b.png'));
  // A → B over 2 s, as a model asked for a first and a last frame makes it.
  const blend = "[0:v]format=yuv420p[a];[1:v]format=yuv420p[b];[a][b]blend=all_expr='A*(1-min(T/1.95,1))+B*min(T/1.95,1)'[v]";
  await ff(['-loop', '1', '-framerate', '30', '-t', '2', '-i', path.join(dir, 'a.png'), '-loop', '1', '-framerate', '30', '-t', '2', '-i', path.join(dir, 'b.png'), '-filter_complex', blend, '-map', '[v]', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'], path.join(dir, 'ab.mp4'));
  // A held still for 2 s; 1 s of black then A.
  await ff(['-loop', '1', '-framerate', '30', '-t', '2', '-i', path.join(dir, 'a.png'), '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'], path.join(dir, 'still.mp4'));
  await ff(['-f', 'lavfi', '-i', 'color=black:s=160x90:r=30:d=1', '-f', 'lavfi', '-i', 'testsrc2=s=160x90:r=30:d=1', '-filter_complex', '[0:v][1:v]concat=n=2:v=1[v]', '-map', '[v]', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'], path.join(dir, 'black.mp4'));
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('scene gate', () => {
  it('a clip from A to B matches A at its start and B at its end, and not the other way round', async () => {
    const clip = path.join(dir, 'ab.mp4');
    const right = await measureScene(bins, clip, { first: path.join(dir, 'a.png'), last: path.join(dir, 'b.png') }, dir);
    expect(right.firstSsim!).toBeGreaterThan(GATE.minSsim);
    expect(right.lastSsim!).toBeGreaterThan(GATE.minSsim);
    expect(right.frozenSeconds).toBe(0);
    expect(right.blackSeconds).toBe(0);
    expect(judgeScene(right, { seconds: 2, aspect: 16 / 9 })).toEqual([]);
    const wrong = await measureScene(bins, clip, { first: path.join(dir, 'b.png'), last: path.join(dir, 'a.png') }, dir);
    expect(wrong.firstSsim!).toBeLessThan(GATE.minSsim);
    const why = judgeScene(wrong, { seconds: 2, aspect: 16 / 9 });
    expect(why.join(' ')).toMatch(/first frame does not match/);
    expect(why.join(' ')).toMatch(/last frame does not match the next keyframe/);
  }, 60_000);

  it('a frozen clip, a black stretch, a short clip and a wrong frame fail, each for its reason', async () => {
    const still = await measureScene(bins, path.join(dir, 'still.mp4'), {}, dir);
    expect(still.frozenSeconds).toBeGreaterThanOrEqual(1.5);
    expect(judgeScene(still, { seconds: 2 }).join(' ')).toMatch(/1\.5 s of its 2\.0 s is frozen/);
    const black = await measureScene(bins, path.join(dir, 'black.mp4'), {}, dir);
    expect(black.blackSeconds).toBeGreaterThan(0.8);
    expect(judgeScene(black, { seconds: 2 }).join(' ')).toMatch(/s of it is black/);
    expect(judgeScene(black, { seconds: 4 }).join(' ')).toMatch(/2\.00 s long, 4 s was asked for/);
    expect(judgeScene(black, { seconds: 2, aspect: 9 / 16 }).join(' ')).toMatch(/160×90, not the 0\.56:1 frame/);
  }, 60_000);

  it('the reasons are kept as figures for the app to word (an older run\'s English words pass through as they are)', () => {
    const m = { firstSsim: 0.81, lastSsim: 0.97, blackSeconds: 0.9, frozenSeconds: 0, durationS: 1.5, width: 160, height: 90 };
    const reasons = gateReasons(m, { seconds: 2, aspect: 9 / 16 });
    expect(reasons).toEqual([
      { code: 'firstFrame', ssim: 0.81, min: GATE.minSsim },
      { code: 'black', seconds: 0.9 },
      { code: 'short', seconds: 1.5, asked: 2 },
      { code: 'size', width: 160, height: 90, aspect: 9 / 16 },
    ]);
    expect(judgeScene(m, { seconds: 2, aspect: 9 / 16 })).toEqual(reasons.map(gateReasonText));
    expect(reasonsOf({ failed: ['it is 1.50 s long, 2 s was asked for'] })).toEqual([{ code: 'other', text: 'it is 1.50 s long, 2 s was asked for' }]);
    expect(reasonsOf({ failed: ['x'], reasons })).toBe(reasons);
  });
});
