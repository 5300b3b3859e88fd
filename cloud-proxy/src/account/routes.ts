import { z } from 'zod';
import { newApp } from '../app';
import { requireUser } from '../auth/middleware';
import { randomToken, sha256Hex } from '../auth/crypto';
import { readJson } from '../http/body';
import { ProxyError, badRequest, forbidden, notFound } from '../http/errors';
import { RESOLUTIONS, quoteAnswer, type Tier } from './plans';
import { accountOf, unwrap } from './stub';
import { checkSpendCap } from '../ops/spendCap';
import { configOf } from '../env';
import { EMAIL_NOT_CONFIGURED_MESSAGE, emailSenderOf } from '../auth/email';
import { videoReserved, videoSettled } from '../ops/videoStats';
import { Aspect } from '../../../src/shared/domain/aspect';
import { BatchQuoteAnswer, DraftAnswer, MeAnswer, QuoteAnswer } from '../../../src/shared/domain/account-wire';

const VideoBody = z.strictObject({
  lengthSeconds: z.number().int().min(1).max(600),
  resolution: z.enum(RESOLUTIONS).default('1080p'),
  aspect: Aspect.default('16:9'),
  /** The Idempotency-Key of the ad's picture draft: reserving the video approves its pictures. */
  draftKey: z.string().min(1).max(200).optional(),
});
const DraftBody = z.strictObject({
  lengthSeconds: z.number().int().min(1).max(600),
  resolution: z.enum(RESOLUTIONS).default('1080p'),
});
const QuoteQuery = z.object({ lengthSeconds: z.coerce.number().int().min(1).max(600), resolution: z.enum(RESOLUTIONS).default('1080p') });

export const accountRoutes = newApp();
accountRoutes.use('*', requireUser);

accountRoutes.get('/me', async (c) => {
  const user = c.get('user');
  const row = await c.env.DB.prepare('SELECT email, role FROM users WHERE id = ?').bind(user.id).first<{ email: string; role: string }>();
  const summary = await accountOf(c.env, user.id).summary();
  // Whether the user has a Stripe customer (bought or started buying), so the app offers "Manage billing".
  const billingAccount = (await c.env.DB.prepare('SELECT 1 AS x FROM billing_customers WHERE user_id = ?').bind(user.id).first()) !== null;
  // Parsed with the schema the app reads it with (src/shared/domain/account-wire.ts): a drifted field fails here, not in the app.
  return c.json(MeAnswer.parse({ id: user.id, email: row?.email ?? null, role: row?.role ?? user.role, ...summary, billingAccount }));
});

accountRoutes.get('/quote', async (c) => {
  const q = QuoteQuery.safeParse(c.req.query());
  if (!q.success) throw badRequest('Give lengthSeconds (1–600) and optionally resolution (720p, 1080p, 4k).', q.error.issues);
  const quote = await accountOf(c.env, c.get('user').id).quote(q.data.lengthSeconds, q.data.resolution);
  // Parsed with the schema the app reads it with (src/shared/domain/account-wire.ts), as /me is.
  return c.json(QuoteAnswer.parse(quoteAnswer(quote)));
});

/** Up to 1000 videos, in the order they will be made (a batch file's rows). */
const QuotesBody = z.strictObject({
  videos: z.array(z.strictObject({ lengthSeconds: z.number().int().min(1).max(600), resolution: z.enum(RESOLUTIONS).default('1080p') })).min(1).max(1000),
});

accountRoutes.post('/quotes', async (c) => {
  const body = await readJson(c, QuotesBody);
  const q = await accountOf(c.env, c.get('user').id).quoteMany(body.videos);
  return c.json(BatchQuoteAnswer.parse({ videos: q.videos.map(quoteAnswer), fits: q.fits, totalCents: q.totalCents }));
});

accountRoutes.post('/videos', async (c) => {
  const key = c.req.header('idempotency-key');
  if (!key || key.length > 200) throw badRequest('Send an Idempotency-Key header (up to 200 characters) so a retried request reserves the same video.');
  const body = await readJson(c, VideoBody);
  const user = c.get('user');
  // The operator's daily provider budget: reached, no new video starts (nothing is charged).
  await checkSpendCap(c.env);
  const reserved = await accountOf(c.env, user.id).reserve({
    idempotencyKey: key,
    // The draft link is not part of what the video is: a retry may name it or not.
    bodyHash: await sha256Hex(JSON.stringify([body.lengthSeconds, body.resolution, body.aspect])),
    ...body,
    actor: user.id,
  });
  // No email provider: the link cannot come, so say whose move it is.
  if (!reserved.ok && reserved.error.code === 'EMAIL_UNVERIFIED' && !emailSenderOf(configOf(c.env))) reserved.error.message = `Free videos need a verified email. ${EMAIL_NOT_CONFIGURED_MESSAGE}`;
  const result = unwrap(reserved);
  if (!result.replay) {
    await c.env.DB.prepare('INSERT OR IGNORE INTO video_owners (video_id, user_id, created_at) VALUES (?, ?, ?)').bind(result.reservation.videoId, user.id, new Date().toISOString()).run();
    await videoReserved(c.env, user.id, user.tier as Tier, result.reservation);
  }
  if (result.replay) c.header('Idempotent-Replayed', 'true');
  return c.json(result.reservation, 201);
});

