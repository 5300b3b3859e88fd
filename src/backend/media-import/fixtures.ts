/**
 * Test fixtures generated at test time with the bundled FFmpeg (no binaries in git). Used by the
 * import and media-protocol tests.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { resolveBinaries } from '../../pipeline/ffmpeg';

const ffmpeg = () => resolveBinaries().ffmpegPath;

/** Renders one frame of a lavfi graph to `out` (format from the extension). */
export function makeImage(out: string, lavfi: string, extra: string[] = []): string {
  execFileSync(ffmpeg(), ['-v', 'error', '-y', '-f', 'lavfi', '-i', lavfi, '-frames:v', '1', ...extra, out]);
  return out;
}

/** A logo: a navy bar (500×80) on a fully transparent 600×200 PNG — one colour, shaped by its alpha. */
export function makeWordmarkLogo(out: string): string {
  return makeImage(out, "color=c=navy:s=600x200,format=rgba,geq=r='r(X,Y)':g='g(X,Y)':b='b(X,Y)':a='if(between(X,50,549)*between(Y,60,139),255,0)'");
}

/** A 256×128 image: left half red, right half blue (large enough to pass the product-size check). */
export function makeSplitImage(out: string): string {
  execFileSync(ffmpeg(), [
    '-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=red:s=128x128', '-f', 'lavfi', '-i', 'color=c=blue:s=128x128',
    '-filter_complex', 'hstack', '-frames:v', '1', '-q:v', '2', out,
  ]);
  return out;
}

/** A little-endian TIFF block holding one IFD0 entry: Orientation. */
function exifTiff(orientation: number): Buffer {
  const tiff = Buffer.alloc(26);
  tiff.write('II*\0', 0, 'latin1'); // little-endian TIFF header
  tiff.writeUInt32LE(8, 4); // IFD0 offset
  tiff.writeUInt16LE(1, 8); // one entry
  tiff.writeUInt16LE(0x0112, 10); // Orientation
  tiff.writeUInt16LE(3, 12); // SHORT
  tiff.writeUInt32LE(1, 14); // count
  tiff.writeUInt16LE(orientation, 18);
  tiff.writeUInt32LE(0, 22); // no next IFD
  return tiff;
}

/** Inserts a minimal EXIF APP1 segment with the given Orientation right after the JPEG SOI. */
export function addExifOrientation(jpeg: string, orientation: number): string {
  const data = readFileSync(jpeg);
  const app1 = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), exifTiff(orientation)]);
  const len = Buffer.alloc(2);
  len.writeUInt16BE(app1.length + 2);
  writeFileSync(jpeg, Buffer.concat([data.subarray(0, 2), Buffer.from([0xff, 0xe1]), len, app1, data.subarray(2)]));
  return jpeg;
}

/** Inserts a PNG `eXIf` chunk (PNG 1.5 extension) with the given Orientation right after IHDR. */
export function addPngExifOrientation(png: string, orientation: number): string {
  const data = readFileSync(png);
  const afterIhdr = 8 + 4 + 4 + 13 + 4; // signature, IHDR length/type/data/crc
  const body = Buffer.concat([Buffer.from('eXIf', 'latin1'), exifTiff(orientation)]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length - 4);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  writeFileSync(png, Buffer.concat([data.subarray(0, afterIhdr), len, body, crc, data.subarray(afterIhdr)]));
  return png;
}

/** The RGB of one pixel of an image file. */
export function pixelAt(file: string, x: number, y: number): [number, number, number] {
  const out = execFileSync(ffmpeg(), ['-v', 'error', '-i', file, '-vf', `format=rgb24,crop=1:1:${x}:${y}`, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-']);
  return [out[0]!, out[1]!, out[2]!];
}

export const isReddish = ([r, g, b]: [number, number, number]) => r > 180 && g < 80 && b < 80;
export const isBluish = ([r, g, b]: [number, number, number]) => b > 180 && r < 80 && g < 80;
