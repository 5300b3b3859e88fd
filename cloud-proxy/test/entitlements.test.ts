import { describe, expect, it } from 'vitest';
import { BatchQuoteAnswer, QuoteAnswer, ReservationAnswer } from '../../src/shared/domain/account-wire';
import { PNG_URI, admin, api, grantCredits, reserve, setTier, signup } from './helpers';

describe('entitlements (real Worker, ledger Durable Object)', () => {
  it('50 parallel reservations against a balance that covers one: exactly one succeeds', async () => {
    const u = await signup();
    await grantCredits(u.id, 800); // one ≤60 s credit video; 40 s is past both free slots
    const results = await Promise.all(Array.from({ length: 50 }, () => reserve(u.accessToken, 40)));
    const ok = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status === 402);
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(49);
    expect(new Set(refused.map((r) => r.body.error.code))).toEqual(new Set(['PAYMENT_REQUIRED']));
    expect(ok[0]!.body).toMatchObject({ status: 'reserved', source: 'credits', costCents: 800, lengthSeconds: 40 });
    // The reservation is exactly what the app's schema declares (one declaration, src/shared): no field more or less.
    expect(ReservationAnswer.strict().parse(ok[0]!.body)).toEqual(ok[0]!.body);
    const me = await api('/v1/me', { token: u.accessToken });
    expect(me.body.creditsCents).toBe(0);
  });

  it('free allowance is exact: video 1 up to 15 s, video 2 up to 30 s, then purchase required', async () => {
    const u = await signup();
    expect((await api('/v1/quote?lengthSeconds=16', { token: u.accessToken })).body).toMatchObject({ allowed: false, code: 'PAYMENT_REQUIRED' });
    expect((await api('/v1/quote?lengthSeconds=15', { token: u.accessToken })).body).toMatchObject({ allowed: true, source: 'free', costCents: 0 });
    // Both kinds of answer are what the app reads (src/shared/domain/account-wire.ts), field for field.
    for (const length of [15, 16]) {
      const body = (await api(`/v1/quote?lengthSeconds=${length}`, { token: u.accessToken })).body;
      expect(QuoteAnswer.parse(body)).toEqual(body);
    }
    expect((await reserve(u.accessToken, 16)).body.error.code).toBe('PAYMENT_REQUIRED');
    const first = await reserve(u.accessToken, 15);
    expect(first.status).toBe(201);
    expect(first.body.source).toBe('free');
    expect((await reserve(u.accessToken, 31)).body.error.code).toBe('PAYMENT_REQUIRED');
    const second = await reserve(u.accessToken, 30);
    expect(second.body.source).toBe('free');
    const third = await reserve(u.accessToken, 5);
    expect(third.status).toBe(402);
    expect(third.body.error.code).toBe('PAYMENT_REQUIRED');
    const me = await api('/v1/me', { token: u.accessToken });
    expect(me.body).toMatchObject({ tier: 'free', freeVideosUsed: 2, freeVideosLeft: 0, creditsCents: 0 });
    // With credits, the third video is paid: $5 for ≤30 s.
    await grantCredits(u.id, 500);
    expect((await api('/v1/quote?lengthSeconds=30', { token: u.accessToken })).body).toMatchObject({ allowed: true, source: 'credits', costCents: 500 });
    expect((await api('/v1/quote?lengthSeconds=31', { token: u.accessToken })).body).toMatchObject({ allowed: false, code: 'PAYMENT_REQUIRED' });
  });

  it('a 45 s request on Starter → LENGTH_NOT_IN_TIER; 4K outside Agency → RESOLUTION_NOT_IN_TIER; plan quota counts', async () => {
    const u = await signup();
    await setTier(u.id, 'starter');
    const r = await reserve(u.accessToken, 45);
    expect(r.status).toBe(402);
    expect(r.body.error.code).toBe('LENGTH_NOT_IN_TIER');
    expect((await api('/v1/quote?lengthSeconds=45', { token: u.accessToken })).body).toMatchObject({ allowed: false, code: 'LENGTH_NOT_IN_TIER' });
    expect((await reserve(u.accessToken, 20, undefined, { resolution: '4k' })).body.error.code).toBe('RESOLUTION_NOT_IN_TIER');
    // The next free slot is video 1 (≤15 s), so a 20 s video comes from the plan quota.
    const planned = await reserve(u.accessToken, 20);
    expect(planned.body.source).toBe('plan');
    expect((await api('/v1/me', { token: u.accessToken })).body).toMatchObject({ monthVideosUsed: 1, monthVideosLeft: 9, maxLengthSeconds: 30, maxResolution: '1080p' });
    await setTier(u.id, 'agency');
    const fourK = await reserve(u.accessToken, 60, undefined, { resolution: '4k' });
    expect(fourK.status).toBe(201);
  });

  it('a batch quote prices videos in order as reserving them does, changes nothing, and refuses bad bodies', async () => {
    const u = await signup();
    await grantCredits(u.id, 1300);
    const body = { videos: [15, 30, 30, 60, 30].map((lengthSeconds) => ({ lengthSeconds })) };
    const q = await api('/v1/quotes', { token: u.accessToken, body });
    expect(q.status).toBe(200);
    expect(q.body).toMatchObject({ fits: 4, totalCents: 1300 });
    expect(BatchQuoteAnswer.parse(q.body)).toEqual(q.body);
    const said = (q.body.videos as { allowed: boolean; source?: string; code?: string }[]).map((x) => (x.allowed ? x.source : x.code));
    expect(said).toEqual(['free', 'free', 'credits', 'credits', 'PAYMENT_REQUIRED']);
    // Nothing was reserved by quoting; reserving them in order does what the quote said.
    expect((await api('/v1/me', { token: u.accessToken })).body).toMatchObject({ freeVideosUsed: 0, creditsCents: 1300 });
    const made = [];
    for (const v of body.videos) {
      const r = await reserve(u.accessToken, v.lengthSeconds);
      made.push(r.status === 201 ? r.body.source : r.body.error.code);
    }
    expect(made).toEqual(said);
    expect((await api('/v1/quotes', { token: u.accessToken, body: { videos: [] } })).status).toBe(400);
    expect((await api('/v1/quotes', { token: u.accessToken, body: { videos: [{ lengthSeconds: 15, extra: 1 }] } })).status).toBe(400);
    expect((await api('/v1/quotes', { body })).status).toBe(401);
  });

  it('idempotent replay returns the same reservation; the same key with another body → 409', async () => {
    const u = await signup();
    const key = crypto.randomUUID();
    const a = await reserve(u.accessToken, 15, key);
    const b = await reserve(u.accessToken, 15, key);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.videoId).toBe(a.body.videoId);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    const c = await reserve(u.accessToken, 30, key);
    expect(c.status).toBe(409);
    expect(c.body.error.code).toBe('IDEMPOTENCY_CONFLICT');
    expect((await api('/v1/me', { token: u.accessToken })).body.freeVideosUsed).toBe(1);
    expect((await api('/v1/videos', { token: u.accessToken, body: { lengthSeconds: 15 } })).status).toBe(400);
  });

  it('refunds once on failure; replaying the failure is a no-op; a committed video is not refunded by fail', async () => {
    const u = await signup();
    await grantCredits(u.id, 800);
    const v = await reserve(u.accessToken, 45);
    expect(v.body.costCents).toBe(800);
    expect((await api('/v1/me', { token: u.accessToken })).body.creditsCents).toBe(0);
    const f1 = await api(`/v1/videos/${v.body.videoId}/fail`, { token: u.accessToken, body: { reason: 'scene 1 failed' } });
    expect(f1.status).toBe(200);
    expect(f1.body.status).toBe('refunded');
    const f2 = await api(`/v1/videos/${v.body.videoId}/fail`, { token: u.accessToken, body: { reason: 'again' } });
    expect(f2.body.status).toBe('refunded');
    expect((await api('/v1/me', { token: u.accessToken })).body.creditsCents).toBe(800);
    const details = await api(`/admin/users/${u.id}`, { token: await admin() });
    expect(details.body.ledger.filter((l: { kind: string }) => l.kind === 'refund')).toHaveLength(1);
    // Paid calls on a refunded video are refused.
    const p = await api('/replicate/v1/models/kwaivgi/kling-v2.1/predictions', { token: u.accessToken, headers: { 'x-zapcut-video': v.body.videoId }, body: { input: { prompt: 'a bottle on a table', duration: 5, start_image: PNG_URI } } });
    expect(p.status).toBe(409);
    expect(p.body.error.code).toBe('VIDEO_NOT_ACTIVE');
    // A video whose first paid output was delivered is committed; a later failure does not refund it.
    const w = await reserve(u.accessToken, 45);
    const pred = await api('/replicate/v1/models/kwaivgi/kling-v2.1/predictions', { token: u.accessToken, headers: { 'x-zapcut-video': w.body.videoId, prefer: 'wait' }, body: { input: { prompt: 'a bottle on a table', duration: 5, start_image: PNG_URI } } });
    expect(pred.body.status).toBe('succeeded');
    expect((await api(`/v1/videos/${w.body.videoId}`, { token: u.accessToken })).body.status).toBe('committed');
    expect((await api(`/v1/videos/${w.body.videoId}/fail`, { token: u.accessToken, body: {} })).body.status).toBe('committed');
    expect((await api('/v1/me', { token: u.accessToken })).body.creditsCents).toBe(0);
  });

  it('caps the paid calls one video covers', async () => {
    const u = await signup();
    const v = await reserve(u.accessToken, 5);
    expect(v.body.paidCallsCap).toBe(12);
    const call = () => api('/openai/v1/images/generations', { token: u.accessToken, headers: { 'x-zapcut-video': v.body.videoId }, body: { model: 'gpt-image-1', prompt: 'a red sneaker on white' } });
    for (let i = 0; i < 12; i++) expect((await call()).status).toBe(200);
    const over = await call();
    expect(over.status).toBe(402);
    expect(over.body.error.code).toBe('PAID_CALL_LIMIT');
    const none = await api('/openai/v1/images/generations', { token: u.accessToken, body: { model: 'gpt-image-1', prompt: 'a red sneaker' } });
    expect(none.body.error.code).toBe('VIDEO_REQUIRED');
  });

  it('the 101st request in a minute → 429 with Retry-After', async () => {
    const u = await signup();
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) statuses.push((await api('/v1/me', { token: u.accessToken })).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const r = await api('/v1/me', { token: u.accessToken });
    expect(r.status).toBe(429);
    expect(r.body.error.code).toBe('RATE_LIMITED');
    const retryAfter = Number(r.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another user is not affected.
    const other = await signup();
    expect((await api('/v1/me', { token: other.accessToken })).status).toBe(200);
  });

  it('admin refund of a reservation restores it once and is audited', async () => {
    const u = await signup();
    await grantCredits(u.id, 500);
    await reserve(u.accessToken, 15);
    await reserve(u.accessToken, 30);
    const v = await reserve(u.accessToken, 25);
    expect(v.body.source).toBe('credits');
    const token = await admin();
    const r1 = await api(`/admin/reservations/${v.body.videoId}/refund`, { token, body: { reason: 'support ticket 42' } });
    expect(r1.body.status).toBe('refunded');
    const r2 = await api(`/admin/reservations/${v.body.videoId}/refund`, { token, body: { reason: 'support ticket 42' } });
    expect(r2.body.status).toBe('refunded');
    expect((await api('/v1/me', { token: u.accessToken })).body.creditsCents).toBe(500);
    const auditLog = await api('/admin/audit', { token });
    const refunds = auditLog.body.entries.filter((e: { action: string; targetUserId: string }) => e.action === 'refund' && e.targetUserId === u.id);
    expect(refunds).toHaveLength(2);
    expect(refunds[0]).toMatchObject({ reason: 'support ticket 42' });
    expect((await api('/admin/reservations/vid_nope/refund', { token, body: { reason: 'missing one' } })).status).toBe(404);
  });
});
