/**
 * Buying through Stripe (issue #18), against the real Worker in workerd and the fake Stripe: the
 * official SDK inside the Worker talks HTTP to the fake, which sends signed webhooks back.
 */
import { describe, expect, it } from 'vitest';
import { admin, api, eventually, reserve, signup } from './helpers';
import { BILLING_GRACE_SECONDS } from './constants';
import { buy, checkout, flush, me, payInBrowser, stripeControl, subscriptionOf } from './stripe-helpers';

describe('billing: the offer', () => {
  it('lists every pack and plan with the price Stripe has, and what it grants', async () => {
    const r = await api('/v1/billing/plans');
    expect(r.status).toBe(200);
    expect(r.body.available).toBe(true);
    const byId = Object.fromEntries(r.body.items.map((i: { id: string }) => [i.id, i]));
    expect(byId.pack_30).toMatchObject({ kind: 'pack', available: true, priceCents: 4000, currency: 'usd', videos: 10, maxLengthSeconds: 30, creditsCents: 5000 });
    expect(byId.pack_60).toMatchObject({ kind: 'pack', priceCents: 7000, videos: 10, maxLengthSeconds: 60, creditsCents: 8000 });
    expect(byId.starter).toMatchObject({ kind: 'plan', tier: 'starter', priceCents: 2900, interval: 'month', videos: 10, maxLengthSeconds: 30 });
    expect(byId.pro).toMatchObject({ kind: 'plan', tier: 'pro', priceCents: 7900, videos: 30, maxLengthSeconds: 60, priority: true });
    expect(byId.agency).toMatchObject({ kind: 'plan', tier: 'agency', priceCents: 19900, videos: 100, maxResolution: '4k', apiAccess: true });
  });

  it('checkout needs a signed-in user and a known item', async () => {
    expect((await api('/v1/billing/checkout', { body: { item: 'pack_30' } })).status).toBe(401);
    const u = await signup();
    const bad = await checkout(u, 'pack_999');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION');
    expect((await api('/v1/billing/portal', { token: u.accessToken, body: {} })).body.error.code).toBe('NO_BILLING_ACCOUNT');
  });
});

describe('billing: credit packs', () => {
  it('free videos used up → buy 10 × 30 s → credits arrive by webhook only, once; one customer per user', async () => {
    const u = await signup();
    expect((await reserve(u.accessToken, 15)).status).toBe(201);
    expect((await reserve(u.accessToken, 30)).status).toBe(201);
    expect((await reserve(u.accessToken, 30)).body.error.code).toBe('PAYMENT_REQUIRED');

    const r = await checkout(u, 'pack_30');
    expect(r.status).toBe(201);
    expect(r.body.url).toMatch(/\/c\/pay\/cs_test_/);
    // Opening the return URL by hand (a forged "success") changes nothing.
    const returnPage = await api(`/v1/billing/return?result=success&session_id=${r.body.sessionId}`);
    expect(returnPage.status).toBe(200);
    expect(String(returnPage.body)).toContain('zapcut://account?billing=success');
    expect((await me(u)).creditsCents).toBe(0);

    const paid = await payInBrowser(r.body.url);
    expect(paid.status).toBe(200);
    expect(paid.location).toContain('/v1/billing/return?result=success');
    await flush();
    const after = await me(u);
    expect(after.creditsCents).toBe(5000);
    expect((await api('/v1/quote?lengthSeconds=30', { token: u.accessToken })).body).toMatchObject({ allowed: true, source: 'credits', costCents: 500 });

    // A second purchase reuses the same Stripe customer.
    await buy(u, 'pack_60');
    expect((await me(u)).creditsCents).toBe(13_000);
    const { customers } = await stripeControl<{ customers: { metadata: Record<string, string> }[] }>('customers', { email: u.email });
    expect(customers.filter((c) => c.metadata.zapcut_user === u.id)).toHaveLength(1);

    const detail = await api(`/admin/users/${u.id}`, { token: await admin() });
    const purchases = detail.body.ledger.filter((l: { kind: string }) => l.kind === 'purchase');
    expect(purchases.map((l: { deltaCents: number }) => l.deltaCents).sort()).toEqual([5000, 8000]);
    expect(purchases.every((l: { actor: string }) => l.actor.startsWith('stripe:evt_'))).toBe(true);
  });

  it('a declined card changes nothing and the checkout stays open', async () => {
    const u = await signup();
    const r = await checkout(u, 'pack_30');
    const declined = await payInBrowser(r.body.url, '4000 0000 0000 0002');
    expect(declined.status).toBe(402);
    expect(declined.returnPage).toContain('Your card was declined.');
    await flush();
    expect((await me(u)).creditsCents).toBe(0);
  });
});

