/**
 * Capability interfaces every provider family implements (offline, proxy, the scripted fake).
 * Paid, job-based capabilities (image, video, speech, music, sfx, training) are split into
 * `submit` (creates the paid job and returns its id — the engine records it before anything else)
 * and `wait` (polls/downloads; safe to call again after a crash with the recorded id). Text is a
 * single call that returns raw model text; the engine validates it with zod and repairs once.
 */
import type { Aspect } from '../../shared/domain/aspect';
import type { Percent } from '../../shared/progress';
import type { ApprovalPrice, DraftPictures } from '../../shared/domain/ads';
import type { CatalogModel } from './catalog';
import type { TrainedStyle } from '../style/trained-style';
import type { Shot } from '../animatic/shots';

export type ProviderFamilyName = 'offline' | 'proxy' | 'fake';

export interface CallContext {
  signal: AbortSignal;
  /** A folder this call may write into (the engine moves results into the media store). */
  workDir: string;
  /** Stable per run+step+job key, so a provider that supports idempotency never charges twice. */
  idempotencyKey: string;
  /** Progress within this call (a percent, shared/progress.ts), when the provider knows it. */
  onProgress?: (percent: Percent) => void;
}

export type TextTask = 'bible' | 'storyboard' | 'safety' | 'prompts' | 'continuity' | 'voiceover' | 'variants';

export interface TextRequest {
  task: TextTask;
  system: string;
  user: string;
  /** The same request as structured data (template-based families read this, not the prose). */
  input: unknown;
  /** Local image files a vision-capable model should look at. */
  images?: string[];
  /** Set on the single repair attempt: what was wrong with the previous answer. */
  repair?: { previous: string; problems: string };
}

export interface TextResult {
  text: string;
  costCents: number;
}

export interface TextProvider {
  readonly model: string;
  complete(req: TextRequest, ctx: CallContext): Promise<TextResult>;
}

export interface Submitted {
  jobId: string;
  costCents: number;
}

/** Output of a finished job: local files inside ctx.workDir. */
export interface JobOutput {
  files: string[];
}

export interface JobProvider<Req> {
  readonly model: CatalogModel;
  submit(req: Req, ctx: CallContext): Promise<Submitted>;
  /**
   * Finds a job this idempotency key already created — for the crash between the provider
   * creating a job and us recording its id. Providers that cannot look jobs up omit it.
   */
  recover?(idempotencyKey: string, ctx: CallContext): Promise<Submitted | undefined>;
  wait(jobId: string, req: Req, ctx: CallContext): Promise<JobOutput>;
  /**
   * Stops a job at the provider (a brand-style training the user cancels). Local jobs just abort
   * `wait`. `{ finished: true }`: it had already succeeded, so there was nothing left to stop.
   */
  cancel?(jobId: string, signal?: AbortSignal): Promise<{ finished: boolean } | void>;
}

export interface Resolution {
  width: number;
  height: number;
}

/** Visual direction shared by image and video requests (from the creative bible). */
export interface StyleDirection {
  colors: string[];
  lighting: string;
  camera: string;
  motion: string;
  energyLevel: number;
}

export interface ImageRequest {
  prompt: string;
  kind: 'hero' | 'detail' | 'lifestyle' | 'alternate' | 'keyframe';
  productImages: string[];
  /**
   * An image the new one must continue (the previous keyframe: palette, light, product look);
   * models with an image input get it instead of the first product image.
   */
  reference?: string;
  /** For a keyframe: the scene boundary it pictures (scene `index` starts; `index` = count + 1 is the final frame). */
  /** `version` > 1: the user asked for this picture again (a new seed; stages/approval.ts). */
  keyframe?: { index: number; count: number; role: SceneRole; version?: number };
  aspect: Aspect;
  resolution: Resolution;
  style: StyleDirection;
  seed: number;
  /** The brand's approved trained style (issue 9); absent for brands without one. */
  brandStyle?: TrainedStyle;
}

export type SceneRole = 'setup' | 'exploration' | 'climax' | 'resolution' | 'cta';

