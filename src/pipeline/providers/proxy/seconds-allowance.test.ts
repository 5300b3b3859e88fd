import { describe, expect, it } from 'vitest';
import { videoSecondsCap } from '../../../../cloud-proxy/src/account/plans';
import { REPLICATE_CATALOG, maxClipSeconds } from '../../../../cloud-proxy/src/forward/catalog';
import { CROSSFADE_SECONDS } from '../../stages/scenes';
import { planScenes } from '../../stages/plan';
import { catalog, snapDuration, type CatalogModel } from '../catalog';
import { videoSettings } from '../../../shared/models/video';

// The proxy lets one reservation generate 2·L + 2·C seconds of video (C: the model's longest
// clip). These tests hold that bound against what this app really asks for, with its own plan and
// snapping, for every video model both catalogs know — so the money fix cannot break real ads.

const shared = catalog.filter((m) => m.capability === 'video' && m.provider === 'replicate' && REPLICATE_CATALOG[m.slug]);

/** Seconds the scenes stage requests: each scene plus its crossfade handle, snapped up. */
function requested(model: CatalogModel, durations: number[]): number {
  return durations.reduce((sum, d, i) => sum + snapDuration(model, d + (i < durations.length - 1 ? CROSSFADE_SECONDS : 0)).requestSeconds, 0);
}

/** The most seconds any storyboard of `total` seconds in `count` scenes of at least `min` s can request (exhaustive). */
function worstStoryboard(model: CatalogModel, total: number, count: number, min: number): number {
  const memo = new Map<string, number>();
  const best = (rest: number, k: number): number => {
    const key = `${rest}:${k}`;
    if (memo.has(key)) return memo.get(key)!;
    let m = -Infinity;
    if (k === 1) m = rest >= min ? snapDuration(model, rest).requestSeconds : -Infinity;
    else for (let d = min; d <= rest - min * (k - 1); d++) m = Math.max(m, snapDuration(model, d + CROSSFADE_SECONDS).requestSeconds + best(rest - d, k - 1));
    memo.set(key, m);
    return m;
  };
  return best(total, count);
}

describe('the seconds a reservation buys fit the ads this app makes', () => {
  it('the catalogs agree on each shared video model’s lengths', () => {
    expect(shared.map((m) => m.slug)).toContain('kwaivgi/kling-v2.1');
    for (const m of shared) expect([...REPLICATE_CATALOG[m.slug]!.seconds!.allowed].sort((a, b) => a - b), m.slug).toEqual(expect.arrayContaining(m.allowedDurations));
  });

  it('the planned storyboard (every ad length the product offers, 15–60 s) needs at most 2·L, leaving a regenerated scene and an unseen retry', () => {
    for (const m of shared) {
      for (let length = 15; length <= 60; length++) {
        const plan = planScenes(length);
        expect(requested(m, plan.durations), `${m.slug} ${length} s`).toBeLessThanOrEqual(2 * length);
        expect(requested(m, plan.durations) + 2 * maxClipSeconds(REPLICATE_CATALOG[m.slug]!), `${m.slug} ${length} s`).toBeLessThanOrEqual(videoSecondsCap(length, maxClipSeconds(REPLICATE_CATALOG[m.slug]!)));
      }
    }
  });

  it('the model-aware plan (enough scenes that every clip fits the model, at the resolution the run picks) needs at most 2·L too', () => {
    for (const m of shared) {
      for (let length = 15; length <= 60; length++) {
        const settings = videoSettings(m, length, 1080);
        const plan = planScenes(length, undefined, settings.maxClipSeconds);
        const asked = plan.durations.reduce((sum, d, i) => sum + snapDuration(m, d + (i < plan.count - 1 ? CROSSFADE_SECONDS : 0), settings.resolution?.name).requestSeconds, 0);
        expect(asked, `${m.slug} ${length} s`).toBeLessThanOrEqual(2 * length);
      }
    }
  });

  it('any storyboard a user can make (2–8 scenes of at least 2 s) still fits the cap', () => {
    for (const m of shared) {
      const cap = (length: number) => videoSecondsCap(length, maxClipSeconds(REPLICATE_CATALOG[m.slug]!));
      for (let length = 5; length <= 60; length++) {
        for (let count = 2; count <= 8 && 2 * count <= length; count++) expect(worstStoryboard(m, length, count, 2), `${m.slug} ${length} s in ${count}`).toBeLessThanOrEqual(cap(length));
      }
    }
  });
});
