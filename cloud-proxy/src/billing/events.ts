/**
 * A verified Stripe event → the BillingChange the user's ledger applies (pure; reads only the
 * fields of the SDK's types for API version 2026-10-28: the period on subscription items, an
 * invoice's subscription under parent.subscription_details, its lines' price under
 * pricing.price_details). Events Zapcut does not act on come back as `ignored`, with why.
 */
import type Stripe from 'stripe';
import type { Config } from '../env';
import type { BillingChange } from '../account/billing-types';
import { ITEM_GRANTS, itemOfPrice, type PaidTier } from './catalog';

export type Translated =
  | { kind: 'change'; customerId: string | null; userHint: string | null; change: BillingChange }
  /** A dispute names no customer: look its charge up first. */
  | { kind: 'needs_charge'; chargeId: string; build: (customerId: string | null) => Translated }
  | { kind: 'ignored'; reason: string };

const idOf = (v: string | { id: string } | null | undefined): string | null => (v == null ? null : typeof v === 'string' ? v : v.id);
const ms = (sec: number) => sec * 1000;

function tierOf(config: Config, priceId: string | null): PaidTier | null {
  const item = itemOfPrice(config, priceId);
  if (!item) return null;
  const grant = ITEM_GRANTS[item];
  return grant.kind === 'plan' ? grant.tier : null;
}

export function translate(config: Config, event: Stripe.Event): Translated {
  const base = { eventId: event.id, at: ms(event.created) };
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded': {
      const s = event.data.object;
      if (s.mode !== 'payment') return { kind: 'ignored', reason: `checkout in ${s.mode} mode: the subscription's own events change the plan` };
      if (s.payment_status !== 'paid') return { kind: 'ignored', reason: `checkout ${s.id} not paid yet (${s.payment_status}); credits follow async_payment_succeeded` };
      const item = s.metadata?.item;
      const grant = item && item in ITEM_GRANTS ? ITEM_GRANTS[item as keyof typeof ITEM_GRANTS] : undefined;
      if (!grant || grant.kind !== 'pack') return { kind: 'ignored', reason: `checkout ${s.id} is not for a credit pack this deployment sells (item ${item ?? 'missing'})` };
      return {
        kind: 'change',
        customerId: idOf(s.customer),
        userHint: s.client_reference_id ?? s.metadata?.zapcut_user ?? null,
        change: { ...base, kind: 'purchase', sessionId: s.id, paymentIntent: idOf(s.payment_intent), item: item as keyof typeof ITEM_GRANTS, creditsCents: grant.creditsCents, amountCents: s.amount_total ?? 0, currency: s.currency ?? 'usd' },
      };
    }
    case 'customer.subscription.created':
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted': {
      const sub = event.data.object;
      const item = sub.items.data[0];
      const priceId = item?.price.id ?? null;
      return {
        kind: 'change',
        customerId: idOf(sub.customer),
        userHint: sub.metadata?.zapcut_user ?? null,
        change: {
          ...base,
          kind: 'subscription',
          subscriptionId: sub.id,
          // A deleted subscription's snapshot says canceled; be explicit in case it does not.
          status: event.type === 'customer.subscription.deleted' ? 'canceled' : sub.status,
          tier: tierOf(config, priceId),
          priceId,
          periodStart: ms(item?.current_period_start ?? event.created),
          periodEnd: ms(item?.current_period_end ?? event.created),
          cancelAtPeriodEnd: sub.cancel_at_period_end,
        },
      };
    }
    case 'invoice.paid':
    case 'invoice.payment_failed': {
      const inv = event.data.object;
      const subscriptionId = idOf(inv.parent?.subscription_details?.subscription);
      if (!subscriptionId) return { kind: 'ignored', reason: `invoice ${inv.id} is not for a subscription` };
      const line = inv.lines.data.find((l) => tierOf(config, idOf(l.pricing?.price_details?.price)) !== null) ?? inv.lines.data[0];
      const priceId = idOf(line?.pricing?.price_details?.price);
      const common = { customerId: idOf(inv.customer), userHint: inv.parent?.subscription_details?.metadata?.zapcut_user ?? null };
      if (event.type === 'invoice.payment_failed') {
        return { kind: 'change', ...common, change: { ...base, kind: 'invoice_failed', invoiceId: inv.id, subscriptionId, amountCents: inv.amount_due } };
      }
      return {
        kind: 'change',
        ...common,
        change: {
          ...base,
          kind: 'invoice_paid',
          invoiceId: inv.id,
          subscriptionId,
          reason: inv.billing_reason ?? 'manual',
          tier: tierOf(config, priceId),
          amountCents: inv.amount_paid,
          currency: inv.currency,
          periodStart: ms(line?.period.start ?? inv.period_start),
          periodEnd: ms(line?.period.end ?? inv.period_end),
        },
      };
    }
    case 'charge.refunded': {
      const ch = event.data.object;
      return { kind: 'change', customerId: idOf(ch.customer), userHint: null, change: { ...base, kind: 'refund', chargeId: ch.id, paymentIntent: idOf(ch.payment_intent), refundedCents: ch.amount_refunded, currency: ch.currency } };
    }
    case 'charge.dispute.created': {
      const dp = event.data.object;
      const chargeId = idOf(dp.charge);
      if (!chargeId) return { kind: 'ignored', reason: `dispute ${dp.id} names no charge` };
      return {
        kind: 'needs_charge',
        chargeId,
        build: (customerId) => ({
          kind: 'change',
          customerId,
          userHint: null,
          change: { ...base, kind: 'dispute', disputeId: dp.id, chargeId, paymentIntent: idOf(dp.payment_intent), amountCents: dp.amount, reason: dp.reason, currency: dp.currency },
        }),
      };
    }
    default:
      return { kind: 'ignored', reason: `Zapcut does not act on ${event.type}` };
  }
}
