/**
 * Every video model the catalog offers × every aspect the product offers (16:9, 9:16, 1:1) × every
 * ad length (15, 30, 60 s), at the request level (issue 17): for each of the 36 combinations the
 * app plans a run exactly as it would (createRun → runVideoPlan: the model, its resolution, the
 * scene plan fitted to its clip lengths; sceneClip: each scene's snapped clip length), then sends
 * each distinct clip request the plan makes through the app's own proxy family (the Replicate SDK,
 * the start frame cropped to the model's aspect and size) → the real Worker in workerd → the
 * strict fakes, which validate it against the model's recorded schema (422 on a refusal) and fail
 * the prediction on a model-side refusal (Hailuo 10 s at 1080p, Veo 1:1, Sora's reference size).
 * Each request is waited for to the end. Full renders only for one combination: a 15 s 1:1 ad on
 * Veo 3.1, which has no 1:1 (generated 16:9, cropped to fill by the timeline) — the default model's
 * whole ads run in proxy-ads.test.ts and billing.test.ts.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBrief } from '../../src/pipeline/brief';
import { createRun, defaultResolution, runToEnd, runVideoPlan } from '../../src/pipeline/generate';
import { probeMedia } from '../../src/pipeline/ffmpeg/probe';
import { resolveBinaries } from '../../src/pipeline/ffmpeg/binaries';
import { runFfmpeg } from '../../src/pipeline/ffmpeg/run';
import { sceneClip, type SceneOutput } from '../../src/pipeline/stages/scenes';
import type { CallContext, VideoRequest } from '../../src/pipeline/providers/types';
import { catalogModel, videoModels } from '../../src/shared/models/catalog';
import { ASPECTS, type Aspect as OutputAspect } from '../../src/shared/domain/aspect';
import { CROSSFADE_SECONDS, aspectRatio, generationFrame } from '../../src/shared/models/video';
import { ffmpegPath, makeWorkspace, writeBrief } from '../integration/pipeline-fixtures';
import { openProxyApp, type ProxyApp } from './app';
import { startStack, type Stack } from './stack';

const LENGTHS = [15, 30, 60] as const;

let stack: Stack;
let app: ProxyApp;
let dir: string;
/** A product image at each output aspect (the first scene starts from one like it). */
const startImages = new Map<OutputAspect, string>();

