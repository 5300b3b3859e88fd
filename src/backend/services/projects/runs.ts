/**
 * Generation runs of ad projects: start from an approved storyboard, cancel, retry, regenerate
 * one scene, and resume whatever a quit or crash interrupted. Runs go through one queue (local
 * FFmpeg work on a laptop is faster one at a time). Progress is pushed as `run/progress`; step
 * changes as `project/changed` so the screen refetches stage states and scene thumbnails.
 *
 * The approved bible and storyboard enter a run as seeded steps (the engine commits them and its
 * memo replays them instead of asking the model again); everything after them runs as usual.
 * What follows a run — the project's status, the brand's style learning after its first ad, the
 * refund of an unused video — is `executeProjectRun`, which the CLI's runs go through too.
 */
import { toErrorShape } from '../../../shared/errors';
import { AppError } from '../../../shared/errors';
import type { RunEvent } from '../../../pipeline/engine/events';
import type { RunRecord } from '../../../pipeline/engine/store';
import { createRun, defaultResolution, runInputOf, runToEnd, type RunOptions, type RunResult } from '../../../pipeline/generate';
import { settleFailedRun } from '../../../pipeline/providers/proxy/settle';
import { isRunBusy, type HeldLease } from '../../../pipeline/engine/lease';
import type { BibleOutput } from '../../../pipeline/stages/creative';
import type { StepOutputs } from '../../../pipeline/stages/outputs';
import type { StoryScene } from '../../../pipeline/stages/schemas';
import type { ServiceContext } from '../context';
import { renderScale } from '../../pipeline-services';
import * as repo from '../../storage/repos/projects';
import { briefFor } from './brief';
import { say } from './chat';
import { approvedStyleFor, onAdFinished } from '../brand-style/service';

export type RunOutcome =
  | { status: 'succeeded'; result: RunResult; styleLearning: boolean }
  | { status: 'failed' | 'cancelled' | 'blocked'; error: unknown; settled: string | null }
  /** Another Zapcut process holds the run's lease and executes it: nothing recorded here. */
  | { status: 'busy'; error: unknown }
  /** Stopped after the keyframes for the user to approve the pictures (issue 21): nothing failed, nothing refunded. */
  | { status: 'awaiting_approval'; error: unknown; settled: null }
  /** The backend shut down meanwhile: nothing recorded, the run resumes next start. */
  | { status: 'stopped' };

/**
 * Runs (or resumes) a run to the end, then what follows it for its ad project: status ready (and
 * the brand's style learning after its first ad) or failed/cancelled/blocked, and on the proxy the
 * refund of a video nothing was delivered for. The app's queue and the CLI both call this.
 */
export async function executeProjectRun(ctx: ServiceContext, runId: string, opts: RunOptions & { stopped?: () => boolean } = {}): Promise<RunOutcome> {
  const projectId = ctx.pipeline.store.getRun(runId)?.projectId ?? null;
  try {
    const result = await runToEnd(ctx.pipeline, runId, opts);
    if (opts.stopped?.()) return { status: 'stopped' };
    if (!projectId) return { status: 'succeeded', result, styleLearning: false };
    repo.updateProject(ctx.db, projectId, { status: 'ready', stage: 'export_video' }, ctx.now());
    // The brand's first finished ad starts learning its style in the background (issue 9).
    return { status: 'succeeded', result, styleLearning: onAdFinished(ctx, projectId, runId) };
  } catch (err) {
    if (opts.stopped?.()) return { status: 'stopped' };
    if (isRunBusy(err)) return { status: 'busy', error: err };
    const e = toErrorShape(err);
    if (e.code === 'AWAITING_APPROVAL') {
      // Back to the review screen, now with the pictures on the scene cards.
      if (projectId) repo.updateProject(ctx.db, projectId, { status: 'review', stage: 'generate_video' }, ctx.now());
      return { status: 'awaiting_approval', error: err, settled: null };
    }
    const status = e.code === 'CANCELLED' ? 'cancelled' : e.code === 'SAFETY_BLOCKED' ? 'blocked' : 'failed';
    try {
      if (projectId) repo.updateProject(ctx.db, projectId, { status }, ctx.now());
    } catch (inner) {
      console.error('zapcut: could not record the run outcome:', inner);
    }
    // On the proxy, a failed run's unused video is refunded; the caller tells the user what happened to it.
    const settled = status === 'failed' ? await settleFailedRun(ctx.pipeline, runId, err).catch(() => null) : null;
    return { status, error: err, settled };
  }
}

