/**
 * Social publishing support (issue 24). The app posts to X and LinkedIn itself with the user's own
 * tokens; the Worker only
 *  - tells the app where each network's OAuth and API endpoints are and which client ids to use
 *    (GET /v1/social/config, public: client ids are not secret), so a dev stack points the app at
 *    the local fakes and production at the real networks;
 *  - does the LinkedIn token calls that need the client secret (LinkedIn's 3-legged flow:
 *    learn.microsoft.com/linkedin/shared/authentication/authorization-code-flow — accessToken with
 *    client_id + client_secret; refresh_token grant; /oauth/v2/revoke). The secret is a Worker
 *    secret (LINKEDIN_CLIENT_SECRET) and never leaves here. Signed-in users only.
 * X needs no secret: the app is an X "Native App" (public client, PKCE).
 */
import { z } from 'zod';
import { newApp } from '../app';
import { requireUser } from '../auth/middleware';
import { configOf, type Config } from '../env';
import { readJson } from '../http/body';
import { ProxyError } from '../http/errors';

export const socialRoutes = newApp();

const ports = (list: string) =>
  list
    .split(',')
    .map((p) => Number(p.trim()))
    .filter((p) => Number.isInteger(p) && p > 0 && p < 65536)
    .slice(0, 10);

export function socialConfig(cfg: Config) {
  return {
    x: {
      enabled: cfg.X_CLIENT_ID !== '',
      clientId: cfg.X_CLIENT_ID,
      authorizeUrl: cfg.X_AUTHORIZE_URL,
      apiBase: cfg.X_API_BASE,
      // X matches callback URLs exactly (≤ 10 registered): the loopback ports the app may use.
      redirectPorts: ports(cfg.X_REDIRECT_PORTS),
    },
    linkedin: {
      enabled: cfg.LINKEDIN_CLIENT_ID !== '' && cfg.LINKEDIN_CLIENT_SECRET !== '',
      clientId: cfg.LINKEDIN_CLIENT_ID,
      authorizeUrl: `${cfg.LINKEDIN_OAUTH_BASE}/authorization`,
      apiBase: cfg.LINKEDIN_API_BASE,
      version: cfg.LINKEDIN_VERSION,
      // Native-client flow: any loopback port.
      redirectPorts: [] as number[],
    },
  };
}

socialRoutes.get('/config', (c) => c.json(socialConfig(configOf(c.env)), 200, { 'cache-control': 'no-store' }));

const Loopback = z.string().regex(/^http:\/\/(127\.0\.0\.1|\[::1\]):\d{1,5}\/[\w/-]*$/, 'redirectUri must be the app\'s loopback address (http://127.0.0.1:<port>/…)');
const TokenInput = z.object({ code: z.string().min(1).max(2000), codeVerifier: z.string().regex(/^[A-Za-z0-9\-._~]{43,128}$/), redirectUri: Loopback }).strict();
const RefreshInput = z.object({ refreshToken: z.string().min(1).max(4000) }).strict();
const RevokeInput = z.object({ token: z.string().min(1).max(4000) }).strict();
const LinkedInToken = z.object({ access_token: z.string().min(1), expires_in: z.number(), refresh_token: z.string().optional(), refresh_token_expires_in: z.number().optional(), scope: z.string().optional() });

function linkedIn(cfg: Config) {
  if (!cfg.LINKEDIN_CLIENT_ID || !cfg.LINKEDIN_CLIENT_SECRET) throw new ProxyError(503, 'SOCIAL_NOT_CONFIGURED', 'LinkedIn publishing is not set up on this Zapcut service (no LinkedIn app credentials).');
  return { clientId: cfg.LINKEDIN_CLIENT_ID, clientSecret: cfg.LINKEDIN_CLIENT_SECRET, base: cfg.LINKEDIN_OAUTH_BASE };
}

async function linkedInForm(url: string, form: Record<string, string>): Promise<{ status: number; body: unknown }> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
  } catch {
    throw new ProxyError(502, 'UPSTREAM_UNREACHABLE', 'LinkedIn could not be reached; try again in a moment.');
  }
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? (JSON.parse(text) as unknown) : null;
  } catch {
    body = null;
  }
  return { status: res.status, body };
}

function tokenAnswer(status: number, body: unknown) {
  const t = LinkedInToken.safeParse(body);
  if (status !== 200 || !t.success) {
    const said = (body as { error_description?: string; error?: string } | null)?.error_description ?? (body as { error?: string } | null)?.error ?? `HTTP ${status}`;
    throw new ProxyError(status === 401 ? 502 : 400, 'SOCIAL_TOKEN_REFUSED', `LinkedIn refused: ${said}`);
  }
  return { accessToken: t.data.access_token, expiresIn: t.data.expires_in, refreshToken: t.data.refresh_token ?? null, refreshTokenExpiresIn: t.data.refresh_token_expires_in ?? null, scope: t.data.scope ?? '' };
}

socialRoutes.post('/linkedin/token', requireUser, async (c) => {
  const input = await readJson(c, TokenInput);
  const li = linkedIn(configOf(c.env));
  const r = await linkedInForm(`${li.base}/accessToken`, { grant_type: 'authorization_code', code: input.code, redirect_uri: input.redirectUri, client_id: li.clientId, client_secret: li.clientSecret, code_verifier: input.codeVerifier });
  return c.json(tokenAnswer(r.status, r.body));
});

socialRoutes.post('/linkedin/refresh', requireUser, async (c) => {
  const input = await readJson(c, RefreshInput);
  const li = linkedIn(configOf(c.env));
  const r = await linkedInForm(`${li.base}/accessToken`, { grant_type: 'refresh_token', refresh_token: input.refreshToken, client_id: li.clientId, client_secret: li.clientSecret });
  return c.json(tokenAnswer(r.status, r.body));
});

socialRoutes.post('/linkedin/revoke', requireUser, async (c) => {
  const input = await readJson(c, RevokeInput);
  const li = linkedIn(configOf(c.env));
  const r = await linkedInForm(`${li.base}/revoke`, { token: input.token, client_id: li.clientId, client_secret: li.clientSecret });
  if (r.status !== 200) throw new ProxyError(502, 'SOCIAL_REVOKE_FAILED', `LinkedIn did not revoke the token (HTTP ${r.status}).`);
  return c.json({ revoked: true });
});
