/**
 * Every shot template renders in real FFmpeg (the bundled 4.1) inside one process, with the
 * right number of frames, and moves: the picture changes between frames in every shot — a flat
 * drawing in a long square shot too.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBinaries } from '../../ffmpeg/binaries';
import { runFfmpeg } from '../../ffmpeg/run';
import { SHOT_KINDS, type Shot } from '../../animatic/shots';
import { slotRect } from '../../../shared/timeline';
import { luminance, whiteContrast } from './close-up';
import type { VideoRequest } from '../types';
import { closeUpPlates, renderScene } from './scene-render';

const { ffmpegPath } = resolveBinaries();
let dir: string;
const W = 192;
const H = 108;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'zapcut-shots-'));
  // A product on a plain studio backdrop (keyed out), one on transparency (its alpha), and a busy photo (a card).
  await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', 'color=c=0xF3E9DC:s=64x80,format=rgba', '-vf', 'drawbox=x=20:y=10:w=24:h=60:color=0x4A3121:t=fill,drawbox=x=20:y=30:w=24:h=6:color=0xE8C07D:t=fill,drawbox=x=26:y=44:w=10:h=4:color=0xFFFFFF:t=fill', '-frames:v', '1'], output: path.join(dir, 'studio.png') });
  await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', 'color=c=black@0:s=64x80,format=rgba', '-vf', 'drawbox=x=16:y=8:w=32:h=64:color=0x2E86AB:t=fill,drawbox=x=16:y=30:w=32:h=8:color=0xFFFFFF:t=fill', '-frames:v', '1'], output: path.join(dir, 'cutout.png') });
  await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', 'testsrc=s=80x64', '-frames:v', '1'], output: path.join(dir, 'photo.png') });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Mean absolute luma change between consecutive frames, per frame (grey frames of this size; tiny by default). */
async function frameChanges(file: string, w = 48, h = 27): Promise<number[]> {
  const raw = path.join(dir, `${path.basename(file)}.gray`);
  await runFfmpeg({ ffmpegPath, args: ['-i', file, '-vf', `scale=${w}:${h},format=gray`, '-f', 'rawvideo'], output: raw });
  const bytes = new Uint8Array(await readFile(raw));
  const size = w * h;
  const out: number[] = [];
  for (let f = size; f + size <= bytes.length; f += size) {
    let sum = 0;
    for (let i = 0; i < size; i++) sum += Math.abs(bytes[f + i]! - bytes[f - size + i]!);
    out.push(sum / size);
  }
  return out;
}

