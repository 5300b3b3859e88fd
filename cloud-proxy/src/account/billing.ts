/**
 * The ledger's side of billing: what a verified Stripe event does to one user's entitlements,
 * inside that user's Durable Object (so a webhook and a reservation never interleave). Every event
 * is applied once (its id is remembered with its outcome, in the same transaction as its effect);
 * every change is written to the ledger with the event id as the actor.
 *
 * The rules (issue #18): credits from a paid checkout, once; a plan follows Stripe's subscription
 * (an upgrade now; a downgrade or a cancellation when the period already paid for ends); a paid
 * renewal starts the next allowance period; a failed payment keeps the plan for a grace period
 * (the user is told), then drops to free; a refund or dispute takes back a pack's credits — what
 * the balance cannot cover is recorded as debt (never a hidden negative balance), settled from the
 * next credits bought, and flagged for an admin. Subscription events are snapshots ordered by
 * their creation time, so a late, older one (updated before created) changes nothing.
 */
import type { BillingAlert, BillingChange, BillingOutcome, RevenueLine } from './billing-types';
// The class below is the Durable Object's billing part; what it shows is the shared wire type.
import type { AccountBilling as BillingView } from '../../../src/shared/domain/account-wire';
import type { Tier } from './plans';
import { TIER_RANK, type PaidTier } from '../billing/catalog';

export const BILLING_SCHEMA_TABLES = ['billing', 'billing_events', 'purchases', 'charges_seen', 'invoices_paid'] as const;

/** How long after a period's end its allowance still counts while the renewal is in flight. */
const ALLOWANCE_SLACK_MS = 3 * 86400_000;
const LIVE = new Set(['active', 'trialing']);

type BillingRow = {
  subscription_id: string | null;
  sub_status: string | null;
  sub_tier: string | null;
  sub_event_at: number;
  cancel_at_period_end: number;
  period_end: number | null;
  paid_through: number | null;
  pending_tier: string | null;
  allowance_period: string | null;
  allowance_until: number | null;
  grace_until: number | null;
  notice_json: string | null;
  debt_cents: number;
  flag: string | null;
};

type PurchaseRow = {
  id: string;
  item: string;
  credits_cents: number;
  amount_cents: number;
  taken_back_cents: number;
  disputed: number;
};

/** What the Durable Object lends this module: its SQLite and its ledger writer. */
export interface LedgerPort {
  sql: SqlStorage;
  ledger(kind: string, deltaCents: number, reason: string, actor: string): void;
  graceMs: number;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;
const label = (tier: string) => tier.charAt(0).toUpperCase() + tier.slice(1);

export class AccountBilling {
  constructor(private readonly port: LedgerPort) {}

  private get sql() {
    return this.port.sql;
  }

  private state(): BillingRow {
    let b = this.sql.exec<BillingRow>('SELECT * FROM billing WHERE id = 1').toArray()[0];
    if (!b) {
      this.sql.exec('INSERT INTO billing (id) VALUES (1)');
      b = this.sql.exec<BillingRow>('SELECT * FROM billing WHERE id = 1').one();
    }
    return b;
  }

  private set(fields: Partial<BillingRow>): void {
    const keys = Object.keys(fields) as (keyof BillingRow)[];
    if (keys.length === 0) return;
    this.sql.exec(`UPDATE billing SET ${keys.map((k) => `${k} = ?`).join(', ')} WHERE id = 1`, ...keys.map((k) => fields[k] as SqlStorageValue));
  }

  private tier(): Tier {
    return this.sql.exec<{ tier: Tier }>('SELECT tier FROM account WHERE id = 1').one().tier;
  }

  private credits(): number {
    return this.sql.exec<{ credits_cents: number }>('SELECT credits_cents FROM account WHERE id = 1').one().credits_cents;
  }

  private setTier(tier: Tier, reason: string, actor: string, effects: string[]): void {
    const from = this.tier();
    if (from === tier) return;
    this.sql.exec('UPDATE account SET tier = ? WHERE id = 1', tier);
    this.port.ledger('tier', 0, `${from} → ${tier}: ${reason}`, actor);
    effects.push(`tier ${from} → ${tier}`);
  }

  private notify(code: string, message: string, at: number): void {
    this.set({ notice_json: JSON.stringify({ code, message, at: new Date(at).toISOString() }) });
  }

