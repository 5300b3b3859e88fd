/**
 * Billing's rows in D1 (what spans users, for the operator): the Stripe customer of each user,
 * every received event and what became of it, alerts an admin must see, and revenue. Writes are
 * idempotent (primary keys from Stripe ids), so a webhook retried after a partial failure lands
 * each row once.
 */
import type { Env } from '../env';
import type { BillingAlert, RevenueLine } from '../account/billing-types';

export type EventStatus = 'received' | 'applied' | 'unchanged' | 'duplicate' | 'ignored' | 'unmatched' | 'failed';

const iso = (ms = Date.now()) => new Date(ms).toISOString();

export async function customerOfUser(env: Env, userId: string): Promise<string | null> {
  return (await env.DB.prepare('SELECT customer_id FROM billing_customers WHERE user_id = ?').bind(userId).first<{ customer_id: string }>())?.customer_id ?? null;
}

export async function userOfCustomer(env: Env, customerId: string): Promise<string | null> {
  return (await env.DB.prepare('SELECT user_id FROM billing_customers WHERE customer_id = ?').bind(customerId).first<{ user_id: string }>())?.user_id ?? null;
}

/** Records the user's customer; when another request recorded one first, that one is kept and returned. */
export async function saveCustomer(env: Env, userId: string, customerId: string): Promise<string> {
  await env.DB.prepare('INSERT OR IGNORE INTO billing_customers (user_id, customer_id, created_at) VALUES (?, ?, ?)').bind(userId, customerId, iso()).run();
  return (await customerOfUser(env, userId)) ?? customerId;
}

export async function eventReceived(env: Env, id: string, type: string, createdSec: number): Promise<void> {
  await env.DB.prepare(
    "INSERT INTO stripe_events (id, type, created_at, received_at, status) VALUES (?, ?, ?, ?, 'received') ON CONFLICT (id) DO UPDATE SET deliveries = deliveries + 1",
  )
    .bind(id, type, iso(createdSec * 1000), iso())
    .run();
}

export async function eventSettled(env: Env, id: string, status: EventStatus, detail: { userId?: string | null; customerId?: string | null; [k: string]: unknown }): Promise<void> {
  // A duplicate keeps the first delivery's status (applied stays applied).
  if (status === 'duplicate') {
    await env.DB.prepare("UPDATE stripe_events SET detail_json = json_set(detail_json, '$.lastDelivery', 'duplicate') WHERE id = ?").bind(id).run();
    return;
  }
  await env.DB.prepare('UPDATE stripe_events SET status = ?, user_id = ?, customer_id = ?, detail_json = ? WHERE id = ?')
    .bind(status, detail.userId ?? null, detail.customerId ?? null, JSON.stringify(detail), id)
    .run();
}

export async function raiseAlerts(env: Env, userId: string | null, eventId: string | null, alerts: BillingAlert[]): Promise<void> {
  if (alerts.length === 0) return;
  await env.DB.batch(
    alerts.map((a) => env.DB.prepare('INSERT OR IGNORE INTO billing_alerts (at, user_id, event_id, code, message) VALUES (?, ?, ?, ?, ?)').bind(iso(), userId, eventId, a.code, a.message)),
  );
}

export async function recordRevenue(env: Env, userId: string, atMs: number, lines: RevenueLine[]): Promise<void> {
  if (lines.length === 0) return;
  await env.DB.batch(
    lines.map((l) =>
      env.DB.prepare('INSERT OR IGNORE INTO revenue (id, at, day, user_id, item, kind, amount_cents, currency) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').bind(l.id, iso(atMs), iso(atMs).slice(0, 10), userId, l.item, l.kind, l.amountCents, l.currency),
    ),
  );
}
