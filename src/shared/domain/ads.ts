/**
 * Ad projects as the renderer sees them: the chat with the orchestrator, the creative bible card,
 * the storyboard under review, the generation run and the result. Inputs are zod schemas (they
 * cross IPC); outputs are plain interfaces built by src/backend/services/projects.
 */
import { z } from 'zod';
import { HexColor } from './brand';
import { Aspect } from './aspect';
import { ImportSource } from './asset';
import { MAX_SCENES } from '../models/video';
import type { CaptionLook } from '../timeline/model';

const Id = z.string().min(1).max(64);

/** PRODUCT.md "The chat (orchestrator)", in order. */
export const CHAT_STAGES = [
  'collect_brand_info',
  'collect_product_info',
  'collect_assets',
  'collect_scenes',
  'final_review',
  'generate_video',
  'export_video',
] as const;
export type ChatStage = (typeof CHAT_STAGES)[number];

export const AD_LENGTHS = [15, 30, 60] as const;

export type ProjectStatus = 'draft' | 'chatting' | 'review' | 'generating' | 'ready' | 'failed' | 'cancelled' | 'blocked';

/** What the chat has collected for a project's brief so far (stored with the project; the
 *  interviewer asks for what is missing, brief.ts turns a complete set into the pipeline's brief). */
export interface Slots {
  brandDescription?: string;
  productName?: string;
  productDescription?: string;
  audience?: string;
  benefit?: string;
  imagesConfirmed?: boolean;
  lengthSeconds?: 15 | 30 | 60;
  aspect?: Aspect;
  tone?: string;
  cta?: string;
  /** The creator's creative direction (brief.direction). */
  direction?: string;
  /** The creator's own scenes, in order (brief.scenes); pictures are media-store sha256s. */
  scenes?: { idea: string; images?: string[] }[];
  /** The caption look the creator picked in final review (brief.captionStyle); unset: pop. */
  captionStyle?: CaptionLook;
  /** The scripted interviewer asked for one of the optional items in final review (the next answer is it). */
  asking?: 'direction' | 'scenes';
  confirmed?: boolean;
}

/** A quick reply the UI offers as a button under an assistant message. */
export interface ChatOption {
  /** Text sent as the user's answer when picked. */
  value: string;
  /** i18n key under `ads.chat.options` for the label (the UI translates it). */
  labelKey: string;
}

/** Why the AI chat could not answer a turn (the scripted questions did): the UI words the reason and what to do. */
export type ChatFallbackReason = 'allowance' | 'unreachable' | 'signedOut' | 'busy' | 'broken' | 'failed';

export interface ChatMessage {
  id: string;
  seq: number;
  role: 'user' | 'assistant' | 'system';
  stage: ChatStage;
  content: string;
  meta: {
    options?: ChatOption[];
    /** The answer was refused by the safety rules (categories named). */
    refused?: string[];
    /** The asked length exceeds the tier: the UI shows an upgrade prompt. */
    upgrade?: { maxSeconds: number };
    /** The brief's summary: the UI shows the caption looks as pictures under it (the current one picked). */
    captionLooks?: { current: CaptionLook; accent?: string };
    /** The assistant asks for product images: the UI shows the import button inline. */
    needsImages?: boolean;
    /** Who wrote an assistant reply: the AI orchestrator (signed in) or the scripted interviewer. */
    via?: 'ai' | 'scripted';
    /** The user's message was too long to read (characters sent, the most a turn reads). */
    tooLong?: { chars: number; max: number };
    /** Signed in, but the AI could not answer this turn: the scripted questions did, and the chat says why. */
    aiFallback?: { reason: ChatFallbackReason };
    /** The creator stopped this reply while it was being written; nothing changed. */
    stopped?: boolean;
    /** This turn changed the storyboard (its new version). */
    revised?: { version: number };
    /**
     * This turn revised the finished ad (its new timeline version, and how many lines no longer fit);
     * `undone`: the creator undid it from the chat (the version that put the ad back as it was).
     */
    adRevised?: { version: number; flags: number; undone?: { version: number } };
    /** This message presents the drafted storyboard (its version): the chat shows each scene's picture. */
    storyboard?: { version: number };
  };
  createdAt: string;
}

export const CreativeBibleDoc = z
  .object({
    brandStyle: z.string().trim().min(1).max(200),
    vibe: z.string().trim().min(1).max(200),
    colors: z.array(HexColor).min(4).max(6),
    lighting: z.string().trim().min(1).max(300),
    camera: z.string().trim().min(1).max(300),
    motion: z.string().trim().min(1).max(300),
    energyLevel: z.number().int().min(1).max(10),
  })
  .strict();
export type CreativeBibleDoc = z.infer<typeof CreativeBibleDoc>;

export const SceneRoleName = z.enum(['setup', 'exploration', 'climax', 'resolution', 'cta']);

