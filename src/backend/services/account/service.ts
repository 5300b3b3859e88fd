/**
 * Account services for the contract: sign up/in/out, the account view (plan, credits, free videos,
 * this month's usage), and the quote shown before a run. The session belongs to the proxy set in
 * Settings; its tokens stay in the token store (keychain / safeStorage file / memory) and in this
 * process — the renderer only ever gets an AccountView. A headless backend (the CLI) may instead
 * be given an Agency API key, used as the proxy credential and never stored.
 */
import type { AccountCredentials, AccountQuote, AccountQuoteInput, AccountView, VerificationResent } from '../../../shared/domain/account';
import { AppError, toErrorShape } from '../../../shared/errors';
import { proxyFamily, runSpecFromStore, type ProxyFamily } from '../../../pipeline/providers/proxy';
import type { ProxyAuth } from '../../../pipeline/providers/proxy/api';
import type { RunStore } from '../../../pipeline/engine/store';
import { ApiKeyAuth } from '../../session/api-key';
import type { Encryptor } from '../../session/encrypted-file-store';
import { pickTokenStore } from '../../session/pick-store';
import { AccountSession } from '../../session/session';
import type { TokenStore } from '../../session/token-store';
import type { ServiceContext } from '../context';
import { getSettings } from '../settings';

export interface AccountOptions {
  /** Electron's safeStorage: keeps the session in an encrypted file when no keychain is reachable. */
  encryptor?: Encryptor;
  /** false: never probe the OS keychain (tests; ZAPCUT_KEYCHAIN=off does the same). */
  keychain?: boolean;
  /** The keychain entry's service name (tests use their own). */
  keychainService?: string;
  /** An Agency API key (CLI: ZAPCUT_API_KEY): the proxy credential instead of a session; never stored. */
  apiKey?: string;
  /** The proxy instead of the one in Settings (CLI: --proxy, ZAPCUT_PROXY_URL). */
  proxyUrl?: string;
  /** Tests: the account the projects read (plan, reachability) instead of asking a proxy. */
  view?: () => Promise<AccountView>;
}

/** The account's per-backend state: the token store and the session, opened on first use. */
export interface AccountState {
  readonly opts: AccountOptions;
  store?: Promise<TokenStore>;
  session?: { url: string; session: Promise<AccountSession> };
}

export function createAccountState(opts: AccountOptions = {}): AccountState {
  return { opts };
}

function rt(ctx: ServiceContext): AccountState {
  return ctx.state.account;
}

/** The proxy this backend talks to: the override, else Settings; '' when none is set. */
export function proxyUrlOf(ctx: ServiceContext): string {
  return (rt(ctx).opts.proxyUrl ?? getSettings(ctx).proxyUrl).trim();
}

/** Where secrets live on this machine (keychain, else safeStorage file, else memory); shared with the social connections. */
export function tokenStore(ctx: ServiceContext): Promise<TokenStore> {
  const r = rt(ctx);
  r.store ??= pickTokenStore({ dataDir: ctx.dataDir, encryptor: r.opts.encryptor, keychain: r.opts.keychain ?? process.env.ZAPCUT_KEYCHAIN !== 'off', keychainService: r.opts.keychainService });
  return r.store;
}

/** The session for the proxy in Settings (a new one when the URL changes); undefined without a proxy. */
export async function accountSession(ctx: ServiceContext): Promise<AccountSession | undefined> {
  const url = proxyUrlOf(ctx);
  if (!url) return undefined;
  const r = rt(ctx);
  if (r.session?.url !== url) {
    const session = AccountSession.open(url, await tokenStore(ctx)).then((s) => {
      s.on('changed', () => void accountView(ctx).then((v) => ctx.emit('account/changed', v)).catch(() => undefined));
      return s;
    });
    r.session = { url, session };
  }
  return r.session.session;
}

async function requireSession(ctx: ServiceContext): Promise<AccountSession> {
  const s = await accountSession(ctx);
  if (!s) throw new AppError('VALIDATION', 'Add the Zapcut service URL in Settings first (Service URL). Everything local works without an account.');
  return s;
}

