/**
 * HTTP to the social networks: retries with exponential backoff and full jitter on connection
 * failures and 5xx, waits out a 429 until the network says the window resets (X:
 * x-rate-limit-reset, epoch seconds — docs.x.com/x-api/fundamentals/rate-limits; anyone:
 * Retry-After) or, when it says nothing (LinkedIn), backs off. A 401 becomes UNAUTHENTICATED so
 * the caller can refresh the token once; other refusals carry the network's own words.
 */
import { AppError } from '../../../shared/errors';
import type { SocialNetwork } from '../../../shared/publish/platform-limits';
import { backoffMs, sleep, type RetryPolicy } from '../../../pipeline/engine/retry';

export interface HttpPolicy extends RetryPolicy {
  /** Longest rate-limit wait we sit through before giving up (then the post can be resumed later). */
  maxRateLimitWaitMs: number;
}

export const defaultHttpPolicy: HttpPolicy = { maxAttempts: 6, baseMs: 1000, capMs: 30_000, maxRateLimitWaitMs: 16 * 60_000 };

export interface HttpCall {
  network: SocialNetwork;
  /** What the call does, for messages ("uploading part 3"). */
  label: string;
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer | FormData;
  signal?: AbortSignal;
  /**
   * False for calls that create something (a Post): a dropped connection or a 5xx may have
   * created it already, so they are not repeated blindly — the caller looks for it first.
   */
  idempotent?: boolean;
  /** Told before each wait on a 429: when the network allows the next call. */
  onRateLimited?(untilMs: number): void;
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
  json(): unknown;
}

const NAMES: Record<SocialNetwork, string> = { x: 'X', linkedin: 'LinkedIn' };

export class NetworkHttp {
  constructor(
    readonly policy: HttpPolicy = defaultHttpPolicy,
    private readonly now: () => number = Date.now,
  ) {}

  async request(c: HttpCall): Promise<HttpAnswer> {
    const name = NAMES[c.network];
    for (let attempt = 1; ; attempt++) {
      if (c.signal?.aborted) throw cancelledPost();
      let res: Response;
      try {
        res = await fetch(c.url, { method: c.method ?? 'GET', headers: c.headers, body: c.body, signal: c.signal });
      } catch (err) {
        if (c.signal?.aborted) throw cancelledPost();
        if (c.idempotent === false) throw new AppError('OFFLINE', `The connection to ${name} dropped while ${c.label}; it may or may not have gone through.`, { retryable: true, cause: err, details: { network: c.network, maybeSent: true } });
        // The connection dropped (cut upload, network change): retry the same call.
        if (attempt >= this.policy.maxAttempts) throw new AppError('OFFLINE', `${name} could not be reached while ${c.label} (${(err as Error).message}). Check your connection, then resume the post; nothing is posted twice.`, { retryable: true, cause: err });
        await sleep(backoffMs(attempt, this.policy), c.signal);
        continue;
      }
      const text = await res.text().catch(() => '');
      const answer: HttpAnswer = { status: res.status, headers: res.headers, text, json: () => parseJson(text) };
      if (res.ok) return answer;
      if (res.status === 429) {
        const until = rateLimitResetMs(res.headers, this.now());
        const wait = until !== null ? Math.max(0, until - this.now()) : backoffMs(attempt, this.policy);
        if (wait > this.policy.maxRateLimitWaitMs || attempt >= this.policy.maxAttempts + 2) {
          throw new AppError('RATE_LIMITED', `${name} is limiting how often Zapcut may call it (${c.label}); it allows more ${until ? `at ${new Date(until).toLocaleTimeString()}` : 'later'}. Resume the post then; the upload so far is kept.`, { retryable: true, details: { network: c.network, resetAt: until } });
        }
        c.onRateLimited?.(this.now() + wait);
        await sleep(wait, c.signal);
        continue;
      }
      if (res.status >= 500 && attempt < this.policy.maxAttempts && c.idempotent !== false) {
        await sleep(backoffMs(attempt, this.policy), c.signal);
        continue;
      }
      throw refusal(c, answer);
    }
  }
}

export function cancelledPost(): AppError {
  return new AppError('CANCELLED', 'Posting was cancelled. Nothing was posted; resume it from the post history when you are ready.');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The moment a 429's window reopens: Retry-After (seconds or a date), else X's x-rate-limit-reset (epoch seconds). */
export function rateLimitResetMs(headers: Headers, now: number): number | null {
  const after = headers.get('retry-after');
  if (after) {
    const s = Number(after);
    if (Number.isFinite(s)) return now + s * 1000;
    const d = Date.parse(after);
    if (Number.isFinite(d)) return d;
  }
  const reset = Number(headers.get('x-rate-limit-reset'));
  return Number.isFinite(reset) && reset > 0 ? reset * 1000 : null;
}

/** The network's own explanation from its error body (X problem details, LinkedIn's { message }, OAuth's error_description). */
export function networkMessage(body: unknown): string | null {
  if (!body || typeof body !== 'object') return null;
  const b = body as Record<string, unknown>;
  const errs = Array.isArray(b.errors) ? (b.errors as Record<string, unknown>[]) : [];
  const parts = [b.detail, b.message, b.error_description, errs[0]?.message, errs[0]?.detail, b.title, b.error].filter((v): v is string => typeof v === 'string' && v.length > 0);
  return parts[0] ?? null;
}

function refusal(c: HttpCall, a: HttpAnswer): AppError {
  const name = NAMES[c.network];
  const said = networkMessage(a.json()) ?? (a.text.slice(0, 200) || `HTTP ${a.status}`);
  const details = { network: c.network, status: a.status, body: a.json() ?? a.text.slice(0, 500) };
  if (a.status === 401) return new AppError('UNAUTHENTICATED', `${name} no longer accepts Zapcut's access (${said}). Reconnect ${name} in Settings; your post is kept and continues where it stopped.`, { details });
  return new AppError(a.status === 400 || a.status === 422 ? 'VALIDATION' : 'PROVIDER', `${name} refused ${c.label}: ${said}`, { details });
}
