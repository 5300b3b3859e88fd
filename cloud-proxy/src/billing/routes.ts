/**
 * Buying (issue #18): the offer, Checkout for a credit pack or a plan, the customer portal, the
 * page the browser comes back to, and the webhook — the only thing that changes an account.
 */
import { z } from 'zod';
import { newApp } from '../app';
import { configOf } from '../env';
import { requireUser } from '../auth/middleware';
import { audit } from '../db/schema';
import { readJson, readLimited } from '../http/body';
import { ProxyError } from '../http/errors';
import { accountOf } from '../account/stub';
import { BILLING_ITEMS, ITEM_GRANTS, priceIds } from './catalog';
import { offer } from './offer';
import { customerOfUser, eventReceived, eventSettled, raiseAlerts, recordRevenue, saveCustomer, userOfCustomer } from './records';
import { RETURN_CSP, returnPage } from './returnPage';
import { billingConfigured, stripeFailure, stripeOf, verifiedEvent } from './stripe';
import { translate } from './events';

export const billingRoutes = newApp();

const WEBHOOK_LIMIT_BYTES = 512 * 1024;

function returnBase(c: { req: { url: string } }, configured: string): string {
  return configured || `${new URL(c.req.url).origin}/v1/billing/return`;
}

billingRoutes.get('/plans', async (c) => {
  const config = configOf(c.env);
  if (!billingConfigured(config)) return c.json({ available: false, message: 'Buying is not set up on this Zapcut service yet.', items: [] });
  const items = await offer(config);
  return c.json({ available: items.some((i) => i.available), items });
});

billingRoutes.post('/checkout', requireUser, async (c) => {
  const config = configOf(c.env);
  const { item } = await readJson(c, z.strictObject({ item: z.enum(BILLING_ITEMS) }));
  const user = c.get('user');
  if (user.via !== 'jwt') throw new ProxyError(403, 'PASSWORD_SESSION_REQUIRED', 'Buy from the signed-in app, not with an API key.');
  const stripe = stripeOf(config);
  const it = (await offer(config)).find((i) => i.id === item)!;
  if (!it.available) throw new ProxyError(409, 'ITEM_UNAVAILABLE', `This item cannot be bought right now; nothing was charged. (${it.problem})`);
  const grant = ITEM_GRANTS[item];
  if (grant.kind === 'plan') {
    const sub = (await accountOf(c.env, user.id).summary()).billing.subscription;
    if (sub && sub.status !== 'canceled') throw new ProxyError(409, 'ALREADY_SUBSCRIBED', `You already have the ${sub.tier} plan; change or cancel it in Manage billing.`);
  }
  const customer = await ensureCustomer(c.env, stripe, user.id);
  const base = returnBase(c, config.BILLING_RETURN_URL);
  const metadata = { item, zapcut_user: user.id };
  let session;
  try {
    session = await stripe.checkout.sessions.create({
      mode: grant.kind === 'pack' ? 'payment' : 'subscription',
      customer,
      client_reference_id: user.id,
      line_items: [{ price: priceIds(config)[item], quantity: 1 }],
      success_url: `${base}?result=success&session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${base}?result=cancel`,
      metadata,
      ...(grant.kind === 'pack' ? { payment_intent_data: { metadata } } : { subscription_data: { metadata } }),
    });
  } catch (e) {
    throw stripeFailure(e, 'starting checkout');
  }
  if (!session.url) throw new ProxyError(502, 'BILLING_REFUSED', 'The payment service returned no checkout page; nothing was charged.');
  return c.json({ item, sessionId: session.id, url: session.url, expiresAt: new Date(session.expires_at * 1000).toISOString() }, 201);
});

/** The user's Stripe customer, created once (Stripe idempotency key + a UNIQUE row in D1). */
async function ensureCustomer(env: Parameters<typeof customerOfUser>[0], stripe: ReturnType<typeof stripeOf>, userId: string): Promise<string> {
  const known = await customerOfUser(env, userId);
  if (known) return known;
  const email = (await env.DB.prepare('SELECT email FROM users WHERE id = ?').bind(userId).first<{ email: string }>())?.email;
  try {
    const created = await stripe.customers.create({ ...(email ? { email } : {}), metadata: { zapcut_user: userId } }, { idempotencyKey: `zapcut-customer-${userId}` });
    return await saveCustomer(env, userId, created.id);
  } catch (e) {
    throw stripeFailure(e, 'setting up your billing account');
  }
}