  /**
   * The allowance period plan videos count against: the paid billing period while one is current
   * (plus a few days for a renewal in flight), else the calendar month. Called by the account's
   * rollover, so a subscriber's allowance renews when Stripe bills, not on the 1st.
   */
  allowancePeriod(now: number, calendarMonth: string): string {
    const b = this.state();
    return b.allowance_period && b.allowance_until !== null && now < b.allowance_until ? b.allowance_period : calendarMonth;
  }

  /** Tier changes whose time has come: a downgrade or cancellation at the end of the paid period, a grace that ran out. True when something changed. */
  applyDue(now: number): boolean {
    const b = this.state();
    const effects: string[] = [];
    if (b.pending_tier && b.paid_through !== null && now >= b.paid_through) {
      const to = b.pending_tier as Tier;
      this.set({ pending_tier: null });
      this.setTier(to, `the paid period ended ${day(b.paid_through)}`, 'system:billing', effects);
      if (to === 'free') this.notify('PLAN_ENDED', `Your plan ended on ${day(b.paid_through)}; you are on Free now. Videos use credits.`, now);
    }
    if (b.grace_until !== null && now >= b.grace_until && !LIVE.has(b.sub_status ?? '')) {
      this.set({ grace_until: null, pending_tier: null });
      this.setTier('free', 'renewal unpaid after the grace period', 'system:billing', effects);
      this.notify('PLAN_ENDED_UNPAID', 'Your plan ended because the renewal payment did not go through. Choose a plan again to continue.', now);
    }
    return effects.length > 0;
  }

  /** Applies one verified event, once. A repeat returns the first outcome with `duplicate: true`. */
  apply(change: BillingChange, now: number): BillingOutcome {
    const seen = this.sql.exec<{ outcome_json: string }>('SELECT outcome_json FROM billing_events WHERE id = ?', change.eventId).toArray()[0];
    if (seen) return { ...(JSON.parse(seen.outcome_json) as BillingOutcome), duplicate: true };
    const out: BillingOutcome = { eventId: change.eventId, applied: false, duplicate: false, effects: [], revenue: [], alerts: [] };
    const actor = `stripe:${change.eventId}`;
    switch (change.kind) {
      case 'purchase':
        this.purchase(change, actor, out);
        break;
      case 'subscription':
        this.subscription(change, now, actor, out);
        break;
      case 'invoice_paid':
        this.invoicePaid(change, now, actor, out);
        break;
      case 'invoice_failed':
        this.invoiceFailed(change, now, actor, out);
        break;
      case 'refund':
        this.refund(change, actor, out);
        break;
      case 'dispute':
        this.dispute(change, actor, out);
        break;
    }
    this.applyDue(now);
    out.applied = out.effects.length > 0;
    this.sql.exec('INSERT INTO billing_events (id, type, at, outcome_json) VALUES (?, ?, ?, ?)', change.eventId, change.kind, now, JSON.stringify(out));
    return out;
  }

  private purchase(c: Extract<BillingChange, { kind: 'purchase' }>, actor: string, out: BillingOutcome): void {
    // The same checkout can arrive as two events (completed, then async_payment_succeeded): credit once.
    if (this.sql.exec('SELECT 1 FROM purchases WHERE id = ?', c.sessionId).toArray().length > 0) return;
    this.sql.exec('INSERT INTO purchases (id, payment_intent, item, credits_cents, amount_cents, at) VALUES (?, ?, ?, ?, ?, ?)', c.sessionId, c.paymentIntent, c.item, c.creditsCents, c.amountCents, c.at);
    out.revenue.push({ id: `pay:${c.sessionId}`, item: c.item, kind: 'purchase', amountCents: c.amountCents, currency: c.currency });
    const b = this.state();
    const settle = Math.min(b.debt_cents, c.creditsCents);
    this.sql.exec('UPDATE account SET credits_cents = credits_cents + ? WHERE id = 1', c.creditsCents);
    this.port.ledger('purchase', c.creditsCents, `${c.item} bought for ${dollars(c.amountCents)} (checkout ${c.sessionId})`, actor);
    out.effects.push(`+${c.creditsCents} credit cents`);
    if (settle > 0) {
      this.sql.exec('UPDATE account SET credits_cents = credits_cents - ? WHERE id = 1', settle);
      this.set({ debt_cents: b.debt_cents - settle, ...(b.debt_cents - settle === 0 ? { flag: null } : {}) });
      this.port.ledger('debt', -settle, `owed credits settled from this purchase (${dollars(b.debt_cents - settle)} still owed)`, actor);
      out.effects.push(`-${settle} owed credit cents settled`);
    }
  }

