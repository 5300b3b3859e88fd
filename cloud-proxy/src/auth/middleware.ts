import { createMiddleware } from 'hono/factory';
import type { AppEnv, AuthUser } from '../app';
import { configOf } from '../env';
import { ProxyError, forbidden, unauthenticated } from '../http/errors';
import { accountOf, unwrap } from '../account/stub';
import { sha256Hex } from './crypto';
import { verifyAccessToken } from './tokens';

/**
 * Authenticates (access JWT, or an Agency API key `zk_…` acting as its user), then asks the user's
 * Durable Object to admit the request: suspended → 403 ACCOUNT_SUSPENDED, over 100/min → 429.
 */
export const requireUser = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('authorization') ?? '';
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m?.[1]) throw unauthenticated('Send Authorization: Bearer <access token or API key>.');
  const token = m[1];
  let user: AuthUser;
  if (token.startsWith('zk_')) {
    const row = await c.env.DB.prepare('SELECT u.id, u.role FROM api_keys k JOIN users u ON u.id = k.user_id WHERE k.key_hash = ? AND k.revoked_at IS NULL')
      .bind(await sha256Hex(token))
      .first<{ id: string; role: 'user' | 'admin' }>();
    if (!row) throw unauthenticated('This API key is not valid or was revoked.');
    user = { id: row.id, role: row.role, via: 'apikey', tier: 'free' };
  } else {
    const claims = await verifyAccessToken(configOf(c.env), token);
    user = { id: claims.sub, role: claims.role, via: 'jwt', tier: 'free' };
  }
  const gate = await accountOf(c.env, user.id).gate();
  if (!gate.ok && gate.error.status === 429) {
    throw new ProxyError(429, gate.error.code, gate.error.message, undefined, { 'Retry-After': String(gate.error.retryAfter ?? 60) });
  }
  const admitted = unwrap(gate);
  user.tier = admitted.tier;
  if (user.via === 'apikey' && user.tier !== 'agency') throw forbidden('API_ACCESS_NOT_IN_TIER', 'API keys work on the Agency plan only; upgrade or sign in with a password.');
  c.set('user', user);
  await next();
});

/** Admin routes re-read the role from D1 so a demotion takes effect before the token expires. */
export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
  const user = c.get('user');
  const row = await c.env.DB.prepare('SELECT role FROM users WHERE id = ?').bind(user.id).first<{ role: string }>();
  if (row?.role !== 'admin' || user.via !== 'jwt') throw forbidden('ADMIN_REQUIRED', 'This needs an admin account signed in with a password.');
  await next();
});
