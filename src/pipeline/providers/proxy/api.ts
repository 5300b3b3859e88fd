/**
 * The proxy's account API as the app sees it: zod schemas for every answer (the proxy is a trust
 * boundary like any other), one fetch helper that refreshes an expired access token once, and the
 * mapping of the proxy's refusal codes to AppErrors whose messages say what to do — the same
 * words the CLI prints and the app shows. Used by the session (src/backend/session) and the family.
 */
import { z } from 'zod';
import type { Resolution, Tier } from '../../../shared/domain/account-wire';
import { AppError, type ErrorCode } from '../../../shared/errors';

export const ProxyUser = z.object({ id: z.string(), email: z.string(), role: z.string().optional(), tier: z.string().optional() }).loose();
export const AuthAnswer = z.object({ accessToken: z.string().min(10), refreshToken: z.string().min(10), expiresIn: z.number().optional(), user: ProxyUser });
export type AuthAnswer = z.infer<typeof AuthAnswer>;




const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }).loose() });

/** What the provider family and the session need from "being signed in". */
export interface ProxyAuth {
  readonly baseUrl: string;
  /** The current access token; throws UNAUTHENTICATED when signed out. */
  accessToken(): Promise<string>;
  /** Called once after a 401: a fresh access token, or throws UNAUTHENTICATED (and signs out). */
  refreshed(): Promise<string>;
}

/** Tiers that make videos of this length (for the upgrade prompt). */
const TIER_MAX: Record<Tier, number> = { free: 60, starter: 30, pro: 60, agency: 60 };
export function upgradeHint(code: string, lengthSeconds?: number): string {
  if (code === 'LENGTH_NOT_IN_TIER' && lengthSeconds) {
    const tiers = (['pro', 'agency'] as const).filter((t) => TIER_MAX[t] >= lengthSeconds);
    return ` Upgrade to ${tiers.map((t) => t[0]!.toUpperCase() + t.slice(1)).join(' or ')} to make ${lengthSeconds} s ads.`;
  }
  if (code === 'PAYMENT_REQUIRED') {
    return lengthSeconds && lengthSeconds > 30
      ? ` Your free videos cover 15 s and 30 s ads; for ${lengthSeconds} s, upgrade to Pro or buy a credit pack.`
      : ' Upgrade to Starter or buy a credit pack to keep generating.';
  }
  if (code === 'QUOTA_EXHAUSTED') return ' Buy a credit pack, upgrade your plan, or wait for next month.';
  if (code === 'RESOLUTION_NOT_IN_TIER') return ' Upgrade to Agency for 4K.';
  return '';
}

const PAYMENT_CODES = new Set(['PAYMENT_REQUIRED', 'LENGTH_NOT_IN_TIER', 'RESOLUTION_NOT_IN_TIER', 'QUOTA_EXHAUSTED', 'PAID_CALLS_EXHAUSTED', 'VIDEO_NOT_RESERVED']);

/** Turns a proxy error answer into an AppError; `details.proxyCode` keeps the proxy's own code. */
export function proxyError(status: number, body: unknown, context: { lengthSeconds?: number; retryAfterMs?: number } = {}): AppError {
  const parsed = ErrorBody.safeParse(body);
  const proxyCode = parsed.success ? parsed.data.error.code : `HTTP_${status}`;
  const message = parsed.success ? parsed.data.error.message : `The Zapcut service answered HTTP ${status}.`;
  let code: ErrorCode = 'PROVIDER';
  if (status === 401) code = 'UNAUTHENTICATED';
  else if (status === 402 || PAYMENT_CODES.has(proxyCode)) code = 'PAYMENT_REQUIRED';
  else if (status === 429) code = 'RATE_LIMITED';
  else if (status === 400 || status === 409 || status === 413 || status === 422) code = 'VALIDATION';
  else if (status === 403 && proxyCode.includes('SAFETY')) code = 'SAFETY_BLOCKED';
  else if (status === 404) code = 'NOT_FOUND';
  const hint = code === 'PAYMENT_REQUIRED' ? upgradeHint(proxyCode, context.lengthSeconds) : '';
  return new AppError(code, `${message}${hint}`, { details: { proxyCode, status, retryAfterMs: context.retryAfterMs }, retryable: status === 429 || status >= 500 });
}

export function unreachable(baseUrl: string, cause: unknown): AppError {
  return new AppError('OFFLINE', `Cannot reach the Zapcut service at ${baseUrl} (${(cause as Error)?.message ?? String(cause)}). Check your connection; everything local (brands, editing, export, the offline provider) keeps working.`, { cause, retryable: true });
}

export interface ProxyRequest {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** For refusal messages that name a length. */
  lengthSeconds?: number;
}

/** One JSON request to the proxy without a session (sign-up, sign-in, refresh). */
export async function proxyJson<T>(baseUrl: string, path: string, schema: z.ZodType<T>, req: ProxyRequest & { token?: string } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(new URL(path, baseUrl), {
      method: req.method ?? (req.body === undefined ? 'GET' : 'POST'),
      headers: { ...(req.body === undefined ? {} : { 'content-type': 'application/json' }), ...(req.token ? { authorization: `Bearer ${req.token}` } : {}), ...req.headers },
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      signal: req.signal ?? AbortSignal.timeout(30_000),
    });
  } catch (cause) {
    if ((cause as Error)?.name === 'AbortError' && req.signal?.aborted) throw new AppError('CANCELLED', 'Cancelled.');
    throw unreachable(baseUrl, cause);
  }
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  if (!res.ok) {
    const ra = res.headers.get('retry-after');
    throw proxyError(res.status, body, { lengthSeconds: req.lengthSeconds, retryAfterMs: ra ? Number(ra) * 1000 : undefined });
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new AppError('PROVIDER', `The Zapcut service sent an answer this app does not understand (${path}): ${z.prettifyError(parsed.error)}. Update the app.`);
  return parsed.data;
}

/** A request as the signed-in user: on 401 the token is refreshed once and the request repeated. */
export async function authedJson<T>(auth: ProxyAuth, path: string, schema: z.ZodType<T>, req: ProxyRequest = {}): Promise<T> {
  try {
    return await proxyJson(auth.baseUrl, path, schema, { ...req, token: await auth.accessToken() });
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== 'UNAUTHENTICATED') throw e;
    return proxyJson(auth.baseUrl, path, schema, { ...req, token: await auth.refreshed() });
  }
}

/** Maps pixel dimensions to the proxy's resolution names (by the short side). */
export function resolutionName(res: { width: number; height: number }): Resolution {
  const short = Math.min(res.width, res.height);
  return short > 1080 ? '4k' : short > 720 ? '1080p' : '720p';
}