beforeAll(async () => {
  // One user sends the whole matrix in seconds, polls included: above the production 100 calls a minute.
  stack = await startStack({ ffmpegPath, clipShortSide: 72, reuseMedia: true, latencyMs: { text: 5, image: 20, video: 40, speech: 20, music: 20 } });
  const ws = await makeWorkspace('zapcut-sys-models-');
  dir = ws.dir;
  process.env.ZAPCUT_DATA_DIR = ws.dataDir;
  app = await openProxyApp(stack.proxyUrl);
  const email = `models${process.pid}-${Date.now()}@zapcut.test`;
  await app.session.signup(email, 'correct-horse-battery');
  await stack.verifyEmail(email);
  // 36 reserved videos of up to 60 s at 1080p: an Agency plan (100 a month).
  const me = await app.session.account();
  const r = await fetch(`${stack.proxyUrl}/admin/users/${me.id}/tier`, { method: 'PUT', headers: { authorization: `Bearer ${await stack.adminToken()}`, 'content-type': 'application/json' }, body: JSON.stringify({ tier: 'agency', reason: 'system test: every model at every length' }) });
  expect(r.status).toBe(200);
  await mkdir(path.join(dir, 'frames'), { recursive: true });
  for (const aspect of ASPECTS) {
    const { width, height } = defaultResolution(aspect, 0.5);
    const out = path.join(dir, 'frames', `product-${aspect.replace(':', 'x')}.png`);
    await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}`, '-frames:v', '1'], output: out });
    startImages.set(aspect, out);
  }
}, 180_000);
afterAll(async () => {
  app?.backend.close();
  await stack?.stop();
});

interface Planned {
  runId: string;
  count: number;
  modelResolution: string | undefined;
  /** Scene index → the clip length it asks for. */
  requests: { index: number; seconds: number }[];
}

/** The app's plan for an ad of this model, aspect and length, at the real output size. */
async function plan(slug: string, aspect: OutputAspect, lengthSeconds: 15 | 30 | 60): Promise<Planned> {
  const brief = await loadBrief(await writeBrief(dir, { lengthSeconds }), { lengthSeconds, aspect });
  const run = createRun(app.backend.pipeline, brief, { provider: 'proxy', resolution: defaultResolution(aspect), videoModel: slug });
  const env = runVideoPlan(app.backend.pipeline, run.id);
  expect(env.family.video.model.slug).toBe(slug);
  const { count, durations } = env.plan;
  expect(durations.reduce((s, d) => s + d, 0), 'scene lengths add up to the ad').toBe(lengthSeconds);
  const clips = durations.map((d, i) => ({ index: i + 1, ...sceneClip(env, i + 1, count, d) }));
  for (const c of clips) expect(c.snap.shortBySeconds, `${slug} ${aspect} ${lengthSeconds} s: scene ${c.index} fits one clip`).toBe(0);
  expect(clips.reduce((s, c) => s + c.used, 0) - (count - 1) * CROSSFADE_SECONDS).toBe(lengthSeconds);
  // One request per distinct clip length the plan asks for (the rest are the same request again).
  const requests: { index: number; seconds: number }[] = [];
  for (const c of clips) if (!requests.some((r) => r.seconds === c.snap.requestSeconds)) requests.push({ index: c.index, seconds: c.snap.requestSeconds });
  return { runId: run.id, count, modelResolution: env.modelResolution, requests };
}

/** Sends one scene's clip request as the scene stage does (same family, same request fields) and waits for the clip. */
async function sendClip(slug: string, aspect: OutputAspect, p: Planned, r: { index: number; seconds: number }): Promise<void> {
  const family = app.backend.pipeline.family('proxy');
  const video = family.videoModel!(slug);
  const req: VideoRequest = {
    prompt: 'A slow push-in on a glass bottle of cold-brew tea on a sunlit counter.',
    negativePrompt: 'text, watermark',
    startImage: startImages.get(aspect)!,
    durationSeconds: r.seconds,
    aspect,
    resolution: defaultResolution(aspect),
    ...(p.modelResolution ? { modelResolution: p.modelResolution } : {}),
    seed: 1000 + r.index,
    styleStrength: 0.82,
    style: { colors: ['#f4efe6', '#2f4a3a'], lighting: 'soft daylight', camera: 'slow push-in', motion: 'gentle', energyLevel: 2 },
    scene: { index: r.index, count: p.count, title: 'Bottle', role: 'setup', camera: 'push-in', productImages: [startImages.get(aspect)!], brandName: 'Leafline', cta: 'Get yours today' },
  };
  const workDir = path.join(dir, 'work', p.runId, String(r.index));
  await mkdir(workDir, { recursive: true });
  const ctx: CallContext = { signal: AbortSignal.timeout(120_000), workDir, idempotencyKey: `${p.runId}:scene:${r.index}:video` };
  const job = await video.submit(req, ctx);
  const out = await video.wait(job.jobId, req, ctx);
  expect(out.files).toHaveLength(1);
}

describe.each(videoModels().map((m) => [m.slug] as const))('%s', (slug) => {
  const model = catalogModel(slug)!;

  it('15, 30 and 60 s at 16:9, 9:16 and 1:1: every clip request the plan makes passes the recorded schema and the model', async () => {
    const before = stack.fakes.stats();
    const sent: { aspect: OutputAspect; length: number; seconds: number }[] = [];
    for (const aspect of ASPECTS) {
      for (const length of LENGTHS) {
        const p = await plan(slug, aspect, length);
        // A refusal fails here, naming the combination (the SDK's error carries the fake's 422 body).
        for (const r of p.requests) {
          await sendClip(slug, aspect, p, r).catch((e: unknown) => {
            throw new Error(`${slug} ${aspect} ${length} s, scene ${r.index} (${r.seconds} s at ${p.modelResolution ?? 'default'}): ${e instanceof Error ? e.message : String(e)}`);
          });
          sent.push({ aspect, length, seconds: r.seconds });
        }
      }
    }
    const stats = stack.fakes.stats();
    expect(stats.refused.slice(before.refused.length), 'requests Replicate would refuse').toEqual([]);
    expect(stats.ignoredInputs.slice(before.ignoredInputs.length), 'input fields Replicate would drop').toEqual([]);

    // What reached the fake, call by call, against the catalog's own constraints.
    const calls = stats.calls.slice(before.calls.length).filter((c) => c.kind === 'video');
    expect(calls.length).toBe(sent.length);
    calls.forEach((c, i) => {
      const { aspect, length, seconds } = sent[i]!;
      const where = `${aspect} ${length} s`;
      expect(c.model).toBe(slug);
      expect(c.input[model.inputs.duration!], `${where}: clip length`).toBe(seconds);
      const res = model.video!.resolutions.find((x) => Object.entries(x.input).every(([k, v]) => c.input[k] === v));
      expect(res, `${where}: a resolution the model has`).toBeDefined();
      expect(res!.durations, `${where}: ${res!.name} makes ${seconds} s clips`).toContain(seconds);
      const frame = generationFrame(model, aspect);
      if (model.inputs.aspectRatio) expect(c.input[model.inputs.aspectRatio], `${where}: aspect value`).toBe(frame.value);
      const start = c.input[model.inputs.startImage!] as { width: number; height: number };
      if (frame.frame) expect(start, `${where}: start frame at the model's exact size`).toEqual(frame.frame);
      else expect(Math.abs(start.width / start.height - aspectRatio(frame.aspect)), `${where}: start frame ${start.width}×${start.height}`).toBeLessThan(0.03);
    });
  }, 600_000);
});