/**
 * A run that makes a finished ad's scenes again and puts them into the ad as the creator edited it,
 * in place (RunInput.keepEditsFrom; animatic/swap.ts): from scene `fromScene` on with the same
 * provider (one scene made again), or every scene with another `provider` — "Generate with AI" over
 * the free animatic: the bible, storyboard, safety verdict, voice, music and effects the creator
 * approved and timed against come from the earlier run; the pictures, prompts and scenes are new.
 */
export function createSceneRun(ctx: ServiceContext, fromRunId: string, projectId: string, opts: { fromScene?: number; provider?: string }): RunRecord {
  const { store } = ctx.pipeline;
  const old = store.getRun(fromRunId);
  if (!old || old.status !== 'succeeded') throw new AppError('CONFLICT', 'Only a finished ad can make its scenes again. Wait for it to finish or retry it first.');
  const input = runInputOf(old);
  const from = opts.fromScene ?? 1;
  const count = input.brief.scenesHint ?? 0;
  if (count && from > count) throw new AppError('VALIDATION', `This ad has ${count} scenes; pick one of 1–${count}.`);
  const provider = opts.provider ?? input.provider;
  const visual = (id: string) => id === 'references' || id === 'prompts' || id === 'approval' || id === 'keyframe-edits' || id.startsWith('keyframe:');
  // Everything before scene `from` is kept (seeded); that scene onwards renders again, and with
  // another provider its pictures and prompts are that provider's too.
  const redo = (id: string) => id === 'timeline' || id.startsWith('export:') || (id.startsWith('scene:') && Number(id.slice(6)) >= from) || (provider !== input.provider && visual(id));
  const seeded = Object.fromEntries(store.getSteps(fromRunId).filter((s) => s.status === 'done' && !redo(s.stepId)).map((s) => [s.stepId, s.output])) as Partial<StepOutputs>;
  return createRun(ctx.pipeline, input.brief, { provider, projectId, resolution: input.resolution, seed: input.seed + 7919 * from, brandStyle: input.brandStyle, seeded, keepEditsFrom: fromRunId });
}

interface Live {
  projectId: string;
  abort: AbortController;
  percent: number;
  etaSeconds: number | null;
  costCents: number;
  lease?: HeldLease;
  /** Said when the run stops for the pictures' approval again after a change (pictureChangeNote). */
  awaitingNote?: string;
}

