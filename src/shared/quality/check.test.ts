import { describe, expect, it } from 'vitest';
import { Platform, PLATFORM_SPECS, platformsFor } from '../platforms';
import { checkAd } from './check';
import { PlanFacts, type FileFacts } from './facts';

const file = (over: Partial<FileFacts> = {}, video: Partial<NonNullable<FileFacts['video']>> = {}): FileFacts => ({
  container: 'mov,mp4,m4a,3gp,3g2,mj2',
  faststart: true,
  bytes: 12 * 1024 * 1024,
  durationS: 20,
  kbps: 6400,
  video: { codec: 'h264', profile: 'High', pixFmt: 'yuv420p', width: 1080, height: 1920, fps: 30, colorPrimaries: 'bt709', colorTransfer: 'bt709', colorSpace: 'bt709', colorRange: 'tv', ...video },
  audio: { codec: 'aac', sampleRate: 48000, channels: 2 },
  loudness: { integratedLufs: -14.1, truePeakDb: -1.6, lraLu: 5 },
  ...over,
});
const plan = (over: Partial<PlanFacts> = {}): PlanFacts => ({
  version: 1,
  voice: { lines: 3, cutSeconds: 0, cutLines: [], crossingCuts: [] },
  balance: { voiceLufs: -16.4, musicLufs: -26.2, voiceOverMusicDb: 9.8 },
  layout: { overlaps: 0, unsafe: 0, truncations: 0, details: [], items: { overlaps: [], unsafe: [], truncations: [] } },
  master: { gainDb: 3.2, targetLufs: -14 },
  ...over,
});
const status = (r: ReturnType<typeof checkAd>, code: string) => r.items.find((i) => i.code === code)?.status;

