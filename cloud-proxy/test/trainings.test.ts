import { describe, expect, it } from 'vitest';
import { admin, api, fakeUrl, reserve, setTier, signup } from './helpers';

// Real 1×1 PNG and a minimal JPEG header (the Worker checks magic bytes, not the data URI's type).
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const JPEG = `data:image/jpeg;base64,${Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(60)]).toString('base64')}`;

const start = (token: string, brandKey: string, triggerWord = 'ZPCBRAND', key: string = crypto.randomUUID()) =>
  api('/v1/trainings', { token, body: { brandKey, images: [PNG, JPEG, PNG], triggerWord }, headers: { 'idempotency-key': key } });
const trainingsCreatedUpstream = async () =>
  (((await (await fetch(`${fakeUrl()}/__requests`)).json()) as { requests: { method: string; path: string }[] }).requests).filter((q) => q.method === 'POST' && /\/trainings$/.test(q.path)).length;
const ledgerOf = async (userId: string) => (await api(`/admin/users/${userId}`, { token: await admin() })).body.ledger as { kind: string; reservationId: string | null; reason: string }[];

async function pollUntilFinal(token: string, id: string) {
  const seen: string[] = [];
  for (let i = 0; i < 10; i++) {
    const r = await api(`/v1/trainings/${id}`, { token });
    expect(r.status).toBe(200);
    seen.push(r.body.status);
    if (['succeeded', 'failed', 'canceled'].includes(r.body.status)) return { last: r.body, seen };
  }
  throw new Error(`training ${id} never finished: ${seen.join(',')}`);
}