export class RunManager {
  private readonly live = new Map<string, Live>();
  private queue: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly ctx: ServiceContext) {}

  liveOf(runId: string): Live | undefined {
    return this.live.get(runId);
  }

  isActive(projectId: string): boolean {
    return [...this.live.values()].some((l) => l.projectId === projectId);
  }

  /** A new run for the project's approved storyboard and the brand's current bible. */
  async startFromStoryboard(projectId: string, scenes: StoryScene[], bible: BibleOutput['bible'], palette: string[], provider: string, opts: { reviewPictures?: boolean } = {}): Promise<string> {
    const project = repo.getProject(this.ctx.db, projectId)!;
    const brief = await briefFor(this.ctx, project, scenes.length);
    // An approved brand style (issue 9) rides in the run input, so a resumed run keeps it.
    const brandStyle = approvedStyleFor(this.ctx, project.brandId);
    // The provider rides in the run input: a retried or resumed run keeps it (runToEnd reads it).
    const run = createRun(this.ctx.pipeline, brief, {
      provider,
      projectId,
      resolution: defaultResolution(brief.aspect, renderScale()),
      brandStyle,
      reviewPictures: opts.reviewPictures,
      seeded: { bible: { bible, palette, reused: true, repaired: false }, storyboard: { storyboard: { scenes }, repaired: false, durationsAdjusted: false } },
    });
    this.launch(run.id, projectId);
    return run.id;
  }

  /** Re-renders scene `index` (and the scenes after it: each starts from the previous one's last frame), into the ad as the creator edited it. */
  regenerateScene(projectId: string, fromRunId: string, index: number): string {
    const run = createSceneRun(this.ctx, fromRunId, projectId, { fromScene: index });
    this.launch(run.id, projectId);
    return run.id;
  }

  /** "Generate with AI": every scene of a finished ad made again by `provider`, into the ad as the creator edited it. */
  generateScenes(projectId: string, fromRunId: string, provider: string): string {
    const run = createSceneRun(this.ctx, fromRunId, projectId, { provider });
    this.launch(run.id, projectId);
    return run.id;
  }

  /** Resumes a failed or cancelled run from its memo. */
  retry(runId: string, projectId: string, awaitingNote?: string): void {
    const run = this.ctx.pipeline.store.getRun(runId);
    if (!run) throw new AppError('NOT_FOUND', 'That run no longer exists. Approve the storyboard again to start a new one.');
    if (run.status === 'blocked') throw new AppError('SAFETY_BLOCKED', 'This run was blocked by the content rules; edit the storyboard and approve it again.');
    const live = this.live.get(runId);
    if (live) {
      if (awaitingNote) live.awaitingNote = awaitingNote;
      return;
    }
    this.launch(runId, projectId, awaitingNote);
  }

  cancel(projectId: string): boolean {
    let any = false;
    for (const l of this.live.values()) {
      if (l.projectId === projectId) {
        l.abort.abort();
        any = true;
      }
    }
    return any;
  }

  /** On backend start: runs left queued/running by a quit or crash continue where they stopped. */
  resumeInterrupted(): void {
    for (const runId of repo.interruptedRunIds(this.ctx.db)) {
      const run = this.ctx.pipeline.store.getRun(runId);
      if (run?.projectId) this.launch(runId, run.projectId);
    }
  }

  /** Stops every run without recording an outcome: the rows stay resumable for the next start. */
  shutdown(): void {
    this.stopped = true;
    for (const l of this.live.values()) {
      l.abort.abort();
      // The database closes next, so the run can record nothing more: free it for the next start.
      l.lease?.release();
    }
  }

  private launch(runId: string, projectId: string, awaitingNote?: string): void {
    const live: Live = { projectId, abort: new AbortController(), percent: 0, etaSeconds: null, costCents: 0, awaitingNote };
    this.live.set(runId, live);
    repo.updateProject(this.ctx.db, projectId, { status: 'generating', stage: 'generate_video' }, this.ctx.now());
    this.ctx.emit('project/changed', { id: projectId });
    const onEvent = (e: RunEvent) => this.onEvent(live, runId, e);
    this.queue = this.queue.then(async () => {
      if (this.stopped) return;
      try {
        const outcome = await executeProjectRun(this.ctx, runId, { signal: live.abort.signal, onEvent, onLease: (held) => (live.lease = held), stopped: () => this.stopped });
        if (outcome.status === 'succeeded') say(this.ctx, projectId, 'export_video', 'Your ad is ready! Watch it below, try another format, export it, or open it in the editor.', {});
        // Another Zapcut process (the CLI) is executing this run: it records the outcome.
        else if (outcome.status === 'awaiting_approval') say(this.ctx, projectId, 'generate_video', live.awaitingNote ?? 'The pictures of every scene are ready. Look them over, change any you do not like, and approve them to make the video.', {});
        else if (outcome.status === 'busy') say(this.ctx, projectId, 'generate_video', 'This ad is being made right now by another Zapcut process (the command line). It appears here once that process finishes.', {});
        else if (outcome.status !== 'stopped' && outcome.settled && !this.stopped) say(this.ctx, projectId, 'generate_video', outcome.settled, {});
      } finally {
        this.live.delete(runId);
        if (!this.stopped) this.ctx.emit('project/changed', { id: projectId });
      }
    });
  }

  private onEvent(live: Live, runId: string, e: RunEvent): void {
    if (this.stopped) return;
    if (e.type === 'progress') {
      live.percent = e.percent;
      live.etaSeconds = e.etaSeconds;
      live.costCents = e.costCents;
      this.ctx.emit('run/progress', { projectId: live.projectId, runId, stage: e.stage, percent: e.percent, etaSeconds: e.etaSeconds, costCents: e.costCents });
    } else if (e.type === 'step' && e.status !== 'replayed') {
      this.ctx.emit('project/changed', { id: live.projectId });
    }
  }
}
