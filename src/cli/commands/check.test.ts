import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { exportTimeline } from '../../pipeline/compose/export';
import { folderResolver, writeSampleMedia } from '../../pipeline/compose/testing';
import { resolveBinaries } from '../../pipeline/ffmpeg/binaries';
import { runFfmpeg } from '../../pipeline/ffmpeg/run';
import { moovBeforeMdat } from '../../pipeline/quality/inspect';
import { sampleTimeline } from '../../shared/timeline/fixtures';
import type { RunResult } from '../../pipeline/generate';
import { finishRun } from './generate';

const execFileAsync = promisify(execFile);
const bin = path.resolve(import.meta.dirname, '../../../bin/zapcut.mjs');
const { ffmpegPath } = resolveBinaries();
let dir: string;
let ad: string;

const zapcut = async (...args: string[]) => {
  try {
    const { stdout } = await execFileAsync(process.execPath, [bin, 'check', ...args], { timeout: 60_000 });
    return { code: 0, stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout + e.stderr };
  }
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'zapcut-cli-check-'));
  await writeSampleMedia(ffmpegPath, dir);
  const tl = sampleTimeline();
  // No voice line, and the caption and product shot in their layout slots (as a generated ad
  // has them; the fixture's hand placements sit in YouTube's bottom bar): this ad's only fault is
  // its size.
  tl.audio[0]!.clips = [];
  for (const item of tl.overlays.flatMap((t) => t.items)) {
    if (item.kind === 'text') delete item.placement;
    else item.slot = 'side';
  }
  ad = (await exportTimeline(tl, { resolveMedia: folderResolver(dir), out: path.join(dir, 'ad.mp4'), shortSide: 180, thumbnail: false })).out;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('zapcut check', () => {
  it('passes a mastered export on the general checks and names the networks it fits', async () => {
    const r = await zapcut(ad);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/ad\.mp4: passes/);
    expect(r.stdout).toMatch(/ok {4}-1[34](\.\d)? LUFS integrated/);
    expect(r.stdout).toMatch(/ok {4}BT\.709, limited range/);
    expect(r.stdout).toMatch(/ok {4}No voiceover/);
  });

  it('fails a 320×180 file for TikTok, with the reason, as JSON too', async () => {
    const r = await zapcut(ad, '--platform', 'tiktok');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL {2}320×180 is below TikTok in-feed's minimum of 1280×720/);
    const json = JSON.parse((await zapcut(ad, '--platform', 'tiktok', '--json')).stdout) as { ok: boolean; items: Array<{ code: string; status: string }>; facts: { video: { width: number } } };
    expect(json.ok).toBe(false);
    expect(json.facts.video.width).toBe(320);
    expect(json.items.find((i) => i.code === 'resolution')!.status).toBe('fail');
  });

  it('refuses a bad platform and a missing file clearly', async () => {
    expect((await zapcut(ad, '--platform', 'myspace')).stdout).toMatch(/platform/);
    const missing = await zapcut(path.join(dir, 'nope.mp4'));
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/NOT_FOUND: There is no file at/);
  });

  it('sees where the index is', async () => {
    expect(await moovBeforeMdat(ad)).toBe(true);
    const late = path.join(dir, 'late.mp4');
    await runFfmpeg({ ffmpegPath, args: ['-i', ad, '-c', 'copy'], output: late });
    expect(await moovBeforeMdat(late)).toBe(false);
    expect(await moovBeforeMdat(path.join(dir, 'logo.png'))).toBeNull();
  });
});

describe('zapcut generate', () => {
  it('ends with the same report `zapcut check` prints, so pass/fail needs no second command', async () => {
    const printed: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void printed.push(a.join(' ')));
    try {
      const result = { runId: 'r1', out: undefined, exportPath: ad, thumbnailPath: ad, export: { durationMs: 15000, bytes: 1000 }, costCents: 0, wastedPaidSeconds: 0, voiceoverUnavailable: null, musicFallback: null, continuity: [], elapsedSeconds: 1 } as unknown as RunResult;
      await finishRun(result, undefined);
    } finally {
      log.mockRestore();
    }
    const text = printed.join('\n');
    expect(text).toMatch(/Done in 1\.0 s — run r1/);
    const check = await zapcut(ad);
    // Word for word what the check command says about this file.
    expect(text).toContain(check.stdout.trim());
    expect(text).toMatch(/ad\.mp4: passes\n {2}ok {4}/);
  });
});
