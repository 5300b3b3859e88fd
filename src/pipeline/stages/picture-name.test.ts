import { describe, expect, it } from 'vitest';
import { pictureName } from './assemble';

describe('pictureName (issue 19 #13: overlays are not named by a hash)', () => {
  it('keeps a file’s own name', () => {
    expect(pictureName('/briefs/Bouteille été 01.png', 'Product picture 1')).toBe('Bouteille été 01.png');
  });
  it('names a stored copy (named by its hash) by what it is', () => {
    expect(pictureName('/data/media/3f/3fa9c0d1e2b3a4f5968778695a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b.png', 'Product picture 2')).toBe('Product picture 2');
    expect(pictureName('/data/media/3fa9c0d1e2b3a4f5.jpg', 'Logo')).toBe('Logo');
  });
});
