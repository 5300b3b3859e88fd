/**
 * Turns our requests into a model's own input object using the catalog's field names — the one
 * place that knows `image` vs `start_image` vs `first_frame_image` vs `input_reference`. The proxy
 * family (a later issue) sends these through the Replicate SDK; nothing else is model-specific.
 */
import type { CatalogModel } from './catalog';
import { generationFrame, lastFrameInput, videoSettings } from '../../shared/models/video';
import type { SpeechRequest, VideoRequest } from './types';

/**
 * One scene clip's input: prompt, start frame, the snapped duration, the inputs that select the
 * run's model resolution (kling's `mode`, hailuo's `resolution`…) and the model's value for the
 * aspect it generates at (sora's `landscape`). Fields the model does not have are never sent.
 */
export function videoInput(model: CatalogModel, req: VideoRequest, startImageUrl: string, endImageUrl?: string): Record<string, unknown> {
  const f = model.inputs;
  const input: Record<string, unknown> = { ...(model.fixedInputs ?? {}) };
  if (f.prompt) input[f.prompt] = req.prompt;
  if (f.startImage) input[f.startImage] = startImageUrl;
  if (f.duration) input[f.duration] = req.durationSeconds;
  const resolution = model.video?.resolutions.find((r) => r.name === req.modelResolution) ?? videoSettings(model, req.durationSeconds, Math.min(req.resolution.width, req.resolution.height)).resolution;
  Object.assign(input, resolution?.input ?? {});
  const frame = generationFrame(model, req.aspect);
  if (f.aspectRatio && frame.value) input[f.aspectRatio] = frame.value;
  if (f.negativePrompt && req.negativePrompt) input[f.negativePrompt] = req.negativePrompt;
  if (f.seed) input[f.seed] = req.seed;
  // A keyframe-anchored scene's last frame, only where the model takes one at this resolution.
  if (endImageUrl) {
    const end = lastFrameInput(model, resolution?.name);
    if (!end) throw new Error(`${model.slug} takes no last frame${resolution ? ` at ${resolution.name}` : ''}; the scene must not ask for one.`);
    input[end.field] = endImageUrl;
  }
  return input;
}

// MiniMax system voices (voice_id is a free string in speech-02-turbo's schema). These three were
// reported valid by a probe of MiniMax's voice list (public notes found with the code search,
// 2026-12-02); MiniMax has no voice labelled British, so British uses the "Trustworthy Man" voice.
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
