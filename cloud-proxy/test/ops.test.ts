/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies read field by field */
/**
 * The operator's view and the daily provider spend cap (issue 18), on a Worker of its own: the cap
 * stops every new video on the service, so it must not share a Worker with the other test files.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
// @ts-expect-error plain ESM helper shared with the tests and `npm run dev`
import { startWorker, writeEnvFile } from '../scripts/worker-process.mjs';
// @ts-expect-error plain ESM fake upstreams
import { FAKE_KEYS } from '../fakes/upstreams.mjs';
import { startFakeStripe, type FakeStripe } from '../fakes/stripe/index.mjs';
import { PNG_URI, api, eventually } from './helpers';
import { ADMIN, BOOTSTRAP_SECRET, JWT_SECRET } from './constants';

let worker: { url: string; stop: () => Promise<void> };
let stripe: FakeStripe;
let dir: string;
let adminToken: string;
const base = () => worker.url;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zapcut-ops-test-'));
  stripe = await startFakeStripe({ retryDelaysMs: [100] });
  const envFile = join(dir, 'ops.env');
  writeEnvFile(envFile, { JWT_SECRET, ADMIN_BOOTSTRAP_SECRET: BOOTSTRAP_SECRET, OPENAI_API_KEY: FAKE_KEYS.openai, ANTHROPIC_API_KEY: FAKE_KEYS.anthropic, REPLICATE_API_TOKEN: FAKE_KEYS.replicate, ...inject('fakeBaseUrls'), SUNO_BASE_URL: '', ...stripe.env });
  worker = await startWorker({ persistTo: join(dir, 'state'), envFile });
  stripe.setWebhookUrl(`${worker.url}/v1/billing/webhook`);
  await api('/v1/auth/signup', { body: ADMIN, base: base() });
  await fetch(`${base()}/v1/auth/bootstrap-admin`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-bootstrap-secret': BOOTSTRAP_SECRET }, body: JSON.stringify({ email: ADMIN.email }) });
  adminToken = (await api('/v1/auth/login', { body: ADMIN, base: base() })).body.accessToken;
}, 180_000);

afterAll(async () => {
  await worker?.stop();
  await stripe?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const KLING = '/replicate/v1/models/kwaivgi/kling-v2.1/predictions';
const reserve = (token: string, lengthSeconds: number, key: string) => api('/v1/videos', { token, body: { lengthSeconds }, headers: { 'idempotency-key': key }, base: base() });

describe('operations', () => {
  it('revenue, the provider cost of each video from the catalog, its margin, refunds and success rate; the spend cap stops new videos', async () => {
    const u = (await api('/v1/auth/signup', { body: { email: `ops${Date.now()}@zapcut.test`, password: 'correct-horse-battery' }, base: base() })).body;
    const token = u.accessToken as string;
    await reserve(token, 15, 'free-1');
    await reserve(token, 30, 'free-2');
    const checkout = await api('/v1/billing/checkout', { token, body: { item: 'pack_30' }, base: base() });
    stripe.act.completeCheckout(checkout.body.sessionId);
    await stripe.flush();

    // A credit video with one 5 s kling clip (9 ¢/s in the catalog → 45 ¢), delivered.
    const made = await reserve(token, 30, 'paid-1');
    expect(made.body).toMatchObject({ source: 'credits', costCents: 500 });
    const p = await api(KLING, { token, headers: { 'x-zapcut-video': made.body.videoId }, body: { input: { prompt: 'a bottle on a beach', duration: 5, start_image: PNG_URI } }, base: base() });
    expect(p.status).toBe(201);
    await eventually(() => api(`/replicate/v1/predictions/${p.body.id}`, { token, base: base() }), (r) => r.body.status === 'succeeded');
    // A credit video that fails before any output: refunded.
    const failed = await reserve(token, 30, 'paid-2');
    expect((await api(`/v1/videos/${failed.body.videoId}/fail`, { token, body: {}, base: base() })).body.status).toBe('refunded');

    // Costs and outputs are written just after each response: wait until both are in.
    const s = (await eventually(() => api('/admin/ops/summary?days=1', { token: adminToken, base: base() }), (r) => r.body.costs?.byDay?.length === 1 && r.body.videos?.some((x: any) => x.state === 'committed'))).body;
    expect(s.revenue.totalCents).toBe(4000);
    expect(s.revenue.byDay).toEqual([expect.objectContaining({ item: 'pack_30', cents: 4000, count: 1 })]);
    expect(s.costs.byDay).toEqual([expect.objectContaining({ model: 'kwaivgi/kling-v2.1', calls: 1, micros: 450_000, unit: 'second', quantity: 5 })]);
    const v = s.videos.find((x: any) => x.videoId === made.body.videoId);
    // $5 of credit bought at $40 for $50: the video earned $4.
    expect(v).toMatchObject({ source: 'credits', state: 'committed', chargedCents: 500, valueCents: 400, costMicros: 450_000, marginMicros: 4_000_000 - 450_000 });
    expect(v.generationSeconds).toBeGreaterThanOrEqual(0);
    expect(s.videos.find((x: any) => x.videoId === failed.body.videoId)).toMatchObject({ state: 'refunded', costMicros: 0 });
    expect(s.outcomes).toMatchObject({ committed: 1, refunded: 1, successRate: 0.5, failedRefunds: { count: 1, creditCents: 500, costMicros: 0 } });
    expect(s.spend).toMatchObject({ todayMicros: 450_000, capCents: 0, capReached: false });

    // A cap below today's spend: no new video (and nothing charged), until the admin raises it.
    expect((await api('/admin/ops/spend-cap', { method: 'PUT', token: adminToken, body: { capCents: 40, reason: 'test cap' }, base: base() })).status).toBe(200);
    const capped = await reserve(token, 30, 'paid-3');
    expect(capped.status).toBe(503);
    expect(capped.body.error.code).toBe('SPEND_CAP_REACHED');
    expect(capped.body.error.message).toMatch(/Nothing was charged/);
    expect(Number(capped.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await api('/v1/me', { token, base: base() })).body.creditsCents).toBe(4500);
    // The video already running keeps going.
    expect((await api(KLING, { token, headers: { 'x-zapcut-video': made.body.videoId }, body: { input: { prompt: 'the bottle again', duration: 5, start_image: PNG_URI } }, base: base() })).status).toBe(201);
    expect((await api('/admin/ops/summary?days=1', { token: adminToken, base: base() })).body.spend).toMatchObject({ capCents: 40, capReached: true });
    await api('/admin/ops/spend-cap', { method: 'PUT', token: adminToken, body: { capCents: 0, reason: 'test done' }, base: base() });
    expect((await reserve(token, 30, 'paid-3')).status).toBe(201);
    const audit = (await api('/admin/audit', { token: adminToken, base: base() })).body.entries.filter((e: any) => e.action === 'spend-cap');
    expect(audit.map((e: any) => e.detail.capCents)).toEqual([0, 40]);
  });

  it('AI text calls are priced per input and output token and count towards the day\'s provider spend', async () => {
    const u = (await api('/v1/auth/signup', { body: { email: `ops-text${Date.now()}@zapcut.test`, password: 'correct-horse-battery' }, base: base() })).body;
    const token = u.accessToken as string;
    const spent = async () => (await api('/admin/ops/summary?days=1', { token: adminToken, base: base() })).body;
    const before = await eventually(spent, (b) => b.costs.byDay.some((r: any) => r.model === 'kwaivgi/kling-v2.1' && r.calls === 2));
    // Claude Haiku 4.5 ($1 / $5 per million): 100 000 in + 2000 out = 11 ¢.
    const a = await api('/anthropic/v1/messages', { token, body: { model: 'claude-haiku-4-5', max_tokens: 2000, messages: [{ role: 'user', content: 'INPUT_TOKENS:100000 USE_MAX_OUTPUT a storyboard' }] }, base: base() });
    expect(a.status).toBe(200);
    // GPT-4.1 mini streamed ($0.40 / $1.60 per million): the stream's final usage chunk is priced.
    const o = await fetch(`${base()}/openai/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ model: 'gpt-4.1-mini', stream: true, max_completion_tokens: 1000, messages: [{ role: 'user', content: 'INPUT_TOKENS:10000 USE_MAX_OUTPUT script' }] }) });
    expect(o.status).toBe(200);
    const streamed = await o.text();
    const usage = JSON.parse(streamed.split('\n').filter((l) => l.startsWith('data: {') && l.includes('"usage"')).pop()!.slice(6)).usage;
    const gptMicros = Math.round((usage.prompt_tokens * 400_000 + usage.completion_tokens * 1_600_000) / 1_000_000);

    const s = await eventually(spent, (b) => ['anthropic/claude-haiku-4-5', 'openai/gpt-4.1-mini'].every((m) => b.costs.byDay.some((r: any) => r.model === m)));
    expect(s.costs.byDay).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ model: 'anthropic/claude-haiku-4-5', calls: 1, unit: 'tokens', quantity: 102_000, micros: 110_000 }),
        expect.objectContaining({ model: 'openai/gpt-4.1-mini', calls: 1, unit: 'tokens', quantity: usage.prompt_tokens + usage.completion_tokens, micros: gptMicros }),
      ]),
    );
    expect(gptMicros).toBeGreaterThan(0);
    expect(s.costs.unpriced).toEqual([]);
    expect(s.spend.todayMicros).toBe(before.spend.todayMicros + 110_000 + gptMicros);
  });
});

