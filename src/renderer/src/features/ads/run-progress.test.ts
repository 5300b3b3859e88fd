import { describe, expect, it } from 'vitest';
import type { RunView } from '../../../../shared/domain/ads';
import { runProgressOf, scenesMade } from './run-progress';

const run = (over: Partial<RunView> = {}): RunView => ({
  runId: 'r1',
  status: 'running',
  percent: 0,
  etaSeconds: null,
  costCents: 0,
  charge: null,
  paid: false,
  stages: [{ id: 'scenes', state: 'running', done: 1, total: 3 }],
  scenes: [1, 2, 3].map((index) => ({ index, thumbnailUrl: null, gate: null })),
  error: null,
  voiceNotice: null,
  ...over,
});
const push = (percent: number, runId = 'r1') => ({ projectId: 'p', runId, stage: 'scene:2', percent, etaSeconds: 25, costCents: 0 });

describe('one run progress for the header and the panel (issue 19 #10)', () => {
  it('a push of the same run overtakes the fetched view; another run\'s push does not', () => {
    expect(runProgressOf(run({ percent: 0 }), push(3.4))).toEqual({ percent: 3, etaSeconds: 25, costCents: 0 });
    expect(runProgressOf(run({ percent: 12 }), push(3.4))!.percent).toBe(12); // never backwards
    expect(runProgressOf(run({ percent: 7 }), push(50, 'r0'))!.percent).toBe(7);
  });
  it('a finished run is 100 %; a stopped run has no ETA and says what it made', () => {
    expect(runProgressOf(run({ status: 'succeeded', percent: 54 }), null)).toMatchObject({ percent: 100, etaSeconds: null });
    expect(runProgressOf(run({ status: 'cancelled', percent: 54 }), push(60))!.etaSeconds).toBeNull();
    expect(scenesMade(run({ status: 'cancelled' }))).toEqual({ done: 1, total: 3 });
  });
});
