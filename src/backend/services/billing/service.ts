/**
 * Buying from the app (issue 18): the offer, Checkout and the customer portal opened in the
 * user's own browser (never an embedded page), then a watch on the account until the proxy has
 * the verified webhook. The account only ever changes at the proxy; the `zapcut://account` link
 * the return page offers just makes the watch look again now (handleBillingLink), so a forged link
 * changes nothing.
 */
import type { BillingCheckoutInput, BillingItem, BillingOffer, BillingOpened } from '../../../shared/domain/billing';
import { AppError } from '../../../shared/errors';
import type { AccountSession } from '../../session/session';
import { accountSession, accountView } from '../account/service';
import type { ServiceContext } from '../context';
import { snapshotOf, waitForBillingChange } from './watch';

/** How long the app watches for a payment or a portal change (Checkout pages live for 24 h; users pay in minutes). */
export const WAIT_MS = 20 * 60_000;
const pollMs = () => Number(process.env.ZAPCUT_BILLING_POLL_MS) || 3000;

interface Waiting {
  kind: 'checkout' | 'portal';
  item: BillingItem | null;
  stop: AbortController;
  /** Wakes the poll now (the return link came back). */
  wake: Set<() => void>;
}

/** The backend's one billing watch (ctx.state.billing): a new checkout or portal replaces it. */
export interface BillingState {
  waiting: Waiting | null;
}

async function signedIn(ctx: ServiceContext): Promise<AccountSession> {
  const s = await accountSession(ctx);
  if (!s) throw new AppError('VALIDATION', 'Add the Zapcut service URL in Settings first (Service URL), then sign in to buy credits or a plan.');
  if (!s.status().signedIn) throw new AppError('UNAUTHENTICATED', 'Sign in to your Zapcut account to buy credits or a plan.');
  return s;
}

export async function billingPlans(ctx: ServiceContext): Promise<BillingOffer> {
  const s = await accountSession(ctx);
  if (!s) throw new AppError('VALIDATION', 'Add the Zapcut service URL in Settings first (Service URL) to see plans and prices.');
  return s.plans();
}

export async function openCheckout(ctx: ServiceContext, input: BillingCheckoutInput): Promise<BillingOpened> {
  const s = await signedIn(ctx);
  const before = snapshotOf(await s.account());
  const { url } = await s.checkout(input.item);
  return open(ctx, s, 'checkout', input.item, url, before);
}

export async function openPortal(ctx: ServiceContext): Promise<BillingOpened> {
  const s = await signedIn(ctx);
  const before = snapshotOf(await s.account());
  const { url } = await s.portal();
  return open(ctx, s, 'portal', null, url, before);
}

async function open(ctx: ServiceContext, s: AccountSession, kind: 'checkout' | 'portal', item: BillingItem | null, url: string, before: ReturnType<typeof snapshotOf>): Promise<BillingOpened> {
  let openedBrowser = false;
  if (ctx.desktop?.openExternal) {
    try {
      await ctx.desktop.openExternal(url);
      openedBrowser = true;
    } catch {
      // The UI shows the link to open by hand.
    }
  }
  const until = Date.now() + WAIT_MS;
  watch(ctx, s, kind, item, before, until);
  return { kind, item, url, openedBrowser, waitingUntil: new Date(until).toISOString() };
}

function watch(ctx: ServiceContext, s: AccountSession, kind: 'checkout' | 'portal', item: BillingItem | null, before: ReturnType<typeof snapshotOf>, until: number): void {
  ctx.state.billing.waiting?.stop.abort();
  const w: Waiting = { kind, item, stop: new AbortController(), wake: new Set() };
  ctx.state.billing.waiting = w;
  void (async () => {
    const got = await waitForBillingChange(() => s.account(), before, { until, pollMs: pollMs(), signal: w.stop.signal, nudged: () => new Promise<void>((r) => w.wake.add(r)) });
    if (ctx.state.billing.waiting === w) ctx.state.billing.waiting = null;
    if (got) ctx.emit('account/changed', await accountView(ctx));
    ctx.emit('billing/settled', { kind, item, outcome: got ? 'changed' : w.stop.signal.aborted ? 'stopped' : 'timeout', changes: got?.changes ?? [] });
  })();
}

export function stopWaiting(ctx: ServiceContext): { stopped: boolean } {
  const w = ctx.state.billing.waiting;
  w?.stop.abort();
  return { stopped: !!w };
}

/**
 * The browser came back through `zapcut://account?billing=…` (the proxy's return page). Nothing in
 * the link is trusted: it only makes a running watch look at the account now, or refreshes the
 * account view. Returns whether the link was one of ours.
 */
export async function handleBillingLink(ctx: ServiceContext, link: string): Promise<boolean> {
  let u: URL;
  try {
    u = new URL(link);
  } catch {
    return false;
  }
  if (u.protocol !== 'zapcut:' || u.hostname !== 'account') return false;
  const w = ctx.state.billing.waiting;
  if (w) {
    for (const wake of w.wake) wake();
    w.wake.clear();
  } else ctx.emit('account/changed', await accountView(ctx));
  return true;
}
