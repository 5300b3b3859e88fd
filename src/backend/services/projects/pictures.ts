/**
 * The pictures of a run with a picture review (issue 21): each scene's start and end keyframe on
 * the review screen (as media-protocol URLs, never paths), what approving will cost, and the
 * approval itself — which commits the run's `approval` step and resumes the run in the queue.
 */
import type { ApprovalPrice, PicturesView } from '../../../shared/domain/ads';
import { AppError } from '../../../shared/errors';
import { approvalPrice, approvePictures, isAwaitingApproval, runInputOf, runVideoPlan } from '../../../pipeline/generate';
import type { RunRecord, StepRecord } from '../../../pipeline/engine/store';
import { APPROVAL_STEP, approvalCost } from '../../../pipeline/stages/approval';
import type { KeyframeOutput } from '../../../pipeline/stages/keyframes';
import type { StoryboardOutput } from '../../../pipeline/stages/creative';
import type { ServiceContext } from '../context';

const url = (ctx: ServiceContext, sha: string | undefined) => (sha ? `${ctx.mediaBaseUrl}${sha}` : null);

/** Null unless the run was started with a picture review. */
export function picturesView(ctx: ServiceContext, run: RunRecord, steps: StepRecord[]): PicturesView | null {
  const input = (() => {
    try {
      return runInputOf(run);
    } catch {
      return null;
    }
  })();
  if (!input?.reviewPictures) return null;
  const scenes = (steps.find((s) => s.stepId === 'storyboard' && s.status === 'done')?.output as StoryboardOutput | undefined)?.storyboard.scenes ?? [];
  const count = scenes.length || (input.brief.scenesHint ?? 0);
  const keyframes = Array.from({ length: count + 1 }, (_, i) => {
    const step = steps.find((s) => s.stepId === `keyframe:${i + 1}`);
    const out = step?.status === 'done' ? (step.output as KeyframeOutput) : undefined;
    return { index: i + 1, url: url(ctx, out?.media), prompt: out?.prompt ?? '', state: step?.status === 'done' ? ('done' as const) : step?.status === 'running' ? ('running' as const) : ('pending' as const) };
  });
  let cost: PicturesView['cost'] = null;
  if (scenes.length) {
    try {
      const c = approvalCost(runVideoPlan(ctx.pipeline, run.id), scenes, { kind: 'unknown' });
      cost = { scenes: c.scenes, videoSeconds: c.videoSeconds };
    } catch {
      cost = null; // a run whose family is gone (a removed provider) still shows its pictures
    }
  }
  return {
    runId: run.id,
    awaiting: isAwaitingApproval(run),
    approved: steps.some((s) => s.stepId === APPROVAL_STEP && s.status === 'done'),
    keyframes,
    scenes: scenes.map((s) => ({ index: s.index, title: s.title, description: s.description, voiceover: s.voiceover, durationSeconds: s.durationSeconds })),
    cost,
    paid: run.provider === 'proxy',
  };
}

/** What approving the project's pictures will take from the user: the figure the CLI states too (approvalPrice). */
export async function projectApprovalPrice(ctx: ServiceContext, runId: string | null): Promise<ApprovalPrice> {
  if (!runId) throw new AppError('NOT_FOUND', 'This ad has no pictures yet. Approve the storyboard first.');
  return approvalPrice(ctx.pipeline, runId);
}

/** Approve the pictures of the project's latest run and make the rest of the ad. */
export function approveProjectPictures(ctx: ServiceContext, projectId: string, runId: string | null, resume: (runId: string) => void): void {
  if (!runId) throw new AppError('NOT_FOUND', 'This ad has no pictures yet. Approve the storyboard first.');
  const run = ctx.pipeline.store.getRun(runId);
  if (!run || run.projectId !== projectId) throw new AppError('NOT_FOUND', 'That run no longer exists. Approve the storyboard again to start a new one.');
  approvePictures(ctx.pipeline, runId, 'app');
  resume(runId);
}