export const StoryboardSceneInput = z
  .object({
    title: z.string().trim().min(1).max(120),
    description: z.string().trim().min(1).max(1200),
    voiceover: z.string().max(400),
    durationSeconds: z.number().int().min(2).max(20),
    role: SceneRoleName,
    /** Show the first product image over this scene. */
    productOverlay: z.boolean(),
    camera: z.string().max(300).optional(),
    emotion: z.string().max(200).optional(),
    /** Round-tripped from the drafted storyboard so an edit keeps the model's beats. */
    keyEvents: z.array(z.string().min(1).max(300)).max(6).optional(),
    /** Round-tripped: which of the creator's scene ideas this card is (its pictures follow it when cards move). */
    idea: z.number().int().min(1).max(10).optional(),
  })
  .strict();
export type StoryboardSceneInput = z.infer<typeof StoryboardSceneInput>;

export interface SceneSafety {
  blocked: boolean;
  categories: string[];
  /** The scene text with the offending sentences removed (accept in one click). */
  alternative: { description: string; voiceover: string; title: string } | null;
}

/**
 * The picture a storyboard scene will use, shown beside it in the chat (a thumbnail on the media
 * protocol): the creator's own picture for their scene idea, else the scene's keyframe when one was
 * made, else the brand's hero product shot.
 */
export interface ScenePicture {
  url: string;
  from: 'idea' | 'keyframe' | 'product';
}

export interface StoryboardView {
  version: number;
  lengthSeconds: number;
  scenes: (StoryboardSceneInput & { index: number; safety: SceneSafety; picture?: ScenePicture | null })[];
  totalSeconds: number;
  /** Scenes allowed for this length (the pipeline's limits). */
  minScenes: number;
  maxScenes: number;
  approvedAt: string | null;
}

export type RunStepState = 'pending' | 'running' | 'done' | 'failed';

/**
 * What a proxy run costs the user: the video reserved for it and where it is paid from. Held
 * ("reserved") until the first paid output arrives, then charged ("committed"); a run that fails
 * before that gets it back ("refunded"; "expired" when it sat unused for a day). Null offline.
 */
export interface RunCharge {
  source: 'free' | 'plan' | 'credits';
  /** What the credits pay (0 for a free or plan video). */
  costCents: number;
  status: 'reserved' | 'committed' | 'refunded' | 'expired';
}

/**
 * The continuity and quality gate's figures for one delivered scene (issue 21): SSIM of its first
 * frame against the frame it had to start on and of its last against the keyframe it had to end
 * on (null: nothing to compare), black and frozen seconds, and — when the first clip failed and
 * was made once more — why (the pipeline's own words).
 */
/**
 * Why a clip failed the gate, as figures (the app words it in the user's language; the CLI and the
 * run's notes in English: quality/scene-gate.ts `gateReasonText`). `other`: a run recorded before
 * the reasons were kept as figures — its English words as recorded.
 */
export type GateReason =
  | { code: 'firstFrame'; ssim: number; min: number }
  | { code: 'lastFrame'; ssim: number; min: number }
  | { code: 'black'; seconds: number }
  | { code: 'frozen'; seconds: number; of: number }
  | { code: 'short'; seconds: number; asked: number }
  | { code: 'size'; width: number; height: number; aspect: number }
  | { code: 'other'; text: string };

export interface SceneGateView {
  passed: boolean;
  anchored: boolean;
  firstSsim: number | null;
  lastSsim: number | null;
  blackSeconds: number;
  frozenSeconds: number;
  failed: GateReason[];
  retriedBecause: GateReason[] | null;
}

/**
 * What approving a run's pictures takes from the user (issue 21; nothing is held before it): on
 * the Zapcut service the ad's one video at the user's price — the proxy's quote for the run's
 * length and resolution (a free video, the plan's, or credits); offline, nothing. The CLI's stop
 * message and the app's cost line both come from `approvalPrice` (pipeline/generate.ts).
 */
export type ApprovalPrice =
  | { kind: 'local' }
  | { kind: 'video'; source: 'free' | 'plan' | 'credits'; costCents: number; pictures?: DraftPictures }
  /** The account cannot pay for the video now (the quote's code and words). */
  | { kind: 'refused'; code: string; message: string; pictures?: DraftPictures }
  /** The price could not be asked (the service did not answer; a family with no account). */
  | { kind: 'unknown'; pictures?: DraftPictures };

/**
 * This ad's pictures before approval on the Zapcut service: how many its draft has made and how
 * many it may make (GET /v1/drafts/:id — `picturesUsed`, `picturesCap`). Absent when they could
 * not be read; offline nothing is counted.
 */
export interface DraftPictures {
  used: number;
  cap: number;
}

/**
 * One change to one picture waiting for approval (issue 21): made again from an edited prompt,
 * swapped for one of the brand's product images or an uploaded picture (through the import
 * checks of product images), or back to the picture it replaced.
 */
/** A run's pictures: one keyframe per scene start and the ad's final frame — an ad of MAX_SCENES scenes has one more. */
export const MAX_PICTURES = MAX_SCENES + 1;
/** A picture's number (1 opens scene 1; MAX_PICTURES closes a ten-scene ad): the one bound every picture channel checks. */
export const PictureIndex = z.number().int().min(1).max(MAX_PICTURES);

/** Make one picture waiting for approval again, from an edited prompt when given (the CLI's --redo-picture too). */
export const PictureRedoInput = z.object({ projectId: Id, index: PictureIndex, prompt: z.string().trim().max(2000).optional() }).strict();

