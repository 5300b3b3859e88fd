/**
 * Billing data that crosses the Durable Object boundary (plain objects; see billing.ts for the
 * rules and src/billing/events.ts for how a Stripe event becomes a BillingChange). Times are ms.
 */
import type { BillingItem, PaidTier } from '../billing/catalog';
import type { Tier } from './plans';

interface Base {
  /** The Stripe event id: the unit of idempotency. */
  eventId: string;
  /** The event's creation time at Stripe (orders subscription snapshots). */
  at: number;
}

export type BillingChange =
  | (Base & { kind: 'purchase'; sessionId: string; paymentIntent: string | null; item: BillingItem; creditsCents: number; amountCents: number; currency: string })
  | (Base & { kind: 'subscription'; subscriptionId: string; status: string; tier: PaidTier | null; priceId: string | null; periodStart: number; periodEnd: number; cancelAtPeriodEnd: boolean })
  | (Base & { kind: 'invoice_paid'; invoiceId: string; subscriptionId: string; reason: string; tier: PaidTier | null; amountCents: number; currency: string; periodStart: number; periodEnd: number })
  | (Base & { kind: 'invoice_failed'; invoiceId: string; subscriptionId: string; amountCents: number })
  | (Base & { kind: 'refund'; chargeId: string; paymentIntent: string | null; refundedCents: number; currency: string })
  | (Base & { kind: 'dispute'; disputeId: string; chargeId: string; paymentIntent: string | null; amountCents: number; reason: string; currency: string });

/** Money in or out, for the operator's revenue (positive: paid; negative: refunded or disputed). */
export interface RevenueLine {
  id: string;
  item: string;
  kind: 'purchase' | 'invoice' | 'refund' | 'dispute';
  amountCents: number;
  currency: string;
}

export interface BillingAlert {
  code: string;
  message: string;
}

export interface BillingOutcome {
  eventId: string;
  /** Whether anything changed (false: nothing to do, or an older snapshot). */
  applied: boolean;
  /** The event was seen before: this is the first delivery's outcome, nothing changed now. */
  duplicate: boolean;
  effects: string[];
  revenue: RevenueLine[];
  alerts: BillingAlert[];
  /** The account's tier afterwards (D1's directory copy follows it). */
  tier?: Tier;
}
