import { describe, expect, it } from 'vitest';
import { lookOfThumbnail } from './product-look';

const S = 32;
function thumb(paint: (x: number, y: number) => [number, number, number, number]): Uint8Array {
  const out = new Uint8Array(S * S * 4);
  for (let y = 0; y < S; y++) for (let x = 0; x < S; x++) out.set(paint(x, y), (y * S + x) * 4);
  return out;
}
const inBox = (x: number, y: number) => x >= 10 && x < 22 && y >= 6 && y < 28;

describe('how a product picture is cut out', () => {
  it('uses its own alpha when the background is transparent, cropped to the product', () => {
    const look = lookOfThumbnail(thumb((x, y) => (inBox(x, y) ? [80, 40, 20, 255] : [0, 0, 0, 0])));
    expect(look.cutout).toBe('alpha');
    if (look.cutout !== 'alpha') return;
    expect(look.box.x).toBeCloseTo(9 / 32);
    expect(look.box.y).toBeCloseTo(5 / 32);
    expect(look.box.w).toBeCloseTo(14 / 32);
    expect(look.box.h).toBeCloseTo(24 / 32);
  });

  it('keys out a plain studio backdrop', () => {
    const look = lookOfThumbnail(thumb((x, y) => (inBox(x, y) ? [80, 40, 20, 255] : [243, 233, 220, 255])));
    expect(look).toMatchObject({ cutout: 'key', key: '#F3E9DC' });
  });

  it('frames a photo with a busy background as a card', () => {
    expect(lookOfThumbnail(thumb((x, y) => [(x * 37) % 255, (y * 53) % 255, ((x + y) * 11) % 255, 255])).cutout).toBe('none');
    // A plain picture with nothing on it is not a cut-out either.
    expect(lookOfThumbnail(thumb(() => [200, 200, 200, 255])).cutout).toBe('none');
  });
});
