/**
 * Paid media jobs through the proxy. Each submit first makes sure the run's video is reserved,
 * then creates the prediction with `X-Zapcut-Video` (the Replicate SDK with its baseUrl at the
 * proxy; music through the proxy's music route) and returns its id — the engine records that id
 * before anything waits on it. `wait` polls with backoff (a desktop app cannot receive webhooks)
 * and downloads the output at once.
 */
import Replicate, { type Prediction } from 'replicate';
import { z } from 'zod';
import { sleep } from '../../engine/retry';
import { ProviderError } from '../errors';
import type { CatalogModel } from '../catalog';
import type { CallContext, JobOutput, JobProvider, Submitted } from '../types';
import { authedJson, type ProxyAuth } from './api';
import { downloadOutput } from './media';
import type { PaidHolder, RunReservations } from './reservations';
import { fromReplicateError, givenBackJob, isUnauthenticated, videoGivenBack } from './sdk-errors';
import type { AppError } from '../../../shared/errors';

export interface PollPolicy {
  initialMs: number;
  maxMs: number;
  factor: number;
  /** Give up (retryably) after this long without a final status. */
  timeoutMs: number;
}
export const defaultPollPolicy: PollPolicy = { initialMs: 1000, maxMs: 10_000, factor: 1.5, timeoutMs: 20 * 60_000 };

export interface JobDeps {
  auth: ProxyAuth;
  reservations: RunReservations;
  poll: PollPolicy;
}

/** The engine's idempotency key is `<runId>:<stepId>:<key>`; run ids are UUIDs (no colons). */
export function runIdOf(ctx: CallContext): string {
  return ctx.idempotencyKey.split(':')[0]!;
}

/** Runs `fn` with the access token; after a 401 refreshes once and repeats. */
async function withToken<T>(auth: ProxyAuth, fn: (token: string) => Promise<T>): Promise<T> {
  try {
    return await fn(await auth.accessToken());
  } catch (e) {
    if (!isUnauthenticated(e)) throw e;
    return fn(await auth.refreshed());
  }
}

function replicateClient(auth: ProxyAuth, token: string, holder: PaidHolder | null): Replicate {
  return new Replicate({
    auth: token,
    baseUrl: `${auth.baseUrl}/replicate/v1`,
    // Every paid call names its reserved video; Node's fetch, not a global the tests could swap.
    fetch: (input, init) => {
      const headers = new Headers(init?.headers);
      if (holder) headers.set(holder.header, holder.id);
      return fetch(input, { ...init, headers });
    },
  });
}

function outputUrls(output: unknown): string[] {
  if (typeof output === 'string') return [output];
  if (Array.isArray(output)) return output.filter((x): x is string => typeof x === 'string');
  if (output && typeof output === 'object') return Object.values(output).flatMap(outputUrls);
  return [];
}

async function pollUntilDone<T>(deps: JobDeps, ctx: CallContext, what: string, get: () => Promise<T>, state: (t: T) => { done: boolean; failed?: string; urls?: string[] }): Promise<string[]> {
  const started = Date.now();
  let delay = deps.poll.initialMs;
  for (;;) {
    const t = await get().catch((e: unknown) => {
      throw videoGivenBack(e) ? givenBackJob(what, e as AppError, e) : e;
    });
    const s = state(t);
    if (s.failed !== undefined) throw new ProviderError(`${what} failed at the provider: ${s.failed}`, { retryable: false });
    if (s.done) {
      if (!s.urls?.length) throw new ProviderError(`${what} finished without an output file.`, { retryable: false });
      return s.urls;
    }
    if (Date.now() - started > deps.poll.timeoutMs) throw new ProviderError(`${what} is still running after ${Math.round(deps.poll.timeoutMs / 60000)} min; resume the run later to keep waiting.`, { retryable: false });
    await sleep(delay, ctx.signal);
    delay = Math.min(deps.poll.maxMs, delay * deps.poll.factor);
  }
}

/** The first delivered output charges the run's video; record that (a failed lookup only loses the label). */
async function settleDelivered(deps: JobDeps, ctx: CallContext): Promise<void> {
  await deps.reservations.delivered(runIdOf(ctx), ctx.signal).catch((e: unknown) => {
    if (ctx.signal.aborted) throw e;
  });
}

