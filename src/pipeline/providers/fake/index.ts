/**
 * A scripted provider family for tests and benchmarks: fixed latencies per call, scripted HTTP
 * failures (429 with Retry-After, 5xx), malformed model JSON, and a persistent job ledger that
 * counts paid jobs across process restarts. Its media is real but tiny (FFmpeg lavfi), so the
 * rest of the pipeline (continuity frames, timeline, export) runs for real.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { runFfmpeg } from '../../ffmpeg/run';
import { sleep } from '../../engine/retry';
import { ProviderError } from '../errors';
import type { CatalogModel } from '../catalog';
import { OfflineText } from '../offline/text';
import { wordCount } from '../../stages/copy';
import type { CallContext, ImageRequest, VideoRequest, JobProvider, ProviderFamily, TextProvider, TextRequest, TextResult, TextTask } from '../types';
import { Ledger } from './ledger';

export interface FailureSpec {
  status: number;
  retryAfterMs?: number;
  /** The job itself failed on the provider (wait only). */
  jobFailed?: boolean;
}

export interface FakeScript {
  /** Milliseconds per call (text) or per job (others); video is per second of output. */
  latencyMs: { text: number; image: number; videoPerSecond: number; videoFixed: number; speech: number; music: number; sfx: number };
  /** Failures served before success, per operation: 'text', 'image.submit', 'video.submit', 'video.wait', 'speech.submit', … */
  failures?: Record<string, FailureSpec[]>;
  /** Number of malformed answers per text task before a good one. */
  malformed?: Partial<Record<TextTask, number>>;
  /** Persist the ledger here (cross-process tests). */
  ledgerFile?: string;
  /** Price of a video second in cents (for cost reporting). */
  videoCentsPerSecond?: number;
  /** Round trip of a create request, ms (default 10). */
  submitMs?: number;
  /** The safety model blocks the storyboard (the local rules found nothing). */
  safetyBlocks?: boolean;
  /** Allowed video durations (snapping tests); default any. */
  allowedDurations?: number[];
  /**
   * Speak at this many words per second whatever the line's time budget (like provider TTS,
   * which does not squeeze a line into `maxSeconds`); default: 70 % of `maxSeconds`.
   */
  speechWordsPerSecond?: number;
  /** The video model takes a last frame too (keyframe-anchored scenes, issue 21); default: first frame only. */
  lastFrame?: boolean;
  /** The first n video jobs deliver a clip frozen on black (a model failure the scene gate must catch). */
  badClips?: number;
  /** Each video job takes up to this much longer (ms), fixed per job key (bench:pipeline's 60–120 s scenes). */
  videoJitterMs?: number;
}

const model = (slug: string, capability: CatalogModel['capability'], allowedDurations: number[] = [], priceCents = 0): CatalogModel => ({
  slug,
  capability,
  provider: 'fake',
  inputs: {},
  allowedDurations,
  resolutions: ['any'],
  priceCents,
  priceUnit: 'second',
  source: 'Test double (src/pipeline/providers/fake).',
});

/** The fake video model; with `lastFrame` its catalog facts say it takes a last frame (as Hailuo-02's `last_frame_image`). */
function videoModel(script: FakeScript): CatalogModel {
  const m = model('fake/video', 'video', script.allowedDurations ?? [], script.videoCentsPerSecond ?? 10);
  if (!script.lastFrame) return m;
  const aspects = (['16:9', '9:16', '1:1'] as const).map((aspect) => ({ aspect }));
  return { ...m, video: { resolutions: [{ name: 'any', lines: 4320, input: {}, durations: script.allowedDurations ?? [] }], defaultResolution: 'any', aspects, aspectFromStartImage: true, endImage: { field: 'last_frame' } } };
}