export interface VideoRequest {
  prompt: string;
  negativePrompt: string;
  /** Start frame: last frame of the previous scene, or a reference/product image for scene 1. */
  startImage: string;
  /**
   * Last frame (keyframe-anchored scenes): the clip must end on it. Only sent to models whose
   * catalog entry has `video.endImage`; the scene stage sets it only for those (stages/anchors.ts).
   */
  endImage?: string;
  /** Already snapped to one of the model's allowed durations (at `modelResolution`). */
  durationSeconds: number;
  /** The output aspect; a model without it generates at its own and the timeline frames the clip. */
  aspect: Aspect;
  resolution: Resolution;
  /** The catalog resolution the run generates at (the same for every scene); absent: picked from `resolution`. */
  modelResolution?: string;
  seed: number;
  styleStrength: number;
  style: StyleDirection;
  /** The brand's approved trained style (issue 9); absent for brands without one. */
  brandStyle?: TrainedStyle;
  /** Structured scene facts (template-based renderers use them; model families read the prompt). */
  scene: { index: number; count: number; title: string; role: SceneRole; camera: string; productImages: string[]; brandName: string; cta: string };
  /** The offline animatic's shots for this scene (issue 20), planned for the whole ad; model families ignore it. */
  animatic?: { shots: Shot[]; wipeIn: boolean; wipeOut: boolean; /** Frames at the clip's start the timeline hides (its crossfade handle). */ lead: number };
}

export interface SpeechRequest {
  text: string;
  voice: 'american' | 'british' | 'australian';
  /** The line's language (BCP-47; default English): the voice speaks it when the engine has it. */
  language?: string;
  /** Speak fast enough to fit in this many seconds. */
  maxSeconds: number;
}

export interface MusicRequest {
  prompt: string;
  durationSeconds: number;
  energyLevel: number;
  seed: number;
}

export interface SfxRequest {
  prompt: string;
  durationSeconds: number;
  seed: number;
}

export interface TrainingRequest {
  images: string[];
  triggerWord: string;
  /** The brand the style is for (the proxy allows one running training per brand). */
  brandKey?: string;
  /** The brand's colours (a family without real training derives its look from them). */
  palette?: string[];
}

/** Per-step time expectations (seconds) used for ETA before any step has run. */
export interface Expectations {
  text: number;
  image: number;
  videoPerSecond: number;
  videoFixed: number;
  speech: number;
  music: number;
  sfx: number;
  /** Local FFmpeg export, seconds of work per second of ad. */
  exportPerSecond: number;
}

export interface ProviderFamily {
  readonly name: ProviderFamilyName;
  readonly text: TextProvider;
  readonly image: JobProvider<ImageRequest>;
  readonly video: JobProvider<VideoRequest>;
  /** The video job for another catalog video model (a run that names its model); absent: the family has one. */
  videoModel?(slug: string): JobProvider<VideoRequest>;
  /** Absent when the family cannot speak (then narration goes to captions only). */
  readonly speech?: JobProvider<SpeechRequest>;
  readonly music: JobProvider<MusicRequest>;
  readonly sfx: JobProvider<SfxRequest>;
  readonly training?: JobProvider<TrainingRequest>;
  readonly expectations: Expectations;
  /** Why speech is missing, for the run report. */
  readonly speechUnavailableReason?: string;
  /**
   * What reserving the run's video takes from the user now (the Zapcut service's quote for the
   * run's length and resolution); absent for a family with no account (offline, fake).
   */
  videoPrice?(runId: string, signal?: AbortSignal): Promise<ApprovalPrice>;
  /** The run's pictures before approval, counted by the Zapcut service (its picture draft); absent for a family with no account. */
  draftPictures?(runId: string, signal?: AbortSignal): Promise<DraftPictures | null>;
  /** Which voice speaks a language, when it is worth a note in the run (e.g. no Spanish voice on this machine). */
  describeSpeech?(req: Pick<SpeechRequest, 'voice' | 'language'>): Promise<string | null>;
}