  /** A pending downgrade or cancellation whose paid period is over by the time `periodStart` begins. */
  private duePending(b: BillingRow, periodStart: number, actor: string, effects: string[]): void {
    if (!b.pending_tier || b.paid_through === null || periodStart < b.paid_through) return;
    this.set({ pending_tier: null });
    this.setTier(b.pending_tier as Tier, `the paid period ended ${day(b.paid_through)}`, actor, effects);
  }

  private subscription(c: Extract<BillingChange, { kind: 'subscription' }>, now: number, actor: string, out: BillingOutcome): void {
    const b = this.state();
    if (b.subscription_id && b.subscription_id !== c.subscriptionId) {
      if (LIVE.has(b.sub_status ?? '') && !LIVE.has(c.status)) {
        out.alerts.push({ code: 'OTHER_SUBSCRIPTION', message: `Event for subscription ${c.subscriptionId} (${c.status}) while ${b.subscription_id} is the account's live plan; nothing changed.` });
        return;
      }
    } else if (c.at < b.sub_event_at) {
      return; // an older snapshot delivered late: the newer one already applied
    }
    if (c.tier === null) {
      out.alerts.push({ code: 'UNKNOWN_PRICE', message: `Subscription ${c.subscriptionId} uses price ${c.priceId ?? '(none)'}, which this deployment does not sell; the tier was not changed.` });
      this.set({ subscription_id: c.subscriptionId, sub_status: c.status, sub_event_at: c.at });
      return;
    }
    this.set({ subscription_id: c.subscriptionId, sub_status: c.status, sub_tier: c.tier, sub_event_at: c.at, cancel_at_period_end: c.cancelAtPeriodEnd ? 1 : 0, period_end: c.periodEnd });
    out.effects.push(`subscription ${c.status}${c.cancelAtPeriodEnd ? ' (cancels at period end)' : ''}`);
    if (LIVE.has(c.status)) {
      this.duePending(b, c.periodStart, actor, out.effects);
      const current = this.tier();
      const upgrade = TIER_RANK[c.tier] >= TIER_RANK[current];
      if (upgrade) this.setTier(c.tier, `Stripe subscription ${c.subscriptionId} ${c.status}`, actor, out.effects);
      // Lower than what was paid for (a switch down), or cancelling: takes effect when this period ends.
      const pending = c.cancelAtPeriodEnd ? 'free' : upgrade ? null : c.tier;
      this.set({ grace_until: null, pending_tier: pending, paid_through: pending ? c.periodEnd : null });
      if (pending && pending !== 'free') out.effects.push(`${label(pending)} from ${day(c.periodEnd)}`);
      if (c.cancelAtPeriodEnd) this.notify('PLAN_CANCELLING', `Your ${label(this.tier())} plan is cancelled and ends on ${day(c.periodEnd)}; until then nothing changes.`, now);
      else if (b.notice_json && (JSON.parse(b.notice_json) as { code: string }).code === 'PLAN_CANCELLING') this.set({ notice_json: null });
    } else if (c.status === 'past_due') {
      if (b.grace_until === null) this.set({ grace_until: now + this.port.graceMs });
    } else if (c.status !== 'incomplete') {
      // Ended (canceled at the period's end, cancelled outright, unpaid, expired): Stripe says the
      // service is over, so the plan ends now.
      const current = this.tier();
      this.set({ pending_tier: null, paid_through: null, cancel_at_period_end: 0, grace_until: null });
      this.setTier('free', `Stripe subscription ${c.subscriptionId} ${c.status}`, actor, out.effects);
      if (current !== 'free') this.notify('PLAN_ENDED', `Your ${label(current)} plan has ended; you are on Free now. Videos use credits.`, now);
    }
  }

