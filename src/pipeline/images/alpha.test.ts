/**
 * A transparent product PNG whose hidden pixels are olive green (what the issue saw): scaled into
 * an export it leaves no fringe, and flattened for a blur or a JPEG start frame it shows the scene's
 * colour, not olive. Real FFmpeg; the straight-alpha chain is run too, to prove the measure bites.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyTimeline } from '../../shared/timeline';
import { exportTimeline } from '../compose/export';
import { folderResolver, readFrameRgb } from '../compose/testing';
import { resolveBinaries } from '../ffmpeg/binaries';
import { runFfmpeg } from '../ffmpeg/run';
import { alphaSafeScale, flattenAlpha } from './alpha';

const bins = resolveBinaries();
const { ffmpegPath } = bins;
let dir: string;
const PRODUCT = [250, 220, 225] as const;
const NAVY = [16, 32, 64] as const;

/** A 400×400 pink disc (anti-aliased edge) on fully transparent pixels that hold `hidden` (olive green by default). */
async function writeCutout(file: string, hidden: readonly number[] = [128, 128, 0]): Promise<void> {
  const inside = 'lt(hypot(X-200\\,Y-200)\\,150)';
  await runFfmpeg({
    ffmpegPath,
    args: ['-f', 'lavfi', '-i', `color=c=0x808000:s=400x400:d=1,format=rgba,geq=r='if(${inside}\\,${PRODUCT[0]}\\,${hidden[0]})':g='if(${inside}\\,${PRODUCT[1]}\\,${hidden[1]})':b='if(${inside}\\,${PRODUCT[2]}\\,${hidden[2]})':a='255*clip(150-hypot(X-200\\,Y-200)\\,0\\,1)'`, '-frames:v', '1'],
    output: file,
  });
}

/** Largest distance (0–255 units) of any pixel from the segment between the backdrop and the product colour. */
function offBlend(px: Array<readonly [number, number, number]>, a: readonly number[], b: readonly number[]): number {
  const d = [b[0]! - a[0]!, b[1]! - a[1]!, b[2]! - a[2]!];
  const dd = d[0]! ** 2 + d[1]! ** 2 + d[2]! ** 2;
  let worst = 0;
  for (const p of px) {
    const v = [p[0] - a[0]!, p[1] - a[1]!, p[2] - a[2]!];
    const t = Math.max(0, Math.min(1, (v[0]! * d[0]! + v[1]! * d[1]! + v[2]! * d[2]!) / dd));
    worst = Math.max(worst, Math.hypot(v[0]! - t * d[0]!, v[1]! - t * d[1]!, v[2]! - t * d[2]!));
  }
  return worst;
}

async function pixels(file: string, w: number, h: number): Promise<Array<readonly [number, number, number]>> {
  const f = await readFrameRgb(ffmpegPath, file, 0, dir);
  const out: Array<readonly [number, number, number]> = [];
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out.push(f.at(x, y));
  return out;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'zapcut-alpha-'));
  await writeCutout(path.join(dir, 'cutout.png'));
  // The ideal: the same disc whose hidden pixels already hold the product colour.
  await writeCutout(path.join(dir, 'ideal.png'), PRODUCT);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('scaling a transparent picture', () => {
  async function overlayWith(steps: string[], name: string): Promise<number> {
    const out = path.join(dir, `${name}.png`);
    await runFfmpeg({
      ffmpegPath,
      // Blended in RGB, so 4:2:0 chroma rounding does not blur the measure.
      args: ['-f', 'lavfi', '-i', `color=c=0x102040:s=160x160:d=0.04,format=rgb24`, '-i', path.join(dir, 'cutout.png'), '-filter_complex', `[1:v]${steps.join(',')},format=rgba[o];[0:v][o]overlay=30:30:format=rgb,format=rgb24`, '-frames:v', '1'],
      output: out,
    });
    return offBlend(await pixels(out, 160, 160), NAVY, PRODUCT);
  }

  it('in premultiplied alpha leaves no hidden colour on the edge (straight alpha does)', async () => {
    const straight = await overlayWith(['scale=97:97'], 'straight');
    const safe = await overlayWith(alphaSafeScale('scale=97:97', true), 'safe');
    // Measured: straight 31 (olive pulled into the rim), premultiplied 1.6.
    expect(straight).toBeGreaterThan(20);
    expect(safe).toBeLessThan(4);
  });

  it('the export scales an image overlay without a fringe', async () => {
    const exported = async (file: string) => {
      const tl = emptyTimeline({ fps: 30, preset: '1:1' });
      tl.output.background = '#102040';
      tl.media = { cut: { kind: 'image', file } };
      tl.overlays[0]!.items.push({ id: 'p', kind: 'image', media: 'cut', start: 0, duration: 2, opacity: 1, fadeInFrames: 0, fadeOutFrames: 0, placement: { anchor: 'center', x: 0, y: 0, w: 300 } });
      const out = path.join(dir, `export-${file}.mp4`);
      await exportTimeline(tl, { resolveMedia: folderResolver(dir), out, shortSide: 360, thumbnail: false });
      return pixels(out, 360, 360);
    };
    const olive = await exported('cutout.png');
    const ideal = await exported('ideal.png');
    // 4:2:0 and H.264 alone put edge pixels ~40 off the blend line (the ideal disc); the olive
    // disc must do no worse.
    expect(offBlend(olive, NAVY, PRODUCT)).toBeLessThanOrEqual(offBlend(ideal, NAVY, PRODUCT) + 3);
    // The disc is there (not an empty card): its centre is the product colour.
    const centre = olive[180 * 360 + 180]!;
    expect(Math.abs(centre[0] - PRODUCT[0])).toBeLessThan(12);
  });
});

describe('flattenAlpha', () => {
  it('lays a cut-out on the scene colour: a blur of it shows that colour, not the hidden olive', async () => {
    const flat = await flattenAlpha(bins, path.join(dir, 'cutout.png'), '#102040', dir);
    expect(flat).not.toBe(path.join(dir, 'cutout.png'));
    const blurred = path.join(dir, 'blurred.png');
    await runFfmpeg({ ffmpegPath, args: ['-i', flat, '-vf', 'scale=100:100,boxblur=4:3,format=rgb24', '-frames:v', '1'], output: blurred });
    const f = await readFrameRgb(ffmpegPath, blurred, 0, dir);
    const corner = f.at(2, 2);
    expect(Math.abs(corner[0] - NAVY[0]) + Math.abs(corner[1] - NAVY[1]) + Math.abs(corner[2] - NAVY[2])).toBeLessThan(12);
    // The same blur of the file itself drops alpha and shows olive: what the backdrop used to get.
    const raw = path.join(dir, 'raw-blurred.png');
    await runFfmpeg({ ffmpegPath, args: ['-i', path.join(dir, 'cutout.png'), '-vf', 'scale=100:100,boxblur=4:3,format=rgb24', '-frames:v', '1'], output: raw });
    const olive = (await readFrameRgb(ffmpegPath, raw, 0, dir)).at(2, 2);
    expect(olive[0]).toBeGreaterThan(100);
    expect(olive[2]).toBeLessThan(30);
  });

  it('returns an opaque picture unchanged', async () => {
    const opaque = path.join(dir, 'opaque.png');
    await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', 'color=c=white:s=32x32:d=1', '-frames:v', '1'], output: opaque });
    expect(await flattenAlpha(bins, opaque, '#102040', dir)).toBe(opaque);
  });
});