export async function accountView(ctx: ServiceContext): Promise<AccountView> {
  const store = (await tokenStore(ctx)).kind;
  let s: AccountSession | undefined;
  try {
    s = await accountSession(ctx);
  } catch (err) {
    rt(ctx).session = undefined;
    return { proxyUrl: proxyUrlOf(ctx), signedIn: false, email: null, store, usage: null, problem: { code: toErrorShape(err).code, message: toErrorShape(err).message } };
  }
  if (!s) return { proxyUrl: '', signedIn: false, email: null, store, usage: null, problem: null };
  const st = s.status();
  const base: AccountView = { proxyUrl: st.proxyUrl, signedIn: st.signedIn, email: st.email, store, usage: null, problem: st.notice ? { code: 'UNAUTHENTICATED', message: st.notice } : null };
  if (!st.signedIn) return base;
  try {
    const me = await s.account();
    const { tier, creditsCents, freeVideosUsed, freeVideosLeft, month, monthVideosUsed, monthVideosLeft, monthPicturesUsed, monthPicturesCap, maxLengthSeconds, maxResolution, suspended } = me;
    const billing = me.billing ?? null;
    return { ...base, usage: { tier, creditsCents, freeVideosUsed, freeVideosLeft, month, monthVideosUsed, monthVideosLeft, monthPicturesUsed, monthPicturesCap, maxLengthSeconds, maxResolution, suspended, emailVerified: me.emailVerified ?? true, billing, billingAccount: me.billingAccount ?? false } };
  } catch (err) {
    const e = toErrorShape(err);
    const after = s.status();
    return { ...base, signedIn: after.signedIn, email: after.email, problem: { code: e.code, message: e.message } };
  }
}

export async function signup(ctx: ServiceContext, input: AccountCredentials): Promise<AccountView> {
  await (await requireSession(ctx)).signup(input.email, input.password);
  return accountView(ctx);
}

export async function login(ctx: ServiceContext, input: AccountCredentials): Promise<AccountView> {
  await (await requireSession(ctx)).login(input.email, input.password);
  return accountView(ctx);
}

export async function logout(ctx: ServiceContext): Promise<AccountView> {
  const s = await accountSession(ctx);
  if (s) await s.logout();
  return accountView(ctx);
}

/** Emails a new verification link for the signed-in account (the proxy limits how many a day). */
export async function resendVerification(ctx: ServiceContext): Promise<VerificationResent> {
  const r = await (await requireSession(ctx)).resendVerification();
  return { sent: true, message: r.message };
}

/** What an ad of this length would cost and from which source — or why it cannot run. */
export async function quote(ctx: ServiceContext, input: AccountQuoteInput): Promise<AccountQuote> {
  const q = await (await requireSession(ctx)).quote(input.lengthSeconds, input.resolution ?? '1080p');
  return q.allowed ? { allowed: true, source: q.source, costCents: q.costCents, lengthSeconds: q.lengthSeconds } : { allowed: false, code: q.code, message: q.message, lengthSeconds: q.lengthSeconds };
}

/**
 * What this backend sends to the proxy: the API key it was given, else the signed-in session.
 * Looked up per call, so signing in later or changing the proxy URL takes effect at once.
 */
export function proxyAuth(ctx: ServiceContext): ProxyAuth {
  const key = rt(ctx).opts.apiKey;
  const session = async () => {
    const s = await accountSession(ctx);
    if (!s) throw new AppError('UNAUTHENTICATED', 'Set the Zapcut service URL in Settings and sign in to generate with AI providers.');
    return s;
  };
  const apiKey = () => {
    const url = proxyUrlOf(ctx);
    if (!url) throw new AppError('VALIDATION', 'Which Zapcut service? Pass --proxy URL, set ZAPCUT_PROXY_URL, or set it in the app\'s Settings.');
    return new ApiKeyAuth(url, key!);
  };
  return {
    get baseUrl() {
      return proxyUrlOf(ctx).replace(/\/+$/, '');
    },
    accessToken: async () => (key ? apiKey().accessToken() : (await session()).accessToken()),
    refreshed: async () => (key ? apiKey().refreshed() : (await session()).refreshed()),
  };
}

/** The proxy provider family bound to this backend's account, registered as "proxy" (src/backend/pipeline-services.ts). */
export function appProxyFamily(ctx: ServiceContext, store: RunStore, ffmpegPath: string): ProxyFamily {
  return proxyFamily({ auth: proxyAuth(ctx), ffmpegPath, runSpec: runSpecFromStore(store), charges: () => store });
}
