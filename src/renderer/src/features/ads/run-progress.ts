/**
 * The open ad's run progress, from one place: the backend's run view, overtaken by the latest
 * `run/progress` push of the same run. The header's badge and the generation panel both read
 * this, so they cannot disagree (issue 19 #10: the header said 0 % while the body said 3 %).
 */
import type { RunView } from '../../../../shared/domain/ads';
import type { Events } from '../../../../shared/contract';
import type { RunProgress } from '../../../../shared/progress';
import { useAds } from './store';

export function runProgressOf(run: Pick<RunView, 'runId' | 'status' | 'percent' | 'etaSeconds' | 'costCents'> | null, live: Events['run/progress'] | null): RunProgress | null {
  if (!run) return null;
  const mine = live && live.runId === run.runId ? live : null;
  const active = run.status === 'running' || run.status === 'queued';
  // The push and the fetched view come from the same tracker; take the later (higher) of the two.
  const percent = run.status === 'succeeded' ? 100 : active && mine ? Math.max(mine.percent, run.percent) : run.percent;
  return {
    percent: Math.round(percent),
    etaSeconds: active ? (mine?.etaSeconds ?? run.etaSeconds) : null,
    costCents: Math.max(mine?.costCents ?? 0, run.costCents),
  };
}

/** `runProgressOf` for the open ad's latest run. */
export function useRunProgress(run: RunView | null): RunProgress | null {
  const live = useAds((s) => s.progress);
  return runProgressOf(run, live);
}

/** How many scenes a stopped run had made: "cancelled after 1 of 3 scenes", never a percent. */
export function scenesMade(run: Pick<RunView, 'stages' | 'scenes'>): { done: number; total: number } {
  const g = run.stages.find((s) => s.id === 'scenes');
  return { done: g?.done ?? 0, total: g?.total ?? run.scenes.length };
}
