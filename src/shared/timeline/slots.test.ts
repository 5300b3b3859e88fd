import { describe, expect, it } from 'vitest';
import { compile } from './compile';
import { layoutReport } from './layout-report';
import { emptyTimeline } from './seed';
import { containIn, END_SLOTS, END_SLOTS_BESIDE, END_SLOTS_NO_LOGO, rectsOverlap, safeRect, SCENE_SLOTS, slotLayout, stageRect, type Rect } from './slots';
import { platformsFor, unsafeInsets } from './safe-zones';
import type { AspectPreset } from './model';

const presets: AspectPreset[] = ['16:9', '9:16', '1:1', '4k'];
const inside = (r: Rect, s: Rect) => r.x >= s.x && r.y >= s.y && r.x + r.w <= s.x + s.w && r.y + r.h <= s.y + s.h;

describe('layout slots', () => {
  it.each(presets)('%s: every slot is inside the safe area and the slots of a set never overlap', (preset) => {
    const { slots } = slotLayout(preset);
    const safe = safeRect(preset);
    for (const set of [SCENE_SLOTS, END_SLOTS, END_SLOTS_NO_LOGO, END_SLOTS_BESIDE]) {
      const rects = set.map((n) => slots[n]).filter((r): r is Rect => !!r);
      for (const r of rects) expect(inside(r, safe), JSON.stringify(r)).toBe(true);
      for (let i = 0; i < rects.length; i++) for (let j = i + 1; j < rects.length; j++) expect(rectsOverlap(rects[i]!, rects[j]!)).toBe(0);
    }
  });
  it('9:16 uses the conservative TikTok/Reels/Shorts mask', () => {
    expect(platformsFor('9:16')).toEqual(['tiktok', 'reels', 'shorts']);
    expect(unsafeInsets('9:16')).toEqual({ top: 270, right: 150, bottom: 672, left: 65 });
    expect(unsafeInsets('4k', platformsFor('4k'), 2)).toEqual({ top: 108, right: 192, bottom: 216, left: 192 });
  });
});

describe('layoutReport', () => {
  it('finds overlaps, unsafe boxes and a caption on the end card', () => {
    const tl = emptyTimeline({ preset: '9:16' });
    const style = { fontSize: 60, color: '#FFFFFF', background: null, backgroundOpacity: 0 };
    tl.overlays[1]!.items.push(
      // Manually placed at the very bottom: inside the platforms' caption zone.
      { id: 'low', kind: 'text', role: 'title', text: 'Down here', start: 0, duration: 30, opacity: 1, fadeInFrames: 0, fadeOutFrames: 0, placement: { anchor: 'bottom', x: 0, y: 40 }, style },
      { id: 'low2', kind: 'text', role: 'title', text: 'Also here', start: 10, duration: 30, opacity: 1, fadeInFrames: 0, fadeOutFrames: 0, placement: { anchor: 'bottom', x: 0, y: 40 }, style },
      { id: 'cap', kind: 'text', role: 'caption', text: 'Spoken words', start: 50, duration: 30, opacity: 1, fadeInFrames: 0, fadeOutFrames: 0, style },
      { id: 'cta', kind: 'text', role: 'cta', text: 'Buy now', start: 60, duration: 30, opacity: 1, fadeInFrames: 0, fadeOutFrames: 0, style },
    );
    const r = layoutReport(compile(tl));
    expect(r.ok).toBe(false);
    expect(r.overlaps.map((o) => [o.a, o.b].sort().join('+'))).toEqual(['low+low2', 'cap+cta']);
    expect(r.unsafe.map((u) => u.id).sort()).toEqual(['low', 'low2']);
    expect(r.truncations).toEqual([]);
  });
  it('is clean for slot-placed text', () => {
    const tl = emptyTimeline({ preset: '9:16' });
    const style = { fontSize: 60, color: '#FFFFFF', background: null, backgroundOpacity: 0 };
    tl.overlays[1]!.items.push(
      { id: 't', kind: 'text', role: 'title', text: 'Punchline', start: 0, duration: 30, opacity: 1, fadeInFrames: 0, fadeOutFrames: 0, style },
      { id: 'c', kind: 'text', role: 'caption', text: 'The spoken words', start: 0, duration: 30, opacity: 1, fadeInFrames: 0, fadeOutFrames: 0, style },
    );
    expect(layoutReport(compile(tl))).toMatchObject({ ok: true, overlaps: [], unsafe: [] });
  });
});

