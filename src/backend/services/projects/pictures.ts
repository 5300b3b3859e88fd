/**
 * The pictures of a run with a picture review (issue 21): each scene's start and end keyframe on
 * the review screen (as media-protocol URLs, never paths), what approving will cost, and the
 * approval itself — which commits the run's `approval` step and resumes the run in the queue.
 */
import type { ApprovalPrice, PictureChangeInput, PicturesView } from '../../../shared/domain/ads';
import { getAsset, mediaReferences } from '../../storage/repos/assets';
import { importImage } from '../../media-import';
import { imageTools } from '../assets';
import { removeUnreferencedMedia } from '../asset-view';
import { AppError } from '../../../shared/errors';
import { approvalPrice, approvePictures, changePicture, isAwaitingApproval, runInputOf, runVideoPlan } from '../../../pipeline/generate';
import type { RunRecord, StepRecord } from '../../../pipeline/engine/store';
import { APPROVAL_STEP, KEYFRAME_EDITS_STEP, approvalCost, type KeyframeEditsOutput } from '../../../pipeline/stages/approval';
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
  const stored = steps.find((s) => s.stepId === KEYFRAME_EDITS_STEP && s.status === 'done')?.output as KeyframeEditsOutput | undefined;
  const edits = stored?.edits ?? {};
  const keyframes = Array.from({ length: count + 1 }, (_, i) => {
    const step = steps.find((s) => s.stepId === `keyframe:${i + 1}`);
    const out = step?.status === 'done' ? (step.output as KeyframeOutput) : undefined;
    const history = edits[String(i + 1)]?.history ?? [];
    return { index: i + 1, url: url(ctx, out?.media), prompt: out?.prompt ?? '', state: step?.status === 'done' ? ('done' as const) : step?.status === 'running' ? ('running' as const) : ('pending' as const), from: out?.from ?? ('made' as const), canUndo: history.length > 0 };
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
    changes: stored?.changes ?? 0,
  };
}

/**
 * What the chat says once a changed picture is in place (instead of "every picture is ready" again):
 * which picture — named as its card names it — and what happened to it.
 */
export function pictureChangeNote(index: number, sceneCount: number, kind: PictureChangeInput['change']['kind']): string {
  const which = index === 1 ? "Scene 1's start picture" : index > sceneCount ? 'The final picture' : `Scene ${index - 1}'s end picture (where scene ${index} starts)`;
  const what = { redo: 'was made again', product: 'is now a product picture', upload: 'is now your picture', undo: 'is back to the one before' }[kind];
  return `${which} ${what} — look it over and approve the pictures when ready.`;
}

/** The number of scenes of a run's storyboard (0 before it is made). */
export function runSceneCount(ctx: ServiceContext, runId: string): number {
  return (ctx.pipeline.store.getSteps(runId).find((s) => s.stepId === 'storyboard' && s.status === 'done')?.output as StoryboardOutput | undefined)?.storyboard.scenes.length ?? 0;
}

/** What approving the project's pictures will take from the user: the figure the CLI states too (approvalPrice). */
export async function projectApprovalPrice(ctx: ServiceContext, runId: string | null): Promise<ApprovalPrice> {
  if (!runId) throw new AppError('NOT_FOUND', 'This ad has no pictures yet. Approve the storyboard first.');
  return approvalPrice(ctx.pipeline, runId);
}

/**
 * Changes one picture of the project's latest run (PictureChangeInput): a product image must be
 * one of the project's brand's; an upload passes the product images' import checks and is kept in
 * the media store while the run names it. The caller resumes the run, which stops for approval again.
 */
export async function changeProjectPicture(ctx: ServiceContext, brandId: string | null, runId: string | null, index: number, change: PictureChangeInput['change']): Promise<void> {
  if (!runId) throw new AppError('NOT_FOUND', 'This ad has no pictures yet. Approve the storyboard first.');
  if (change.kind === 'redo' || change.kind === 'undo') return changePicture(ctx.pipeline, runId, index, change);
  if (change.kind === 'product') {
    const a = getAsset(ctx.db, change.assetId);
    if (!a || a.brandId !== brandId || a.role !== 'product' || a.kind !== 'image') throw new AppError('NOT_FOUND', "That picture is not one of this brand's product images.");
    return changePicture(ctx.pipeline, runId, index, { kind: 'use', media: a.sha256, from: 'product' });
  }
  const img = await importImage(ctx.media, await imageTools(ctx), change.file);
  try {
    changePicture(ctx.pipeline, runId, index, { kind: 'use', media: img.working.sha256, from: 'upload' });
  } catch (e) {
    await removeUnreferencedMedia(ctx, [img.original.sha256, img.working.sha256, img.thumbnail.sha256], mediaReferences(ctx.db));
    throw e;
  }
}

/** Approve the pictures of the project's latest run and make the rest of the ad. */
export function approveProjectPictures(ctx: ServiceContext, projectId: string, runId: string | null, resume: (runId: string) => void): void {
  if (!runId) throw new AppError('NOT_FOUND', 'This ad has no pictures yet. Approve the storyboard first.');
  const run = ctx.pipeline.store.getRun(runId);
  if (!run || run.projectId !== projectId) throw new AppError('NOT_FOUND', 'That run no longer exists. Approve the storyboard again to start a new one.');
  approvePictures(ctx.pipeline, runId, 'app');
  resume(runId);
}