  private invoicePaid(c: Extract<BillingChange, { kind: 'invoice_paid' }>, now: number, actor: string, out: BillingOutcome): void {
    if (this.sql.exec('SELECT 1 FROM invoices_paid WHERE id = ?', c.invoiceId).toArray().length > 0) return;
    this.sql.exec('INSERT INTO invoices_paid (id, at) VALUES (?, ?)', c.invoiceId, now);
    out.revenue.push({ id: `inv:${c.invoiceId}`, item: c.tier ?? 'plan', kind: 'invoice', amountCents: c.amountCents, currency: c.currency });
    out.effects.push(`invoice ${c.invoiceId} paid (${dollars(c.amountCents)})`);
    const b = this.state();
    if (b.subscription_id && b.subscription_id !== c.subscriptionId) {
      out.alerts.push({ code: 'OTHER_SUBSCRIPTION', message: `Invoice ${c.invoiceId} paid for subscription ${c.subscriptionId}, not the account's ${b.subscription_id}.` });
      return;
    }
    const notice = b.notice_json ? (JSON.parse(b.notice_json) as { code: string }).code : null;
    if (c.reason === 'subscription_cycle') this.duePending(b, c.periodStart, actor, out.effects);
    this.set({
      subscription_id: c.subscriptionId,
      grace_until: null,
      ...(b.sub_status === null || b.sub_status === 'past_due' ? { sub_status: 'active' } : {}),
      ...(notice === 'PAYMENT_FAILED' || notice === 'PLAN_ENDED_UNPAID' ? { notice_json: null } : {}),
    });
    // Paid for a plan above the current tier (the subscription's own event may come later, or the
    // plan lapsed during a grace period): the plan applies now.
    if (c.tier && TIER_RANK[c.tier] > TIER_RANK[this.tier()] && !this.state().pending_tier) this.setTier(c.tier, `invoice ${c.invoiceId} paid`, actor, out.effects);
    if (c.reason === 'subscription_create' || c.reason === 'subscription_cycle') {
      const period = `${day(c.periodStart)}..${day(c.periodEnd)}`;
      this.set({ allowance_period: period, allowance_until: c.periodEnd + ALLOWANCE_SLACK_MS });
      this.sql.exec('UPDATE account SET month = ?, month_used = 0 WHERE id = 1', period);
      this.port.ledger('allowance', 0, `new allowance period ${period} (invoice ${c.invoiceId})`, actor);
      out.effects.push(`allowance period ${period}`);
    }
  }

  private invoiceFailed(c: Extract<BillingChange, { kind: 'invoice_failed' }>, now: number, actor: string, out: BillingOutcome): void {
    const b = this.state();
    if (b.subscription_id && b.subscription_id !== c.subscriptionId) return;
    const until = b.grace_until ?? now + this.port.graceMs;
    this.set({ grace_until: until });
    this.notify('PAYMENT_FAILED', `Your plan's payment of ${dollars(c.amountCents)} failed. Update your card in Manage billing by ${day(until)} to keep your plan.`, now);
    this.port.ledger('billing', 0, `payment failed for invoice ${c.invoiceId}; plan kept until ${day(until)}`, actor);
    out.effects.push(`payment failed; grace until ${day(until)}`);
  }

  /** Takes back credits; what the balance cannot cover becomes debt, flagged for an admin. */
  private takeBack(cents: number, why: string, actor: string, out: BillingOutcome, flag: string): void {
    if (cents <= 0) return;
    const take = Math.min(this.credits(), cents);
    const short = cents - take;
    if (take > 0) {
      this.sql.exec('UPDATE account SET credits_cents = credits_cents - ? WHERE id = 1', take);
      this.port.ledger('takeback', -take, why, actor);
      out.effects.push(`-${take} credit cents taken back`);
    }
    if (short > 0) {
      const b = this.state();
      this.set({ debt_cents: b.debt_cents + short, flag });
      this.port.ledger('debt', 0, `${dollars(short)} of credits already spent could not be taken back: owed (${why})`, actor);
      this.notify('CREDITS_OWED', `${dollars(short)} of credits from a refunded or disputed purchase were already used; that amount will be taken from your next credits.`, Date.now());
      out.alerts.push({ code: 'CREDITS_OWED', message: `${why}: ${dollars(short)} had already been spent; recorded as owed (balance stays at 0).` });
      out.effects.push(`${short} credit cents owed`);
    }
  }

