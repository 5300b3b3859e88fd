/**
 * Crash safety: SIGKILL the pipeline process during each stage in turn, resume it each time, and
 * the run still completes with exactly one paid video job per scene (recorded job ids are
 * re-polled, never re-created). Uses the fake provider's on-disk ledger, which — like a real
 * provider — keeps jobs running while our process is dead.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ledger } from '../../src/pipeline/providers/fake/ledger';
import type { FakeScript } from '../../src/pipeline/providers/fake';
import { makeWorkspace, writeBrief } from './pipeline-fixtures';
import { runKillableChild, type ChildLine } from './kill-child';

// Long enough that a kill lands while the step is still working.
const script = (ledgerFile: string): FakeScript => ({
  latencyMs: { text: 250, image: 300, videoPerSecond: 40, videoFixed: 500, speech: 150, music: 700, sfx: 400 },
  ledgerFile,
});

type Line = ChildLine;

/** Runs the child until `killAt` says so (then SIGKILLs it) or it exits. */
const runChild = (args: object, dataDir: string, killAt?: (l: Line) => boolean) => runKillableChild(path.join(__dirname, 'pipeline-child.ts'), args, { ZAPCUT_DATA_DIR: dataDir }, killAt);

const PAID = new Set(['references', 'voiceover', 'music', 'sfx', 'scene:1', 'scene:2', 'scene:3']);

describe('resume after SIGKILL', () => {
  it('completes after a kill during every stage, with exactly one paid job per scene', { timeout: 300_000 }, async () => {
    const ws = await makeWorkspace('zapcut-resume-');
    const brief = await writeBrief(ws.dir);
    const ledgerFile = path.join(ws.dir, 'ledger.json');
    const targets = ['bible', 'storyboard', 'safety', 'references', 'prompts', 'voiceover', 'music', 'sfx', 'scene:1', 'scene:2', 'scene:3', 'timeline', 'export:16x9'];
    let runId: string | undefined;
    const done = new Set<string>();
    const killedDuring: string[] = [];
    const allLines: Line[] = [];
    for (const target of targets) {
      if (done.has(target)) continue;
      const args = runId ? { mode: 'resume', runId, script: script(ledgerFile) } : { mode: 'start', brief, script: script(ledgerFile) };
      // Paid steps die once a job id is recorded or re-polled (the dangerous moment); others as they start.
      const { lines, killed } = await runChild(args, ws.dataDir, (l) =>
        PAID.has(target) ? l.type === 'job' && l.stepId === target : l.type === 'step' && l.stepId === target && l.status === 'started',
      );
      runId ??= lines.find((l) => l.type === 'run')?.runId;
      for (const l of lines) if (l.type === 'step' && (l.status === 'done' || l.status === 'replayed')) done.add(l.stepId!);
      if (killed) killedDuring.push(target);
      allLines.push(...lines);
      if (!killed) break; // it finished before we could kill it
    }
    const final = await runChild({ mode: 'resume', runId, script: script(ledgerFile) }, ws.dataDir);
    const result = final.lines.find((l) => l.type === 'result' || l.type === 'error')!;
    expect(result.type, JSON.stringify(result)).toBe('result');
    allLines.push(...final.lines);
    expect(killedDuring, killedDuring.join(' ')).toEqual(expect.arrayContaining(['bible', 'storyboard', 'safety', 'scene:1', 'scene:2', 'scene:3']));
    expect(killedDuring.length, killedDuring.join(' ')).toBeGreaterThanOrEqual(10);
    // Each scene's recorded job was re-polled by the next process, not created again.
    for (const scene of ['scene:1', 'scene:2', 'scene:3']) {
      expect(allLines.some((l) => l.type === 'job' && l.stepId === scene && l.reused === true), scene).toBe(true);
    }

    const ledger = Ledger.read(ledgerFile);
    const perScene: Record<string, number> = {};
    for (const j of ledger.jobs.filter((x) => x.capability === 'video')) {
      const step = j.idempotencyKey.split(':').slice(1, 3).join(':');
      perScene[step] = (perScene[step] ?? 0) + 1;
    }
    expect(perScene).toEqual({ 'scene:1': 1, 'scene:2': 1, 'scene:3': 1 });
    // Every other paid job was also created once per key.
    const keys = ledger.jobs.map((j) => j.idempotencyKey);
    const dupes = keys.filter((k, i) => keys.indexOf(k) !== i);
    expect(dupes, `killed during: ${killedDuring.join(' ')}`).toEqual([]);
  });
});
