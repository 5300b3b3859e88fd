import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSampleMedia } from '../../pipeline/compose/testing';
import { probeMedia, resolveBinaries } from '../../pipeline/ffmpeg';
import { sampleTimeline } from '../../shared/timeline/fixtures';
import { parseRenderArgs } from './render';

const execFileAsync = promisify(execFile);
const bin = path.resolve(import.meta.dirname, '../../../bin/zapcut.mjs');
const { ffmpegPath, ffprobePath } = resolveBinaries();
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'zapcut-cli-render-'));
  await writeSampleMedia(ffmpegPath, dir, { sceneS: 1 });
  await writeFile(path.join(dir, 'timeline.json'), JSON.stringify(sampleTimeline({ sceneS: 1, fadeS: 0.5 })));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('zapcut render', () => {
  it('parses and validates its arguments', () => {
    expect(parseRenderArgs(['t.json', '--out', 'a.mp4', '--preset', '9:16', '--draft'])).toMatchObject({ timeline: 't.json', out: 'a.mp4', preset: '9:16', draft: true, thumbnail: true });
    expect(parseRenderArgs(['--help'])).toBe('help');
    expect(() => parseRenderArgs(['t.json', '--out', 'a.mov'])).toThrow(/must end in \.mp4/);
    expect(() => parseRenderArgs(['t.json', '--out', 'a.mp4', '--preset', '5:4'])).toThrow(/16:9/);
    expect(() => parseRenderArgs(['t.json'])).toThrow(/--out/);
  });

  it('renders a draft with a thumbnail through bin/zapcut.mjs', async () => {
    const out = path.join(dir, 'ad.mp4');
    const { stdout, stderr } = await execFileAsync(process.execPath, [bin, 'render', path.join(dir, 'timeline.json'), '--out', out, '--draft'], { timeout: 120_000 });
    expect(stdout).toMatch(/960×540 30 fps {2}2\.00 s/);
    expect(stderr).toMatch(/100%.*done/);
    const p = await probeMedia(ffprobePath, out);
    expect(p.video).toMatchObject({ width: 960, height: 540, frames: 60 });
    expect(existsSync(path.join(dir, 'ad.jpg'))).toBe(true);
  });

  it('fails with a message naming the item and leaves nothing behind', async () => {
    const tl = sampleTimeline({ sceneS: 1 });
    tl.media.blue = { kind: 'video', file: 'missing.mp4' };
    await writeFile(path.join(dir, 'bad.json'), JSON.stringify(tl));
    const before = await readdir(dir);
    const err = await execFileAsync(process.execPath, [bin, 'render', path.join(dir, 'bad.json'), '--out', path.join(dir, 'bad.mp4')]).catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 1 });
    expect((err as { stderr: string }).stderr).toMatch(/NOT_FOUND: media "blue" used by "scene-blue": Media file not found/);
    expect(await readdir(dir)).toEqual(before);
  });
});
