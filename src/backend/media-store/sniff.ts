/**
 * Identifies a media file by its first bytes, never by its name: a text file renamed `.png` is
 * text. Covers what Zapcut imports and serves (images for brands; video/audio the pipeline writes).
 */
export type SniffedType =
  | { kind: 'image'; mime: 'image/png' | 'image/jpeg' | 'image/webp' }
  | { kind: 'video'; mime: 'video/mp4' | 'video/webm' | 'video/quicktime' }
  | { kind: 'audio'; mime: 'audio/mpeg' | 'audio/wav' | 'audio/ogg' | 'audio/mp4' | 'audio/flac' };

const starts = (b: Uint8Array, sig: number[], at = 0) => sig.every((v, i) => b[at + i] === v);
const ascii = (b: Uint8Array, s: string, at = 0) => starts(b, [...s].map((c) => c.charCodeAt(0)), at);

/** Pass at least the first 16 bytes. */
export function sniffMedia(head: Uint8Array): SniffedType | undefined {
  if (starts(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'image', mime: 'image/png' };
  if (starts(head, [0xff, 0xd8, 0xff])) return { kind: 'image', mime: 'image/jpeg' };
  if (ascii(head, 'RIFF') && ascii(head, 'WEBP', 8)) return { kind: 'image', mime: 'image/webp' };
  if (ascii(head, 'RIFF') && ascii(head, 'WAVE', 8)) return { kind: 'audio', mime: 'audio/wav' };
  if (ascii(head, 'ftyp', 4)) {
    if (ascii(head, 'qt  ', 8)) return { kind: 'video', mime: 'video/quicktime' };
    if (ascii(head, 'M4A ', 8)) return { kind: 'audio', mime: 'audio/mp4' };
    return { kind: 'video', mime: 'video/mp4' };
  }
  if (starts(head, [0x1a, 0x45, 0xdf, 0xa3])) return { kind: 'video', mime: 'video/webm' };
  if (ascii(head, 'OggS')) return { kind: 'audio', mime: 'audio/ogg' };
  if (ascii(head, 'fLaC')) return { kind: 'audio', mime: 'audio/flac' };
  if (ascii(head, 'ID3') || (head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0)) return { kind: 'audio', mime: 'audio/mpeg' };
  return undefined;
}
