import { describe, expect, it } from 'vitest';
import { compile, emptyTimeline, layoutReport, slotRect, specKey, type TextRasters } from '../../shared/timeline';
import { renderText, skiaMeasurer } from '../text/render';
import { captionItems, captionPages, endCardItems, evenWordTimes, splitCta } from './ad-text';
import fs from 'node:fs';
import path from 'node:path';
import { resolveBrief } from '../brief';
import { planScenes } from './plan';
import { briefLanguage } from './language';
import { offlineBible, offlineStoryboard } from '../providers/offline/text';
import { countsNext, endsClause, leadsOn } from './phrase-breaks';

describe('ad text', () => {
  it('splits a CTA into the action and the address', () => {
    expect(splitCta('Shop now at ridgeroasters.com')).toEqual({ action: 'Shop now', url: 'ridgeroasters.com' });
    expect(splitCta('Order online today: https://www.luna.coffee/shop!')).toEqual({ action: 'Order online today', url: 'luna.coffee/shop' });
    expect(splitCta('Get yours today')).toEqual({ action: 'Get yours today', url: null });
    expect(splitCta('café-olé.es')).toEqual({ action: 'Visit us', url: 'café-olé.es' });
    expect(splitCta('Pide el tuyo en cafesakura.example')).toEqual({ action: 'Pide el tuyo', url: 'cafesakura.example' });
  });
  it('pages captions evenly and breaks at sentence ends', () => {
    const words = evenWordTimes('Meet Luna Cold Brew, from Luna Coffee. Order today.', 4);
    expect(captionPages(words, 6, 40).map((p) => p.map((w) => w.text).join(' '))).toEqual(['Meet Luna Cold Brew,', 'from Luna Coffee.', 'Order today.']);
    expect(words[words.length - 1]!.endS).toBeCloseTo(4, 6);
  });
  it('ends caption pages at punctuation or between phrases, in every brief and four languages: no word left leading into the next page, no number cut from what it counts, no one-word page that could be avoided', () => {
    const dir = path.resolve(__dirname, '../../../resources/briefs');
    const lines: { text: string; language: string; where: string }[] = [];
    for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.json'))) {
      const b = resolveBrief(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')), dir);
      const length = b.lengthSeconds ?? 30;
      const sb = offlineStoryboard({ brief: b, bible: offlineBible({ brief: b, palette: [] }), plan: planScenes(length), lengthSeconds: length });
      for (const s of sb.scenes) lines.push({ text: s.voiceover, language: briefLanguage(b), where: `${f} scene ${s.index}` });
    }
    expect(lines.length).toBeGreaterThan(30);
    lines.push(
      { text: 'Un latte doux et crémeux, préparé à la main avec du lait d’avoine et sans sucre ajouté.', language: 'fr', where: 'fr' },
      { text: 'Ein sanfter Matcha aus Uji, von Hand mit Hafermilch aufgeschlagen und ohne zugesetzten Zucker.', language: 'de', where: 'de' },
      { text: 'Start free at ledgerly.example and get paid 12 days faster with automatic reminders.', language: 'en', where: 'en' },
    );
    for (const { text: line, language, where } of lines) {
      for (const [maxWords, maxChars] of [[4, 26], [6, 40]] as const) {
        const pages = captionPages(evenWordTimes(line, 4), maxWords, maxChars, language);
        const said = pages.map((p) => p.map((w) => w.text).join(' ')).join(' / ');
        expect(pages.flat().map((w) => w.text).join(' '), where).toBe(line.trim().split(/\s+/u).join(' '));
        pages.forEach((page, k) => {
          const last = page[page.length - 1]!.text;
          expect(page.length, `${where}: ${said}`).toBeLessThanOrEqual(maxWords);
          if (k === pages.length - 1) return;
          expect(leadsOn(last, language) && !endsClause(last), `${where}: "${last}" left hanging in ${said}`).toBe(false);
          expect(countsNext(last), `${where}: a number cut from its noun in ${said}`).toBe(false);
          if (page.length === 1 && !endsClause(last)) expect([...last].length * 2, `${where}: one-word page in ${said}`).toBeGreaterThanOrEqual(maxChars);
        });
      }
    }
    // The café ad's line (1:1) and the same line on a 9:16 page.
    const cafe = evenWordTimes('Matcha ceremonial de Uji batido a mano con leche de avena.', 4);
    expect(captionPages(cafe, 6, 40, 'es').map((p) => p.map((w) => w.text).join(' '))).toEqual(['Matcha ceremonial de Uji batido', 'a mano con leche de avena.']);
    expect(captionPages(cafe, 4, 26, 'es').map((p) => p.map((w) => w.text).join(' '))).toEqual(['Matcha ceremonial de Uji', 'batido a mano', 'con leche de avena.']);
  });
  it('keeps captions off the end card, with the spoken words timed inside each page', () => {
    const fps = 30;
    const end = endCardItems({ fps, total: 300, brandName: 'Luna', cta: 'Order today at luna.coffee', accent: '#C98B3C', productMedia: 'p', logoMedia: null });
    expect(end.start).toBe(300 - 84);
    expect(end.text.map((t) => [t.role, t.text])).toEqual([['brand', 'Luna'], ['cta', 'Order today'], ['url', 'luna.coffee']]);
    const caps = captionItems([{ sceneIndex: 1, text: 'One two three four five six seven eight nine ten', start: 150, words: evenWordTimes('One two three four five six seven eight nine ten', 5) }], { fps, until: end.start, portrait: true, accent: '#C98B3C' });
    expect(caps.length).toBeGreaterThan(1);
    for (const c of caps) {
      expect(c.start + c.duration).toBeLessThanOrEqual(end.start);
      expect(c.placement).toBeUndefined();
      for (const w of c.words!) expect(w.end).toBeGreaterThan(w.start);
    }
  });
});