describe('checkAd', () => {
  it('passes a mastered 20 s 1080×1920 ad on every vertical network', () => {
    const r = checkAd(file(), plan(), 'tiktok');
    expect(r.items.filter((i) => i.status !== 'pass').map((i) => i.code)).toEqual(['duration-recommended']);
    expect(r.ok).toBe(true);
    expect(r.fits.filter((f) => f.ok).map((f) => f.platform)).toEqual(['tiktok', 'reels', 'shorts', 'youtube', 'x', 'linkedin']);
    // Feed takes 4:5 at its tallest: a 9:16 file is the wrong shape there, and the fix says which.
    const feed = checkAd(file(), plan(), 'feed');
    expect(feed.items.find((i) => i.code === 'aspect')).toMatchObject({ status: 'fail', fix: { kind: 'export-aspect', aspect: '1:1' } });
  });

  it('fails loudness outside −14 ±0.5 and a true peak above −1 dBTP, offering a re-export', () => {
    const loud = checkAd(file({ loudness: { integratedLufs: -15.2, truePeakDb: -0.4, lraLu: 6 } }), plan());
    expect(loud.items.find((i) => i.code === 'loudness')).toMatchObject({ status: 'fail', fix: { kind: 're-export' } });
    expect(loud.items.find((i) => i.code === 'loudness')!.message).toMatch(/too quiet by 1.2 LU/);
    expect(status(loud, 'true-peak')).toBe('fail');
    expect(loud.ok).toBe(false);
    expect(status(checkAd(file({ loudness: { integratedLufs: -13.5, truePeakDb: -1, lraLu: 6 } }), plan()), 'loudness')).toBe('pass');
  });

  it('reports the plan: a cut voice line fails, a line across a cut warns, music balance judged 8–12 dB', () => {
    const r = checkAd(file(), plan({ voice: { lines: 3, cutSeconds: 0.42, cutLines: ['voice-3'], crossingCuts: ['voice-2'] }, balance: { voiceLufs: -16, musicLufs: -35, voiceOverMusicDb: 19 } }));
    expect(r.items.find((i) => i.code === 'voice-cut')).toMatchObject({ status: 'fail', params: { seconds: 0.42, ids: 'voice-3' }, fix: { kind: 'open-editor' } });
    expect(status(r, 'voice-crosses-cut')).toBe('warn');
    expect(r.items.find((i) => i.code === 'speech-balance')!.message).toMatch(/too quiet to hear/);
    expect(status(checkAd(file(), plan({ balance: { voiceLufs: -16, musicLufs: -20, voiceOverMusicDb: 4 } })), 'speech-balance')).toBe('fail');
  });

  it('reports layout facts, and says when a file has none', () => {
    const r = checkAd(file(), plan({ layout: { overlaps: 2, unsafe: 1, truncations: 0, details: ['caption over product'], items: { overlaps: ['cap-2', 'product'], unsafe: ['title-1'], truncations: [] } } }));
    expect([status(r, 'overlaps'), status(r, 'unsafe-zones'), status(r, 'truncations')]).toEqual(['fail', 'fail', 'pass']);
    // The items at fault travel with the fix, so "Fix in the editor" can select them.
    expect(r.items.find((i) => i.code === 'overlaps')).toMatchObject({ params: { ids: 'cap-2, product' }, fix: { kind: 'open-editor' } });
    expect(r.items.find((i) => i.code === 'unsafe-zones')!.params.ids).toBe('title-1');
    // An older file's facts (no item ids) still parse.
    expect(PlanFacts.parse({ ...plan(), layout: { overlaps: 1, unsafe: 0, truncations: 0, details: [] } }).layout!.items).toEqual({ overlaps: [], unsafe: [], truncations: [] });
    expect(checkAd(file(), null).items.find((i) => i.code === 'plan')!.status).toBe('unknown');
  });

  it('tells a file without plan facts from one whose facts cannot be read', () => {
    const none = checkAd(file(), null).items.find((i) => i.code === 'plan')!;
    const bad = checkAd(file(), 'unreadable').items.find((i) => i.code === 'plan')!;
    expect(none).toMatchObject({ status: 'unknown' });
    expect(none.variant).toBeUndefined();
    expect(none.message).toContain('not exported by this Zapcut version');
    expect(bad).toMatchObject({ status: 'unknown', variant: 'unreadable' });
    expect(bad.message).toContain('cannot be read');
    expect(bad.message).not.toContain('not exported by this Zapcut version');
  });

  it('judges each network by its own limits', () => {
    // 61 s is over TikTok's 60 s but fine for Reels; 600 MB is over LinkedIn's 500 MB.
    const long = checkAd(file({ durationS: 61 }), plan());
    expect(long.fits.find((f) => f.platform === 'tiktok')).toMatchObject({ ok: false, failing: ['duration'] });
    expect(long.fits.find((f) => f.platform === 'reels')!.ok).toBe(true);
    const big = checkAd(file({ bytes: 600 * 1024 * 1024 }, { width: 1920, height: 1080 }), plan(), 'linkedin');
    expect(big.items.find((i) => i.code === 'file-size')).toMatchObject({ status: 'fail', fix: { kind: 're-export', crf: 28 } });
    // 4K is beyond X's and LinkedIn's largest frame; a 540p draft is below TikTok's 720×1280.
    const uhd = checkAd(file({}, { width: 2160, height: 3840 }), plan());
    expect(uhd.fits.filter((f) => f.failing.includes('resolution')).map((f) => f.platform)).toEqual(['x', 'linkedin']);
    expect(status(checkAd(file({}, { width: 540, height: 960 }), plan(), 'tiktok'), 'resolution')).toBe('fail');
    expect(status(checkAd(file({ kbps: 400 }), plan(), 'tiktok'), 'bitrate')).toBe('fail');
  });

  it('flags untagged colour and an index at the end', () => {
    const r = checkAd(file({ faststart: false }, { colorPrimaries: null, colorSpace: null }), plan());
    expect([status(r, 'colour'), status(r, 'faststart')]).toEqual(['warn', 'warn']);
  });
});

describe('platform specs', () => {
  it('names a source for every network and keeps its limits coherent', () => {
    for (const p of Platform.options) {
      const s = PLATFORM_SPECS[p];
      expect(s.id).toBe(p);
      expect(s.sources.length).toBeGreaterThan(0);
      expect(s.aspect.min).toBeLessThanOrEqual(s.aspect.max);
      expect(s.durationS.min).toBeLessThan(s.durationS.max);
    }
    expect(platformsFor('9:16')).toEqual(['tiktok', 'reels', 'shorts']);
  });
});