/**
 * The picture stage of an ad (account/drafts.ts): its style frames and keyframes are made under
 * the draft (X-Zapcut-Draft) with no video held; the video is reserved when the user approves the
 * pictures (POST /v1/videos with the draft's key). Refused when the account could not reserve the
 * video now (the quote's own code).
 */
accountRoutes.post('/drafts', async (c) => {
  const key = c.req.header('idempotency-key');
  if (!key || key.length > 200) throw badRequest('Send an Idempotency-Key header (up to 200 characters) so a retried request opens the same draft.');
  const body = await readJson(c, DraftBody);
  const user = c.get('user');
  const opened = await accountOf(c.env, user.id).openDraft({ idempotencyKey: key, bodyHash: await sha256Hex(JSON.stringify([body.lengthSeconds, body.resolution])), ...body, actor: user.id });
  if (!opened.ok && opened.error.code === 'EMAIL_UNVERIFIED' && !emailSenderOf(configOf(c.env))) opened.error.message = `Free videos need a verified email. ${EMAIL_NOT_CONFIGURED_MESSAGE}`;
  const result = unwrap(opened);
  if (result.replay) c.header('Idempotent-Replayed', 'true');
  // Parsed with the schema the app reads it with (src/shared/domain/account-wire.ts).
  return c.json(DraftAnswer.parse(result.draft), 201);
});

accountRoutes.get('/drafts/:id', async (c) => {
  const d = await accountOf(c.env, c.get('user').id).getDraft(c.req.param('id'));
  if (!d) throw notFound('No such draft for this account.');
  return c.json(DraftAnswer.parse(d));
});

accountRoutes.get('/videos/:id', async (c) => {
  const v = await accountOf(c.env, c.get('user').id).getReservation(c.req.param('id'));
  if (!v) throw notFound('No such video for this account.');
  return c.json(v);
});

accountRoutes.post('/videos/:id/fail', async (c) => {
  const { reason } = await readJson(c, z.object({ reason: z.string().max(500).default('run failed before paid output') }).default({ reason: 'run failed before paid output' }));
  const user = c.get('user');
  const result = unwrap(await accountOf(c.env, user.id).fail(c.req.param('id'), user.id, reason));
  await videoSettled(c.env, result);
  return c.json(result);
});

accountRoutes.post('/keys', async (c) => {
  const user = c.get('user');
  if (user.tier !== 'agency') throw forbidden('API_ACCESS_NOT_IN_TIER', 'API keys are part of the Agency plan; upgrade to create one.');
  if (user.via !== 'jwt') throw forbidden('PASSWORD_SESSION_REQUIRED', 'Create API keys from a signed-in session, not with another API key.');
  const { name } = await readJson(c, z.object({ name: z.string().min(1).max(80) }));
  const key = `zk_${randomToken(32)}`;
  const id = `key_${randomToken(9)}`;
  const prefix = key.slice(0, 10);
  await c.env.DB.prepare('INSERT INTO api_keys (id, key_hash, user_id, name, prefix, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .bind(id, await sha256Hex(key), user.id, name, prefix, new Date().toISOString())
    .run();
  return c.json({ id, name, prefix, key, note: 'Store this key now; it is shown only once.' }, 201);
});

accountRoutes.get('/keys', async (c) => {
  const rows = await c.env.DB.prepare('SELECT id, name, prefix, created_at AS createdAt, revoked_at AS revokedAt FROM api_keys WHERE user_id = ? ORDER BY created_at DESC')
    .bind(c.get('user').id)
    .all();
  return c.json({ keys: rows.results });
});

accountRoutes.delete('/keys/:id', async (c) => {
  const res = await c.env.DB.prepare('UPDATE api_keys SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL')
    .bind(new Date().toISOString(), c.req.param('id'), c.get('user').id)
    .run();
  if (res.meta.changes !== 1) throw new ProxyError(404, 'NOT_FOUND', 'No such active key.');
  return c.body(null, 204);
});
