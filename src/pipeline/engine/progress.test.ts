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
    expect(t.remainingSeconds(20_000)).toBe(40);
    expect(t.snapshot(20_000).running).toEqual(['b', 'd']);
  });
  it('uses a step\'s reported percent and never lets the percent go backwards', () => {
    const t = new ProgressTracker(steps);
    t.started('a', 0);
    t.partial('a', 50);
    // a is half done after 5 s: 5 s left on it, then b and c (10 s each) → 25 s.
    expect(t.remainingSeconds(5_000)).toBe(25);
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
    // A resumed run keeps the share already done (20 of 30 s on the longest path) instead of 0 %.
    expect(t.snapshot(0).percent).toBeCloseTo(33.3, 1);
  });
  it('the ETA does not jump when a step overruns: it counts down and moves toward the new estimate smoothly', () => {
    // Issue 19 #10: "25 s" then "1 min 35 s" when a step finished four times slower than expected.
    const chain = [
      { id: 'a', deps: [], expectedSeconds: 10 },
      { id: 'b', deps: ['a'], expectedSeconds: 10 },
      { id: 'c', deps: ['b'], expectedSeconds: 10 },
    ];
    const t = new ProgressTracker(chain);
    t.started('a', 0);
    const etas: number[] = [];
    let ms = 0;
    // Snapshots every 200 ms (the executor's rate); a takes 40 s, b 40 s, c 40 s.
    for (; ms <= 120_000; ms += 200) {
      if (ms === 40_000) { t.finished('a', ms); t.started('b', ms); }
      if (ms === 80_000) { t.finished('b', ms); t.started('c', ms); }
      etas.push(t.snapshot(ms).etaSeconds);
    }
    t.finished('c', ms);
    const steps200 = etas.slice(1).map((e, i) => e - etas[i]!);
    // Never more than 1 s up between two snapshots 200 ms apart (the old ETA rose 59 s at once).
    expect(Math.max(...steps200)).toBeLessThanOrEqual(1);
    // … and never more than 1.5 s down (it counts down with the clock, it does not collapse).
    expect(Math.min(...steps200)).toBeGreaterThanOrEqual(-1.5);
    // Once the speed is known (b and c run at a's pace), the estimate is close to the truth.
    expect(etas[Math.round(90_000 / 200)]!).toBeGreaterThan(20);
    expect(etas[Math.round(90_000 / 200)]!).toBeLessThan(45);
    expect(t.snapshot(ms).etaSeconds).toBe(0);
  });
});

describe('topoSort', () => {
  it('orders by dependencies and rejects cycles and unknown deps', () => {
    expect(topoSort([...steps].reverse()).map((s) => s.id).indexOf('a')).toBe(0);
    expect(() => topoSort([{ id: 'x', deps: ['y'] }, { id: 'y', deps: ['x'] }])).toThrow(/cycle/);
    expect(() => topoSort([{ id: 'x', deps: ['nope'] }])).toThrow(/unknown step/);
  });
});
