import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { loadBrief } from './brief';

const montserrat = path.join(path.dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/montserrat/package.json')), '700Bold/Montserrat_700Bold.ttf');

async function briefFile(content: unknown, withImage = true): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'zapcut-brief-'));
  if (withImage) await writeFile(path.join(dir, 'shot.png'), 'not checked here');
  const file = path.join(dir, 'brief.json');
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const valid = {
  brand: { name: 'Café "Ñandú" ☕: 東京 \\', description: 'Roasters: since 1999.' },
  product: { name: 'Cold Brew', description: 'Smooth.', audience: 'owls', benefit: 'energy', images: ['shot.png'] },
};

describe('loadBrief', () => {
  it('captionStyle: the captions\' look chosen at generation (brief, or --caption-style over it); an unknown look is refused', async () => {
    expect((await loadBrief(await briefFile(valid))).captionStyle).toBeUndefined();
    expect((await loadBrief(await briefFile({ ...valid, captionStyle: 'karaoke' }))).captionStyle).toBe('karaoke');
    expect((await loadBrief(await briefFile({ ...valid, captionStyle: 'karaoke' }), { captionStyle: 'boxed' })).captionStyle).toBe('boxed');
    await expect(loadBrief(await briefFile({ ...valid, captionStyle: 'neon' }))).rejects.toThrow(/captionStyle/);
  });

  it("brand.font: a bundled family by name, a font file relative to the brief (checked), anything else refused clearly", async () => {
    const named = await loadBrief(await briefFile({ ...valid, brand: { ...valid.brand, font: 'Playfair Display' } }));
    expect(named.brand.font).toBe('playfair-display');
    const file = await briefFile({ ...valid, brand: { ...valid.brand, name: 'Ridge Roasters', font: 'fonts/brand.ttf' } });
    await expect(loadBrief(file)).rejects.toThrow(/neither a bundled font \(Noto Sans, Montserrat, Oswald, Playfair Display, Nunito, Lora\) nor a font file/);
    await import('node:fs/promises').then((fs) => fs.mkdir(path.join(path.dirname(file), 'fonts')));
    await copyFile(montserrat, path.join(path.dirname(file), 'fonts/brand.ttf'));
    expect((await loadBrief(file)).brand.font).toBe(path.join(path.dirname(file), 'fonts/brand.ttf'));
    // A picture renamed .ttf is refused by its bytes.
    await copyFile(path.join(path.dirname(file), 'shot.png'), path.join(path.dirname(file), 'fonts/brand.ttf'));
    await expect(loadBrief(file)).rejects.toThrow(/"brand\.ttf" is not a font file/);
  });

  it('keeps text exactly and resolves images relative to the brief, with defaults', async () => {
    const file = await briefFile(valid);
    const b = await loadBrief(file, { lengthSeconds: 15 });
    expect(b.brand.name).toBe('Café "Ñandú" ☕: 東京 \\');
    expect(b.product.images[0]).toBe(path.join(path.dirname(file), 'shot.png'));
    expect(b).toMatchObject({ lengthSeconds: 15, aspect: '16:9', voice: 'american' });
  });
  it('says which field is wrong and where the format is documented', async () => {
    const file = await briefFile({ ...valid, product: { ...valid.product, benefit: undefined }, lengthSeconds: 45 });
    const err = (await loadBrief(file).catch((e: Error) => e)) as Error;
    expect(err.message).toMatch(/must be 15, 30 or 60[\s\S]*at lengthSeconds/);
    expect(err.message).toMatch(/at product\.benefit/);
    expect(err.message).toMatch(/README "Brief format"/);
  });
  it('rejects unknown fields, bad JSON and missing images clearly', async () => {
    await expect(loadBrief(await briefFile({ ...valid, extra: 1 }))).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(loadBrief(await briefFile('{"brand": '))).rejects.toThrow(/not valid JSON/);
    await expect(loadBrief(await briefFile(valid, false))).rejects.toThrow(/Product image 1 of the brief \("shot\.png"\) was not found/);
    await expect(loadBrief('/nope/brief.json')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
  it('takes the creator\'s direction and scene ideas, their pictures relative to the brief', async () => {
    const file = await briefFile({ ...valid, direction: 'Golden hour, unhurried.', scenes: [{ idea: 'Sunrise over the harbour', images: ['shot.png'] }, { idea: 'A runner stops to drink' }] });
    const b = await loadBrief(file, { lengthSeconds: 15 });
    expect(b.direction).toBe('Golden hour, unhurried.');
    expect(b.scenes).toEqual([{ idea: 'Sunrise over the harbour', images: [path.join(path.dirname(file), 'shot.png')] }, { idea: 'A runner stops to drink' }]);
  });
  it('names the scene whose picture is missing, and refuses more ideas than the length holds', async () => {
    const file = await briefFile({ ...valid, scenes: [{ idea: 'Sunrise over the harbour' }, { idea: 'A runner stops to drink', images: ['runner.png'] }] });
    await expect(loadBrief(file)).rejects.toThrow(/Scene 2 of the brief \("A runner stops to drink"\): its image 1 \("runner\.png"\) was not found/);
    const six = await briefFile({ ...valid, scenes: Array.from({ length: 6 }, (_, i) => ({ idea: `Idea number ${i + 1}` })) });
    await expect(loadBrief(six, { lengthSeconds: 15 })).rejects.toThrow(/6 scene ideas, but a 15 s ad holds at most 5 scenes[\s\S]*--length 30/);
    expect((await loadBrief(six, { lengthSeconds: 30 })).scenes).toHaveLength(6);
    const bad = (await loadBrief(await briefFile({ ...valid, direction: 'x'.repeat(1001), scenes: [{ idea: '  ', extra: 1 }] })).catch((e: Error) => e)) as Error;
    expect(bad.message).toMatch(/at direction/);
    expect(bad.message).toMatch(/at scenes\[0\]/);
    await expect(loadBrief(await briefFile({ ...valid, scenes: Array.from({ length: 9 }, () => ({ idea: 'x' })) }))).rejects.toThrow(/at most 8 scene ideas/);
    await expect(loadBrief(await briefFile({ ...valid, scenesHint: 2, scenes: [{ idea: 'a' }, { idea: 'b' }, { idea: 'c' }] }))).rejects.toThrow(/brief\.json" asks for 2 scenes \(scenesHint\) but gives 3 scene ideas/);
  });
});
