import { describe, expect, it } from 'vitest';
import { PNG_URI, api, eventually, fakeUrl, reserve, signup } from './helpers';

// Issue 14 (high): a reservation buys seconds of generated video, not calls. A video of L seconds
// may generate at most 2·L + 2·(the model's longest clip) seconds of video (the app's plan, one
// regenerated scene and one unseen retry), and clip durations must be whole seconds the model
// accepts. A clip that failed at the provider gives its seconds back.

const KLING = '/replicate/v1/models/kwaivgi/kling-v2.1/predictions';

async function fakeSaw(marker: string): Promise<boolean> {
  const r = (await (await fetch(`${fakeUrl()}/__requests`)).json()) as { requests: { bodyHead: string }[] };
  return r.requests.some((q) => q.bodyHead.includes(marker));
}

describe('seconds of video per reservation', () => {
  it('40 parallel 10 s clips on a free 15 s video: exactly 50 s are accepted (2·15 + 2·10), not 160 s', async () => {
    const u = await signup();
    const v = await reserve(u.accessToken, 15);
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => api(KLING, { token: u.accessToken, headers: { 'x-zapcut-video': v.body.videoId }, body: { input: { prompt: `clip ${i}`, duration: 10, start_image: PNG_URI } } })),
    );
    const ok = results.filter((r) => r.status === 201);
    expect(ok).toHaveLength(5);
    const refused = results.filter((r) => r.status !== 201);
    expect(new Set(refused.map((r) => `${r.status} ${r.body.error.code}`))).toEqual(new Set(['402 VIDEO_SECONDS_LIMIT']));
    expect(refused[0]!.body.error.message).toMatch(/50 s/);
    const after = (await api(`/v1/videos/${v.body.videoId}`, { token: u.accessToken })).body;
    expect(after).toMatchObject({ videoSecondsUsed: 50, videoSecondsCap: 50, paidCallsUsed: 5 });
  });

  it('durations must be whole seconds the model accepts: "60s", {}, 7.5, "5" and 7 are 400 and reach nobody', async () => {
    const u = await signup();
    const v = await reserve(u.accessToken, 15);
    const marker = `dur-${crypto.randomUUID()}`;
    for (const duration of ['60s', {}, 7.5, '5', 7, -5, null]) {
      const r = await api(KLING, { token: u.accessToken, headers: { 'x-zapcut-video': v.body.videoId }, body: { input: { prompt: marker, duration, start_image: PNG_URI } } });
      expect(r.status, JSON.stringify(duration)).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION');
      expect(r.body.error.message).toMatch(/duration.*5 or 10/);
    }
    expect(await fakeSaw(marker)).toBe(false);
    expect((await api(`/v1/videos/${v.body.videoId}`, { token: u.accessToken })).body).toMatchObject({ paidCallsUsed: 0, videoSecondsUsed: 0 });
    // Left out, the model's default (5 s for kling) is what is counted.
    const dflt = await api(KLING, { token: u.accessToken, headers: { 'x-zapcut-video': v.body.videoId }, body: { input: { prompt: 'tea', start_image: PNG_URI } } });
    expect(dflt.status).toBe(201);
    expect((await api(`/v1/videos/${v.body.videoId}`, { token: u.accessToken })).body.videoSecondsUsed).toBe(5);
  });

  it('a clip that failed at the provider gives its seconds back; music counts its own seconds', async () => {
    const u = await signup();
    const v = await reserve(u.accessToken, 15);
    const bad = await api(KLING, { token: u.accessToken, headers: { 'x-zapcut-video': v.body.videoId }, body: { input: { prompt: 'FAIL_PREDICTION tea', duration: 10, start_image: PNG_URI } } });
    expect((await api(`/v1/videos/${v.body.videoId}`, { token: u.accessToken })).body.videoSecondsUsed).toBe(10);
    await eventually(() => api(`/replicate/v1/predictions/${bad.body.id}`, { token: u.accessToken }), (r) => r.body.status === 'failed');
    // Polling the failed clip again does not give its seconds back twice.
    await api(`/replicate/v1/predictions/${bad.body.id}`, { token: u.accessToken });
    expect((await api(`/v1/videos/${v.body.videoId}`, { token: u.accessToken })).body.videoSecondsUsed).toBe(0);

    const music = await api('/music/v1/generate', { token: u.accessToken, headers: { 'x-zapcut-video': v.body.videoId }, body: { prompt: 'warm guitar', durationSeconds: 15 } });
    expect(music.status).toBe(201);
    expect((await api(`/v1/videos/${v.body.videoId}`, { token: u.accessToken })).body).toMatchObject({ musicSecondsUsed: 15, musicSecondsCap: 30 });
    const second = await api('/music/v1/generate', { token: u.accessToken, headers: { 'x-zapcut-video': v.body.videoId }, body: { prompt: 'warm guitar again', durationSeconds: 15 } });
    expect(second.status).toBe(201);
    const third = await api('/music/v1/generate', { token: u.accessToken, headers: { 'x-zapcut-video': v.body.videoId }, body: { prompt: 'and again', durationSeconds: 5 } });
    expect(third.status).toBe(402);
    expect(third.body.error.code).toBe('MUSIC_SECONDS_LIMIT');
  });
});
