/**
 * The brief: what a creator asks for. It arrives as a JSON file (CLI) or from the chat (app);
 * either way it is validated here before anything else runs. Text is kept exactly as given
 * (emoji, quotes, colons, backslashes, any script) — escaping is the job of whoever renders it.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { AppError } from '../shared/errors';
import { HexColor } from '../shared/domain/brand';
import { Aspect } from '../shared/domain/aspect';
import { MAX_SCENES } from '../shared/models/video';
import { CaptionLook } from '../shared/timeline/model';
import { MIN_SCENE_SECONDS } from './stages/plan';
import { BUNDLED_FONTS, bundledFontByName } from '../shared/timeline/fonts';
import { checkFontFile, fontProblemMessage, MAX_FONT_BYTES } from './text/fonts';

const Text = (max: number) => z.string().trim().min(1).max(max);

export const AdLength = z.union([z.literal(15), z.literal(30), z.literal(60)], { error: 'must be 15, 30 or 60 (seconds)' });
export type AdLength = z.infer<typeof AdLength>;
export const Voice = z.enum(['american', 'british', 'australian', 'none']);
export type Voice = z.infer<typeof Voice>;

/** The most scene ideas a brief may carry (a 60 s ad's natural count is 7; the plan allows up to 10). */
export const MAX_SCENE_IDEAS = 8;

/** One of the creator's own scenes: what happens in it, and pictures for it (relative to the brief). */
export const SceneIdea = z
  .object({
    idea: Text(300),
    images: z.array(z.string().min(1).max(4096)).min(1).max(4).optional(),
  })
  .strict();
export type SceneIdea = z.infer<typeof SceneIdea>;

export const Brief = z
  .object({
    brand: z
      .object({
        name: Text(120),
        description: Text(2000),
        colors: z.array(HexColor).max(6).optional(),
        guidelines: z.string().max(4000).optional(),
        /** The brand's logo (PNG/JPEG/WebP, relative to the brief): shown on the end card. */
        logo: z.string().min(1).max(4096).optional(),
        /**
         * The brand's font for the end card, titles and captions: a bundled family by name
         * ("Montserrat", "Oswald", "Playfair Display", "Nunito", "Lora", "Noto Sans") or a .ttf/.otf
         * file (relative to the brief). Default Noto Sans.
         */
        font: z.string().trim().min(1).max(4096).optional(),
      })
      .strict(),
    product: z
      .object({
        name: Text(120),
        description: Text(2000),
        audience: Text(500),
        benefit: Text(500),
        /** Paths relative to the brief file (or absolute). At least one product shot. */
        images: z.array(z.string().min(1).max(4096)).min(1).max(8),
      })
      .strict(),
    cta: z.string().trim().max(120).optional(),
    lengthSeconds: AdLength.optional(),
    aspect: Aspect.optional(),
    voice: Voice.optional(),
    /** The ad's language (BCP-47, e.g. "es", "fr-CA"): the voice speaks it when this machine has it. Default English. */
    language: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP-47 language tag such as "en", "es" or "fr-CA"')
      .optional(),
    /** Number of scenes wanted (the storyboard may adjust to fit the length). */
    scenesHint: z.number().int().min(2).max(8).optional(),
    /** The captions' look (pop, boxed, karaoke; default pop): the editor can change it afterwards. */
    captionStyle: CaptionLook.optional(),
    /** The creator's creative direction (tone, look, pacing), in their words: it colours the bible. */
    direction: Text(1000).optional(),
    /** The creator's own scenes, in order: the storyboard makes one scene of each (scene k is idea k). */
    scenes: z.array(SceneIdea).min(1, 'give at least one scene idea, or leave "scenes" out').max(MAX_SCENE_IDEAS, `at most ${MAX_SCENE_IDEAS} scene ideas`).optional(),
  })
  .strict();
export type Brief = z.infer<typeof Brief>;

/** A brief whose image paths are absolute, with the run options merged in. */
export interface ResolvedBrief extends Brief {
  lengthSeconds: AdLength;
  aspect: Aspect;
  voice: Voice;
}

export function resolveBrief(brief: Brief, baseDir: string, overrides: { lengthSeconds?: AdLength; aspect?: Aspect; captionStyle?: CaptionLook } = {}): ResolvedBrief {
  return {
    ...brief,
    brand: {
      ...brief.brand,
      ...(brief.brand.logo ? { logo: isAbsolute(brief.brand.logo) ? brief.brand.logo : resolve(baseDir, brief.brand.logo) } : {}),
      // A bundled family becomes its id; anything else is a font file's path.
      ...(brief.brand.font ? { font: bundledFontByName(brief.brand.font) ?? (isAbsolute(brief.brand.font) ? brief.brand.font : resolve(baseDir, brief.brand.font)) } : {}),
    },
    product: { ...brief.product, images: brief.product.images.map((p) => (isAbsolute(p) ? p : resolve(baseDir, p))) },
    ...(brief.scenes ? { scenes: brief.scenes.map((s) => (s.images ? { ...s, images: s.images.map((p) => (isAbsolute(p) ? p : resolve(baseDir, p))) } : s)) } : {}),
    lengthSeconds: overrides.lengthSeconds ?? brief.lengthSeconds ?? 30,
    aspect: overrides.aspect ?? brief.aspect ?? '16:9',
    voice: brief.voice ?? 'american',
    ...(overrides.captionStyle ?? brief.captionStyle ? { captionStyle: overrides.captionStyle ?? brief.captionStyle } : {}),
  };
}

