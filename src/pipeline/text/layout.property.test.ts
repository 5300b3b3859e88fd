/**
 * The layout as a pure function over many generated texts, measured with the real engine (Skia
 * + the font chain), in every aspect: text fits its slot, nothing essential is in a platform's
 * UI zone, scene slots and end-card slots never overlap, and a CTA, URL or brand name is never
 * cut (issue 16).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, emptyTimeline, layoutReport, ROLE_FONT_SIZE, type AspectPreset, type TextItem, type TextRole } from '../../shared/timeline';
import { skiaMeasurer, renderText } from './render';
import type { TextRasters } from '../../shared/timeline';
import { BUNDLED_FONTS, specKey, type FontRef } from '../../shared/timeline';
import { TextCache } from './cache';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const measurer = skiaMeasurer();
/** Fits without drawing (the fit is what the layout depends on; drawing is covered elsewhere). */
const rasters: TextRasters = (spec) => {
  const r = renderText(spec, measurer);
  return { key: specKey(spec), src: '', width: r.width, height: r.height, fontSize: r.fontSize, lines: r.lines, truncated: r.truncated };
};

const word = fc.oneof(
  fc.constantFrom('coffee', 'Smooth', 'organic', 'energy', 'café', 'Ñandú', 'ridgeroasters.com/shop', 'O’Neil', '100%', '"bold"', 'C:\\temp', '%{pts}', 'a;b', '[x]'),
  fc.constantFrom('抹茶', '咖啡', 'ラテ', '한국어', 'مرحبا', 'قهوة', 'שלום', 'קפה', '🍵', '☕️', '🇪🇸', '👍🏽'),
  fc.string({ minLength: 1, maxLength: 14 }).map((s) => s.replace(/\s/g, '') || 'x'),
);
const phrase = (min: number, max: number) => fc.array(word, { minLength: min, maxLength: max }).map((ws) => ws.join(' '));

/** Copy within the writer's budgets (what the pipeline produces): the layout must hold it all. */
const budgets: Record<TextRole, fc.Arbitrary<string>> = {
  title: phrase(1, 6),
  caption: phrase(1, 6),
  brand: fc.oneof(phrase(1, 4), fc.constant('The Extraordinarily Long Name Of A Family-Owned Artisanal Coffee Roastery And Bakery From The Hills Above Valencia')),
  cta: phrase(1, 6),
  url: fc.constantFrom('luna.coffee', 'ridgeroasters.com', 'shop.example.co.uk/spring-sale', 'café-olé.es'),
};

function adTimeline(preset: AspectPreset, t: Record<TextRole, string>, font?: FontRef) {
  const tl = emptyTimeline({ preset });
  const item = (id: string, role: TextRole, text: string, start: number, duration: number): TextItem => ({ id, kind: 'text', role, text, start, duration, opacity: 1, fadeInFrames: 0, fadeOutFrames: 0, style: { fontSize: ROLE_FONT_SIZE[role], color: '#FFFFFF', background: '#000000', backgroundOpacity: 0.6, ...(font ? { font } : {}) } });
  tl.overlays[1]!.items.push(item('title', 'title', t.title, 0, 60), item('caption', 'caption', t.caption, 0, 60), item('brand', 'brand', t.brand, 60, 60), item('cta', 'cta', t.cta, 60, 60), item('url', 'url', t.url, 60, 60));
  return tl;
}

