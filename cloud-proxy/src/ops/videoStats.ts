/**
 * Each reserved video's story for the operator (D1 video_stats): what it earned — the cash behind
 * the credits it used (a $40 pack buys $50 of credit, so a $5 credit video earned $4), its share of
 * the plan's price, or nothing for a free one — how it ended, and how long its generation took.
 */
import type { Env } from '../env';
import { TIER_LIMITS, type Tier } from '../account/plans';
import type { ReservationView } from '../account/types';
import { ITEM_GRANTS, type BillingItem } from '../billing/catalog';
import { dayOf } from './costs';

/** What a video of this source earned, from the user's payments so far. */
export async function videoValueCents(env: Env, userId: string, tier: Tier, r: Pick<ReservationView, 'source' | 'costCents'>): Promise<number> {
  if (r.source === 'free') return 0;
  if (r.source === 'credits') {
    const rows = (await env.DB.prepare("SELECT item, amount_cents FROM revenue WHERE user_id = ? AND kind = 'purchase'").bind(userId).all<{ item: string; amount_cents: number }>()).results;
    const paid = rows.reduce((s, x) => s + x.amount_cents, 0);
    const credits = rows.reduce((s, x) => {
      const g = ITEM_GRANTS[x.item as BillingItem];
      return s + (g?.kind === 'pack' ? g.creditsCents : 0);
    }, 0);
    // Credits an admin granted earned nothing.
    return credits > 0 ? Math.round((r.costCents * paid) / credits) : 0;
  }
  const invoice = await env.DB.prepare("SELECT amount_cents FROM revenue WHERE user_id = ? AND kind = 'invoice' AND amount_cents > 0 ORDER BY at DESC LIMIT 1").bind(userId).first<{ amount_cents: number }>();
  const videos = TIER_LIMITS[tier].monthlyVideos;
  return invoice && videos > 0 ? Math.round(invoice.amount_cents / videos) : 0;
}

export async function videoReserved(env: Env, userId: string, tier: Tier, r: ReservationView): Promise<void> {
  const created = Date.parse(r.createdAt);
  const value = await videoValueCents(env, userId, tier, r);
  await env.DB.prepare('INSERT OR IGNORE INTO video_stats (video_id, user_id, created_at, day, source, charged_cents, value_cents, length_s, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .bind(r.videoId, userId, created, dayOf(created), r.source, r.costCents, value, r.lengthSeconds, r.status)
    .run();
}

export async function videoOutput(env: Env, videoId: string): Promise<void> {
  const now = Date.now();
  await env.DB.prepare("UPDATE video_stats SET state = 'committed', first_output_at = COALESCE(first_output_at, ?1), last_output_at = ?1 WHERE video_id = ?2").bind(now, videoId).run();
}

export async function videoSettled(env: Env, r: Pick<ReservationView, 'videoId' | 'status'>): Promise<void> {
  if (r.status !== 'refunded' && r.status !== 'expired') return;
  await env.DB.prepare('UPDATE video_stats SET state = ?, settled_at = ? WHERE video_id = ?').bind(r.status, Date.now(), r.videoId).run();
}
