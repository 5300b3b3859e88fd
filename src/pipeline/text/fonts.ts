/**
 * The font fallback chain of every text picture, from npm packages (SIL OFL 1.1, licences in
 * each package's LICENSE_FONT / LICENSE): Noto Sans (Latin, Greek, Cyrillic), Noto Sans Arabic,
 * Noto Sans Hebrew, Noto Sans SC (Han ideographs and Japanese kana), Noto Sans KR (Hangul) and
 * Noto Color Emoji. One weight (Bold) of each: 23.6 MB of font files in the app.
 *
 * Fonts are read with Node's fs (which also reads inside app.asar) and registered with Skia once
 * per process; Skia falls back along `FONT_STACK` per character.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { GlobalFonts } from '@napi-rs/canvas';
import { AppError } from '../../shared/errors';

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
export function fontStack(text = ''): string {
  for (const src of SOURCES) {
    if (loaded.has(src.family) || (src.needs && !src.needs.test(text))) continue;
    const dir = packageDir(src.pkg);
    for (const f of src.files) GlobalFonts.register(readFileSync(path.join(dir, f)), src.family);
    loaded.add(src.family);
  }
  return STACK;
}

/** The font files the chain uses (for packaging checks and the licence list). */
export function fontFiles(): string[] {
  return SOURCES.flatMap((src) => {
    const dir = packageDir(src.pkg);
    return src.files.map((f) => path.join(dir, f));
  });
}
