import { describe, expect, it } from 'vitest';
import { catalogModel } from './catalog';
import { generationFrame, minScenesFor, videoSettings } from './video';

const model = (slug: string) => catalogModel(slug)!;

describe('videoSettings', () => {
  it('generates at the lowest resolution that reaches the output', () => {
    expect(videoSettings(model('kwaivgi/kling-v2.1'), 30, 1080).resolution?.input).toEqual({ mode: 'pro' });
    expect(videoSettings(model('kwaivgi/kling-v2.1'), 30, 720).resolution?.input).toEqual({ mode: 'standard' });
    expect(videoSettings(model('kwaivgi/kling-v2.1'), 30, 90).resolution?.name).toBe('720p');
    expect(videoSettings(model('google/veo-3.1'), 30, 2160).resolution?.name).toBe('1080p');
  });

  it('Hailuo at 1080p makes 6 s clips only: a 60 s ad would need 12 scenes, so it is generated at 768p and says why', () => {
    const s = videoSettings(model('minimax/hailuo-02'), 60, 1080);
    expect(s.resolution?.name).toBe('768p');
    expect(s.maxClipSeconds).toBe(10);
    expect(s.notes.join(' ')).toMatch(/6 s clips at most at 1080p.*768p/);
    // 30 s fits at 1080p with 6 scenes: the resolution is kept.
    expect(videoSettings(model('minimax/hailuo-02'), 30, 1080)).toMatchObject({ resolution: { name: '1080p' }, minScenes: 6, notes: [] });
  });

  it('counts the scenes an ad needs so every clip, with its crossfade second, fits the model', () => {
    expect(minScenesFor(60, 8)).toBe(9);
    expect(minScenesFor(60, 10)).toBe(7);
    expect(minScenesFor(15, 12)).toBe(2);
    expect(minScenesFor(60, Infinity)).toBe(1);
  });
});

describe('generationFrame', () => {
  it('generates natively when the model has the aspect, else at its first aspect, cropped by the composition', () => {
    expect(generationFrame(model('kwaivgi/kling-v2.1'), '1:1')).toEqual({ aspect: '1:1', fit: 'cover' });
    expect(generationFrame(model('google/veo-3.1'), '1:1')).toEqual({ aspect: '16:9', fit: 'cover', value: '16:9', frame: { width: 1280, height: 720 } });
    expect(generationFrame(model('openai/sora-2'), '9:16')).toEqual({ aspect: '9:16', fit: 'cover', value: 'portrait', frame: { width: 720, height: 1280 } });
  });
});
