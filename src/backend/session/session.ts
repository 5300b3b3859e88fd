/**
 * The signed-in account: sign up/in/out against the proxy, tokens kept in a TokenStore, and the
 * `ProxyAuth` the provider family uses. After a 401 the access token is refreshed once (one
 * refresh at a time, however many calls saw the 401); if that fails the user is signed out with a
 * message saying so. Tokens never leave this object except as Authorization headers.
 */
import { EventEmitter } from 'node:events';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { AuthAnswer, authedJson, proxyJson, upgradeHint, type ProxyAuth } from '../../pipeline/providers/proxy/api';
import { BatchQuoteAnswer, MeAnswerRead, QuoteAnswer, type Resolution } from '../../shared/domain/account-wire';
import type { StoredSession, TokenStore, TokenStoreKind } from './token-store';
import { BillingOffer, type BillingItem } from '../../shared/domain/billing';


const VerificationResent = z.object({ sent: z.literal(true), message: z.string().max(500) });
export interface SessionStatus {
  proxyUrl: string;
  signedIn: boolean;
  email: string | null;
  store: TokenStoreKind;
  /** Why the user was signed out (session expired, revoked), shown once. */
  notice: string | null;
}

export interface SessionEvents {
  changed: [SessionStatus];
}

const CheckoutAnswer = z.object({ url: z.url({ protocol: /^https?$/ }), sessionId: z.string(), expiresAt: z.string() });
const PortalAnswer = z.object({ url: z.url({ protocol: /^https?$/ }) });

const Credentials = z.object({ email: z.string().trim().email('Enter a valid email address.'), password: z.string().min(8, 'Passwords have at least 8 characters.').max(200) });

export class AccountSession extends EventEmitter<SessionEvents> implements ProxyAuth {
  private current: StoredSession | null = null;
  private refreshing: Promise<string> | null = null;
  private notice: string | null = null;
  readonly baseUrl: string;

  constructor(
    proxyUrl: string,
    private readonly store: TokenStore,
  ) {
    super();
    this.baseUrl = normaliseProxyUrl(proxyUrl);
  }

  static async open(proxyUrl: string, store: TokenStore): Promise<AccountSession> {
    const s = new AccountSession(proxyUrl, store);
    s.current = await store.load(s.baseUrl);
    return s;
  }

  /** Where the tokens are kept, and why not in the keychain when they are not. */
  get tokenStore(): Pick<TokenStore, 'kind' | 'why'> {
    return { kind: this.store.kind, why: this.store.why };
  }

  status(): SessionStatus {
    return { proxyUrl: this.baseUrl, signedIn: this.current !== null, email: this.current?.email ?? null, store: this.store.kind, notice: this.notice };
  }

  private async adopt(answer: AuthAnswer, email: string): Promise<void> {
    this.current = { accessToken: answer.accessToken, refreshToken: answer.refreshToken, email: answer.user.email ?? email };
    this.notice = null;
    await this.store.save(this.baseUrl, this.current);
    this.emit('changed', this.status());
  }

  async signup(email: string, password: string): Promise<SessionStatus> {
    const c = Credentials.parse({ email, password });
    await this.adopt(await proxyJson(this.baseUrl, '/v1/auth/signup', AuthAnswer, { body: c }), c.email);
    return this.status();
  }

  async login(email: string, password: string): Promise<SessionStatus> {
    const c = Credentials.pick({ email: true }).extend({ password: z.string().min(1).max(200) }).parse({ email, password });
    await this.adopt(await proxyJson(this.baseUrl, '/v1/auth/login', AuthAnswer, { body: c }), c.email);
    return this.status();
  }

  /** Revokes the refresh token at the proxy (best effort when offline) and removes the stored secret. */
  async logout(): Promise<SessionStatus> {
    const s = this.current;
    if (s) await proxyJson(this.baseUrl, '/v1/auth/logout', z.unknown(), { body: { refreshToken: s.refreshToken } }).catch(() => undefined);
    await this.signOut(null);
    return this.status();
  }

  private async signOut(notice: string | null): Promise<void> {
    this.current = null;
    this.notice = notice;
    await this.store.clear(this.baseUrl);
    this.emit('changed', this.status());
  }

