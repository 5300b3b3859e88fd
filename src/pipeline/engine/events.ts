import type { Percent } from '../../shared/progress';

/** What a run reports while it works (CLI progress bar, `run/progress` push events in the app). */
export type RunEvent =
  | { type: 'progress'; runId: string; stage: string; percent: Percent; etaSeconds: number; costCents: number; elapsedSeconds: number }
  | { type: 'step'; runId: string; stepId: string; status: 'started' | 'done' | 'replayed' | 'failed'; attempt?: number; message?: string }
  | { type: 'job'; runId: string; stepId: string; key: string; jobId: string; reused: boolean }
  | { type: 'retry'; runId: string; stepId: string; attempt: number; delayMs: number; message: string }
  | { type: 'note'; runId: string; stepId: string; message: string };

export type RunEventListener = (e: RunEvent) => void;
