import { describe, expect, it } from 'vitest';
import type { AccountUsage, AccountView } from '../../../../shared/domain/account';
import { costNote } from './costNote';

const usage: AccountUsage = { tier: 'free', creditsCents: 0, freeVideosUsed: 1, freeVideosLeft: 2, month: '2026-11', monthVideosUsed: 0, monthVideosLeft: 0, maxLengthSeconds: 30, maxResolution: '1080p', suspended: false };
const offline: AccountView = { proxyUrl: '', signedIn: false, email: null, store: 'memory', usage: null, problem: null };
const signedIn: AccountView = { proxyUrl: 'http://127.0.0.1:8799', signedIn: true, email: 'a@b.co', store: 'keychain', usage, problem: null };

describe('cost before you generate', () => {
  it('is free offline, and offline when signed out of a proxy', () => {
    expect(costNote(offline, null)).toEqual({ kind: 'offline', canGenerate: true });
    expect(costNote({ ...signedIn, signedIn: false, usage: null }, null).kind).toBe('offline');
    expect(costNote(null, null)).toEqual({ kind: 'loading', canGenerate: false });
  });

  it('maps an allowed quote to its source and cost', () => {
    expect(costNote(signedIn, null).kind).toBe('loading');
    expect(costNote(signedIn, { allowed: true, source: 'free', costCents: 0, lengthSeconds: 15 })).toEqual({ kind: 'cost', canGenerate: true, source: 'free', costCents: 0 });
    expect(costNote(signedIn, { allowed: true, source: 'credits', costCents: 450, lengthSeconds: 30 })).toMatchObject({ source: 'credits', costCents: 450, canGenerate: true });
  });

  it('blocks generation with an upgrade prompt or a way to get credits', () => {
    const upgrade = 'The free plan makes videos up to 30 s; choose a shorter length or upgrade. Upgrade to Pro or Agency to make 60 s ads.';
    expect(costNote(signedIn, { allowed: false, code: 'LENGTH_NOT_IN_TIER', message: upgrade, lengthSeconds: 60 })).toEqual({ kind: 'upgrade', canGenerate: false, message: upgrade });
    expect(costNote(signedIn, { allowed: false, code: 'PAYMENT_REQUIRED', message: 'Buy a credit pack.', lengthSeconds: 15 })).toMatchObject({ kind: 'credits', canGenerate: false });
    expect(costNote(signedIn, { allowed: false, code: 'QUOTA_EXHAUSTED', message: 'Wait.', lengthSeconds: 15 }).kind).toBe('credits');
    expect(costNote(signedIn, { allowed: false, code: 'SUSPENDED', message: 'Contact support.', lengthSeconds: 15 })).toMatchObject({ kind: 'refused', canGenerate: false });
  });

  it('says the proxy is unreachable (and does not generate) when usage or the quote could not be read', () => {
    expect(costNote({ ...signedIn, usage: null, problem: { code: 'OFFLINE', message: 'No answer from the service.' } }, null)).toEqual({ kind: 'unreachable', canGenerate: false, message: 'No answer from the service.' });
    expect(costNote(signedIn, new Error('fetch failed'))).toMatchObject({ kind: 'unreachable', message: 'fetch failed' });
  });
});
