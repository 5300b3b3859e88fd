/**
 * The brand-style service against a scripted training provider (the proxy's shape: a job id, a
 * poll that can hang or fail): a restart re-polls the recorded job instead of paying twice, a
 * failure is reported with its reason and retried, and a brand never trains twice at once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { resolveBinaries, runFfmpeg } from '../../../pipeline/ffmpeg';
import { offlineFamily } from '../../../pipeline/providers/offline';
import type { JobProvider, ProviderFamily, TrainingRequest } from '../../../pipeline/providers/types';
import { deriveGrade } from '../../../pipeline/style/grade';
import type { Db } from '../../storage/database';
import { createServiceContext } from '../../backend';
import { sqliteRunStore } from '../../storage/repos/runs';
import type { ServiceContext } from '../context';
import * as repo from '../../storage/repos/brand-styles';
import { CANCELLED_MESSAGE, approveStyle, approvedStyleFor, cancelStyle, retryStyle, startBrandStyles, startStyleTraining, stopBrandStyles, styleTrainingsSettled, styleView } from './service';
import { waitFor } from '../../../../test/support/wait';

const { ffmpegPath } = resolveBinaries();
let dir: string;
let db: Db;

/** Scripted training: counts submits; each wait follows the next entry of `script`. */
const script: ('hang' | 'fail' | 'ok')[] = [];
let submits = 0;
const polled: string[] = [];
const cancelled: string[] = [];
/** The next provider cancel fails like an unreachable proxy. */
let cancelFails = false;
/** The next provider cancel finds the training already succeeded. */
let cancelFindsFinished = false;
const training: JobProvider<TrainingRequest> = {
  model: { slug: 'fake/trainer', capability: 'training', provider: 'offline', inputs: {}, allowedDurations: [], resolutions: ['any'], priceCents: 0, priceUnit: 'call', source: 'test' },
  async submit() {
    submits++;
    return { jobId: `train-${submits}`, costCents: 0 };
  },
  async cancel(jobId) {
    if (cancelFails) {
      cancelFails = false;
      throw new AppError('OFFLINE', 'Could not reach the Zapcut service.');
    }
    if (cancelFindsFinished) {
      cancelFindsFinished = false;
      return { finished: true };
    }
    cancelled.push(jobId);
  },
  async wait(jobId, req, ctx) {
    polled.push(jobId);
    const step = script.shift() ?? 'ok';
    if (step === 'hang') {
      await new Promise((_r, reject) => ctx.signal.addEventListener('abort', () => reject(new AppError('CANCELLED', 'stopped'))));
    }
    if (step === 'fail') throw new AppError('PROVIDER', 'The trainer ran out of GPU memory. Retry the training.');
    const out = join(ctx.workDir, 'style.json');
    await writeFile(out, JSON.stringify({ kind: 'grade', version: 1, grade: deriveGrade(req.palette ?? [], []), palette: req.palette ?? [] }));
    return { files: [out] };
  },
};

const family: ProviderFamily = { ...offlineFamily({ ffmpegPath }), name: 'fake', training };

/** A fresh backend context over the same data folder (a "restart"), with the scripted family. */
function context(emit?: ServiceContext['emit']): ServiceContext {
  const ctx = createServiceContext({ dataDir: join(dir, 'data'), pipeline: { families: { fake: family } }, emit });
  contexts.push(ctx);
  return ctx;
}
const contexts: ServiceContext[] = [];

let brandId: string;
let runId: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zapcut-style-svc-'));
  const ctx = context();
  db = ctx.db;
  // A finished ad to learn from: a 3 s clip as its export, one product image.
  const clip = join(dir, 'ad.mp4');
  await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', 'testsrc2=s=128x72:r=8:d=3', '-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-preset', 'ultrafast'], output: clip });
  const img = join(dir, 'product.png');
  await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', 'testsrc2=s=96x96', '-frames:v', '1'], output: img });
  const exported = await ctx.media.putFile(clip);
  const now = ctx.now();
  brandId = randomUUID();
  db.prepare("INSERT INTO brands (id, name, colors_json, created_at, updated_at) VALUES (?, 'Kite', '[\"#D7263D\",\"#1B998B\"]', ?, ?)").run(brandId, now, now);
  const store = sqliteRunStore(db);
  runId = store.createRun({ id: randomUUID(), projectId: null, provider: 'fake', input: { brief: { aspect: '16:9', product: { name: 'Kite', images: [img] } }, seed: 1 } }).id;
  store.startStep(runId, 'export:16x9');
  store.finishStep(runId, 'export:16x9', { preset: 'p', media: exported.sha256, thumbnail: '', durationMs: 3000, bytes: exported.bytes });
  store.setRunStatus(runId, 'succeeded');
});

