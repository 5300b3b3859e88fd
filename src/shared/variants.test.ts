import { describe, expect, it } from 'vitest';
import { VariantSpec, variantId, variantKeys, variantName } from './variants';

describe('variant names, ids and keys', () => {
  it('names another voice, bed and a shorter cut predictably; the original has no suffix', () => {
    const base = { hook: 1, cta: 1, aspect: '9:16' as const };
    expect(variantName('luna', { ...base, length: null })).toBe('luna-hookB-cta2-9x16');
    expect(variantName('luna', { ...base, length: 15, voice: 'british', music: 1 })).toBe('luna-hookB-cta2-british-music2-15s-9x16');
    expect(variantId('0a1b2c3d-4e5f', { ...base, length: 15, voice: 'british', music: 1 })).toBe('zv-0a1b2c3d-B2-br-m2-15s-9x16');
    expect(variantId('0a1b2c3d-4e5f', { ...base, length: null, voice: null, music: 0 })).toBe('zv-0a1b2c3d-B2-9x16');
  });

  it('makes every combination once: the ad’s own voice first, beds, lengths longest first', () => {
    const spec = VariantSpec.parse({ hooks: 1, ctas: 1, aspects: ['16:9'], voices: ['british', 'american'], music: 2, lengths: [15, 30] });
    const keys = variantKeys(spec, { seconds: 30, voice: 'american' });
    expect(keys.map((k) => variantName('ad', k))).toEqual([
      'ad-hookA-cta1-16x9',
      'ad-hookA-cta1-15s-16x9',
      'ad-hookA-cta1-music2-16x9',
      'ad-hookA-cta1-music2-15s-16x9',
      'ad-hookA-cta1-british-16x9',
      'ad-hookA-cta1-british-15s-16x9',
      'ad-hookA-cta1-british-music2-16x9',
      'ad-hookA-cta1-british-music2-15s-16x9',
    ]);
    // Only the voices asked for: without the ad's own, no variant speaks in it.
    expect(variantKeys(VariantSpec.parse({ hooks: 1, ctas: 1, aspects: ['16:9'], voices: ['australian'] }), { seconds: 30, voice: 'american' }).map((k) => k.voice)).toEqual(['australian']);
  });

  it('refuses what the set cannot hold', () => {
    expect(VariantSpec.safeParse({ hooks: 1, ctas: 1, aspects: ['16:9'], voices: ['scottish'] }).success).toBe(false);
    expect(VariantSpec.safeParse({ hooks: 1, ctas: 1, aspects: ['16:9'], voices: ['british', 'british'] }).success).toBe(false);
    expect(VariantSpec.safeParse({ hooks: 1, ctas: 1, aspects: ['16:9'], music: 4 }).success).toBe(false);
    expect(VariantSpec.safeParse({ hooks: 1, ctas: 1, aspects: ['16:9'], lengths: [20] }).success).toBe(false);
  });
});
