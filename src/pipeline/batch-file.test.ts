import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvRecordToBrief, readBatchFile } from './batch-file';

async function batchFile(name: string, content: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'zapcut-batch-file-'));
  await writeFile(path.join(dir, 'shot.png'), 'not checked here');
  await writeFile(path.join(dir, 'logo.png'), 'not checked here');
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}

const brief = (over: Record<string, unknown> = {}, product: Record<string, unknown> = {}) => ({
  brand: { name: 'Luna', description: 'Cold brew, Portland.' },
  product: { name: 'Luna Cold Brew', description: 'Smooth.', audience: 'owls', benefit: 'energy', images: ['shot.png'], ...product },
  lengthSeconds: 15,
  ...over,
});

describe('readBatchFile', () => {
  it('reads JSONL, one brief per line: a bad row names its row, line and field; the others are briefs', async () => {
    const lines = [brief(), brief({ lengthSeconds: 45 }), '', brief({}, { images: ['missing.png'] }), '{"brand": ', brief({ colour: 'red' }), brief({ cta: 'Ölçü: "now" ☕' }), brief({ scenes: [{ idea: 'Sunrise', images: ['gone.jpg'] }] })];
    const file = await batchFile('ads.jsonl', lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n'));
    const b = await readBatchFile(file);
    expect(b.format).toBe('jsonl');
    expect(b.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(b.rows.map((r) => [r.row, r.line, r.brief ? 'ok' : 'bad'])).toEqual([
      [1, 1, 'ok'],
      [2, 2, 'bad'],
      [3, 4, 'bad'],
      [4, 5, 'bad'],
      [5, 6, 'bad'],
      [6, 7, 'ok'],
      [7, 8, 'bad'],
    ]);
    expect(b.rows[6]!.error).toMatch(/^Scene 1 of row 7 \("Sunrise"\): its image 1 \("gone\.jpg"\) was not found at .*gone\.jpg\. Paths are relative to the batch file\.$/);
    expect(b.rows[1]!.error).toBe('lengthSeconds: must be 15, 30 or 60 (seconds)');
    expect(b.rows[2]!.error).toMatch(/^Product image 1 of row 3 \("missing\.png"\) was not found at .*missing\.png\. Paths are relative to the batch file\.$/);
    expect(b.rows[3]!.error).toMatch(/^not valid JSON .*each line of a JSONL batch is one brief object$/);
    expect(b.rows[4]!.error).toBe('colour: not a brief field (README "Brief format" lists them)');
    // Text kept exactly; images resolved against the batch file's folder.
    expect(b.rows[5]!.brief).toMatchObject({ cta: 'Ölçü: "now" ☕', lengthSeconds: 15, aspect: '16:9' });
    expect(b.rows[0]!.brief!.product.images).toEqual([path.join(path.dirname(file), 'shot.png')]);
  });

  it('reads CSV with dotted brief columns, | lists, numbers and quoted cells; a missing field is named', async () => {
    const csv = [
      'brand.name,brand.description,brand.colors,brand.logo,product.name,product.description,product.audience,product.benefit,product.images,cta,lengthSeconds,aspect',
      'Luna,"Cold brew, Portland.",#4A3121|#E8C07D,logo.png,Luna Cold Brew,"Smooth, ""organic"".",owls,energy,shot.png|shot.png,Order today,15,9:16',
      'Luna,Cold brew.,,,Luna Tea,Calm.,owls,,shot.png,,30,',
      '"Multi',
      'line",Cold brew.,,,Luna Tea,Calm.,owls,sleep,shot.png,,abc,',
      '',
      'Luna,Cold brew.,,,Luna Tea,Calm., owls',
    ].join('\r\n');
    const b = await readBatchFile(await batchFile('ads.csv', csv));
    expect(b.format).toBe('csv');
    expect(b.rows[0]!.brief).toMatchObject({
      brand: { name: 'Luna', description: 'Cold brew, Portland.', colors: ['#4A3121', '#E8C07D'] },
      product: { description: 'Smooth, "organic".', images: [expect.stringMatching(/shot\.png$/), expect.stringMatching(/shot\.png$/)] },
      lengthSeconds: 15,
      aspect: '9:16',
    });
    expect(b.rows[0]!.brief!.brand.logo).toMatch(/logo\.png$/);
    expect(b.rows[1]).toMatchObject({ row: 2, line: 3, brief: null });
    expect(b.rows[1]!.error).toMatch(/^product\.benefit: /);
    // A quoted cell across two lines: reported at the line the record starts on; "abc" is not a length.
    expect(b.rows[2]).toMatchObject({ row: 3, line: 4, brief: null });
    expect(b.rows[2]!.error).toMatch(/^lengthSeconds: must be 15, 30 or 60/);
    expect(b.rows[3]).toEqual({ row: 4, line: 7, brief: null, error: 'has 7 cells; the header names 12 columns (a cell with a comma needs "quotes")' });
  });

  it('refuses what is not a batch before reading rows', async () => {
    await expect(readBatchFile(await batchFile('ads.txt', '{}'))).rejects.toThrow(/neither \.csv nor \.jsonl/);
    await expect(readBatchFile('/nope/ads.jsonl')).rejects.toThrow(/Cannot read the batch file/);
    await expect(readBatchFile(await batchFile('ads.jsonl', '\n\n'))).rejects.toThrow(/has no rows/);
    await expect(readBatchFile(await batchFile('ads.csv', 'a,b\n"x'))).rejects.toThrow(/not valid CSV/);
    await expect(readBatchFile(await batchFile('ads.csv', 'cta,cta\nx,y'))).rejects.toThrow(/names the column "cta" twice/);
  });

  it('maps CSV columns onto the brief shape and says when a cell that looks like JSON is not', () => {
    expect(csvRecordToBrief({ 'brand.name': 'A', 'product.images': ' a.png | b.png ', scenesHint: '4', cta: '' })).toEqual({ brand: { name: 'A' }, product: { images: ['a.png', 'b.png'] }, scenesHint: 4 });
    expect(csvRecordToBrief({ scenes: '[{"title":"Hook"}]' })).toEqual({ scenes: [{ title: 'Hook' }] });
    expect(() => csvRecordToBrief({ scenes: '[oops' })).toThrow(/scenes: the cell starts like JSON but is not valid JSON/);
  });
});
