/**
 * The brand font (issue 22): each bundled family is really what Skia draws (its widths differ
 * from Noto Sans, and the picture differs), a brand's own file is checked by its bytes and its
 * character map before it is used, and scripts the brand font lacks still come from the chain.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { BUNDLED_FONTS } from '../../shared/timeline/fonts';
import { addFontRoot } from './font-roots';
import { checkFontFile, cmapOf, fontProblemMessage, MAX_FONT_BYTES } from './fonts';
import { renderText, skiaMeasurer } from './render';
import type { TextSpec } from '../../shared/timeline';

const req = createRequire(import.meta.url);
const pkgFile = (pkg: string, file: string) => path.join(path.dirname(req.resolve(`${pkg}/package.json`)), file);
const MONTSERRAT = pkgFile('@expo-google-fonts/montserrat', '700Bold/Montserrat_700Bold.ttf');
const ARABIC = pkgFile('@expo-google-fonts/noto-sans-arabic', '700Bold/NotoSansArabic_700Bold.ttf');

const spec = (text: string, font?: TextSpec['font']): TextSpec => ({
  text, role: 'brand', look: 'title', fontSize: 96, minFontSize: 48, maxWidth: 1600, maxHeight: 400, maxLines: 2, lineHeightEm: 1.15, paddingEm: 0.15,
  protect: true, align: 'center', color: '#FFFFFF', background: null, backgroundOpacity: 0, accent: '#FFD23F', highlight: null, ...(font ? { font } : {}),
});

describe('bundled brand fonts', () => {
  it('each family measures and draws differently from the others (six distinct widths and pictures of one name)', () => {
    const name = 'Ridge Roasters Coffee';
    const widths = BUNDLED_FONTS.map((f) => skiaMeasurer(f.id).width(name, 96));
    expect(new Set(widths.map((w) => Math.round(w))).size).toBe(BUNDLED_FONTS.length);
    // Oswald is condensed: the narrowest; the default is Noto Sans (no font = noto-sans).
    expect(Math.min(...widths)).toBe(widths[BUNDLED_FONTS.findIndex((f) => f.id === 'oswald')]);
    expect(skiaMeasurer().width(name, 96)).toBe(widths[0]);
    const pngs = BUNDLED_FONTS.map((f) => renderText(spec(name, f.id)).png.toString('base64'));
    expect(new Set(pngs).size).toBe(BUNDLED_FONTS.length);
  });

  it('scripts a brand font lacks fall back to the chain (Arabic and CJK in Lora are drawn, not boxes)', () => {
    // Lora has no Arabic or Han: the same width as the default chain gives those characters.
    const m = skiaMeasurer('lora');
    expect(m.width('قهوة', 96)).toBeCloseTo(skiaMeasurer().width('قهوة', 96), 0);
    expect(m.width('咖啡', 96)).toBeCloseTo(skiaMeasurer().width('咖啡', 96), 0);
    expect(m.width('Coffee', 96)).not.toBeCloseTo(skiaMeasurer().width('Coffee', 96), 0);
  });
});

describe("a brand's own font file", () => {
  it('a real TTF passes; its sha names it; as file:<sha> in a media store it is drawn like the bundled family', () => {
    const bytes = readFileSync(MONTSERRAT);
    const r = checkFontFile(bytes, 'Ridge Roasters Café');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const root = mkdtempSync(path.join(tmpdir(), 'zapcut-fonts-'));
    mkdirSync(path.join(root, r.sha256.slice(0, 2)));
    writeFileSync(path.join(root, r.sha256.slice(0, 2), r.sha256), bytes);
    addFontRoot(root);
    expect(skiaMeasurer(`file:${r.sha256}`).width('Ridge Roasters', 96)).toBeCloseTo(skiaMeasurer('montserrat').width('Ridge Roasters', 96), 3);
  });

  it('a PNG renamed .ttf is refused by its bytes', () => {
    const png = createCanvas(4, 4).toBuffer('image/png');
    const r = checkFontFile(png, 'Acme');
    expect(r).toEqual({ ok: false, problem: 'notAFont' });
    expect(fontProblemMessage('logo.ttf', r as Exclude<typeof r, { ok: true }>)).toMatch(/not a font file/);
  });

  it('a font without the Latin letters of the brand name is refused, naming them (a font that maps only Arabic alef)', () => {
    const bytes = onlyAlef(readFileSync(MONTSERRAT));
    expect(cmapOf(bytes)?.(0x0627)).toBe(true);
    expect(cmapOf(bytes)?.(0x41)).toBe(false);
    const r = checkFontFile(bytes, 'Acme 2 Café');
    expect(r).toEqual({ ok: false, problem: 'missingGlyphs', missing: 'Acme2Café' });
    expect(fontProblemMessage('arabic.ttf', r as Exclude<typeof r, { ok: true }>)).toMatch(/no letters for "Acme2Café"/);
    // The same font is fine for a brand named in what it covers; real fonts report their real map.
    expect(checkFontFile(bytes, 'ا ا').ok).toBe(true);
    expect(cmapOf(readFileSync(ARABIC))?.(0x0642)).toBe(true);
    expect(cmapOf(readFileSync(MONTSERRAT))?.(0x4e2d)).toBe(false);
  });

  it('a file over 10 MB, a truncated font and an unknown font sha are refused', () => {
    expect(checkFontFile(Buffer.alloc(MAX_FONT_BYTES + 1), 'Acme')).toEqual({ ok: false, problem: 'tooLarge' });
    expect(checkFontFile(readFileSync(MONTSERRAT).subarray(0, 40), 'Acme')).toEqual({ ok: false, problem: 'unreadable' });
    expect(() => skiaMeasurer(`file:${'0'.repeat(64)}`).width('x', 10)).toThrow(/not in the media folder/);
  });
});

/**
 * A real font whose character map holds one letter (Arabic alef → glyph 1): Montserrat with its
 * 'cmap' table rewritten in place to a single format-12 subtable — what a font for another script looks like.
 */
function onlyAlef(font: Buffer): Buffer {
  const b = Buffer.from(font);
  const n = b.readUInt16BE(4);
  for (let i = 0; i < n; i++) {
    const rec = 12 + i * 16;
    if (b.toString('latin1', rec, rec + 4) !== 'cmap') continue;
    const o = b.readUInt32BE(rec + 8);
    b.writeUInt16BE(0, o);
    b.writeUInt16BE(1, o + 2);
    b.writeUInt16BE(3, o + 4);
    b.writeUInt16BE(10, o + 6);
    b.writeUInt32BE(12, o + 8);
    const t = o + 12;
    b.writeUInt16BE(12, t);
    b.writeUInt16BE(0, t + 2);
    b.writeUInt32BE(28, t + 4);
    b.writeUInt32BE(0, t + 8);
    b.writeUInt32BE(1, t + 12);
    b.writeUInt32BE(0x0627, t + 16);
    b.writeUInt32BE(0x0627, t + 20);
    b.writeUInt32BE(1, t + 24);
  }
  return b;
}
