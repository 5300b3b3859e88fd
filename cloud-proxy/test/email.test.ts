import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
// @ts-expect-error plain ESM helper
import { startWorker, writeEnvFile } from '../scripts/worker-process.mjs';
import { FAKE_EMAIL_FROM } from '../fakes/resend.mjs';
import type { StartedWorker } from './globalSetup';
import { JWT_SECRET } from './constants';
import { admin, api, grantCredits, mailedToken, reserve, signup, verifyEmail } from './helpers';

const resend = () => inject('emailEnv');
const sendRaw = (body: unknown, key: string | null = resend().RESEND_API_KEY) =>
  fetch(`${resend().RESEND_BASE_URL}/emails`, { method: 'POST', headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) }, body: typeof body === 'string' ? body : JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));
const ledgerOf = async (userId: string) => (await api(`/admin/users/${userId}`, { token: await admin() })).body.ledger as { kind: string; reason: string; actor: string }[];

// Two Workers of their own: one with no email provider, one with a key Resend refuses.
const started: StartedWorker[] = [];
let unconfigured: StartedWorker;
let wrongKey: StartedWorker;
beforeAll(async () => {
  const start = async (name: string, vars: Record<string, string>) => {
    const dir = join(inject('tmpDir'), name);
    const envFile = join(dir, `${name}.env`);
    writeEnvFile(envFile, { JWT_SECRET, ...vars });
    const w: StartedWorker = await startWorker({ persistTo: join(dir, 'state'), envFile });
    started.push(w);
    return w;
  };
  [unconfigured, wrongKey] = await Promise.all([start('no-email', {}), start('wrong-email-key', { ...resend(), RESEND_API_KEY: 're_wrong_key_0000000000' })]);
});
afterAll(async () => {
  await Promise.all(started.map((w) => w.stop()));
});

