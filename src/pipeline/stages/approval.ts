/**
 * Approving the pictures (issue 21): a run started with `reviewPictures` makes its keyframes and
 * then stops, having paid for images only — no scene, voice or music job exists before the user
 * has seen the pictures. Approval is a step (`approval`) that nothing runs: the app's Approve or
 * `zapcut resume <run> --approve` commits it (seedStep), and the resumed run replays the
 * keyframes and goes on. Because the approval is a committed step, it survives a restart, and
 * the scenes, voice and music depend on it in the graph (pipeline.ts), so no path can skip it.
 */
import { AppError } from '../../shared/errors';
import type { StageEnv } from './env';
import type { StoryScene } from './schemas';
import { sceneClip } from './scenes';
import type { KeyframeOutput } from './keyframes';
import type { ApprovalPrice } from '../../shared/domain/ads';

export const APPROVAL_STEP = 'approval';
/** The user's changes to single pictures before approving (a step, so a restart keeps them). */
export const KEYFRAME_EDITS_STEP = 'keyframe-edits';

export interface KeyframeEdit {
  /** How many times the picture was made (1 = the first; only ever grows, so each make has its own job key). */
  version: number;
  /** The prompt to make it from (null: its own). */
  prompt: string | null;
  /**
   * The picture to use instead of making one: a product image or an uploaded picture the user
   * swapped in, or an earlier picture brought back by undo. Absent: make it (version `version`).
   */
  use?: KeyframeOutput | null;
  /** The pictures it replaced, oldest first: undo brings back the last. */
  history?: KeyframeOutput[];
}

export interface KeyframeEditsOutput {
  /** By keyframe index. */
  edits: Record<string, KeyframeEdit>;
  /** How many changes the user made (undo counts too; only ever grows): the review's signal that a change was placed. */
  changes?: number;
}

/** The edits step's first output: none (the user's changes are committed over it, seedStep). */
export function keyframeEditsStage(): Promise<KeyframeEditsOutput> {
  return Promise.resolve({ edits: {} });
}

export interface ApprovalOutput {
  approvedAt: string;
  /** Who approved: the app's review screen or the CLI. */
  by: 'app' | 'cli';
}

/** The message of a run that stopped for the pictures' approval (the code says it is not a failure). */
export function awaitingApprovalError(runId: string, cost: ApprovalCost): AppError {
  const pictures = cost.price.kind !== 'local' && cost.price.pictures ? ` This ad has used ${cost.price.pictures.used} of its ${cost.price.pictures.cap} pictures before approval.` : cost.price.kind === 'local' ? ' Pictures made on this computer are not counted.' : '';
  return new AppError('AWAITING_APPROVAL', `The pictures of run ${runId} are ready for your review: approving makes ${cost.scenes} scenes (${cost.videoSeconds} s of video), the voice and the music — ${priceWords(cost.price)}.${pictures} Approve with \`zapcut resume ${runId} --approve\`.`, { details: cost });
}

/** The step the graph never runs itself: approval is committed from outside (approvePictures). */
export function approvalStage(): Promise<never> {
  return Promise.reject(new AppError('INTERNAL', 'The pictures were not approved; the run should have stopped after the keyframes.'));
}

export type { ApprovalPrice };

export interface ApprovalCost {
  scenes: number;
  /** Seconds of video the scenes ask the model for (fixed-length models make whole clips). */
  videoSeconds: number;
  price: ApprovalPrice;
}

/** The price in the CLI's words (the app says the same from its i18n resources: ads.pictures.cost*). */
export function priceWords(p: ApprovalPrice): string {
  if (p.kind === 'local') return 'made on this computer: free';
  if (p.kind === 'refused') return `the Zapcut service cannot make it now: ${p.message}`;
  if (p.kind === 'unknown') return 'paid by this ad\'s video (its price could not be read now)';
  const by = p.source === 'free' ? 'one free video' : p.source === 'plan' ? "one video of this month's plan" : `$${(p.costCents / 100).toFixed(2)} of credits`;
  return `paid by ${by}, held when you approve and charged when the first scene arrives`;
}

/** The scenes approving will make, and what the user pays for them (`price`, asked of the family). */
export function approvalCost(env: Pick<StageEnv, 'family' | 'modelResolution' | 'brief'>, scenes: Pick<StoryScene, 'durationSeconds'>[], price: ApprovalPrice): ApprovalCost {
  const videoSeconds = scenes.reduce((s, sc, i) => s + sceneClip(env, i + 1, scenes.length, sc.durationSeconds).snap.requestSeconds, 0);
  return { scenes: scenes.length, videoSeconds, price };
}
