/**
 * Buying (issue #18) as the app sees it: the offer from the proxy (prices as Stripe has them —
 * the app never hard-codes one), what opening Checkout or the customer portal returned, and the
 * account's billing state. Payment itself happens in the system browser; the account changes
 * only when the proxy has the verified webhook, and the app notices by polling (and on the
 * `zapcut://account` return link).
 */
import { z } from 'zod';
import { PaidTier } from './account-wire';

export const BILLING_ITEMS = ['pack_30', 'pack_60', 'starter', 'pro', 'agency'] as const;
export const BillingItem = z.enum(BILLING_ITEMS);
export type BillingItem = z.infer<typeof BillingItem>;

/** One item of GET /v1/billing/plans (validated as it arrives from the proxy). */
export const BillingOfferItem = z
  .object({
    id: BillingItem,
    kind: z.enum(['pack', 'plan']),
    available: z.boolean(),
    priceCents: z.number().int().nonnegative().nullable(),
    currency: z.string().nullable(),
    interval: z.literal('month').nullable(),
    videos: z.number().int().nonnegative(),
    maxLengthSeconds: z.number().int().positive(),
    creditsCents: z.number().int().nonnegative().nullable(),
    tier: PaidTier.nullable(),
    maxResolution: z.string().nullable(),
    priority: z.boolean(),
    apiAccess: z.boolean(),
  })
  .loose();
export type BillingOfferItem = z.infer<typeof BillingOfferItem>;

export const BillingOffer = z.object({ available: z.boolean(), message: z.string().optional(), items: z.array(BillingOfferItem) }).loose();
export type BillingOffer = z.infer<typeof BillingOffer>;

export const BillingCheckoutInput = z.object({ item: BillingItem }).strict();
export type BillingCheckoutInput = z.infer<typeof BillingCheckoutInput>;

/** Checkout or the portal, opened (or to be opened by hand when no browser could be started). */
export interface BillingOpened {
  kind: 'checkout' | 'portal';
  item: BillingItem | null;
  url: string;
  openedBrowser: boolean;
  /** Until when the app watches for the change (polling the proxy). */
  waitingUntil: string;
}

/** The wait after Checkout or the portal ended: the account changed, or nothing happened in time, or the user stopped waiting. */
export interface BillingSettled {
  kind: 'checkout' | 'portal';
  item: BillingItem | null;
  outcome: 'changed' | 'timeout' | 'stopped';
  /** What changed, for the user: credits added, the new plan, a cancellation. */
  changes: BillingChangeNote[];
}

export type BillingChangeNote =
  | { what: 'credits'; fromCents: number; toCents: number }
  | { what: 'tier'; from: string; to: string }
  | { what: 'cancelling'; until: string | null }
  | { what: 'resumed' }
  | { what: 'pending'; tier: string; at: string | null };

const out = <T>() => undefined as unknown as T;
const None = z.object({}).strict();

export const billingChannels = {
  /** The packs and plans with their prices (from the proxy, which reads them from Stripe). */
  'billing/plans': { input: None, output: out<BillingOffer>() },
  /** Opens Checkout for a pack or a plan in the system browser and watches for the payment. */
  'billing/checkout': { input: BillingCheckoutInput, output: out<BillingOpened>() },
  /** Opens Stripe's customer portal (change plan, cancel, card, invoices) and watches for changes. */
  'billing/portal': { input: None, output: out<BillingOpened>() },
  'billing/stopWaiting': { input: None, output: out<{ stopped: boolean }>() },
} as const;

export interface BillingEvents {
  /** A wait for Checkout or the portal ended (the account itself arrives as `account/changed`). */
  'billing/settled': BillingSettled;
}
