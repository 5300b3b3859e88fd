/**
 * The font fallback chain of every text picture, from npm packages (SIL OFL 1.1, licences in
 * each package's LICENSE_FONT / LICENSE): Noto Sans (Latin, Greek, Cyrillic), Noto Sans Arabic,
 * Noto Sans Hebrew, Noto Sans SC (Han ideographs and Japanese kana), Noto Sans KR (Hangul) and
 * Noto Color Emoji. One weight (Bold) of each: 23.6 MB of font files in the app (+0.9 MB of brand families).
 *
 * The brand font (shared/timeline/fonts.ts) goes first when a text names one: a bundled family
 * (Montserrat, Oswald, Playfair Display, Nunito, Lora: npm packages, SIL OFL 1.1, Bold only) or
 * the brand's own file from the media store; characters it lacks fall back along the chain.
 *
 * Fonts are read with Node's fs (which also reads inside app.asar) and registered with Skia once
 * per process; Skia falls back along `FONT_STACK` per character.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { GlobalFonts } from '@napi-rs/canvas';
import { AppError } from '../../shared/errors';
import { fontRoots } from './font-roots';
import { DEFAULT_FONT, isFontFile, type BundledFontId, type FontRef } from '../../shared/timeline/fonts';

// Not named `require`: the main bundle has its own (a second declaration does not load; see test-all's node --check).
const nodeRequire = createRequire(import.meta.url);

interface FontSource {
  family: string;
  pkg: string;
  /** Files inside the package. */
  files: string[];
  /** Registered only when some text needs it (an emoji font costs ~1 s to decode). */
  needs?: RegExp;
}

const SOURCES: FontSource[] = [
  { family: 'Zapcut Sans', pkg: '@expo-google-fonts/noto-sans', files: ['700Bold/NotoSans_700Bold.ttf'] },
  { family: 'Zapcut Arabic', pkg: '@expo-google-fonts/noto-sans-arabic', files: ['700Bold/NotoSansArabic_700Bold.ttf'], needs: /[\u0600-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/u },
  { family: 'Zapcut Hebrew', pkg: '@fontsource/noto-sans-hebrew', files: ['files/noto-sans-hebrew-hebrew-700-normal.woff2'], needs: /[\u0590-\u05FF\uFB1D-\uFB4F]/u },
  { family: 'Zapcut CJK', pkg: '@expo-google-fonts/noto-sans-sc', files: ['700Bold/NotoSansSC_700Bold.ttf'], needs: /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/u },
  { family: 'Zapcut Hangul', pkg: '@expo-google-fonts/noto-sans-kr', files: ['700Bold/NotoSansKR_700Bold.ttf'], needs: /[\u1100-\u11FF\u3130-\u318F\uAC00-\uD7AF]/u },
  // The whole font (its "emoji" subset: flags, keycaps, skin tones, ZWJ sequences). The numbered
  // Unicode-range slices beside it are for browsers, and shadow glyphs when registered with it.
  { family: 'Zapcut Emoji', pkg: '@fontsource/noto-color-emoji', files: ['files/noto-color-emoji-emoji-400-normal.woff2'], needs: /\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]|\u20E3/u },
];


/** The bundled brand families (Noto Sans is the chain's own first family). */
const BUNDLED: Record<Exclude<BundledFontId, 'noto-sans'>, { pkg: string; file: string }> = {
  montserrat: { pkg: '@expo-google-fonts/montserrat', file: '700Bold/Montserrat_700Bold.ttf' },
  oswald: { pkg: '@expo-google-fonts/oswald', file: '700Bold/Oswald_700Bold.ttf' },
  'playfair-display': { pkg: '@expo-google-fonts/playfair-display', file: '700Bold/PlayfairDisplay_700Bold.ttf' },
  nunito: { pkg: '@expo-google-fonts/nunito', file: '700Bold/Nunito_700Bold.ttf' },
  lora: { pkg: '@expo-google-fonts/lora', file: '700Bold/Lora_700Bold.ttf' },
};

function packageDir(pkg: string): string {
  try {
    return path.dirname(nodeRequire.resolve(`${pkg}/package.json`));
  } catch {
    throw new AppError('IO', `The font package ${pkg} is missing. Reinstall Zapcut (npm install).`);
  }
}

const loaded = new Set<string>();
const STACK = SOURCES.map((s) => `"${s.family}"`).join(', ');

/**
 * The CSS font-family list for Skia, after registering every font `text` needs (once per
 * process; Skia skips families not registered yet, so a Latin-only ad never decodes the CJK or
 * emoji fonts).
 */
export function fontStack(text = '', brand?: FontRef): string {
  const first = brand && brand !== DEFAULT_FONT ? brandFamily(brand) : null;
  for (const src of SOURCES) {
    if (loaded.has(src.family) || (src.needs && !src.needs.test(text))) continue;
    const dir = packageDir(src.pkg);
    for (const f of src.files) GlobalFonts.register(readFileSync(path.join(dir, f)), src.family);
    loaded.add(src.family);
  }
  return first ? `"${first}", ${STACK}` : STACK;
}

/** Registers a brand font once per process; its Skia family name. */
function brandFamily(ref: FontRef): string {
  const family = `Zapcut Brand ${isFontFile(ref) ? ref.slice(5, 21) : ref}`;
  if (loaded.has(family)) return family;
  let file: string;
  if (isFontFile(ref)) {
    const sha = ref.slice(5);
    const found = [...fontRoots].map((r) => path.join(r, sha.slice(0, 2), sha)).find((f) => existsSync(f));
    if (!found) throw new AppError('NOT_FOUND', `The brand font file (${sha.slice(0, 12)}…) is not in the media folder. Choose the brand's font again on the brand page.`);
    file = found;
  } else {
    const b = BUNDLED[ref as keyof typeof BUNDLED];
    file = path.join(packageDir(b.pkg), b.file);
  }
  if (!GlobalFonts.register(readFileSync(file), family)) throw new AppError('UNSUPPORTED_MEDIA', `The brand font ${ref} could not be loaded.`);
  loaded.add(family);
  return family;
}

