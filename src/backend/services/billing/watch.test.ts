import { describe, expect, it } from 'vitest';
import { billingChanges, waitForBillingChange, type BillingSnapshot } from './watch';
import type { MeAnswerRead } from '../../../shared/domain/account-wire';

const base: BillingSnapshot = { creditsCents: 0, tier: 'free', subscriptionTier: null, cancelAtPeriodEnd: false, pendingTier: null, pendingAt: null, currentPeriodEnd: null };

describe('billingChanges', () => {
  it('names credits added, a new tier, a cancellation, a resumed plan and a pending switch down', () => {
    expect(billingChanges(base, base)).toEqual([]);
    expect(billingChanges(base, { ...base, creditsCents: 5000 })).toEqual([{ what: 'credits', fromCents: 0, toCents: 5000 }]);
    const pro = { ...base, tier: 'pro', subscriptionTier: 'pro', currentPeriodEnd: '2027-01-01T00:00:00.000Z' };
    expect(billingChanges(base, pro)).toEqual([{ what: 'tier', from: 'free', to: 'pro' }]);
    const cancelling = { ...pro, cancelAtPeriodEnd: true, pendingTier: 'free', pendingAt: pro.currentPeriodEnd };
    // Cancelling says when it ends; the pending "free" is that same fact, not a second note.
    expect(billingChanges(pro, cancelling)).toEqual([{ what: 'cancelling', until: '2027-01-01T00:00:00.000Z' }]);
    expect(billingChanges(cancelling, pro)).toEqual([{ what: 'resumed' }]);
    expect(billingChanges(pro, { ...pro, subscriptionTier: 'starter', pendingTier: 'starter', pendingAt: 'x' })).toEqual([{ what: 'pending', tier: 'starter', at: 'x' }]);
  });
});

describe('waitForBillingChange', () => {
  const me = (creditsCents: number) => ({ creditsCents, tier: 'free' }) as MeAnswerRead;

  it('returns the change once the account differs, after polls that failed or saw nothing', async () => {
    const answers: (number | Error)[] = [0, new Error('offline'), 0, 5000];
    const got = await waitForBillingChange(async () => {
      const a = answers.shift()!;
      if (a instanceof Error) throw a;
      return me(a);
    }, base, { until: Date.now() + 5000, pollMs: 5, signal: new AbortController().signal });
    expect(got?.changes).toEqual([{ what: 'credits', fromCents: 0, toCents: 5000 }]);
    expect(answers).toEqual([]);
  });

  it('gives up at the deadline and when stopped', async () => {
    expect(await waitForBillingChange(async () => me(0), base, { until: Date.now() + 30, pollMs: 5, signal: new AbortController().signal })).toBeNull();
    const stop = new AbortController();
    const waiting = waitForBillingChange(async () => me(0), base, { until: Date.now() + 60_000, pollMs: 5, signal: stop.signal });
    stop.abort();
    expect(await waiting).toBeNull();
  });
});
