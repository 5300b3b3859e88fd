/** A brand's learned style (issue 9), as the renderer and CLI see it. */
import { z } from 'zod';

export type BrandStyleStatus = 'none' | 'training' | 'ready' | 'failed';

export interface BrandStyleView {
  brandId: string;
  status: BrandStyleStatus;
  /** Provider family that trained it ('offline', 'proxy'). */
  provider: string | null;
  /** null = not asked yet, true = used for future ads, false = declined. */
  approved: boolean | null;
  /** Why training failed, with what to do (status 'failed'). */
  error: string | null;
  /** Status 'failed' because the user cancelled the training (not an error to report). */
  cancelled: boolean;
  /** All the pictures the style learned from: `trainedOn.productImages + trainedOn.adFrames`. */
  trainingImages: number;
  /** What they were: the brand's product pictures, and frames picked from its finished ad. */
  trainedOn: { productImages: number; adFrames: number };
  /** The same scene in the standard look and in the brand's custom style (status 'ready'). */
  preview: { standardUrl: string; customUrl: string; standardSha256: string; customSha256: string } | null;
  startedAt: string | null;
  updatedAt: string | null;
}

const Id = z.string().min(1).max(64);
export const BrandStyleInput = z.object({ brandId: Id }).strict();
export const BrandStyleApproveInput = z.object({ brandId: Id, approved: z.boolean() }).strict();
