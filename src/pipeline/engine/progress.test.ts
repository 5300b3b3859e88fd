import { describe, expect, it } from 'vitest';
import { ProgressTracker, topoSort } from './progress';

// a → b → c (chain of 3 × 10 s) beside a → d (20 s): critical path 30 s, sequential 50 s.
const steps = [
  { id: 'a', deps: [], expectedSeconds: 10 },
  { id: 'b', deps: ['a'], expectedSeconds: 10 },
  { id: 'c', deps: ['b'], expectedSeconds: 10 },
  { id: 'd', deps: ['a'], expectedSeconds: 20 },
];

describe('ProgressTracker', () => {
  it('computes the critical path and the sequential total', () => {
    expect(ProgressTracker.criticalPath(steps)).toBe(30);
    expect(ProgressTracker.sequential(steps)).toBe(50);
  });
  it('ETA is the longest remaining path and is rescaled by how fast steps really run', () => {
    const t = new ProgressTracker(steps);
    expect(t.snapshot(0).etaSeconds).toBe(30);
    t.started('a', 0);
    t.finished('a', 20_000); // twice as slow as expected
    expect(t.factor()).toBe(2);
    t.started('b', 20_000);
    t.started('d', 20_000);
    // remaining: b 20 + c 20 = 40 (d: 40 in parallel)
    expect(t.snapshot(20_000).etaSeconds).toBe(40);
    expect(t.snapshot(20_000).running).toEqual(['b', 'd']);
  });
  it('uses a step\'s reported fraction and never lets the percent go backwards', () => {
    const t = new ProgressTracker(steps);
    t.started('a', 0);
    t.partial('a', 0.5);
    const p1 = t.snapshot(5_000).percent;
    const p2 = t.snapshot(60_000).percent; // slower than thought: ETA grows, percent holds
    expect(p2).toBeGreaterThanOrEqual(p1);
    for (const id of ['a', 'b', 'c', 'd']) t.finished(id, 70_000);
    expect(t.snapshot(70_000)).toMatchObject({ percent: 100, etaSeconds: 0 });
  });
  it('replayed steps count as done and do not skew the speed factor', () => {
    const t = new ProgressTracker(steps);
    t.replayed('a');
    t.replayed('b');
    expect(t.factor()).toBe(1);
    expect(t.snapshot(0).etaSeconds).toBe(20);
  });
});

describe('topoSort', () => {
  it('orders by dependencies and rejects cycles and unknown deps', () => {
    expect(topoSort([...steps].reverse()).map((s) => s.id).indexOf('a')).toBe(0);
    expect(() => topoSort([{ id: 'x', deps: ['y'] }, { id: 'y', deps: ['x'] }])).toThrow(/cycle/);
    expect(() => topoSort([{ id: 'x', deps: ['nope'] }])).toThrow(/unknown step/);
  });
});
