/**
 * What a finished brand-style training produced, as stored in `lora_models.model_ref` (JSON) and
 * carried in a run's input so a resumed run renders with exactly the style it started with.
 *  - `grade`: the offline family's deterministic brand look (a per-channel colour grade).
 *  - `lora`: a Replicate image LoRA (trained model version + trigger word for prompts).
 */
import { z } from 'zod';
import { HexColor } from '../../shared/domain/brand';

export const Grade = z
  .object({
    /** The colour every pixel is pulled toward (derived from the brand palette and the frames). */
    target: HexColor,
    /** 0..1: how far each pixel moves toward `target`. */
    strength: z.number().min(0).max(0.6),
    /** Per-channel gain applied before the pull (warmth/coolness from the palette), ~0.8..1.2. */
    gain: z.tuple([z.number().min(0.5).max(1.5), z.number().min(0.5).max(1.5), z.number().min(0.5).max(1.5)]),
  })
  .strict();
export type Grade = z.infer<typeof Grade>;

export const TrainedStyle = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('grade'), version: z.literal(1), grade: Grade, palette: z.array(HexColor).max(8) }).strict(),
  z
    .object({
      kind: z.literal('lora'),
      /** `owner/model:versionId` of the trained model on Replicate. */
      version: z.string().min(3).max(300),
      weights: z.string().max(2000).nullable(),
      triggerWord: z.string().min(1).max(40),
    })
    .strict(),
]);
export type TrainedStyle = z.infer<typeof TrainedStyle>;

/** The token a LoRA is trained on and prompted with (short, unlikely to be a real word). */
export function triggerWordFor(brandId: string): string {
  return `ZPC${brandId.replace(/[^a-z0-9]/giu, '').slice(0, 6).toUpperCase()}`;
}
