/**
 * Retries with exponential backoff and full jitter (AWS Architecture Blog, "Exponential Backoff
 * And Jitter"), honouring a provider's Retry-After when it asks for longer. Only errors marked
 * retryable are retried (429, 5xx, timeouts — see providers/errors.ts); anything else fails at once.
 */
import { AppError } from '../../shared/errors';
import { ProviderError } from '../providers/errors';

export interface RetryPolicy {
  maxAttempts: number;
  baseMs: number;
  capMs: number;
  /** Injected for tests; defaults to Math.random. */
  random?: () => number;
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 4, baseMs: 1000, capMs: 30_000 };

export function backoffMs(attempt: number, policy: RetryPolicy, retryAfterMs?: number): number {
  const rnd = policy.random ?? Math.random;
  const exp = Math.min(policy.capMs, policy.baseMs * 2 ** (attempt - 1));
  const jittered = Math.round(rnd() * exp);
  // Retry-After is the provider telling us the earliest useful moment: never go before it.
  return retryAfterMs !== undefined ? Math.max(retryAfterMs, jittered) : jittered;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled());
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(cancelled());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function cancelled(): AppError {
  return new AppError('CANCELLED', 'The run was cancelled. Resume it with `zapcut resume <runId>`; finished steps are kept.');
}

export function isRetryable(err: unknown): boolean {
  return err instanceof AppError && err.retryable;
}

export interface RetryEvent {
  attempt: number;
  delayMs: number;
  error: unknown;
}

/**
 * Runs `fn` until it succeeds, fails with a non-retryable error, or uses up its attempts. The
 * final error names the stage and says what to do.
 */
export async function withRetry<T>(
  stage: string,
  fn: (attempt: number) => Promise<T>,
  opts: { policy?: RetryPolicy; signal?: AbortSignal; onRetry?: (e: RetryEvent) => void } = {},
): Promise<T> {
  const policy = opts.policy ?? defaultRetryPolicy;
  for (let attempt = 1; ; attempt++) {
    if (opts.signal?.aborted) throw cancelled();
    try {
      return await fn(attempt);
    } catch (err) {
      if (err instanceof AppError && err.code === 'CANCELLED') throw err;
      if (opts.signal?.aborted) throw cancelled();
      if (!isRetryable(err)) throw explain(stage, err, attempt, false);
      if (attempt >= policy.maxAttempts) throw explain(stage, err, attempt, true);
      const retryAfter = err instanceof ProviderError ? err.retryAfterMs : undefined;
      const delayMs = backoffMs(attempt, policy, retryAfter);
      opts.onRetry?.({ attempt, delayMs, error: err });
      await sleep(delayMs, opts.signal);
    }
  }
}

function explain(stage: string, err: unknown, attempts: number, exhausted: boolean): AppError {
  const base = err instanceof Error ? err.message : String(err);
  const code = err instanceof AppError ? err.code : 'INTERNAL';
  const status = err instanceof ProviderError && err.status ? ` (HTTP ${err.status})` : '';
  const what = exhausted
    ? `gave up after ${attempts} attempts${status}: ${base}. The provider seems to be having trouble; the run is saved — try \`zapcut resume <runId>\` in a few minutes.`
    : `failed${status}: ${base}. ${advice(code)}`;
  return new AppError(code, `Stage "${stage}" ${what}`, { cause: err, details: err instanceof AppError ? err.details : undefined });
}

function advice(code: string): string {
  switch (code) {
    case 'UNAUTHENTICATED':
      return 'Sign in again, then resume the run with `zapcut resume <runId>`.';
    case 'PAYMENT_REQUIRED':
      return 'Add credits or upgrade your plan, then resume the run with `zapcut resume <runId>`.';
    case 'VALIDATION':
      return 'Check the brief (see README "Brief format"), then start a new run.';
    case 'SAFETY_BLOCKED':
      return 'Rewrite the brief without the flagged content and start a new run.';
    case 'FFMPEG':
      return 'Check FFmpeg with `zapcut doctor`, then resume the run with `zapcut resume <runId>`.';
    case 'OFFLINE':
      return 'Check your internet connection (or use `--provider offline`), then resume with `zapcut resume <runId>`.';
    default:
      return 'Resume the run with `zapcut resume <runId>`; if it fails again, report it with the run id.';
  }
}
