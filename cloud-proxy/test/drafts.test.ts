import { describe, expect, it } from 'vitest';
import { admin, api, fakeUrl, grantCredits, reserve, signup } from './helpers';
import { DraftRead } from '../../src/shared/domain/account-wire';

// The picture stage of an ad (issue 21, account/drafts.ts): pictures before approval hold no
// video; approving reserves exactly one; an abandoned draft holds nothing and its pictures count
// against the month; parallel picture calls see each other in the Durable Object.

const FLUX = 'black-forest-labs/flux-1.1-pro';
const openDraft = (token: string, lengthSeconds: number, key: string = crypto.randomUUID()) => api('/v1/drafts', { token, body: { lengthSeconds }, headers: { 'idempotency-key': key } });
const picture = (token: string, draftId: string, prompt = 'a honey jar on a sunny table') =>
  api('/replicate/v1/predictions', { token, headers: { 'x-zapcut-draft': draftId }, body: { version: FLUX, input: { prompt, aspect_ratio: '16:9', output_format: 'png' } } });
const detailsOf = async (userId: string) => (await api(`/admin/users/${userId}`, { token: await admin() })).body as { summary: { creditsCents: number; freeVideosUsed: number }; reservations: { videoId: string; status: string }[]; ledger: { kind: string; reservationId: string | null; reason: string }[] };
const upstreamFluxCalls = async (marker: string) =>
  (((await (await fetch(`${fakeUrl()}/__requests`)).json()) as { requests: { method: string; path: string; bodyHead: string }[] }).requests).filter((q) => q.method === 'POST' && q.path.includes('flux-1.1-pro') && q.bodyHead.includes(marker)).length;

async function pollDone(token: string, id: string): Promise<{ status: string; output: unknown }> {
  for (let i = 0; i < 10; i++) {
    const r = await api(`/replicate/v1/predictions/${id}`, { token });
    expect(r.status).toBe(200);
    if (r.body.status === 'succeeded' || r.body.status === 'failed') return r.body;
  }
  throw new Error(`prediction ${id} never finished`);
}

