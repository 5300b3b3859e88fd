/**
 * Everything a stage needs, passed explicitly (no globals): the provider family, FFmpeg, the
 * media store, the brief and plan, and a recorder for the rows the app shows (bible, storyboard,
 * violations, timeline). The CLI, the Electron main process and the tests each build one.
 */
import type { ResolvedBrief } from '../brief';
import type { Percent } from '../../shared/progress';
import type { RetryPolicy } from '../engine/retry';
import { withRetry } from '../engine/retry';
import { ProviderError } from '../providers/errors';
import type { CallContext, JobProvider, ProviderFamily, Resolution } from '../providers/types';
import type { StageContext } from './outputs';
import type { ScenePlan } from './plan';
import type { TrainedStyle } from '../style/trained-style';

export interface StoredMedia {
  sha256: string;
  bytes: number;
  path: string;
}

/** The part of the app's media store the pipeline uses (src/backend/media-store satisfies it). */
export interface PipelineMedia {
  putFile(source: string): Promise<StoredMedia>;
  resolve(sha256: string): Promise<{ path: string; bytes: number } | undefined>;
}

/** Side effects the app cares about besides the run memo (all optional for tests). */
export interface GenerationRecorder {
  bibleForBrand?(): unknown;
  saveBible?(bible: unknown, source: string): void;
  saveStoryboard?(storyboard: unknown, safety: unknown): void;
  recordViolations?(violations: { category: string; severity: 'low' | 'medium' | 'high' | 'critical'; ruleId: string | null; excerpt: string }[]): void;
  saveTimeline?(timeline: unknown): string;
  /**
   * For a run that keeps the creator's edits (RunInput.keepEditsFrom): the ad's timeline as the
   * creator left it and the one the earlier run made; null when there is nothing to keep.
   */
  keptEdits?(): { edited: unknown; original: unknown } | null;
  saveExport?(e: { preset: string; sha256: string; thumbnailSha256: string | null; durationMs: number; timelineId: string | null }): void;
}

export interface ExportRequest {
  timeline: unknown;
  resolveMedia(entryId: string): Promise<string>;
  output: string;
  /** Thumbnail JPG to write beside the export. */
  thumbnail: string;
  /** Short side in pixels when rendering below the preset's full size (drafts, tests). */
  shortSide?: number;
  signal: AbortSignal;
  onProgress(percent: Percent): void;
}

export interface StageEnv {
  runId: string;
  family: ProviderFamily;
  ffmpegPath: string;
  ffprobePath: string;
  media: PipelineMedia;
  brief: ResolvedBrief;
  plan: ScenePlan;
  resolution: Resolution;
  /** The video model's catalog resolution for every scene of the run (video.ts `videoSettings`). */
  modelResolution?: string;
  /** Why the run's video settings differ from what was asked (noted on scene 1). */
  videoNotes?: string[];
  retry: RetryPolicy;
  recorder: GenerationRecorder;
  seed: number;
  /** Keyframe-anchored scene jobs at once (anchors.ts; default there). */
  sceneConcurrency?: number;
  /** Stop after the keyframes until the user approves the pictures (approval.ts). */
  reviewPictures?: boolean;
  /** The brand's approved trained style, used by the reference frames and scenes (issue 9). */
  brandStyle?: TrainedStyle;
  /** Composition (src/pipeline/compose): renders a timeline to an MP4 at `output`. */
  exportTimeline(req: ExportRequest): Promise<void>;
}

export function callContext(ctx: StageContext, key: string): CallContext {
  return { signal: ctx.signal, workDir: ctx.workDir, idempotencyKey: `${ctx.runId}:${ctx.stepId}:${key}`, onProgress: (p) => ctx.progress(p) };
}

/** Retry wrapper that reports each retry as a run event. */
export function retrying<T>(env: StageEnv, ctx: StageContext, fn: () => Promise<T>): Promise<T> {
  return withRetry(ctx.stepId, fn, {
    policy: env.retry,
    signal: ctx.signal,
    onRetry: (e) => ctx.retryNotice(e.attempt, e.delayMs, e.error instanceof Error ? e.error.message : String(e.error)),
  });
}

/**
 * A paid job, crash-safe: reuse the recorded job id if there is one (re-poll, never re-create),
 * otherwise create it and record its id before waiting on it. Results go into the media store.
 */
export async function runJob<Req>(env: StageEnv, ctx: StageContext, key: string, provider: JobProvider<Req>, req: Req): Promise<StoredMedia[]> {
  const call = callContext(ctx, key);
  // Creating a paid job and recording its id must not interleave with another create in the same
  // step: a crash can only ever lose the one create in flight (and providers that honour the
  // idempotency key lose none). Waiting on jobs stays concurrent.
  const create = (c: CallContext) =>
    ctx.oneAtATime(async () => {
      // After a crash, a create may have reached the provider without its id reaching us.
      const found = ctx.attempt > 1 && provider.recover ? await retrying(env, ctx, () => provider.recover!(c.idempotencyKey, c)) : undefined;
      const submitted = found ?? (await retrying(env, ctx, () => provider.submit(req, c)));
      ctx.recordJob(key, submitted.jobId, submitted.costCents);
      return submitted.jobId;
    });
  let jobId = ctx.jobs[key] ?? (await create(call));
  let out;
  try {
    out = await retrying(env, ctx, () => provider.wait(jobId, req, call));
  } catch (err) {
    // A job that failed on the provider's side is dead: re-polling it forever would hang every
    // resume. Create it once more (the new id replaces the old one in the memo).
    if (!jobFailed(err)) throw err;
    ctx.note(`${ctx.stepId}: the provider reported job ${jobId} failed; creating it again`);
    jobId = await create({ ...call, idempotencyKey: `${call.idempotencyKey}#again` });
    out = await retrying(env, ctx, () => provider.wait(jobId, req, call));
  }
  const stored: StoredMedia[] = [];
  for (const f of out.files) stored.push(await env.media.putFile(f));
  return stored;
}

/** Whether the error (or what it wraps — the retry layer adds the stage name) is a failed job. */
function jobFailed(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof ProviderError && e.jobFailed) return true;
  }
  return false;
}

export async function mediaPath(env: StageEnv, sha256: string): Promise<string> {
  const r = await env.media.resolve(sha256);
  if (!r) throw new Error(`media ${sha256} is missing from the media store`);
  return r.path;
}
