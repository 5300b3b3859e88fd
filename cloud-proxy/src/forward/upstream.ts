import { ProxyError } from '../http/errors';

export type Provider = 'openai' | 'anthropic' | 'replicate' | 'suno';

/** Response headers worth passing on; everything else from the provider (ids, cookies, org) stays here. */
const PASS_HEADERS = ['content-type', 'cache-control', 'retry-after'];

export function cleanHeaders(upstream: Headers): Headers {
  const h = new Headers();
  for (const name of PASS_HEADERS) {
    const v = upstream.get(name);
    if (v) h.set(name, v);
  }
  return h;
}

export async function fetchUpstream(provider: Provider, url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch {
    throw new ProxyError(502, 'UPSTREAM_UNREACHABLE', `Could not reach ${provider}; retry in a moment.`);
  }
}

/**
 * Is this refusal about *our* account at the provider (key revoked, billing, quota) rather than
 * about the user's request? Those must never reach the user as "you are out of credits".
 * Replicate: 401 bad token, 402 "Insufficient credit", 403 not permitted. OpenAI: 401, 403, and 429
 * with code `insufficient_quota`. Anthropic: 401, 403, and 400 "Your credit balance is too low".
 * The Suno gateway (sunoapi.org) answers its own `code` 401 / 429 "Insufficient credits".
 */
export function isOperatorProblem(provider: Provider, status: number, body: unknown): boolean {
  if (status === 401 || status === 402 || status === 403) return true;
  const text = JSON.stringify(body ?? '').toLowerCase();
  if (provider === 'openai' && status === 429) return text.includes('insufficient_quota');
  if (provider === 'anthropic' && status === 400) return text.includes('credit balance');
  if (provider === 'suno' && status === 429) return true;
  return false;
}

/** What the user sees when the provider refuses us: not their fault, nothing charged. */
export function serviceUnavailable(provider: Provider, status: number): ProxyError {
  return new ProxyError(503, 'SERVICE_UNAVAILABLE', 'The Zapcut service cannot reach its AI provider right now (a problem on our side, not your account). You were not charged; try again later.', { provider, status }, { 'Retry-After': '300' });
}

/**
 * A provider error becomes `{ error: { code: 'PROVIDER_ERROR', provider, status, message } }`.
 * The message is the provider's own (useful: "invalid model"), with anything key-shaped removed.
 * An operator-side problem (isOperatorProblem) becomes a 503 SERVICE_UNAVAILABLE instead, logged
 * for the operator with the provider's own words.
 */
export async function providerError(provider: Provider, res: Response, secrets: readonly string[]): Promise<ProxyError> {
  let message = `${provider} answered ${res.status}.`;
  let body: unknown = null;
  try {
    const text = await res.text();
    const j = JSON.parse(text) as { error?: { message?: unknown } | string; detail?: unknown; message?: unknown; msg?: unknown };
    body = j;
    const m = typeof j.error === 'object' ? j.error?.message : (j.error ?? j.detail ?? j.message ?? j.msg);
    if (typeof m === 'string' && m !== '') message = m.slice(0, 500);
  } catch {
    // not JSON: keep the generic message rather than echo an HTML error page
  }
  for (const s of secrets) if (s) message = message.replaceAll(s, '[redacted]');
  message = message.replace(/\b(sk-[A-Za-z0-9_-]{8,}|r8_[A-Za-z0-9]{8,}|sk-ant-[A-Za-z0-9_-]{8,})/g, '[redacted]');
  if (isOperatorProblem(provider, res.status, body)) {
    console.error(`zapcut-proxy: operator-side ${provider} error ${res.status}: ${message}`);
    return serviceUnavailable(provider, res.status);
  }
  const status = res.status === 429 ? 429 : res.status >= 400 && res.status < 500 ? res.status : 502;
  const headers: Record<string, string> = {};
  const ra = res.headers.get('retry-after');
  if (ra) headers['Retry-After'] = ra;
  return new ProxyError(status as 400, 'PROVIDER_ERROR', message, { provider, status: res.status }, headers);
}
