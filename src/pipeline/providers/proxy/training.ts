/**
 * Brand-style (LoRA) training through the proxy's own route, not the Replicate SDK: the Worker
 * builds the zip of training images, picks the one allowlisted trainer and enforces the limits
 * (one running per brand, the plan's trainings a month), so the app only sends small JPEG data URIs and polls.
 * `submit` returns the proxy's training id, which the brand-style job records before waiting;
 * `wait` polls with backoff (a desktop app gets no webhooks) — safe to call again after a restart
 * — and writes the finished `TrainedStyle` (kind `lora`) as a JSON file, atomically.
 */
import { randomBytes } from 'node:crypto';
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { sleep } from '../../engine/retry';
import { TrainedStyle } from '../../style/trained-style';
import { findModel, type CatalogModel } from '../catalog';
import { TRAINER_MODEL } from '../../../shared/models/catalog';
import { ProviderError } from '../errors';
import type { CallContext, JobOutput, JobProvider, Submitted, TrainingRequest } from '../types';
import { authedJson, type ProxyAuth } from './api';
import type { PollPolicy } from './jobs';
import { imageDataUri } from './media';

/** Real LoRA trainings take 20–40 minutes: poll gently and give up only after hours. */
export const trainingPollPolicy: PollPolicy = { initialMs: 5000, maxMs: 60_000, factor: 1.5, timeoutMs: 3 * 3600_000 };

/** The catalog's trainer, as the app reaches it: through the proxy, which picks the version. */
export const proxyTrainingModel: CatalogModel = {
  ...findModel(TRAINER_MODEL),
  source: 'Zapcut proxy POST /v1/trainings (the trainer is chosen by the proxy; counted against the plan: Free 1 a month, Starter 3, Pro 10, Agency 30; a failed or cancelled training is given back).',
};

const Created = z.object({ trainingId: z.string().min(1).max(100), status: z.string() });
const Status = z.object({
  trainingId: z.string(),
  status: z.string(),
  output: z.object({ version: z.string(), weights: z.string().nullable() }).optional(),
  error: z.string().optional(),
});

export interface ProxyTrainingOptions {
  auth: ProxyAuth;
  ffmpegPath: string;
  poll?: Partial<PollPolicy>;
}

export function proxyTraining(opts: ProxyTrainingOptions): JobProvider<TrainingRequest> {
  const poll = { ...trainingPollPolicy, ...opts.poll };
  return {
    model: proxyTrainingModel,
    async submit(req: TrainingRequest, ctx: CallContext): Promise<Submitted> {
      // ≤360 KB JPEGs: within the proxy's per-image data-URI limit, plenty for a 1024 px trainer.
      const images: string[] = [];
      for (const file of req.images.slice(0, 30)) images.push(await imageDataUri(opts.ffmpegPath, file, ctx.workDir, { maxSide: 1024, signal: ctx.signal }));
      const created = await authedJson(opts.auth, '/v1/trainings', Created, {
        body: { brandKey: req.brandKey ?? req.triggerWord, images, triggerWord: req.triggerWord },
        // One key per training attempt: a retried request (or a restart before the id was
        // recorded) gets the same training instead of taking another from the month's allowance.
        headers: { 'idempotency-key': ctx.idempotencyKey },
        signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(120_000)]),
      });
      return { jobId: created.trainingId, costCents: 0 };
    },
    /** Stops the training at the provider (the proxy frees the brand's slot); a finished one stays as it is. */
    async cancel(jobId: string, signal?: AbortSignal): Promise<{ finished: boolean }> {
      const t = await authedJson(opts.auth, `/v1/trainings/${encodeURIComponent(jobId)}/cancel`, Status, { method: 'POST', body: {}, signal: AbortSignal.any([...(signal ? [signal] : []), AbortSignal.timeout(30_000)]) });
      return { finished: t.status === 'succeeded' };
    },
    async wait(jobId: string, req: TrainingRequest, ctx: CallContext): Promise<JobOutput> {
      const started = Date.now();
      let delay = poll.initialMs;
      for (;;) {
        const t = await authedJson(opts.auth, `/v1/trainings/${encodeURIComponent(jobId)}`, Status, { signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(30_000)]) });
        if (t.status === 'succeeded') {
          if (!t.output) throw new ProviderError('The style training finished without a trained model version.', { retryable: false });
          const style = TrainedStyle.parse({ kind: 'lora', version: t.output.version, weights: t.output.weights, triggerWord: req.triggerWord });
          ctx.onProgress?.(100);
          const out = path.join(ctx.workDir, 'style.json');
          const tmp = `${out}.${randomBytes(4).toString('hex')}.partial`;
          await writeFile(tmp, JSON.stringify(style));
          await rename(tmp, out);
          return { files: [out] };
        }
        if (t.status === 'failed' || t.status === 'canceled') {
          throw new ProviderError(`The style training ${t.status === 'canceled' ? 'was cancelled' : `failed: ${t.error ?? 'no reason given'}`}. Retry to train again.`, { retryable: false });
        }
        if (Date.now() - started > poll.timeoutMs) throw new ProviderError(`The style training is still running after ${Math.round(poll.timeoutMs / 60_000)} min; it keeps being checked the next time Zapcut starts.`, { retryable: false });
        await sleep(delay, ctx.signal);
        delay = Math.min(poll.maxMs, delay * poll.factor);
      }
    },
  };
}