/** The font files the chain uses (for packaging checks and the licence list). */
export function fontFiles(): string[] {
  return [
    ...SOURCES.flatMap((src) => {
      const dir = packageDir(src.pkg);
      return src.files.map((f) => path.join(dir, f));
    }),
    ...Object.values(BUNDLED).map((b) => path.join(packageDir(b.pkg), b.file)),
  ];
}

/** The largest brand font file accepted. */
export const MAX_FONT_BYTES = 10 * 1024 * 1024;

export type FontProblem = 'notAFont' | 'tooLarge' | 'unreadable' | 'missingGlyphs';

/**
 * Checks a brand's own font file: TrueType or OpenType by its first bytes (not its name), at most
 * 10 MB, Skia loads it, and it has a glyph for every letter of `mustSpell` (the brand name; spaces
 * and emoji aside, which the chain covers). Returns its sha256 or the problem and the letters missing.
 */
export function checkFontFile(bytes: Buffer, mustSpell: string): { ok: true; sha256: string } | { ok: false; problem: FontProblem; missing?: string } {
  if (bytes.length > MAX_FONT_BYTES) return { ok: false, problem: 'tooLarge' };
  const tag = bytes.subarray(0, 4).toString('latin1');
  if (!(tag === '\u0000\u0001\u0000\u0000' || tag === 'OTTO' || tag === 'true')) return { ok: false, problem: 'notAFont' };
  const has = cmapOf(bytes);
  if (!has) return { ok: false, problem: 'unreadable' };
  const missing = [...new Set([...mustSpell].filter((ch) => /\p{L}|\p{N}/u.test(ch) && !has(ch.codePointAt(0)!)))];
  if (missing.length) return { ok: false, problem: 'missingGlyphs', missing: missing.join('') };
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const family = `Zapcut Check ${sha256.slice(0, 16)}`;
  if (!loaded.has(family)) {
    if (!GlobalFonts.register(bytes, family)) return { ok: false, problem: 'unreadable' };
    loaded.add(family);
  }
  return { ok: true, sha256 };
}

/** What a refusal says (English: the CLI and logs; the app shows `errors.font.<problem>`). */
export function fontProblemMessage(name: string, p: Exclude<ReturnType<typeof checkFontFile>, { ok: true }>): string {
  switch (p.problem) {
    case 'tooLarge':
      return `The font "${name}" is larger than 10 MB. Use the font's .ttf or .otf file of one weight (Bold looks best).`;
    case 'notAFont':
      return `"${name}" is not a font file (TrueType .ttf or OpenType .otf). Choose the font file itself.`;
    case 'unreadable':
      return `The font "${name}" could not be read (its character map is missing or damaged). Export it again as .ttf or .otf.`;
    case 'missingGlyphs':
      return `The font "${name}" has no letters for "${p.missing}" of the brand name, so the end card could not be set in it. Choose a font that covers the brand's alphabet.`;
  }
}

/**
 * A font's character map (the sfnt 'cmap' table, Unicode subtables of format 4 or 12), as a
 * lookup; null when the file has none that can be read.
 */
export function cmapOf(buf: Buffer): ((cp: number) => boolean) | null {
  try {
    const numTables = buf.readUInt16BE(4);
    let cmap = -1;
    for (let i = 0; i < numTables; i++) {
      const rec = 12 + i * 16;
      if (buf.toString('latin1', rec, rec + 4) === 'cmap') cmap = buf.readUInt32BE(rec + 8);
    }
    if (cmap < 0) return null;
    const n = buf.readUInt16BE(cmap + 2);
    let best: { offset: number; format: number } | null = null;
    for (let i = 0; i < n; i++) {
      const platform = buf.readUInt16BE(cmap + 4 + i * 8);
      const encoding = buf.readUInt16BE(cmap + 6 + i * 8);
      const offset = cmap + buf.readUInt32BE(cmap + 8 + i * 8);
      const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
      if (!unicode) continue;
      const format = buf.readUInt16BE(offset);
      if (format === 12 && best?.format !== 12) best = { offset, format };
      else if (format === 4 && !best) best = { offset, format };
    }
    if (!best) return null;
    const o = best.offset;
    if (best.format === 12) {
      const groups = buf.readUInt32BE(o + 12);
      const ranges: [number, number][] = [];
      for (let g = 0; g < groups; g++) ranges.push([buf.readUInt32BE(o + 16 + g * 12), buf.readUInt32BE(o + 20 + g * 12)]);
      return (cp) => ranges.some(([a, b]) => cp >= a && cp <= b);
    }
    const segs = buf.readUInt16BE(o + 6) / 2;
    const ends = o + 14;
    const starts = ends + segs * 2 + 2;
    const deltas = starts + segs * 2;
    const rangeOffsets = deltas + segs * 2;
    return (cp) => {
      if (cp > 0xffff) return false;
      for (let i = 0; i < segs; i++) {
        if (cp > buf.readUInt16BE(ends + i * 2)) continue;
        const start = buf.readUInt16BE(starts + i * 2);
        if (cp < start) return false;
        const ro = buf.readUInt16BE(rangeOffsets + i * 2);
        if (ro === 0) return ((cp + buf.readInt16BE(deltas + i * 2)) & 0xffff) !== 0;
        const at = rangeOffsets + i * 2 + ro + (cp - start) * 2;
        return buf.readUInt16BE(at) !== 0;
      }
      return false;
    };
  } catch {
    return null;
  }
}
