/**
 * The offer the app shows (GET /v1/billing/plans): each item Zapcut sells, what it grants, and its
 * price as Stripe has it for the configured price id. A price that is missing at Stripe or of the
 * wrong kind (a recurring price for a pack, a yearly one for a monthly plan) makes its item
 * unavailable with the reason, instead of selling something different from what the app says.
 */
import type { Config } from '../env';
import { BILLING_ITEMS, ITEM_GRANTS, planIncludes, priceIds, type BillingItem, type PaidTier } from './catalog';
import { stripeFailure, stripeOf, type Stripe } from './stripe';

export interface OfferItem {
  id: BillingItem;
  kind: 'pack' | 'plan';
  available: boolean;
  /** Why it cannot be bought (for the operator; the app shows it greyed out). */
  problem: string | null;
  priceCents: number | null;
  currency: string | null;
  interval: 'month' | null;
  /** pack: videos and their maximum length, as credit; plan: the tier and its limits. */
  videos: number;
  maxLengthSeconds: number;
  creditsCents: number | null;
  tier: PaidTier | null;
  maxResolution: string | null;
  priority: boolean;
  apiAccess: boolean;
}

const CACHE_MS = 5 * 60_000;
let cache: { key: string; at: number; items: OfferItem[] } | undefined;

function problemOf(item: BillingItem, price: Stripe.Price): string | null {
  const grant = ITEM_GRANTS[item];
  if (!price.active) return `price ${price.id} is archived at Stripe`;
  if (price.unit_amount === null) return `price ${price.id} has no fixed amount`;
  if (grant.kind === 'pack' && price.type !== 'one_time') return `price ${price.id} is recurring; a credit pack needs a one-time price`;
  if (grant.kind === 'plan' && (price.recurring?.interval !== 'month' || price.recurring.interval_count !== 1)) return `price ${price.id} is not monthly; a plan needs a monthly recurring price`;
  return null;
}

export async function offer(config: Config): Promise<OfferItem[]> {
  const ids = priceIds(config);
  const key = JSON.stringify([config.STRIPE_API_BASE, ids]);
  if (cache?.key === key && Date.now() - cache.at < CACHE_MS) return cache.items;
  const stripe = stripeOf(config);
  const items = await Promise.all(
    BILLING_ITEMS.map(async (id): Promise<OfferItem> => {
      const grant = ITEM_GRANTS[id];
      const base: OfferItem =
        grant.kind === 'pack'
          ? { id, kind: 'pack', available: false, problem: null, priceCents: null, currency: null, interval: null, videos: grant.videos, maxLengthSeconds: grant.maxLengthSeconds, creditsCents: grant.creditsCents, tier: null, maxResolution: '1080p', priority: false, apiAccess: false }
          : (() => {
              const inc = planIncludes(grant.tier);
              return { id, kind: 'plan', available: false, problem: null, priceCents: null, currency: null, interval: 'month', videos: inc.monthlyVideos, maxLengthSeconds: inc.maxLengthSeconds, creditsCents: null, tier: grant.tier, maxResolution: inc.maxResolution, priority: inc.priority, apiAccess: inc.apiAccess };
            })();
      if (!ids[id]) return { ...base, problem: `no Stripe price configured (STRIPE_PRICE_${id.toUpperCase()})` };
      let price: Stripe.Price;
      try {
        price = await stripe.prices.retrieve(ids[id]);
      } catch (e) {
        const err = stripeFailure(e, 'reading prices');
        if (err.status === 503) throw err;
        return { ...base, problem: `price ${ids[id]}: ${err.message}` };
      }
      const problem = problemOf(id, price);
      return { ...base, available: problem === null, problem, priceCents: price.unit_amount, currency: price.currency };
    }),
  );
  cache = { key, at: Date.now(), items };
  return items;
}
