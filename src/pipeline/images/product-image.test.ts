/**
 * Product image checks on generated pictures (FFmpeg lavfi, decoded by the real analyser): what is
 * refused, what is warned about, and which pictures count as screenshots — with the figures the
 * screenshot heuristic was tuned on printed in the assertions' messages.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBinaries } from '../ffmpeg/binaries';
import { runFfmpeg } from '../ffmpeg/run';
import { analyzeImage, analyzePixels, judgeProductImage, type ImageContent } from './product-image';

const { ffmpegPath } = resolveBinaries();
let dir: string;

async function make(name: string, lavfi: string, extra: string[] = []): Promise<string> {
  const file = path.join(dir, name);
  await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', lavfi, ...extra, '-frames:v', '1'], output: file });
  return file;
}
const analyse = (file: string, width: number, height: number): Promise<ImageContent> => analyzeImage(ffmpegPath, file, { width, height }, `${file}.rgba`);
const figures = (c: ImageContent) => `flat ${c.flatShare.toFixed(2)} top ${c.topColourShare.toFixed(2)} edges ${c.edgeShare.toFixed(3)} box ${c.boxShare.toFixed(2)}`;

/** A web-app screenshot: grey page margins around an app window (1400×860 at 100,70: header bar, sidebar, cards, rows of "text"). */
const SCREENSHOT = [
  'color=c=0xF4F5F7:s=1600x1000:d=1',
  'drawbox=x=100:y=70:w=1400:h=860:color=0xFFFFFF:t=fill',
  'drawbox=x=100:y=70:w=1400:h=64:color=0x1E3A8A:t=fill',
  'drawbox=x=100:y=134:w=240:h=796:color=0xE5E7EB:t=fill',
  ...Array.from({ length: 14 }, (_, i) => `drawbox=x=130:y=${170 + i * 50}:w=150:h=10:color=0x6B7280:t=fill`),
  ...Array.from({ length: 3 }, (_, i) => `drawbox=x=${380 + i * 360}:y=180:w=320:h=180:color=0xDBEAFE:t=fill`),
  ...Array.from({ length: 3 }, (_, i) => `drawbox=x=${400 + i * 360}:y=210:w=${140 + i * 30}:h=14:color=0x111827:t=fill`),
  ...Array.from({ length: 3 }, (_, i) => `drawbox=x=${400 + i * 360}:y=250:w=110:h=50:color=0x2563EB:t=fill`),
  ...Array.from({ length: 12 }, (_, i) => `drawbox=x=380:y=${400 + i * 40}:w=${1000 - (i % 3) * 160}:h=8:color=0x374151:t=fill`),
].join(',');

/** A product photo: a shaded bottle-ish shape on a soft studio gradient, with sensor noise. */
const PHOTO = "color=c=black:s=1200x1200:d=1,format=rgb24,geq=r='clip(200-Y/12+if(lt(hypot((X-600)/1.6\\,Y-640)\\,330)\\,-120+X/20\\,0)\\,0\\,255)':g='clip(196-Y/12+if(lt(hypot((X-600)/1.6\\,Y-640)\\,330)\\,-60+X/30\\,0)\\,0\\,255)':b='clip(190-Y/14+if(lt(hypot((X-600)/1.6\\,Y-640)\\,330)\\,-150\\,0)\\,0\\,255)',noise=alls=12:allf=t";

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'zapcut-product-image-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('refused at import', () => {
  it('an almost fully transparent picture (a layer exported at 2 % opacity)', async () => {
    const file = await make('faint.png', 'color=c=red:s=600x600:d=1,format=rgba', ['-vf', 'colorchannelmixer=aa=0.02']);
    const v = judgeProductImage(await analyse(file, 600, 600));
    expect(v.problem).toEqual({ kind: 'transparent', opaquePercent: 0 });
  });

  it('a cut-out whose product covers under 2 % of the picture', async () => {
    // A 1000² transparent canvas with a 100×100 product square: 1 % opaque.
    const file = await make('speck.png', "color=c=black@0:s=1000x1000:d=1,format=rgba,geq=r=200:g=50:b=50:a='if(lt(abs(X-500)\\,50)*lt(abs(Y-500)\\,50)\\,255\\,0)'");
    const v = judgeProductImage(await analyse(file, 1000, 1000));
    expect(v.problem?.kind).toBe('transparent');
  });

  it('a tiny picture (120 px)', async () => {
    const file = await make('tiny.png', PHOTO.replace('1200x1200', '120x120').replace(/\/1\.6/g, '/16').replace(/330/g, '33'));
    expect(judgeProductImage(await analyse(file, 120, 120)).problem).toEqual({ kind: 'tiny', side: 120, min: 200 });
  });

  it('a cut-out whose visible product is tiny inside a big canvas', async () => {
    const file = await make('small-product.png', "color=c=black@0:s=1000x1000:d=1,format=rgba,geq=r='100+X/8':g=60:b=90:a='if(lt(abs(X-500)\\,75)*lt(abs(Y-500)\\,75)\\,255\\,0)'");
    const c = await analyse(file, 1000, 1000);
    expect(c.opaqueShare).toBeGreaterThan(0.02);
    expect(judgeProductImage(c).problem).toMatchObject({ kind: 'tiny', min: 200 });
  });

  it('one flat colour', async () => {
    const file = await make('flat.jpg', 'color=c=0xEEEEEE:s=1200x900:d=1');
    expect(judgeProductImage(await analyse(file, 1200, 900)).problem).toMatchObject({ kind: 'flat' });
  });
});