describe('offline scene renderer', () => {
  it('renders every shot template in one FFmpeg run, each one moving', async () => {
    const frames = 15;
    const shots: Shot[] = SHOT_KINDS.map((kind, i) => ({ kind, start: i * frames, frames, image: i % 3, dir: i % 2 ? -1 : 1 }));
    const images = ['studio.png', 'cutout.png', 'photo.png'].map((f) => path.join(dir, f));
    const req: VideoRequest = {
      prompt: '',
      negativePrompt: '',
      startImage: images[2]!,
      durationSeconds: (shots.length * frames) / 30,
      aspect: '16:9',
      resolution: { width: W, height: H },
      seed: 1,
      styleStrength: 0.8,
      style: { colors: ['#4A3121', '#E8C07D', '#F3E9DC'], lighting: '', camera: '', motion: '', energyLevel: 5 },
      scene: { index: 2, count: 3, title: '', role: 'exploration', camera: '', productImages: images, brandName: 'B', cta: '' },
      animatic: { shots, wipeIn: true, wipeOut: true, lead: 0 },
    };
    const out = await renderScene(ffmpegPath, req, path.join(dir, 'scene.mp4'), dir);
    const changes = await frameChanges(out);
    expect(changes.length).toBe(shots.length * frames - 1);
    shots.forEach((s, i) => {
      // Inside the shot (not its first frame, which is a cut, nor the wipes at the scene's ends).
      const inside = changes.slice(i * frames + 1, (i + 1) * frames - 1).filter((_, k) => (i > 0 || k > 6) && (i < shots.length - 1 || k < frames - 9));
      const mean = inside.reduce((a, b) => a + b, 0) / inside.length;
      expect(mean, `${s.kind} moves`).toBeGreaterThan(0.2);
    });
  }, 120_000);

  it('a flat drawing of a wide product keeps moving through long square shots (slide, parallax, split, colour)', async () => {
    // The 60 s 1:1 shoe's static shots: flat orange blocks, a white sole, a dark bar for its lettering, on a plain
    // studio backdrop, in the brand's own orange; rendered at the bench's half scale, measured as it measures (240 px).
    const png = path.join(dir, 'shoe.png');
    await runFfmpeg({
      ffmpegPath,
      args: ['-f', 'lavfi', '-i', 'color=c=0xE8F0F8:s=180x120', '-vf', 'drawbox=x=60:y=38:w=40:h=14:color=0xFF5A36:t=fill,drawbox=x=32:y=50:w=84:h=28:color=0xFF5A36:t=fill,drawbox=x=116:y=60:w=40:h=18:color=0xFF5A36:t=fill,drawbox=x=66:y=42:w=30:h=2:color=0xFFFFFF:t=fill,drawbox=x=40:y=60:w=60:h=3:color=0xFFFFFF:t=fill,drawbox=x=24:y=76:w=136:h=12:color=0xFFFFFF:t=fill,drawbox=x=24:y=88:w=136:h=5:color=0x1F2933:t=fill,drawbox=x=74:y=102:w=32:h=6:color=0x1F2933:t=fill,format=rgba', '-frames:v', '1'],
      output: png,
    });
    // 3 s each: the longest shots a 60 s ad plans (a long shot used to stretch a short one's drift).
    const frames = 90;
    const kinds = ['slide', 'parallax', 'split', 'colour'] as const;
    const shots: Shot[] = kinds.map((kind, i) => ({ kind, start: i * frames, frames, image: 0, dir: i % 2 ? -1 : 1 }));
    const req: VideoRequest = {
      prompt: '',
      negativePrompt: '',
      startImage: png,
      durationSeconds: (shots.length * frames) / 30,
      aspect: '1:1',
      resolution: { width: 480, height: 480 },
      seed: 1,
      styleStrength: 0.8,
      style: { colors: ['#FF5A36', '#1F2933'], lighting: '', camera: '', motion: '', energyLevel: 5 },
      scene: { index: 2, count: 3, title: '', role: 'exploration', camera: '', productImages: [png], brandName: 'B', cta: '' },
      animatic: { shots, wipeIn: false, wipeOut: false, lead: 0 },
    };
    const changes = await frameChanges(await renderScene(ffmpegPath, req, path.join(dir, 'flat.mp4'), dir), 240, 240);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    kinds.forEach((kind, i) => {
      // As bench:animatic measures a shot (240 px, grey; its first 2 and last 3 frames left out): < 0.3/255 is a static shot.
      expect(mean(changes.slice(i * frames + 2, (i + 1) * frames - 3)), `${kind} moves`).toBeGreaterThanOrEqual(0.3);
      // …and it keeps moving once the product has arrived (its last two seconds).
      expect(mean(changes.slice(i * frames + 30, (i + 1) * frames - 3)), `${kind} keeps moving`).toBeGreaterThanOrEqual(0.3);
    });
  }, 60_000);

  it('a close-up keeps the title readable: white text on its plate over what is behind the title slot measures at least 4.5:1', async () => {
    // A bottle whose bright label (light stripes with dark lines) fills most of it: no window keeps the title off the label.
    const png = path.join(dir, 'label.png');
    await runFfmpeg({
      ffmpegPath,
      args: ['-f', 'lavfi', '-i', 'color=c=0x4A3121:s=80x180', '-vf', 'drawbox=x=0:y=20:w=80:h=140:color=0xE8C07D:t=fill,drawgrid=x=0:y=20:w=9:h=7:t=2:color=0x2A1A10,drawbox=x=0:y=160:w=80:h=20:color=0x4A3121:t=fill,format=rgba,pad=160:200:40:10:color=black@0', '-frames:v', '1'],
      output: png,
    });
    const shots: Shot[] = [{ kind: 'macro', start: 0, frames: 12, image: 0, dir: 1 }];
    const req: VideoRequest = {
      prompt: '',
      negativePrompt: '',
      startImage: png,
      durationSeconds: 12 / 30,
      aspect: '16:9',
      resolution: { width: 384, height: 216 },
      seed: 1,
      styleStrength: 0.8,
      style: { colors: ['#4A3121', '#E8C07D', '#F3E9DC'], lighting: '', camera: '', motion: '', energyLevel: 5 },
      scene: { index: 2, count: 3, title: '', role: 'exploration', camera: '', productImages: [png], brandName: 'B', cta: '' },
      animatic: { shots, wipeIn: false, wipeOut: false, lead: 0 },
    };
    const out = await renderScene(ffmpegPath, req, path.join(dir, 'macro.mp4'), dir);
    const raw = path.join(dir, 'macro.rgb');
    await runFfmpeg({ ffmpegPath, args: ['-i', out, '-vf', 'select=eq(n\\,6)', '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24'], output: raw });
    const px = new Uint8Array(await readFile(raw));
    const t = slotRect('16:9', 'title', 216 / 1080)!;
    const lums: number[] = [];
    for (let y = t.y; y < t.y + t.h; y++) for (let x = t.x; x < t.x + t.w; x++) lums.push(luminance(px[(y * 384 + x) * 3]!, px[(y * 384 + x) * 3 + 1]!, px[(y * 384 + x) * 3 + 2]!));
    lums.sort((a, b) => a - b);
    const bright = lums[Math.floor(lums.length * 0.95)]!;
    // The scene draws no band across the frame (the label alone gives white text 1.7:1)…
    expect(whiteContrast(bright)).toBeLessThan(4.5);
    // …the title's own plate (timeline text style, sized to the text) darkens the brightest 5 % behind it enough for 4.5:1.
    const plates = await closeUpPlates(ffmpegPath, { preset: '16:9', colors: req.style.colors, images: [png], shots, workDir: dir });
    expect(plates).toHaveLength(1);
    expect(whiteContrast(bright * (1 - plates[0]!.opacity) ** 2.2)).toBeGreaterThanOrEqual(4.5);
  }, 60_000);

  it('a green-and-yellow brand gets a green ad even when its product photo is red (brand colours first, issue 19 #8)', async () => {
    // The palette as the bible lists it: the brand's own colours first (green, yellow), then the
    // product photo's (a saturated red label, white). The red used to win: the most saturated colour.
    const png = path.join(dir, 'red-label.png');
    await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', 'color=c=0xFFFFFF:s=64x80', '-vf', 'drawbox=x=16:y=10:w=32:h=60:color=0xE21B1B:t=fill,format=rgba', '-frames:v', '1'], output: png });
    // The previous scene's last frame (blurred into the backdrop) is a neutral grey: what is left is the brand tint.
    const grey = path.join(dir, 'grey.png');
    await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', 'color=c=0x808080:s=64x36', '-frames:v', '1'], output: grey });
    const shots: Shot[] = [{ kind: 'field', start: 0, frames: 10, image: 0, dir: 1 }];
    const req: VideoRequest = {
      prompt: '',
      negativePrompt: '',
      startImage: grey,
      durationSeconds: 10 / 30,
      aspect: '16:9',
      resolution: { width: W, height: H },
      seed: 1,
      styleStrength: 0.8,
      style: { colors: ['#43A047', '#E8D44D', '#E21B1B', '#FFFFFF'], lighting: '', camera: '', motion: '', energyLevel: 5 },
      scene: { index: 3, count: 3, title: '', role: 'cta', camera: '', productImages: [png], brandName: 'B', cta: '' },
      animatic: { shots, wipeIn: false, wipeOut: false, lead: 0 },
    };
    const out = await renderScene(ffmpegPath, req, path.join(dir, 'brand-field.mp4'), dir);
    const raw = path.join(dir, 'brand-field.rgb');
    await runFfmpeg({ ffmpegPath, args: ['-i', out, '-vf', 'select=eq(n\\,5),scale=1:1:flags=area', '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24'], output: raw });
    const [r, g] = new Uint8Array(await readFile(raw));
    // The frame's mean colour leans green, not red.
    expect(g!, `mean rgb ${r},${g}`).toBeGreaterThan(r! + 10);
  }, 60_000);
});

