/**
 * Provider failures carry what the engine needs to decide: retry or stop. `status` is the HTTP
 * status when there was one; `retryAfterMs` comes from a Retry-After header. The engine adds the
 * stage name and what to do when it gives up (see engine/retry.ts).
 */
import { AppError, type ErrorCode } from '../../shared/errors';

export class ProviderError extends AppError {
  readonly status?: number;
  readonly retryAfterMs?: number;
  /** The provider says the job itself failed (not the request): polling it again cannot help. */
  readonly jobFailed: boolean;
  constructor(message: string, opts: { status?: number; retryAfterMs?: number; retryable?: boolean; jobFailed?: boolean; code?: ErrorCode; cause?: unknown } = {}) {
    const retryable = opts.retryable ?? isRetryableStatus(opts.status);
    super(opts.code ?? (opts.status === 429 ? 'RATE_LIMITED' : 'PROVIDER'), message, { retryable, cause: opts.cause });
    this.status = opts.status;
    this.retryAfterMs = opts.retryAfterMs;
    this.jobFailed = opts.jobFailed ?? false;
  }
}

/** 408 (timeout), 429 (rate limit) and 5xx are worth retrying; other 4xx will fail the same way again. */
export function isRetryableStatus(status: number | undefined): boolean {
  if (status === undefined) return false;
  return status === 408 || status === 429 || status >= 500;
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const s = value.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  const at = Date.parse(s);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
