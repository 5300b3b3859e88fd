import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../backend/storage/database';
import { sqliteRunStore } from '../../backend/storage/repos/runs';
import { AppError } from '../../shared/errors';
import type { RunEvent } from './events';
import { executeSteps, seedSteps, type StepDef } from './executor';

const workDir = path.join(tmpdir(), 'zapcut-executor-test');
const setup = () => {
  const store = sqliteRunStore(openDatabase(':memory:'));
  store.createRun({ id: 'r1', projectId: null, provider: 'test', input: {} });
  return store;
};
const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('executeSteps', () => {
  it('runs independent steps concurrently and passes outputs along the graph', async () => {
    const store = setup();
    const log: string[] = [];
    const step = (id: string, deps: string[], ms: number, out: (o: (id: string) => number) => number): StepDef => ({
      id,
      deps,
      expectedSeconds: ms / 1000,
      run: async (ctx) => {
        log.push(`start ${id}`);
        await delay(ms);
        log.push(`end ${id}`);
        return out((d) => ctx.output(d) as number);
      },
    });
    const out = await executeSteps(
      [step('a', [], 10, () => 1), step('b', ['a'], 80, (o) => o('a') + 1), step('c', ['a'], 80, (o) => o('a') + 10), step('d', ['b', 'c'], 10, (o) => o('b') + o('c'))],
      { store, runId: 'r1', workDir },
    );
    expect(out.get('d')).toBe(13);
    // b and c overlapped (c started before b ended); speed itself is measured by bench:pipeline.
    expect(log.indexOf('start c')).toBeLessThan(log.indexOf('end b'));
  });

  it('replays committed steps instead of running them again', async () => {
    const store = setup();
    let runs = 0;
    const steps: StepDef[] = [
      { id: 'a', deps: [], expectedSeconds: 0, run: async () => (runs++, { v: 'from a' }) },
      { id: 'b', deps: ['a'], expectedSeconds: 0, run: async (ctx) => `${(ctx.output('a') as { v: string }).v} then b` },
    ];
    await executeSteps(steps, { store, runId: 'r1', workDir });
    const events: RunEvent[] = [];
    const out = await executeSteps(steps, { store, runId: 'r1', workDir, onEvent: (e) => events.push(e) });
    expect(runs).toBe(1);
    expect(out.get('b')).toBe('from a then b');
    expect(events.filter((e) => e.type === 'step').map((e) => (e as { status: string }).status)).toEqual(['replayed', 'replayed']);
  });

  it('records paid job ids at once and hands them back after a failure', async () => {
    const store = setup();
    let seen: Record<string, string> | undefined;
    const failing: StepDef = {
      id: 'scene:1',
      deps: [],
      expectedSeconds: 0,
      run: async (ctx) => {
        if (ctx.attempt === 1) {
          ctx.recordJob('video', 'pred_123', 250);
          throw new AppError('PROVIDER', 'network dropped');
        }
        seen = { ...ctx.jobs };
        return 'ok';
      },
    };
    await expect(executeSteps([failing], { store, runId: 'r1', workDir })).rejects.toThrow('network dropped');
    expect(store.getSteps('r1')[0]).toMatchObject({ status: 'failed', jobs: { video: 'pred_123' }, costCents: 250 });
    store.resetUnfinished('r1');
    await executeSteps([failing], { store, runId: 'r1', workDir });
    expect(seen).toEqual({ video: 'pred_123' });
    expect(store.getSteps('r1')[0]).toMatchObject({ status: 'done', attempt: 2, costCents: 250 });
  });

  it('a failure cancels the steps still running and nothing downstream starts', async () => {
    const store = setup();
    let downstream = false;
    let cancelledSeen = false;
    const steps: StepDef[] = [
      { id: 'bad', deps: [], expectedSeconds: 0, run: async () => (await delay(10), Promise.reject(new AppError('PROVIDER', 'boom'))) },
      {
        id: 'slow',
        deps: [],
        expectedSeconds: 0,
        run: (ctx) => new Promise((_, reject) => ctx.signal.addEventListener('abort', () => ((cancelledSeen = true), reject(new AppError('CANCELLED', 'x'))))),
      },
      { id: 'after', deps: ['bad'], expectedSeconds: 0, run: async () => (downstream = true) },
    ];
    await expect(executeSteps(steps, { store, runId: 'r1', workDir })).rejects.toThrow('boom');
    expect(cancelledSeen).toBe(true);
    expect(downstream).toBe(false);
  });

  it('cancels from outside through the signal', async () => {
    const store = setup();
    const ac = new AbortController();
    const p = executeSteps([{ id: 'long', deps: [], expectedSeconds: 1, run: (ctx) => new Promise((_, rej) => ctx.signal.addEventListener('abort', () => rej(new AppError('CANCELLED', 'stop')))) }], {
      store,
      runId: 'r1',
      workDir,
      signal: ac.signal,
    });
    setTimeout(() => ac.abort(), 10);
    await expect(p).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('a cancel is a cancel even when the stopping step throws something else (an aborted ffprobe)', async () => {
    const store = setup();
    const ac = new AbortController();
    const p = executeSteps(
      [{ id: 'voice', deps: [], expectedSeconds: 1, run: (ctx) => new Promise((_, rej) => ctx.signal.addEventListener('abort', () => rej(new AppError('UNSUPPORTED_MEDIA', 'Cannot read media v.wav: The operation was aborted.')))) }],
      { store, runId: 'r1', workDir, signal: ac.signal },
    );
    setTimeout(() => ac.abort(), 10);
    // On the old code the run failed with UNSUPPORTED_MEDIA and the app said "Generation failed".
    await expect(p).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(store.getSteps('r1').find((r) => r.stepId === 'voice')).toMatchObject({ status: 'failed', error: { code: 'CANCELLED' } });
  });

  it('refuses an output that is not JSON: the step fails with where, nothing is committed', async () => {
    const store = setup();
    const cases: [string, unknown, RegExp][] = [
      ['date', { at: new Date(0) }, /\$\.at \(found a Date object\)/],
      ['map', { m: new Map() }, /\$\.m \(found a Map object\)/],
      ['nan', [1, Number.NaN], /\$\[1\] \(found NaN\)/],
      ['fn', { f: () => 1 }, /\$\.f \(found function\)/],
      ['hole', [undefined], /\$\[0\] \(found undefined\)/],
    ];
    for (const [id, value, where] of cases) {
      await expect(executeSteps([{ id, deps: [], expectedSeconds: 0, run: async () => value }], { store, runId: 'r1', workDir })).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(where) });
      expect(store.getSteps('r1').find((r) => r.stepId === id)).toMatchObject({ status: 'failed', output: null });
      store.resetUnfinished('r1');
    }
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(executeSteps([{ id: 'cycle', deps: [], expectedSeconds: 0, run: async () => cyclic }], { store, runId: 'r1', workDir })).rejects.toThrow(/\$\.self \(found a cycle\)/);
  });

  it('hands downstream steps the JSON copy a replay would read, not the object the step returned', async () => {
    const store = setup();
    const made = { n: 1, gone: undefined as number | undefined, list: [{ x: 1 }] };
    let seen: unknown;
    const steps: StepDef[] = [
      { id: 'a', deps: [], expectedSeconds: 0, run: async () => made },
      { id: 'b', deps: ['a'], expectedSeconds: 0, run: async (ctx) => ((seen = ctx.output('a')), null) },
    ];
    await executeSteps(steps, { store, runId: 'r1', workDir });
    made.list[0]!.x = 99; // the producer keeps its object; what was committed does not change
    expect(seen).toEqual({ n: 1, list: [{ x: 1 }] });
    expect(seen).not.toBe(made);
    expect(store.getSteps('r1').find((r) => r.stepId === 'a')!.output).toEqual(seen);
  });

  it('refuses two steps with the same id before running anything', async () => {
    const store = setup();
    let ran = false;
    const step = (): StepDef => ({ id: 'scene:1', deps: [], expectedSeconds: 0, run: async () => (ran = true) });
    await expect(executeSteps([step(), step()], { store, runId: 'r1', workDir })).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/Two steps have the id "scene:1"/) });
    expect(ran).toBe(false);
    expect(store.getSteps('r1')).toEqual([]);
  });

  it('runs only the steps asked for and what they depend on', async () => {
    const store = setup();
    const ran: string[] = [];
    const step = (id: string, deps: string[]): StepDef => ({ id, deps, expectedSeconds: 0, run: async () => (ran.push(id), id) });
    const out = await executeSteps([step('a', []), step('b', ['a']), step('c', ['b']), step('x', [])], { store, runId: 'r1', workDir, only: ['b'] });
    expect(ran.sort()).toEqual(['a', 'b']);
    expect(out.get('b')).toBe('b');
    expect(out.has('c')).toBe(false);
  });

  it('replays seeded steps (attempt 0) and runs the rest from them', async () => {
    const store = setup();
    seedSteps(store, 'r1', { a: { v: 'approved' } });
    expect(() => seedSteps(store, 'r1', { bad: { when: new Date() } })).toThrow(/not JSON/);
    let aRan = false;
    const steps: StepDef[] = [
      { id: 'a', deps: [], expectedSeconds: 0, run: async () => ((aRan = true), { v: 'model' }) },
      { id: 'b', deps: ['a'], expectedSeconds: 0, run: async (ctx) => `${(ctx.output('a') as { v: string }).v} + b` },
    ];
    const out = await executeSteps(steps, { store, runId: 'r1', workDir });
    expect(aRan).toBe(false);
    expect(out.get('b')).toBe('approved + b');
    expect(store.getSteps('r1').map((r) => [r.stepId, r.attempt])).toEqual(expect.arrayContaining([['a', 0], ['b', 1]]));
  });
});
