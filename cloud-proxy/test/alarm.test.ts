import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
// @ts-expect-error plain ESM helper
import { startWorker, writeEnvFile } from '../scripts/worker-process.mjs';
// @ts-expect-error plain ESM fakes
import { FAKE_KEYS } from '../fakes/upstreams.mjs';
import type { StartedWorker } from './globalSetup';
import { JWT_SECRET } from './constants';
import { PNG_URI, api, eventually, signup } from './helpers';

// Its own Worker with a 4-second reservation lifetime (short, so the Durable Object alarm is observable; not so short that a loaded machine expires a video mid-test),
// a 1-second refresh grace window, so reuse detection after it is observable,
// and with a Suno gateway configured, so the music adapter's Suno path runs too.
let worker: StartedWorker;
beforeAll(async () => {
  const dir = join(inject('tmpDir'), 'alarm');
  const envFile = join(dir, 'alarm.env');
  writeEnvFile(envFile, { JWT_SECRET, REPLICATE_API_TOKEN: FAKE_KEYS.replicate, REPLICATE_BASE_URL: inject('fakeBaseUrls').REPLICATE_BASE_URL, RESERVATION_TTL_SECONDS: '4', REFRESH_GRACE_SECONDS: '1', SUNO_API_KEY: FAKE_KEYS.suno, SUNO_BASE_URL: inject('fakeBaseUrls').SUNO_BASE_URL, ...inject('emailEnv') });
  worker = await startWorker({ persistTo: join(dir, 'state'), envFile });
});
afterAll(async () => {
  await worker?.stop();
});

describe('stale reservations', () => {
  it('the alarm expires a reservation nobody settled, gives the video back, and leaves committed ones alone', async () => {
    const base = worker.url;
    const u = await signup(base);
    const s = await api('/v1/videos', { base, token: u.accessToken, body: { lengthSeconds: 15 }, headers: { 'idempotency-key': 'stale' } });
    expect(s.body.source, JSON.stringify(s.body)).toBe('free');
    // A paid call on it that nobody fetched: once the video expires (given back), its output is withheld.
    const unfetched = await api('/replicate/v1/models/kwaivgi/kling-v2.1/predictions', { base, token: u.accessToken, headers: { 'x-zapcut-video': s.body.videoId }, body: { input: { prompt: 'tea left on a table', duration: 5, start_image: PNG_URI } } });
    expect(unfetched.status).toBe(201);
    const kept = await api('/v1/videos', { base, token: u.accessToken, body: { lengthSeconds: 30 }, headers: { 'idempotency-key': 'kept' } });
    expect(kept.body.source).toBe('free');
    const pred = await api('/replicate/v1/models/kwaivgi/kling-v2.1/predictions', { base, token: u.accessToken, headers: { 'x-zapcut-video': kept.body.videoId, prefer: 'wait' }, body: { input: { prompt: 'tea on a table', duration: 5, start_image: PNG_URI } } });
    expect(pred.body.status).toBe('succeeded');
    expect((await api('/v1/me', { base, token: u.accessToken })).body.freeVideosUsed).toBe(2);

    const expired = await eventually(() => api(`/v1/videos/${s.body.videoId}`, { base, token: u.accessToken }), (r) => r.body.status !== 'reserved', 15_000);
    expect(expired.body.status).toBe('expired');
    const late = await eventually(() => api(`/replicate/v1/predictions/${unfetched.body.id}`, { base, token: u.accessToken }), (r) => r.status !== 200, 15_000);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('VIDEO_NOT_ACTIVE');
    expect((await api(`/v1/videos/${kept.body.videoId}`, { base, token: u.accessToken })).body.status).toBe('committed');
    const me = (await api('/v1/me', { base, token: u.accessToken })).body;
    expect(me.freeVideosUsed).toBe(1);
    // Failing an expired video afterwards changes nothing.
    expect((await api(`/v1/videos/${s.body.videoId}/fail`, { base, token: u.accessToken, body: {} })).body.status).toBe('expired');
    expect((await api('/v1/me', { base, token: u.accessToken })).body.freeVideosUsed).toBe(1);
  });
});

describe('music through a configured Suno gateway', () => {
  it('generates, polls to success, and commits the video', async () => {
    const base = worker.url;
    const u = await signup(base);
    const v = await api('/v1/videos', { base, token: u.accessToken, body: { lengthSeconds: 15 }, headers: { 'idempotency-key': 'music' } });
    const task = await api('/music/v1/generate', { base, token: u.accessToken, headers: { 'x-zapcut-video': v.body.videoId }, body: { prompt: 'warm lo-fi beat', durationSeconds: 15 } });
    expect(task.status).toBe(201);
    expect(task.body).toMatchObject({ provider: 'suno', status: 'queued' });
    const done = await eventually(() => api(`/music/v1/tasks/${task.body.id}`, { base, token: u.accessToken }), (r) => r.body.status === 'succeeded');
    expect(done.body.audioUrl).toBe(`https://cdn.suno.example/${task.body.id}-0.mp3`);
    expect((await api(`/v1/videos/${v.body.videoId}`, { base, token: u.accessToken })).body.status).toBe('committed');
    const other = await signup(base);
    expect((await api(`/music/v1/tasks/${task.body.id}`, { base, token: other.accessToken })).status).toBe(404);
    const unsafe = await api('/music/v1/generate', { base, token: u.accessToken, headers: { 'x-zapcut-video': v.body.videoId }, body: { prompt: 'a song about snorting cocaine' } });
    expect(unsafe.body.error.code).toBe('SAFETY_BLOCKED');
  });

  it('a task the gateway fails ends as failed on the next poll (not polled for 20 minutes as "running")', async () => {
    const base = worker.url;
    const u = await signup(base);
    const v = await api('/v1/videos', { base, token: u.accessToken, body: { lengthSeconds: 15 }, headers: { 'idempotency-key': 'music-fail' } });
    const task = await api('/music/v1/generate', { base, token: u.accessToken, headers: { 'x-zapcut-video': v.body.videoId }, body: { prompt: 'FAIL_PREDICTION calm piano', durationSeconds: 15 } });
    expect(task.status).toBe(201);
    const seen: string[] = [];
    for (let i = 0; i < 4 && seen.at(-1) !== 'failed'; i++) seen.push((await api(`/music/v1/tasks/${task.body.id}`, { base, token: u.accessToken })).body.status);
    expect(seen).toEqual(['queued', 'failed']);
    expect((await api(`/music/v1/tasks/${task.body.id}`, { base, token: u.accessToken })).body.error).toBe('Audio generation failed.');
    expect((await api(`/v1/videos/${v.body.videoId}`, { base, token: u.accessToken })).body.status).toBe('reserved');
  });
});

describe('refresh token reuse after the grace window', () => {
  it('replaying a rotated token after the window revokes the whole family', async () => {
    const base = worker.url;
    const u = await signup(base);
    const r1 = await api('/v1/auth/refresh', { base, body: { refreshToken: u.refreshToken } });
    expect(r1.status).toBe(200);
    await new Promise((r) => setTimeout(r, 1500));
    const replay = await api('/v1/auth/refresh', { base, body: { refreshToken: u.refreshToken } });
    expect(replay.status).toBe(401);
    expect(replay.body.error.message).toMatch(/already used/);
    expect((await api('/v1/auth/refresh', { base, body: { refreshToken: r1.body.refreshToken } })).status).toBe(401);
  });
});