export const PictureChangeInput = z
  .object({
    projectId: Id,
    index: PictureIndex,
    change: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('redo'), prompt: z.string().trim().max(2000).optional() }).strict(),
      z.object({ kind: z.literal('product'), assetId: z.string().min(1).max(64) }).strict(),
      z.object({ kind: z.literal('upload'), file: ImportSource }).strict(),
      z.object({ kind: z.literal('undo') }).strict(),
    ]),
  })
  .strict();
export type PictureChangeInput = z.infer<typeof PictureChangeInput>;

/** The pictures of a run with a picture review (issue 21): every scene boundary's keyframe. */
export interface PicturesView {
  runId: string;
  /** Stopped after the keyframes: nothing but images paid until the user approves. */
  awaiting: boolean;
  approved: boolean;
  /** `index` opens scene `index`; the last one is the ad's final frame. */
  keyframes: { index: number; url: string | null; prompt: string; state: 'done' | 'running' | 'pending'; from: 'made' | 'product' | 'upload'; canUndo: boolean }[];
  scenes: { index: number; title: string; description: string; voiceover: string; durationSeconds: number }[];
  /** What approving makes (its price: `pictures/price`, asked of the service); null when unknown. */
  cost: { scenes: number; videoSeconds: number } | null;
  /** The Zapcut service pays the calls from the ad's video (charge); else they run on this computer. */
  paid: boolean;
  /** How many changes the user made to single pictures (only grows; undo counts): with every picture there again, the last one is placed. */
  changes: number;
}

export interface RunView {
  runId: string;
  /** `awaiting_approval`: stopped after the keyframes for the user to approve the pictures (issue 21). */
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'blocked' | 'awaiting_approval';
  percent: number;
  etaSeconds: number | null;
  /** Provider spend estimated from the model catalog (what the calls cost Zapcut, not the user). */
  costCents: number;
  /** What the user pays for this run (proxy runs); null for runs generated on this computer. */
  charge: RunCharge | null;
  /** Whether the run uses the Zapcut service (paid per video) or runs on this computer. */
  paid: boolean;
  /** Grouped stages for the UI (bible, storyboard, safety, scenes, audio, assembly, export). */
  stages: { id: string; state: RunStepState; done: number; total: number }[];
  scenes: { index: number; thumbnailUrl: string | null; gate: SceneGateView | null }[];
  error: { code: string; message: string } | null;
  /** Why the ad has no voice (captions carry the words): this machine has no offline voice, or its voice failed (`detail` says how); null when voiced or not known yet. */
  voiceNotice: { kind: 'no-voice' | 'failed'; platform: 'darwin' | 'win32' | 'linux' | 'other'; detail: string } | null;
}

export interface AdResult {
  aspect: Aspect;
  videoUrl: string;
  thumbnailUrl: string | null;
  durationMs: number;
  /** Rendered from the ad's current timeline; false once the ad was edited after this render. */
  upToDate: boolean;
}

export interface AdSummary {
  id: string;
  /** The product's name once the chat has it; before that the brand's (see `named`). */
  title: string;
  /** False while the product is not chosen yet: the screen calls it "New <brand> ad". */
  named: boolean;
  brandId: string | null;
  brandName: string;
  status: ProjectStatus;
  stage: ChatStage;
  lengthSeconds: number | null;
  aspect: Aspect | null;
  thumbnailUrl: string | null;
  run: Pick<RunView, 'status' | 'percent' | 'error'> | null;
  updatedAt: string;
}

export interface AdProjectView extends AdSummary {
  messages: ChatMessage[];
  /** Chat typing indicator: the orchestrator is drafting (bible/storyboard). */
  drafting: boolean;
  bible: (CreativeBibleDoc & { version: number; source: string }) | null;
  storyboard: StoryboardView | null;
  runView: RunView | null;
  results: AdResult[];
  /** The latest run's pictures when it was started with a picture review; else null. */
  pictures: PicturesView | null;
}

export const ProjectCreateInput = z.object({ brandId: Id }).strict();
/** The longest message the chat reads in one turn (a longer paste is answered "too long", never cut). */
export const CHAT_TURN_MAX_CHARS = 4000;
/** The chat reads up to CHAT_TURN_MAX_CHARS a turn; a longer paste (up to 100 KB) gets a clear answer instead of an error. */
export const ChatSendInput = z.object({ projectId: Id, text: z.string().trim().min(1).max(100_000) }).strict();
export const BibleUpdateInput = z.object({ projectId: Id, bible: CreativeBibleDoc }).strict();
export const StoryboardUpdateInput = z.object({ projectId: Id, scenes: z.array(StoryboardSceneInput).min(1).max(8) }).strict();
export const ExportAdInput = z
  .object({ projectId: Id, aspect: Aspect, path: z.string().trim().min(1).max(4096) })
  .strict();
export const SceneRegenerateInput = z.object({ projectId: Id, index: z.number().int().min(1).max(8) }).strict();
export const VariantInput = z.object({ projectId: Id, aspect: Aspect }).strict();
