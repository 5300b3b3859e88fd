import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveBinaries } from '../../pipeline/ffmpeg';
import { makeImage, makeSplitImage, makeWordmarkLogo } from './fixtures';
import type { BatchRow } from '../../pipeline/batch-file';
import { screenBatchImages, screenBriefImages } from './brief-images';

/** The first 33 bytes of a PNG (signature + IHDR) claiming `w`×`h`: all the header check reads. */
function pngHead(w: number, h: number): Buffer {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write('IHDR', 12, 'ascii');
  b.writeUInt32BE(w, 16);
  b.writeUInt32BE(h, 20);
  b[24] = 8;
  b[25] = 6;
  return b;
}

describe('screenBriefImages', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'zapcut-brief-images-'));
  const bins = resolveBinaries();
  const product = makeSplitImage(path.join(dir, 'product.jpg'));
  const brief = (scenePicture: string) => ({ product: { name: 'P', description: 'd', audience: 'a', benefit: 'b', images: [product] }, scenes: [{ idea: 'Open on a sunrise over the harbour' }, { idea: 'A runner on the pier', images: [product, scenePicture] }] });

  it('passes good pictures; refuses a scene picture that is not an image, too big to decode or empty of a product — naming the scene and the file', async () => {
    // The 256 px picture is soft: warned about (three times: once as the product, twice in scene 2), never refused.
    const warnings = await screenBriefImages(bins, brief(product), dir);
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/^"product\.jpg": the product is 256 px across/);
    expect(warnings[1]).toMatch(/^Scene 2 of the brief \("A runner on the pier"\), picture "product\.jpg": /);
    const text = path.join(dir, 'notes.png');
    writeFileSync(text, 'just some text, renamed');
    await expect(screenBriefImages(bins, brief(text), dir)).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA', message: expect.stringMatching(/^Scene 2 of the brief \("A runner on the pier"\), picture "notes\.png": "notes\.png" is not a PNG, JPEG or WebP image/) });
    const bomb = path.join(dir, 'bomb.png');
    writeFileSync(bomb, pngHead(15_999, 15_999));
    await expect(screenBriefImages(bins, brief(bomb), dir)).rejects.toMatchObject({ code: 'MEDIA_TOO_LARGE', message: expect.stringMatching(/^Scene 2 .*"bomb\.png" is 15999×15999 px/) });
    const flat = makeImage(path.join(dir, 'flat.png'), 'color=c=0x336699:s=640x480');
    await expect(screenBriefImages(bins, brief(flat), dir)).rejects.toThrow(/^Scene 2 .*picture "flat\.png": "flat\.png" is one flat colour/);
  });

  it("judges the brand's logo by a logo's rules: a one-colour transparent wordmark passes (soft), an SVG or a blank rectangle is refused", async () => {
    const withLogo = (logo: string) => ({ ...brief(product), brand: { logo } });
    const warnings = await screenBriefImages(bins, withLogo(makeWordmarkLogo(path.join(dir, 'mark.png'))), dir);
    expect(warnings).toContainEqual(expect.stringMatching(/^The logo "mark\.png" is \d+ px across; on the end card it will look soft/));
    const svg = path.join(dir, 'mark.svg');
    writeFileSync(svg, '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="200"/>');
    await expect(screenBriefImages(bins, withLogo(svg), dir)).rejects.toThrow(/"mark\.svg" is not a PNG, JPEG or WebP image/);
    const blank = makeImage(path.join(dir, 'blank.png'), 'color=c=0x336699:s=640x200');
    await expect(screenBriefImages(bins, withLogo(blank), dir)).rejects.toThrow(/^The logo "blank\.png" is one flat colour/);
  });

  it('judges a batch row by row: a row with a flat picture will not run and says why, the others run with their warnings', async () => {
    const flat = makeImage(path.join(dir, 'flat-row.png'), 'color=c=0x336699:s=640x480');
    const row = (n: number, images: string[]): BatchRow => ({ row: n, line: n + 1, error: null, brief: { brand: { name: 'B' }, product: { name: 'P', description: 'd', audience: 'a', benefit: 'b', images } } as unknown as BatchRow['brief'] });
    const invalid: BatchRow = { row: 4, line: 5, brief: null, error: 'lengthSeconds: must be 15, 30 or 60 (seconds)' };
    const { rows, warnings } = await screenBatchImages(bins, [row(1, [product]), row(2, [flat]), row(3, [product]), invalid], dir);
    expect(rows.map((r) => r.brief !== null)).toEqual([true, false, true, false]);
    expect(rows[1]!.error).toMatch(/"flat-row\.png" is one flat colour/);
    expect(rows[3]).toBe(invalid);
    // The soft 256 px product is warned about for each row that uses it (judged once, reported per row).
    expect(warnings.map((w) => w.row)).toEqual([1, 3]);
    expect(warnings[0]!.warning).toMatch(/the product is 256 px across/);
  });
});
