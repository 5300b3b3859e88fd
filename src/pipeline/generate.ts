/**
 * Starting and resuming runs: the one service the CLI, the Electron main process and the tests
 * call (through the backend's one PipelineServices). A run's input (brief, provider, resolution,
 * seed) is stored with it, so `resume` needs only the run id. The brief is screened by the local
 * safety rules before the run does anything that could cost money; a block is recorded and
 * nothing is generated. `draftCreative` runs the first two steps through the same engine for the
 * chat's review; `createRun({ seeded })` hands steps done before the run (the approved draft,
 * scenes kept from an earlier run) to the engine, which replays them.
 */
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { AppError, toErrorShape } from '../shared/errors';
import { PRESET_SIZES } from '../shared/timeline';
import { AdLength, Brief, checkSceneIdeas, Voice, type ResolvedBrief } from './brief';
import { Aspect } from '../shared/domain/aspect';
import type { RunEventListener } from './engine/events';
import { executeSteps, seedSteps } from './engine/executor';
import { runBusyError, takeRunLease, type HeldLease, type LeaseOptions } from './engine/lease';
import { memoryRunStore } from './engine/memory-store';
import { ProgressTracker } from './engine/progress';
import { defaultRetryPolicy, type RetryPolicy } from './engine/retry';
import type { RunRecord, RunStore } from './engine/store';
import type { ProviderFamily, Resolution } from './providers/types';
import type { ExportOutput, TimelineOutput } from './stages/assemble';
import { blockedError, safeRewrite, briefText, screenBrief, type BibleOutput, type StoryboardOutput } from './stages/creative';
import type { ExportRequest, GenerationRecorder, PipelineMedia, StageEnv } from './stages/env';
import type { StepOutputs } from './stages/outputs';
import { buildSteps, exportStepId } from './stages/pipeline';
import { APPROVAL_STEP, KEYFRAME_EDITS_STEP, approvalCost, awaitingApprovalError, type ApprovalOutput, type ApprovalPrice, type KeyframeEdit, type KeyframeEditsOutput } from './stages/approval';
import { keyframeIds, keyframeStepId, type KeyframeOutput } from './stages/keyframes';
import { planScenes } from './stages/plan';
import { videoSettings } from '../shared/models/video';
import { TrainedStyle } from './style/trained-style';

/** What a run is started with, stored on the run row (the one declaration; readers parse with it). */
export const RunInput = z.object({
  brief: Brief.extend({ lengthSeconds: AdLength, aspect: Aspect, voice: Voice }),
  provider: z.string(),
  resolution: z.object({ width: z.number().int().min(16), height: z.number().int().min(16) }),
  seed: z.number().int(),
  /** Where the CLI should copy the finished ad (kept so `resume` needs only the run id). */
  out: z.string().optional(),
  /** The brand's approved trained style at the time the run was created (issue 9). */
  brandStyle: TrainedStyle.optional(),
  /** A catalog video model for this run (families that offer a choice); absent: the family's default. */
  videoModel: z.string().max(100).optional(),
  /** Stop after the keyframes until the user approves the pictures (issue 21; stages/approval.ts). */
  reviewPictures: z.boolean().optional(),
  /**
   * The run whose ad the creator may have edited since: this run's new scenes go into the
   * project's current timeline in place of that run's, keeping every edit (animatic/swap.ts).
   */
  keepEditsFrom: z.string().min(1).max(64).optional(),
});
export type RunInput = z.infer<typeof RunInput>;

export interface PipelineServices {
  store: RunStore;
  media: PipelineMedia;
  ffmpegPath: string;
  ffprobePath: string;
  /** Where steps keep scratch files (one folder per run). */
  workRoot: string;
  family(name: string): ProviderFamily;
  exportTimeline(req: ExportRequest): Promise<void>;
  recorder?(run: RunRecord): GenerationRecorder;
  retry?: RetryPolicy;
  /** The app's scene concurrency setting when the user chose one (read as each run starts); else anchors.ts decides. */
  sceneConcurrency?(): number | undefined;
}

export interface RunOptions {
  signal?: AbortSignal;
  onEvent?: RunEventListener;
  /** Lease timing (tests); see engine/lease.ts. */
  lease?: LeaseOptions;
  /**
   * Called with the run's lease once taken. A host that shuts down (aborting the run and closing
   * the database, so the run can write nothing more) releases it at once, letting a backend
   * started next in the same process resume the run.
   */
  onLease?(held: HeldLease): void;
}

