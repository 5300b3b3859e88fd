import { sign, verify } from 'hono/jwt';
import type { Config } from '../env';
import type { Env } from '../env';
import { unauthenticated } from '../http/errors';
import { randomToken, sha256Hex } from './crypto';

export interface AccessClaims {
  sub: string;
  role: 'user' | 'admin';
  typ: 'access';
  iat: number;
  exp: number;
}

const ALG = 'HS256' as const;

export async function signAccessToken(config: Config, userId: string, role: 'user' | 'admin'): Promise<string> {
  const iat = Math.floor(Date.now() / 1000);
  const claims: AccessClaims = { sub: userId, role, typ: 'access', iat, exp: iat + config.ACCESS_TOKEN_TTL_SECONDS };
  return sign({ ...claims }, config.JWT_SECRET, ALG);
}

/**
 * The algorithm is pinned to HS256 (a token claiming `none` or RS256 is refused before any
 * signature check) and `exp` is required, not just honoured when present.
 */
export async function verifyAccessToken(config: Config, token: string): Promise<AccessClaims> {
  let payload: Record<string, unknown>;
  try {
    payload = (await verify(token, config.JWT_SECRET, { alg: ALG })) as Record<string, unknown>;
  } catch {
    throw unauthenticated();
  }
  if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number' || payload.typ !== 'access' || (payload.role !== 'user' && payload.role !== 'admin')) {
    throw unauthenticated();
  }
  return payload as unknown as AccessClaims;
}

/** Issues a refresh token (random, stored only as its SHA-256) in a rotation family. */
export async function issueRefreshToken(env: Env, config: Config, userId: string, family = crypto.randomUUID()): Promise<string> {
  const token = `rt_${randomToken(32)}`;
  const now = Date.now();
  await env.DB.prepare('INSERT INTO refresh_tokens (token_hash, user_id, family, expires_at, created_at) VALUES (?, ?, ?, ?, ?)')
    .bind(await sha256Hex(token), userId, family, now + config.REFRESH_TOKEN_TTL_SECONDS * 1000, now)
    .run();
  return token;
}

/**
 * Rotates a refresh token: the presented one is revoked and a new one issued in the same family.
 * Presenting an already-revoked token means it leaked (or was replayed), so the whole family is
 * revoked and the user must sign in again.
 */
export async function rotateRefreshToken(env: Env, config: Config, token: string): Promise<{ userId: string; refreshToken: string }> {
  const hash = await sha256Hex(token);
  const row = await env.DB.prepare('SELECT user_id, family, expires_at, revoked_at FROM refresh_tokens WHERE token_hash = ?')
    .bind(hash)
    .first<{ user_id: string; family: string; expires_at: number; revoked_at: number | null }>();
  if (!row) throw unauthenticated('Sign in again: this refresh token is not valid.');
  const now = Date.now();
  if (row.revoked_at !== null) {
    await env.DB.prepare('UPDATE refresh_tokens SET revoked_at = ? WHERE family = ? AND revoked_at IS NULL').bind(now, row.family).run();
    throw unauthenticated('Sign in again: this refresh token was already used.');
  }
  if (row.expires_at <= now) throw unauthenticated('Sign in again: the session has expired.');
  // Conditional update: of two concurrent refreshes with one token, only one wins.
  const res = await env.DB.prepare('UPDATE refresh_tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL').bind(now, hash).run();
  if (res.meta.changes !== 1) throw unauthenticated('Sign in again: this refresh token was already used.');
  return { userId: row.user_id, refreshToken: await issueRefreshToken(env, config, row.user_id, row.family) };
}

export async function revokeRefreshToken(env: Env, token: string): Promise<void> {
  await env.DB.prepare('UPDATE refresh_tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL').bind(Date.now(), await sha256Hex(token)).run();
}
