import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { orientationFilters, readExifOrientation, swapsAxes } from './orientation';
import { addExifOrientation, addPngExifOrientation, makeImage } from './fixtures';

describe('EXIF orientation', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'zapcut-exif-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('reads orientation %i from JPEG and PNG headers', async (n) => {
    const jpg = addExifOrientation(makeImage(join(dir, `o${n}.jpg`), 'color=c=red:s=8x8'), n);
    const png = addPngExifOrientation(makeImage(join(dir, `o${n}.png`), 'color=c=red:s=8x8'), n);
    expect(await readExifOrientation(jpg)).toBe(n);
    expect(await readExifOrientation(png)).toBe(n);
  });

  it('treats a missing, unreadable or out-of-range tag as upright', async () => {
    expect(await readExifOrientation(makeImage(join(dir, 'plain.jpg'), 'color=c=red:s=8x8'))).toBe(1);
    const junk = join(dir, 'junk.jpg');
    writeFileSync(junk, 'not an image');
    expect(await readExifOrientation(junk)).toBe(1);
    expect(await readExifOrientation(join(dir, 'missing.jpg'))).toBe(1);
    expect(await readExifOrientation(addExifOrientation(makeImage(join(dir, 'bad.jpg'), 'color=c=red:s=8x8'), 9))).toBe(1);
  });

  it('maps each orientation to the filters that make it upright', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(orientationFilters)).toEqual([
      [], ['hflip'], ['hflip', 'vflip'], ['vflip'], ['transpose=0'], ['transpose=1'], ['transpose=3'], ['transpose=2'],
    ]);
    expect([1, 4, 5, 8].map(swapsAxes)).toEqual([false, false, true, true]);
  });
});
