/**
 * The one model catalog, as data: the app's request builders, the proxy's allowlist and guards,
 * and the fake providers all read it, so they cannot disagree about which models exist or what
 * they accept (issue 17). Each Replicate entry names the model version whose published input
 * schema is recorded beside it (`schemas/<owner>__<name>.json`, with where and when it was read),
 * how the model is called (an *official* model by name on `POST /v1/models/{owner}/{name}/predictions`,
 * a community model by its pinned version on `POST /v1/predictions`), its input field names, the
 * values and combinations it accepts, and its price with the source of that price.
 *
 * Pure data and small pure helpers only: this file runs in the app (Node) and in the Worker.
 */
import type { Aspect } from '../domain/aspect';
export type Capability = 'text' | 'image' | 'video' | 'speech' | 'music' | 'sfx' | 'training';

/** Our request field → the model's input field name. */
export type ModelInputs = Partial<Record<'prompt' | 'startImage' | 'endImage' | 'duration' | 'aspectRatio' | 'resolution' | 'negativePrompt' | 'seed' | 'text' | 'voice', string>>;

/** One output resolution a video model offers: the input that selects it and the clip lengths it allows there. */
export interface VideoResolution {
  name: string;
  /** Lines of the short side (for the plan's resolution limit). */
  lines: number;
  /** Input values that select this resolution (`{resolution: '768p'}`, kling's `{mode: 'pro'}`). */
  input: Record<string, string>;
  /** Clip lengths (seconds) the model accepts at this resolution. */
  durations: number[];
}

/** An output aspect a video model generates natively. */
export interface VideoAspect {
  aspect: Aspect;
  /** The model's value for it (`aspect_ratio: 'landscape'`); absent when the start image decides. */
  value?: string;
  /** The start frame's exact size in pixels when the model needs it. */
  frame?: { width: number; height: number };
}

export interface VideoFacts {
  resolutions: VideoResolution[];
  /** The resolution the model makes when none is asked for (its schema's defaults). */
  defaultResolution: string;
  /** Aspects generated natively; any other output aspect is generated at the first one and framed (cover). */
  aspects: VideoAspect[];
  /** The clip takes the start image's aspect ratio (no aspect input). */
  aspectFromStartImage: boolean;
  /** A last-frame / end-image input, for keyframe-anchored scenes; `needs` = inputs it requires. */
  endImage?: { field: string; needs?: Record<string, string> };
}

export interface ReplicateFacts {
  /** `official`: run by name (the latest version); `version`: run the pinned `version` on /v1/predictions. */
  endpoint: 'official' | 'version';
  /** The version whose published schema is recorded (and which is run when `endpoint` is `version`). */
  version: string;
  /** The recorded schema file in `src/shared/models/schemas/`. */
  schema: string;
  /** Input fields the proxy screens (never negative_prompt: it lists what to avoid by design). */
  promptFields: string[];
  /** Set by the proxy over whatever the client sent (e.g. one image per paid call). */
  forcedInput?: Record<string, unknown>;
  output: 'uri' | 'uri-list';
}

export interface CatalogModel {
  slug: string;
  capability: Capability;
  provider: 'replicate' | 'openai' | 'anthropic' | 'offline' | 'fake';
  inputs: ModelInputs;
  /** Durations (seconds) the model accepts at any resolution; empty = any whole number of seconds. */
  allowedDurations: number[];
  /** What the model makes when the duration input is left out (its schema's default). */
  durationDefault?: number;
  resolutions: string[];
  /** Fixed input values the model needs. */
  fixedInputs?: Record<string, string | number | boolean>;
  /** US cents per second of output (video/music), per call for text/image, per 1000 chars for speech. */
  priceCents: number;
  priceUnit: 'second' | 'call' | 'kchars';
  /** Where the fields and the price come from (and what is assumed). */
  source: string;
  replicate?: ReplicateFacts;
  video?: VideoFacts;
}

const PRICE_NOTE = 'Price: the previous catalog\'s figure (2026-11-21); Replicate\'s pricing pages could not be read from this machine — check on deploy.';

function video(slug: string, facts: VideoFacts, rest: Omit<CatalogModel, 'slug' | 'capability' | 'provider' | 'allowedDurations' | 'resolutions' | 'video'>): CatalogModel {
  const durations = [...new Set(facts.resolutions.flatMap((r) => r.durations))].sort((a, b) => a - b);
  return { slug, capability: 'video', provider: 'replicate', allowedDurations: durations, resolutions: facts.resolutions.map((r) => r.name), video: facts, ...rest };
}

const LANDSCAPE = { width: 1280, height: 720 };
const PORTRAIT = { width: 720, height: 1280 };

