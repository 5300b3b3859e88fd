/**
 * Replicate models the proxy will run, and what it checks on each: which input fields hold the
 * prompt (screened), the clip duration and resolution (checked against the video and tier), and
 * which fields may hold an image. Anything not listed is refused, so a stolen token cannot run
 * arbitrary (expensive) models through our account.
 */
export type ModelKind = 'video' | 'image' | 'music' | 'speech';

export interface CatalogModel {
  kind: ModelKind;
  /** Screened fields. Never negative_prompt: it lists what to avoid ("gore, nudity") by design. */
  promptFields: string[];
  durationField?: string;
  resolutionField?: string;
  /** Set by the proxy over whatever the client sent (e.g. one image per paid call). */
  forcedInput?: Record<string, unknown>;
}

export const REPLICATE_CATALOG: Record<string, CatalogModel> = {
  'kwaivgi/kling-v2.1': { kind: 'video', promptFields: ['prompt'], durationField: 'duration' },
  'minimax/hailuo-02': { kind: 'video', promptFields: ['prompt'], durationField: 'duration', resolutionField: 'resolution' },
  'bytedance/seedance-1-pro': { kind: 'video', promptFields: ['prompt'], durationField: 'duration', resolutionField: 'resolution' },
  'bytedance/seedance-1-lite': { kind: 'video', promptFields: ['prompt'], durationField: 'duration', resolutionField: 'resolution' },
  'google/veo-3-fast': { kind: 'video', promptFields: ['prompt'], durationField: 'duration', resolutionField: 'resolution' },
  'wan-video/wan-2.2-i2v-fast': { kind: 'video', promptFields: ['prompt'], resolutionField: 'resolution' },
  'black-forest-labs/flux-1.1-pro': { kind: 'image', promptFields: ['prompt'] },
  'black-forest-labs/flux-kontext-pro': { kind: 'image', promptFields: ['prompt'] },
  'ideogram-ai/ideogram-v3-turbo': { kind: 'image', promptFields: ['prompt'] },
  'meta/musicgen': { kind: 'music', promptFields: ['prompt'], durationField: 'duration' },
  'stackadoc/stable-audio-open-1.0': { kind: 'music', promptFields: ['prompt'], durationField: 'seconds_total' },
  'minimax/speech-02-hd': { kind: 'speech', promptFields: ['text'] },
  // What the app uses for voiceover: same inputs as HD, $0.03 instead of $0.05 per 1000 characters.
  'minimax/speech-02-turbo': { kind: 'speech', promptFields: ['text'] },
};

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
    produces: { kind: 'image', promptFields: ['prompt'], forcedInput: { num_outputs: 1 } },
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