describe('billing: plans', () => {
  it('subscribe to Pro → 60 s from the plan; renewal → a new allowance; cancel in the portal → Pro until period end, then free rules', async () => {
    const u = await signup();
    await buy(u, 'pro');
    let m = await me(u);
    expect(m).toMatchObject({ tier: 'pro', monthVideosLeft: 30, maxLengthSeconds: 60 });
    expect(m.billing.subscription).toMatchObject({ tier: 'pro', status: 'active', cancelAtPeriodEnd: false });
    expect((await checkout(u, 'starter')).body.error.code).toBe('ALREADY_SUBSCRIBED');
    // Free slots first (15 s, 30 s), then the plan.
    await reserve(u.accessToken, 15);
    await reserve(u.accessToken, 30);
    expect((await reserve(u.accessToken, 60)).body).toMatchObject({ source: 'plan', lengthSeconds: 60 });
    expect((await me(u)).monthVideosUsed).toBe(1);

    const sub = await subscriptionOf(u);
    await stripeControl('renew', { subscription: sub });
    await flush();
    m = await me(u);
    expect(m).toMatchObject({ tier: 'pro', monthVideosUsed: 0, monthVideosLeft: 30 });
    expect(m.month).toMatch(/^\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}$/);

    // The portal: a real session URL; the customer cancels there.
    const portal = await api('/v1/billing/portal', { token: u.accessToken, body: {} });
    expect(portal.status).toBe(201);
    const page = await fetch(portal.body.url);
    expect(await page.text()).toContain('Cancel plan');
    await fetch(`${portal.body.url}/cancel`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `subscription=${sub}`, redirect: 'manual' });
    await flush();
    m = await me(u);
    expect(m.tier).toBe('pro');
    expect(m.billing.subscription.cancelAtPeriodEnd).toBe(true);
    expect(m.billing).toMatchObject({ pendingTier: 'free', notice: { code: 'PLAN_CANCELLING' } });
    expect((await api('/v1/quote?lengthSeconds=60', { token: u.accessToken })).body).toMatchObject({ allowed: true, source: 'plan' });

    await stripeControl('end-period', { subscription: sub });
    await flush();
    m = await me(u);
    expect(m).toMatchObject({ tier: 'free', billing: { subscription: null, notice: { code: 'PLAN_ENDED' } } });
    expect((await api('/v1/quote?lengthSeconds=60', { token: u.accessToken })).body).toMatchObject({ allowed: false, code: 'PAYMENT_REQUIRED' });
    expect((await api('/admin/users?query=' + encodeURIComponent(u.email), { token: await admin() })).body.users[0].tier).toBe('free');
  });

  it('switching down in the portal keeps the higher plan until the paid period ends', async () => {
    const u = await signup();
    await buy(u, 'pro');
    const sub = await subscriptionOf(u);
    await stripeControl('switch', { subscription: sub, price: 'price_zc_starter' });
    await flush();
    const m = await me(u);
    expect(m.tier).toBe('pro');
    expect(m.billing).toMatchObject({ pendingTier: 'starter', subscription: { tier: 'starter' } });
    expect(Date.parse(m.billing.pendingAt)).toBeGreaterThan(Date.now() + 20 * 86400_000);
    // Switching up applies at once.
    await stripeControl('switch', { subscription: sub, price: 'price_zc_agency' });
    await flush();
    expect(await me(u)).toMatchObject({ tier: 'agency', billing: { pendingTier: null } });
  });

  it('a failed renewal keeps the plan for the grace period and tells the user, then drops to free; paying later restores it', async () => {
    const u = await signup();
    await buy(u, 'starter');
    const sub = await subscriptionOf(u);
    await stripeControl('fail', { subscription: sub });
    await flush();
    let m = await me(u);
    expect(m.tier).toBe('starter');
    expect(m.billing.notice).toMatchObject({ code: 'PAYMENT_FAILED' });
    expect(m.billing.notice.message).toMatch(/Update your card in Manage billing/);
    expect(m.billing.graceUntil).not.toBeNull();
    m = await eventually(() => me(u), (x) => x.tier === 'free', (BILLING_GRACE_SECONDS + 6) * 1000);
    expect(m).toMatchObject({ tier: 'free', billing: { notice: { code: 'PLAN_ENDED_UNPAID' } } });
    await stripeControl('retry-ok', { subscription: sub });
    await flush();
    m = await me(u);
    expect(m.tier).toBe('starter');
    expect(m.billing.notice).toBeNull();
  });
});