  async accessToken(): Promise<string> {
    if (!this.current) throw new AppError('UNAUTHENTICATED', this.notice ?? 'Sign in to your Zapcut account to generate with AI providers (Account, or `zapcut login`).');
    return this.current.accessToken;
  }

  refreshed(): Promise<string> {
    this.refreshing ??= this.refresh().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async refresh(): Promise<string> {
    const s = this.current;
    if (!s) return this.accessToken();
    try {
      const answer = await proxyJson(this.baseUrl, '/v1/auth/refresh', AuthAnswer, { body: { refreshToken: s.refreshToken } });
      await this.adopt(answer, s.email);
      return answer.accessToken;
    } catch (e) {
      if (e instanceof AppError && (e.code === 'UNAUTHENTICATED' || e.code === 'VALIDATION')) {
        const msg = 'Your Zapcut session has expired or was signed out elsewhere. Sign in again to keep generating; local work is unaffected.';
        await this.signOut(msg);
        throw new AppError('UNAUTHENTICATED', msg);
      }
      throw e;
    }
  }

  account(): Promise<MeAnswerRead> {
    return fetchAccount(this);
  }

  /** Emails a new verification link (the proxy limits how many a day). */
  resendVerification(): Promise<{ sent: true; message: string }> {
    return authedJson(this, '/v1/auth/verify/resend', VerificationResent, { body: {} });
  }

  /** The packs and plans on sale, with the prices Stripe has (public; no sign-in needed). */
  plans(): Promise<BillingOffer> {
    return proxyJson(this.baseUrl, '/v1/billing/plans', BillingOffer);
  }

  /** A Stripe Checkout page for `item`, for this user. */
  checkout(item: BillingItem): Promise<{ url: string; sessionId: string; expiresAt: string }> {
    return authedJson(this, '/v1/billing/checkout', CheckoutAnswer, { body: { item } });
  }

  /** A Stripe customer-portal page for this user. */
  portal(): Promise<{ url: string }> {
    return authedJson(this, '/v1/billing/portal', PortalAnswer, { body: {} });
  }

  /** What a video of this length would cost and from which source, or why it cannot run. */
  quote(lengthSeconds: number, resolution: Resolution = '1080p'): Promise<QuoteAnswer> {
    return fetchQuote(this, lengthSeconds, resolution);
  }

  /** Videos made one after another (a batch), each priced after the ones before it. */
  quoteBatch(videos: { lengthSeconds: number; resolution: Resolution }[]): Promise<BatchQuoteAnswer> {
    return fetchBatchQuote(this, videos);
  }
}

/** GET /v1/me: tier, credits, free videos and this month's usage (a session or an API key). */
export function fetchAccount(auth: ProxyAuth): Promise<MeAnswerRead> {
  return authedJson(auth, '/v1/me', MeAnswerRead);
}

/** What a video of this length would cost and from which source, or why it cannot run. */
export async function fetchQuote(auth: ProxyAuth, lengthSeconds: number, resolution: Resolution = '1080p'): Promise<QuoteAnswer> {
  const q = await authedJson(auth, `/v1/quote?lengthSeconds=${lengthSeconds}&resolution=${resolution}`, QuoteAnswer, { lengthSeconds });
  return q.allowed ? q : { ...q, message: `${q.message}${upgradeHint(q.code, lengthSeconds)}` };
}

/** POST /v1/quotes: a batch's videos priced in order by the proxy's own rule (free slots, plan, credits). */
export async function fetchBatchQuote(auth: ProxyAuth, videos: { lengthSeconds: number; resolution: Resolution }[]): Promise<BatchQuoteAnswer> {
  try {
    return await authedJson(auth, '/v1/quotes', BatchQuoteAnswer, { body: { videos } });
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') {
      throw new AppError('UNSUPPORTED', `The Zapcut service at ${auth.baseUrl} cannot quote a batch (it is older than this app). Make the ads one by one with \`zapcut generate --provider proxy\`, or ask its operator to update it.`, { cause: err });
    }
    throw err;
  }
}

export function normaliseProxyUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new AppError('VALIDATION', `"${url}" is not a URL; give the proxy's address, e.g. http://127.0.0.1:8799.`);
  }
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname))) {
    throw new AppError('VALIDATION', `The proxy must be https:// (plain http only for a local dev stack); got ${u.origin}.`);
  }
  return u.origin + u.pathname.replace(/\/+$/, '');
}
