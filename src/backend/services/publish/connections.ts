/**
 * Social connections: sign in with the network in the system browser (authorization code + PKCE,
 * loopback redirect), keep the tokens in the OS keychain (the same store as the Zapcut session,
 * with its fallbacks), refresh them before they expire, and revoke + forget them on disconnect.
 * SQLite only records who is connected (name, handle, avatar), never a token.
 */
import { z } from 'zod';
import { AppError, toErrorShape } from '../../../shared/errors';
import { SOCIAL_NETWORKS, type SocialNetwork } from '../../../shared/publish/platform-limits';
import type { ConnectFlow, ConnectionView } from '../../../shared/domain/publish';
import { deleteConnection, getConnection, markConnection, saveConnection } from '../../storage/repos/social';
import { tokenStore } from '../account/service';
import type { ServiceContext } from '../context';
import { publisherFor, serviceOrigin, socialConfig } from './config';
import { startLoopback, type Loopback } from './oauth/loopback';
import { createPkce, createState } from './oauth/pkce';
import type { Publisher, SocialTokens } from './networks/types';

const NAMES: Record<SocialNetwork, string> = { x: 'X', linkedin: 'LinkedIn' };
export const networkName = (n: SocialNetwork) => NAMES[n];

const Stored = z.object({ accountId: z.string(), tokens: z.object({ accessToken: z.string(), refreshToken: z.string().nullable(), expiresAt: z.number(), refreshExpiresAt: z.number().nullable(), scope: z.string() }) });
type Stored = z.infer<typeof Stored>;

const secretKey = (network: SocialNetwork, origin: string) => `social:${network}:${origin}`;

async function loadStored(ctx: ServiceContext, network: SocialNetwork, origin: string): Promise<Stored | null> {
  const text = await (await tokenStore(ctx)).getSecret(secretKey(network, origin));
  if (!text) return null;
  try {
    const r = Stored.safeParse(JSON.parse(text));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

const saveStored = async (ctx: ServiceContext, network: SocialNetwork, origin: string, s: Stored) => (await tokenStore(ctx)).setSecret(secretKey(network, origin), JSON.stringify(s));

interface Flow {
  flowId: string;
  network: SocialNetwork;
  loopback: Loopback;
  done: Promise<void>;
}
interface Runtime {
  flows: Map<string, Flow>;
  refreshing: Map<string, Promise<string>>;
}
const runtimes = new WeakMap<ServiceContext, Runtime>();
const rt = (ctx: ServiceContext): Runtime => {
  let r = runtimes.get(ctx);
  if (!r) runtimes.set(ctx, (r = { flows: new Map(), refreshing: new Map() }));
  return r;
};

/** How long a sign-in waits for the browser before giving up (ZAPCUT_CONNECT_TIMEOUT_MS for tests). */
const connectTimeoutMs = () => Number(process.env.ZAPCUT_CONNECT_TIMEOUT_MS) || 5 * 60_000;

export async function listConnections(ctx: ServiceContext): Promise<ConnectionView[]> {
  const store = (await tokenStore(ctx)).kind;
  let origin: string | null = null;
  let cfg: Awaited<ReturnType<typeof socialConfig>> | null = null;
  let problem: string | null = null;
  try {
    origin = serviceOrigin(ctx);
    cfg = await socialConfig(ctx);
  } catch (err) {
    problem = toErrorShape(err).message;
  }
  return SOCIAL_NETWORKS.map((network): ConnectionView => {
    const row = origin ? getConnection(ctx.db, network, origin) : undefined;
    const available = cfg ? cfg[network].enabled : false;
    const unavailable = problem ?? (cfg && !available ? `This Zapcut service does not offer ${NAMES[network]} yet.` : null);
    return {
      network,
      available,
      state: row ? row.status : 'disconnected',
      account: row ? { id: row.accountId, name: row.accountName, handle: row.accountHandle, avatarDataUrl: row.avatarDataUrl } : null,
      problem: row?.problem ?? unavailable,
      connectedAt: row?.connectedAt ?? null,
      store,
    };
  });
}

async function emitConnections(ctx: ServiceContext): Promise<void> {
  ctx.emit('publish/connectionsChanged', { connections: await listConnections(ctx) });
}

/** The avatar as a small data URL (the renderer's CSP loads no remote images). */
async function avatarDataUrl(url: string | null): Promise<string | null> {
  if (!url || !/^https?:\/\//.test(url)) return null;
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(5000) });
    const type = r.headers.get('content-type') ?? '';
    const bytes = Buffer.from(await r.arrayBuffer());
    if (!r.ok || !/^image\/(png|jpeg|webp|gif)$/.test(type) || bytes.length > 200_000) return null;
    return `data:${type};base64,${bytes.toString('base64')}`;
  } catch {
    return null;
  }
}

