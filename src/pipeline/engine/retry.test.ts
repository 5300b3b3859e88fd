import { describe, expect, it } from 'vitest';
import { type AppError } from '../../shared/errors';
import { ProviderError, parseRetryAfter } from '../providers/errors';
import { backoffMs, withRetry } from './retry';

const policy = { maxAttempts: 3, baseMs: 100, capMs: 1000, random: () => 1 };

describe('backoffMs', () => {
  it('doubles per attempt up to the cap (full jitter scales it)', () => {
    expect([1, 2, 3, 4, 5].map((a) => backoffMs(a, policy))).toEqual([100, 200, 400, 800, 1000]);
    expect(backoffMs(3, { ...policy, random: () => 0.5 })).toBe(200);
  });
  it('never retries before Retry-After', () => {
    expect(backoffMs(1, { ...policy, random: () => 0 }, 5000)).toBe(5000);
    expect(backoffMs(4, policy, 10)).toBe(800);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter('0.5')).toBe(500);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe('withRetry', () => {
  const fast = { maxAttempts: 3, baseMs: 1, capMs: 2 };
  it('retries retryable errors and returns the first success', async () => {
    let n = 0;
    const delays: number[] = [];
    const v = await withRetry('scene:2', async () => {
      if (++n < 3) throw new ProviderError('busy', { status: 503 });
      return 'ok';
    }, { policy: fast, onRetry: (e) => delays.push(e.delayMs) });
    expect(v).toBe('ok');
    expect(delays).toHaveLength(2);
  });
  it('fails at once on a non-retryable error, naming the stage and what to do', async () => {
    let n = 0;
    const err = await withRetry('storyboard', async () => {
      n++;
      throw new ProviderError('bad key', { status: 401, code: 'UNAUTHENTICATED' });
    }, { policy: fast }).catch((e: AppError) => e);
    expect(n).toBe(1);
    expect(err.code).toBe('UNAUTHENTICATED');
    expect(err.message).toMatch(/^Stage "storyboard" failed \(HTTP 401\): bad key\. Sign in again/);
  });
  it('gives up after maxAttempts with a resume hint', async () => {
    const err = await withRetry('music', async () => {
      throw new ProviderError('oops', { status: 500 });
    }, { policy: fast }).catch((e: AppError) => e);
    expect(err.message).toMatch(/gave up after 3 attempts \(HTTP 500\).*zapcut resume/);
  });
  it('stops waiting when cancelled', async () => {
    const ac = new AbortController();
    const p = withRetry('scene:1', async () => {
      throw new ProviderError('rate', { status: 429, retryAfterMs: 60_000 });
    }, { policy: fast, signal: ac.signal });
    setTimeout(() => ac.abort(), 20);
    await expect(p).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
