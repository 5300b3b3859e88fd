import { describe, expect, it } from 'vitest';
import { sniffMedia } from './sniff';

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('sniffMedia', () => {
  it.each([
    [bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13]), 'image/png'],
    [bytes([0xff, 0xd8, 0xff, 0xe1, 0, 0]), 'image/jpeg'],
    [bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '), 'image/webp'],
    [bytes('RIFF', [1, 2, 3, 4], 'WAVEfmt '), 'audio/wav'],
    [bytes([0, 0, 0, 0x20], 'ftypisom', [0, 0, 2, 0]), 'video/mp4'],
    [bytes([0x1a, 0x45, 0xdf, 0xa3, 0, 0, 0, 0]), 'video/webm'],
    [bytes('ID3', [4, 0, 0, 0, 0]), 'audio/mpeg'],
  ])('recognises %#', (head, mime) => {
    expect(sniffMedia(head)?.mime).toBe(mime);
  });

  it('does not trust names: text, empty input and a truncated signature are unknown', () => {
    expect(sniffMedia(new TextEncoder().encode('just some text, renamed .png'))).toBeUndefined();
    expect(sniffMedia(new Uint8Array())).toBeUndefined();
    expect(sniffMedia(bytes([0x89], 'PN'))).toBeUndefined();
    expect(sniffMedia(bytes('RIFF', [1, 2, 3, 4], 'AVI '))).toBeUndefined();
  });
});
