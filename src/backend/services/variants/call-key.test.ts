import { describe, expect, it } from 'vitest';
import { callKey } from './service';

describe("a variant set's paid-call keys", () => {
  const ad = { runId: 'run-1' };
  it('answer the same ask from the first call and make another ask a new call', () => {
    const hookB = { text: 'Made for you.', voice: 'american', language: 'en', maxSeconds: 2.3 };
    // The same line again (a set resumed or made again): the same key, so the proxy replays it.
    expect(callKey(ad, 'hookB', hookB)).toBe(callKey(ad, 'hookB', { ...hookB }));
    // A second set's hook B in other words, or in another voice: a new key — the proxy refuses a key reused with another body (409).
    expect(callKey(ad, 'hookB', { ...hookB, text: 'Calm mornings start here.' })).not.toBe(callKey(ad, 'hookB', hookB));
    expect(callKey(ad, 'hookB', { ...hookB, voice: 'british' })).not.toBe(callKey(ad, 'hookB', hookB));
    // Three hooks asked of the writer instead of two: new lines.
    expect(callKey(ad, 'lines', { hooks: 2 })).not.toBe(callKey(ad, 'lines', { hooks: 1 }));
    // Led by the ad's run id (a proxy call is one under the ad's own video).
    expect(callKey(ad, 'music1', { seed: 1 })).toMatch(/^run-1:variants:music1:[0-9a-f]{16}$/);
  });
});
