import { describe, expect, it } from 'vitest';
import { MeAnswer, MeAnswerRead, type AccountSummary } from './account-wire';

const summary: AccountSummary = {
  userId: 'u1',
  tier: 'pro',
  creditsCents: 500,
  freeVideosUsed: 2,
  freeVideosLeft: 0,
  month: '2026-12',
  monthVideosUsed: 3,
  monthVideosLeft: 27,
  maxLengthSeconds: 60,
  resolutions: ['720p', '1080p'],
  maxResolution: '1080p',
  priority: true,
  apiAccess: false,
  llmTokensUsed: 10,
  llmTokensHeld: 0,
  llmTokensLeft: 5_999_990,
  trainingsPerMonth: 10,
  trainingsLeft: 9,
  emailVerified: true,
  suspended: false,
  suspendedReason: null,
  billing: { subscription: { tier: 'pro', status: 'active', currentPeriodEnd: null, cancelAtPeriodEnd: false }, pendingTier: null, pendingAt: null, graceUntil: null, notice: null, debtCents: 0, flag: null },
};
const me = { ...summary, id: 'u1', email: 'a@example.com', role: 'user', billingAccount: true };

describe('GET /v1/me, declared once for the Worker and the app', () => {
  it('what the Worker sends parses on both sides', () => {
    expect(MeAnswer.parse(me)).toEqual(me);
    expect(MeAnswerRead.parse(me)).toMatchObject({ tier: 'pro', emailVerified: true, billingAccount: true });
  });

  it('the Worker cannot send an answer that lacks a field or names an unknown plan', () => {
    const { trainingsLeft: _, ...lacking } = me;
    expect(MeAnswer.safeParse(lacking).success).toBe(false);
    expect(MeAnswer.safeParse({ ...me, tier: 'gold' }).success).toBe(false);
  });

  it('the app reads a proxy from before verification and billing, and refuses a wrong plan or resolution', () => {
    const { emailVerified: _e, billing: _b, billingAccount: _a, userId: _u, llmTokensUsed: _l, ...older } = me;
    expect(MeAnswerRead.parse(older)).not.toHaveProperty('billing');
    expect(MeAnswerRead.safeParse({ ...older, tier: 'gold' }).success).toBe(false);
    expect(MeAnswerRead.safeParse({ ...older, maxResolution: '8k' }).success).toBe(false);
  });
});
