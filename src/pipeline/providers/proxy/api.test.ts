import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { proxyError, resolutionName, upgradeHint, type ProxyAuth } from './api';
import { RunReservations, reservationKey } from './reservations';

describe('proxy refusals', () => {
  it('map to PAYMENT_REQUIRED with an upgrade prompt naming the tier that allows the length', () => {
    const e = proxyError(402, { error: { code: 'LENGTH_NOT_IN_TIER', message: 'The starter plan makes videos up to 30 s.' } }, { lengthSeconds: 60 });
    expect(e.code).toBe('PAYMENT_REQUIRED');
    expect(e.message).toMatch(/Upgrade to Pro or Agency to make 60 s ads/);
    expect(e.details).toMatchObject({ proxyCode: 'LENGTH_NOT_IN_TIER', status: 402 });
    expect(proxyError(402, { error: { code: 'PAYMENT_REQUIRED', message: 'Needs $8.00.' } }, { lengthSeconds: 60 }).message).toMatch(/upgrade to Pro or buy a credit pack/);
    expect(upgradeHint('QUOTA_EXHAUSTED')).toMatch(/next month/);
  });
  it('keeps other statuses apart (401, 429 retryable, 5xx retryable, odd bodies)', () => {
    expect(proxyError(401, { error: { code: 'UNAUTHENTICATED', message: 'x' } }).code).toBe('UNAUTHENTICATED');
    expect(proxyError(429, { error: { code: 'RATE_LIMITED', message: 'slow' } }).retryable).toBe(true);
    const e = proxyError(502, '<html>bad gateway</html>');
    expect(e).toMatchObject({ code: 'PROVIDER', retryable: true });
    expect(e.message).toMatch(/HTTP 502/);
  });
  it('name resolutions by the short side', () => {
    expect(resolutionName({ width: 1920, height: 1080 })).toBe('1080p');
    expect(resolutionName({ width: 720, height: 1280 })).toBe('720p');
    expect(resolutionName({ width: 160, height: 90 })).toBe('720p');
    expect(resolutionName({ width: 3840, height: 2160 })).toBe('4k');
  });
});

describe('RunReservations', () => {
  it('reuses one request for concurrent callers and moves past a refunded reservation deterministically', async () => {
    const keys: string[] = [];
    const server = createServer((req, res) => {
      const key = String(req.headers['idempotency-key']);
      keys.push(key);
      const gen = Number(key.split(':').pop());
      setTimeout(() => {
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ videoId: `vid_${gen}`, status: gen === 0 ? 'refunded' : 'reserved', source: 'free', costCents: 0, lengthSeconds: 15, paidCallsUsed: 0, paidCallsCap: 12 }));
      }, 20);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const a = server.address();
    const auth: ProxyAuth = { baseUrl: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`, accessToken: async () => 'token-0123456789', refreshed: async () => 'token-0123456789' };
    const r = new RunReservations(auth, () => ({ lengthSeconds: 15, aspect: '16:9', resolution: { width: 1920, height: 1080 } }));
    const [x, y] = await Promise.all([r.videoFor('run-1'), r.videoFor('run-1')]);
    expect(x.videoId).toBe('vid_1');
    expect(y).toBe(x);
    expect(keys).toEqual([reservationKey('run-1', 0), reservationKey('run-1', 1)]);
    server.close();
  });
});
