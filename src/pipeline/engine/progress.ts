/**
 * ETA for a run whose steps form a graph (scenes in a chain, audio beside them). Before anything
 * has run, each step's expected seconds come from the provider family; as steps finish, the
 * ratio actual/expected rescales every remaining estimate, so the ETA gets better as the run goes.
 * The ETA is the longest remaining path, not the sum: concurrent steps overlap.
 */
export interface PlannedStep {
  id: string;
  deps: string[];
  expectedSeconds: number;
}

interface Live {
  startedAt?: number;
  finishedAt?: number;
  fraction?: number;
  replayed?: boolean;
}

export interface ProgressSnapshot {
  percent: number;
  etaSeconds: number;
  running: string[];
}

export class ProgressTracker {
  private readonly live = new Map<string, Live>();
  private readonly order: PlannedStep[];
  private lastPercent = 0;

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
  partial(id: string, fraction: number): void {
    const l = this.live.get(id);
    if (l) l.fraction = Math.max(0, Math.min(1, fraction));
  }

  /** actual/expected over steps that really ran this session (replays say nothing about speed). */
  factor(): number {
    let actual = 0;
    let expected = 0;
    for (const s of this.order) {
      const l = this.live.get(s.id)!;
      if (l.replayed || l.startedAt === undefined || l.finishedAt === undefined) continue;
      actual += (l.finishedAt - l.startedAt) / 1000;
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
    if (l.fraction && l.fraction > 0.02) return Math.max(0, elapsed / l.fraction - elapsed);
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

  snapshot(now: number): ProgressSnapshot {
    const f = this.factor();
    const eta = this.longestPath((s) => this.remaining(s, now, f));
    const total = this.longestPath((s) => (this.live.get(s.id)!.replayed ? 0 : s.expectedSeconds * f));
    const allDone = this.order.every((s) => this.live.get(s.id)!.finishedAt !== undefined);
    let percent = allDone ? 100 : total > 0 ? Math.max(0, Math.min(99, 100 * (1 - eta / Math.max(total, eta)))) : 0;
    // Never let the bar go backwards when a step turns out slower than expected.
    percent = Math.max(this.lastPercent, Math.round(percent * 10) / 10);
    this.lastPercent = percent;
    const running = this.order.filter((s) => {
      const l = this.live.get(s.id)!;
      return l.startedAt !== undefined && l.finishedAt === undefined;
    });
    return { percent, etaSeconds: Math.round(eta * 10) / 10, running: running.map((s) => s.id) };
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