billingRoutes.post('/portal', requireUser, async (c) => {
  const config = configOf(c.env);
  const stripe = stripeOf(config);
  const customer = await customerOfUser(c.env, c.get('user').id);
  if (!customer) throw new ProxyError(409, 'NO_BILLING_ACCOUNT', 'There is nothing to manage yet: buy credits or choose a plan first.');
  try {
    const s = await stripe.billingPortal.sessions.create({ customer, return_url: `${returnBase(c, config.BILLING_RETURN_URL)}?result=portal` });
    return c.json({ url: s.url }, 201);
  } catch (e) {
    throw stripeFailure(e, 'opening billing management');
  }
});

billingRoutes.get('/return', (c) => {
  const result = c.req.query('result') ?? 'portal';
  return new Response(returnPage(result), { headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': RETURN_CSP, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' } });
});

/**
 * Stripe's webhook. Verified first (signature over the raw bytes, timestamp tolerance); then the
 * event is recorded, mapped to its user by the Stripe customer, and applied by that user's ledger
 * once (replays and retries answer 200 and change nothing). Unknown customers and conflicts are
 * recorded for an admin and answered 200 (Stripe retrying cannot fix them); a failure inside answers
 * 500 so Stripe retries.
 */
billingRoutes.post('/webhook', async (c) => {
  const config = configOf(c.env);
  const raw = new TextDecoder().decode(await readLimited(c, WEBHOOK_LIMIT_BYTES));
  const event = await verifiedEvent(config, raw, c.req.header('stripe-signature'));
  await eventReceived(c.env, event.id, event.type, event.created);
  let t = translate(config, event);
  if (t.kind === 'needs_charge') {
    try {
      const ch = await stripeOf(config).charges.retrieve(t.chargeId);
      t = t.build(typeof ch.customer === 'string' ? ch.customer : (ch.customer?.id ?? null));
    } catch (e) {
      await eventSettled(c.env, event.id, 'failed', { reason: 'could not read the disputed charge' });
      throw stripeFailure(e, 'reading the disputed charge');
    }
  }
  if (t.kind !== 'change') {
    const reason = t.kind === 'ignored' ? t.reason : 'unexpected';
    await eventSettled(c.env, event.id, 'ignored', { reason });
    return c.json({ received: true, status: 'ignored', reason });
  }
  const userId = t.customerId ? await userOfCustomer(c.env, t.customerId) : null;
  if (!userId || (t.userHint && t.userHint !== userId)) {
    const why = !userId ? `customer ${t.customerId ?? '(none)'} belongs to no Zapcut user` : `customer ${t.customerId} belongs to ${userId} but the event names ${t.userHint}`;
    await raiseAlerts(c.env, userId, event.id, [{ code: userId ? 'CUSTOMER_MISMATCH' : 'UNKNOWN_CUSTOMER', message: `${event.type} ${event.id}: ${why}; nothing was applied.` }]);
    await eventSettled(c.env, event.id, 'unmatched', { customerId: t.customerId, userId, reason: why });
    return c.json({ received: true, status: 'unmatched' });
  }
  let outcome;
  try {
    outcome = await accountOf(c.env, userId).applyBilling(t.change);
  } catch (e) {
    console.error('billing: applying', event.id, e);
    await eventSettled(c.env, event.id, 'failed', { userId, customerId: t.customerId, error: String(e) });
    throw new ProxyError(500, 'BILLING_APPLY_FAILED', 'The event could not be applied; Stripe will retry it.');
  }
  // Idempotent D1 rows, written again on a duplicate in case the first delivery stopped half-way.
  await recordRevenue(c.env, userId, event.created * 1000, outcome.revenue);
  await raiseAlerts(c.env, userId, event.id, outcome.alerts);
  await c.env.DB.prepare('UPDATE users SET tier = ? WHERE id = ?').bind(outcome.tier, userId).run();
  const status = outcome.duplicate ? 'duplicate' : outcome.applied ? 'applied' : 'unchanged';
  if (!outcome.duplicate && outcome.applied) await audit(c.env, 'system:stripe', 'billing', userId, `${event.type} ${event.id}`, { effects: outcome.effects });
  await eventSettled(c.env, event.id, status, { userId, customerId: t.customerId, effects: outcome.effects });
  return c.json({ received: true, status, effects: outcome.effects });
});
