import { describe, expect, it } from 'vitest';
import { PNG_URI, admin, api, eventually, fakeUrl, grantCredits, reserve, signup } from './helpers';

// Issue 14 (critical): a refunded video must not keep what its paid calls produced. The rule: an
// output reaches the user only through the ledger's `deliver`, which commits a reserved video
// first and refuses a refunded or expired one — so "given back" is true exactly when the user got
// nothing, and a video whose output was fetched stays spent (only an admin refunds it, audited).

const KLING = '/replicate/v1/models/kwaivgi/kling-v2.1/predictions';

async function fakeSaw(marker: string): Promise<boolean> {
  const r = (await (await fetch(`${fakeUrl()}/__requests`)).json()) as { requests: { bodyHead: string }[] };
  return r.requests.some((q) => q.bodyHead.includes(marker));
}

describe('a refunded video keeps nothing', () => {
  it('fail after paid calls → refunded, and their outputs are no longer handed out (the attack from the issue)', async () => {
    const u = await signup();
    for (let round = 0; round < 2; round++) {
      const v = await reserve(u.accessToken, 15, `r${round}`);
      expect(v.body.source).toBe('free');
      const made = [];
      for (let i = 0; i < 2; i++) {
        const p = await api(KLING, { token: u.accessToken, headers: { 'x-zapcut-video': v.body.videoId }, body: { input: { prompt: `tea on a table ${round}-${i}`, duration: 5, start_image: PNG_URI } } });
        expect(p.status).toBe(201);
        made.push(p.body.id as string);
      }
      const failed = await api(`/v1/videos/${v.body.videoId}/fail`, { token: u.accessToken, body: { reason: 'attacker says it failed' } });
      expect(failed.body.status).toBe('refunded');
      for (const id of made) {
        // Poll past the point where the fake provider has finished: the status is readable while
        // it runs, but the output never comes back.
        const seen: number[] = [];
        for (let k = 0; k < 4; k++) {
          const got = await api(`/replicate/v1/predictions/${id}`, { token: u.accessToken });
          seen.push(got.status);
          expect(JSON.stringify(got.body)).not.toContain('replicate.delivery');
          if (got.status === 409) expect(got.body.error.code).toBe('VIDEO_NOT_ACTIVE');
        }
        expect(seen.at(-1)).toBe(409);
        const cancelled = await api(`/replicate/v1/predictions/${id}/cancel`, { token: u.accessToken, method: 'POST' });
        expect(JSON.stringify(cancelled.body)).not.toContain('replicate.delivery');
      }
      // The refund stands: nothing was delivered, so the free video really was given back.
      expect((await api(`/v1/videos/${v.body.videoId}`, { token: u.accessToken })).body.status).toBe('refunded');
    }
    expect((await api('/v1/me', { token: u.accessToken })).body.freeVideosUsed).toBe(0);
  });

  it('an output fetched before the failure spends the video: fail does not refund it; only an admin can, audited', async () => {
    const u = await signup();
    await grantCredits(u.id, 800);
    const v = await reserve(u.accessToken, 45);
    expect(v.body.source).toBe('credits');
    const p = await api(KLING, { token: u.accessToken, headers: { 'x-zapcut-video': v.body.videoId }, body: { input: { prompt: 'a bottle', duration: 5, start_image: PNG_URI } } });
    const done = await eventually(() => api(`/replicate/v1/predictions/${p.body.id}`, { token: u.accessToken }), (r) => r.body.status === 'succeeded');
    expect(done.body.output).toMatch(/^https:\/\/replicate\.delivery\//);
    const f = await api(`/v1/videos/${v.body.videoId}/fail`, { token: u.accessToken, body: {} });
    expect(f.body.status).toBe('committed');
    expect((await api('/v1/me', { token: u.accessToken })).body.creditsCents).toBe(0);
    // Refunding it after that is an admin decision, with an audit entry.
    const token = await admin();
    const r = await api(`/admin/reservations/${v.body.videoId}/refund`, { token, body: { reason: 'support: the ad never rendered' } });
    expect(r.body.status).toBe('refunded');
    const entries = (await api('/admin/audit', { token })).body.entries as { action: string; targetUserId: string; reason: string }[];
    expect(entries.find((e) => e.action === 'refund' && e.targetUserId === u.id)?.reason).toBe('support: the ad never rendered');
  });

  it('a media answer that arrives after the refund is withheld (OpenAI image held at the provider while the run is failed)', async () => {
    const u = await signup();
    const v = await reserve(u.accessToken, 15);
    const tag = `img-${crypto.randomUUID()}`;
    const pending = api('/openai/v1/images/generations', { token: u.accessToken, headers: { 'x-zapcut-video': v.body.videoId }, body: { model: 'gpt-image-1', prompt: `a red sneaker HOLD:${tag}` } });
    // The paid call is at the provider (its paid call was taken) before the run is failed.
    await eventually(() => fakeSaw(tag), (seen) => seen);
    expect((await api(`/v1/videos/${v.body.videoId}/fail`, { token: u.accessToken, body: {} })).body.status).toBe('refunded');
    await fetch(`${fakeUrl()}/__release/${tag}`, { method: 'POST' });
    const answer = await pending;
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('VIDEO_NOT_ACTIVE');
    expect(JSON.stringify(answer.body)).not.toContain('b64_json');
    expect((await api('/v1/me', { token: u.accessToken })).body.freeVideosUsed).toBe(0);
  });
});
