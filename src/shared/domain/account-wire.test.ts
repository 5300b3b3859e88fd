import { describe, expect, it } from 'vitest';
import { MeAnswer, MeAnswerRead, QuoteAnswer, ReservationAnswer, ReservationRead, type AccountSummary } from './account-wire';

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
  monthPicturesUsed: 12,
  monthPicturesCap: 300,
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
    const { monthPicturesUsed: _p, ...noPictures } = me;
    expect(MeAnswer.safeParse(noPictures).success).toBe(false);
    expect(MeAnswerRead.parse(me)).toMatchObject({ monthPicturesUsed: 12, monthPicturesCap: 300 });
    expect(MeAnswer.safeParse({ ...me, tier: 'gold' }).success).toBe(false);
  });

  it('the app reads a proxy from before verification and billing, and refuses a wrong plan or resolution', () => {
    const { emailVerified: _e, billing: _b, billingAccount: _a, userId: _u, llmTokensUsed: _l, monthPicturesUsed: _pu, monthPicturesCap: _pc, ...older } = me;
    expect(MeAnswerRead.parse(older)).not.toHaveProperty('billing');
    expect(MeAnswerRead.parse(older)).not.toHaveProperty('monthPicturesCap');
    expect(MeAnswerRead.safeParse({ ...older, tier: 'gold' }).success).toBe(false);
    expect(MeAnswerRead.safeParse({ ...older, maxResolution: '8k' }).success).toBe(false);
  });
});

describe('quotes and reservations, declared once for the Worker and the app', () => {
  it('a quote is allowed with its source and cost, or refused with a code and words', () => {
    expect(QuoteAnswer.parse({ allowed: true, source: 'free', costCents: 0, lengthSeconds: 15, resolution: '1080p' })).toMatchObject({ source: 'free' });
    expect(QuoteAnswer.parse({ allowed: false, code: 'PAYMENT_REQUIRED', message: 'Buy credits.', lengthSeconds: 31, resolution: '1080p' })).toMatchObject({ code: 'PAYMENT_REQUIRED' });
    expect(QuoteAnswer.safeParse({ allowed: true, source: 'gift', costCents: 0, lengthSeconds: 15, resolution: '1080p' }).success).toBe(false);
    expect(QuoteAnswer.safeParse({ allowed: false, code: 'PAYMENT_REQUIRED', lengthSeconds: 31, resolution: '1080p' }).success).toBe(false);
  });

  it('the app reads the fields it needs of a reservation and refuses one without them', () => {
    const reservation = {
      videoId: 'v1', status: 'reserved', source: 'credits', costCents: 500, lengthSeconds: 30, resolution: '1080p', aspect: '16:9',
      paidCallsUsed: 0, paidCallsCap: 20, videoSecondsUsed: 0, videoSecondsCap: null, musicSecondsUsed: 0, musicSecondsCap: 30,
      createdAt: '2026-12-03T00:00:00.000Z', expiresAt: '2026-12-04T00:00:00.000Z', settledAt: null,
    };
    expect(ReservationAnswer.strict().parse(reservation)).toEqual(reservation);
    const { aspect: _a, videoSecondsUsed: _v, ...older } = reservation;
    expect(ReservationRead.parse(older)).toMatchObject({ videoId: 'v1', paidCallsCap: 20 });
    const { paidCallsCap: _c, ...lacking } = reservation;
    expect(ReservationRead.safeParse(lacking).success).toBe(false);
    expect(ReservationAnswer.safeParse({ ...reservation, status: 'held' }).success).toBe(false);
  });
});