afterAll(() => {
  for (const c of contexts) c.db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('brand style service', () => {
  it('survives a restart (re-polls the recorded job), refuses a second training, reports a failure and retries', async () => {
    script.push('hang', 'fail', 'ok');
    const a = context();
    const row = startStyleTraining(a, brandId, { sourceRunId: runId, provider: 'fake' });
    expect(() => startStyleTraining(a, brandId, { sourceRunId: runId, provider: 'fake' })).toThrow(/already being learned/u);
    expect(() => retryStyle(a, brandId)).toThrow(/already being learned/u);
    // Wait until the job id is recorded, then "quit".
    await waitFor(() => repo.getStyle(db, row.id)?.trainingId, (id) => !!id, 'the training job id', { timeoutMs: 10_000, intervalMs: 25 });
    expect(repo.getStyle(db, row.id)!.trainingId).toBe('train-1');
    stopBrandStyles(a);
    await styleTrainingsSettled(a);
    expect(styleView(a, brandId).status).toBe('training');
    const picked = repo.getStyle(db, row.id)!.trainingSet.items;
    expect(picked.filter((i) => i.source === 'product')).toHaveLength(1);
    expect(picked.filter((i) => i.source === 'frame').length).toBeGreaterThanOrEqual(3);

    // Next start: same job re-polled (no new submit); this poll fails and is reported.
    const b = context();
    startBrandStyles(b);
    await styleTrainingsSettled(b);
    expect(submits).toBe(1);
    expect(polled).toEqual(['train-1', 'train-1']);
    const failed = styleView(b, brandId);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/GPU memory/u);
    expect(() => approveStyle(b, brandId, true)).toThrow(/no finished style/u);

    // Retry: a new job on the same picked images, then the preview pair.
    expect(retryStyle(b, brandId).status).toBe('training');
    await styleTrainingsSettled(b);
    const ready = styleView(b, brandId);
    expect(ready.status).toBe('ready');
    expect(submits).toBe(2);
    expect(ready.trainingImages).toBe(picked.length);
    expect(ready.preview?.standardUrl).toMatch(/^\/media\/[0-9a-f]{64}$/u);
    expect(approvedStyleFor(b, brandId)).toBeUndefined();
    approveStyle(b, brandId, true);
    expect(approvedStyleFor(b, brandId)?.kind).toBe('grade');
    approveStyle(b, brandId, false);
    expect(approvedStyleFor(b, brandId)).toBeUndefined();
    stopBrandStyles(b);
  }, 120_000);
  it('cancel: stops the job at the provider and here, says so, and Retry trains again; an unreachable provider changes nothing', async () => {
    const kite2 = randomUUID();
    const now = new Date().toISOString();
    db.prepare("INSERT INTO brands (id, name, colors_json, created_at, updated_at) VALUES (?, 'Kite Two', '[\"#1B998B\"]', ?, ?)").run(kite2, now, now);
    const events: string[] = [];
    const c = context((name, p) => void (name === 'brand/styleChanged' && events.push((p as { status: string }).status)));
    await expect(cancelStyle(c, kite2)).rejects.toMatchObject({ code: 'CONFLICT' });

    script.push('hang', 'hang');
    const row = startStyleTraining(c, kite2, { sourceRunId: runId, provider: 'fake' });
    await waitFor(() => repo.getStyle(db, row.id)?.trainingId, (id) => !!id, 'the training job id', { timeoutMs: 10_000, intervalMs: 25 });
    const jobId = repo.getStyle(db, row.id)!.trainingId!;

    // The provider cannot be told: the training keeps running and the user is told why.
    cancelFails = true;
    await expect(cancelStyle(c, kite2)).rejects.toMatchObject({ code: 'OFFLINE', message: expect.stringMatching(/Could not cancel the training/u) });
    expect(styleView(c, kite2).status).toBe('training');

    const view = await cancelStyle(c, kite2);
    expect(cancelled).toEqual([jobId]);
    expect(view.status).toBe('failed');
    expect(view.error).toBe(CANCELLED_MESSAGE);
    // The local wait was aborted (nothing still running) and kept the cancel message.
    await styleTrainingsSettled(c);
    expect(styleView(c, kite2).error).toBe(CANCELLED_MESSAGE);
    expect(events).toEqual(['training', 'failed']);

    // Retry starts a new job; cancelling it before the provider has an id just aborts the local work.
    const before = submits;
    expect(retryStyle(c, kite2).status).toBe('training');
    const retried = repo.latestStyle(db, kite2)!;
    expect(retried.id).not.toBe(row.id);
    const early = await cancelStyle(c, kite2);
    expect(early.status).toBe('failed');
    await styleTrainingsSettled(c);
    expect(repo.getStyle(db, retried.id)!.status).toBe('failed');
    // A job the aborted submit created anyway is cancelled too (never left running at the provider).
    const late = repo.getStyle(db, retried.id)!.trainingId;
    expect(late === null ? submits === before : cancelled.includes(late)).toBe(true);
    script.length = 0;
    stopBrandStyles(c);
  }, 60_000);

  it('cancel that arrives after the training finished keeps the trained style', async () => {
    const kite3 = randomUUID();
    const now = new Date().toISOString();
    db.prepare("INSERT INTO brands (id, name, colors_json, created_at, updated_at) VALUES (?, 'Kite Three', '[\"#D7263D\"]', ?, ?)").run(kite3, now, now);
    const c = context();
    // The first wait hangs (it would only see the result at its next poll); the re-poll finds it done.
    script.push('hang', 'ok');
    const row = startStyleTraining(c, kite3, { sourceRunId: runId, provider: 'fake' });
    await waitFor(() => repo.getStyle(db, row.id)?.trainingId, (id) => !!id, 'the training job id', { timeoutMs: 10_000, intervalMs: 25 });
    const jobId = repo.getStyle(db, row.id)!.trainingId!;
    cancelFindsFinished = true;
    const view = await cancelStyle(c, kite3);
    expect(view.status).toBe('training');
    expect(view.error).toBeNull();
    await styleTrainingsSettled(c);
    expect(styleView(c, kite3).status).toBe('ready');
    expect(cancelled).not.toContain(jobId);
    expect(polled.filter((p) => p === jobId).length).toBe(2);
    stopBrandStyles(c);
  }, 60_000);
});
