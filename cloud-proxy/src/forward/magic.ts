/** Identifies an upload by its first bytes, not by the name or Content-Type the client claims. */
export function sniffMediaType(bytes: Uint8Array): string | null {
  const at = (i: number, sig: number[]) => sig.every((b, k) => bytes[i + k] === b);
  const ascii = (i: number, s: string) => at(i, [...s].map((ch) => ch.charCodeAt(0)));
  if (at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (at(0, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp';
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return 'image/gif';
  if (ascii(0, 'RIFF') && ascii(8, 'WAVE')) return 'audio/wav';
  if (ascii(0, 'ID3') || at(0, [0xff, 0xfb]) || at(0, [0xff, 0xf3])) return 'audio/mpeg';
  if (ascii(4, 'ftyp')) return 'video/mp4';
  return null;
}
