/**
 * Email verification (issue 14, account farming): sign-up emails a link with a single-use token
 * that expires (EMAIL_TOKEN_TTL_SECONDS); only its SHA-256 is kept, in the user's ledger object.
 * The token is `<userId>.<secret>`, so the link finds its account without a directory lookup.
 * `POST /v1/auth/verify {token}` (the app, the CLI) and `GET /v1/auth/verify?token=` (the link's
 * page) mark the account verified through the ledger (audited, idempotent); `POST
 * /v1/auth/verify/resend` sends a new link, limited per day. The free videos need a verified email.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { newApp, type AppEnv } from '../app';
import { configOf, type Env } from '../env';
import { audit } from '../db/schema';
import { readJson } from '../http/body';
import { ProxyError, badRequest } from '../http/errors';
import { accountOf, unwrap } from '../account/stub';
import { requireUser } from './middleware';
import { randomToken, sha256Hex } from './crypto';
import { EMAIL_NOT_CONFIGURED_MESSAGE, emailSenderOf, verificationEmail } from './email';
import { RETURN_CSP } from '../billing/returnPage';

const TOKEN = /^(usr_[\w-]{8,40})\.([\w-]{20,100})$/;

export interface VerificationSent {
  sent: boolean;
  code?: string;
  message: string;
}

/** Emails a new verification link to the user (refusals: the per-day limit, already verified). */
export async function sendVerification(env: Env, origin: string, user: { id: string; email: string }): Promise<VerificationSent> {
  const config = configOf(env);
  const sender = emailSenderOf(config);
  if (!sender) return { sent: false, code: 'EMAIL_NOT_CONFIGURED', message: EMAIL_NOT_CONFIGURED_MESSAGE };
  const secret = randomToken(32);
  unwrap(await accountOf(env, user.id).issueEmailToken(await sha256Hex(secret), config.EMAIL_TOKEN_TTL_SECONDS * 1000, config.EMAIL_SENDS_PER_DAY));
  const link = `${origin}/v1/auth/verify?token=${encodeURIComponent(`${user.id}.${secret}`)}`;
  await sender.send(verificationEmail(user.email, link, Math.round(config.EMAIL_TOKEN_TTL_SECONDS / 3600)));
  return { sent: true, message: `We sent a verification link to ${user.email}; open it to unlock your free videos.` };
}

async function verify(env: Env, token: string): Promise<{ alreadyVerified: boolean; userId: string }> {
  const m = TOKEN.exec(token);
  const invalid = () => new ProxyError(400, 'VERIFY_TOKEN_INVALID', 'This verification link is not valid; ask for a new one from the app (Account → Resend).');
  if (!m) throw invalid();
  const userId = m[1]!;
  if (!(await env.DB.prepare('SELECT 1 AS x FROM users WHERE id = ?').bind(userId).first())) throw invalid();
  const r = unwrap(await accountOf(env, userId).verifyEmail(await sha256Hex(m[2]!), userId));
  if (!r.alreadyVerified) await audit(env, userId, 'email-verified', userId, 'verification link opened');
  return { ...r, userId };
}

export const verifyRoutes = newApp();

verifyRoutes.post('/', async (c) => {
  const { token } = await readJson(c, z.object({ token: z.string().max(200) }));
  const r = await verify(c.env, token);
  return c.json({ verified: true, alreadyVerified: r.alreadyVerified });
});

const page = (c: Context<AppEnv>, status: 200 | 400 | 410 | 429 | 500, title: string, body: string) =>
  c.html(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} — Zapcut</title>
<style>body{font:16px system-ui,sans-serif;max-width:560px;margin:4rem auto;padding:0 1rem;color:#1a1a1a}</style></head>
<body><h1>${title}</h1><p>${body}</p><p>You can close this tab and go back to Zapcut.</p></body></html>`,
    status,
    { 'content-security-policy': RETURN_CSP, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'cache-control': 'no-store' },
  );

/** The link in the email: verifies and says so in plain words (never echoes the token). */
verifyRoutes.get('/', async (c) => {
  try {
    const r = await verify(c.env, c.req.query('token') ?? '');
    return page(c, 200, r.alreadyVerified ? 'Email already verified' : 'Email verified', 'Your free videos are unlocked. Zapcut shows it the next time your account is refreshed.');
  } catch (e) {
    if (e instanceof ProxyError) return page(c, e.status === 410 ? 410 : 400, e.status === 410 ? 'This link has expired' : 'This link does not work', e.message.replace(/[<>&]/g, ''));
    throw e;
  }
});

verifyRoutes.post('/resend', requireUser, async (c) => {
  const user = c.get('user');
  const row = await c.env.DB.prepare('SELECT email FROM users WHERE id = ?').bind(user.id).first<{ email: string }>();
  if (!row) throw badRequest('No such account.');
  const sent = await sendVerification(c.env, new URL(c.req.url).origin, { id: user.id, email: row.email });
  if (!sent.sent) throw new ProxyError(503, sent.code ?? 'EMAIL_NOT_CONFIGURED', sent.message);
  return c.json(sent);
});
