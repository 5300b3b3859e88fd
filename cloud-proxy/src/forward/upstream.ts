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
 * A provider error becomes `{ error: { code: 'PROVIDER_ERROR', provider, status, message } }`.
 * The message is the provider's own (useful: "invalid model"), with anything key-shaped removed.
 */
export async function providerError(provider: Provider, res: Response, secrets: readonly string[]): Promise<ProxyError> {
  let message = `${provider} answered ${res.status}.`;
  try {
    const text = await res.text();
    const j = JSON.parse(text) as { error?: { message?: unknown } | string; detail?: unknown; message?: unknown };
    const m = typeof j.error === 'object' ? j.error?.message : (j.error ?? j.detail ?? j.message);
    if (typeof m === 'string' && m !== '') message = m.slice(0, 500);
  } catch {
    // not JSON: keep the generic message rather than echo an HTML error page
  }
  for (const s of secrets) if (s) message = message.replaceAll(s, '[redacted]');
  message = message.replace(/\b(sk-[A-Za-z0-9_-]{8,}|r8_[A-Za-z0-9]{8,}|sk-ant-[A-Za-z0-9_-]{8,})/g, '[redacted]');
  const status = res.status === 429 ? 429 : res.status >= 400 && res.status < 500 ? (res.status === 401 || res.status === 403 ? 502 : res.status) : 502;
  const headers: Record<string, string> = {};
  const ra = res.headers.get('retry-after');
  if (ra) headers['Retry-After'] = ra;
  return new ProxyError(status as 400, 'PROVIDER_ERROR', message, { provider, status: res.status }, headers);
}
