/**
 * No video money before the pictures are approved (issue 21), through the real Worker in workerd
 * and the strict Replicate fakes: a run with a picture review makes its style frames and keyframes
 * under the ad's picture draft — no video is reserved, no free video or credit is touched, even
 * when a picture is made again; approving reserves exactly one video (naming the draft, which is
 * then approved) and the ad is made; a run whose pictures are never approved holds nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBrief } from '../../src/pipeline/brief';
import { approvalPrice, approvePictures, createRun, isAwaitingApproval, redoPicture, runToEnd } from '../../src/pipeline/generate';
import { toErrorShape } from '../../src/shared/errors';
import { TEST_RESOLUTION, ffmpegPath, makeWorkspace, writeBrief } from '../integration/pipeline-fixtures';
import { openProxyApp, tokensOf, type ProxyApp } from './app';
import { startStack, type Stack } from './stack';

let stack: Stack;
let seq = 0;

beforeAll(async () => {
  stack = await startStack({ ffmpegPath, clipShortSide: 90 });
});
afterAll(async () => {
  await stack?.stop();
});

async function newUser(dataDir: string): Promise<ProxyApp> {
  process.env.ZAPCUT_DATA_DIR = dataDir;
  const app = await openProxyApp(stack.proxyUrl);
  const email = `approve${process.pid}-${Date.now()}-${++seq}@zapcut.test`;
  await app.session.signup(email, 'correct-horse-battery');
  await stack.verifyEmail(email);
  return app;
}

type Ledger = { kind: string; reservationId: string | null; reason: string }[];
async function account(app: ProxyApp): Promise<{ summary: { creditsCents: number; freeVideosUsed: number }; reservations: { videoId: string; status: string; source: string }[]; ledger: Ledger }> {
  const me = await app.session.account();
  const r = await fetch(`${stack.proxyUrl}/admin/users/${me.id}`, { headers: { authorization: `Bearer ${await stack.adminToken()}` } });
  expect(r.status).toBe(200);
  return (await r.json()) as never;
}

const stopsForApproval = (p: Promise<unknown>) =>
  p.then(
    () => 'finished',
    (e: unknown) => toErrorShape(e).code,
  );
const stopOf = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => toErrorShape(e));

describe('no video money before the pictures are approved', () => {
  it('pictures made (and one made again) → no reservation; approve → exactly one reservation, the draft approved, the ad made', async () => {
    const ws = await makeWorkspace('zapcut-sys-approve-');
    let app = await newUser(ws.dataDir);
    const brief = await loadBrief(await writeBrief(ws.dir));
    const before = stack.fakes.stats();
    const run = createRun(app.backend.pipeline, brief, { provider: 'proxy', resolution: TEST_RESOLUTION, reviewPictures: true });
    const stop = await stopOf(runToEnd(app.backend.pipeline, run.id));
    expect(stop?.code).toBe('AWAITING_APPROVAL');
    expect(isAwaitingApproval(app.backend.pipeline.store.getRun(run.id)!)).toBe(true);
    // The CLI's figure is the user's price (the service's quote), the one the app's cost line asks for.
    // Beside it, this ad's pictures as its draft counts them (GET /v1/drafts/:id): the style frames and keyframes.
    const keyframes = app.backend.pipeline.store.getSteps(run.id).filter((s) => s.stepId.startsWith('keyframe:') && s.status === 'done');
    expect(keyframes.length).toBeGreaterThanOrEqual(3);
    const counted = (n: number) => ({ kind: 'video', source: 'free', costCents: 0, pictures: { used: n, cap: 16 } });
    expect((stop!.details as { price: unknown }).price).toEqual(counted(4 + keyframes.length));
    expect(await approvalPrice(app.backend.pipeline, run.id)).toEqual(counted(4 + keyframes.length));
    expect(stop!.message).toContain('paid by one free video, held when you approve and charged when the first scene arrives');
    expect(stop!.message).toContain(`This ad has used ${4 + keyframes.length} of its 16 pictures before approval.`);

    const paid = () => stack.fakes.stats().calls.slice(before.calls.length);
    expect(paid().filter((c) => c.kind === 'image')).toHaveLength(4 + keyframes.length);
    expect(paid().filter((c) => c.kind !== 'image')).toEqual([]);
    let acct = await account(app);
    expect(acct.reservations).toEqual([]);
    expect(acct.summary.freeVideosUsed).toBe(0);
    const draftLines = acct.ledger.filter((l) => l.reservationId?.startsWith('drf_'));
    expect(draftLines.filter((l) => l.kind === 'picture')).toHaveLength(4 + keyframes.length);
    expect(app.backend.pipeline.store.getRun(run.id)!.charge).toBeNull();

    // One picture made again: still an image under the draft, still no video held.
    redoPicture(app.backend.pipeline, run.id, 2, 'The jar on a sunlit windowsill, same palette');
    expect(await stopsForApproval(runToEnd(app.backend.pipeline, run.id))).toBe('AWAITING_APPROVAL');
    expect(paid().filter((c) => c.kind === 'image')).toHaveLength(5 + keyframes.length);
    acct = await account(app);
    expect(acct.reservations).toEqual([]);
    expect(await approvalPrice(app.backend.pipeline, run.id)).toEqual(counted(5 + keyframes.length));
    // A restart (a new app process on the same data): the draft is found again by the run's key and read.
    const tokens = await tokensOf(app, (await app.session.account()).email!);
    app.backend.close();
    app = await openProxyApp(stack.proxyUrl, tokens);
    expect(await approvalPrice(app.backend.pipeline, run.id)).toEqual(counted(5 + keyframes.length));

    approvePictures(app.backend.pipeline, run.id, 'app');
    const result = await runToEnd(app.backend.pipeline, run.id);
    expect(result.status).toBe('succeeded');
    acct = await account(app);
    expect(acct.reservations).toHaveLength(1);
    expect(acct.reservations[0]).toMatchObject({ status: 'committed', source: 'free' });
    expect(acct.summary.freeVideosUsed).toBe(1);
    const draftId = draftLines[0]!.reservationId!;
    const approved = acct.ledger.filter((l) => l.kind === 'draft-approved' && l.reservationId === draftId);
    expect(approved).toHaveLength(1);
    expect(approved[0]!.reason).toContain(acct.reservations[0]!.videoId);
    // No picture after the approval was made again; the scenes, voice and music came after it.
    expect(paid().filter((c) => c.kind === 'image')).toHaveLength(5 + keyframes.length);
    expect(paid().filter((c) => c.kind === 'video').length).toBeGreaterThanOrEqual(keyframes.length - 1);
    app.backend.close();
  }, 600_000);

  it('pictures never approved (abandoned, then the run given up): nothing held, nothing refunded, the free video untouched', async () => {
    const ws = await makeWorkspace('zapcut-sys-abandon-');
    const app = await newUser(ws.dataDir);
    const brief = await loadBrief(await writeBrief(ws.dir));
    const run = createRun(app.backend.pipeline, brief, { provider: 'proxy', resolution: TEST_RESOLUTION, reviewPictures: true });
    expect(await stopsForApproval(runToEnd(app.backend.pipeline, run.id))).toBe('AWAITING_APPROVAL');
    const family = app.backend.pipeline.family('proxy') as unknown as { runFailed(runId: string, e: unknown): Promise<string | null> };
    // Telling the service the run failed finds nothing to give back: nothing was held.
    expect(await family.runFailed(run.id, new Error('abandoned'))).toBeNull();
    const acct = await account(app);
    expect(acct.reservations).toEqual([]);
    expect(acct.summary.freeVideosUsed).toBe(0);
    expect(acct.ledger.filter((l) => ['reserve', 'refund', 'expire', 'commit'].includes(l.kind))).toEqual([]);
    expect(acct.ledger.filter((l) => l.kind === 'picture').length).toBeGreaterThan(0);
    app.backend.close();
  }, 600_000);
});
