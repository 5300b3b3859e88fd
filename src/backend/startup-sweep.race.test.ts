import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type * as FsPromises from 'node:fs/promises';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { sweepLeftovers } from './startup-sweep';
import { resolveBinaries } from '../pipeline/ffmpeg/binaries';
import { recordFfmpegChildrenIn, runFfmpeg } from '../pipeline/ffmpeg/run';

const dir = mkdtempSync(path.join(tmpdir(), 'zapcut-sweep-race-'));
afterAll(() => {
  recordFfmpegChildrenIn(null);
  rmSync(dir, { recursive: true, force: true });
});

/** Another Zapcut process starting on the same data folder at the worst moment: FFmpeg has finished and
 *  its output is about to be renamed into place (the run-lease test saw a refused resume's sweep delete
 *  the winner's `gate-first.png` there). The sweep runs inside the rename, before the real one. */
const sweepBeforeRename = vi.hoisted(() => ({ dataDir: '', sweeps: 0 }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof FsPromises>();
  const rename: typeof real.rename = async (from, to) => {
    if (sweepBeforeRename.dataDir) {
      const { sweepLeftovers: sweep } = await import('./startup-sweep');
      sweep(sweepBeforeRename.dataDir);
      sweepBeforeRename.sweeps += 1;
    }
    return real.rename(from, to);
  };
  return { ...real, default: { ...real, rename }, rename };
});

describe('start-up sweep beside a live process', () => {
  it('never takes a live FFmpeg output that is being renamed into place for a leftover', async () => {
    const dataDir = path.join(dir, 'data');
    const step = path.join(dataDir, 'runs', 'run-1', 'scene_2');
    mkdirSync(step, { recursive: true });
    recordFfmpegChildrenIn(path.join(dataDir, '.ffmpeg-children'));
    sweepBeforeRename.dataDir = dataDir;
    const { ffmpegPath } = resolveBinaries({ env: {} });
    const output = path.join(step, 'gate-first.png');
    await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', 'color=c=red:s=32x18:d=0.1', '-frames:v', '1', '-f', 'image2'], output });
    expect(sweepBeforeRename.sweeps).toBe(1);
    expect(readdirSync(step)).toEqual(['gate-first.png']);
    // The record is gone once the file is in place, so the next start has nothing of it to keep.
    expect(readdirSync(path.join(dataDir, '.ffmpeg-children'))).toEqual([]);
    sweepBeforeRename.dataDir = '';
    // And a real leftover in the same folder (its process gone, no record) is still removed.
    const leftover = path.join(step, '.gate-last.png.0123abcd.partial.png');
    writeFileSync(leftover, 'half');
    expect(sweepLeftovers(dataDir).removed).toEqual([leftover]);
  });
});
