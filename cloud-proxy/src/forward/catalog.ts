/**
 * Replicate models the proxy will run, and what it checks on each: which input fields hold the
 * prompt (screened), the clip duration and resolution (checked against the video and tier), and
 * which fields may hold an image. Anything not listed is refused, so a stolen token cannot run
 * arbitrary (expensive) models through our account.
 */
export type ModelKind = 'video' | 'image' | 'music' | 'speech';

/** How long a generated clip is, read from the model's own input (checked before any call). */
export interface ClipSeconds {
  /** The input field holding the length in seconds; none when the proxy pins the length itself (forcedInput). */
  field?: string;
  /** Whole seconds the model accepts (its published schema); anything else is refused with 400. */
  allowed: readonly number[];
  /** What the model makes when the field is left out (counted as such). */
  default: number;
}

export interface CatalogModel {
  kind: ModelKind;
  /** Screened fields. Never negative_prompt: it lists what to avoid ("gore, nudity") by design. */
  promptFields: string[];
  /** Video and music models: the clip length, counted against the reservation's seconds. */
  seconds?: ClipSeconds;
  resolutionField?: string;
  /** Set by the proxy over whatever the client sent (e.g. one image per paid call). */
  forcedInput?: Record<string, unknown>;
  /**
   * Version ids that may be named as `owner/name:<id>`; anything else under the catalog name is
   * refused (an arbitrary version could be any model's code). Empty: only the model's current
   * deployment (`/models/owner/name/predictions`).
   */
  versions: readonly string[];
  /** Where the schema facts above were checked. */
  source: string;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

export const REPLICATE_CATALOG: Record<string, CatalogModel> = {
  'kwaivgi/kling-v2.1': {
    kind: 'video',
    promptFields: ['prompt'],
    seconds: { field: 'duration', allowed: [5, 10], default: 5 },
    versions: [],
    source: 'replicate.com/kwaivgi/kling-v2.1 API: duration 5|10 (default 5); same facts as the app catalog (src/pipeline/providers/catalog.ts).',
  },
  'minimax/hailuo-02': {
    kind: 'video',
    promptFields: ['prompt'],
    seconds: { field: 'duration', allowed: [6, 10], default: 6 },
    resolutionField: 'resolution',
    versions: [],
    source: 'docs.comfy.org MinimaxHailuoVideoNode: duration 6|10, resolution 768P|1080P (the app catalog).',
  },
  'bytedance/seedance-1-pro': {
    kind: 'video',
    promptFields: ['prompt'],
    seconds: { field: 'duration', allowed: range(2, 12), default: 5 },
    resolutionField: 'resolution',
    versions: [],
    source: 'Seedance 1.0 on Replicate: duration in whole seconds 2–12 (default 5), per public integrations found with the code search.',
  },
  'bytedance/seedance-1-lite': {
    kind: 'video',
    promptFields: ['prompt'],
    seconds: { field: 'duration', allowed: range(2, 12), default: 5 },
    resolutionField: 'resolution',
    versions: ['2ca0dadb1f64bb54f2d3da881d9a58e7ed0f5c9fe7db5c821293cdfed786cb32'],
    source: 'replicate.com/bytedance/seedance-1-lite/versions/2ca0dadb…/api: prompt, image, duration (default 5), resolution (720p), ratio, fps, camera_fixed, seed.',
  },
  'google/veo-3-fast': {
    kind: 'video',
    promptFields: ['prompt'],
    seconds: { field: 'duration', allowed: [4, 6, 8], default: 8 },
    resolutionField: 'resolution',
    versions: [],
    source: 'Veo 3 on Replicate: duration 4|6|8 (default 8) (the app catalog, docs.leonardo.ai).',
  },
  'wan-video/wan-2.2-i2v-fast': {
    kind: 'video',
    promptFields: ['prompt'],
    // Its length is frames ÷ frame rate (up to 121 frames at 5 fps = 24 s): the proxy pins both,
    // 81 frames at 16 fps (5.06 s, counted as 6).
    seconds: { allowed: [6], default: 6 },
    forcedInput: { num_frames: 81, frames_per_second: 16 },
    resolutionField: 'resolution',
    versions: [],
    source: 'Wan 2.1/2.2 i2v on Replicate: num_frames (81 default), frames_per_second (16 default, 5–24/30).',
  },
  'black-forest-labs/flux-1.1-pro': { kind: 'image', promptFields: ['prompt'], versions: [], source: 'Replicate official model (run by name); no length' },
  'black-forest-labs/flux-kontext-pro': { kind: 'image', promptFields: ['prompt'], versions: [], source: 'Replicate official model (run by name); no length' },
  'ideogram-ai/ideogram-v3-turbo': { kind: 'image', promptFields: ['prompt'], versions: [], source: 'Replicate official model (run by name); no length' },
  'meta/musicgen': {
    kind: 'music',
    promptFields: ['prompt'],
    seconds: { field: 'duration', allowed: range(1, 60), default: 8 },
    versions: [],
    source: 'replicate.com/meta/musicgen API: duration in seconds (default 8); the proxy pays for at most 60.',
  },
  'stackadoc/stable-audio-open-1.0': {
    kind: 'music',
    promptFields: ['prompt'],
    seconds: { field: 'seconds_total', allowed: range(1, 47), default: 8 },
    versions: [],
    source: 'Stable Audio Open 1.0: seconds_total up to 47 s.',
  },
  'minimax/speech-02-hd': { kind: 'speech', promptFields: ['text'], versions: [], source: 'Replicate official model (run by name); no length' },
  // What the app uses for voiceover: same inputs as HD, $0.03 instead of $0.05 per 1000 characters.
  'minimax/speech-02-turbo': { kind: 'speech', promptFields: ['text'], versions: [], source: 'Replicate official model (run by name); no length' },
};

/** The longest clip a model makes (0 for models without a length). */
export function maxClipSeconds(model: CatalogModel): number {
  return model.seconds ? Math.max(...model.seconds.allowed) : 0;
}

/**
 * The clip length a request asks for: the model's default when left out, else a whole number of
 * seconds from the model's allowed set; anything else (a string, an object, 7.5, a length the
 * model does not make) is a 400 before any call.
 */
export function clipSeconds(model: CatalogModel, input: Record<string, unknown>): number {
  const spec = model.seconds;
  if (!spec) return 0;
  if (!spec.field) return spec.default;
  const raw = input[spec.field];
  if (raw === undefined) return spec.default;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || !spec.allowed.includes(raw)) {
    const allowed = spec.allowed.length > 4 ? `${spec.allowed[0]}–${spec.allowed.at(-1)}` : `${spec.allowed.slice(0, -1).join(', ')} or ${spec.allowed.at(-1)}`;
    throw new ClipLengthError(`input.${spec.field} must be a whole number of seconds this model makes: ${allowed} (got ${JSON.stringify(raw)?.slice(0, 40)}).`);
  }
  return raw;
}