describe('the end card with a logo', () => {
  const fps = 30;
  // The real fonts' fit, as the export measures it.
  const measurer = skiaMeasurer();
  const rasters: TextRasters = (spec) => {
    const r = renderText(spec, measurer);
    return { key: specKey(spec), src: '', width: r.width, height: r.height, fontSize: r.fontSize, lines: r.lines, truncated: r.truncated };
  };
  const card = (preset: '16:9' | '9:16' | '1:1', wordmark: boolean, product = { width: 1000, height: 480 }) => {
    const end = endCardItems({ fps, total: 300, brandName: 'Luna Coffee', cta: 'Order today at luna.coffee', accent: '#C98B3C', productMedia: 'p', logoMedia: 'l', wordmark });
    const tl = emptyTimeline({ preset });
    const logo = wordmark ? { width: 1200, height: 300 } : { width: 500, height: 500 };
    tl.media = { p: { kind: 'image', sha256: 'a'.repeat(64), name: 'p.png', ...product }, l: { kind: 'image', sha256: 'b'.repeat(64), name: 'l.png' } };
    tl.overlays[0]!.items.push(...end.images);
    tl.overlays[1]!.items.push(...end.text);
    const plan = compile(tl, { text: rasters });
    const sizes: Record<string, { width: number; height: number }> = { p: product, l: logo };
    return { end, plan, report: layoutReport(plan, { imageSize: (m) => sizes[m] }) };
  };

  it.each(['16:9', '9:16', '1:1'] as const)('%s: a wordmark logo stands where the name would, with no name under it; a symbol keeps the name', (preset) => {
    const word = card(preset, true);
    expect(word.end.text.map((t) => t.role)).toEqual(['cta', 'url']);
    const logo = word.plan.layers.find((l) => l.id === 'end-logo')!;
    expect(logo.kind === 'image' && logo.slot).toEqual(slotRect(preset, 'brand', 1));
    const symbol = card(preset, false);
    expect(symbol.end.text.map((t) => [t.role, t.text])).toEqual([['brand', 'Luna Coffee'], ['cta', 'Order today'], ['url', 'luna.coffee']]);
    for (const { report } of [word, symbol]) {
      expect(report.overlaps).toEqual([]);
      expect(report.unsafe).toEqual([]);
      expect(report.truncations).toEqual([]);
    }
    // The logo's room goes to the product where the card stacks them (9:16, 1:1).
    const area = (r: typeof word.report) => { const b = r.boxes.find((x) => x.id === 'end-product')!; return b.width * b.height; };
    expect(area(word.report)).toBeGreaterThanOrEqual(area(symbol.report));
  });
});

describe('the 9:16 end card beside a tall product', () => {
  // The text column was 413 px beside a 440 px bottle: brand, CTA and URL shrank to near their role minimum.
  const measurer = skiaMeasurer();
  const rasters: TextRasters = (spec) => {
    const r = renderText(spec, measurer);
    return { key: specKey(spec), src: '', width: r.width, height: r.height, fontSize: r.fontSize, lines: r.lines, truncated: r.truncated };
  };
  it.each([
    ['Luna Coffee', 'Order today at luna.coffee'],
    ['Aurora Skin', 'Try it at auroraskin.example'],
    ['Café Sakura 桜', 'Pide el tuyo en cafesakura.example'],
    ['Hive & Co.', 'Shop at hiveandco.example'],
  ])('%s: the text is at a readable size (CTA at its role size, URL ≥ 48 px, brand ≥ 64 px at 1080 × 1920), the bottle still a third of the frame, nothing overlapping or unsafe', (brandName, cta) => {
    const bottle = { width: 440, height: 775 }; // the README bottle's cut-out
    const end = endCardItems({ fps: 30, total: 300, brandName, cta, accent: '#C98B3C', productMedia: 'p', logoMedia: null });
    const tl = emptyTimeline({ preset: '9:16' });
    tl.media = { p: { kind: 'image', sha256: 'a'.repeat(64), name: 'p.png', ...bottle } };
    tl.overlays[0]!.items.push(...end.images);
    tl.overlays[1]!.items.push(...end.text);
    const plan = compile(tl, { text: rasters });
    const font = (id: string) => {
      const l = plan.layers.find((x) => x.id === id)!;
      return l.kind === 'text' ? l.raster!.fontSize : 0;
    };
    const product = plan.layers.find((l) => l.id === 'end-product')!;
    expect(product.kind === 'image' && product.slot).toEqual(slotRect('9:16', 'endHeroBeside', 1));
    expect(font('end-cta')).toBe(72);
    expect(font('end-url')).toBeGreaterThanOrEqual(48);
    expect(font('end-brand')).toBeGreaterThanOrEqual(64);
    const slot = slotRect('9:16', 'endHeroBeside', 1)!;
    expect(Math.min(slot.w / bottle.width, slot.h / bottle.height) * bottle.height).toBeGreaterThanOrEqual(1920 * 0.3);
    const report = layoutReport(plan, { imageSize: () => bottle });
    expect(report.overlaps).toHaveLength(0);
    expect(report.unsafe).toHaveLength(0);
  });
});
