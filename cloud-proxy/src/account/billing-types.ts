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

/** The billing part of the account summary (GET /v1/me). */
export interface BillingView {
  subscription: { tier: PaidTier; status: string; currentPeriodEnd: string | null; cancelAtPeriodEnd: boolean } | null;
  /** A tier that takes effect at `pendingAt` (a downgrade or a cancellation at the end of the paid period). */
  pendingTier: Tier | null;
  pendingAt: string | null;
  /** A failed renewal: the plan is kept until then. */
  graceUntil: string | null;
  /** What the user should be told (payment failed, plan ended, credits owed…). */
  notice: { code: string; message: string; at: string } | null;
  /** Credits taken back that the balance could not cover; settled from the next credits bought. */
  debtCents: number;
  /** Why an admin should look at this account (disputed, refund_after_spend), or null. */
  flag: string | null;
}
