/**
 * A title over a bright or busy close-up sits on a plate that hugs its text (issue 16): rounded,
 * padded, the size of the text's own box — not a band across the frame — and only as dark as white
 * text needs for 4.5:1 (close-up.ts measures the picture; scene-render.ts closeUpPlates says which
 * close-ups need it). Measured on the rendered picture, composited over the backdrop.
 */
import path from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { loadImage, createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { ROLE_FONT_SIZE, slotRect, textSpec, type TextItem } from '../../shared/timeline';
import { resolveBinaries } from '../ffmpeg/binaries';
import { luminance, scrimOpacity, whiteContrast } from '../providers/offline/close-up';
import { closeUpPlates } from '../providers/offline/scene-render';
import { renderText, skiaMeasurer } from './render';

const title = (plate?: number): TextItem => ({
  id: 't', kind: 'text', role: 'title', text: 'Aurora C Serum', start: 0, duration: 60, opacity: 1, fadeInFrames: 0, fadeOutFrames: 0,
  style: { fontSize: ROLE_FONT_SIZE.title, color: '#FFFFFF', background: '#000000', backgroundOpacity: 0.55, ...(plate ? { plate } : {}) },
});
const frame = { preset: '9:16' as const, width: 1080, height: 1920, unit: 1 };

async function pixels(png: Buffer): Promise<{ data: Uint8ClampedArray; w: number; h: number }> {
  const img = await loadImage(png);
  const c = createCanvas(img.width, img.height);
  const g = c.getContext('2d');
  g.drawImage(img, 0, 0);
  return { data: g.getImageData(0, 0, img.width, img.height).data, w: img.width, h: img.height };
}

/** Worst WCAG contrast between the text's white core and the plate beside it, the picture composited over a flat backdrop. */
function contrastOver(px: { data: Uint8ClampedArray; w: number; h: number }, backdrop: [number, number, number]): number {
  const over = (i: number) => {
    const a = px.data[i + 3]! / 255;
    return luminance(...([0, 1, 2].map((k) => px.data[i + k]! * a + backdrop[k]! * (1 - a)) as [number, number, number]));
  };
  // The plate: the padding band down the middle row's left end (inside the rounded corners); the text: its whitest pixels.
  let plate = 0;
  let text = 1;
  for (let y = 0; y < px.h; y++) {
    for (let x = 0; x < px.w; x++) {
      const i = (y * px.w + x) * 4;
      const l = over(i);
      if (px.data[i]! > 250 && px.data[i + 1]! > 250 && px.data[i + 3]! > 250) text = Math.min(text, Math.max(l, 0.9));
    }
  }
  const mid = Math.floor(px.h / 2);
  for (let x = 2; x < 6; x++) plate = Math.max(plate, over((mid * px.w + x) * 4));
  return (Math.max(text, plate) + 0.05) / (Math.min(text, plate) + 0.05);
}

describe('the plate behind text over a busy close-up', () => {
  it('hugs the text: the picture is the text\'s padded box (not the slot across the frame), rounded, with the plate all across it', async () => {
    const spec = textSpec(title(0.45), frame);
    const r = renderText(spec, skiaMeasurer());
    const px = await pixels(r.png);
    const slot = slotRect('9:16', 'title', 1)!;
    const textWidth = skiaMeasurer().width('Aurora C Serum', r.fontSize);
    // The box is the text plus its padding (even-rounded), not the slot's 865 px.
    expect(px.w).toBeLessThanOrEqual(Math.ceil(textWidth + 2 * r.padding) + 4);
    expect(px.w).toBeLessThan(slot.w - 100);
    // Rounded corners are clear; the padding beside the text is the plate (0.45 of black).
    expect(px.data[3]).toBe(0);
    const mid = Math.floor(px.h / 2);
    expect(px.data[(mid * px.w + 2) * 4 + 3]! / 255).toBeCloseTo(0.45, 1);
    // Without a plate that padding is clear.
    const bare = await pixels(renderText(textSpec(title(), frame), skiaMeasurer()).png);
    expect(bare.data[(Math.floor(bare.h / 2) * bare.w + 2) * 4 + 3]).toBeLessThan(30);
  });

  it.each([
    ['the serum\'s white label', [255, 255, 255]],
    ['the serum\'s pink bottle', [0xe9, 0xa8, 0xb6]],
    ['a tan coffee label', [0xe8, 0xc0, 0x80]],
  ] as const)('keeps white text at 4.5:1 over %s, only as dark as needed', async (_name, rgb) => {
    const l = luminance(rgb[0], rgb[1], rgb[2]);
    expect(whiteContrast(l)).toBeLessThan(4.5);
    const opacity = scrimOpacity(l, 0);
    const px = await pixels(renderText(textSpec(title(opacity), frame), skiaMeasurer()).png);
    expect(contrastOver(px, [...rgb])).toBeGreaterThanOrEqual(4.5);
    // A plate 0.15 lighter would not do (not darker than needed, within the rounding step and margin).
    const lighter = await pixels(renderText(textSpec(title(Math.max(0.05, opacity - 0.15)), frame), skiaMeasurer()).png);
    expect(contrastOver(lighter, [...rgb])).toBeLessThan(contrastOver(px, [...rgb]));
    expect(opacity).toBeLessThanOrEqual(0.75);
  });

  it('is asked for where the serum\'s 9:16 close-up puts bright picture behind the title', async () => {
    const { ffmpegPath } = resolveBinaries();
    const dir = await mkdtemp(path.join(tmpdir(), 'zapcut-plate-'));
    try {
      const shots = [{ kind: 'macro' as const, start: 12, frames: 60, image: 0, dir: 1 as const }, { kind: 'push' as const, start: 72, frames: 60, image: 0, dir: 1 as const }];
      const serum = await closeUpPlates(ffmpegPath, { preset: '9:16', colors: ['#8C3B52', '#E9A8B6'], images: [path.join(process.cwd(), 'resources/briefs/images/aurora-serum.png')], shots, workDir: dir });
      expect(serum).toHaveLength(1);
      expect(serum[0]).toMatchObject({ start: 12, frames: 60 });
      expect(serum[0]!.opacity).toBeGreaterThan(0);
      expect(serum[0]!.opacity).toBeLessThanOrEqual(0.75);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
