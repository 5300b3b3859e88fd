import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { afterAll, describe, expect, it } from 'vitest';
import { ICON_SVG, LINUX_SIZES, renderIcons } from './dist-icons';

/** Width/height from a PNG's IHDR chunk. */
function pngSize(buf: Buffer): { width: number; height: number } {
  expect(buf.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

const out = mkdtempSync(join(tmpdir(), 'zapcut-icons-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('app icon', () => {
  it('renders every size electron-builder asks for, square and of the right dimensions', () => {
    const written = renderIcons(out);
    expect(written.map((w) => w.file.slice(out.length + 1))).toEqual([...LINUX_SIZES.map((s) => `png/${s}x${s}.png`).slice(0, -1), 'png/1024x1024.png', 'icon.png']);
    for (const size of LINUX_SIZES) expect(pngSize(readFileSync(join(out, 'png', `${size}x${size}.png`)))).toEqual({ width: size, height: size });
    expect(pngSize(readFileSync(join(out, 'icon.png')))).toEqual({ width: 1024, height: 1024 });
  });

  it('is drawn on the macOS grid: transparent corners, opaque tile, white play mark, yellow bolt', () => {
    const img = new Resvg(readFileSync(ICON_SVG, 'utf8'), { fitTo: { mode: 'width', value: 256 } }).render();
    const px = (x: number, y: number) => {
      const i = (y * img.width + x) * 4;
      return [...img.pixels.subarray(i, i + 4)] as [number, number, number, number];
    };
    expect(px(4, 4)[3]).toBe(0); // outside the tile
    expect(px(40, 128)[3]).toBe(255); // tile edge
    const [r, g, b] = px(110, 100); // left part of the play triangle
    expect(Math.min(r, g, b)).toBeGreaterThan(240);
    const [br, bg, bb] = px(126, 128); // the bolt's centre
    expect(br).toBeGreaterThan(230);
    expect(bg).toBeGreaterThan(170);
    expect(bb).toBeLessThan(120);
  });
});
