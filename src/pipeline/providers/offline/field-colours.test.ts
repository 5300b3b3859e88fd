import { describe, expect, it } from 'vitest';
import { colorDistance } from '../../stages/colors';
import { FIELD_MIN_DISTANCE, sceneFields } from './field-colours';
import { colourOfThumbnail, lookOfThumbnail } from './product-look';

describe('the animatic\'s field colours', () => {
  it('an orange shoe on an orange brand stands on colours apart from it, and they change scene by scene', () => {
    const shoe = '#FF5A36';
    const scenes = [1, 2, 3, 4, 5, 6].map((i) => sceneFields(shoe, ['#FF5A36', '#1F2933'], i));
    for (const s of scenes) {
      expect(colorDistance(s.tint, shoe)).toBeGreaterThanOrEqual(FIELD_MIN_DISTANCE);
      expect(colorDistance(s.field, shoe)).toBeGreaterThanOrEqual(FIELD_MIN_DISTANCE);
      expect(s.field).not.toBe(s.tint);
    }
    for (let i = 1; i < scenes.length; i++) expect(scenes[i]!.tint).not.toBe(scenes[i - 1]!.tint);
    // The brand's own slate is among them.
    expect(scenes.map((s) => s.tint)).toContain('#1F2933');
  });

  it('keeps the brand accent as the tint when it stands apart from the product (a dark bottle on a tan brand); the split field alternates', () => {
    const bottle = '#3B2A20';
    const scenes = [1, 2, 3].map((i) => sceneFields(bottle, ['#C98B3C', '#F5EDE3'], i));
    expect(scenes.map((s) => s.tint)).toEqual(['#C98B3C', '#C98B3C', '#C98B3C']);
    expect(scenes[0]!.field).toBe('#C98B3C');
    expect(scenes[1]!.field).not.toBe('#C98B3C');
    expect(colorDistance(scenes[1]!.field, bottle)).toBeGreaterThanOrEqual(FIELD_MIN_DISTANCE);
    expect(sceneFields(null, ['#C98B3C'], 2)).toEqual({ tint: '#C98B3C', field: '#C98B3C' });
  });

  it('measures the product\'s colour from its cut-out, not its studio backdrop', () => {
    // 32×32: a light backdrop with an orange block in the middle.
    const rgba = new Uint8Array(32 * 32 * 4);
    for (let y = 0; y < 32; y++) for (let x = 0; x < 32; x++) rgba.set(x >= 6 && x < 26 && y >= 10 && y < 22 ? [255, 90, 54, 255] : [234, 242, 248, 255], (y * 32 + x) * 4);
    const look = lookOfThumbnail(rgba);
    expect(look.cutout).toBe('key');
    expect(colorDistance(colourOfThumbnail(rgba, look)!, '#FF5A36')).toBeLessThan(10);
  });
});
