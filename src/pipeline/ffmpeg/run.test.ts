import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBinaries } from './binaries';
import { type ProgressReport } from './progress';
import { killAllFfmpeg, liveFfmpegCount, runFfmpeg, summarizeStderr, tempPathFor } from './run';
import { waitFor } from '../../../test/support/wait';

const { ffmpegPath } = resolveBinaries({ env: {} });
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'zapcut-run-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const slowArgs = ['-f', 'lavfi', '-re', '-i', 'testsrc=size=160x90:rate=30:duration=30', '-c:v', 'libx264', '-preset', 'ultrafast'];

describe('runFfmpeg', () => {
  it('reports progress and renames the temp file into place', async () => {
    const out = path.join(dir, 'ok.mp4');
    const reports: ProgressReport[] = [];
    await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', 'testsrc=size=160x90:rate=30:duration=1', '-c:v', 'libx264', '-preset', 'ultrafast'], output: out, durationS: 1, onProgress: (r) => reports.push(r) });
    expect(await readdir(dir)).toEqual(['ok.mp4']);
    expect(reports.at(-1)).toMatchObject({ percent: 100, etaS: 0 });
  });

  it('puts the stderr tail in an FFMPEG error and leaves no file', async () => {
    const out = path.join(dir, 'bad.mp4');
    const err = await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', 'nosuchsource=1'], output: out }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'FFMPEG' });
    expect((err as Error).message).toMatch(/nosuchsource|No such filter/);
    expect(await readdir(dir)).not.toContain('bad.mp4');
    expect((await readdir(dir)).some((f) => f.includes('partial'))).toBe(false);
  });

  it('cancels through an AbortSignal', async () => {
    const out = path.join(dir, 'cancel.mp4');
    const ac = new AbortController();
    const p = runFfmpeg({ ffmpegPath, args: slowArgs, output: out, signal: ac.signal, onProgress: () => ac.abort() });
    await expect(p).rejects.toMatchObject({ code: 'CANCELLED' });
    expect((await readdir(dir)).filter((f) => f.includes('cancel'))).toEqual([]);
    expect(liveFfmpegCount()).toBe(0);
  });

  it('kills every live child on quit', async () => {
    const runs = [1, 2].map((i) => runFfmpeg({ ffmpegPath, args: slowArgs, output: path.join(dir, `quit${i}.mp4`) }).catch((e: unknown) => e));
    await waitFor(liveFfmpegCount, (n) => n >= 2, 'two live FFmpeg children', { intervalMs: 20 });
    expect(killAllFfmpeg()).toBe(2);
    const errors = await Promise.all(runs);
    for (const e of errors) expect(e).toMatchObject({ code: 'FFMPEG', message: expect.stringMatching(/killed/) });
    expect((await readdir(dir)).filter((f) => f.includes('quit'))).toEqual([]);
  });

  it('names temp files beside the output with the same extension', () => {
    const t = tempPathFor('/a/b/ad.mp4');
    expect(path.dirname(t)).toBe('/a/b');
    expect(t).toMatch(/\/\.ad\.[0-9a-f]{8}\.partial\.mp4$/);
    expect(summarizeStderr('frame=  1 fps\nInput #0\n[x @ 0x1] Error: boom\n')).toBe('Input #0 | [x @ 0x1] Error: boom');
  });
});