export const catalog: readonly CatalogModel[] = [
  video(
    'kwaivgi/kling-v2.1',
    {
      resolutions: [
        { name: '720p', lines: 720, input: { mode: 'standard' }, durations: [5, 10] },
        { name: '1080p', lines: 1080, input: { mode: 'pro' }, durations: [5, 10] },
      ],
      defaultResolution: '720p',
      aspects: [{ aspect: '16:9' }, { aspect: '9:16' }, { aspect: '1:1' }],
      aspectFromStartImage: true,
      endImage: { field: 'end_image', needs: { mode: 'pro' } },
    },
    {
      inputs: { prompt: 'prompt', startImage: 'start_image', duration: 'duration', negativePrompt: 'negative_prompt' },
      durationDefault: 5,
      priceCents: 9,
      priceUnit: 'second',
      source: `Schema kwaivgi/kling-v2.1:daad218f… (schemas/kwaivgi__kling-v2.1.json). ${PRICE_NOTE}`,
      replicate: { endpoint: 'official', version: 'daad218feb714b03e2a1ac445986aebb9d05243cd00da2af17be2e4049f48f69', schema: 'kwaivgi__kling-v2.1.json', promptFields: ['prompt'], output: 'uri' },
    },
  ),
  video(
    'minimax/hailuo-02',
    {
      // 512p exists too; Zapcut never asks for less than 768p.
      resolutions: [
        { name: '768p', lines: 768, input: { resolution: '768p' }, durations: [6, 10] },
        { name: '1080p', lines: 1080, input: { resolution: '1080p' }, durations: [6] },
      ],
      defaultResolution: '1080p',
      aspects: [{ aspect: '16:9' }, { aspect: '9:16' }, { aspect: '1:1' }],
      aspectFromStartImage: true,
      endImage: { field: 'last_frame_image' },
    },
    {
      inputs: { prompt: 'prompt', startImage: 'first_frame_image', duration: 'duration', resolution: 'resolution' },
      durationDefault: 6,
      priceCents: 8,
      priceUnit: 'second',
      source: `Schema minimax/hailuo-02:c43b610e… (schemas/minimax__hailuo-02.json); 10 s only at 768p. ${PRICE_NOTE}`,
      replicate: { endpoint: 'official', version: 'c43b610efe40d08a28d2c07cb3515dab1cd3324dfc7418f3304a092571071d22', schema: 'minimax__hailuo-02.json', promptFields: ['prompt'], output: 'uri' },
    },
  ),
  video(
    'google/veo-3.1',
    {
      resolutions: [
        { name: '720p', lines: 720, input: { resolution: '720p' }, durations: [4, 6, 8] },
        { name: '1080p', lines: 1080, input: { resolution: '1080p' }, durations: [4, 6, 8] },
      ],
      defaultResolution: '1080p',
      aspects: [
        { aspect: '16:9', value: '16:9', frame: LANDSCAPE },
        { aspect: '9:16', value: '9:16', frame: PORTRAIT },
      ],
      aspectFromStartImage: false,
      endImage: { field: 'last_frame' },
    },
    {
      inputs: { prompt: 'prompt', startImage: 'image', duration: 'duration', aspectRatio: 'aspect_ratio', resolution: 'resolution', negativePrompt: 'negative_prompt', seed: 'seed' },
      // Scenes are composed under our own voiceover and music; the model's soundtrack is not used.
      fixedInputs: { generate_audio: false },
      durationDefault: 8,
      priceCents: 40,
      priceUnit: 'second',
      source: `Schema google/veo-3.1:ed5b1767… (schemas/google__veo-3.1.json); no 1:1. ${PRICE_NOTE}`,
      replicate: { endpoint: 'official', version: 'ed5b1767b711dd15d954b162af1e890d27882680f463a85e94f02d604012b972', schema: 'google__veo-3.1.json', promptFields: ['prompt'], output: 'uri' },
    },
  ),
  video(
    'openai/sora-2',
    {
      resolutions: [{ name: '720p', lines: 720, input: {}, durations: [4, 8, 12] }],
      defaultResolution: '720p',
      aspects: [
        { aspect: '16:9', value: 'landscape', frame: LANDSCAPE },
        { aspect: '9:16', value: 'portrait', frame: PORTRAIT },
      ],
      aspectFromStartImage: false,
    },
    {
      inputs: { prompt: 'prompt', startImage: 'input_reference', duration: 'seconds', aspectRatio: 'aspect_ratio' },
      durationDefault: 4,
      priceCents: 10,
      priceUnit: 'second',
      source: `Schema openai/sora-2:c86d0285… (schemas/openai__sora-2.json); input_reference must have the video's aspect (sent at exactly 1280×720 or 720×1280); no 1:1. ${PRICE_NOTE}`,
      replicate: { endpoint: 'official', version: 'c86d0285b42f231a28d35ee4e7ab762c95ce58a4a94b97f8ecfb0424e9ecd367', schema: 'openai__sora-2.json', promptFields: ['prompt'], output: 'uri' },
    },
  ),
  {
    slug: 'black-forest-labs/flux-1.1-pro',
    capability: 'image',
    provider: 'replicate',
    inputs: { prompt: 'prompt', aspectRatio: 'aspect_ratio', seed: 'seed' },
    allowedDurations: [],
    resolutions: ['1440p'],
    fixedInputs: { output_format: 'png' },
    priceCents: 4,
    priceUnit: 'call',
    source: `Schema black-forest-labs/flux-1.1-pro:96ccd0e7… (schemas/black-forest-labs__flux-1.1-pro.json); image_prompt carries a product shot. ${PRICE_NOTE}`,
    replicate: { endpoint: 'official', version: '96ccd0e758a1796926584ded2246369cdf8eb3d7c34475cf9c442be5e097d926', schema: 'black-forest-labs__flux-1.1-pro.json', promptFields: ['prompt'], output: 'uri' },
  },
  {
    slug: 'minimax/speech-02-turbo',
    capability: 'speech',
    provider: 'replicate',
    inputs: { text: 'text', voice: 'voice_id' },
    allowedDurations: [],
    resolutions: [],
    priceCents: 3,
    priceUnit: 'kchars',
    source: `Schema minimax/speech-02-turbo:e2e8812b… (schemas/minimax__speech-02-turbo.json). Price $0.03 per 1000 characters (wavespeed.ai docs, 2026-11-21).`,
    replicate: { endpoint: 'official', version: 'e2e8812b45eefa93b20990418480fe628ddce470f9b72909a175d65e288ff3d5', schema: 'minimax__speech-02-turbo.json', promptFields: ['text'], output: 'uri' },
  },
  {
    slug: 'meta/musicgen',
    capability: 'music',
    provider: 'replicate',
    inputs: { prompt: 'prompt', duration: 'duration', seed: 'seed' },
    allowedDurations: [],
    resolutions: [],
    fixedInputs: { model_version: 'stereo-large', output_format: 'mp3', normalization_strategy: 'loudness' },
    durationDefault: 8,
    priceCents: 1,
    priceUnit: 'second',
    source: `Community model: version-pinned (schemas/meta__musicgen.json, 671ac645…). Billed by GPU time; ~1¢ per second of audio assumed.`,
    replicate: { endpoint: 'version', version: '671ac645ce5e552cc63a54a2bbff63fcf798043055d2dac5fc9e36a837eedcfb', schema: 'meta__musicgen.json', promptFields: ['prompt'], output: 'uri' },
  },
  {
    slug: 'ostris/flux-dev-lora-trainer',
    capability: 'training',
    provider: 'replicate',
    inputs: {},
    allowedDurations: [],
    resolutions: ['any'],
    priceCents: 0,
    priceUnit: 'call',
    source: 'Community trainer, version-pinned (schemas/ostris__flux-dev-lora-trainer.json, partial). No credits charged; counted against the plan’s trainings a month (the proxy pays).',
    // Its trained versions run as FLUX.1-dev LoRA image models, one image per paid call.
    replicate: { endpoint: 'version', version: 'e440909d3512c31646ee2e0c7d6f6f4923224863a6a10c494606e79fb5844497', schema: 'ostris__flux-dev-lora-trainer.json', promptFields: ['prompt'], forcedInput: { num_outputs: 1 }, output: 'uri-list' },
  },
];

/**
 * The text models the app asks for through the proxy's OpenAI and Anthropic routes (the routes
 * forward any model; the deploy check asks each provider whether these exist).
 */
export const TEXT_MODELS = { anthropic: 'claude-sonnet-5-5', openai: 'gpt-4.1-mini' } as const;

export const DEFAULT_VIDEO_MODEL = 'kwaivgi/kling-v2.1';
export const IMAGE_MODEL = 'black-forest-labs/flux-1.1-pro';
export const SPEECH_MODEL = 'minimax/speech-02-turbo';
export const MUSIC_MODEL = 'meta/musicgen';
export const TRAINER_MODEL = 'ostris/flux-dev-lora-trainer';

/** Video models the product offers (what `--video-model` and the system test iterate over). */
export const videoModels = (): CatalogModel[] => catalog.filter((m) => m.capability === 'video');

export function catalogModel(slug: string): CatalogModel | undefined {
  return catalog.find((m) => m.slug === slug);
}
