/**
 * The proxy provider family: everything paid goes through the Zapcut proxy with the signed-in
 * user's access token — nothing in the app holds a provider key. Text through the Anthropic or
 * OpenAI SDK, images/video/speech through the Replicate SDK, music through the proxy's music
 * route. Transition whooshes are synthesised locally (no provider sells them per call).
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { AppError, toErrorShape } from '../../../shared/errors';
import { ProviderError } from '../errors';
import { findModel } from '../catalog';
import { DEFAULT_VIDEO_MODEL, IMAGE_MODEL, MUSIC_MODEL, SPEECH_MODEL } from '../../../shared/models/catalog';
import { generationFrame } from '../../../shared/models/video';
import { speechInput, videoCostCents, videoInput } from '../model-input';
import { synthesizeWhoosh } from '../offline/audio-synth';
import type { ImageRequest, JobProvider, MusicRequest, ProviderFamily, SfxRequest, SpeechRequest, VideoRequest } from '../types';
import { QuoteAnswer, type ReservationRead as Reservation } from '../../../shared/domain/account-wire';
import { authedJson, resolutionName, upgradeHint, type ProxyAuth } from './api';
import { frameDataUri, imageDataUri } from './media';
import { defaultPollPolicy, musicJob, replicateJob, type JobDeps, type PollPolicy } from './jobs';
import { RunReservations, type ChargeStore, type RunVideoSpec } from './reservations';
import { proxyText, type TextVendor } from './text';
import { proxyTraining } from './training';
import { trainedStyleInput, trainedStyleTarget } from './trained-style-image';

export interface ProxyFamilyOptions {
  auth: ProxyAuth;
  ffmpegPath: string;
  /** Length, resolution and aspect of a run (from its stored input) — what the video reservation is for. */
  runSpec(runId: string): RunVideoSpec;
  /** Where each run's charge (reserved → charged / given back) is recorded for the user to see. */
  charges?: () => ChargeStore;
  textVendor?: TextVendor;
  textModel?: string;
  /** The default video model (a catalog slug); a run may name another (`videoModel` on its input). */
  videoModel?: string;
  poll?: Partial<PollPolicy>;
  /** Brand-style trainings poll far more slowly than media jobs (they take tens of minutes). */
  trainingPoll?: Partial<PollPolicy>;
}

export interface ProxyFamily extends ProviderFamily {
  readonly name: 'proxy';
  /**
   * Call when a run fails (not when it is cancelled or the app is killed — those resume): a video
   * without paid output is refunded. Returns a sentence for the user saying what happened to it.
   */
  runFailed(runId: string, error: unknown): Promise<string | null>;
}

/**
 * A brand's trained style is a model version owned by the account that trained it. Signed in as
 * another account, the proxy refuses it (403): the ad is made in the standard look instead of
 * failing, and the log says why.
 */
function withStandardLook(job: JobProvider<ImageRequest>): JobProvider<ImageRequest> {
  return {
    ...job,
    async submit(req, ctx) {
      try {
        return await job.submit(req, ctx);
      } catch (e) {
        const style = req.brandStyle;
        if (style?.kind !== 'lora' || !(e instanceof ProviderError) || e.status !== 403) throw e;
        console.warn(`zapcut: the brand's trained style (${style.version}) is not available to this account (${e.message}); using the standard look.`);
        const { brandStyle: _trained, ...standard } = req;
        return job.submit({ ...standard, prompt: req.prompt.replace(`${style.triggerWord} style. `, '') }, ctx);
      }
    },
  };
}

