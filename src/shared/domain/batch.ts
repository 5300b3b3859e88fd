/**
 * The app's Batch screen (issue 23): the same CSV/JSONL file `zapcut batch` reads, checked row by
 * row, quoted as a whole (the account's limits checked before anything starts), then made through
 * the backend's bounded queue with progress for the whole batch, cancel and resume. Spread into
 * `channels` and `Events` in ../contract.ts.
 */
import { z } from 'zod';
import type { Aspect } from './aspect';

const out = <T>() => undefined as unknown as T;

export const BatchInput = z
  .object({
    /** The batch file on this computer (the file picker's path in the desktop app; typed in the harness). */
    path: z
      .string()
      .trim()
      .min(1)
      .max(4096)
      .regex(/\.(csv|jsonl|ndjson)$/iu, 'A batch file ends in .csv or .jsonl'),
    provider: z.enum(['offline', 'proxy']).default('offline'),
    /** Quick 540p renders (the CLI's --draft). */
    draft: z.boolean().default(false),
    /** Continue this batch (else: the latest batch of the same file into the same folder continues). */
    resumeId: z.string().min(1).max(64).optional(),
  })
  .strict();
export type BatchInput = z.input<typeof BatchInput>;

export const BatchStartInput = BatchInput.extend({
  /** Ads made at once; default half the CPU cores, at least one. */
  concurrency: z.number().int().min(1).max(16).optional(),
}).strict();

export type BatchRowState = 'ready' | 'invalid' | 'made' | 'resumes' | 'blocked';

export interface BatchPreviewRow {
  row: number;
  line: number;
  /** The product's name (null when the row is not a brief). */
  product: string | null;
  lengthSeconds: number | null;
  aspect: Aspect | null;
  state: BatchRowState;
  /** Why the row will not run: one `field: problem` per line. */
  error: string | null;
  /** Picture warnings (the row still runs). */
  warnings: string[];
}

/** The whole batch's price before it starts: offline is free; signed in, the proxy prices every row in order. */
export type BatchQuote =
  | { provider: 'offline'; toMake: number; ok: true }
  | {
      provider: 'proxy';
      toMake: number;
      /** Unfinished rows whose run already holds its video (not paid again). */
      held: number;
      /** How many of `toMake` the account pays for now. */
      fits: number;
      free: number;
      plan: number;
      credits: number;
      totalCents: number;
      account: { tier: string; freeVideosLeft: number; monthVideosLeft: number; creditsCents: number } | null;
      /** Rows the account cannot pay for, with the proxy's reason. */
      refused: { row: number; message: string }[];
      /** Why the batch cannot be quoted (not signed in, service unreachable), else null. */
      problem: string | null;
      ok: boolean;
    };

export interface BatchPreview {
  path: string;
  format: 'csv' | 'jsonl';
  outDir: string;
  /** The earlier batch of this file this one continues, else null (a new batch). */
  resumeId: string | null;
  rows: BatchPreviewRow[];
  quote: BatchQuote;
}

export type BatchRowStatus = 'pending' | 'running' | 'done' | 'skipped' | 'failed' | 'invalid' | 'blocked' | 'cancelled' | 'busy';

export interface BatchRowView {
  row: number;
  line: number;
  product: string | null;
  status: BatchRowStatus;
  /** The row's own progress while running. */
  percent: number;
  out: string | null;
  error: string | null;
}

export interface BatchView {
  batchId: string;
  path: string;
  outDir: string;
  status: 'running' | 'cancelling' | 'finished' | 'cancelled';
  progress: { total: number; done: number; running: number; failed: number; left: number; percent: number; etaSeconds: number | null };
  rows: BatchRowView[];
  startedAt: string;
  /** A message when the whole batch stopped on an error (rows keep their own). */
  error: string | null;
}

/** A batch recorded earlier (this or an earlier launch) that has rows left to make. */
export interface UnfinishedBatch {
  batchId: string;
  path: string;
  outDir: string;
  provider: string;
  total: number;
  made: number;
  createdAt: string;
}

export const batchChannels = {
  /** Reads and checks every row and quotes the batch; records nothing. */
  'batch/preview': { input: BatchInput, output: out<BatchPreview>() },
  /** Checks again, refuses a batch the account cannot pay for in full (PAYMENT_REQUIRED), then starts it. */
  'batch/start': { input: BatchStartInput, output: out<BatchView>() },
  /** The batch running now, or the last one this launch ran; null before any. */
  'batch/current': { input: z.object({}).strict(), output: out<BatchView | null>() },
  /** Stops the running batch: running ads stop and keep what they made; the batch resumes later. */
  'batch/cancel': { input: z.object({}).strict(), output: out<BatchView | null>() },
  /** Batches with rows left (newest first), to resume after a quit or crash. */
  'batch/unfinished': { input: z.object({}).strict(), output: out<UnfinishedBatch[]>() },
} as const;

export interface BatchEvents {
  /** The running batch changed (a row started or finished, progress moved): the whole view. */
  'batch/changed': BatchView;
}