describe('off-centre compositions (shots.ts place)', () => {
  it('stands the product to the left or right of the stage, inside the frame: a wide product smaller, a tall one as tall', async () => {
    const S = 216;
    // A saturated green product on a plain studio backdrop (keyed out; wide, then tall), over a grey start picture.
    await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', 'color=c=0xF3E9DC:s=140x60,format=rgba', '-vf', 'drawbox=x=10:y=10:w=120:h=40:color=0x00C040:t=fill,drawbox=x=20:y=26:w=100:h=6:color=0xFFFFFF:t=fill', '-frames:v', '1'], output: path.join(dir, 'wide.png') });
    await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', 'color=c=0xF3E9DC:s=50x110,format=rgba', '-vf', 'drawbox=x=10:y=10:w=30:h=90:color=0x00C040:t=fill,drawbox=x=16:y=40:w=18:h=8:color=0xFFFFFF:t=fill', '-frames:v', '1'], output: path.join(dir, 'tall.png') });
    await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', 'color=c=0x808080:s=64x64', '-frames:v', '1'], output: path.join(dir, 'grey.png') });
    const frames = 30;
    /** The green pixels' box in the middle frame of each shot (a slide: in, then gliding a little). */
    const boxes = async (product: string): Promise<Array<{ x0: number; x1: number; y0: number; y1: number }>> => {
      const places = [undefined, 'left', 'right'] as const;
      const shots: Shot[] = places.map((place, i) => ({ kind: 'slide', start: i * frames, frames, image: 0, dir: place === 'right' ? -1 : 1, ...(place ? { place } : {}) }));
      const req: VideoRequest = {
        prompt: '', negativePrompt: '', startImage: path.join(dir, 'grey.png'), durationSeconds: (shots.length * frames) / 30, aspect: '1:1', resolution: { width: S, height: S }, seed: 1, styleStrength: 0.8,
        style: { colors: ['#808080', '#606060', '#A0A0A0'], lighting: '', camera: '', motion: '', energyLevel: 5 },
        scene: { index: 2, count: 3, title: '', role: 'exploration', camera: '', productImages: [path.join(dir, product)], brandName: 'B', cta: '' },
        animatic: { shots, wipeIn: false, wipeOut: false, lead: 0 },
      };
      const out = await renderScene(ffmpegPath, req, path.join(dir, `${product}.mp4`), dir);
      const raw = path.join(dir, `${product}.rgb`);
      await runFfmpeg({ ffmpegPath, args: ['-i', out, '-vf', `select='eq(n\\,20)+eq(n\\,50)+eq(n\\,80)'`, '-vsync', '0', '-pix_fmt', 'rgb24', '-f', 'rawvideo'], output: raw });
      const px = new Uint8Array(await readFile(raw));
      return places.map((_, k) => {
        const b = { x0: S, x1: 0, y0: S, y1: 0 };
        for (let y = 0; y < S; y++) {
          for (let x = 0; x < S; x++) {
            const i = (k * S * S + y * S + x) * 3;
            if (px[i + 1]! > 140 && px[i]! < 90 && px[i + 2]! < 120) Object.assign(b, { x0: Math.min(b.x0, x), x1: Math.max(b.x1, x + 1), y0: Math.min(b.y0, y), y1: Math.max(b.y1, y + 1) });
          }
        }
        return b;
      });
    };
    const mid = (b: { x0: number; x1: number }) => (b.x0 + b.x1) / 2;
    for (const product of ['wide.png', 'tall.png']) {
      const [centre, left, right] = await boxes(product);
      expect(Math.abs(mid(centre!) - S / 2), `${product} centred`).toBeLessThan(S * 0.06);
      expect(mid(left!), `${product} left`).toBeLessThan(S / 2 - S * 0.08);
      expect(mid(right!), `${product} right`).toBeGreaterThan(S / 2 + S * 0.08);
      for (const b of [left!, right!]) {
        expect(b.x0, `${product} inside`).toBeGreaterThan(0);
        expect(b.x1, `${product} inside`).toBeLessThan(S);
      }
      const [w, h] = [(b: typeof centre) => b!.x1 - b!.x0, (b: typeof centre) => b!.y1 - b!.y0];
      if (product === 'wide.png') expect(w(left) / w(centre)).toBeLessThan(0.8);
      else expect(Math.abs(h(left) - h(centre))).toBeLessThanOrEqual(2);
    }
  }, 120_000);
});

