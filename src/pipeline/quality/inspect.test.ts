import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PLAN_FACTS_TAG } from '../../shared/quality/facts';
import { resolveBinaries, runFfmpeg } from '../ffmpeg';
import { inspectExport, readPlanFacts } from './inspect';

const facts = { version: 1, master: null, voice: { lines: 2, cutSeconds: 0, cutLines: [], crossingCuts: [] }, balance: null, layout: null };

describe('readPlanFacts', () => {
  it('reads valid facts, says null when the tag is absent and unreadable when it is broken', () => {
    expect(readPlanFacts({})).toBeNull();
    expect(readPlanFacts({ [PLAN_FACTS_TAG]: JSON.stringify(facts) })).toMatchObject({ voice: { lines: 2 } });
    expect(readPlanFacts({ [PLAN_FACTS_TAG]: '{"voice": ' })).toBe('unreadable');
    expect(readPlanFacts({ [PLAN_FACTS_TAG]: JSON.stringify({ voice: { lines: 'two' } }) })).toBe('unreadable');
  });
});

describe('inspectExport', () => {
  it('reads a file with a silent track (true peak −∞) instead of failing on it', async () => {
    const bins = resolveBinaries();
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'zapcut-inspect-')), 'silent.mp4');
    await runFfmpeg({ ffmpegPath: bins.ffmpegPath, args: ['-f', 'lavfi', '-i', 'color=c=black:s=64x64:r=10:d=1', '-f', 'lavfi', '-i', 'anullsrc=r=48000:cl=stereo', '-t', '1', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest'], output: file });
    const { facts } = await inspectExport(file, bins);
    expect(facts.audio?.codec).toBe('aac');
    expect(facts.loudness?.truePeakDb).toBeNull();
    expect(Number.isFinite(facts.loudness?.integratedLufs)).toBe(true);
  });
});