describe('accepted', () => {
  it('a product photo; warned when it is under 800 px', async () => {
    const big = await analyse(await make('photo.jpg', PHOTO), 1200, 1200);
    expect(judgeProductImage(big)).toEqual({ problem: null, warnings: [] });
    expect(big.screenshot, figures(big)).toBe(false);
    const small = await analyse(await make('photo-small.jpg', PHOTO.replace('1200x1200', '500x500').replace(/\/1\.6/g, '/4').replace(/330/g, '140')), 500, 500);
    expect(judgeProductImage(small)).toEqual({ problem: null, warnings: [{ kind: 'low_resolution', side: 500, recommended: 800 }] });
  });

  it('a product on a plain studio backdrop is not a screenshot', async () => {
    const file = await make('studio.png', "color=c=white:s=1000x1000:d=1,format=rgb24,geq=r='if(lt(hypot(X-500\\,Y-500)\\,300)\\,120+Y/10\\,255)':g='if(lt(hypot(X-500\\,Y-500)\\,300)\\,40+X/12\\,255)':b='if(lt(hypot(X-500\\,Y-500)\\,300)\\,60\\,255)'");
    const c = await analyse(file, 1000, 1000);
    expect(c.screenshot, figures(c)).toBe(false);
    expect(judgeProductImage(c).problem).toBeNull();
  });
});

describe('screenshots', () => {
  it('a flat product drawing on a backdrop (a boxed product, all flat colours) is not one', async () => {
    const box = "color=c=0xEFE6DA:s=640x800:d=1,drawbox=x=170:y=200:w=300:h=420:color=0x7A2E1F:t=fill,drawbox=x=170:y=330:w=300:h=90:color=0xE9C46A:t=fill,drawbox=x=210:y=360:w=220:h=12:color=0x222222:t=fill,drawbox=x=240:y=390:w=160:h=8:color=0x222222:t=fill";
    const c = await analyse(await make('box.png', box), 640, 800);
    expect(c.flatShare, figures(c)).toBeGreaterThan(0.5);
    expect(c.screenshot, figures(c)).toBe(false);
    expect(c.crop).toBeNull();
  });

  it('are recognised and their empty margins cropped', async () => {
    const c = await analyse(await make('screenshot.png', SCREENSHOT), 1600, 1000);
    expect(c.screenshot, figures(c)).toBe(true);
    // The app window is 1400×860 at (100,70); the crop keeps it with a little page around it.
    expect(c.crop).not.toBeNull();
    const crop = c.crop!;
    expect(crop.x).toBeGreaterThan(50);
    expect(crop.x).toBeLessThanOrEqual(100);
    expect(crop.y).toBeGreaterThan(20);
    expect(crop.y).toBeLessThanOrEqual(70);
    expect(crop.x + crop.w).toBeGreaterThanOrEqual(1500);
    expect(crop.x + crop.w).toBeLessThan(1550);
    expect(crop.y + crop.h).toBeGreaterThanOrEqual(930);
    expect(judgeProductImage(c).problem).toBeNull();
  });

  it('a screenshot on a white page is recognised too', async () => {
    const c = await analyse(await make('full.png', SCREENSHOT.replace('0xF4F5F7', '0xFFFFFF').replace('drawbox=x=100:y=70:w=1400:h=860:color=0xFFFFFF:t=fill,', '')), 1600, 1000);
    expect(c.screenshot, figures(c)).toBe(true);
  });
});

describe('analyzePixels (pure)', () => {
  it('counts opacity and the visible box on a hand-made sample', () => {
    const w = 10;
    const h = 10;
    const px = new Uint8Array(w * h * 4);
    for (let y = 2; y < 6; y++) for (let x = 3; x < 8; x++) px.set([200, 100, 50, 255], (y * w + x) * 4);
    const c = analyzePixels(px, w, h, 100, 100);
    expect(c.opaqueShare).toBeCloseTo(0.2);
    expect(c.visible).toEqual({ x: 30, y: 20, w: 50, h: 40 });
    expect(c.colour).toBe('#C86432');
  });
});
