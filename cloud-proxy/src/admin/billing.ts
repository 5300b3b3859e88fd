/**
 * Admin API for billing: alerts an operator must act on (unknown customers, disputes, credits
 * owed, refunded plan payments), every received Stripe event and what became of it, and clearing
 * a user's billing flag (debt forgiven). Every change is audited.
 */
import { z } from 'zod';
import { newApp } from '../app';
import { requireAdmin, requireUser } from '../auth/middleware';
import { audit } from '../db/schema';
import { readJson } from '../http/body';
import { notFound } from '../http/errors';
import { accountOf } from '../account/stub';

export const adminBillingRoutes = newApp();
adminBillingRoutes.use('*', requireUser, requireAdmin);

const Reason = z.string().trim().min(3, 'Give a reason (it goes into the audit log).').max(500);

adminBillingRoutes.get('/alerts', async (c) => {
  const open = c.req.query('open') === '1';
  const rows = await c.env.DB.prepare(
    `SELECT a.id, a.at, a.user_id AS userId, u.email, a.event_id AS eventId, a.code, a.message, a.resolved_at AS resolvedAt, a.resolved_by AS resolvedBy, a.resolution
     FROM billing_alerts a LEFT JOIN users u ON u.id = a.user_id WHERE (?1 = 0 OR a.resolved_at IS NULL) ORDER BY a.id DESC LIMIT 200`,
  )
    .bind(open ? 1 : 0)
    .all();
  return c.json({ alerts: rows.results });
});

adminBillingRoutes.post('/alerts/:id/resolve', async (c) => {
  const { reason } = await readJson(c, z.object({ reason: Reason }));
  const id = Number(c.req.param('id'));
  const actor = c.get('user').id;
  const alert = await c.env.DB.prepare('SELECT id, user_id, code FROM billing_alerts WHERE id = ?').bind(id).first<{ id: number; user_id: string | null; code: string }>();
  if (!alert) throw notFound('No such alert.');
  await c.env.DB.prepare('UPDATE billing_alerts SET resolved_at = ?, resolved_by = ?, resolution = ? WHERE id = ? AND resolved_at IS NULL').bind(new Date().toISOString(), actor, reason, id).run();
  await audit(c.env, actor, 'billing-alert-resolved', alert.user_id, reason, { alertId: id, code: alert.code });
  return c.json({ id, resolved: true });
});

adminBillingRoutes.get('/events', async (c) => {
  const status = c.req.query('status') ?? null;
  const rows = await c.env.DB.prepare(
    `SELECT id, type, created_at AS createdAt, received_at AS receivedAt, user_id AS userId, customer_id AS customerId, status, deliveries, detail_json AS detail
     FROM stripe_events WHERE (?1 IS NULL OR status = ?1) ORDER BY received_at DESC LIMIT 200`,
  )
    .bind(status)
    .all();
  return c.json({ events: rows.results.map((r) => ({ ...r, detail: JSON.parse(String(r.detail)) as unknown })) });
});

/** Clears a user's billing flag and forgives what they owe (settled outside Stripe, or a support decision). */
adminBillingRoutes.post('/users/:id/clear-flag', async (c) => {
  const { reason } = await readJson(c, z.object({ reason: Reason }));
  const userId = c.req.param('id');
  const exists = await c.env.DB.prepare('SELECT 1 AS x FROM users WHERE id = ?').bind(userId).first();
  if (!exists) throw notFound('No such user.');
  const actor = c.get('user').id;
  const summary = await accountOf(c.env, userId).clearBillingFlag(reason, actor);
  await audit(c.env, actor, 'billing-flag-cleared', userId, reason);
  return c.json(summary);
});
