/**
 * Variants of a finished ad (issue 23): what a set is asked for, how each variant is named and
 * identified. Hook A and CTA 1 are the ad's own opening and call to action; B, C… and 2, 3… are
 * new lines. A variant's name is `<ad>-hookB-cta2-9x16`; its id (`zv-<set>-B2-9x16`) is written
 * into the MP4's metadata and the pack's manifest, so an ads manager's results join back to it.
 */
import { z } from 'zod';
import { Aspect } from './domain/aspect';

export const MAX_HOOKS = 4;
export const MAX_CTAS = 3;

/** A variant's length: an ad's lengths (a shorter cut chooses scenes by role, src/pipeline/variants/length.ts). */
export const VariantLength = z.union([z.literal(15), z.literal(30), z.literal(60)], { error: 'a length is 15, 30 or 60 (seconds)' });
export type VariantLength = z.infer<typeof VariantLength>;
export const VARIANT_LENGTHS: readonly VariantLength[] = [15, 30, 60];

/** A voice for the ad's lines (the brief's accents); the ad's own is the first variant's. */
export const VariantVoice = z.enum(['american', 'british', 'australian']);
export type VariantVoice = z.infer<typeof VariantVoice>;
/** Music beds: 1 is the ad's own, 2, 3 are new beds (offline another groove; signed in a music call). */
export const MAX_MUSIC = 3;

export const VariantSpec = z
  .object({
    hooks: z.number().int().min(1, 'at least 1 hook (hook A is the ad’s own)').max(MAX_HOOKS, `at most ${MAX_HOOKS} hooks`),
    ctas: z.number().int().min(1, 'at least 1 CTA (CTA 1 is the ad’s own)').max(MAX_CTAS, `at most ${MAX_CTAS} CTAs`),
    aspects: z
      .array(Aspect)
      .min(1)
      .max(3)
      .refine((a) => new Set(a).size === a.length, 'each aspect once'),
    /** Lengths in seconds (15, 30, 60); the ad's own length is the full cut. Omitted: the ad's own only. */
    lengths: z
      .array(VariantLength)
      .min(1)
      .max(3)
      .refine((a) => new Set(a).size === a.length, 'each length once')
      .optional(),
    /** Voices (accents) speaking the ad's lines; the ad's own voice is the original. Omitted: the ad's own only. */
    voices: z
      .array(VariantVoice)
      .min(1)
      .max(3)
      .refine((a) => new Set(a).size === a.length, 'each voice once')
      .optional(),
    /** Music beds, 1–3 (1: the ad's own). Omitted: 1. */
    music: z.number().int().min(1, 'at least 1 music bed (bed 1 is the ad’s own)').max(MAX_MUSIC, `at most ${MAX_MUSIC} music beds`).optional(),
  })
  .strict();
export type VariantSpec = z.infer<typeof VariantSpec>;

/** A, B, C… for hook 1, 2, 3…. */
export const hookLetter = (i: number): string => String.fromCharCode(65 + i);

/** '9:16' → '9x16' (file and id safe). */
export const aspectSlug = (a: Aspect): string => a.replace(':', 'x');

/** A title as a file-name stem: lower-case letters, digits and dashes (at most 40). */
export function slugify(title: string): string {
  const s = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
  return s || 'ad';
}

export interface VariantKey {
  hook: number;
  cta: number;
  aspect: Aspect;
  /** A shorter cut's seconds; null for the ad's own length (its name has no length). */
  length: VariantLength | null;
  /** Another voice speaking the lines; null for the ad's own. Absent in keys made before voices. */
  voice?: VariantVoice | null;
  /** Music bed: 0 the ad's own, 1, 2 new beds (named music2, music3). */
  music?: number;
}

const lengthSlug = (k: VariantKey) => (k.length === null ? '' : `-${k.length}s`);
const soundSlug = (k: VariantKey, short: boolean) => `${k.voice ? `-${short ? k.voice.slice(0, 2) : k.voice}` : ''}${k.music ? `-${short ? 'm' : 'music'}${k.music + 1}` : ''}`;

/** `<ad>-hookB-cta2-9x16`; another voice, bed and a shorter cut `<ad>-hookB-cta2-british-music2-15s-9x16`. */
export function variantName(base: string, k: VariantKey): string {
  return `${base}-hook${hookLetter(k.hook)}-cta${k.cta + 1}${soundSlug(k, false)}${lengthSlug(k)}-${aspectSlug(k.aspect)}`;
}

/** `zv-<set>-B2-9x16`; `zv-<set>-B2-br-m2-15s-9x16`. */
export function variantId(setId: string, k: VariantKey): string {
  return `zv-${setId.replace(/-/g, '').slice(0, 8)}-${hookLetter(k.hook)}${k.cta + 1}${soundSlug(k, true)}${lengthSlug(k)}-${aspectSlug(k.aspect)}`;
}

/**
 * Every variant of a spec, hooks outermost (so one hook's variants are made together), then CTAs,
 * voices (the ad's own first), music beds, lengths (longest first) and aspects. `own` is the ad's
 * length and voice: they are the original's (no suffix in the name).
 */
export function variantKeys(spec: VariantSpec, own: { seconds: number; voice: string }): VariantKey[] {
  const lengths = [...(spec.lengths ?? [own.seconds])].sort((a, b) => b - a).map((l) => (l === own.seconds ? null : (l as VariantLength)));
  // The ad's own voice first (as null); only the voices asked for.
  const voices = (spec.voices ?? [own.voice]).map((v) => (v === own.voice ? null : (v as VariantVoice))).sort((a, b) => (a === null ? -1 : b === null ? 1 : 0));
  const out: VariantKey[] = [];
  for (let hook = 0; hook < spec.hooks; hook++)
    for (let cta = 0; cta < spec.ctas; cta++)
      for (const voice of voices)
        for (let music = 0; music < (spec.music ?? 1); music++) for (const length of lengths) for (const aspect of spec.aspects) out.push({ hook, cta, aspect, length, voice, music });
  return out;
}

/** The MP4 metadata tag holding the variant id (written with use_metadata_tags, read by `zapcut check`). */
export const VARIANT_TAG = 'zapcut_variant';

/** Placements a platform pack can hold: each is a network's spec (src/shared/platforms.ts). */
export const PackPlacement = z.enum(['tiktok', 'reels', 'feed', 'youtube', 'shorts']);
export type PackPlacement = z.infer<typeof PackPlacement>;
export const DEFAULT_PLACEMENTS: readonly PackPlacement[] = ['tiktok', 'reels', 'feed', 'youtube'];

/** The manifest's columns, in order (a spreadsheet or an ads manager's bulk upload reads them). */
export const MANIFEST_COLUMNS = ['file', 'placement', 'hook', 'cta', 'hook_line', 'cta_line', 'length_s', 'aspect', 'width', 'height', 'variant_id', 'sha256'] as const;

/** One CSV field (RFC 4180): quoted when it holds a comma, quote or line break; a leading = + - @ is defused for spreadsheets. */
export function csvField(v: string | number): string {
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s) && typeof v === 'string') s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
