import { describe, expect, it } from 'vitest';
import { creditPriceCents, paidCallCap, quoteVideo, quoteVideos, type EntitlementState } from './plans';

const state = (s: Partial<EntitlementState>): EntitlementState => ({ tier: 'free', creditsCents: 0, freeUsed: 0, monthUsed: 0, ...s });

describe('quoteVideo', () => {
  it('walks the free allowance, then the plan, then credits', () => {
    expect(quoteVideo(state({}), 15, '1080p')).toMatchObject({ ok: true, source: 'free' });
    expect(quoteVideo(state({}), 16, '1080p')).toMatchObject({ ok: false, code: 'PAYMENT_REQUIRED' });
    expect(quoteVideo(state({ freeUsed: 1 }), 30, '1080p')).toMatchObject({ ok: true, source: 'free' });
    expect(quoteVideo(state({ freeUsed: 2 }), 5, '1080p')).toMatchObject({ ok: false, code: 'PAYMENT_REQUIRED' });
    expect(quoteVideo(state({ freeUsed: 2, creditsCents: 500 }), 30, '1080p')).toMatchObject({ ok: true, source: 'credits', costCents: 500 });
    expect(quoteVideo(state({ freeUsed: 2, creditsCents: 799 }), 31, '1080p')).toMatchObject({ ok: false, code: 'PAYMENT_REQUIRED' });
    expect(quoteVideo(state({ tier: 'pro', freeUsed: 2, monthUsed: 29 }), 60, '1080p')).toMatchObject({ ok: true, source: 'plan', costCents: 0 });
    expect(quoteVideo(state({ tier: 'pro', freeUsed: 2, monthUsed: 30 }), 60, '1080p')).toMatchObject({ ok: false, code: 'QUOTA_EXHAUSTED' });
    expect(quoteVideo(state({ tier: 'pro', freeUsed: 2, monthUsed: 30, creditsCents: 800 }), 60, '1080p')).toMatchObject({ ok: true, source: 'credits', costCents: 800 });
  });

  it('enforces tier length and resolution before anything else', () => {
    expect(quoteVideo(state({ tier: 'starter', creditsCents: 10_000 }), 45, '1080p')).toMatchObject({ ok: false, code: 'LENGTH_NOT_IN_TIER' });
    expect(quoteVideo(state({ tier: 'agency' }), 61, '1080p')).toMatchObject({ ok: false, code: 'LENGTH_NOT_IN_TIER' });
    expect(quoteVideo(state({ tier: 'pro' }), 15, '4k')).toMatchObject({ ok: false, code: 'RESOLUTION_NOT_IN_TIER' });
    expect(quoteVideo(state({ tier: 'agency' }), 15, '4k')).toMatchObject({ ok: true });
  });

  it('prices credits so both packs are exact and caps paid calls per video', () => {
    expect(10 * creditPriceCents(30)).toBe(5000); // $40 pack = 10 × ≤30 s (granted as 10 × $5)
    expect(10 * creditPriceCents(60)).toBe(8000); // $70 pack = 10 × ≤60 s (granted as 10 × $8)
    expect(paidCallCap(5)).toBe(12);
    expect(paidCallCap(15)).toBe(20); // the app's 15 s ad makes 15 (4 of them keyframes)
    expect(paidCallCap(60)).toBe(56);
  });
});

describe('quoteVideos (a batch)', () => {
  const v = (...lengths: number[]) => lengths.map((lengthSeconds) => ({ lengthSeconds, resolution: '1080p' as const }));
  it('prices each video after the allowed ones before it: free slots, then credits, until they run out', () => {
    const q = quoteVideos(state({ creditsCents: 1300 }), v(15, 30, 30, 60, 30, 15));
    expect(q.videos.map((x) => (x.ok ? `${x.source}:${x.costCents}` : x.code))).toEqual(['free:0', 'free:0', 'credits:500', 'credits:800', 'PAYMENT_REQUIRED', 'PAYMENT_REQUIRED']);
    expect(q).toMatchObject({ fits: 4, totalCents: 1300 });
  });
  it('a refused video uses nothing, so a later one may still fit; the plan quota counts down', () => {
    // 45 s is past Starter's 30 s: refused, and the 10 plan videos still cover the rest.
    const q = quoteVideos(state({ tier: 'starter', freeUsed: 2, monthUsed: 8 }), v(20, 45, 30, 30));
    expect(q.videos.map((x) => (x.ok ? x.source : x.code))).toEqual(['plan', 'LENGTH_NOT_IN_TIER', 'plan', 'QUOTA_EXHAUSTED']);
    expect(q).toMatchObject({ fits: 2, totalCents: 0 });
    // The first free slot takes only ≤15 s: a 30 s first video is paid, and the 15 s after it is free.
    expect(quoteVideos(state({ creditsCents: 500 }), v(30, 15)).videos.map((x) => (x.ok ? x.source : x.code))).toEqual(['credits', 'free']);
  });
});