export function fakeFamily(script: FakeScript, opts: { ffmpegPath: string }): ProviderFamily & { ledger: Ledger } {
  const ledger = new Ledger(script.ledgerFile);
  const ff = opts.ffmpegPath;

  const maybeFail = (op: string) => {
    const specs = script.failures?.[op] ?? [];
    const i = ledger.takeFailure(op, specs.length);
    if (i === undefined) return;
    const spec = specs[i]!;
    throw new ProviderError(spec.jobFailed ? `fake ${op}: prediction failed` : `fake ${op}: HTTP ${spec.status}`, { status: spec.status, retryAfterMs: spec.retryAfterMs, jobFailed: spec.jobFailed, retryable: spec.jobFailed ? false : undefined });
  };

  const offline = new OfflineText();
  const text: TextProvider = {
    model: 'fake/text',
    async complete(req: TextRequest, ctx: CallContext): Promise<TextResult> {
      ledger.countCall(`text.${req.task}`);
      await sleep(script.latencyMs.text, ctx.signal);
      maybeFail('text');
      const bad = script.malformed?.[req.task] ?? 0;
      const served = ledger.countCall(`text.${req.task}.answer`);
      if (served <= bad) return { text: `Sure! Here is the JSON you asked for:\n{"oops": [1, 2,`, costCents: 1 };
      if (req.task === 'safety' && script.safetyBlocks) {
        const verdict = { status: 'blocked', violations: [{ category: 'real_people', severity: 'high', scene: 2, description: 'Scene 2 shows a celebrity likeness', line: 'a famous actor drinks it' }], negativePrompt: '', safeAlternative: 'A synthetic person enjoys the drink.' };
        return { text: JSON.stringify(verdict), costCents: 1 };
      }
      return { text: `\`\`\`json\n${(await offline.complete(req)).text}\n\`\`\``, costCents: 1 };
    },
  };

  function job<Req>(capability: string, m: CatalogModel, latency: (req: Req) => number, cost: (req: Req) => number, render: (req: Req, out: string, ctx: CallContext) => Promise<void>, ext: string): JobProvider<Req> {
    return {
      model: m,
      async submit(req, ctx) {
        // The create request's round trip; the job exists once it returns (see runJob's note on
        // the window between a provider creating a job and us recording its id).
        await sleep(script.submitMs ?? 10, ctx.signal);
        maybeFail(`${capability}.submit`);
        const jobId = `fake-${capability}-${createHash('sha1').update(`${ctx.idempotencyKey}:${Date.now()}:${Math.random()}`).digest('hex').slice(0, 12)}`;
        const now = Date.now();
        ledger.addJob({ jobId, capability, idempotencyKey: ctx.idempotencyKey, createdAt: now, readyAt: now + latency(req), costCents: cost(req) });
        return { jobId, costCents: cost(req) };
      },
      async recover(idempotencyKey) {
        const j = ledger.jobByKey(idempotencyKey);
        return j && { jobId: j.jobId, costCents: j.costCents };
      },
      async wait(jobId, req, ctx) {
        const j = ledger.job(jobId);
        if (!j) throw new ProviderError(`fake: unknown job ${jobId}`, { status: 404 });
        const left = j.readyAt - Date.now();
        if (left > 0) await sleep(left, ctx.signal);
        maybeFail(`${capability}.wait`);
        const out = path.join(ctx.workDir, `${jobId}.${ext}`);
        await render(req, out, ctx);
        return { files: [out] };
      },
    };
  }

  const L = script.latencyMs;
  // Deterministic per request (its seed and prompt), so a run's timing repeats.
  const jitter = (r: VideoRequest) => (script.videoJitterMs ? (parseInt(createHash('sha1').update(`${r.seed}:${r.prompt}`).digest('hex').slice(0, 8), 16) / 0xffffffff) * script.videoJitterMs : 0);
  // A clip that really starts on its first frame and ends on its last (a model that interpolates
  // between keyframes); with only a first frame it drifts to a hue-turned copy of it.
  const tinyVideo = async (req: VideoRequest, out: string, ctx: CallContext) => {
    const { width: w, height: h } = req.resolution;
    const d = req.durationSeconds;
    if (ledger.countCall('video.rendered') <= (script.badClips ?? 0)) {
      await runFfmpeg({ ffmpegPath: ff, args: ['-f', 'lavfi', '-i', `color=black:s=${w}x${h}:r=30:d=${d}`, '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'], output: out, signal: ctx.signal });
      return;
    }
    const fit = `scale=${w}:${h}:force_original_aspect_ratio=increase,crop=${w}:${h},setsar=1,format=yuv420p`;
    const graph = `[0:v]${fit}[a];[1:v]${fit}${req.endImage ? '' : `,hue=h=${40 + ((req.seed * 47) % 90)}`}[b];[a][b]blend=all_expr='A*(1-min(T/${Math.max(0.1, d - 1 / 30).toFixed(3)},1))+B*min(T/${Math.max(0.1, d - 1 / 30).toFixed(3)},1)'[v]`;
    await runFfmpeg({
      ffmpegPath: ff,
      args: ['-loop', '1', '-framerate', '30', '-t', String(d), '-i', req.startImage, '-loop', '1', '-framerate', '30', '-t', String(d), '-i', req.endImage ?? req.startImage, '-filter_complex', graph, '-map', '[v]', '-r', '30', '-t', String(d), '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '12', '-pix_fmt', 'yuv420p'],
      output: out,
      signal: ctx.signal,
    });
  };
  const tone = (seconds: (r: never) => number, hz: number) => async (req: never, out: string, ctx: CallContext) => {
    await runFfmpeg({ ffmpegPath: ff, args: ['-f', 'lavfi', '-i', `sine=frequency=${hz}:sample_rate=22050:duration=${seconds(req).toFixed(2)}`, '-c:a', 'pcm_s16le'], output: out, signal: ctx.signal });
  };

  return {
    name: 'fake',
    ledger,
    text,
    image: job('image', model('fake/image', 'image'), () => L.image, () => 4, async (req: ImageRequest, out, ctx) => {
      const { width: w, height: h } = req.resolution;
      // A keyframe continues its reference (a small hue step per boundary) as a camera move would:
      // pushed in and panned, with a fine grid of its own, so neighbouring keyframes share a look
      // but differ in structure (SSIM ≈ 0.92 a quarter of the way back from one to the next; a
      // hue step alone on a brown product scored 0.996 — no join measurement could tell them apart).
      // A picture asked for again (version > 1) comes out different, as a new seed would from a model.
      const k = req.keyframe?.index ?? 1;
      const hue = k * 25 + ((req.keyframe?.version ?? 1) - 1) * 90;
      const move = req.keyframe ? `,scale=iw*1.25:ih*1.25,crop=${w}:${h}:x=iw*${((k * 13) % 40) / 200}:y=ih*${((k * 7) % 22) / 112.5},drawgrid=x=iw*${k}/32:y=ih*${k}/30:w=iw/8:h=ih/4.5:t=max(1\\,ih/22):color=white@0.7` : '';
      const args = req.reference
        ? ['-i', req.reference, '-vf', `scale=${w}:${h}:force_original_aspect_ratio=increase,crop=${w}:${h}${move},hue=h=${hue}`, '-frames:v', '1']
        : ['-f', 'lavfi', '-i', `color=c=0x8B7355:s=${w}x${h}`, '-frames:v', '1'];
      await runFfmpeg({ ffmpegPath: ff, args, output: out, signal: ctx.signal });
    }, 'png'),
    video: job('video', videoModel(script), (r) => L.videoFixed + L.videoPerSecond * r.durationSeconds + jitter(r), (r) => (script.videoCentsPerSecond ?? 10) * r.durationSeconds, tinyVideo, 'mp4'),
    speech: job('speech', model('fake/speech', 'speech'), () => L.speech, () => 1, tone((r: { text: string; maxSeconds: number }) => (script.speechWordsPerSecond ? Math.max(0.5, wordCount(r.text) / script.speechWordsPerSecond) : Math.max(0.5, r.maxSeconds * 0.7)), 440) as never, 'wav'),
    music: job('music', model('fake/music', 'music'), () => L.music, (r) => r.durationSeconds, tone((r: { durationSeconds: number }) => r.durationSeconds, 220) as never, 'wav'),
    sfx: job('sfx', model('fake/sfx', 'sfx'), () => L.sfx, () => 1, tone((r: { durationSeconds: number }) => r.durationSeconds, 880) as never, 'wav'),
    expectations: {
      text: L.text / 1000,
      image: L.image / 1000,
      videoPerSecond: L.videoPerSecond / 1000,
      videoFixed: L.videoFixed / 1000,
      speech: L.speech / 1000,
      music: L.music / 1000,
      sfx: L.sfx / 1000,
      exportPerSecond: 0.02,
    },
  };
}