export class ClipLengthError extends Error {}

/** The one image-LoRA trainer `POST /v1/trainings` may start (which input field takes the trigger word). */
export interface TrainerModel {
  triggerField: string;
  fixedInput: Record<string, unknown>;
  /**
   * What the trained model version is, for `POST /replicate/v1/predictions {version}`: only its
   * owner may run it, metered like any catalog model of that kind.
   */
  produces: CatalogModel;
}
export const TRAINING_CATALOG: Record<string, TrainerModel> = {
  // replicate.com/ostris/flux-dev-lora-trainer: input_images (zip URL), trigger_word, steps, lora_rank…
  // Its trained versions are FLUX.1-dev LoRA image models: prompt, aspect_ratio, lora_scale,
  // num_outputs (1–4), output_format, seed… — one image per paid call.
  'ostris/flux-dev-lora-trainer': {
    triggerField: 'trigger_word',
    fixedInput: { steps: 1000, lora_rank: 16, autocaption: true },
    produces: { kind: 'image', promptFields: ['prompt'], forcedInput: { num_outputs: 1 }, versions: [], source: 'a LoRA version this user trained' },
  },
};

export const DEFAULT_MUSIC_MODEL = 'meta/musicgen';

/** "1080p" → 1080, "4k" → 2160, "768p" → 768; unknown strings → null (left to the provider). */
export function resolutionLines(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const v = value.toLowerCase();
  if (v === '4k' || v === '2160p') return 2160;
  const m = /^(\d{3,4})p$/.exec(v);
  return m ? Number(m[1]) : null;
}
