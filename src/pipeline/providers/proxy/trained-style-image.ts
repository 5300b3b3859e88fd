/**
 * Reference images in a brand's trained style (issue 9). A `lora` TrainedStyle is a model version
 * the user trained through the proxy (`owner/model:versionId`); the proxy runs it for that user
 * only, metered like any image call. Its inputs are those of the models ostris/flux-dev-lora-trainer
 * produces (FLUX.1-dev + LoRA): prompt (with the trigger word that wakes the style), aspect_ratio,
 * seed, output_format, num_outputs, lora_scale. No `image`: these models treat it as img2img and
 * then ignore aspect_ratio, so the product stays with the video model's start frame instead.
 */
import type { ImageRequest } from '../types';

/** How strongly the brand LoRA is applied (the trainer's default; "sane results between 0 and 1"). */
export const LORA_SCALE = 1;

/** `{ version }` to create the prediction on when the request carries a trained LoRA, else undefined. */
export function trainedStyleTarget(req: ImageRequest): { version: string } | undefined {
  return req.brandStyle?.kind === 'lora' ? { version: req.brandStyle.version } : undefined;
}

/** The trained model's input for this request, or undefined when the request has no trained LoRA. */
export function trainedStyleInput(req: ImageRequest): Record<string, unknown> | undefined {
  const style = req.brandStyle;
  if (style?.kind !== 'lora') return undefined;
  // The reference stage already starts the prompt with the trigger word; never rely on it.
  const prompt = req.prompt.includes(style.triggerWord) ? req.prompt : `${style.triggerWord} style. ${req.prompt}`;
  return { prompt, aspect_ratio: req.aspect, seed: req.seed, output_format: 'png', num_outputs: 1, lora_scale: LORA_SCALE };
}
