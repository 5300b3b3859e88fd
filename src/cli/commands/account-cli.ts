/**
 * What the account commands share: which proxy (`--proxy URL`, else ZAPCUT_PROXY_URL, else the
 * one saved in Settings — the same setting the app uses), the session, and reading a password
 * without echoing it. The CLI keeps tokens in the OS keychain; without one (keytar not built, no
 * Secret Service) only in memory for the one command — a terminal has no safeStorage, and tokens
 * are never written in the clear. `storeNote` says which, and what to install for a keychain.
 * On a headless machine an Agency API key in ZAPCUT_API_KEY stands in for the session.
 */
import { mkdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { AppError } from '../../shared/errors';
import { databasePath, openDatabase } from '../../backend/storage/database';
import { getSetting, setSetting } from '../../backend/storage/repos/settings';
import { resolveDataDir } from '../../backend/media-store/data-dir';
import { pickTokenStore } from '../../backend/session/pick-store';
import type { TokenStore } from '../../backend/session/token-store';
import { AccountSession, normaliseProxyUrl } from '../../backend/session/session';
import type { BatchQuoteAnswer, MeAnswerRead, QuoteAnswer, Resolution } from '../../shared/domain/account-wire';
import { API_KEY_ENV, ApiKeyAuth, apiKeyFromEnv } from '../../backend/session/api-key';

function withSettings<T>(fn: (db: ReturnType<typeof openDatabase>) => T): T {
  const dir = resolveDataDir();
  mkdirSync(dir, { recursive: true });
  const db = openDatabase(databasePath(dir));
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

export function resolveProxyUrl(flag: string | undefined): string {
  const fromSettings = () => withSettings((db) => getSetting(db, 'proxyUrl'));
  const url = flag?.trim() || process.env.ZAPCUT_PROXY_URL?.trim() || (fromSettings() as string | undefined);
  if (!url) throw new AppError('VALIDATION', 'Which Zapcut service? Pass --proxy URL (e.g. the URL `npm run dev:stack` prints), set ZAPCUT_PROXY_URL, or set it in the app\'s Settings.');
  return normaliseProxyUrl(url);
}

/** Remembers the proxy in Settings after a successful sign-in (the app reads the same setting). */
export function rememberProxyUrl(url: string): void {
  withSettings((db) => setSetting(db, 'proxyUrl', url));
}

export async function openCliSession(proxyUrl: string): Promise<AccountSession> {
  // ZAPCUT_KEYCHAIN_SERVICE lets tests use their own keychain entry instead of the user's.
  const store = await pickTokenStore({ dataDir: resolveDataDir(), keychainService: process.env.ZAPCUT_KEYCHAIN_SERVICE?.trim() || undefined, keychain: process.env.ZAPCUT_KEYCHAIN !== 'off' });
  return AccountSession.open(proxyUrl, store);
}

/** Where this command keeps the session's tokens, in one or two lines. */
export function storeNote(store: Pick<TokenStore, 'kind' | 'why'>): string {
  if (store.kind === 'keychain') return 'Tokens are in the OS keychain.';
  return `No OS keychain here, so the tokens were kept in memory for this command only (never written to disk). ${store.why ?? ''}`.trim();
}

/** What `zapcut account` reads the account through: the API key from the environment, else the session. */
export interface CliAccount {
  /** How this command is signed in, in one line. */
  credential: string;
  signedIn: boolean;
  account(): Promise<MeAnswerRead>;
  quote(lengthSeconds: number, resolution?: Resolution): Promise<QuoteAnswer>;
  quoteBatch(videos: { lengthSeconds: number; resolution: Resolution }[]): Promise<BatchQuoteAnswer>;
  /** Emails a new verification link (a signed-in session only; the proxy limits how many a day). */
  resendVerification?(): Promise<{ sent: true; message: string }>;
}

export async function openCliAccount(proxyUrl: string): Promise<CliAccount> {
  const key = apiKeyFromEnv();
  if (key) {
    const auth = new ApiKeyAuth(proxyUrl, key);
    return { credential: `API key ${auth.prefix} from ${API_KEY_ENV} (read from the environment, never stored)`, signedIn: true, account: () => auth.account(), quote: (l, r) => auth.quote(l, r), quoteBatch: (v) => auth.quoteBatch(v) };
  }
  const session = await openCliSession(proxyUrl);
  const st = session.status();
  return { credential: st.signedIn ? `signed in (${storeNote(session.tokenStore)})` : 'not signed in', signedIn: st.signedIn, account: () => session.account(), quote: (l, r) => session.quote(l, r), quoteBatch: (v) => session.quoteBatch(v), resendVerification: () => session.resendVerification() };
}

/** The password from --password-stdin / a pipe, or typed at a prompt without echo. */
export async function readPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    let text = '';
    for await (const chunk of process.stdin) text += chunk;
    return text.replace(/\r?\n$/, '');
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const out = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WriteStream };
  let asked = false;
  out._writeToOutput = (s: string) => {
    if (!asked) {
      asked = true;
      process.stderr.write(s);
    }
  };
  try {
    return await new Promise<string>((resolve) => rl.question(prompt, resolve));
  } finally {
    process.stderr.write('\n');
    rl.close();
  }
}

export function formatCents(cents: number): string {
  return `$${(cents / 100).toFixed(2)}`;
}
