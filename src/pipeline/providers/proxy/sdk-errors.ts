/**
 * The SDKs' errors, as the engine needs them: an HTTP status (to retry or not), Retry-After, and
 * the proxy's own error code and message when it refused (they say what to do). A 401 is kept as
 * UNAUTHENTICATED so the caller refreshes once.
 */
import { AppError } from '../../../shared/errors';
import { ProviderError, parseRetryAfter } from '../errors';
import { proxyError } from './api';

interface HttpishError {
  name?: string;
  status?: number;
  headers?: Headers | Record<string, string | null | undefined>;
  error?: unknown;
  response?: Response;
  message?: string;
}

function header(h: HttpishError['headers'], name: string): string | null {
  if (!h) return null;
  if (typeof (h as Headers).get === 'function') return (h as Headers).get(name);
  return (h as Record<string, string | null | undefined>)[name] ?? null;
}

/** OpenAI/Anthropic APIError: `.status`, `.headers`, `.error` (the parsed body). */
export function fromSdkError(err: unknown, what: string, lengthSeconds?: number): unknown {
  if (err instanceof AppError) return err;
  const e = err as HttpishError;
  if (e?.name === 'AbortError' || e?.constructor?.name === 'APIUserAbortError') return new AppError('CANCELLED', 'Cancelled.');
  const status = typeof e?.status === 'number' ? e.status : undefined;
  if (status === undefined) {
    if (e?.constructor?.name === 'APIConnectionError' || e?.constructor?.name === 'APIConnectionTimeoutError') return new ProviderError(`${what}: cannot reach the Zapcut service (${e.message}).`, { retryable: true, cause: err });
    return err;
  }
  const retryAfterMs = parseRetryAfter(header(e.headers, 'retry-after'));
  const body = e.error && typeof e.error === 'object' && 'error' in (e.error as object) ? e.error : { error: e.error };
  const mapped = proxyError(status, body, { lengthSeconds, retryAfterMs });
  if (mapped.code === 'UNAUTHENTICATED' || mapped.code === 'PAYMENT_REQUIRED' || mapped.code === 'SAFETY_BLOCKED') return mapped;
  if (videoGivenBack(mapped)) return givenBackJob(what, mapped, err);
  return new ProviderError(`${what}: ${mapped.message}`, { status, retryAfterMs, cause: err });
}

/** Replicate's ApiError carries the Response; its body was already read into the message. */
export async function fromReplicateError(err: unknown, what: string, lengthSeconds?: number): Promise<unknown> {
  if (err instanceof AppError) return err;
  const e = err as HttpishError;
  if (e?.name === 'AbortError') return new AppError('CANCELLED', 'Cancelled.');
  const res = e?.response;
  if (!(res instanceof Response)) {
    return new ProviderError(`${what}: cannot reach the Zapcut service (${e?.message ?? String(err)}).`, { retryable: true, cause: err });
  }
  const jsonStart = e.message?.indexOf('{') ?? -1;
  let body: unknown = null;
  try {
    body = jsonStart >= 0 ? JSON.parse(e.message!.slice(jsonStart, e.message!.lastIndexOf('}') + 1)) : null;
  } catch {
    body = null;
  }
  return fromSdkError({ status: res.status, headers: res.headers, error: body, message: e.message }, what, lengthSeconds);
}

export function isUnauthenticated(err: unknown): boolean {
  return err instanceof AppError && err.code === 'UNAUTHENTICATED';
}

/** The proxy refused because the job's video was given back (refunded/expired): its outputs are gone. */
export function videoGivenBack(err: unknown): boolean {
  return err instanceof AppError && (err.details as { proxyCode?: unknown } | undefined)?.proxyCode === 'VIDEO_NOT_ACTIVE';
}

/**
 * A job of a video that was given back is dead (the proxy withholds its output for good): marked
 * as a failed job so the step creates it again, under the run's new reservation.
 */
export function givenBackJob(what: string, mapped: AppError, cause: unknown): ProviderError {
  return new ProviderError(`${what}: ${mapped.message}`, { status: 409, retryable: false, jobFailed: true, cause });
}
