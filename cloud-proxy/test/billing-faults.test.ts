/* eslint-disable @typescript-eslint/no-explicit-any -- Stripe events and API bodies are read field by field */
/**
 * Billing's bad input and faults (issue #18), each against the real Worker in workerd: forged,
 * stale and replayed webhooks; duplicates and out-of-order events; unknown customers; a webhook
 * racing reservations; Stripe unreachable at Buy; refunds and disputes after the credits were spent.
 * Plus proof that the fake Stripe refuses what Stripe refuses.
 */
import { describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { admin, api, proxyUrl, reserve, signup } from './helpers';
import { buy, checkout, flush, me, payInBrowser, sign, stripeControl, stripeUrl, subscriptionOf } from './stripe-helpers';

const webhook = (payload: string, signature: string) => fetch(`${proxyUrl()}/v1/billing/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body: payload });

/** Buys a pack with webhooks held back; returns the events Stripe would have sent, undelivered. */
async function paidButUndelivered(u: Awaited<ReturnType<typeof signup>>, item: string): Promise<any[]> {
  await stripeControl('hold', { user: u.id });
  try {
    const r = await checkout(u, item);
    expect((await payInBrowser(r.body.url)).status).toBe(200);
    return (await stripeControl('take', { user: u.id })).events;
  } finally {
    await stripeControl('release', { user: u.id });
  }
}

describe('the fake Stripe refuses what Stripe refuses', () => {
  const sdk = (key: string) => {
    const u = new URL(stripeUrl());
    return new Stripe(key, { host: u.hostname, port: u.port, protocol: 'http', httpClient: Stripe.createFetchHttpClient(), telemetry: false });
  };

  it('unknown price → 400 with Stripe’s error body; no key → 401; a wrong key → 401; unknown parameter → 400', async () => {
    const stripe = sdk('sk_test_fakezapcut0000000000000000');
    const err = await stripe.checkout.sessions.create({ mode: 'payment', line_items: [{ price: 'price_missing', quantity: 1 }], success_url: 'https://x.test/' }).catch((e: unknown) => e as any);
    expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(err.statusCode).toBe(400);
    expect(err.raw).toMatchObject({ type: 'invalid_request_error', code: 'resource_missing', param: 'line_items[0][price]', message: "No such price: 'price_missing'", doc_url: 'https://stripe.com/docs/error-codes/resource-missing' });
    const raw = await fetch(`${stripeUrl()}/v1/customers`, { method: 'POST' });
    expect(raw.status).toBe(401);
    expect(((await raw.json()) as any).error.message).toMatch(/^You did not provide an API key/);
    const wrong = await sdk('sk_test_notthekey0000000000000000').customers.create({}).catch((e: unknown) => e as any);
    expect(wrong).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    const unknown = await stripe.customers.create({ nickname: 'x' } as never).catch((e: unknown) => e as any);
    expect(unknown.raw).toMatchObject({ code: 'parameter_unknown', param: 'nickname' });
    const recurring = await stripe.checkout.sessions.create({ mode: 'payment', line_items: [{ price: 'price_zc_pro', quantity: 1 }] }).catch((e: unknown) => e as any);
    expect(recurring.message).toMatch(/passed a recurring price/);
  });
});

describe('webhooks: forged, stale, replayed, duplicated, out of order', () => {
  it('a forged or stale webhook is refused and changes nothing; a replay is applied once', async () => {
    const u = await signup();
    const events = await paidButUndelivered(u, 'pack_30');
    const completed = events.find((e) => e.type === 'checkout.session.completed');
    const payload = JSON.stringify(completed);
    const forged = await webhook(payload, sign(payload, { secret: 'whsec_attacker' }));
    expect(forged.status).toBe(400);
    expect(((await forged.json()) as any).error.code).toBe('WEBHOOK_SIGNATURE_INVALID');
    const stale = await webhook(payload, sign(payload, { timestamp: Math.floor(Date.now() / 1000) - 600 }));
    expect(stale.status).toBe(400);
    // A body changed after signing (credits raised) fails the signature too.
    const tampered = payload.replace('"pack_30"', '"pack_60"');
    expect((await webhook(tampered, sign(payload))).status).toBe(400);
    expect((await webhook(payload, '')).status).toBe(400);
    expect((await me(u)).creditsCents).toBe(0);

    const first = await webhook(payload, sign(payload));
    expect(first.status).toBe(200);
    expect(((await first.json()) as any).status).toBe('applied');
    const again = await webhook(payload, sign(payload));
    expect(((await again.json()) as any).status).toBe('duplicate');
    // The same payment as a second event type (async_payment_succeeded) does not credit twice either.
    const async = { ...completed, id: `${completed.id}async`, type: 'checkout.session.async_payment_succeeded' };
    expect(((await (await webhook(JSON.stringify(async), sign(JSON.stringify(async)))).json()) as any).status).toBe('unchanged');
    expect((await me(u)).creditsCents).toBe(5000);
  });

  it('subscription events out of order (updated before created) and twice → one effect', async () => {
    const u = await signup();
    await stripeControl('hold', { user: u.id });
    let held: any[];
    try {
      const r = await checkout(u, 'pro');
      await payInBrowser(r.body.url);
      const sub = await subscriptionOf(u);
      await stripeControl('cancel', { subscription: sub });
      held = (await stripeControl('take', { user: u.id })).events;
    } finally {
      await stripeControl('release', { user: u.id });
    }
    const byType = (t: string) => held.filter((e) => e.type === t);
    const updated = byType('customer.subscription.updated')[0];
    const created = byType('customer.subscription.created')[0];
    const invoice = byType('invoice.paid')[0];
    // Same second at the fake: make the update visibly newer, as it is at Stripe.
    updated.created = created.created + 1;
    for (const ev of [updated, created, invoice, updated, created, invoice]) await stripeControl('deliver', { event: ev });
    const m = await me(u);
    expect(m.tier).toBe('pro');
    expect(m.billing.subscription).toMatchObject({ tier: 'pro', cancelAtPeriodEnd: true });
    expect(m.billing.pendingTier).toBe('free');
    const detail = await api(`/admin/users/${u.id}`, { token: await admin() });
    expect(detail.body.ledger.filter((l: any) => l.kind === 'tier')).toHaveLength(1);
    expect(detail.body.ledger.filter((l: any) => l.kind === 'allowance')).toHaveLength(1);
  });

  it('an event for a customer no user has → recorded for an admin, answered 200, nothing applied', async () => {
    const u = new URL(stripeUrl());
    const stripe = new Stripe('sk_test_fakezapcut0000000000000000', { host: u.hostname, port: u.port, protocol: 'http', httpClient: Stripe.createFetchHttpClient(), telemetry: false });
    const stranger = await stripe.customers.create({ email: 'stranger@zapcut.test' });
    const s = await stripe.checkout.sessions.create({ mode: 'payment', customer: stranger.id, line_items: [{ price: 'price_zc_pack30', quantity: 1 }], success_url: `${proxyUrl()}/v1/billing/return?result=success`, metadata: { item: 'pack_30' } });
    await payInBrowser(s.url!);
    await flush();
    const alerts = await api('/admin/billing/alerts', { token: await admin() });
    expect(alerts.status).toBe(200);
    expect(alerts.body.alerts.some((a: any) => a.code === 'UNKNOWN_CUSTOMER' && a.message.includes(stranger.id))).toBe(true);
    const events = await api('/admin/billing/events?status=unmatched', { token: await admin() });
    expect(events.body.events.some((e: any) => e.customerId === stranger.id && e.type === 'checkout.session.completed')).toBe(true);
  });
});

describe('money stays exact', () => {
  it('credits arriving while 30 reservations race: every video is paid from a balance that existed, the balance is exact', async () => {
    const u = await signup();
    await reserve(u.accessToken, 15);
    await reserve(u.accessToken, 30);
    const events = await paidButUndelivered(u, 'pack_30');
    const completed = events.find((e) => e.type === 'checkout.session.completed');
    const payload = JSON.stringify(completed);
    const [hook, ...results] = await Promise.all([
      webhook(payload, sign(payload)),
      ...Array.from({ length: 30 }, (_, i) => reserve(u.accessToken, 30, `race-${u.id}-${i}`)),
    ]);
    expect(hook.status).toBe(200);
    const ok = results.filter((r) => r.status === 201);
    expect(results.every((r) => r.status === 201 || r.body.error.code === 'PAYMENT_REQUIRED')).toBe(true);
    expect(ok.length).toBeLessThanOrEqual(10);
    const after = await me(u);
    expect(after.creditsCents).toBe(5000 - 500 * ok.length);
    const detail = await api(`/admin/users/${u.id}`, { token: await admin() });
    const sum = detail.body.ledger.reduce((s: number, l: any) => s + l.deltaCents, 0);
    expect(sum).toBe(after.creditsCents);
  });

  it('Stripe unreachable when the user clicks Buy → 503 saying nothing was charged; no customer half-made', async () => {
    const u = await signup();
    await stripeControl('outage', { on: true, match: u.id });
    let r;
    try {
      r = await checkout(u, 'pack_30');
    } finally {
      await stripeControl('outage', { on: false });
    }
    expect(r.status).toBe(503);
    expect(r.body.error.code).toBe('BILLING_UNAVAILABLE');
    expect(r.body.error.message).toMatch(/nothing was charged/);
    expect((await api('/v1/billing/portal', { token: u.accessToken, body: {} })).body.error.code).toBe('NO_BILLING_ACCOUNT');
    expect((await checkout(u, 'pack_30')).status).toBe(201);
  });

  it('a refund after the credits were spent: what is left is taken back, the rest is owed (never a hidden negative balance); a dispute likewise; the admin sees both', async () => {
    const u = await signup();
    await reserve(u.accessToken, 15);
    await reserve(u.accessToken, 30);
    const { sessionId } = await buy(u, 'pack_30');
    for (let i = 0; i < 8; i++) expect((await reserve(u.accessToken, 30)).status).toBe(201);
    expect((await me(u)).creditsCents).toBe(1000);
    const session = await (await fetch(`${stripeUrl()}/v1/checkout/sessions/${sessionId}`, { headers: { authorization: 'Bearer sk_test_fakezapcut0000000000000000' } })).json() as any;
    await stripeControl('refund', { charge: session.payment_intent });
    await flush();
    let m = await me(u);
    expect(m.creditsCents).toBe(0);
    expect(m.billing).toMatchObject({ debtCents: 4000, flag: 'refund_after_spend', notice: { code: 'CREDITS_OWED' } });
    // The next pack pays what is owed first.
    const second = await buy(u, 'pack_30');
    m = await me(u);
    expect(m.creditsCents).toBe(1000);
    expect(m.billing.debtCents).toBe(0);
    // One more video (1000 → 500), then the second pack is disputed: 500 taken back, 4500 owed.
    expect((await reserve(u.accessToken, 30)).status).toBe(201);
    const s2 = await (await fetch(`${stripeUrl()}/v1/checkout/sessions/${second.sessionId}`, { headers: { authorization: 'Bearer sk_test_fakezapcut0000000000000000' } })).json() as any;
    await stripeControl('dispute', { charge: s2.payment_intent });
    await flush();
    m = await me(u);
    expect(m.creditsCents).toBe(0);
    expect(m.billing).toMatchObject({ flag: 'disputed', debtCents: 4500 });
    const alerts = (await api('/admin/billing/alerts', { token: await admin() })).body.alerts.filter((a: any) => a.userId === u.id);
    expect(alerts.map((a: any) => a.code).sort()).toEqual(['CREDITS_OWED', 'CREDITS_OWED', 'DISPUTE']);
    const detail = await api(`/admin/users/${u.id}`, { token: await admin() });
    expect(detail.body.summary.billing.flag).toBe('disputed');
    const sum = detail.body.ledger.reduce((s: number, l: any) => s + l.deltaCents, 0);
    expect(sum).toBe(0);
  });
});
