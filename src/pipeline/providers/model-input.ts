/**
 * Turns our requests into a model's own input object using the catalog's field names — the one
 * place that knows `image` vs `start_image` vs `first_frame_image` vs `input_reference`. The proxy
 * family (a later issue) sends these through the Replicate SDK; nothing else is model-specific.
 */
import type { CatalogModel } from './catalog';
import type { SpeechRequest, VideoRequest } from './types';

const SORA_ASPECT: Record<VideoRequest['aspect'], string> = { '16:9': 'landscape', '9:16': 'portrait', '1:1': 'landscape' };

export function videoInput(model: CatalogModel, req: VideoRequest, startImageUrl: string): Record<string, unknown> {
  const f = model.inputs;
  const input: Record<string, unknown> = { ...(model.fixedInputs ?? {}) };
  if (f.prompt) input[f.prompt] = req.prompt;
  if (f.startImage) input[f.startImage] = startImageUrl;
  if (f.duration) input[f.duration] = req.durationSeconds;
  if (f.aspectRatio) input[f.aspectRatio] = model.slug.startsWith('openai/sora') ? SORA_ASPECT[req.aspect] : req.aspect;
  if (f.resolution) input[f.resolution] = model.resolutions.includes('1080p') ? '1080p' : model.resolutions[model.resolutions.length - 1];
  if (f.negativePrompt && req.negativePrompt) input[f.negativePrompt] = req.negativePrompt;
  if (f.seed) input[f.seed] = req.seed;
  return input;
}

// MiniMax preset voice names. Only "English_expressive_narrator" was seen in documentation here
// (piapi.ai speech-2.8-turbo page); the others are UNVERIFIED placeholders for the proxy issue to
// check against the model's voice list.
const VOICE_IDS: Record<SpeechRequest['voice'], string> = { american: 'English_expressive_narrator', british: 'English_Trustworth_Man', australian: 'English_Aussie_Bloke' };

export function speechInput(model: CatalogModel, req: SpeechRequest): Record<string, unknown> {
  const f = model.inputs;
  const input: Record<string, unknown> = { ...(model.fixedInputs ?? {}) };
  if (f.text) input[f.text] = req.text;
  if (f.voice) input[f.voice] = VOICE_IDS[req.voice];
  return input;
}

/** What a video costs: price per second × the seconds asked for (snapped, so trimmed ones too). */
export function videoCostCents(model: CatalogModel, seconds: number): number {
  return model.priceUnit === 'second' ? Math.round(model.priceCents * seconds) : model.priceCents;
}
