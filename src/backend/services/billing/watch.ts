/**
 * After Checkout or the portal opens in the browser, the app waits for the proxy to have the
 * verified webhook: it polls the account (GET /v1/me) and compares. Pure comparison here; the
 * loop takes the session, so the backend service and `zapcut billing buy` share it.
 */
import type { MeAnswerRead } from '../../../shared/domain/account-wire';
import type { BillingChangeNote } from '../../../shared/domain/billing';

export interface BillingSnapshot {
  creditsCents: number;
  tier: string;
  subscriptionTier: string | null;
  cancelAtPeriodEnd: boolean;
  pendingTier: string | null;
  pendingAt: string | null;
  currentPeriodEnd: string | null;
}

export function snapshotOf(me: MeAnswerRead): BillingSnapshot {
  const b = me.billing;
  return {
    creditsCents: me.creditsCents,
    tier: me.tier,
    subscriptionTier: b?.subscription?.tier ?? null,
    cancelAtPeriodEnd: b?.subscription?.cancelAtPeriodEnd ?? false,
    pendingTier: b?.pendingTier ?? null,
    pendingAt: b?.pendingAt ?? null,
    currentPeriodEnd: b?.subscription?.currentPeriodEnd ?? null,
  };
}

/** What changed between two looks at the account, in the terms the user cares about. */
export function billingChanges(before: BillingSnapshot, after: BillingSnapshot): BillingChangeNote[] {
  const out: BillingChangeNote[] = [];
  if (after.creditsCents !== before.creditsCents) out.push({ what: 'credits', fromCents: before.creditsCents, toCents: after.creditsCents });
  if (after.tier !== before.tier) out.push({ what: 'tier', from: before.tier, to: after.tier });
  if (after.cancelAtPeriodEnd && !before.cancelAtPeriodEnd) out.push({ what: 'cancelling', until: after.currentPeriodEnd });
  if (!after.cancelAtPeriodEnd && before.cancelAtPeriodEnd && after.subscriptionTier) out.push({ what: 'resumed' });
  if (after.pendingTier && after.pendingTier !== 'free' && after.pendingTier !== before.pendingTier) out.push({ what: 'pending', tier: after.pendingTier, at: after.pendingAt });
  return out;
}

export interface WaitOptions {
  until: number;
  pollMs: number;
  signal: AbortSignal;
  /** Resolves early when nudged (the `zapcut://account` link came back). */
  nudged?: () => Promise<void>;
}

/**
 * Polls until the account differs from `before` (→ the changes), the deadline passes (→ null) or
 * the signal aborts (→ null). A failed poll (proxy briefly unreachable) is retried at the next tick.
 */
export async function waitForBillingChange(account: () => Promise<MeAnswerRead>, before: BillingSnapshot, opts: WaitOptions): Promise<{ changes: BillingChangeNote[]; account: MeAnswerRead } | null> {
  while (!opts.signal.aborted && Date.now() < opts.until) {
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(t);
        opts.signal.removeEventListener('abort', done);
        resolve();
      };
      const t = setTimeout(done, Math.max(0, Math.min(opts.pollMs, opts.until - Date.now())));
      opts.signal.addEventListener('abort', done, { once: true });
      void opts.nudged?.().then(done);
    });
    if (opts.signal.aborted) return null;
    try {
      const me = await account();
      const changes = billingChanges(before, snapshotOf(me));
      if (changes.length > 0) return { changes, account: me };
    } catch {
      // try again at the next tick
    }
  }
  return null;
}