export interface RunResult {
  runId: string;
  /** The output path the run was started with (CLI), if any. */
  out: string | undefined;
  status: 'succeeded';
  export: ExportOutput;
  exportPath: string;
  thumbnailPath: string;
  timeline: TimelineOutput['timeline'];
  costCents: number;
  wastedPaidSeconds: number;
  voiceoverUnavailable: string | null;
  /** Why the ad uses the offline music bed instead of generated music, or null. */
  musicFallback: string | null;
  continuity: TimelineOutput['continuity'];
  elapsedSeconds: number;
}

export function defaultResolution(aspect: ResolvedBrief['aspect'], scale = 1): Resolution {
  const s = PRESET_SIZES[aspect];
  const even = (n: number) => Math.max(16, Math.round((n * scale) / 2) * 2);
  return { width: even(s.width), height: even(s.height) };
}

export interface CreateRunOptions {
  provider: string;
  projectId?: string | null;
  resolution?: Resolution;
  seed?: number;
  out?: string;
  brandStyle?: TrainedStyle;
  /** A catalog video model for this run (families that offer a choice). */
  videoModel?: string;
  /** Steps done before the run (committed now, replayed by the run): the approved bible and storyboard, kept scenes. */
  seeded?: Partial<StepOutputs>;
  /** Stop after the keyframes for the user to approve the pictures before anything else is paid. */
  reviewPictures?: boolean;
  /** Put this run's scenes into the creator's edited timeline of that run's ad, in place (RunInput.keepEditsFrom). */
  keepEditsFrom?: string;
}

export function createRun(services: PipelineServices, brief: ResolvedBrief, opts: CreateRunOptions): RunRecord {
  checkSceneIdeas(brief);
  const input: RunInput = { brief, provider: opts.provider, resolution: opts.resolution ?? defaultResolution(brief.aspect), seed: opts.seed ?? 1000, out: opts.out, ...(opts.brandStyle ? { brandStyle: opts.brandStyle } : {}), ...(opts.videoModel ? { videoModel: opts.videoModel } : {}), ...(opts.reviewPictures ? { reviewPictures: true } : {}), ...(opts.keepEditsFrom ? { keepEditsFrom: opts.keepEditsFrom } : {}) };
  const run = services.store.createRun({ id: randomUUID(), projectId: opts.projectId ?? null, provider: opts.provider, input: RunInput.parse(input) });
  if (opts.seeded) seedSteps<StepOutputs>(services.store, run.id, opts.seeded);
  return run;
}

/** A stored run's input, validated (older rows and hand-made ones are refused with a clear error). */
export function runInputOf(run: RunRecord): RunInput {
  const r = RunInput.safeParse(run.input);
  if (!r.success) throw new AppError('VALIDATION', `Run ${run.id} has an input this version cannot read (${z.prettifyError(r.error).split('\n')[0]}). Start a new run.`);
  return r.data;
}

/** The stages' environment for a run: its family (with the run's video model) and a plan that fits the model's clip lengths. */
function stageEnv(services: PipelineServices, runId: string, input: RunInput, recorder: GenerationRecorder, plan?: ReturnType<typeof planScenes>): StageEnv {
  const brief = input.brief as ResolvedBrief;
  const family = withVideoModel(services.family(input.provider), input.videoModel);
  const video = videoSettings(family.video.model, brief.lengthSeconds, Math.min(input.resolution.width, input.resolution.height));
  return {
    runId,
    family,
    ffmpegPath: services.ffmpegPath,
    ffprobePath: services.ffprobePath,
    media: services.media,
    brief,
    // An approved storyboard's count (scenesHint) is the creator's last word; else one scene per idea at least.
    plan: plan ?? planScenes(brief.lengthSeconds, brief.scenesHint, video.maxClipSeconds, brief.scenesHint ? 0 : brief.scenes?.length),
    resolution: input.resolution,
    modelResolution: video.resolution?.name,
    videoNotes: video.notes,
    retry: services.retry ?? defaultRetryPolicy,
    recorder,
    seed: input.seed,
    brandStyle: input.brandStyle,
    reviewPictures: input.reviewPictures,
    sceneConcurrency: services.sceneConcurrency?.(),
    exportTimeline: services.exportTimeline,
  };
}

/**
 * What a run will ask its video model for, before anything is paid: the run's family (with its
 * video model), the scene plan fitted to the model's clip lengths and the model resolution. The
 * same values the run's stages get (the model-matrix system test plans with it).
 */