  private refund(c: Extract<BillingChange, { kind: 'refund' }>, actor: string, out: BillingOutcome): void {
    const prev = this.sql.exec<{ refunded_cents: number }>('SELECT refunded_cents FROM charges_seen WHERE charge_id = ?', c.chargeId).toArray()[0]?.refunded_cents ?? 0;
    if (c.refundedCents <= prev) return;
    this.sql.exec('INSERT INTO charges_seen (charge_id, refunded_cents) VALUES (?, ?) ON CONFLICT (charge_id) DO UPDATE SET refunded_cents = excluded.refunded_cents', c.chargeId, c.refundedCents);
    const newly = c.refundedCents - prev;
    const p = c.paymentIntent ? this.sql.exec<PurchaseRow>('SELECT * FROM purchases WHERE payment_intent = ?', c.paymentIntent).toArray()[0] : undefined;
    out.revenue.push({ id: `refund:${c.chargeId}:${c.refundedCents}`, item: p?.item ?? this.state().sub_tier ?? 'unknown', kind: 'refund', amountCents: -newly, currency: c.currency });
    out.effects.push(`refund ${dollars(newly)}`);
    if (!p) {
      this.port.ledger('billing', 0, `charge ${c.chargeId} refunded ${dollars(newly)} (a plan payment; the plan follows its subscription)`, actor);
      out.alerts.push({ code: 'PLAN_PAYMENT_REFUNDED', message: `Charge ${c.chargeId} (not a credit pack) refunded ${dollars(newly)}; check the subscription.` });
      return;
    }
    if (p.disputed) return; // a dispute already took the whole pack back
    const target = Math.min(p.credits_cents, Math.round((p.credits_cents * c.refundedCents) / Math.max(1, p.amount_cents)));
    const delta = target - p.taken_back_cents;
    this.sql.exec('UPDATE purchases SET taken_back_cents = ? WHERE id = ?', target, p.id);
    this.takeBack(delta, `${p.item} refunded ${dollars(c.refundedCents)} of ${dollars(p.amount_cents)} (charge ${c.chargeId})`, actor, out, 'refund_after_spend');
  }

  private dispute(c: Extract<BillingChange, { kind: 'dispute' }>, actor: string, out: BillingOutcome): void {
    const seen = this.sql.exec<{ disputed: number }>('SELECT disputed FROM charges_seen WHERE charge_id = ?', c.chargeId).toArray()[0];
    if (seen?.disputed) return;
    this.sql.exec('INSERT INTO charges_seen (charge_id, disputed) VALUES (?, 1) ON CONFLICT (charge_id) DO UPDATE SET disputed = 1', c.chargeId);
    out.revenue.push({ id: `dispute:${c.disputeId}`, item: 'dispute', kind: 'dispute', amountCents: -c.amountCents, currency: c.currency });
    out.alerts.push({ code: 'DISPUTE', message: `Charge ${c.chargeId} disputed (${dollars(c.amountCents)}, ${c.reason}); respond in the Stripe dashboard.` });
    this.set({ flag: 'disputed' });
    out.effects.push(`dispute ${dollars(c.amountCents)}`);
    const p = c.paymentIntent ? this.sql.exec<PurchaseRow>('SELECT * FROM purchases WHERE payment_intent = ?', c.paymentIntent).toArray()[0] : undefined;
    if (!p) {
      this.port.ledger('billing', 0, `charge ${c.chargeId} disputed (a plan payment)`, actor);
      return;
    }
    const delta = p.credits_cents - p.taken_back_cents;
    this.sql.exec('UPDATE purchases SET taken_back_cents = credits_cents, disputed = 1 WHERE id = ?', p.id);
    this.takeBack(delta, `${p.item} disputed (charge ${c.chargeId})`, actor, out, 'disputed');
  }

  view(): BillingView {
    const b = this.state();
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    return {
      subscription: b.subscription_id && b.sub_tier && b.sub_status !== 'canceled'
        ? { tier: b.sub_tier as PaidTier, status: b.sub_status ?? 'active', currentPeriodEnd: iso(b.period_end), cancelAtPeriodEnd: b.cancel_at_period_end === 1 }
        : null,
      pendingTier: (b.pending_tier as Tier | null) ?? null,
      pendingAt: b.pending_tier ? iso(b.paid_through) : null,
      graceUntil: iso(b.grace_until),
      notice: this.currentNotice(b.notice_json),
      debtCents: b.debt_cents,
      flag: b.flag,
    };
  }

  /** What to tell the user; a plan that ended is news for a week, then no longer shown. */
  private currentNotice(json: string | null): BillingView['notice'] {
    if (!json) return null;
    const n = JSON.parse(json) as NonNullable<BillingView['notice']>;
    if (n.code.startsWith('PLAN_ENDED') && Date.parse(n.at) < Date.now() - 7 * 86400_000) return null;
    return n;
  }

  /** Admin: the debt is forgiven or settled outside Stripe; clears the flag. */
  clearFlag(reason: string, actor: string): void {
    const b = this.state();
    this.set({ flag: null, debt_cents: 0 });
    this.port.ledger('billing', 0, `flag ${b.flag ?? 'none'} cleared, ${dollars(b.debt_cents)} owed forgiven: ${reason}`, actor);
  }
}

export type { BillingAlert, RevenueLine };
