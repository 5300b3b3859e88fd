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

export const APPROVAL_STEP = 'approval';
/** The user's changes to single pictures before approving (a step, so a restart keeps them). */
export const KEYFRAME_EDITS_STEP = 'keyframe-edits';

export interface KeyframeEditsOutput {
  /** By keyframe index: how many times it was made (1 = the first) and the prompt to make it from. */
  edits: Record<string, { version: number; prompt: string | null }>;
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
  const price = cost.totalCents > 0 ? `approving will cost about $${(cost.totalCents / 100).toFixed(2)} (${costParts(cost)})` : 'approving costs nothing more on this computer';
  return new AppError('AWAITING_APPROVAL', `The pictures of run ${runId} are ready for your review: ${price}. Approve with \`zapcut resume ${runId} --approve\`.`, { details: cost });
}

/** The step the graph never runs itself: approval is committed from outside (approvePictures). */
export function approvalStage(): Promise<never> {
  return Promise.reject(new AppError('INTERNAL', 'The pictures were not approved; the run should have stopped after the keyframes.'));
}

export interface ApprovalCost {
  /** US cents, at the catalog's prices (src/shared/models/catalog.ts), for the provider's calls. */
  scenesCents: number;
  voiceCents: number;
  musicCents: number;
  totalCents: number;
  /** Billed video seconds (fixed-length models bill whole clips). */
  videoSeconds: number;
  scenes: number;
}

const cents = (n: number) => Math.round(n * 100) / 100;

function costParts(c: ApprovalCost): string {
  const f = (n: number) => `$${(n / 100).toFixed(2)}`;
  return `${c.scenes} scenes ${f(c.scenesCents)} for ${c.videoSeconds} s of video, voice ${f(c.voiceCents)}, music ${f(c.musicCents)}`;
}

/**
 * What approving starts paying for: every scene's clip as the model bills it, the voiceover's
 * characters and the music's seconds, at the catalog prices of the run's models. Nothing for a
 * family whose models cost nothing (offline).
 */
export function approvalCost(env: Pick<StageEnv, 'family' | 'modelResolution' | 'brief'>, scenes: Pick<StoryScene, 'durationSeconds' | 'voiceover'>[]): ApprovalCost {
  const video = env.family.video.model;
  const videoSeconds = scenes.reduce((s, sc, i) => s + sceneClip(env, i + 1, scenes.length, sc.durationSeconds).snap.requestSeconds, 0);
  const scenesCents = video.priceUnit === 'second' ? videoSeconds * video.priceCents : scenes.length * video.priceCents;
  const speech = env.family.speech?.model;
  const chars = scenes.reduce((s, sc) => s + sc.voiceover.length, 0);
  const voiceCents = speech && chars > 0 ? (speech.priceUnit === 'kchars' ? (chars / 1000) * speech.priceCents : speech.priceCents) : 0;
  const music = env.family.music.model;
  const musicCents = music.priceUnit === 'second' ? env.brief.lengthSeconds * music.priceCents : music.priceCents;
  const total = cents(scenesCents + voiceCents + musicCents);
  return { scenesCents: cents(scenesCents), voiceCents: cents(voiceCents), musicCents: cents(musicCents), totalCents: total, videoSeconds, scenes: scenes.length };
}
