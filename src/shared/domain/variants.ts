/**
 * Variant sets in the app (issue 23): the quote, building a set with progress and cancel, the
 * sets of an ad, and a platform pack. Spread into `channels` and `Events` in ../contract.ts; the
 * backend's variant services (src/backend/services/variants) do the work the CLI does too.
 */
import { z } from 'zod';
import type { Aspect } from './aspect';
import type { AppErrorShape } from '../errors';
import { PackPlacement, VariantSpec } from '../variants';

const Id = z.string().min(1).max(64);
const out = <T>() => undefined as unknown as T;

export const VariantSetInput = z.object({ projectId: Id, spec: VariantSpec }).strict();
export type VariantSetInput = z.infer<typeof VariantSetInput>;

/** An absolute folder path on this computer (POSIX `/…` or Windows `C:\…`). */
const AbsoluteFolder = z
  .string()
  .trim()
  .min(2)
  .max(4096)
  .regex(/^(\/|[A-Za-z]:[\\/])/u, 'an absolute folder path (starting with / or a drive letter)');

export const PackInput = z
  .object({
    setId: Id,
    folder: AbsoluteFolder,
    placements: z.array(PackPlacement).min(1).max(PackPlacement.options.length).refine((a) => new Set(a).size === a.length, 'each placement once'),
  })
  .strict();
export type PackInput = z.infer<typeof PackInput>;

/** What a set will cost and make, before anything is made. */
export interface VariantQuoteView {
  title: string;
  /** The ad's own length: variants may be this long or shorter (15 / 30 s cuts). */
  adSeconds: number;
  spec: VariantSpec;
  names: string[];
  /** New voice lines: the only new paid calls (0 when the ad has no voice). */
  newVoiceLines: number;
  voiceCents: number;
  /** New music beds (music variants): offline made here, signed in a music call each. */
  newMusicBeds: number;
  musicCents: number;
  /** The ad's own voice ('none': it has no spoken lines, so no voice variants). */
  adVoice: string;
  /** The ad was made on this computer: its new voice lines are spoken here, for free. */
  offline: boolean;
  /** Where the new hook and CTA lines are written. */
  writer: 'proxy' | 'offline';
}

export interface VariantView {
  id: string;
  projectId: string;
  name: string;
  hook: string;
  cta: number;
  aspect: Aspect;
  /** Seconds of this cut (the ad's own length, or a shorter cut's). */
  lengthSeconds: number;
  hookLine: string;
  ctaLine: string;
  videoUrl: string | null;
  thumbnailUrl: string | null;
  durationMs: number | null;
}

export interface VariantJobView {
  jobId: string;
  phase: 'writing' | 'voicing' | 'rendering';
  percent: number;
  etaS: number | null;
}

export interface VariantSetView {
  id: string;
  name: string;
  createdAt: string;
  spec: VariantSpec | null;
  variants: VariantView[];
  /** Why a line was replaced by the offline writer's (the AI writer failed, unsafe, too long). */
  notes: string[];
}

export interface VariantSetsView {
  sets: VariantSetView[];
  /** A set being made for this ad now, if any. */
  job: VariantJobView | null;
  /** This ad is itself a variant (variants are made from the original ad only). */
  variantOf: { id: string; name: string; sourceProjectId: string | null } | null;
}

export interface PackResultView {
  folder: string;
  manifest: string;
  rows: { file: string; placement: PackPlacement; hook: string; cta: number; aspect: Aspect; width: number; height: number; lengthS: number; variantId: string; sha256: string }[];
  skipped: { placement: PackPlacement; name: string; reason: string }[];
}

export const variantChannels = {
  /** The quote: how many variants, their names, new paid calls and their cost. Nothing is made. */
  'variants/quote': { input: VariantSetInput, output: out<VariantQuoteView>() },
  /** Makes the set in the background: `variants/progress` then `variants/finished`. */
  'variants/start': { input: VariantSetInput, output: out<{ jobId: string }>() },
  'variants/cancel': { input: z.object({ jobId: Id }).strict(), output: out<{ cancelled: boolean }>() },
  /** The variant sets made from this ad, newest first, and the set being made now. */
  'variants/list': { input: z.object({ projectId: Id }).strict(), output: out<VariantSetsView>() },
  /** Writes a platform pack into a new or empty folder (all or nothing); progress as `variants/packProgress`. */
  'variants/pack': { input: PackInput, output: out<PackResultView>() },
  /** Stops the set's pack being written: nothing is left in (or beside) the folder — a pack is whole or absent. */
  'variants/packCancel': { input: z.object({ setId: Id }).strict(), output: out<{ cancelled: boolean }>() },
} as const;

export interface VariantEvents {
  'variants/progress': { jobId: string; projectId: string } & VariantJobView & { done: number; total: number; name: string | null };
  'variants/finished': { jobId: string; projectId: string; status: 'done' | 'failed' | 'cancelled'; setId: string | null; error: AppErrorShape | null };
  'variants/packProgress': { setId: string; done: number; total: number; file: string };
}
