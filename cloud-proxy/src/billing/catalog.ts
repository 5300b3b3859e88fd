/**
 * What Zapcut sells (PRODUCT.md "Pricing and limits") and what each item grants. What an item
 * costs is not here: it is the Stripe Price the deployment configures (STRIPE_PRICE_* ids), read
 * from Stripe, so a price change never needs a release and what the app shows is what Stripe charges.
 */
import type { Config } from '../env';
import { MAX_VIDEO_SECONDS, TIER_LIMITS, creditPriceCents, type Tier } from '../account/plans';

export const BILLING_ITEMS = ['pack_30', 'pack_60', 'starter', 'pro', 'agency'] as const;
export type BillingItem = (typeof BILLING_ITEMS)[number];
export type PaidTier = Exclude<Tier, 'free'>;

export type ItemGrant =
  /** A credit pack: `videos` videos of up to `maxLengthSeconds`, granted as credit that never expires. */
  | { kind: 'pack'; videos: number; maxLengthSeconds: number; creditsCents: number }
  /** A monthly plan: the tier's limits while the subscription is paid. */
  | { kind: 'plan'; tier: PaidTier };

const pack = (videos: number, maxLengthSeconds: number): ItemGrant => ({ kind: 'pack', videos, maxLengthSeconds, creditsCents: videos * creditPriceCents(maxLengthSeconds) });

export const ITEM_GRANTS: Record<BillingItem, ItemGrant> = {
  // $40 buys 10 × 30 s videos: 10 × $5 of credit; $70 buys 10 × 60 s: 10 × $8.
  pack_30: pack(10, 30),
  pack_60: pack(10, MAX_VIDEO_SECONDS),
  starter: { kind: 'plan', tier: 'starter' },
  pro: { kind: 'plan', tier: 'pro' },
  agency: { kind: 'plan', tier: 'agency' },
};

const PRICE_VARS: Record<BillingItem, keyof Config> = {
  pack_30: 'STRIPE_PRICE_PACK_30',
  pack_60: 'STRIPE_PRICE_PACK_60',
  starter: 'STRIPE_PRICE_STARTER',
  pro: 'STRIPE_PRICE_PRO',
  agency: 'STRIPE_PRICE_AGENCY',
};

/** The configured Stripe price id of each item ('' when the deployment does not sell it). */
export function priceIds(config: Config): Record<BillingItem, string> {
  return Object.fromEntries(BILLING_ITEMS.map((i) => [i, String(config[PRICE_VARS[i]] ?? '').trim()])) as Record<BillingItem, string>;
}

/** Which item a Stripe price id stands for, or null for a price this deployment does not sell. */
export function itemOfPrice(config: Config, priceId: string | null | undefined): BillingItem | null {
  if (!priceId) return null;
  const ids = priceIds(config);
  return BILLING_ITEMS.find((i) => ids[i] === priceId) ?? null;
}

export const TIER_RANK: Record<Tier, number> = { free: 0, starter: 1, pro: 2, agency: 3 };

/** What a plan includes, for the plans list the app shows. */
export function planIncludes(tier: PaidTier) {
  const l = TIER_LIMITS[tier];
  return { monthlyVideos: l.monthlyVideos, maxLengthSeconds: l.maxLengthSeconds, maxResolution: l.resolutions[l.resolutions.length - 1]!, priority: l.priority, apiAccess: l.apiAccess };
}