async function completeSignIn(ctx: ServiceContext, network: SocialNetwork, origin: string, publisher: Publisher, tokens: SocialTokens): Promise<void> {
  const account = await publisher.whoAmI(tokens.accessToken);
  await saveStored(ctx, network, origin, { accountId: account.id, tokens });
  const now = ctx.now();
  saveConnection(ctx.db, { network, configOrigin: origin, accountId: account.id, accountName: account.name, accountHandle: account.handle, avatarDataUrl: await avatarDataUrl(account.avatarUrl), status: 'connected', problem: null, connectedAt: now, updatedAt: now });
}

/**
 * Starts a sign-in: a one-use loopback server, PKCE, the authorize URL (opened in the system
 * browser by the desktop app). It finishes in the background with `publish/connectFinished`;
 * `onDone` lets the CLI wait for it.
 */
export async function startConnect(ctx: ServiceContext, network: SocialNetwork, onDone?: (err: AppError | null) => void): Promise<ConnectFlow> {
  const origin = serviceOrigin(ctx);
  const { publisher, redirectPorts } = await publisherFor(ctx, network);
  for (const f of rt(ctx).flows.values()) if (f.network === network) f.loopback.close(); // a second click restarts the sign-in
  const pkce = createPkce();
  const state = createState();
  const timeoutMs = connectTimeoutMs();
  const loopback = await startLoopback({ state, ports: redirectPorts, timeoutMs, networkName: NAMES[network] });
  const flowId = ctx.newId();
  const authorizeUrl = publisher.authorizeUrl({ redirectUri: loopback.redirectUri, state, challenge: pkce.challenge });
  const done = (async () => {
    let error: AppError | null = null;
    try {
      const code = await loopback.code;
      const tokens = await publisher.exchangeCode({ code, verifier: pkce.verifier, redirectUri: loopback.redirectUri });
      await completeSignIn(ctx, network, origin, publisher, tokens);
    } catch (err) {
      error = err instanceof AppError ? err : new AppError('PROVIDER', `Connecting ${NAMES[network]} failed: ${toErrorShape(err).message}`);
    } finally {
      rt(ctx).flows.delete(flowId);
    }
    ctx.emit('publish/connectFinished', { flowId, network, ok: !error, error: error ? { code: error.code, message: error.message } : null });
    await emitConnections(ctx).catch(() => undefined);
    onDone?.(error);
  })();
  rt(ctx).flows.set(flowId, { flowId, network, loopback, done });
  let openedBrowser = false;
  if (ctx.desktop?.openExternal) {
    try {
      await ctx.desktop.openExternal(authorizeUrl);
      openedBrowser = true;
    } catch {
      // The UI shows the link to open by hand.
    }
  }
  return { flowId, network, authorizeUrl, openedBrowser, expiresAt: new Date(Date.now() + timeoutMs).toISOString() };
}

