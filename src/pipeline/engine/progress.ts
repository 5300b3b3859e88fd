/**
 * ETA for a run whose steps form a graph (scenes in a chain, audio beside them). Before anything
 * has run, each step's expected seconds come from the provider family; as steps run, the measured
 * ratio actual/expected (a step still running past its expected time counts with its time so far)
 * rescales every remaining estimate, so the ETA gets better as the run goes. The ETA is the
 * longest remaining path, not the sum: concurrent steps overlap.
 *
 * What is shown is smoothed: the shown ETA counts down with the clock and moves toward the
 * estimate with a time constant of ETA_SMOOTHING_S, so a step that finishes late does not make it
 * jump (it was "25 s" then "1 min 35 s"). Percent is the one unit (shared/progress.ts); work
 * replayed from the memo counts as done, so a resumed run does not start again at 0 %.
 */
import { clampPercent, type Percent } from '../../shared/progress';

/** Seconds for the shown ETA to move ~63 % of the way to a new estimate. */
export const ETA_SMOOTHING_S = 10;

export interface PlannedStep {
  id: string;
  deps: string[];
  expectedSeconds: number;
}

interface Live {
  startedAt?: number;
  finishedAt?: number;
  /** How far a running step says it is (0–100). */
  percent?: Percent;
  replayed?: boolean;
}

export interface ProgressSnapshot {
  percent: Percent;
  /** Smoothed seconds left (see above). */
  etaSeconds: number;
  running: string[];
}

export class ProgressTracker {
  private readonly live = new Map<string, Live>();
  private readonly order: PlannedStep[];
  private lastPercent = 0;
  private shownEta: { seconds: number; at: number } | null = null;

  constructor(steps: PlannedStep[]) {
    this.order = topoSort(steps);
    for (const s of steps) this.live.set(s.id, {});
  }

  replayed(id: string): void {
    this.live.set(id, { replayed: true, finishedAt: 0, startedAt: 0 });
  }
  started(id: string, now: number): void {
    this.live.set(id, { startedAt: now });
  }
  finished(id: string, now: number): void {
    const l = this.live.get(id) ?? {};
    this.live.set(id, { ...l, finishedAt: now });
  }
  partial(id: string, percent: Percent): void {
    const l = this.live.get(id);
    if (l) l.percent = clampPercent(percent);
  }

  /**
   * actual/expected over steps that really ran this session (replays say nothing about speed). A
   * step still running past its expected time counts too, with its time so far: the estimate
   * grows while it overruns instead of all at once when it finishes.
   */
  factor(now?: number): number {
    let actual = 0;
    let expected = 0;
    for (const s of this.order) {
      const l = this.live.get(s.id)!;
      if (l.replayed || l.startedAt === undefined) continue;
      if (l.finishedAt === undefined) {
        const elapsed = now === undefined ? 0 : (now - l.startedAt) / 1000;
        if (elapsed <= s.expectedSeconds) continue;
        actual += elapsed;
      } else actual += (l.finishedAt - l.startedAt) / 1000;
      expected += s.expectedSeconds;
    }
    if (expected < 0.5) return 1;
    return Math.min(5, Math.max(0.2, actual / expected));
  }

  private remaining(s: PlannedStep, now: number, f: number): number {
    const l = this.live.get(s.id)!;
    if (l.finishedAt !== undefined) return 0;
    const est = s.expectedSeconds * f;
    if (l.startedAt === undefined) return est;
    const elapsed = (now - l.startedAt) / 1000;
    if (l.percent && l.percent > 2) return Math.max(0, (elapsed * 100) / l.percent - elapsed);
    return Math.max(est * 0.1, est - elapsed);
  }

  private longestPath(cost: (s: PlannedStep) => number): number {
    const finish = new Map<string, number>();
    let max = 0;
    for (const s of this.order) {
      const start = s.deps.reduce((m, d) => Math.max(m, finish.get(d) ?? 0), 0);
      const end = start + cost(s);
      finish.set(s.id, end);
      max = Math.max(max, end);
    }
    return max;
  }

  /** The estimate itself (longest remaining path, seconds), before smoothing. */
  remainingSeconds(now: number): number {
    const f = this.factor(now);
    return this.longestPath((s) => this.remaining(s, now, f));
  }

  snapshot(now: number): ProgressSnapshot {
    const f = this.factor(now);
    const eta = this.longestPath((s) => this.remaining(s, now, f));
    // Replayed steps are in the total as done work: a resumed run keeps the share it had.
    const total = this.longestPath((s) => s.expectedSeconds * f);
    const allDone = this.order.every((s) => this.live.get(s.id)!.finishedAt !== undefined);
    let percent = allDone ? 100 : total > 0 ? Math.max(0, Math.min(99, 100 * (1 - eta / Math.max(total, eta)))) : 0;
    // Never let the bar go backwards when a step turns out slower than expected.
    percent = Math.max(this.lastPercent, Math.round(percent * 10) / 10);
    this.lastPercent = percent;
    const running = this.order.filter((s) => {
      const l = this.live.get(s.id)!;
      return l.startedAt !== undefined && l.finishedAt === undefined;
    });
    const shown = allDone ? 0 : this.smoothed(eta, now);
    return { percent, etaSeconds: Math.round(shown * 10) / 10, running: running.map((s) => s.id) };
  }

  /** The shown ETA: counts down with the clock, and moves toward the estimate exponentially. */
  private smoothed(estimate: number, now: number): number {
    const prev = this.shownEta;
    let seconds = estimate;
    if (prev) {
      const dt = Math.max(0, (now - prev.at) / 1000);
      const counted = Math.max(0, prev.seconds - dt);
      seconds = counted + (estimate - counted) * (1 - Math.exp(-dt / ETA_SMOOTHING_S));
    }
    this.shownEta = { seconds, at: now };
    return seconds;
  }

  /** Longest path with every step at its expected time (the bench's "critical path"). */
  static criticalPath(steps: PlannedStep[]): number {
    const t = new ProgressTracker(steps);
    return t.longestPath((s) => s.expectedSeconds);
  }
  static sequential(steps: PlannedStep[]): number {
    return steps.reduce((sum, s) => sum + s.expectedSeconds, 0);
  }
}

export function topoSort<T extends { id: string; deps: string[] }>(steps: T[]): T[] {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const out: T[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (s: T) => {
    const st = state.get(s.id);
    if (st === 'done') return;
    if (st === 'visiting') throw new Error(`Step graph has a cycle at "${s.id}"`);
    state.set(s.id, 'visiting');
    for (const d of s.deps) {
      const dep = byId.get(d);
      if (!dep) throw new Error(`Step "${s.id}" depends on unknown step "${d}"`);
      visit(dep);
    }
    state.set(s.id, 'done');
    out.push(s);
  };
  steps.forEach(visit);
  return out;
}
