/**
 * The operator's view (issue 18): revenue by day and item, provider cost by day and model, each
 * video's margin (what it earned − what its provider calls cost), failed-generation refunds,
 * success rate and average generation time — and the daily provider spend cap.
 */
import { z } from 'zod';
import { newApp } from '../app';
import { configOf } from '../env';
import { requireAdmin, requireUser } from '../auth/middleware';
import { audit } from '../db/schema';
import { readJson } from '../http/body';
import { badRequest } from '../http/errors';
import { dayOf } from '../ops/costs';
import { SPEND_CAP_KEY, spendCapCents, spentTodayMicros } from '../ops/spendCap';

export const adminOpsRoutes = newApp();
adminOpsRoutes.use('*', requireUser, requireAdmin);

interface VideoRow {
  video_id: string;
  user_id: string;
  email: string | null;
  created_at: number;
  source: string;
  charged_cents: number;
  value_cents: number;
  length_s: number;
  state: string;
  first_output_at: number | null;
  last_output_at: number | null;
  settled_at: number | null;
  cost_micros: number;
}

adminOpsRoutes.get('/summary', async (c) => {
  const days = z.coerce.number().int().min(1).max(366).default(30).safeParse(c.req.query('days') ?? undefined);
  if (!days.success) throw badRequest('days must be a whole number from 1 to 366.');
  const now = Date.now();
  const from = dayOf(now - (days.data - 1) * 86400_000);
  const db = c.env.DB;
  const revenue = (await db.prepare('SELECT day, item, SUM(amount_cents) AS cents, COUNT(*) AS count FROM revenue WHERE day >= ? GROUP BY day, item ORDER BY day DESC, item').bind(from).all<{ day: string; item: string; cents: number; count: number }>()).results;
  const costs = (await db.prepare('SELECT day, model, SUM(cost_micros) AS micros, COUNT(*) AS calls, SUM(quantity) AS quantity, MIN(unit) AS unit FROM provider_costs WHERE day >= ? GROUP BY day, model ORDER BY day DESC, model').bind(from).all<{ day: string; model: string; micros: number; calls: number; quantity: number; unit: string }>()).results;
  const rows = (
    await db
      .prepare(
        `SELECT v.*, u.email, COALESCE((SELECT SUM(p.cost_micros) FROM provider_costs p WHERE p.video_id = v.video_id), 0) AS cost_micros
         FROM video_stats v LEFT JOIN users u ON u.id = v.user_id WHERE v.day >= ? ORDER BY v.created_at DESC`,
      )
      .bind(from)
      .all<VideoRow>()
  ).results;
  // A reservation past its lifetime without any output was given back by the ledger's alarm.
  const ttlMs = configOf(c.env).RESERVATION_TTL_SECONDS * 1000;
  const stateOf = (v: VideoRow) => (v.state === 'reserved' && v.first_output_at === null && v.created_at + ttlMs <= now ? 'expired' : v.state);
  const videos = rows.map((v) => ({
    videoId: v.video_id,
    userId: v.user_id,
    email: v.email,
    createdAt: new Date(v.created_at).toISOString(),
    source: v.source,
    lengthSeconds: v.length_s,
    state: stateOf(v),
    chargedCents: v.charged_cents,
    valueCents: v.value_cents,
    costMicros: v.cost_micros,
    marginMicros: v.value_cents * 10_000 - v.cost_micros,
    generationSeconds: v.last_output_at === null ? null : Math.round((v.last_output_at - v.created_at) / 1000),
  }));
  const count = (s: string) => videos.filter((v) => v.state === s).length;
  const finished = count('committed') + count('refunded') + count('expired');
  const timed = videos.filter((v) => v.state === 'committed' && v.generationSeconds !== null);
  const failed = videos.filter((v) => v.state === 'refunded' || v.state === 'expired');
  const capCents = await spendCapCents(c.env);
  const todayMicros = await spentTodayMicros(c.env);
  return c.json({
    from,
    to: dayOf(now),
    revenue: { totalCents: revenue.reduce((s, r) => s + r.cents, 0), byDay: revenue },
    costs: { totalMicros: costs.reduce((s, r) => s + r.micros, 0), byDay: costs, unpriced: [...new Set(costs.filter((r) => r.unit === 'unpriced').map((r) => r.model))] },
    outcomes: {
      reserved: count('reserved'),
      committed: count('committed'),
      refunded: count('refunded'),
      expired: count('expired'),
      successRate: finished === 0 ? null : count('committed') / finished,
      averageGenerationSeconds: timed.length === 0 ? null : Math.round(timed.reduce((s, v) => s + v.generationSeconds!, 0) / timed.length),
      failedRefunds: { count: failed.length, creditCents: failed.reduce((s, v) => s + v.chargedCents, 0), costMicros: failed.reduce((s, v) => s + v.costMicros, 0) },
    },
    spend: { todayMicros, capCents, capReached: capCents > 0 && todayMicros >= capCents * 10_000 },
    videos: videos.slice(0, 200),
  });
});

adminOpsRoutes.put('/spend-cap', async (c) => {
  const { capCents, reason } = await readJson(c, z.object({ capCents: z.number().int().min(0).max(100_000_000), reason: z.string().trim().min(3, 'Give a reason (it goes into the audit log).').max(500) }));
  const actor = c.get('user').id;
  await c.env.DB.prepare('INSERT INTO ops_settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by')
    .bind(SPEND_CAP_KEY, String(capCents), new Date().toISOString(), actor)
    .run();
  await audit(c.env, actor, 'spend-cap', null, reason, { capCents });
  return c.json({ capCents, todayMicros: await spentTodayMicros(c.env) });
});
