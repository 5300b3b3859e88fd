/**
 * Replicate models the proxy will run, derived from the one model catalog the app also reads
 * (src/shared/models/catalog.ts), so the two can never disagree. For each: which input fields hold
 * the prompt (screened), the clip length (counted against the reservation's seconds) and the
 * resolution (checked against the tier), which versions may be named, and how it is called
 * upstream (an official model by name, a community model by its pinned version). Anything not
 * listed is refused, so a stolen token cannot run arbitrary (expensive) models through our account.
 */
import { catalog, MUSIC_MODEL, TRAINER_MODEL, type CatalogModel as SharedModel } from '../../../src/shared/models/catalog';

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
  /** Set by the proxy over whatever the client sent (e.g. one image per paid call). */
  forcedInput?: Record<string, unknown>;
  /**
   * Version ids that may be named as `owner/name:<id>`; anything else under the catalog name is
   * refused (an arbitrary version could be any model's code). Empty: only the model's current
   * deployment (`/models/owner/name/predictions`).
   */
  versions: readonly string[];
  /** `version`: a community model, run upstream only as `versions[0]` on POST /v1/predictions. */
  endpoint: 'official' | 'version';
  /** The shared catalog entry (resolutions, durations, aspects) and where its facts come from. */
  entry: SharedModel;
  source: string;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
/** The proxy pays for at most a minute of music per call (the longest ad). */
const MUSIC_MAX_SECONDS = 60;
const KINDS = new Set<string>(['video', 'image', 'music', 'speech']);

function clipSecondsOf(m: SharedModel): ClipSeconds | undefined {
  if (m.capability !== 'video' && m.capability !== 'music') return undefined;
  const allowed = m.allowedDurations.length ? m.allowedDurations : range(1, MUSIC_MAX_SECONDS);
  return { field: m.inputs.duration, allowed, default: m.durationDefault ?? allowed[0]! };
}

function proxyEntry(m: SharedModel): CatalogModel {
  const r = m.replicate!;
  const seconds = clipSecondsOf(m);
  return {
    kind: m.capability as ModelKind,
    promptFields: r.promptFields,
    ...(seconds ? { seconds } : {}),
    ...(r.forcedInput ? { forcedInput: r.forcedInput } : {}),
    versions: r.endpoint === 'version' ? [r.version] : [],
    endpoint: r.endpoint,
    entry: m,
    source: m.source,
  };
}

export const REPLICATE_CATALOG: Record<string, CatalogModel> = Object.fromEntries(
  catalog.filter((m) => m.provider === 'replicate' && m.replicate && KINDS.has(m.capability)).map((m) => [m.slug, proxyEntry(m)]),
);

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

const trainer = catalog.find((m) => m.slug === TRAINER_MODEL)!;
export const TRAINING_CATALOG: Record<string, TrainerModel> = {
  // Its trained versions are FLUX.1-dev LoRA image models: prompt, aspect_ratio, lora_scale,
  // num_outputs (1–4), output_format, seed… — one image per paid call.
  [TRAINER_MODEL]: {
    triggerField: 'trigger_word',
    fixedInput: { steps: 1000, lora_rank: 16, autocaption: true },
    produces: { kind: 'image', promptFields: trainer.replicate!.promptFields, forcedInput: trainer.replicate!.forcedInput, versions: [], endpoint: 'version', entry: trainer, source: 'a LoRA version this user trained' },
  },
};

export const DEFAULT_MUSIC_MODEL = MUSIC_MODEL;

/** "1080p" → 1080, "4k" → 2160, "768p" → 768; unknown strings → null (left to the provider). */
export function resolutionLines(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const v = value.toLowerCase();
  if (v === '4k' || v === '2160p') return 2160;
  const m = /^(\d{3,4})p$/.exec(v);
  return m ? Number(m[1]) : null;
}

/**
 * The output resolution (lines) an input asks a catalog video model for: a resolution field's
 * value, the catalog resolution whose selecting inputs it carries (kling's `mode: 'pro'` is
 * 1080p), or — nothing chosen — the model's default (kling 720p, Hailuo and Veo 1080p).
 */
export function requestedLines(model: CatalogModel, input: Record<string, unknown>): number | null {
  const video = model.entry.video;
  if (!video?.resolutions.length) return null;
  const field = model.entry.inputs.resolution;
  if (field && input[field] !== undefined) return resolutionLines(input[field]);
  const hit = video.resolutions.find((r) => Object.entries(r.input).length > 0 && Object.entries(r.input).every(([k, v]) => input[k] === v));
  return (hit ?? video.resolutions.find((r) => r.name === video.defaultResolution))?.lines ?? null;
}