export function cancelConnect(ctx: ServiceContext, flowId: string): { cancelled: boolean } {
  const f = rt(ctx).flows.get(flowId);
  if (!f) return { cancelled: false };
  f.loopback.close();
  return { cancelled: true };
}

/** For tests and shutdown: waits for running sign-ins to settle. */
export async function settleConnects(ctx: ServiceContext): Promise<void> {
  await Promise.all([...rt(ctx).flows.values()].map((f) => f.done));
}

export async function disconnect(ctx: ServiceContext, network: SocialNetwork): Promise<{ revoked: boolean; connections: ConnectionView[] }> {
  const origin = serviceOrigin(ctx);
  const stored = await loadStored(ctx, network, origin);
  let revoked = false;
  if (stored) {
    try {
      const { publisher } = await publisherFor(ctx, network);
      await publisher.revoke(stored.tokens);
      revoked = true;
    } catch {
      // Offline or already revoked: forget the tokens anyway; the user can also remove Zapcut in the network's settings.
    }
  }
  await (await tokenStore(ctx)).deleteSecret(secretKey(network, origin));
  deleteConnection(ctx.db, network, origin);
  const connections = await listConnections(ctx);
  ctx.emit('publish/connectionsChanged', { connections });
  return { revoked, connections };
}

/** Marks a connection as needing a reconnect (token revoked or expired for good); keeps everything else. */
export async function needsReconnect(ctx: ServiceContext, network: SocialNetwork, origin: string, why: string): Promise<void> {
  markConnection(ctx.db, network, origin, 'needs_reconnect', why, ctx.now());
  await emitConnections(ctx).catch(() => undefined);
}

/** The connected account and a way to get a valid access token (refreshed 5 min before expiry, once at a time). */
export async function connectedAccount(ctx: ServiceContext, network: SocialNetwork) {
  const origin = serviceOrigin(ctx);
  const row = getConnection(ctx.db, network, origin);
  const stored = await loadStored(ctx, network, origin);
  if (!row || !stored) throw new AppError('UNAUTHENTICATED', `Connect ${NAMES[network]} first (Settings → Connections, or \`zapcut connect ${network}\`).`);
  if (row.status === 'needs_reconnect') throw new AppError('UNAUTHENTICATED', `${row.problem ?? `${NAMES[network]} needs you to reconnect.`} Reconnect ${NAMES[network]} in Settings; your post is kept.`);
  const { publisher } = await publisherFor(ctx, network);
  const key = secretKey(network, origin);
  const refresh = (force: boolean): Promise<string> => {
    const running = rt(ctx).refreshing.get(key);
    if (running) return running;
    const p = (async () => {
      const current = (await loadStored(ctx, network, origin)) ?? stored;
      if (!force && current.tokens.expiresAt > Date.now() + 5 * 60_000) return current.tokens.accessToken;
      try {
        const tokens = await publisher.refresh(current.tokens);
        await saveStored(ctx, network, origin, { ...current, tokens });
        return tokens.accessToken;
      } catch (err) {
        const e = toErrorShape(err);
        if (e.code === 'UNAUTHENTICATED' || e.code === 'VALIDATION' || e.code === 'PROVIDER') {
          await needsReconnect(ctx, network, origin, `${NAMES[network]} no longer accepts Zapcut's access.`);
          throw new AppError('UNAUTHENTICATED', `${NAMES[network]} no longer accepts Zapcut's access (${e.message}). Reconnect ${NAMES[network]} in Settings; your post is kept and continues where it stopped.`);
        }
        throw err;
      }
    })().finally(() => rt(ctx).refreshing.delete(key));
    rt(ctx).refreshing.set(key, p);
    return p;
  };
  return {
    origin,
    publisher,
    account: { id: row.accountId, name: row.accountName, handle: row.accountHandle, avatarUrl: null },
    accessToken: () => refresh(false),
    /** After a 401: refresh now (fails with "reconnect" when the network revoked the grant). */
    forceRefresh: () => refresh(true),
  };
}
