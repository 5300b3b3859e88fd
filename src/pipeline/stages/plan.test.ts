import { describe, expect, it } from 'vitest';
import { snapDuration } from '../providers/catalog';
import { findModel } from '../providers/catalog';
import { fitDurations, planScenes, splitDurations } from './plan';
import { videoSettings } from '../../shared/models/video';

describe('planScenes', () => {
  it.each([
    [15, undefined, 3],
    [30, undefined, 5],
    [60, undefined, 7],
    [15, 8, 5],
    [60, 2, 2],
  ])('%i s (hint %s) → %i scenes whose durations sum exactly', (len, hint, count) => {
    const p = planScenes(len, hint);
    expect(p.count).toBe(count);
    expect(p.roles).toHaveLength(count);
    expect(p.roles[0]).toBe('setup');
    expect(p.roles.at(-1)).toBe('cta');
    expect(p.durations.reduce((a, b) => a + b, 0)).toBe(len);
  });
  it('one scene per creator idea; more only when the hint or the model needs them', () => {
    expect(planScenes(30, undefined, Infinity, 3).count).toBe(3);
    expect(planScenes(15, undefined, Infinity, 5).count).toBe(5);
    expect(planScenes(30, 6, Infinity, 3).count).toBe(6);
    expect(planScenes(60, undefined, 8, 3).count).toBe(9); // 8 s clips: 7 s scenes, 60 s needs 9
  });
  it.each([
    ['google/veo-3.1', 60, 9],
    ['google/veo-3.1', 30, 5],
    ['kwaivgi/kling-v2.1', 60, 7],
    ['openai/sora-2', 60, 7],
  ])('%s: a %i s ad gets %i scenes, each fitting one clip with its crossfade second', (slug, len, count) => {
    const m = findModel(slug);
    const settings = videoSettings(m, len, 1080);
    const p = planScenes(len, undefined, settings.maxClipSeconds);
    expect(p.count).toBe(count);
    expect(p.durations.reduce((a, b) => a + b, 0)).toBe(len);
    for (const d of p.durations) expect(snapDuration(m, d + 1, settings.resolution!.name).shortBySeconds).toBe(0);
  });
  it('splits evenly, extra seconds first', () => {
    expect(splitDurations(60, 7)).toEqual([9, 9, 9, 9, 8, 8, 8]);
  });
});

describe('fitDurations', () => {
  it('forces an exact sum while staying close to the proposal', () => {
    expect(fitDurations([5, 6, 5, 6, 5], 30)).toEqual([6, 7, 5, 7, 5]);
    const f = fitDurations([10, 10, 10], 15);
    expect(f.reduce((a, b) => a + b, 0)).toBe(15);
    expect(fitDurations([1, 1, 28], 30).every((d) => d >= 2)).toBe(true);
    expect(fitDurations([1, 1, 28], 30).reduce((a, b) => a + b, 0)).toBe(30);
  });
  it('keeps every scene within the model\'s longest clip', () => {
    const f = fitDurations([12, 12, 3, 3, 30, 6, 6, 6, 6], 60, 2, 7);
    expect(f.reduce((a, b) => a + b, 0)).toBe(60);
    expect(Math.max(...f)).toBeLessThanOrEqual(7);
  });
});

describe('snapDuration (catalog data)', () => {
  it('asks for the shortest allowed duration that covers the scene and reports the waste', () => {
    expect(snapDuration(findModel('minimax/hailuo-02'), 7)).toEqual({ requestSeconds: 10, wastedSeconds: 3, shortBySeconds: 0 });
    expect(snapDuration(findModel('minimax/hailuo-02'), 7, '768p')).toEqual({ requestSeconds: 10, wastedSeconds: 3, shortBySeconds: 0 });
    expect(snapDuration(findModel('minimax/hailuo-02'), 7, '1080p')).toEqual({ requestSeconds: 6, wastedSeconds: 0, shortBySeconds: 1 });
    expect(snapDuration(findModel('kwaivgi/kling-v2.1'), 5)).toEqual({ requestSeconds: 5, wastedSeconds: 0, shortBySeconds: 0 });
    expect(snapDuration(findModel('google/veo-3.1'), 9)).toEqual({ requestSeconds: 8, wastedSeconds: 0, shortBySeconds: 1 });
    expect(snapDuration(findModel('offline/motion-stills'), 6.5)).toEqual({ requestSeconds: 7, wastedSeconds: 0, shortBySeconds: 0 });
  });
});