export function proxyFamily(opts: ProxyFamilyOptions): ProxyFamily {
  const reservations = new RunReservations(opts.auth, opts.runSpec, opts.charges);
  const deps: JobDeps = { auth: opts.auth, reservations, poll: { ...defaultPollPolicy, ...opts.poll } };
  const ff = opts.ffmpegPath;
  const speechModel = findModel(SPEECH_MODEL);
  const musicModel = findModel(MUSIC_MODEL);
  const imageModel = findModel(IMAGE_MODEL);

  const imageJob: JobProvider<ImageRequest> = replicateJob<ImageRequest>(
    deps,
    imageModel,
    imageModel.slug,
    // A brand's approved trained style (lora) runs on its own model version; everything else on flux-1.1-pro.
    async (req, ctx) => trainedStyleInput(req) ?? {
      prompt: req.prompt,
      aspect_ratio: req.aspect,
      seed: req.seed,
      output_format: 'png',
      // flux's image_prompt (Redux): the previous keyframe for a keyframe, else the first product shot.
      ...((req.reference ?? req.productImages[0]) ? { image_prompt: await imageDataUri(ff, (req.reference ?? req.productImages[0])!, ctx.workDir, { maxSide: 768, signal: ctx.signal }) } : {}),
    },
    () => imageModel.priceCents,
    trainedStyleTarget,
  );

  const image = withStandardLook(imageJob);

  /** Scene clips on one catalog video model; the start frame is sent at the aspect (and size) the model generates. */
  const videoJob = (slug: string): JobProvider<VideoRequest> => {
    const model = findModel(slug);
    if (model.capability !== 'video' || model.provider !== 'replicate') throw new AppError('VALIDATION', `${slug} is not a Replicate video model in the catalog.`);
    return replicateJob<VideoRequest>(
      deps,
      model,
      model.slug,
      async (req, ctx) => {
        const frame = { ...generationFrame(model, req.aspect), maxSide: 1024, signal: ctx.signal };
        // A keyframe-anchored scene sends its last frame at the same size as its first.
        const end = req.endImage ? await frameDataUri(ff, req.endImage, ctx.workDir, frame) : undefined;
        return videoInput(model, req, await frameDataUri(ff, req.startImage, ctx.workDir, frame), end);
      },
      (req) => videoCostCents(model, req.durationSeconds),
    );
  };
  const video = videoJob(opts.videoModel ?? DEFAULT_VIDEO_MODEL);

  const speech: JobProvider<SpeechRequest> = replicateJob<SpeechRequest>(deps, speechModel, speechModel.slug, async (req) => speechInput(speechModel, req), (req) => Math.max(1, Math.round((req.text.length / 1000) * speechModel.priceCents)));

  const music: JobProvider<MusicRequest> = musicJob<MusicRequest>(deps, musicModel, (req) => Math.round(musicModel.priceCents * req.durationSeconds));

  const sfx: JobProvider<SfxRequest> = {
    model: { ...musicModel, slug: 'local/whoosh', capability: 'sfx', provider: 'offline', priceCents: 0, source: 'Synthesised locally with FFmpeg (no paid call).' },
    async submit(req) {
      return { jobId: `local:sfx:${createHash('sha256').update(JSON.stringify(req)).digest('hex').slice(0, 16)}`, costCents: 0 };
    },
    async wait(jobId, req, ctx) {
      const out = path.join(ctx.workDir, `${jobId.replaceAll(':', '_')}.wav`);
      return { files: [await synthesizeWhoosh(ff, out, { durationSeconds: req.durationSeconds, seed: req.seed, signal: ctx.signal })] };
    },
  };

  return {
    name: 'proxy',
    text: proxyText({ auth: opts.auth, ffmpegPath: ff, vendor: opts.textVendor, model: opts.textModel }),
    image,
    video,
    videoModel: (slug) => (slug === video.model.slug ? video : videoJob(slug)),
    speech,
    music,
    sfx,
    training: proxyTraining({ auth: opts.auth, ffmpegPath: ff, poll: opts.trainingPoll }),
    async videoPrice(runId, signal) {
      const spec = opts.runSpec(runId);
      const q = await authedJson(opts.auth, `/v1/quote?lengthSeconds=${spec.lengthSeconds}&resolution=${resolutionName(spec.resolution)}`, QuoteAnswer, { signal });
      return q.allowed ? { kind: 'video', source: q.source, costCents: q.costCents } : { kind: 'refused', code: q.code, message: `${q.message}${upgradeHint(q.code, spec.lengthSeconds)}` };
    },
    draftPictures: (runId, signal) => reservations.draftPictures(runId, signal),
    expectations: { text: 8, image: 12, videoPerSecond: 6, videoFixed: 30, speech: 6, music: 30, sfx: 0.5, exportPerSecond: 0.5 },
    async runFailed(runId, error) {
      const why = toErrorShape(error);
      if (why.code === 'CANCELLED') return null;
      let v: Reservation | undefined;
      try {
        v = await reservations.failed(runId, `${why.code}: ${why.message}`);
      } catch (e) {
        return `Could not tell the Zapcut service about the failure (${toErrorShape(e).message}); an unused video is given back automatically within a day.`;
      }
      if (!v) return null;
      if (v.status === 'refunded') return v.source === 'credits' ? `Nothing was charged: $${(v.costCents / 100).toFixed(2)} of credit was given back.` : v.source === 'free' ? 'Nothing was charged: your free video was given back.' : "Nothing was charged: this month's video was given back.";
      if (v.status === 'committed') return 'This video was already charged because the service delivered paid output before the failure; resume the run to finish it at no extra cost.';
      return null;
    },
  };
}
