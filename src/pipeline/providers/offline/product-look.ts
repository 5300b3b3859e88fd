/**
 * How a product image can be cut out for the animatic's layered shots (issue 20): by its own
 * alpha when it has a transparent background, by keying out a plain studio backdrop (a uniform
 * border colour — the usual e-commerce shot), or not at all (a photo with a busy background is
 * shown as a card). Decided from a 16×16 thumbnail, once per image per process.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { runFfmpeg } from '../../ffmpeg/run';
import { rgbToHex } from '../../stages/colors';

/** Where the product is inside its picture (fractions of width/height), for cut-outs. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
export type ProductLook = { cutout: 'alpha'; box: Box } | { cutout: 'key'; key: string; box: Box } | { cutout: 'none' };

const SIZE = 32;
const FULL: Box = { x: 0, y: 0, w: 1, h: 1 };

/** The bounding box (fractions, one cell of margin) of the cells `inside` says are product. */
function boundingBox(inside: (x: number, y: number) => boolean): Box {
  let [x0, y0, x1, y1] = [SIZE, SIZE, -1, -1];
  for (let y = 0; y < SIZE; y++) for (let x = 0; x < SIZE; x++) {
    if (!inside(x, y)) continue;
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  if (x1 < 0) return FULL;
  x0 = Math.max(0, x0 - 1);
  y0 = Math.max(0, y0 - 1);
  x1 = Math.min(SIZE - 1, x1 + 1);
  y1 = Math.min(SIZE - 1, y1 + 1);
  return { x: x0 / SIZE, y: y0 / SIZE, w: (x1 - x0 + 1) / SIZE, h: (y1 - y0 + 1) / SIZE };
}

/** Pure: the look of a 32×32 RGBA thumbnail (row-major bytes). */
export function lookOfThumbnail(rgba: Uint8Array): ProductLook {
  const px = (x: number, y: number) => {
    const i = (y * SIZE + x) * 4;
    return [rgba[i]!, rgba[i + 1]!, rgba[i + 2]!, rgba[i + 3]!] as const;
  };
  let transparent = 0;
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i]! < 200) transparent++;
  // A real cut-out: a good part of the picture (its background) is see-through.
  if (transparent >= SIZE * SIZE * 0.08) return { cutout: 'alpha', box: boundingBox((x, y) => px(x, y)[3] >= 128) };
  const border: Array<readonly [number, number, number, number]> = [];
  for (let k = 0; k < SIZE; k++) border.push(px(k, 0), px(k, SIZE - 1), px(0, k), px(SIZE - 1, k));
  const mean = [0, 1, 2].map((c) => border.reduce((s, p) => s + p[c]!, 0) / border.length) as [number, number, number];
  const spread = Math.max(...border.map((p) => Math.max(Math.abs(p[0] - mean[0]), Math.abs(p[1] - mean[1]), Math.abs(p[2] - mean[2]))));
  // The middle must differ from the border, or there is nothing to cut out.
  const far = (x: number, y: number) => {
    const p = px(x, y);
    return Math.abs(p[0] - mean[0]) + Math.abs(p[1] - mean[1]) + Math.abs(p[2] - mean[2]) > 45;
  };
  let differs = 0;
  for (let y = 8; y < 24; y++) for (let x = 8; x < 24; x++) if (far(x, y)) differs++;
  if (spread <= 10 && differs >= 40) return { cutout: 'key', key: rgbToHex(mean), box: boundingBox(far) };
  return { cutout: 'none' };
}

/** Pure: the product's own mean colour in a 32×32 thumbnail, as its look cuts it out (null for a photo shown as a card). */
export function colourOfThumbnail(rgba: Uint8Array, look: ProductLook): string | null {
  if (look.cutout === 'none') return null;
  const key = look.cutout === 'key' ? [1, 3, 5].map((k) => Number.parseInt(look.key.slice(k, k + 2), 16)) : null;
  const sum = [0, 0, 0];
  let n = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    const product = key ? Math.abs(rgba[i]! - key[0]!) + Math.abs(rgba[i + 1]! - key[1]!) + Math.abs(rgba[i + 2]! - key[2]!) > 45 : rgba[i + 3]! >= 128;
    if (!product) continue;
    for (let c = 0; c < 3; c++) sum[c] = sum[c]! + rgba[i + c]!;
    n++;
  }
  return n ? rgbToHex(sum.map((v) => v / n) as [number, number, number]) : null;
}

const f4 = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(4).replace(/0+$/, '').replace(/\.$/, ''));

/**
 * The filters that cut the product out of its picture (on RGBA input): the backdrop keyed out when
 * it is a plain studio colour, then a crop to the product. Empty for a photo shown as a card.
 * The scene graph (shot-graph.ts) and the end card's cut-out (cutoutImage) use the same chain.
 */
export function cutoutChain(look: ProductLook): string {
  if (look.cutout === 'none') return '';
  const { box } = look;
  const crop = `crop=iw*${f4(box.w)}:ih*${f4(box.h)}:iw*${f4(box.x)}:ih*${f4(box.y)}`;
  return look.cutout === 'key' ? `colorkey=color=0x${look.key.replace('#', '')}:similarity=0.07:blend=0.08,${crop}` : crop;
}

/**
 * The product alone as a PNG with transparency (the end card shows the product, not its studio
 * backdrop as a card), or null when the picture cannot be cut out (a busy photo).
 */
export async function cutoutImage(ffmpegPath: string, image: string, out: string, workDir: string, signal?: AbortSignal): Promise<string | null> {
  const look = await productLook(ffmpegPath, image, workDir, signal);
  if (look.cutout === 'none') return null;
  await runFfmpeg({ ffmpegPath, args: ['-i', image, '-frames:v', '1', '-vf', `format=rgba,${cutoutChain(look)}`, '-c:v', 'png', '-pix_fmt', 'rgba'], output: out, signal });
  return out;
}

const cache = new Map<string, Promise<{ look: ProductLook; colour: string | null }>>();

function thumbnailLook(ffmpegPath: string, image: string, workDir: string, signal?: AbortSignal): Promise<{ look: ProductLook; colour: string | null }> {
  return (async () => {
    const s = await stat(image);
    const key = `${image}:${s.size}:${s.mtimeMs}`;
    let p = cache.get(key);
    if (!p) {
      p = (async () => {
        const out = path.join(workDir, `look-${cache.size}.rgba`);
        await runFfmpeg({ ffmpegPath, args: ['-i', image, '-frames:v', '1', '-vf', `scale=${SIZE}:${SIZE}:flags=area,format=rgba`, '-f', 'rawvideo'], output: out, signal });
        const rgba = new Uint8Array(await readFile(out));
        const look = lookOfThumbnail(rgba);
        return { look, colour: colourOfThumbnail(rgba, look) };
      })();
      cache.set(key, p);
      p.catch(() => cache.delete(key));
    }
    return p;
  })();
}

export async function productLook(ffmpegPath: string, image: string, workDir: string, signal?: AbortSignal): Promise<ProductLook> {
  return (await thumbnailLook(ffmpegPath, image, workDir, signal)).look;
}

/** The product's own mean colour (cut out of its picture), or null for a photo shown as a card. */
export async function productColour(ffmpegPath: string, image: string, workDir: string, signal?: AbortSignal): Promise<string | null> {
  return (await thumbnailLook(ffmpegPath, image, workDir, signal)).colour;
}
