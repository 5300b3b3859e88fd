/**
 * The spec and quality check in the app (issue 16): the report `zapcut check` prints, for an
 * editor export or a finished ad's video. Spread into `channels` in ../contract.ts.
 */
import { z } from 'zod';
import { Platform } from '../platforms';
import type { CheckReport } from '../quality/check';
import { PostSource } from './publish';

const Id = z.string().min(1).max(64);
const out = <T>() => undefined as unknown as T;

export const QualityCheckInput = z
  .object({
    projectId: Id,
    /** A finished ad's video (one aspect) or an editor export (a file inside `<data>/exports`). */
    source: PostSource,
    /** Judge against this network's published limits too; without it: codecs, sound and layout, and which networks the file fits. */
    platform: Platform.optional(),
  })
  .strict();
export type QualityCheckInput = z.infer<typeof QualityCheckInput>;

export const qualityChannels = {
  /** Measures the file (probe, loudness) and reads the plan facts the exporter wrote into it. */
  'quality/check': { input: QualityCheckInput, output: out<CheckReport>() },
} as const;
