import { describe, expect, it } from 'vitest';
import { captionItems, captionPages, endCardItems, evenWordTimes, splitCta } from './ad-text';

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
