import { z } from 'zod';
import { newApp } from '../app';
import { configOf, type Env } from '../env';
import { audit, type UserRecord } from '../db/schema';
import { readJson } from '../http/body';
import { ProxyError, forbidden, unauthenticated } from '../http/errors';
import { accountOf } from '../account/stub';
import { fromBase64Url, hashPassword, randomToken, timingSafeEqual, toBase64Url } from './crypto';
import { clientAddress, takeLoginSlot } from './throttle';
import { issueRefreshToken, revokeRefreshToken, rotateRefreshToken, signAccessToken } from './tokens';
import { sendVerification, verifyRoutes, type VerificationSent } from './verify';

const Credentials = z.object({
  email: z.email().max(254).transform((e) => e.toLowerCase()),
  password: z.string().min(10, 'Use a password of at least 10 characters.').max(200),
});
const RefreshBody = z.object({ refreshToken: z.string().min(10).max(200) });

export const authRoutes = newApp();
authRoutes.route('/verify', verifyRoutes);

function publicUser(u: Pick<UserRecord, 'id' | 'email' | 'role'>) {
  return { id: u.id, email: u.email, role: u.role };
}

async function session(env: Env, u: Pick<UserRecord, 'id' | 'email' | 'role'>) {
  const config = configOf(env);
  return {
    accessToken: await signAccessToken(config, u.id, u.role),
    refreshToken: await issueRefreshToken(env, config, u.id),
    expiresIn: config.ACCESS_TOKEN_TTL_SECONDS,
    user: publicUser(u),
  };
}

/** Account farming: new accounts per client address per day, counted before any work (auth/signupLimit.ts); refusals are audited. */
async function takeSignupSlot(env: Env, client: string, limit: number): Promise<void> {
  if (client === 'unknown') return; // no address to count (a local wrangler dev, the harness)
  const r = await env.SIGNUPS.get(env.SIGNUPS.idFromName(client)).take(Date.now(), limit, 24 * 3600_000);
  if (r.ok) return;
  await audit(env, 'system', 'signup-refused', null, `more than ${limit} new accounts in a day from one client address`, { client, count: r.count, limit });
  throw new ProxyError(429, 'SIGNUP_LIMITED', `Too many new accounts from this network today; try again in ${Math.ceil(r.retryAfter / 3600)} h, or sign in to an existing account.`, undefined, { 'Retry-After': String(r.retryAfter) });
}

authRoutes.post('/signup', async (c) => {
  const { email, password } = await readJson(c, Credentials);
  const config = configOf(c.env);
  await takeSignupSlot(c.env, clientAddress(c.req.raw.headers), config.SIGNUPS_PER_ADDRESS_PER_DAY);
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const user = { id: `usr_${randomToken(12)}`, email, role: 'user' as const };
  const hash = await hashPassword(password, salt, config.PBKDF2_ITERATIONS);
  const res = await c.env.DB.prepare(
    'INSERT INTO users (id, email, password_hash, password_salt, password_iterations, role, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(email) DO NOTHING',
  )
    .bind(user.id, email, hash, toBase64Url(salt), config.PBKDF2_ITERATIONS, 'user', new Date().toISOString())
    .run();
  if (res.meta.changes !== 1) throw new ProxyError(409, 'EMAIL_TAKEN', 'An account with this email exists; sign in instead.');
  await accountOf(c.env, user.id).init(user.id);
  // The link that unlocks the free videos; a failed send leaves the account usable (Resend later).
  let emailVerification: VerificationSent;
  try {
    emailVerification = await sendVerification(c.env, new URL(c.req.url).origin, user);
  } catch (e) {
    emailVerification = { sent: false, code: e instanceof ProxyError ? e.code : 'EMAIL_SEND_FAILED', message: e instanceof ProxyError ? e.message : 'The verification email could not be sent; ask for a new link from the app.' };
  }
  return c.json({ ...(await session(c.env, user)), emailVerification }, 201);
});

authRoutes.post('/login', async (c) => {
  const { email, password } = await readJson(c, Credentials.extend({ password: z.string().min(1).max(200) }));
  // The slot is taken before the (slow) password check, so parallel guesses count each other.
  const slot = await takeLoginSlot(c.env, email, clientAddress(c.req.raw.headers));
  const u = await c.env.DB.prepare('SELECT * FROM users WHERE email = ?').bind(email).first<UserRecord>();
  // Hash even when the user is unknown so response time does not reveal which emails exist.
  const salt = u ? fromBase64Url(u.password_salt) : new Uint8Array(16);
  const hash = await hashPassword(password, salt, u?.password_iterations ?? configOf(c.env).PBKDF2_ITERATIONS);
  if (!u || !timingSafeEqual(hash, u.password_hash)) {
    await slot.failed();
    throw unauthenticated('Wrong email or password.');
  }
  await slot.succeeded();
  return c.json(await session(c.env, u));
});

authRoutes.post('/refresh', async (c) => {
  const { refreshToken } = await readJson(c, RefreshBody);
  const config = configOf(c.env);
  const rotated = await rotateRefreshToken(c.env, config, refreshToken);
  const u = await c.env.DB.prepare('SELECT id, email, role FROM users WHERE id = ?').bind(rotated.userId).first<UserRecord>();
  if (!u) throw unauthenticated();
  return c.json({ accessToken: await signAccessToken(config, u.id, u.role), refreshToken: rotated.refreshToken, expiresIn: config.ACCESS_TOKEN_TTL_SECONDS, user: publicUser(u) });
});

authRoutes.post('/logout', async (c) => {
  const { refreshToken } = await readJson(c, RefreshBody);
  await revokeRefreshToken(c.env, refreshToken);
  return c.body(null, 204);
});

/**
 * Makes an existing account the first admin. Needs the ADMIN_BOOTSTRAP_SECRET Worker secret and
 * works only while no admin exists; later admins are promoted by an admin (PUT /admin/users/:id/role).
 */
authRoutes.post('/bootstrap-admin', async (c) => {
  const { email } = await readJson(c, z.object({ email: z.email().transform((e) => e.toLowerCase()) }));
  const secret = configOf(c.env).ADMIN_BOOTSTRAP_SECRET;
  const given = c.req.header('x-bootstrap-secret') ?? '';
  if (!secret || !timingSafeEqual(given, secret)) throw forbidden('BOOTSTRAP_DENIED', 'Send the ADMIN_BOOTSTRAP_SECRET in the X-Bootstrap-Secret header.');
  const res = await c.env.DB.prepare("UPDATE users SET role = 'admin' WHERE email = ? AND NOT EXISTS (SELECT 1 FROM users WHERE role = 'admin')").bind(email).run();
  if (res.meta.changes !== 1) {
    const exists = await c.env.DB.prepare('SELECT id FROM users WHERE email = ?').bind(email).first();
    if (!exists) throw new ProxyError(404, 'NOT_FOUND', 'Sign up with this email first, then bootstrap it as admin.');
    throw new ProxyError(409, 'ADMIN_EXISTS', 'An admin already exists; ask them to promote this account.');
  }
  const u = await c.env.DB.prepare('SELECT id, email, role FROM users WHERE email = ?').bind(email).first<UserRecord>();
  await audit(c.env, 'bootstrap', 'bootstrap-admin', u!.id, 'first admin from bootstrap secret');
  return c.json({ user: publicUser(u!), note: 'Sign in again to get an access token with the admin role.' });
});
