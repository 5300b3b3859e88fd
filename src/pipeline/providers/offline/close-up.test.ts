/**
 * The close-up (the animatic's `macro` shot) lands on the product's detailed, opaque part, never on
 * a flat stretch of it — measured on the window it picks, in a pure sample and in a real PNG.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBinaries } from '../../ffmpeg/binaries';
import { runFfmpeg } from '../../ffmpeg/run';
import type { Shot } from '../../animatic/shots';
import { clearBackdrop, closeUp, closeUpWindow, drawsAsCloseUp, linesOfText, MACRO_ROOM, MACRO_TRAVEL, MAX_TEXT_BUSY, MIN_DETAIL, MIN_TEXTURE, readableWindow, SAMPLE, scrimOpacity, UI_PAD, whiteContrast, withoutFlatCloseUps, type Sample } from './close-up';
import { productLook } from './product-look';
import { closeUpText } from './scene-render';

const N = SAMPLE;
function sample(paint: (x: number, y: number) => [number, number, number, number]): Uint8Array {
  const out = new Uint8Array(N * N * 4);
  for (let y = 0; y < N; y++) for (let x = 0; x < N; x++) out.set(paint(x, y), (y * N + x) * 4);
  return out;
}
const stripes = (x: number, y: number): [number, number, number, number] => ((Math.floor(x / 2) + Math.floor(y / 3)) % 2 ? [240, 200, 120, 255] : [60, 30, 20, 255]);

describe('the close-up window (pure)', () => {
  it('goes to the detailed half of a product whose other half is one flat colour', () => {
    const rgba = sample((x, y) => (y < N / 2 ? [64, 36, 24, 255] : stripes(x, y)));
    const c = closeUpWindow({ rgba, width: 340, height: 600 }, 16 / 9);
    expect(c.window.y).toBeGreaterThanOrEqual(0.5);
    expect(c.detail).toBeGreaterThanOrEqual(MIN_DETAIL);
    expect(c.opaque).toBeGreaterThanOrEqual(0.9);
    // The frame's shape, in source px.
    expect((c.window.w * 340) / (c.window.h * 600)).toBeCloseTo(16 / 9, 0);
  });

  it('stays on opaque pixels: a detailed pattern behind transparency is not the product', () => {
    // Left third transparent but striped underneath (its colour must not count), the rest a label on a flat body.
    const rgba = sample((x, y) => (x < N / 3 ? [...stripes(x, y).slice(0, 3), 0] as [number, number, number, number] : y > 30 && y < 38 && x > 20 && x < 44 ? stripes(x, y) : [90, 60, 40, 255]));
    const c = closeUpWindow({ rgba, width: 500, height: 500 }, 9 / 16);
    // At least 70 % of it on the product (the see-through third counts for nothing).
    expect((c.window.x + c.window.w - Math.max(c.window.x, 32 / N)) / c.window.w).toBeGreaterThanOrEqual(0.7);
    expect(c.opaque).toBeGreaterThanOrEqual(0.7);
    // It looks at the label.
    expect(c.window.y).toBeLessThanOrEqual(30 / N);
    expect(c.window.y + c.window.h).toBeGreaterThanOrEqual(38 / N);
  });

  it('on a studio backdrop, a white label as wide as the product is product, not backdrop', () => {
    // White backdrop; a pink bottle (columns 30–65, rows 10–85) with a white label band across it (rows 40–55) holding dark text.
    const rgba = clearBackdrop(
      sample((x, y) => {
        const inBottle = x >= 30 && x < 66 && y >= 10 && y < 86;
        if (!inBottle) return [250, 250, 250, 255];
        if (y >= 40 && y < 56) return (x + y) % 5 === 0 && y > 44 && y < 52 ? [120, 40, 70, 255] : [250, 250, 250, 255];
        return [233, 168, 182, 255];
      }),
      '#FAFAFA',
    );
    const alpha = (x: number, y: number) => rgba[(y * N + x) * 4 + 3];
    expect(alpha(5, 48)).toBe(0);
    expect(alpha(40, 42)).toBe(255);
    const c = closeUpWindow({ rgba, width: 360, height: 760 }, 16 / 9);
    // The close-up reads the label.
    expect(c.window.y).toBeLessThanOrEqual(45 / N);
    expect(c.window.y + c.window.h).toBeGreaterThanOrEqual(51 / N);
  });

  it('widens to the whole product when nothing in it has detail, and such a close-up is drawn as another template', () => {
    const c = closeUpWindow({ rgba: sample(() => [120, 80, 60, 255]), width: 400, height: 400 }, 1);
    expect(c.window.w).toBeGreaterThan(0.9);
    expect(c.detail).toBeLessThan(MIN_DETAIL);
    const shot = (kind: Shot['kind'], image: number): Shot => ({ kind, image, start: 0, frames: 30, dir: 1 });
    const shots = [shot('push', 0), shot('macro', 1), shot('slide', 0), shot('macro', 0)];
    // Image 1 is flat: its close-up becomes a template unlike its neighbours; image 0's stays.
    expect(withoutFlatCloseUps(shots, (i) => i === 1).map((s) => s.kind)).toEqual(['push', 'pop', 'slide', 'macro']);
  });
});

describe('the close-up under the scene text (pure)', () => {
  // A glass of coffee: ice and a straw at the top, a flat body, the brand's lettering low on it.
  const glass = sample((x, y) => {
    if (x < 12 || x > 84) return [0, 0, 0, 0];
    if (y < 22 && ((x > 20 && x < 40 && y > 6) || (x > 50 && x < 70 && y > 10))) return [205, 228, 236, 255];
    if (x >= 58 && x < 62 && y < 60) return [127, 181, 165, 255];
    if (y >= 66 && y < 76 && x > 28 && x < 68) return stripes(x, y);
    return [64, 37, 24, 255];
  });
  const lettersUnder = (win: { x: number; y: number; w: number; h: number }, slots: Array<{ x: number; y: number; w: number; h: number }>) => {
    // Independent of the code under test: the share of the text slots' cells that fall on the lettering.
    let [hit, all] = [0, 0];
    for (const b of slots) {
      for (let y = Math.floor((win.y + b.y * win.h) * N); y < Math.ceil((win.y + (b.y + b.h) * win.h) * N); y++) {
        for (let x = Math.floor((win.x + b.x * win.w) * N); x < Math.ceil((win.x + (b.x + b.w) * win.w) * N); x++) {
          all++;
          if (y >= 66 && y < 76 && x > 28 && x < 68) hit++;
        }
      }
    }
    return hit / all;
  };

  it.each([
    ['9:16', 'on the stage, under the text'],
    ['1:1', 'between the title and the caption'],
    ['16:9', 'between the title and the caption'],
  ] as const)('%s: the lettering rests %s, still in the close-up', (preset, _where) => {
    const aspect = preset === '16:9' ? 16 / 9 : preset === '9:16' ? 9 / 16 : 1;
    const text = closeUpText(preset, '#F5EDE3');
    const c = closeUpWindow({ rgba: glass, width: 440, height: 560 }, aspect, text);
    expect(c.detail).toBeGreaterThanOrEqual(MIN_DETAIL);
    expect(lettersUnder(c.window, text.slots), JSON.stringify(c.window)).toBeLessThanOrEqual(0.02);
    expect(c.underText.busy).toBeLessThanOrEqual(MAX_TEXT_BUSY);
    // …and the window holds the lettering.
    expect(c.window.y).toBeLessThanOrEqual(66 / N);
    expect(c.window.y + c.window.h).toBeGreaterThanOrEqual(76 / N);
  });

  it('measures the text\'s contrast: a bright or busy backdrop gets a scrim dark enough for white text (WCAG 4.5:1)', () => {
    // A bright label (luminance 0.56) behind white text: 1.7:1 without a scrim.
    expect(whiteContrast(0.56)).toBeLessThan(2);
    const a = scrimOpacity(0.56, 0);
    expect(a).toBeGreaterThan(0.3);
    expect(whiteContrast(0.56 * (1 - a) ** 2.2)).toBeGreaterThanOrEqual(4.5);
    // A dark, calm backdrop needs none; letters under letters need one however dark.
    expect(scrimOpacity(0.03, 0)).toBe(0);
    expect(scrimOpacity(0.03, 0.2)).toBeGreaterThanOrEqual(0.45);
  });
});

const { ffmpegPath } = resolveBinaries();
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'zapcut-closeup-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the close-up of a real picture', () => {
  it('lands on opaque, detailed pixels of a cut-out whose top half is flat (a glass of coffee with a straw)', async () => {
    // 320×400, transparent; the glass 200×360: its top half flat brown with a square and a straw (the old close-up's
    // brown square and teal bar), its bottom half a striped label.
    const png = path.join(dir, 'glass.png');
    await runFfmpeg({
      ffmpegPath,
      args: ['-f', 'lavfi', '-i', 'color=c=0x3F2518:s=200x180', '-f', 'lavfi', '-i', 'color=c=0x3F2518:s=200x180', '-filter_complex',
        '[0:v]format=rgba,drawbox=x=30:y=40:w=50:h=50:color=0x5C4030:t=fill,drawbox=x=120:y=0:w=10:h=180:color=0x7FB5A5:t=fill[top];' +
        '[1:v]format=rgba,drawgrid=w=12:h=10:t=4:color=0xE8C07D[bottom];[top][bottom]vstack,pad=320:400:60:20:color=black@0[out]',
        '-map', '[out]', '-frames:v', '1'],
      output: png,
    });
    const look = await productLook(ffmpegPath, png, dir);
    expect(look.cutout).toBe('alpha');
    const { window: win, detail } = await closeUp(ffmpegPath, png, look, 16 / 9, dir);
    expect(detail).toBeGreaterThanOrEqual(MIN_DETAIL);
    // Read back the window's pixels at full size: opaque, and with edges (not one flat colour).
    const raw = path.join(dir, 'win.rgba');
    const [x, y, w, h] = [Math.round(win.x * 320), Math.round(win.y * 400), Math.round(win.w * 320), Math.round(win.h * 400)];
    await runFfmpeg({ ffmpegPath, args: ['-i', png, '-vf', `format=rgba,crop=${w}:${h}:${x}:${y}`, '-f', 'rawvideo', '-pix_fmt', 'rgba'], output: raw });
    const px = new Uint8Array(await readFile(raw));
    let opaque = 0;
    const colours = new Set<number>();
    for (let i = 0; i < px.length; i += 4) {
      if (px[i + 3]! >= 128) opaque++;
      colours.add((px[i]! << 16) | (px[i + 1]! << 8) | px[i + 2]!);
    }
    expect(opaque / (px.length / 4)).toBeGreaterThanOrEqual(0.9);
    // Mostly in the striped half (the label), not on the flat top.
    expect((y + h - Math.max(y, 200)) / h).toBeGreaterThanOrEqual(0.8);
    expect(colours.size).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('never cuts the product\'s lettering at the frame\'s edge: a word below a flat shoe is whole in every frame of the 1:1 close-up, or out of all of them', async () => {
    // The 1:1 shoe (resources/briefs/images/make-images.sh) on its studio backdrop, its "STRIDE 9" drawn as eight
    // hollow letter boxes under the sole (x 365–535, y 520–560): the close-up used to end right through them.
    const png = path.join(dir, 'shoe.png');
    const letters = Array.from({ length: 8 }, (_, i) => `drawbox=x=${365 + i * 22}:y=520:w=16:h=40:color=0x1F2933:t=4`).join(',');
    await runFfmpeg({
      ffmpegPath,
      args: ['-f', 'lavfi', '-i', 'color=c=0xEAF2F8:s=900x600,format=rgba', '-vf',
        `drawbox=x=120:y=380:w=680:h=70:color=0xFFFFFF:t=fill,drawbox=x=120:y=440:w=680:h=26:color=0x1F2933:t=fill,drawbox=x=160:y=250:w=420:h=140:color=0xFF5A36:t=fill,drawbox=x=560:y=300:w=220:h=90:color=0xFF5A36:t=fill,drawbox=x=300:y=190:w=200:h=80:color=0xFF5A36:t=fill,drawbox=x=330:y=210:w=150:h=12:color=0xFFFFFF:t=fill,drawbox=x=200:y=300:w=300:h=14:color=0xFFFFFF:t=fill,${letters}`,
        '-frames:v', '1'],
      output: png,
    });
    const look = await productLook(ffmpegPath, png, dir);
    expect(look.cutout).toBe('key');
    for (const preset of ['1:1', '9:16', '16:9'] as const) {
      const aspect = preset === '1:1' ? 1 : preset === '9:16' ? 9 / 16 : 16 / 9;
      const { window: win } = await closeUp(ffmpegPath, png, look, aspect, dir, undefined, closeUpText(preset, '#FFE6E0'));
      // The frame travels around the window (shot-graph.ts): seen all shot long (inner), seen at some point (outer).
      const tx = win.w * (MACRO_ROOM - 1) * MACRO_TRAVEL.x;
      const ty = win.h * (MACRO_ROOM - 1) * MACRO_TRAVEL.y;
      const word = { x0: 365 / 900, x1: 535 / 900, y0: 520 / 600, y1: 560 / 600 };
      const whole = word.x0 >= win.x + tx && word.x1 <= win.x + win.w - tx && word.y0 >= win.y + ty && word.y1 <= win.y + win.h - ty;
      const out = word.x1 <= win.x - tx || word.x0 >= win.x + win.w + tx || word.y1 <= win.y - ty || word.y0 >= win.y + win.h + ty;
      expect(whole || out, `${preset}: ${JSON.stringify(win)}`).toBe(true);
    }
  }, 60_000);
  it('keeps a word wider than a third of the product whole: "AURORA" on the serum\'s label is whole in every frame of the close-up, or out of all of them', async () => {
    // The README's serum (600×800): the label's border one sample cell above the word used to join
    // "AURORA" to the bottle's outline, so the word counted as the product's shape and the 9:16 travel cut it.
    const png = path.join(process.cwd(), 'resources/briefs/images/aurora-serum.png');
    const look = await productLook(ffmpegPath, png, dir);
    // The word's dark-red pixels, measured on the picture: x 215–383, y 420–448; the line under it x 210–388, y 478–494.
    const words = [{ x0: 215 / 600, x1: 384 / 600, y0: 420 / 800, y1: 449 / 800 }, { x0: 210 / 600, x1: 389 / 600, y0: 478 / 800, y1: 495 / 800 }];
    let framed = 0;
    for (const preset of ['9:16', '1:1', '16:9'] as const) {
      const aspect = preset === '1:1' ? 1 : preset === '9:16' ? 9 / 16 : 16 / 9;
      const { window: win } = await closeUp(ffmpegPath, png, look, aspect, dir, undefined, closeUpText(preset, '#E9A8B6'));
      const tx = win.w * (MACRO_ROOM - 1) * MACRO_TRAVEL.x;
      const ty = win.h * (MACRO_ROOM - 1) * MACRO_TRAVEL.y;
      for (const word of words) {
        const whole = word.x0 >= win.x + tx && word.x1 <= win.x + win.w - tx && word.y0 >= win.y + ty && word.y1 <= win.y + win.h - ty;
        const out = word.x1 <= win.x - tx || word.x0 >= win.x + win.w + tx || word.y1 <= win.y - ty || word.y0 >= win.y + win.h + ty;
        expect(whole || out, `${preset}: ${JSON.stringify(win)} vs ${JSON.stringify(word)}`).toBe(true);
        if (whole) framed++;
      }
    }
    // Not by leaving the label out everywhere: the close-ups show the word.
    expect(framed).toBeGreaterThanOrEqual(1);
  }, 60_000);
  it('keeps the README bottle\'s "LUNA" and "COLD BREW" whole in every frame of its close-up, or out of all of them (the 9:16 ad showed "UNA / OLD BREW")', async () => {
    // The README brief's bottle (640×800, keyed off its cream backdrop). Its lettering's dark pixels,
    // measured on the picture: "LUNA" x 227–416, y 395–442; "COLD BREW" x 221–419, y 480–501;
    // "organic • 500 ml" x 226–412, y 530–548.
    const png = path.join(process.cwd(), 'resources/briefs/images/luna-bottle.png');
    const look = await productLook(ffmpegPath, png, dir);
    const words = [
      { x0: 227 / 640, x1: 417 / 640, y0: 395 / 800, y1: 443 / 800 },
      { x0: 221 / 640, x1: 420 / 640, y0: 480 / 800, y1: 502 / 800 },
      { x0: 226 / 640, x1: 413 / 640, y0: 530 / 800, y1: 549 / 800 },
    ];
    let framed = 0;
    for (const preset of ['9:16', '1:1', '16:9'] as const) {
      const aspect = preset === '1:1' ? 1 : preset === '9:16' ? 9 / 16 : 16 / 9;
      // The plate the scene render passes: the brand's accent mixed toward white.
      const { window: win } = await closeUp(ffmpegPath, png, look, aspect, dir, undefined, closeUpText(preset, '#F4E7D6'));
      const tx = win.w * (MACRO_ROOM - 1) * MACRO_TRAVEL.x;
      const ty = win.h * (MACRO_ROOM - 1) * MACRO_TRAVEL.y;
      for (const word of words) {
        const whole = word.x0 >= win.x + tx && word.x1 <= win.x + win.w - tx && word.y0 >= win.y + ty && word.y1 <= win.y + win.h - ty;
        const out = word.x1 <= win.x - tx || word.x0 >= win.x + win.w + tx || word.y1 <= win.y - ty || word.y0 >= win.y + win.h + ty;
        expect(whole || out, `${preset}: ${JSON.stringify(win)} vs ${JSON.stringify(word)}`).toBe(true);
        if (whole) framed++;
      }
    }
    // Not by leaving the label out everywhere: a close-up shows the bottle's name.
    expect(framed).toBeGreaterThanOrEqual(1);
  }, 60_000);
  it('puts no word of the README bottle\'s label under the scene\'s title or caption in any frame of its close-up (issue 16: the 9:16 caption sat on "LUNA"); a frame no window fits (16:9) is not drawn as a close-up', async () => {
    // The bottle's lettering, measured on the picture (640×800): "LUNA", "COLD BREW", "organic • 500 ml".
    const png = path.join(process.cwd(), 'resources/briefs/images/luna-bottle.png');
    const look = await productLook(ffmpegPath, png, dir);
    const words = [
      { x0: 227 / 640, x1: 417 / 640, y0: 395 / 800, y1: 443 / 800 },
      { x0: 221 / 640, x1: 420 / 640, y0: 480 / 800, y1: 502 / 800 },
      { x0: 226 / 640, x1: 413 / 640, y0: 530 / 800, y1: 549 / 800 },
    ];
    const drawn: string[] = [];
    for (const [preset, aspect] of [['9:16', 9 / 16], ['1:1', 1], ['16:9', 16 / 9]] as const) {
      const text = closeUpText(preset, '#F4E7D6');
      const plan = await closeUp(ffmpegPath, png, look, aspect, dir, undefined, text);
      if (!drawsAsCloseUp(plan)) continue;
      drawn.push(preset);
      const win = plan.window;
      // shot-graph.ts: the picture is cropped MACRO_ROOM wider than the window (inside it here) and the
      // frame, the window's size, travels (room − 1) × MACRO_TRAVEL of it each way, either direction.
      expect(win.w * MACRO_ROOM).toBeLessThan(1);
      expect(win.h * MACRO_ROOM).toBeLessThan(1);
      for (let k = 0; k <= 40; k++) {
        const t = k / 20 - 1; // 2·inOut(u) − 1, from −1 to 1
        for (const d of [1, -1]) {
          const frame = { x: win.x + d * t * win.w * (MACRO_ROOM - 1) * MACRO_TRAVEL.x, y: win.y + t * win.h * (MACRO_ROOM - 1) * MACRO_TRAVEL.y };
          for (const w of words) {
            const inFrame = { x0: (w.x0 - frame.x) / win.w, x1: (w.x1 - frame.x) / win.w, y0: (w.y0 - frame.y) / win.h, y1: (w.y1 - frame.y) / win.h };
            for (const b of text.slots) {
              const under = inFrame.x1 > b.x && inFrame.x0 < b.x + b.w && inFrame.y1 > b.y && inFrame.y0 < b.y + b.h;
              expect(under, `${preset} t=${t} d=${d}: word ${JSON.stringify(inFrame)} under slot ${JSON.stringify(b)}`).toBe(false);
            }
          }
        }
      }
    }
    // Not by dropping the close-up: 9:16 and 1:1 show the label below the title, above the caption
    // (16:9 has no room between them for a word of it at any window on the bottle).
    expect(drawn).toEqual(['9:16', '1:1']);
  }, 60_000);
  it('is drawn only where it reads: the README bottle\'s label (lettering whole) yes, the flat drawn shoe (colour blocks and stripes) no — that shot becomes another template', async () => {
    const plan = async (name: string, aspect: number, preset: '9:16' | '1:1' | '16:9') => {
      const png = path.join(process.cwd(), 'resources/briefs/images', name);
      return closeUp(ffmpegPath, png, await productLook(ffmpegPath, png, dir), aspect, dir, undefined, closeUpText(preset, '#F4E7D6'));
    };
    for (const [preset, aspect] of [['9:16', 9 / 16], ['1:1', 1], ['16:9', 16 / 9]] as const) {
      const bottle = await plan('luna-bottle.png', aspect, preset);
      expect(bottle.lettering, preset).toBe(true);
      // 16:9: every window that frames a word of it puts one under the title or caption (above).
      expect(drawsAsCloseUp(bottle), preset).toBe(preset !== '16:9');
      const shoe = await plan('stride-shoe.png', aspect, preset);
      // Its crop has edges all over (detail) but no word whole and no texture: abstract orange bands.
      expect(shoe.lettering, preset).toBe(false);
      expect(shoe.texture, preset).toBeLessThan(MIN_TEXTURE);
      expect(drawsAsCloseUp(shoe), preset).toBe(false);
    }
    // A photo's grain reads without lettering (the harbour picture of the scene-ideas example).
    const photo = await plan('harbour-sunrise.png', 16 / 9, '16:9');
    expect(photo.texture).toBeGreaterThanOrEqual(MIN_TEXTURE);
    const shots: Shot[] = [{ kind: 'slide', start: 0, frames: 60, image: 0, dir: 1 }, { kind: 'macro', start: 60, frames: 60, image: 0, dir: -1 }, { kind: 'push', start: 120, frames: 60, image: 0, dir: 1 }];
    expect(withoutFlatCloseUps(shots, () => !drawsAsCloseUp({ detail: 0.9, reads: false })).map((x) => x.kind)).toEqual(['slide', 'pop', 'push']);
  }, 60_000);
});

describe('a screenshot\'s close-up is its most readable region (issue 16: the SaaS dashboard shown whole is tiny)', () => {
  const { ffmpegPath } = resolveBinaries();
  const sampleOf = async (file: string, width: number, height: number): Promise<Sample> => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'zapcut-ui-close-')), 's.rgba');
    await runFfmpeg({ ffmpegPath, args: ['-i', file, '-frames:v', '1', '-vf', `format=rgba,scale=${SAMPLE}:${SAMPLE}:flags=area,format=rgba`, '-f', 'rawvideo'], output: out });
    return { rgba: new Uint8Array(await readFile(out)), width, height };
  };
  const dashboard = () => sampleOf(path.resolve(__dirname, '../../../../resources/briefs/images/ledgerly-dashboard.png'), 1280, 800);
  const cells = (w: { x: number; y: number; w: number; h: number }) => ({ x0: Math.round(w.x * SAMPLE), y0: Math.round(w.y * SAMPLE), x1: Math.round((w.x + w.w) * SAMPLE), y1: Math.round((w.y + w.h) * SAMPLE) });

  it.each([['9:16', 9 / 16], ['1:1', 1], ['16:9', 16 / 9]] as const)('%s without scene text: a line of the dashboard\'s text whole all shot long, none cut, magnified', async (_name, aspect) => {
    const s = await dashboard();
    const letters = linesOfText(s);
    expect(letters.length).toBeGreaterThanOrEqual(3);
    const found = readableWindow(s, aspect)!;
    expect(found.lines).toBeGreaterThanOrEqual(1);
    // At most half the picture's area: its text at least ~1.4× as large as in the whole picture.
    expect(found.window.w * found.window.h).toBeLessThanOrEqual(0.5 + 1e-9);
    const r = cells(found.window);
    const cut = letters.filter((g) => g.x1 > r.x0 && g.x0 < r.x1 && g.y1 > r.y0 && g.y0 < r.y1 && !(g.x0 >= r.x0 && g.x1 <= r.x1 && g.y0 >= r.y0 && g.y1 <= r.y1));
    expect(cut).toEqual([]);
    // The product close-up rule shows the bar chart in 9:16 — no text in it.
    if (aspect < 1) expect(closeUpWindow(s, aspect).lettering).toBe(false);
  });

  it('with the scene\'s title and caption over it: 1:1 shows "3 overdue" whole below them', async () => {
    const s = await dashboard();
    const square = readableWindow(s, 1, closeUpText('1:1', '#FFFFFF'))!;
    expect(square.lines).toBe(1);
    expect(square.window.x).toBeGreaterThan(0.6); // the "3 overdue" card, right of "On time"
    expect(closeUpWindow(s, 1, closeUpText('1:1', '#FFFFFF')).lettering).toBe(false);
  });

  it('9:16 and 16:9 (the dashboard\'s text is all in its top third, under the title): the window runs past the picture\'s top or side onto its page colour and holds "3 overdue" whole below the text — not the bars (the old close-up: bars, no text)', async () => {
    const s = await dashboard();
    const letters = linesOfText(s);
    for (const [preset, aspect] of [['9:16', 9 / 16], ['16:9', 16 / 9]] as const) {
      const found = readableWindow(s, aspect, closeUpText(preset, '#FFFFFF'))!;
      expect(found, preset).not.toBeNull();
      expect(found.lines).toBeGreaterThanOrEqual(1);
      expect(found.window.x).toBeGreaterThan(0.6); // the "3 overdue" card
      // Past the picture's edge, by at most UI_PAD of the window; the page there is the dashboard's white.
      expect(found.window.y < 0 || found.window.x + found.window.w > 1, preset).toBe(true);
      expect(-found.window.y).toBeLessThanOrEqual(UI_PAD * found.window.h + 1e-9);
      expect(found.pad).toBe('#FFFFFF');
      const r = cells(found.window);
      expect(letters.filter((g) => g.x1 > r.x0 && g.x0 < r.x1 && g.y1 > r.y0 && g.y0 < r.y1 && !(g.x0 >= r.x0 && g.x1 <= r.x1 && g.y0 >= r.y0 && g.y1 <= r.y1))).toEqual([]);
    }
  });

  it('the rendered close-up plan of a screenshot always holds text: 9:16 and 16:9 read "3 overdue" (was the product rule\'s bare bars, lettering false)', async () => {
    const file = path.resolve(__dirname, '../../../../resources/briefs/images/ledgerly-dashboard.png');
    const work = await mkdtemp(path.join(tmpdir(), 'zapcut-ui-plan-'));
    const look = await productLook(ffmpegPath, file, work);
    for (const [preset, aspect] of [['9:16', 9 / 16], ['16:9', 16 / 9], ['1:1', 1]] as const) {
      const plan = await closeUp(ffmpegPath, file, look, aspect, work, undefined, closeUpText(preset, '#FFFFFF'), true);
      expect(plan.lettering, preset).toBe(true);
      expect(drawsAsCloseUp(plan), preset).toBe(true);
      expect(plan.pad).toBe('#FFFFFF');
    }
    await rm(work, { recursive: true, force: true });
  }, 60_000);
});

describe('a generated screenshot\'s close-up: whole lines, labels with their bars, the page colour past its edge (issue 16)', () => {
  const { ffmpegPath } = resolveBinaries();
  const FONT = path.resolve(__dirname, '../../../../node_modules/@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf');
  const PAGE = 0xf1f5f9;
  // 1280×800: two lines of text at the very top of the page, then a bar chart; `labels`: a month under each bar.
  const BARS = [0, 1, 2, 3].map((k) => ({ x: 170 + k * 270, y: 700 - (150 + k * 90), w: 120, h: 150 + k * 90 }));
  const screenshot = async (labels: boolean): Promise<{ file: string; sample: Sample }> => {
    const work = await mkdtemp(path.join(tmpdir(), 'zapcut-ui-fixture-'));
    const file = path.join(work, labels ? 'chart-labels.png' : 'chart-bare.png');
    const draw = [
      `drawtext=fontfile=${FONT}:text=Monthly revenue:fontsize=44:fontcolor=0x0F172A:x=60:y=14`,
      `drawtext=fontfile=${FONT}:text=Paid invoices by month:fontsize=30:fontcolor=0x475569:x=60:y=76`,
      ...BARS.map((b) => `drawbox=x=${b.x}:y=${b.y}:w=${b.w}:h=${b.h}:color=0x4F46E5:t=fill`),
      ...(labels ? ['Jan', 'Feb', 'Mar', 'Apr'].map((m, k) => `drawtext=fontfile=${FONT}:text=${m}:fontsize=36:fontcolor=0x0F172A:x=${BARS[k]!.x + 22}:y=730`) : []),
    ];
    await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', `color=c=0x${PAGE.toString(16)}:s=1280x800,format=rgba`, '-vf', draw.join(','), '-frames:v', '1'], output: file });
    const raw = path.join(work, 's.rgba');
    await runFfmpeg({ ffmpegPath, args: ['-i', file, '-frames:v', '1', '-vf', `format=rgba,scale=${SAMPLE}:${SAMPLE}:flags=area,format=rgba`, '-f', 'rawvideo'], output: raw });
    return { file, sample: { rgba: new Uint8Array(await readFile(raw)), width: 1280, height: 800 } };
  };
  const cellsOf = (w: { x: number; y: number; w: number; h: number }) => ({ x0: w.x * SAMPLE, y0: w.y * SAMPLE, x1: (w.x + w.w) * SAMPLE, y1: (w.y + w.h) * SAMPLE });
  const px = (b: { x: number; y: number; w: number; h: number }) => ({ x0: (b.x / 1280) * SAMPLE, y0: (b.y / 800) * SAMPLE, x1: ((b.x + b.w) / 1280) * SAMPLE, y1: ((b.y + b.h) / 800) * SAMPLE });
  const inside = (a: { x0: number; y0: number; x1: number; y1: number }, r: { x0: number; y0: number; x1: number; y1: number }) => a.x0 >= r.x0 - 0.5 && a.x1 <= r.x1 + 0.5 && a.y0 >= r.y0 - 0.5 && a.y1 <= r.y1 + 0.5;
  const touches = (a: { x0: number; y0: number; x1: number; y1: number }, r: { x0: number; y0: number; x1: number; y1: number }) => a.x1 > r.x0 && a.x0 < r.x1 && a.y1 > r.y0 && a.y0 < r.y1;

  it.each([['9:16', 9 / 16], ['1:1', 1], ['16:9', 16 / 9]] as const)('%s: every line of text in the frame is whole, a month\'s label comes with its bar, and past the picture\'s edge is the page\'s own colour', async (preset, aspect) => {
    for (const labels of [true, false]) {
      const { sample } = await screenshot(labels);
      const letters = linesOfText(sample);
      expect(letters.length, 'the fixture\'s lines read as text').toBeGreaterThanOrEqual(labels ? 4 : 1);
      const found = readableWindow(sample, aspect, closeUpText(preset, '#FFFFFF'))!;
      expect(found, `${preset} labels=${labels}`).not.toBeNull();
      const r = cellsOf(found.window);
      // Lines whole: none crosses the frame's edge at any moment of its travel (a line it reaches is whole in the window).
      const [tx, ty] = [(r.x1 - r.x0) * (MACRO_ROOM - 1) * MACRO_TRAVEL.x * found.travel, (r.y1 - r.y0) * (MACRO_ROOM - 1) * MACRO_TRAVEL.y * found.travel];
      const reach = { x0: r.x0 - tx, y0: r.y0 - ty, x1: r.x1 + tx, y1: r.y1 + ty };
      for (const g of letters) if (touches(g, reach)) expect(inside(g, { x0: r.x0 + tx, y0: r.y0 + ty, x1: r.x1 - tx, y1: r.y1 - ty }), `${preset} line ${JSON.stringify(g)} in ${JSON.stringify(r)}`).toBe(true);
      // A month's label in the frame brings its bar whole (the close-up never shows labels under cut-off bars, or bars alone).
      if (labels) {
        BARS.forEach((b, k) => {
          const label = px({ x: b.x + 22, y: 730, w: 70, h: 40 });
          if (inside(label, r)) expect(inside(px(b), r), `${preset} bar ${k} with its label`).toBe(true);
        });
      } else {
        // Bare bars: the close-up is the title lines (padded above the page's top where the scene's text needs it), never only bars.
        expect(letters.some((g) => inside(g, r))).toBe(true);
      }
      // Past the picture's edge the page's own colour (within a level of the fixture's).
      const v = Number.parseInt(found.pad.slice(1), 16);
      for (const k of [16, 8, 0]) expect(Math.abs(((v >> k) & 255) - ((PAGE >> k) & 255)), found.pad).toBeLessThanOrEqual(3);
    }
  }, 60_000);

  it('9:16: the title lines at the page\'s very top sit below the scene\'s title and caption, the page colour above them (the old close-up had none: the bare chart)', async () => {
    const { sample } = await screenshot(false);
    const found = readableWindow(sample, 9 / 16, closeUpText('9:16', '#FFFFFF'))!;
    expect(found.window.y).toBeLessThan(0);
    // The old product rule on the same picture: no text in it.
    expect(closeUpWindow(sample, 9 / 16, closeUpText('9:16', '#FFFFFF')).lettering).toBe(false);
  }, 60_000);
});