/** The most scenes an ad of this length holds (3 s each at least, at most MAX_SCENES). */
export function maxScenesFor(lengthSeconds: number): number {
  return Math.min(MAX_SCENES, Math.floor(lengthSeconds / MIN_SCENE_SECONDS));
}

/** Refuses more scene ideas than the ad's length holds (none is ever dropped silently). */
export function checkSceneIdeas(brief: Pick<ResolvedBrief, 'scenes' | 'lengthSeconds'>): void {
  const n = brief.scenes?.length ?? 0;
  const max = maxScenesFor(brief.lengthSeconds);
  if (n > max) {
    const longer = brief.lengthSeconds < 60 ? ` Make the ad longer (--length ${brief.lengthSeconds === 15 ? 30 : 60}) or` : '';
    throw new AppError('VALIDATION', `The brief has ${n} scene ideas, but a ${brief.lengthSeconds} s ad holds at most ${max} scenes (${MIN_SCENE_SECONDS} s each).${longer} merge some ideas.`);
  }
}

export async function loadBrief(file: string, overrides: { lengthSeconds?: AdLength; aspect?: Aspect; captionStyle?: CaptionLook } = {}): Promise<ResolvedBrief> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (err) {
    throw new AppError('NOT_FOUND', `Cannot read the brief "${file}": check the path.`, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw new AppError('VALIDATION', `The brief "${file}" is not valid JSON (${(err as Error).message}). Fix the file and try again.`);
  }
  return parseBrief(json, dirname(resolve(file)), { title: `The brief "${file}"`, of: 'the brief', file: 'brief' }, overrides);
}

/**
 * A brief's JSON (from a file, or one row of a batch) checked against the brief format and its
 * image paths resolved against `baseDir` and found on disk. Errors name `source` (the brief file,
 * or "Row 4 (line 5)") and the field at fault.
 */
export async function parseBrief(json: unknown, baseDir: string, source: { title: string; of: string; file: string }, overrides: { lengthSeconds?: AdLength; aspect?: Aspect; captionStyle?: CaptionLook } = {}): Promise<ResolvedBrief> {
  const parsed = Brief.safeParse(json);
  if (!parsed.success) {
    throw new AppError('VALIDATION', `${source.title} does not match the brief format:\n${z.prettifyError(parsed.error)}\nSee README "Brief format".`, {
      details: parsed.error.issues,
    });
  }
  const brief = resolveBrief(parsed.data, baseDir, overrides);
  for (const [i, img] of brief.product.images.entries()) {
    const ok = await stat(img).then((s) => s.isFile(), () => false);
    if (!ok) throw new AppError('NOT_FOUND', `Product image ${i + 1} of ${source.of} ("${parsed.data.product.images[i]}") was not found at ${img}. Paths are relative to the ${source.file} file.`);
  }
  checkSceneIdeas(brief);
  if (brief.scenes && brief.scenesHint && brief.scenesHint < brief.scenes.length) {
    throw new AppError('VALIDATION', `${source.title} asks for ${brief.scenesHint} scenes (scenesHint) but gives ${brief.scenes.length} scene ideas, one scene each. Remove scenesHint or raise it to at least ${brief.scenes.length}.`);
  }
  for (const [i, scene] of (brief.scenes ?? []).entries()) {
    for (const [j, img] of (scene.images ?? []).entries()) {
      const ok = await stat(img).then((s) => s.isFile(), () => false);
      if (!ok) throw new AppError('NOT_FOUND', `Scene ${i + 1} of ${source.of} ("${trimIdea(scene.idea)}"): its image ${j + 1} ("${parsed.data.scenes![i]!.images![j]}") was not found at ${img}. Paths are relative to the ${source.file} file.`);
    }
  }
  if (brief.brand.logo && !(await stat(brief.brand.logo).then((s) => s.isFile(), () => false))) {
    throw new AppError('NOT_FOUND', `The brand logo of ${source.of} ("${parsed.data.brand.logo}") was not found at ${brief.brand.logo}. Paths are relative to the ${source.file} file.`);
  }
  if (brief.brand.font && !bundledFontByName(brief.brand.font)) await checkBrandFontFile(brief.brand.font, brief.brand.name, `The brand font of ${source.of} ("${parsed.data.brand.font}")`);
  return brief;
}

/**
 * A brand font file checked before anything runs (fonts.ts checkFontFile: its bytes, size, that
 * Skia loads it, a glyph for every letter of the brand name); refused with what is wrong.
 */
export async function checkBrandFontFile(file: string, brandName: string, label: string): Promise<void> {
  const isFile = await stat(file).then((s) => s.isFile(), () => false);
  if (!isFile) {
    const bundled = BUNDLED_FONTS.map((f) => f.name).join(', ');
    throw new AppError('NOT_FOUND', `${label} is neither a bundled font (${bundled}) nor a font file at ${file}. Paths are relative to the brief file.`);
  }
  const info = await stat(file);
  const r = info.size > MAX_FONT_BYTES ? ({ ok: false, problem: 'tooLarge' } as const) : checkFontFile(await readFile(file), brandName);
  if (!r.ok) throw new AppError('UNSUPPORTED_MEDIA', fontProblemMessage(basename(file), r));
}

/** An idea as a label in messages: its first words. */
export function trimIdea(idea: string, max = 40): string {
  return idea.length <= max ? idea : `${idea.slice(0, max).replace(/\s+\S*$/u, '')}…`;
}
