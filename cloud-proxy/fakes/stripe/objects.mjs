// Stripe API objects as the official SDK (stripe@23, API version 2026-10-28.endive) reads them:
// only the fields Zapcut's proxy and the hosted fake pages use, plus the identity fields every
// object has. Shapes follow the SDK's type definitions (node_modules/stripe/esm/resources/*.d.ts):
// since the 2025-03-31 ("basil") API the billing period lives on subscription items, an invoice
// names its subscription under parent.subscription_details, and its lines' price under
// pricing.price_details.
import { randomBytes } from 'node:crypto';

export const API_VERSION = '2026-10-28.endive';
const DAY = 86400;
export const PERIOD_SECONDS = 30 * DAY;

export const newId = (prefix) => `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, '0')}`;

export function price({ id, product, unitAmount, recurring, nickname, lookupKey }, now) {
  return {
    id,
    object: 'price',
    active: true,
    billing_scheme: 'per_unit',
    created: now,
    currency: 'usd',
    custom_unit_amount: null,
    livemode: false,
    lookup_key: lookupKey ?? null,
    metadata: {},
    nickname: nickname ?? null,
    product,
    recurring: recurring ? { interval: 'month', interval_count: 1, meter: null, trial_period_days: null, usage_type: 'licensed' } : null,
    tax_behavior: 'unspecified',
    tiers_mode: null,
    transform_quantity: null,
    type: recurring ? 'recurring' : 'one_time',
    unit_amount: unitAmount,
    unit_amount_decimal: String(unitAmount),
  };
}

export function product({ id, name }, now) {
  return { id, object: 'product', active: true, created: now, description: null, livemode: false, metadata: {}, name, type: 'service', updated: now };
}

export function customer({ email, name, metadata }, now) {
  return {
    id: newId('cus'),
    object: 'customer',
    balance: 0,
    created: now,
    currency: null,
    default_source: null,
    delinquent: false,
    description: null,
    email: email ?? null,
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: metadata ?? {},
    name: name ?? null,
  };
}

export function checkoutSession({ params, amountTotal, baseUrl }, now) {
  const id = newId('cs_test');
  return {
    id,
    object: 'checkout.session',
    amount_subtotal: amountTotal,
    amount_total: amountTotal,
    cancel_url: params.cancel_url ?? null,
    client_reference_id: params.client_reference_id ?? null,
    created: now,
    currency: 'usd',
    customer: params.customer ?? null,
    customer_email: params.customer_email ?? null,
    expires_at: now + DAY,
    invoice: null,
    livemode: false,
    metadata: params.metadata ?? {},
    mode: params.mode,
    payment_intent: null,
    payment_status: 'unpaid',
    status: 'open',
    subscription: null,
    success_url: params.success_url ?? null,
    ui_mode: 'hosted',
    url: `${baseUrl}/c/pay/${id}`,
  };
}

export function portalSession({ customer, returnUrl, baseUrl }, now) {
  const id = newId('bps');
  return { id, object: 'billing_portal.session', configuration: 'bpc_fake_default', created: now, customer, flow: null, livemode: false, locale: null, on_behalf_of: null, return_url: returnUrl ?? null, url: `${baseUrl}/p/session/${id}` };
}

export function subscription({ customer, price: p, metadata }, now) {
  const id = newId('sub');
  return {
    id,
    object: 'subscription',
    billing_cycle_anchor: now,
    cancel_at: null,
    cancel_at_period_end: false,
    canceled_at: null,
    collection_method: 'charge_automatically',
    created: now,
    currency: 'usd',
    customer,
    ended_at: null,
    items: { object: 'list', data: [subscriptionItem(id, p, now, now + PERIOD_SECONDS)], has_more: false, total_count: 1, url: `/v1/subscription_items?subscription=${id}` },
    latest_invoice: null,
    livemode: false,
    metadata: metadata ?? {},
    start_date: now,
    status: 'active',
  };
}

export function subscriptionItem(subscriptionId, p, start, end) {
  return { id: newId('si'), object: 'subscription_item', created: start, current_period_end: end, current_period_start: start, discounts: [], metadata: {}, price: p, quantity: 1, subscription: subscriptionId, tax_rates: [] };
}

export function invoice({ sub, amount, reason, paid, now }) {
  const item = sub.items.data[0];
  const id = newId('in');
  return {
    id,
    object: 'invoice',
    amount_due: amount,
    amount_paid: paid ? amount : 0,
    amount_remaining: paid ? 0 : amount,
    attempt_count: 1,
    attempted: true,
    billing_reason: reason,
    collection_method: 'charge_automatically',
    created: now,
    currency: 'usd',
    customer: sub.customer,
    hosted_invoice_url: null,
    lines: {
      object: 'list',
      data: [
        {
          id: newId('il'),
          object: 'line_item',
          amount,
          currency: 'usd',
          description: `1 × ${item.price.nickname ?? item.price.id}`,
          invoice: id,
          livemode: false,
          metadata: {},
          parent: { type: 'subscription_item_details', subscription_item_details: { proration: reason === 'subscription_update', subscription: sub.id, subscription_item: item.id } },
          period: { start: item.current_period_start, end: item.current_period_end },
          pricing: { type: 'price_details', price_details: { price: item.price.id, product: item.price.product }, unit_amount_decimal: String(item.price.unit_amount) },
          quantity: 1,
          subscription: sub.id,
        },
      ],
      has_more: false,
      total_count: 1,
      url: `/v1/invoices/${id}/lines`,
    },
    livemode: false,
    metadata: {},
    next_payment_attempt: paid ? null : now + 3 * DAY,
    parent: { type: 'subscription_details', quote_details: null, subscription_details: { metadata: sub.metadata, subscription: sub.id } },
    period_end: item.current_period_start,
    period_start: item.current_period_start,
    status: paid ? 'paid' : 'open',
    subtotal: amount,
    total: amount,
  };
}

export function paymentIntent({ amount, customer }, now) {
  return { id: newId('pi'), object: 'payment_intent', amount, amount_received: amount, created: now, currency: 'usd', customer, latest_charge: null, livemode: false, metadata: {}, status: 'succeeded' };
}

export function charge({ amount, customer, paymentIntent: pi }, now) {
  const id = newId('ch');
  return { id, object: 'charge', amount, amount_captured: amount, amount_refunded: 0, captured: true, created: now, currency: 'usd', customer, disputed: false, livemode: false, metadata: {}, paid: true, payment_intent: pi, receipt_url: null, refunded: false, status: 'succeeded' };
}

export function dispute({ ch, reason }, now) {
  return { id: newId('dp'), object: 'dispute', amount: ch.amount, charge: ch.id, created: now, currency: 'usd', is_charge_refundable: false, livemode: false, metadata: {}, payment_intent: ch.payment_intent, reason: reason ?? 'fraudulent', status: 'needs_response' };
}

export function event({ type, object, previous, now }) {
  return {
    id: newId('evt'),
    object: 'event',
    api_version: API_VERSION,
    created: now,
    data: { object: structuredClone(object), ...(previous ? { previous_attributes: previous } : {}) },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
}
