/**
 * Where the networks are and which client ids to use comes from the Zapcut service
 * (GET /v1/social/config), so the dev stack points the app at the local fakes and production at
 * X and LinkedIn. LinkedIn's secret-bearing token calls go through the same service (TokenBroker).
 */
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { SocialNetwork } from '../../../shared/publish/platform-limits';
import { authedJson, proxyJson } from '../../../pipeline/providers/proxy/api';
import { accountSession } from '../account/service';
import { getSettings } from '../settings';
import type { ServiceContext } from '../context';
import { type NetworkHttp } from './http';
import { LinkedInPublisher, LINKEDIN_SCOPES, type TokenBroker } from './networks/linkedin';
import type { Publisher, SocialTokens } from './networks/types';
import { expiresAtFrom } from './networks/types';
import { XPublisher, X_SCOPES } from './networks/x';

export const SocialConfig = z.object({
  x: z.object({ enabled: z.boolean(), clientId: z.string(), authorizeUrl: z.url(), apiBase: z.url(), redirectPorts: z.array(z.number().int().min(1).max(65535)).max(10) }),
  linkedin: z.object({ enabled: z.boolean(), clientId: z.string(), authorizeUrl: z.url(), apiBase: z.url(), version: z.string().regex(/^\d{6}$/), redirectPorts: z.array(z.number().int()).max(10) }),
});
export type SocialConfig = z.infer<typeof SocialConfig>;

const BrokerAnswer = z.object({ accessToken: z.string().min(1), expiresIn: z.number(), refreshToken: z.string().nullable(), refreshTokenExpiresIn: z.number().nullable(), scope: z.string() });

interface Cached {
  origin: string;
  at: number;
  config: Promise<SocialConfig>;
}
const cache = new WeakMap<ServiceContext, Cached>();

/** Tests and the CLI can make the HTTP policy faster (shorter backoff) or poll sooner. */
export interface PublishTuning {
  http?: NetworkHttp;
  segmentBytes?: number;
  pollMs?: number;
}
const tunings = new WeakMap<ServiceContext, PublishTuning>();
export const tunePublishing = (ctx: ServiceContext, t: PublishTuning) => void tunings.set(ctx, t);
/** Test knobs from the environment: ZAPCUT_X_SEGMENT_BYTES (≥ 64 KiB) for several APPEND segments of a small file, ZAPCUT_PUBLISH_POLL_MS. */
export const tuning = (ctx: ServiceContext): PublishTuning => tunings.get(ctx) ?? { segmentBytes: Math.max(64 * 1024, Number(process.env.ZAPCUT_X_SEGMENT_BYTES) || 0) || undefined, pollMs: Number(process.env.ZAPCUT_PUBLISH_POLL_MS) || undefined };

/** The origin of the Zapcut service in Settings: tokens and connections are kept per origin. */
export function serviceOrigin(ctx: ServiceContext): string {
  const url = getSettings(ctx).proxyUrl.trim();
  if (!url) throw new AppError('VALIDATION', 'Add the Zapcut service URL in Settings first (Service URL): it tells Zapcut how to reach X and LinkedIn.');
  try {
    return new URL(url).origin;
  } catch {
    throw new AppError('VALIDATION', `The Zapcut service URL in Settings ("${url}") is not a URL.`);
  }
}

export async function socialConfig(ctx: ServiceContext): Promise<SocialConfig> {
  const origin = serviceOrigin(ctx);
  const c = cache.get(ctx);
  if (c && c.origin === origin && Date.now() - c.at < 5 * 60_000) return c.config;
  const config = proxyJson(origin, '/v1/social/config', SocialConfig);
  cache.set(ctx, { origin, at: Date.now(), config });
  config.catch(() => cache.delete(ctx));
  return config;
}

const toTokens = (a: z.infer<typeof BrokerAnswer>): SocialTokens => ({ accessToken: a.accessToken, refreshToken: a.refreshToken, expiresAt: expiresAtFrom(a.expiresIn), refreshExpiresAt: a.refreshTokenExpiresIn ? Date.now() + a.refreshTokenExpiresIn * 1000 : null, scope: a.scope });

/** LinkedIn's token calls through the Zapcut service, as the signed-in user. */
function proxyBroker(ctx: ServiceContext): TokenBroker {
  const session = async () => {
    const s = await accountSession(ctx);
    if (!s?.status().signedIn) throw new AppError('UNAUTHENTICATED', 'Sign in to your Zapcut account first: LinkedIn connects through it (LinkedIn needs Zapcut\'s app secret, which only the Zapcut service holds).');
    return s;
  };
  return {
    exchange: async (p) => toTokens(await authedJson(await session(), '/v1/social/linkedin/token', BrokerAnswer, { body: { code: p.code, codeVerifier: p.verifier, redirectUri: p.redirectUri } })),
    refresh: async (refreshToken) => toTokens(await authedJson(await session(), '/v1/social/linkedin/refresh', BrokerAnswer, { body: { refreshToken } })),
    revoke: async (token) => void (await authedJson(await session(), '/v1/social/linkedin/revoke', z.unknown(), { body: { token } })),
  };
}

export async function publisherFor(ctx: ServiceContext, network: SocialNetwork): Promise<{ publisher: Publisher; redirectPorts: number[] }> {
  const cfg = await socialConfig(ctx);
  const t = tuning(ctx);
  if (network === 'x') {
    if (!cfg.x.enabled) throw new AppError('UNSUPPORTED', 'This Zapcut service does not offer posting to X yet.');
    return { publisher: new XPublisher({ clientId: cfg.x.clientId, authorizeUrl: cfg.x.authorizeUrl, apiBase: cfg.x.apiBase, scopes: X_SCOPES }, t.http, { segmentBytes: t.segmentBytes, pollMs: t.pollMs }) as Publisher, redirectPorts: cfg.x.redirectPorts };
  }
  if (!cfg.linkedin.enabled) throw new AppError('UNSUPPORTED', 'This Zapcut service does not offer posting to LinkedIn yet.');
  return { publisher: new LinkedInPublisher({ clientId: cfg.linkedin.clientId, authorizeUrl: cfg.linkedin.authorizeUrl, apiBase: cfg.linkedin.apiBase, version: cfg.linkedin.version, scopes: LINKEDIN_SCOPES }, proxyBroker(ctx), t.http, { pollMs: t.pollMs }) as Publisher, redirectPorts: cfg.linkedin.redirectPorts };
}
