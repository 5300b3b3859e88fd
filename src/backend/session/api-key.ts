/**
 * An Agency API key (`zk_…`, made with `POST /v1/keys` from a signed-in session) as the proxy
 * credential: what a headless machine uses instead of a password session. The CLI reads it from
 * ZAPCUT_API_KEY; it is sent as the bearer token and never written anywhere (not SQLite, not the
 * keychain, not the logs). The proxy checks it per request (revoked → 401) and admits it on the
 * Agency plan only (403 API_ACCESS_NOT_IN_TIER).
 */
import { AppError } from '../../shared/errors';
import type { ProxyAuth } from '../../pipeline/providers/proxy/api';
import type { BatchQuoteAnswer, MeAnswerRead, QuoteAnswer, Resolution } from '../../shared/domain/account-wire';
import { fetchAccount, fetchBatchQuote, fetchQuote, normaliseProxyUrl } from './session';

export const API_KEY_ENV = 'ZAPCUT_API_KEY';

/** The key from the environment, or undefined; a value that is not a Zapcut key is refused. */
export function apiKeyFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const key = env[API_KEY_ENV]?.trim();
  if (!key) return undefined;
  if (!/^zk_[A-Za-z0-9_-]{16,200}$/.test(key)) {
    throw new AppError('VALIDATION', `${API_KEY_ENV} does not hold a Zapcut API key (they start with "zk_"). Copy the key the service showed when it was created, or unset ${API_KEY_ENV} to sign in with a password.`);
  }
  return key;
}

/** The first characters of a key, as the proxy lists it (`prefix`): enough to tell keys apart. */
export function keyPrefix(key: string): string {
  return `${key.slice(0, 10)}…`;
}

export class ApiKeyAuth implements ProxyAuth {
  readonly baseUrl: string;
  constructor(
    proxyUrl: string,
    private readonly key: string,
  ) {
    this.baseUrl = normaliseProxyUrl(proxyUrl);
  }

  get prefix(): string {
    return keyPrefix(this.key);
  }

  accessToken(): Promise<string> {
    return Promise.resolve(this.key);
  }

  /** A key cannot be refreshed: after a 401 it is revoked or wrong. */
  refreshed(): Promise<string> {
    return Promise.reject(
      new AppError('UNAUTHENTICATED', `The Zapcut service refused the API key in ${API_KEY_ENV} (${this.prefix}): it was revoked or is not valid. Create a new key, or unset ${API_KEY_ENV} to sign in with a password.`),
    );
  }

  account(): Promise<MeAnswerRead> {
    return fetchAccount(this);
  }

  quote(lengthSeconds: number, resolution: Resolution = '1080p'): Promise<QuoteAnswer> {
    return fetchQuote(this, lengthSeconds, resolution);
  }

  quoteBatch(videos: { lengthSeconds: number; resolution: Resolution }[]): Promise<BatchQuoteAnswer> {
    return fetchBatchQuote(this, videos);
  }
}