export function runVideoPlan(services: PipelineServices, runId: string): Pick<StageEnv, 'family' | 'plan' | 'modelResolution' | 'videoNotes' | 'brief' | 'resolution'> {
  const run = services.store.getRun(runId);
  if (!run) throw new AppError('NOT_FOUND', `Run ${runId} does not exist.`);
  const env = stageEnv(services, runId, runInputOf(run), {});
  return { family: env.family, plan: env.plan, modelResolution: env.modelResolution, videoNotes: env.videoNotes, brief: env.brief, resolution: env.resolution };
}

export interface Draft {
  bible: BibleOutput;
  storyboard: StoryboardOutput;
}

/**
 * The chat's draft for review: the run's own bible and storyboard steps (same prompts, same
 * validation), run by the engine on a scratch store — nothing is paid, nothing to resume. What the
 * user approves then enters the real run as seeded steps.
 */
export async function draftCreative(services: PipelineServices, brief: ResolvedBrief, opts: { provider: string; projectId: string | null; signal?: AbortSignal }): Promise<Draft> {
  checkSceneIdeas(brief);
  const store = memoryRunStore();
  const input: RunInput = { brief, provider: opts.provider, resolution: defaultResolution(brief.aspect, 0.25), seed: 1000 };
  const run = store.createRun({ id: `draft-${randomUUID()}`, projectId: opts.projectId, provider: opts.provider, input });
  const env = stageEnv(services, run.id, input, services.recorder?.(run) ?? {}, planScenes(brief.lengthSeconds, undefined, Infinity, brief.scenes?.length));
  const workDir = path.join(services.workRoot, run.id);
  try {
    const out = await executeSteps(buildSteps(env), { store, runId: run.id, workDir, signal: opts.signal, only: ['storyboard'] });
    return { bible: out.get('bible'), storyboard: out.get('storyboard') };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/**
 * Runs (or resumes) a run to the end. Throws an AppError; the run row records the outcome. Only one
 * process executes a run at a time: another process's live lease on it is refused with a RUN_BUSY
 * conflict (engine/lease.ts) before anything is written.
 */
export async function runToEnd(services: PipelineServices, runId: string, opts: RunOptions = {}): Promise<RunResult> {
  const { store } = services;
  if (!store.getRun(runId)) throw new AppError('NOT_FOUND', `No run "${runId}". List runs with \`zapcut runs\`.`);
  const held = takeRunLease(store, runId, opts.lease);
  opts.onLease?.(held);
  try {
    return await runLeased(services, runId, opts, held.lost);
  } catch (err) {
    // The lease lapsed (this process froze) and another process took the run over: it owns the
    // run's records now, so this one reports the conflict and writes nothing.
    if (held.lost.aborted) throw runBusyError(runId, store.getLease(runId) ?? held.lease, Date.now());
    throw err;
  } finally {
    if (!held.lost.aborted) held.release();
  }
}

async function runLeased(services: PipelineServices, runId: string, opts: RunOptions, lost: AbortSignal): Promise<RunResult> {
  const { store } = services;
  // Read after taking the lease: a run another process just finished is seen as finished.
  const run = store.getRun(runId)!;
  if (run.status === 'blocked') throw new AppError('SAFETY_BLOCKED', `Run ${runId} was blocked by the safety check (${run.errorMessage ?? ''}); it cannot be resumed. Start a new run with a safe brief.`);
  const input = runInputOf(run);
  const brief = input.brief as ResolvedBrief;
  const recorder = services.recorder?.(run) ?? {};
  const t0 = Date.now();

  // Local rules first, before any step (and so before any call that could cost money).
  const screened = screenBrief({ brief });
  if (screened.blocking.length) {
    recorder.recordViolations?.(screened.blocking.map((v) => ({ category: v.category, severity: v.severity, ruleId: v.ruleId, excerpt: v.excerpt })));
    const err = blockedError(screened.blocking, safeRewrite(briefText({ brief }), screened.blocking));
    store.setRunStatus(runId, 'blocked', { code: err.code, message: err.message });
    throw err;
  }

  const env = stageEnv(services, runId, input, recorder);
  const steps = buildSteps(env);
  store.resetUnfinished(runId);
  store.setRunStatus(runId, 'running');
  try {
    const signal = opts.signal ? AbortSignal.any([opts.signal, lost]) : lost;
    const workDir = path.join(services.workRoot, runId);
    if (input.reviewPictures && !approved(store, runId)) {
      // Only the keyframes and what they need: images, no scene, voice or music job (approval.ts).
      const upTo = await executeSteps(steps, { store, runId, workDir, signal, onEvent: opts.onEvent, only: [keyframeIds(env.plan.count).at(-1)!] });
      throw awaitingApprovalError(runId, approvalCost(env, upTo.get('storyboard').storyboard.scenes, await approvalPrice(services, runId, signal)));
    }
    const outputs = await executeSteps(steps, { store, runId, workDir, signal, onEvent: opts.onEvent });
    const tl = outputs.get('timeline');
    const ex = outputs.get(exportStepId(brief.aspect));
    store.setRunStatus(runId, 'succeeded');
    // Everything a run keeps is in the media store and the database; scratch files can go.
    await rm(path.join(services.workRoot, runId), { recursive: true, force: true });
    const final = store.getRun(runId)!;
    const exportPath = (await services.media.resolve(ex.media))?.path ?? '';
    const thumbnailPath = (await services.media.resolve(ex.thumbnail))?.path ?? '';
    return {
      runId,
      out: input.out,
      status: 'succeeded',
      export: ex,
      exportPath,
      thumbnailPath,
      timeline: tl.timeline,
      costCents: final.costCents,
      wastedPaidSeconds: tl.wastedPaidSeconds,
      voiceoverUnavailable: tl.voiceoverUnavailable,
      musicFallback: tl.musicFallback ?? null,
      continuity: tl.continuity,
      elapsedSeconds: (Date.now() - t0) / 1000,
    };
  } catch (err) {
    if (lost.aborted) throw err; // the run is another process's now: record nothing
    const e = toErrorShape(err);
    // Waiting for the pictures' approval is stored as a stop (like a cancel: resumable, not resumed
    // by itself at start) with its own code; the views and `zapcut runs` read it as "waiting".
    const status = e.code === 'CANCELLED' || e.code === 'AWAITING_APPROVAL' ? 'cancelled' : e.code === 'SAFETY_BLOCKED' ? 'blocked' : 'failed';
    store.setRunStatus(runId, status, { code: e.code, message: e.message.replaceAll('<runId>', runId) });
    if (err instanceof AppError) throw new AppError(err.code, err.message.replaceAll('<runId>', runId), { details: err.details, cause: err });
    throw err;
  }
}

function approved(store: RunStore, runId: string): boolean {
  return store.getSteps(runId).some((s) => s.stepId === APPROVAL_STEP && s.status === 'done');
}

/** A run stopped for the pictures' approval (its keyframes made, nothing else paid). */
export function isAwaitingApproval(run: Pick<RunRecord, 'status' | 'errorCode'>): boolean {
  return run.status === 'cancelled' && run.errorCode === 'AWAITING_APPROVAL';
}

/**
 * Approves a run's pictures: commits the `approval` step, so the next runToEnd (now, or after a
 * restart) replays the keyframes and makes the scenes, voice and music. Refused unless the run
 * asked for the review and every keyframe exists.
 */
export function approvePictures(services: PipelineServices, runId: string, by: ApprovalOutput['by']): void {
  const run = services.store.getRun(runId);
  if (!run) throw new AppError('NOT_FOUND', `No run "${runId}". List runs with \`zapcut runs\`.`);
  const input = runInputOf(run);
  if (!input.reviewPictures) throw new AppError('CONFLICT', `Run ${runId} was not started with a picture review; resume it with \`zapcut resume ${runId}\`.`);
  if (approved(services.store, runId)) return;
  const steps = services.store.getSteps(runId);
  const keys = steps.filter((s) => s.stepId.startsWith('keyframe:'));
  const count = (steps.find((s) => s.stepId === 'storyboard' && s.status === 'done')?.output as StoryboardOutput | undefined)?.storyboard.scenes.length;
  if (!count || keys.filter((s) => s.status === 'done').length < count + 1) throw new AppError('CONFLICT', `The pictures of run ${runId} are not all made yet; resume it with \`zapcut resume ${runId}\` and approve once it stops for the review.`);
  seedSteps<StepOutputs>(services.store, runId, { [APPROVAL_STEP]: { approvedAt: new Date().toISOString(), by } });
}

/** A change to one picture of a run waiting for approval (issue 21). */
export type PictureChange =
  /** Made again by the image model (a new job and seed), from `prompt` when given, else its own. */
  | { kind: 'redo'; prompt?: string }
  /** Replaced by a picture already in the media store: a product image or an upload that passed the import checks. */
  | { kind: 'use'; media: string; from: 'product' | 'upload' }
  /** Back to the picture it replaced. */
  | { kind: 'undo' };

/**
 * Changes one picture of a run waiting for approval. Its neighbours stay; the scenes anchored on
 * it use the new one. The picture it replaces is kept (undo brings it back). The caller resumes
 * the run, which makes (or places) just that picture and stops for the approval again.
 */
export function changePicture(services: PipelineServices, runId: string, index: number, change: PictureChange): void {
  const { store } = services;
  const run = store.getRun(runId);
  if (!run) throw new AppError('NOT_FOUND', `No run "${runId}". List runs with \`zapcut runs\`.`);
  if (!runInputOf(run).reviewPictures || approved(store, runId)) throw new AppError('CONFLICT', 'Only pictures waiting for your approval can be changed.');
  if (!isAwaitingApproval(run)) throw new AppError('CONFLICT', 'The pictures are still being made; wait until they are all ready.');
  const steps = store.getSteps(runId);
  const key = steps.find((s) => s.stepId === keyframeStepId(index) && s.status === 'done');
  if (!key) throw new AppError('VALIDATION', `This ad has no picture ${index}.`);
  const current = key.output as KeyframeOutput;
  const stored = steps.find((s) => s.stepId === KEYFRAME_EDITS_STEP && s.status === 'done')?.output as KeyframeEditsOutput | undefined;
  const edits = stored?.edits ?? {};
  const was = edits[String(index)];
  const made = Math.max(was?.version ?? 1, current.version ?? 1);
  const history = was?.history ?? [];
  let next: KeyframeEdit;
  if (change.kind === 'undo') {
    const previous = history.at(-1);
    if (!previous) throw new AppError('CONFLICT', `Picture ${index} has not been changed; there is nothing to undo.`);
    next = { version: made, prompt: was?.prompt ?? null, use: previous, history: history.slice(0, -1) };
  } else if (change.kind === 'use') {
    next = { version: made, prompt: was?.prompt ?? null, use: { index, media: change.media, prompt: current.prompt, reference: current.reference, jobId: '', version: made, from: change.from }, history: [...history, current] };
  } else {
    const text = change.prompt?.trim() ? change.prompt.trim().slice(0, 2000) : (was?.prompt ?? null);
    next = { version: made + 1, prompt: text, use: null, history: [...history, current] };
  }
  seedSteps<StepOutputs>(store, runId, { [KEYFRAME_EDITS_STEP]: { edits: { ...edits, [String(index)]: next }, changes: (stored?.changes ?? 0) + 1 } });
  // Not done any more: the resumed run (resetUnfinished) makes or places it again; the others replay.
  store.failStep(runId, keyframeStepId(index), { code: 'CANCELLED', message: 'Changed at your request.' });
}

/** Makes one picture again (changePicture `redo`): the CLI's `--redo-picture N [--prompt]`. */
export function redoPicture(services: PipelineServices, runId: string, index: number, prompt?: string): void {
  changePicture(services, runId, index, { kind: 'redo', prompt });
}

/**
 * What approving the run's pictures will take from the user — the one figure the CLI's stop
 * message and the app's cost line state (issue 21): offline nothing; on the Zapcut service the
 * proxy's quote for the run's video (nothing is held before the approval, so the quote is what
 * `reserve` takes then); unknown when the service does not answer.
 */
export async function approvalPrice(services: PipelineServices, runId: string, signal?: AbortSignal): Promise<ApprovalPrice> {
  const run = services.store.getRun(runId);
  if (!run) throw new AppError('NOT_FOUND', `No run "${runId}". List runs with \`zapcut runs\`.`);
  const family = services.family(run.provider);
  if (family.name === 'offline') return { kind: 'local' };
  // This ad's pictures so far (its draft on the service), beside the price; either may be unreadable.
  const pictures = await (family.draftPictures?.(runId, signal) ?? Promise.resolve(null)).catch((e: unknown) => {
    if (signal?.aborted) throw e;
    return null;
  });
  const counted = pictures ? { pictures } : {};
  if (!family.videoPrice) return { kind: 'unknown', ...counted };
  try {
    return { ...(await family.videoPrice(runId, signal)), ...counted };
  } catch (e) {
    if (signal?.aborted) throw e;
    return { kind: 'unknown', ...counted };
  }
}

/** The family with the run's chosen video model (when it offers that choice). */
export function withVideoModel(family: ProviderFamily, slug: string | undefined): ProviderFamily {
  if (!slug || !family.videoModel || slug === family.video.model.slug) return family;
  return { ...family, video: family.videoModel(slug) };
}

/** Expected critical path and fully sequential time of a brief's plan (benchmarks, ETA tests). */
export function planTimes(env: StageEnv): { criticalPath: number; sequential: number } {
  const steps = buildSteps(env);
  return { criticalPath: ProgressTracker.criticalPath(steps), sequential: ProgressTracker.sequential(steps) };
}