describe('a screenshot\'s close-up in the rendered scene (issue 16)', () => {
  it('9:16: the SaaS dashboard\'s close-up shows its "3 overdue" card below the scene\'s text, the page\'s white above the picture\'s top — not the bare bars', async () => {
    const dashboard = path.resolve(__dirname, '../../../../resources/briefs/images/ledgerly-dashboard.png');
    const [w, h] = [216, 384];
    const shots: Shot[] = [{ kind: 'macro', start: 0, frames: 30, image: 0, dir: 1 }];
    const req: VideoRequest = {
      prompt: '',
      negativePrompt: '',
      startImage: dashboard,
      durationSeconds: 1,
      aspect: '9:16',
      resolution: { width: w, height: h },
      seed: 1,
      styleStrength: 0.8,
      style: { colors: ['#4338CA', '#22C55E'], lighting: '', camera: '', motion: '', energyLevel: 5 },
      scene: { index: 2, count: 5, title: '', role: 'exploration', camera: '', productImages: [dashboard], brandName: 'Ledgerly', cta: '' },
      animatic: { shots, wipeIn: false, wipeOut: false, lead: 0 },
    };
    const out = await renderScene(ffmpegPath, req, path.join(dir, 'ui-macro.mp4'), dir);
    const raw = path.join(dir, 'ui-macro.rgb');
    await runFfmpeg({ ffmpegPath, args: ['-i', out, '-vf', 'select=eq(n\\,15)', '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24'], output: raw });
    const px = new Uint8Array(await readFile(raw));
    const at = (x: number, y: number) => [px[(y * w + x) * 3]!, px[(y * w + x) * 3 + 1]!, px[(y * w + x) * 3 + 2]!] as const;
    // The card's amber (#FEF3C7) fills a good part of the frame's middle; the chart's blue bars (#6366F1) are not the picture.
    let amber = 0;
    let blue = 0;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const [r, g, b] = at(x, y);
        if (r > 230 && g > 220 && b > 170 && b < 225) amber++;
        if (b > 200 && r < 130 && g < 130) blue++;
      }
    }
    expect(amber / (w * h), 'the "3 overdue" card').toBeGreaterThan(0.1);
    expect(blue / (w * h), 'bars').toBeLessThan(0.02);
    // Under the title slot (the frame's top fifth, below the platforms' top zone): the page's white, not the backdrop.
    const title = slotRect('9:16', 'title', h / 1920)!;
    const [r, g, b] = at(Math.round(w / 2), Math.round(title.y + title.h / 2));
    expect(Math.min(r, g, b), 'white page above the picture').toBeGreaterThan(235);
  }, 120_000);
});