describe('the end card product', () => {
  it.each([
    ['9:16', { y: 280, h: 542 }, { y: 442, h: 380 }],
    ['1:1', { y: 60, h: 502 }, { y: 192, h: 370 }],
    ['16:9', { y: 130, h: 700 }, { y: 130, h: 700 }],
  ] as const)('%s: takes the logo slot\'s room when the card has no logo', (preset, tall, normal) => {
    const tl = emptyTimeline({ preset });
    tl.media = { p: { kind: 'image', sha256: 'a'.repeat(64), name: 'p.png' }, l: { kind: 'image', sha256: 'b'.repeat(64), name: 'l.png' } };
    const style = { fontSize: 60, color: '#FFFFFF', background: null, backgroundOpacity: 0 };
    const image = (id: string, media: string, slot: 'hero' | 'logo') => ({ id, kind: 'image' as const, media, start: 0, duration: 30, opacity: 1, fadeInFrames: 0, fadeOutFrames: 0, placement: { anchor: 'center' as const, x: 0, y: 0 }, slot });
    tl.overlays[0]!.items.push(image('end-product', 'p', 'hero'));
    tl.overlays[1]!.items.push({ id: 'cta', kind: 'text', role: 'cta', text: 'Buy now', start: 0, duration: 30, opacity: 1, fadeInFrames: 0, fadeOutFrames: 0, style });
    const box = (t: typeof tl) => compile(t).layers.find((l) => l.id === 'end-product')!;
    expect(box(tl)).toMatchObject({ slot: tall });
    tl.overlays[0]!.items.push(image('end-logo', 'l', 'logo'));
    expect(box(tl)).toMatchObject({ slot: normal });
  });
});


describe('the 9:16 end card of a tall product', () => {
  // A cut-out bottle on its base plate (the serum example: 0.44 as wide as tall).
  const BOTTLE = { width: 400, height: 900 };
  const endCard = (withLogo: boolean, product = BOTTLE, url = 'auroraskin.example') => {
    const tl = emptyTimeline({ preset: '9:16' });
    tl.media = { p: { kind: 'image', sha256: 'a'.repeat(64), name: 'p.png', ...product }, l: { kind: 'image', sha256: 'b'.repeat(64), name: 'l.png' } };
    const style = { fontSize: 60, color: '#FFFFFF', background: null, backgroundOpacity: 0 };
    const image = (id: string, media: string, slot: 'hero' | 'logo') => ({ id, kind: 'image' as const, media, start: 0, duration: 30, opacity: 1, fadeInFrames: 0, fadeOutFrames: 0, placement: { anchor: 'center' as const, x: 0, y: 0 }, slot });
    tl.overlays[0]!.items.push(image('end-product', 'p', 'hero'));
    if (withLogo) tl.overlays[0]!.items.push(image('end-logo', 'l', 'logo'));
    const text = (id: string, role: 'brand' | 'cta' | 'url', body: string) => ({ id, kind: 'text' as const, role, text: body, start: 0, duration: 30, opacity: 1, fadeInFrames: 0, fadeOutFrames: 0, style });
    tl.overlays[1]!.items.push(text('end-brand', 'brand', 'Aurora Skin'), text('end-cta', 'cta', 'Try it'), text('end-url', 'url', url));
    const plan = compile(tl);
    const sizes: Record<string, { width: number; height: number }> = { p: product, l: { width: 600, height: 200 } };
    return { plan, report: layoutReport(plan, { imageSize: (m) => sizes[m] }) };
  };

  it.each([true, false])('with a logo: %s — the product is as large as in the scenes, and logo, brand, CTA and URL are inside the safe area and never overlap', (withLogo) => {
    const { report } = endCard(withLogo);
    expect(report.overlaps).toEqual([]);
    expect(report.unsafe).toEqual([]);
    expect(report.truncations).toEqual([]);
    const product = report.boxes.find((b) => b.id === 'end-product')!;
    // The scenes' product at rest: the bottle fitted in the stage (49 % of the height; main's end card: 28 %).
    const scenes = containIn(stageRect('9:16', 1), BOTTLE);
    expect(product.height).toBeGreaterThanOrEqual(scenes.h);
    expect(product.height / 1920).toBeGreaterThanOrEqual(0.49);
    expect(report.boxes.filter((b) => b.role !== 'product').length).toBe(withLogo ? 4 : 3);
  });

  it('a long address still fits beside the product without being cut', () => {
    expect(endCard(true, BOTTLE, 'shop.ridgeroasters.example/cold-brew').report.truncations).toEqual([]);
  });

  it('a wide product keeps the stacked card (beside it, it would be a sliver)', () => {
    const { report } = endCard(false, { width: 1000, height: 480 });
    const product = report.boxes.find((b) => b.id === 'end-product')!;
    expect(product.width).toBeGreaterThanOrEqual(700);
    expect(report.overlaps).toEqual([]);
  });
});
