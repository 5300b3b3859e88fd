/**
 * The model catalog, as data. Each entry says which input field carries what (they differ per
 * model: `image` vs `start_image` vs `first_frame_image` vs `input_reference`), which durations
 * and resolutions the model accepts, and its price — so the pipeline snaps durations and
 * estimates cost without model-specific code. `source` records where the field names were checked
 * (looked up 2026-11-21 with the docs search; "assumed" marks what could not be confirmed there).
 */
export type Capability = 'text' | 'image' | 'video' | 'speech' | 'music' | 'sfx' | 'training';

export interface CatalogModel {
  slug: string;
  capability: Capability;
  provider: 'replicate' | 'openai' | 'anthropic' | 'offline' | 'fake';
  /** Our request field → the model's input field name. */
  inputs: Partial<Record<'prompt' | 'startImage' | 'duration' | 'aspectRatio' | 'resolution' | 'negativePrompt' | 'seed' | 'mode' | 'text' | 'voice', string>>;
  /** Durations (seconds) the model accepts; empty = any whole number of seconds. */
  allowedDurations: number[];
  resolutions: string[];
  /** Fixed input values the model needs (e.g. kling's mode for 1080p). */
  fixedInputs?: Record<string, string | number | boolean>;
  /** US cents per second of output (video/music), per call for text/image, per 1000 chars for speech. */
  priceCents: number;
  priceUnit: 'second' | 'call' | 'kchars';
  source: string;
}

export const catalog: readonly CatalogModel[] = [
  {
    slug: 'google/veo-3.1',
    capability: 'video',
    provider: 'replicate',
    inputs: { prompt: 'prompt', startImage: 'image', duration: 'duration', aspectRatio: 'aspect_ratio', resolution: 'resolution', negativePrompt: 'negative_prompt', seed: 'seed' },
    allowedDurations: [4, 6, 8],
    resolutions: ['720p', '1080p'],
    priceCents: 40,
    priceUnit: 'second',
    source:
      'Field names: replicate.com/google/veo-3-fast/versions/100a06f7…/api (prompt, aspect_ratio, duration, image, negative_prompt, resolution, seed); durations 4|6|8 from docs.leonardo.ai/docs/veo-31; veo-3.1 assumed to share veo-3 field names. Price assumed.',
  },
  {
    slug: 'kwaivgi/kling-v2.1',
    capability: 'video',
    provider: 'replicate',
    inputs: { prompt: 'prompt', startImage: 'start_image', duration: 'duration', negativePrompt: 'negative_prompt', mode: 'mode' },
    allowedDurations: [5, 10],
    resolutions: ['720p', '1080p'],
    fixedInputs: { mode: 'pro' },
    priceCents: 9,
    priceUnit: 'second',
    source:
      'replicate.com/kwaivgi/kling-v2.1/versions/daad218f…/api: mode (standard=720p, pro=1080p, 24 fps), duration (default 5), prompt, start_image (required), end_image, negative_prompt. 5|10 s from docs.comfy.org KlingImageToVideo. Price assumed.',
  },
  {
    slug: 'minimax/hailuo-02',
    capability: 'video',
    provider: 'replicate',
    inputs: { prompt: 'prompt', startImage: 'first_frame_image', duration: 'duration', resolution: 'resolution' },
    allowedDurations: [6, 10],
    resolutions: ['768p', '1080p'],
    priceCents: 8,
    priceUnit: 'second',
    source:
      'docs.comfy.org MinimaxHailuoVideoNode: first_frame_image, duration 6|10, resolution 768P|1080P (1080P limited to 6 s). Replicate API page not in the search index: field names assumed to match.',
  },
  {
    slug: 'openai/sora-2',
    capability: 'video',
    provider: 'replicate',
    inputs: { prompt: 'prompt', startImage: 'input_reference', duration: 'seconds', aspectRatio: 'aspect_ratio' },
    allowedDurations: [4, 8, 12],
    resolutions: ['720p'],
    priceCents: 10,
    priceUnit: 'second',
    source:
      'replicate.com/openai/sora-2-pro/versions/ccf1a58e…/api: prompt, input_reference (first frame, same aspect ratio as the video), seconds, aspect_ratio (portrait|landscape), resolution; 4|8|12 s from learn.microsoft.com Sora 2 module. sora-2 assumed to share sora-2-pro fields.',
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
    source:
      'replicate.com/p/fah37y17… (prediction input: text, emotion, speed, pitch, language_boost, english_normalization, sample_rate, bitrate, channel); voice_id from wavespeed.ai docs for minimax/speech-02-turbo ($0.03 per 1000 chars).',
  },
  {
    slug: 'meta/musicgen',
    capability: 'music',
    provider: 'replicate',
    inputs: { prompt: 'prompt', duration: 'duration', seed: 'seed' },
    allowedDurations: [],
    resolutions: [],
    fixedInputs: { model_version: 'stereo-melody-large', output_format: 'wav', normalization_strategy: 'loudness' },
    priceCents: 1,
    priceUnit: 'second',
    source:
      'replicate.com/meta/musicgen/versions/2b5dc5f2…/api: model_version (stereo-melody-large), prompt, input_audio, duration, normalization_strategy, top_k, top_p, temperature, classifier_free_guidance, output_format, seed. Older versions cap duration at 30 s. Price assumed.',
  },
  {
    slug: 'offline/motion-stills',
    capability: 'video',
    provider: 'offline',
    inputs: {},
    allowedDurations: [],
    resolutions: ['any'],
    priceCents: 0,
    priceUnit: 'second',
    source: 'Built in: FFmpeg push-ins and pans over the product images (src/pipeline/providers/offline).',
  },
];

export function findModel(slug: string): CatalogModel {
  const m = catalog.find((c) => c.slug === slug);
  if (!m) throw new Error(`Unknown model "${slug}" (not in src/pipeline/providers/catalog.ts)`);
  return m;
}

/**
 * The duration to ask the model for: the shortest allowed duration that covers the wanted one
 * (the clip is trimmed afterwards), or the longest allowed when nothing covers it. Returns the
 * paid seconds that will be thrown away so the run can report them.
 */
export function snapDuration(model: CatalogModel, wantedSeconds: number): { requestSeconds: number; wastedSeconds: number; shortBySeconds: number } {
  const wanted = Math.max(1, Math.ceil(wantedSeconds));
  if (model.allowedDurations.length === 0) return { requestSeconds: wanted, wastedSeconds: 0, shortBySeconds: 0 };
  const sorted = [...model.allowedDurations].sort((a, b) => a - b);
  const fit = sorted.find((d) => d >= wanted) ?? sorted[sorted.length - 1]!;
  return { requestSeconds: fit, wastedSeconds: Math.max(0, fit - wantedSeconds), shortBySeconds: Math.max(0, wantedSeconds - fit) };
}