describe('end to end', () => {
  it('a 15 s 1:1 ad on Veo 3.1 (no 1:1): clips generated 16:9 with 16:9 start frames, cropped to fill the square; the ad has its length and shape', async () => {
    const before = stack.fakes.stats();
    const brief = await loadBrief(await writeBrief(dir, { lengthSeconds: 15 }), { lengthSeconds: 15, aspect: '1:1' });
    const out = defaultResolution('1:1', 90 / 1080);
    const run = createRun(app.backend.pipeline, brief, { provider: 'proxy', resolution: out, videoModel: 'google/veo-3.1' });
    const result = await runToEnd(app.backend.pipeline, run.id);
    const stats = stack.fakes.stats();
    expect(stats.refused.slice(before.refused.length)).toEqual([]);
    expect(stats.ignoredInputs.slice(before.ignoredInputs.length)).toEqual([]);
    const clips = stats.calls.slice(before.calls.length).filter((c) => c.kind === 'video');
    // Veo takes a last frame: every scene between its two keyframes, each clip passing the gate first time.
    const gates = app.backend.pipeline.store.getSteps(run.id).filter((s) => s.stepId.startsWith('scene:')).map((s) => (s.output as SceneOutput).gate);
    expect(gates.map((g) => g?.failed.concat(g.regeneratedFrom?.failed ?? []))).toEqual(gates.map(() => []));
    expect(clips).toHaveLength(result.timeline.main.clips.length);
    for (const c of clips) expect({ model: c.model, aspect: c.input.aspect_ratio, image: c.input.image }).toEqual({ model: 'google/veo-3.1', aspect: '16:9', image: { width: 1280, height: 720 } });
    expect(result.timeline.main.clips.every((c) => c.fit === 'cover')).toBe(true);
    const probe = await probeMedia(resolveBinaries().ffprobePath, result.exportPath);
    expect({ w: probe.video?.width, h: probe.video?.height }).toEqual({ w: out.width, h: out.height });
    expect(probe.durationS).toBeGreaterThan(14.5);
    expect(probe.durationS).toBeLessThan(15.7);
  }, 300_000);
});