describe('picture drafts: no video held before the pictures are approved', () => {
  it('pictures made → no reservation; approve → exactly one reservation, the draft approved and its pictures off the month', async () => {
    const u = await signup();
    const key = `zapcut-run:${crypto.randomUUID()}:pictures`;
    const d = await openDraft(u.accessToken, 15, key);
    expect(d.status).toBe(201);
    expect(d.body).toMatchObject({ state: 'open', lengthSeconds: 15, picturesUsed: 0, picturesCap: 16, monthPicturesUsed: 0, monthPicturesCap: 40, videoId: null });
    expect(d.body.draftId).toMatch(/^drf_[0-9a-f]{32}$/);
    const again = await openDraft(u.accessToken, 15, key);
    expect(again.body.draftId).toBe(d.body.draftId);
    expect(again.headers.get('idempotent-replayed')).toBe('true');

    for (const n of [1, 2, 3]) {
      const p = await picture(u.accessToken, d.body.draftId, `keyframe ${n}`);
      expect(p.status).toBe(201);
      const done = await pollDone(u.accessToken, p.body.id);
      expect(done.status).toBe('succeeded');
      expect(done.output).toBeTruthy();
    }
    let acct = await detailsOf(u.id);
    expect(acct.reservations).toEqual([]);
    expect(acct.summary.freeVideosUsed).toBe(0);
    expect((await api(`/v1/drafts/${d.body.draftId}`, { token: u.accessToken })).body).toMatchObject({ picturesUsed: 3, monthPicturesUsed: 3 });
    // What the app's review reads for its cost line ("3 of 16 pictures before approval"): the answer
    // parses with the app's own schema; after a restart the app finds the draft again by its key.
    expect(DraftRead.parse((await api(`/v1/drafts/${d.body.draftId}`, { token: u.accessToken })).body)).toMatchObject({ draftId: d.body.draftId, picturesUsed: 3, picturesCap: 16 });
    const found = await openDraft(u.accessToken, 15, key);
    expect(found.headers.get('idempotent-replayed')).toBe('true');
    expect(DraftRead.parse(found.body)).toMatchObject({ draftId: d.body.draftId, picturesUsed: 3 });
    // Another account cannot read it.
    const other = await signup();
    expect((await api(`/v1/drafts/${d.body.draftId}`, { token: other.accessToken })).status).toBe(404);
    // The app's Account screen reads the month's count from GET /v1/me.
    expect((await api('/v1/me', { token: u.accessToken })).body).toMatchObject({ monthPicturesUsed: 3, monthPicturesCap: 40 });

    // A draft pays for pictures only: a scene clip under it is refused before any upstream call.
    const clip = await api('/replicate/v1/predictions', { token: u.accessToken, headers: { 'x-zapcut-draft': d.body.draftId }, body: { version: 'minimax/hailuo-02', input: { prompt: 'draft-clip', duration: 6, first_frame_image: 'https://cdn.example.com/a.png' } } });
    expect(clip.status).toBe(402);
    expect(clip.body.error.code).toBe('VIDEO_REQUIRED');
    // …and a draft id is not a video.
    expect((await api('/replicate/v1/predictions', { token: u.accessToken, headers: { 'x-zapcut-video': d.body.draftId }, body: { version: FLUX, input: { prompt: 'x' } } })).status).toBe(400);

    const v = await reserve(u.accessToken, 15, crypto.randomUUID(), { draftKey: key });
    expect(v.status).toBe(201);
    expect(v.body).toMatchObject({ status: 'reserved', source: 'free', paidCallsUsed: 0 });
    acct = await detailsOf(u.id);
    expect(acct.reservations.map((r) => r.videoId)).toEqual([v.body.videoId]);
    expect((await api(`/v1/drafts/${d.body.draftId}`, { token: u.accessToken })).body).toMatchObject({ state: 'approved', videoId: v.body.videoId, picturesUsed: 3, monthPicturesUsed: 0 });
    expect((await api('/v1/me', { token: u.accessToken })).body).toMatchObject({ monthPicturesUsed: 0, monthPicturesCap: 40 });
    const kinds = acct.ledger.filter((l) => l.reservationId === d.body.draftId).map((l) => l.kind).reverse();
    expect(kinds).toEqual(['draft', 'picture', 'picture', 'picture', 'draft-approved']);
    // Approved: further pictures belong to the video.
    const late = await picture(u.accessToken, d.body.draftId);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('DRAFT_APPROVED');
  });

  it('abandoned: nothing held, no credit taken; its pictures keep counting for the month', async () => {
    const u = await signup();
    await grantCredits(u.id, 1000);
    // Use the free videos so the draft is backed by credits.
    for (const len of [15, 30]) expect((await reserve(u.accessToken, len)).status).toBe(201);
    const before = await detailsOf(u.id);
    const d = await openDraft(u.accessToken, 30);
    expect(d.status).toBe(201);
    for (const n of [1, 2]) expect((await picture(u.accessToken, d.body.draftId, `abandoned ${n}`)).status).toBe(201);
    const after = await detailsOf(u.id);
    expect(after.summary.creditsCents).toBe(1000);
    expect(after.reservations.length).toBe(before.reservations.length);
    const next = await openDraft(u.accessToken, 15);
    expect(next.body).toMatchObject({ monthPicturesUsed: 2, monthPicturesCap: 40 });
  });

  it('opening a draft needs a video the account could pay for now', async () => {
    const broke = await signup();
    for (const len of [15, 30]) expect((await reserve(broke.accessToken, len)).status).toBe(201);
    const refused = await openDraft(broke.accessToken, 15);
    expect(refused.status).toBe(402);
    expect(refused.body.error.code).toBe('PAYMENT_REQUIRED');
    const unverified = await signup(undefined, { verify: false });
    const r = await openDraft(unverified.accessToken, 15);
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('EMAIL_UNVERIFIED');
    // No draft, no free picture.
    expect((await picture(unverified.accessToken, 'drf_00000000000000000000000000000000')).status).toBe(404);
  });

  it('race: 30 parallel pictures against a 15 s draft (cap 16) → exactly 16 made upstream; 42 against two 60 s drafts → exactly the month\'s 40', async () => {
    const u = await signup();
    const d = await openDraft(u.accessToken, 15);
    const marker = `race-${crypto.randomUUID()}`;
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => picture(u.accessToken, d.body.draftId, `${marker} ${i}`)));
    // Every answer, so an unexpected one (a timeout, a 5xx) shows in the failure.
    const outcome = (r: Awaited<ReturnType<typeof picture>>) => (r.status === 201 ? '201' : `${r.status} ${r.body?.error?.code ?? JSON.stringify(r.body).slice(0, 120)}`);
    expect(results.map(outcome).sort()).toEqual([...Array(16).fill('201'), ...Array(14).fill('402 PICTURE_LIMIT')]);
    expect((await api(`/v1/drafts/${d.body.draftId}`, { token: u.accessToken })).body.picturesUsed).toBe(16);
    expect(await upstreamFluxCalls(marker)).toBe(16);

    const w = await signup();
    await grantCredits(w.id, 800);
    const [a, b] = await Promise.all([openDraft(w.accessToken, 60), openDraft(w.accessToken, 60)]);
    expect([a.body.picturesCap, b.body.picturesCap]).toEqual([21, 21]);
    const month = await Promise.all(Array.from({ length: 42 }, (_, i) => picture(w.accessToken, (i % 2 ? a : b).body.draftId, `month ${i}`)));
    expect(month.map(outcome).sort()).toEqual([...Array(40).fill('201'), '402 PICTURE_LIMIT', '402 PICTURE_LIMIT']);
    expect(month.filter((r) => r.status === 402 && /pictures a month/.test(r.body.error.message)).length).toBe(2);
  });
});
