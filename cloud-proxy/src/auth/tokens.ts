import { sign, verify } from 'hono/jwt';
import type { Config } from '../env';
import type { Env } from '../env';
import { unauthenticated } from '../http/errors';
import { fromBase64Url, randomToken, sha256Hex, toBase64Url } from './crypto';

export interface AccessClaims {
  sub: string;
  role: 'user' | 'admin';
  typ: 'access';
  iss: string;
  aud: string;
  iat: number;
  exp: number;
}

const ALG = 'HS256' as const;

export async function signAccessToken(config: Config, userId: string, role: 'user' | 'admin'): Promise<string> {
  const iat = Math.floor(Date.now() / 1000);
  const claims: AccessClaims = { sub: userId, role, typ: 'access', iss: config.JWT_ISSUER, aud: config.JWT_AUDIENCE, iat, exp: iat + config.ACCESS_TOKEN_TTL_SECONDS };
  return sign({ ...claims }, config.JWT_SECRET, ALG);
}

/**
 * The algorithm is pinned to HS256 (a token claiming `none` or RS256 is refused before any
 * signature check); `exp`, the issuer and the audience are required, not just honoured when
 * present — a token signed with the same secret for another service or by another issuer is refused.
 */
export async function verifyAccessToken(config: Config, token: string): Promise<AccessClaims> {
  let payload: Record<string, unknown>;
  try {
    payload = (await verify(token, config.JWT_SECRET, { alg: ALG })) as Record<string, unknown>;
  } catch {
    throw unauthenticated();
  }
  if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number' || payload.typ !== 'access' || payload.iss !== config.JWT_ISSUER || payload.aud !== config.JWT_AUDIENCE || (payload.role !== 'user' && payload.role !== 'admin')) {
    throw unauthenticated();
  }
  return payload as unknown as AccessClaims;
}

const newRefreshToken = () => `rt_${randomToken(32)}`;

/** Issues a refresh token (random, stored only as its SHA-256) in a rotation family. */
export async function issueRefreshToken(env: Env, config: Config, userId: string, family = crypto.randomUUID()): Promise<string> {
  const token = newRefreshToken();
  const now = Date.now();
  await env.DB.prepare('INSERT INTO refresh_tokens (token_hash, user_id, family, expires_at, created_at) VALUES (?, ?, ?, ?, ?)')
    .bind(await sha256Hex(token), userId, family, now + config.REFRESH_TOKEN_TTL_SECONDS * 1000, now)
    .run();
  return token;
}

/** The key that seals a token's successor: derived from the token itself, which only its holder has. */
async function successorKey(token: string): Promise<CryptoKey> {
  const raw = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`zapcut-refresh-successor:${token}`));
  return crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

async function seal(token: string, successor: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await successorKey(token), new TextEncoder().encode(successor)));
  const out = new Uint8Array(iv.length + ct.length);
  out.set(iv);
  out.set(ct, iv.length);
  return toBase64Url(out);
}

async function unseal(token: string, sealed: string): Promise<string | null> {
  try {
    const bytes = fromBase64Url(sealed);
    const pt = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes.slice(0, 12) }, await successorKey(token), bytes.slice(12));
    return new TextDecoder().decode(pt);
  } catch {
    return null;
  }
}

type TokenRow = { user_id: string; family: string; expires_at: number; revoked_at: number | null; successor_enc: string | null };

const readToken = async (env: Env, hash: string) =>
  env.DB.prepare('SELECT user_id, family, expires_at, revoked_at, successor_enc FROM refresh_tokens WHERE token_hash = ?').bind(hash).first<TokenRow>();

/**
 * Rotates a refresh token: the presented one is revoked and a new one issued in the same family,
 * in one transaction that also seals the new token under the old one. Within the grace window
 * (REFRESH_GRACE_SECONDS) presenting the old token again returns that same successor — so the
 * app and the CLI refreshing one session at once, or 20 parallel refreshes, all end with one live
 * token and nobody signed out. After the window, presenting a rotated token means it leaked (or
 * was replayed): the whole family is revoked and the user must sign in again.
 */
export async function rotateRefreshToken(env: Env, config: Config, token: string): Promise<{ userId: string; refreshToken: string }> {
  const hash = await sha256Hex(token);
  const row = await readToken(env, hash);
  if (!row) throw unauthenticated('Sign in again: this refresh token is not valid.');
  const now = Date.now();
  if (row.revoked_at !== null) return successorInGrace(env, config, token, row, now);
  if (row.expires_at <= now) throw unauthenticated('Sign in again: the session has expired.');
  const next = newRefreshToken();
  const [inserted, revoked] = await env.DB.batch([
    // Both only while the presented token is still live: of two concurrent refreshes, one rotates.
    env.DB.prepare(
      'INSERT INTO refresh_tokens (token_hash, user_id, family, expires_at, created_at) SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM refresh_tokens WHERE token_hash = ? AND revoked_at IS NULL)',
    ).bind(await sha256Hex(next), row.user_id, row.family, now + config.REFRESH_TOKEN_TTL_SECONDS * 1000, now, hash),
    env.DB.prepare('UPDATE refresh_tokens SET revoked_at = ?, successor_enc = ? WHERE token_hash = ? AND revoked_at IS NULL').bind(now, await seal(token, next), hash),
  ]);
  if (inserted?.meta.changes === 1 && revoked?.meta.changes === 1) return { userId: row.user_id, refreshToken: next };
  // Another refresh of this token won the race a moment ago: take what it made.
  const after = await readToken(env, hash);
  if (!after || after.revoked_at === null) throw unauthenticated('Sign in again: this refresh token is not valid.');
  return successorInGrace(env, config, token, after, Date.now());
}

/** Follows a rotated token to the family's live token, while within the grace window; else reuse. */
async function successorInGrace(env: Env, config: Config, token: string, row: TokenRow, now: number): Promise<{ userId: string; refreshToken: string }> {
  let current = token;
  let at = row;
  // A few hops: the successor may itself have been rotated since (the other process refreshed again).
  for (let hop = 0; hop < 5 && at.successor_enc && at.revoked_at !== null && now - at.revoked_at <= config.REFRESH_GRACE_SECONDS * 1000; hop++) {
    const next = await unseal(current, at.successor_enc);
    if (!next) break;
    const nextRow = await readToken(env, await sha256Hex(next));
    if (!nextRow) break;
    if (nextRow.revoked_at === null) {
      if (nextRow.expires_at <= now) throw unauthenticated('Sign in again: the session has expired.');
      return { userId: nextRow.user_id, refreshToken: next };
    }
    current = next;
    at = nextRow;
  }
  await env.DB.prepare('UPDATE refresh_tokens SET revoked_at = ? WHERE family = ? AND revoked_at IS NULL').bind(now, row.family).run();
  throw unauthenticated('Sign in again: this refresh token was already used.');
}

export async function revokeRefreshToken(env: Env, token: string): Promise<void> {
  await env.DB.prepare('UPDATE refresh_tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL').bind(Date.now(), await sha256Hex(token)).run();
}