describe('the fake email provider refuses what Resend refuses', () => {
  it('no key 401, wrong key 403, not JSON 400, missing fields 422, malformed from/to 422, no body 422 — in Resend\'s error shape; a good message lands in the mailbox', async () => {
    const good = { from: FAKE_EMAIL_FROM, to: ['someone@zapcut.test'], subject: 'hi', text: 'hello' };
    expect(await sendRaw(good, null)).toEqual({ status: 401, body: { statusCode: 401, name: 'missing_api_key', message: expect.any(String) } });
    expect(await sendRaw(good, 're_not_the_key')).toMatchObject({ status: 403, body: { statusCode: 403, name: 'invalid_api_key' } });
    expect(await sendRaw('{not json')).toMatchObject({ status: 400, body: { name: 'validation_error' } });
    expect(await sendRaw({ ...good, to: undefined })).toMatchObject({ status: 422, body: { name: 'missing_required_field', message: 'Missing `to` field.' } });
    expect(await sendRaw({ ...good, subject: '' })).toMatchObject({ status: 422, body: { name: 'missing_required_field' } });
    expect(await sendRaw({ ...good, from: 'Zapcut hello at zapcut' })).toMatchObject({ status: 422, body: { name: 'invalid_from_address' } });
    expect(await sendRaw({ ...good, to: ['not-an-address'] })).toMatchObject({ status: 422, body: { name: 'validation_error' } });
    expect(await sendRaw({ from: good.from, to: good.to, subject: 'x' })).toMatchObject({ status: 422, body: { name: 'validation_error' } });
    const ok = await sendRaw({ ...good, to: [`ok-${crypto.randomUUID()}@zapcut.test`] });
    expect(ok.status).toBe(200);
    expect(ok.body.id).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('email verification before the free videos', () => {
  it('sign-up emails a link; until it is opened a free video is 403 EMAIL_UNVERIFIED (paid credit is not blocked); opening it verifies once, audited', async () => {
    const u = await signup(undefined, { verify: false });
    const mail = (await (await fetch(`${resend().RESEND_BASE_URL}/__mailbox?to=${encodeURIComponent(u.email)}`)).json()) as { messages: { from: string; subject: string; text: string }[] };
    expect(mail.messages).toHaveLength(1);
    expect(mail.messages[0]).toMatchObject({ from: FAKE_EMAIL_FROM, subject: 'Verify your email for Zapcut', text: expect.stringMatching(/\/v1\/auth\/verify\?token=usr_/) });
    expect((await api('/v1/me', { token: u.accessToken })).body).toMatchObject({ emailVerified: false, freeVideosLeft: 2 });

    const refused = await reserve(u.accessToken, 15);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'EMAIL_UNVERIFIED', message: expect.stringMatching(/open the link we emailed you, or ask for a new one/) });
    expect((await api('/v1/quote?lengthSeconds=15', { token: u.accessToken })).body).toMatchObject({ allowed: false, code: 'EMAIL_UNVERIFIED' });
    // Paid credit is not blocked: with $5 of credit the same video is bought, the free slot untouched.
    await grantCredits(u.id, 500);
    const paid = await reserve(u.accessToken, 15);
    expect(paid.status).toBe(201);
    expect(paid.body).toMatchObject({ source: 'credits', costCents: 500 });
    expect((await api('/v1/me', { token: u.accessToken })).body).toMatchObject({ creditsCents: 0, freeVideosUsed: 0 });

    const token = (await mailedToken(u.email))!;
    // Ten clicks at once: one verification, one ledger line; the rest answer "already verified".
    const clicks = await Promise.all(Array.from({ length: 10 }, () => api('/v1/auth/verify', { body: { token } })));
    expect(clicks.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(clicks.filter((r) => r.body.alreadyVerified === false)).toHaveLength(1);
    expect((await ledgerOf(u.id)).filter((l) => l.kind === 'email-verified')).toHaveLength(1);
    const audit = (await api('/admin/audit', { token: await admin() })).body.entries as { action: string; targetUserId: string }[];
    expect(audit.filter((e) => e.action === 'email-verified' && e.targetUserId === u.id)).toHaveLength(1);
    expect((await api('/v1/me', { token: u.accessToken })).body.emailVerified).toBe(true);
    const free = await reserve(u.accessToken, 15);
    expect(free.status).toBe(201);
    expect(free.body.source).toBe('free');
    // Verified: asking for another link is a clear 409.
    expect((await api('/v1/auth/verify/resend', { token: u.accessToken, method: 'POST' })).body.error.code).toBe('EMAIL_ALREADY_VERIFIED');
  });

  it('the link page verifies and says so; a forged, tampered or other-account token is refused and verifies nobody', async () => {
    const u = await signup(undefined, { verify: false });
    const other = await signup(undefined, { verify: false });
    const token = (await mailedToken(u.email))!;
    const [, secret] = token.split('.');
    for (const bad of ['nonsense', `${other.id}.${secret}`, `${u.id}.${secret!.slice(0, -2)}AA`, `usr_doesnotexist1.${secret}`]) {
      const r = await api('/v1/auth/verify', { body: { token: bad } });
      expect(r.status).toBe(400);
      expect(r.body.error).toMatchObject({ code: 'VERIFY_TOKEN_INVALID', message: expect.stringMatching(/ask for a new one/) });
    }
    const badPage = await fetch(`${inject('proxyUrl')}/v1/auth/verify?token=nonsense`);
    expect(badPage.status).toBe(400);
    expect(await badPage.text()).toContain('This link does not work');
    expect((await api('/v1/me', { token: other.accessToken })).body.emailVerified).toBe(false);

    const page = await fetch(`${inject('proxyUrl')}/v1/auth/verify?token=${encodeURIComponent(token)}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain('Email verified');
    expect(html).not.toContain(secret);
    expect((await api('/v1/me', { token: u.accessToken })).body.emailVerified).toBe(true);
    expect((await api('/v1/me', { token: other.accessToken })).body.emailVerified).toBe(false);
  });

  it('resend has its own limit: 8 parallel asks after sign-up → exactly 4 more links (5 a day); the newest link works, and so does an older unused one', async () => {
    const u = await signup(undefined, { verify: false });
    const first = (await mailedToken(u.email))!;
    const asks = await Promise.all(Array.from({ length: 8 }, () => api('/v1/auth/verify/resend', { token: u.accessToken, method: 'POST' })));
    expect(asks.filter((r) => r.status === 200)).toHaveLength(4);
    const limited = asks.filter((r) => r.status !== 200);
    expect(limited.map((r) => r.status)).toEqual([429, 429, 429, 429]);
    expect(limited[0]!.body.error).toMatchObject({ code: 'EMAIL_SEND_LIMITED', message: expect.stringMatching(/open the newest one/) });
    expect(Number(limited[0]!.headers.get('retry-after'))).toBeGreaterThan(3600);
    const mailbox = (await (await fetch(`${resend().RESEND_BASE_URL}/__mailbox?to=${encodeURIComponent(u.email)}`)).json()) as { messages: unknown[] };
    expect(mailbox.messages).toHaveLength(5);
    const newest = (await mailedToken(u.email))!;
    expect(newest).not.toBe(first);
    await verifyEmail(u.email);
    expect((await api('/v1/auth/verify', { body: { token: first } })).body).toMatchObject({ verified: true, alreadyVerified: true });
  });

  it('with no email provider the Worker says so (sign-up, free video, resend) instead of verifying anyone; a key the provider refuses is reported, not ignored', async () => {
    const u = await api('/v1/auth/signup', { base: unconfigured.url, body: { email: `nomail-${crypto.randomUUID()}@zapcut.test`, password: 'correct-horse-battery' } });
    expect(u.status).toBe(201);
    expect(u.body.emailVerification).toMatchObject({ sent: false, code: 'EMAIL_NOT_CONFIGURED', message: expect.stringContaining('RESEND_API_KEY and EMAIL_FROM') });
    const local = await api('/v1/videos', { base: unconfigured.url, token: u.body.accessToken, body: { lengthSeconds: 15 }, headers: { 'idempotency-key': 'k1' } });
    expect(local.status).toBe(403);
    expect(local.body.error).toMatchObject({ code: 'EMAIL_UNVERIFIED', message: expect.stringContaining('no email provider configured') });
    const again = await api('/v1/auth/verify/resend', { base: unconfigured.url, token: u.body.accessToken, method: 'POST' });
    expect(again.status).toBe(503);
    expect(again.body.error.code).toBe('EMAIL_NOT_CONFIGURED');

    const email = `wrongkey-${crypto.randomUUID()}@zapcut.test`;
    const w = await api('/v1/auth/signup', { base: wrongKey.url, body: { email, password: 'correct-horse-battery' } });
    expect(w.status).toBe(201);
    expect(w.body.emailVerification).toMatchObject({ sent: false, code: 'EMAIL_SEND_FAILED', message: expect.stringMatching(/ask for a new link/) });
    expect(await mailedToken(email)).toBeNull();
    await expect.poll(() => wrongKey.log(), { timeout: 10_000 }).toContain('email provider refused a message: 403 invalid_api_key');
  });
});