describe('brand-style trainings through the proxy', () => {
  it('create → poll → succeeded with the trained version; the Worker zipped the images and used the one trainer; audited at no cost', async () => {
    const u = await signup();
    const creditsBefore = (await api('/v1/me', { token: u.accessToken })).body.creditsCents;
    const r = await start(u.accessToken, 'brand-a');
    expect(r.status).toBe(201);
    expect(r.body.trainingId).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.body.status).toBe('starting');

    const { last, seen } = await pollUntilFinal(u.accessToken, r.body.trainingId);
    expect(seen).toContain('processing');
    expect(last.status).toBe('succeeded');
    expect(last.output.version).toMatch(/^zapcut\/brand-styles:[0-9a-f]{64}$/);
    expect(last.output.weights).toMatch(/^https:\/\//);

    const reqs = ((await (await fetch(`${fakeUrl()}/__requests`)).json()) as { requests: unknown }).requests as { method: string; path: string; bodyHead: string; bodyBytes: number }[];
    const create = reqs.filter((q) => q.path.endsWith('/trainings') && q.method === 'POST').at(-1)!;
    expect(create.path).toMatch(/^\/replicate\/v1\/models\/ostris\/flux-dev-lora-trainer\/versions\/[0-9a-f]{64}\/trainings$/);
    const sent = JSON.parse(create.bodyHead);
    expect(sent.destination).toBe('zapcut/brand-styles');
    expect(sent.input.trigger_word).toBe('ZPCBRAND');
    expect(sent.input.input_images).toMatch(/^https:\/\/api\.replicate\.com\/v1\/files\//);
    expect(reqs.some((q) => q.path === '/replicate/v1/files' && q.bodyHead.includes('application/zip') && q.bodyHead.includes('brand-a.zip') && q.bodyHead.includes('PK\u0003\u0004') && q.bodyHead.includes('01.png'))).toBe(true);

    expect((await api('/v1/me', { token: u.accessToken })).body.creditsCents).toBe(creditsBefore);
    const entries = (await api('/admin/audit', { token: await admin() })).body.entries;
    const row = entries.find((e: { action: string; targetUserId: string }) => e.action === 'training' && e.targetUserId === u.id);
    expect(row).toBeTruthy();
    expect(row.detail).toMatchObject({ trainingId: r.body.trainingId, brandKey: 'brand-a', images: 3, costCents: 0 });
  });

  it("another user's training id → 404; a failed training says why and frees the brand", async () => {
    const owner = await signup();
    const other = await signup();
    const r = await start(owner.accessToken, 'brand-f', 'FAIL_TRAINING');
    expect(r.status).toBe(201);
    expect((await api(`/v1/trainings/${r.body.trainingId}`, { token: other.accessToken })).status).toBe(404);
    expect((await api(`/v1/trainings/${r.body.trainingId}/cancel`, { token: other.accessToken, method: 'POST' })).status).toBe(404);
    const { last } = await pollUntilFinal(owner.accessToken, r.body.trainingId);
    expect(last.status).toBe('failed');
    expect(last.error).toContain('fake trainer error');
    expect(last.output).toBeUndefined();
    expect((await start(owner.accessToken, 'brand-f')).status).toBe(201);
  });

  it('a second running training for the same brand → 409 (another brand is fine); cancel frees it', async () => {
    const u = await signup();
    const first = await start(u.accessToken, 'brand-b');
    expect(first.status).toBe(201);
    const again = await start(u.accessToken, 'brand-b');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('TRAINING_RUNNING');
    const cancelled = await api(`/v1/trainings/${first.body.trainingId}/cancel`, { token: u.accessToken, method: 'POST' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('canceled');
    expect((await start(u.accessToken, 'brand-b')).status).toBe(201);
  });

  it("the plan's trainings a month: Free 1 → the second is 402 TRAINING_QUOTA saying what to do; a failed one is given back; bad images refused before anything counts; suspended users refused", async () => {
    const u = await signup();
    expect((await api('/v1/me', { token: u.accessToken })).body).toMatchObject({ trainingsPerMonth: 1, trainingsLeft: 1 });
    expect((await api('/v1/trainings', { token: u.accessToken, body: { brandKey: 'q', images: ['data:text/plain;base64,aGVsbG8gd29ybGQ='], triggerWord: 'ZPCQ' }, headers: { 'idempotency-key': 'k-bad' } })).status).toBe(415);
    // Failed at the trainer: nothing usable, so it is given back.
    const failed = await start(u.accessToken, 'q0', 'FAIL_TRAINING');
    expect(failed.status).toBe(201);
    expect((await pollUntilFinal(u.accessToken, failed.body.trainingId)).last.status).toBe('failed');
    expect((await api('/v1/me', { token: u.accessToken })).body.trainingsLeft).toBe(1);
    const first = await start(u.accessToken, 'q1');
    expect(first.status).toBe(201);
    expect((await pollUntilFinal(u.accessToken, first.body.trainingId)).last.status).toBe('succeeded');
    const second = await start(u.accessToken, 'q2');
    expect(second.status).toBe(402);
    expect(second.body.error).toMatchObject({ code: 'TRAINING_QUOTA', message: expect.stringMatching(/free plan includes one brand-style training a month.*upgrade/) });
    expect((await api('/v1/me', { token: u.accessToken })).body.trainingsLeft).toBe(0);
    // The ledger: reserve → given back, reserve → spent; the refused one wrote nothing.
    const lines = (await ledgerOf(u.id)).filter((l) => l.kind.startsWith('training')).reverse();
    expect(lines.map((l) => [l.kind, l.reservationId])).toEqual([
      ['training', failed.body.trainingId],
      ['training-refund', failed.body.trainingId],
      ['training', first.body.trainingId],
      ['training-spent', first.body.trainingId],
    ]);
    // Polling a finished training again settles nothing twice.
    await api(`/v1/trainings/${first.body.trainingId}`, { token: u.accessToken });
    expect((await ledgerOf(u.id)).filter((l) => l.kind.startsWith('training'))).toHaveLength(4);

    const s = await signup();
    const sus = await api(`/admin/users/${s.id}/suspend`, { token: await admin(), body: { reason: 'test suspension' } });
    expect(sus.status).toBe(200);
    const refused = await start(s.accessToken, 'brand-s');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('ACCOUNT_SUSPENDED');
  });

  it('12 parallel starts (12 brands) against Starter\'s 3 → exactly 3 trainings, 3 at the provider, 3 ledger lines; a cancelled one is given back', async () => {
    const u = await signup();
    await setTier(u.id, 'starter');
    const upstreamBefore = await trainingsCreatedUpstream();
    const race = await Promise.all(Array.from({ length: 12 }, (_, i) => start(u.accessToken, `race-${i}`)));
    const started = race.filter((r) => r.status === 201);
    expect(started).toHaveLength(3);
    expect(race.filter((r) => r.status === 402).every((r) => r.body.error.code === 'TRAINING_QUOTA')).toBe(true);
    expect(race.filter((r) => r.status === 402)).toHaveLength(9);
    expect(await trainingsCreatedUpstream()).toBe(upstreamBefore + 3);
    expect((await ledgerOf(u.id)).filter((l) => l.kind === 'training').map((l) => l.reservationId).sort()).toEqual(started.map((r) => r.body.trainingId).sort());
    expect((await api('/v1/me', { token: u.accessToken })).body.trainingsLeft).toBe(0);
    // Cancelled before the trainer produced anything: given back, and a new one fits.
    const cancelled = await api(`/v1/trainings/${started[0]!.body.trainingId}/cancel`, { token: u.accessToken, method: 'POST' });
    expect(cancelled.body.status).toBe('canceled');
    expect((await api('/v1/me', { token: u.accessToken })).body.trainingsLeft).toBe(1);
    expect((await start(u.accessToken, 'race-after')).status).toBe(201);
    expect((await start(u.accessToken, 'race-after-2')).status).toBe(402);
  });

  it('a start is idempotent: 8 parallel sends of one Idempotency-Key → one training, one ledger line; the same key with another body → 409; no key → 400', async () => {
    const u = await signup();
    await setTier(u.id, 'pro');
    const upstreamBefore = await trainingsCreatedUpstream();
    const same = await Promise.all(Array.from({ length: 8 }, () => start(u.accessToken, 'idem', 'ZPCIDEM', 'idem-key-1')));
    const ids = new Set(same.filter((r) => r.status === 201).map((r) => r.body.trainingId));
    expect(ids.size).toBe(1);
    // Others answered while the first was still starting it: a retryable 409, never a second training.
    for (const r of same.filter((x) => x.status !== 201)) expect(r.body.error.code).toBe('TRAINING_STARTING');
    expect(await trainingsCreatedUpstream()).toBe(upstreamBefore + 1);
    const again = await start(u.accessToken, 'idem', 'ZPCIDEM', 'idem-key-1');
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(ids.has(again.body.trainingId)).toBe(true);
    expect((await ledgerOf(u.id)).filter((l) => l.kind === 'training')).toHaveLength(1);
    const conflict = await start(u.accessToken, 'idem', 'ZPCOTHER', 'idem-key-1');
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('IDEMPOTENCY_CONFLICT');
    const noKey = await api('/v1/trainings', { token: u.accessToken, body: { brandKey: 'idem2', images: [PNG], triggerWord: 'ZPCIDEM' } });
    expect(noKey.status).toBe(400);
    expect(noKey.body.error.message).toMatch(/Idempotency-Key/);
  });

  it("the trained version runs through /replicate/v1/predictions for its owner only, as a metered image call (screened, media-checked, one image)", async () => {
    const u = await signup();
    const r = await start(u.accessToken, 'brand-run', 'ZPCRUN');
    expect(r.status).toBe(201);
    const { last } = await pollUntilFinal(u.accessToken, r.body.trainingId);
    const version = last.output.version as string;
    const predict = (token: string, videoId: string | null, input: Record<string, unknown>, v = version) =>
      api('/replicate/v1/predictions', { token, headers: videoId ? { 'x-zapcut-video': videoId } : {}, body: { version: v, input } });

    // Paid like any image call: needs the run's video.
    expect((await predict(u.accessToken, null, { prompt: 'ZPCRUN style. a bottle' })).body.error.code).toBe('VIDEO_REQUIRED');
    const v = await reserve(u.accessToken, 15);
    const marker = `lora-${crypto.randomUUID()}`;
    const created = await predict(u.accessToken, v.body.videoId, { prompt: `ZPCRUN style. ${marker}`, aspect_ratio: '16:9', num_outputs: 4, output_format: 'png', seed: 7 });
    expect(created.status).toBe(201);
    expect(created.body.urls.get).toBe(`/replicate/v1/predictions/${created.body.id}`);
    const sent = ((await (await fetch(`${fakeUrl()}/__requests`)).json()) as { requests: { bodyHead: string }[] }).requests.find((q: { bodyHead: string }) => q.bodyHead.includes(marker));
    expect(sent).toMatchObject({ method: 'POST', path: '/replicate/v1/predictions' });
    expect(JSON.parse(sent!.bodyHead)).toMatchObject({ version, input: { prompt: `ZPCRUN style. ${marker}`, num_outputs: 1, aspect_ratio: '16:9' } });
    let done = created.body;
    for (let i = 0; i < 5 && done.status !== 'succeeded'; i++) done = (await api(created.body.urls.get, { token: u.accessToken })).body;
    expect(done.status).toBe('succeeded');
    expect(done.output).toEqual([expect.stringMatching(/\.png$/)]);
    expect((await api(`/v1/videos/${v.body.videoId}`, { token: u.accessToken })).body).toMatchObject({ status: 'committed', paidCallsUsed: 1 });

    // Screened and media-checked like a catalog model; refused calls are not counted.
    const blocked = await predict(u.accessToken, v.body.videoId, { prompt: 'ZPCRUN style. Spider-Man holds the bottle' });
    expect(blocked.body.error.code).toBe('SAFETY_BLOCKED');
    expect((await predict(u.accessToken, v.body.videoId, { prompt: 'ZPCRUN style', image: 'http://169.254.169.254/x.png' })).body.error.code).toBe('URL_NOT_ALLOWED');
    expect((await api(`/v1/videos/${v.body.videoId}`, { token: u.accessToken })).body.paidCallsUsed).toBe(1);

    // Anyone else's version (or one never trained) is refused exactly like an off-catalog model.
    const other = await signup();
    const ov = await reserve(other.accessToken, 15);
    const stolen = await predict(other.accessToken, ov.body.videoId, { prompt: 'ZPCRUN style. a cup' });
    expect(stolen.status).toBe(403);
    expect(stolen.body.error.code).toBe('MODEL_NOT_ALLOWED');
    const unknown = await predict(u.accessToken, v.body.videoId, { prompt: 'a cup' }, `zapcut/brand-styles:${'b'.repeat(64)}`);
    expect(unknown.status).toBe(403);
    expect((await api(`/v1/videos/${ov.body.videoId}`, { token: other.accessToken })).body.paidCallsUsed).toBe(0);
  });

});