describe('layout over generated copy', () => {
  // Issue 22: every bundled brand font, measured with its own metrics (a wide geometric sans and a
  // condensed display set the same copy on different lines): the same guarantees hold in each.
  const cache = new TextCache(mkdtempSync(path.join(tmpdir(), 'zapcut-layout-fonts-')));
  it.each(BUNDLED_FONTS.map((f) => [f.id, f.id === 'oswald' ? '16:9' : f.id === 'montserrat' ? '9:16' : '1:1'] as const))('brand font %s in %s: zero overlaps, zero unsafe boxes, zero truncated CTA/URL/brand', (font, preset) => {
    const fitted: TextRasters = (spec) => {
      expect(spec.font).toBe(font === 'noto-sans' ? undefined : font);
      return cache.get(spec);
    };
    fc.assert(
      fc.property(fc.record(budgets), (t) => {
        const report = layoutReport(compile(adTimeline(preset, t, font), { text: fitted }));
        expect(report.overlaps).toEqual([]);
        expect(report.unsafe).toEqual([]);
        expect(report.truncations.filter((x) => x.role === 'cta' || x.role === 'url' || x.role === 'brand')).toEqual([]);
      }),
      { numRuns: 12, seed: 22 },
    );
  });

  it.each(['16:9', '9:16', '1:1'] as const)('%s: zero overlaps, zero unsafe boxes, zero truncated CTA/URL/brand', (preset) => {
    fc.assert(
      fc.property(fc.record(budgets), (t) => {
        const plan = compile(adTimeline(preset, t), { text: rasters });
        const report = layoutReport(plan);
        expect(report.overlaps).toEqual([]);
        expect(report.unsafe).toEqual([]);
        expect(report.truncations.filter((x) => x.role === 'cta' || x.role === 'url' || x.role === 'brand')).toEqual([]);
        for (const b of report.boxes) expect(b.estimated).toBe(false);
      }),
      { numRuns: 40, seed: 16 },
    );
  });

  it('9:16 end card of a tall product (beside it): zero overlaps, zero unsafe boxes, zero truncated CTA/URL/brand, the product beside the text (40 % of the frame height) unless the copy needs the stacked card', () => {
    let beside = 0;
    fc.assert(
      fc.property(fc.record(budgets), (t) => {
        const tl = adTimeline('9:16', t);
        tl.media = { p: { kind: 'image', sha256: 'a'.repeat(64), name: 'bottle.png', width: 360, height: 900 } };
        tl.overlays[0]!.items.push({ id: 'end-product', kind: 'image', media: 'p', start: 60, duration: 60, opacity: 1, fadeInFrames: 0, fadeOutFrames: 0, placement: { anchor: 'center', x: 0, y: 0 }, slot: 'hero' });
        const plan = compile(tl, { text: rasters });
        const report = layoutReport(plan, { imageSize: () => ({ width: 360, height: 900 }) });
        expect(report.overlaps).toEqual([]);
        expect(report.unsafe).toEqual([]);
        expect(report.truncations.filter((x) => x.role === 'cta' || x.role === 'url' || x.role === 'brand')).toEqual([]);
        const product = report.boxes.find((b) => b.id === 'end-product')!;
        // Beside: a 0.4 bottle 41 % of the frame's height (the 503 px text column beside it); stacked: 28 %.
        if (product.height / plan.height >= 0.4) beside++;
        // Beside the product or stacked, the card's text keeps at least its role's smallest size.
        for (const l of plan.layers) if (l.kind === 'text' && l.raster && (l.role === 'cta' || l.role === 'url')) expect(l.raster.fontSize, l.spec.text).toBeGreaterThanOrEqual(l.spec.minFontSize);
      }),
      { numRuns: 40, seed: 16 },
    );
    // Short copy stands beside the product; long copy (six 14-character random words, the 114-character
    // brand) would shrink below its smallest size there and gets the stacked card (18 of these 40 go beside).
    expect(beside).toBeGreaterThanOrEqual(12);
    expect(beside).toBeLessThan(40);
  });

  it('shrinks before it wraps, and wraps before it cuts', () => {
    const spec = (text: string) => ({ text, role: 'title' as const, look: 'title' as const, fontSize: 84, minFontSize: 50, maxWidth: 900, maxHeight: 240, maxLines: 2, lineHeightEm: 1.18, paddingEm: 0.2, protect: false, align: 'center' as const, color: '#FFFFFF', background: null, backgroundOpacity: 0, accent: '#FFCC00', highlight: null });
    const short = renderText(spec('Fresh every morning'), measurer);
    expect(short).toMatchObject({ fontSize: 84, lines: ['Fresh every morning'], truncated: false });
    const shrunk = renderText(spec('Fresh roasted beans daily'), measurer);
    expect(shrunk.lines).toHaveLength(1);
    expect(shrunk.fontSize).toBeLessThan(84);
    const wrapped = renderText(spec('Fresh roasted beans every single day from our hills'), measurer);
    expect(wrapped.lines).toHaveLength(2);
    const cut = renderText(spec('Fresh roasted beans every single day from our hills above the sea, by people who care'), measurer);
    expect(cut.truncated).toBe(true);
    expect(cut.lines[cut.lines.length - 1]).toMatch(/…$/);
    expect(cut.lines[cut.lines.length - 1]).not.toMatch(/\s…$/);
  });
});