async function downloadAll(urls: string[], ctx: CallContext, jobId: string): Promise<JobOutput> {
  const files: string[] = [];
  for (const [i, url] of urls.entries()) files.push(await downloadOutput(url, ctx.workDir, `${jobId.replace(/[^\w-]/g, '_')}-${i}`, ctx.signal));
  return { files };
}

/**
 * A Replicate model through the proxy; `input` builds the model's own input object. `pinned`
 * may name a model version for a request instead (a brand's trained style), run with the same metering.
 */
export function replicateJob<Req>(deps: JobDeps, model: CatalogModel, slug: string, input: (req: Req, ctx: CallContext) => Promise<Record<string, unknown>>, cost: (req: Req) => number, pinned?: (req: Req) => { version: string } | undefined): JobProvider<Req> {
  const what = `${model.capability} (${slug})`;
  return {
    model,
    async submit(req, ctx): Promise<Submitted> {
      // Pictures (style frames, keyframes) are paid from the run's draft until a video is reserved:
      // nothing holds video money before the user approves them (issue 21).
      const runId = runIdOf(ctx);
      const holder = model.capability === 'image' ? await deps.reservations.pictureHolderFor(runId, ctx.signal) : await deps.reservations.videoFor(runId, ctx.signal).then((v): PaidHolder => ({ header: 'x-zapcut-video', id: v.videoId, lengthSeconds: v.lengthSeconds }));
      const body = await input(req, ctx);
      const prediction = await withToken(deps.auth, async (token) => {
        try {
          return await replicateClient(deps.auth, token, holder).predictions.create({ ...(pinned?.(req) ?? { model: slug }), input: body, signal: ctx.signal });
        } catch (e) {
          throw await fromReplicateError(e, what, holder.lengthSeconds);
        }
      });
      return { jobId: prediction.id, costCents: cost(req) };
    },
    async wait(jobId, _req, ctx) {
      const get = () =>
        withToken(deps.auth, async (token) => {
          try {
            return await replicateClient(deps.auth, token, null).predictions.get(jobId, { signal: ctx.signal } as never);
          } catch (e) {
            throw await fromReplicateError(e, what);
          }
        });
      const urls = await pollUntilDone<Prediction>(deps, ctx, what, get, (p) => ({
        done: p.status === 'succeeded',
        failed: p.status === 'failed' || p.status === 'canceled' || p.status === 'aborted' ? String(p.error ?? p.status) : undefined,
        urls: outputUrls(p.output),
      }));
      await settleDelivered(deps, ctx);
      return downloadAll(urls, ctx, jobId);
    },
  };
}

const MusicTask = z.object({ id: z.string(), provider: z.string(), status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']), audioUrl: z.string().nullable(), error: z.string().nullable() });

/** Music through the proxy's music route (Suno when configured there, else a Replicate model). */
export function musicJob<Req extends { prompt: string; durationSeconds: number }>(deps: JobDeps, model: CatalogModel, cost: (req: Req) => number): JobProvider<Req> {
  return {
    model,
    async submit(req, ctx) {
      const video = await deps.reservations.videoFor(runIdOf(ctx), ctx.signal);
      const durationSeconds = Math.min(60, Math.max(5, Math.ceil(req.durationSeconds)));
      const task = await authedJson(deps.auth, '/music/v1/generate', MusicTask, { body: { prompt: req.prompt.slice(0, 1000), durationSeconds, instrumental: true }, headers: { 'x-zapcut-video': video.videoId }, signal: ctx.signal, lengthSeconds: video.lengthSeconds });
      return { jobId: task.id, costCents: cost(req) };
    },
    async wait(jobId, _req, ctx) {
      const urls = await pollUntilDone(deps, ctx, 'music', () => authedJson(deps.auth, `/music/v1/tasks/${encodeURIComponent(jobId)}`, MusicTask, { signal: ctx.signal }), (t) => ({
        done: t.status === 'succeeded',
        failed: t.status === 'failed' || t.status === 'cancelled' ? (t.error ?? t.status) : undefined,
        urls: t.audioUrl ? [t.audioUrl] : [],
      }));
      await settleDelivered(deps, ctx);
      return downloadAll(urls, ctx, jobId);
    },
  };
}
