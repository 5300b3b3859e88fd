import { describe, expect, it } from 'vitest';
import { Platform } from '../../../../shared/platforms';
import { checkAd, CHECK_CODES, type CheckItem } from '../../../../shared/quality/check';
import type { FileFacts, PlanFacts } from '../../../../shared/quality/facts';
import { en } from '../../i18n/resources';
import { hasWords, itemKey } from './keys';

const good: FileFacts = {
  container: 'mov,mp4,m4a,3gp,3g2,mj2',
  faststart: true,
  bytes: 12 * 1024 * 1024,
  durationS: 20,
  kbps: 6400,
  video: { codec: 'h264', profile: 'High', pixFmt: 'yuv420p', width: 1080, height: 1920, fps: 30, colorPrimaries: 'bt709', colorTransfer: 'bt709', colorSpace: 'bt709', colorRange: 'tv' },
  audio: { codec: 'aac', sampleRate: 48000, channels: 2 },
  loudness: { integratedLufs: -14, truePeakDb: -1.5, lraLu: 5 },
};
const plan: PlanFacts = {
  version: 1,
  voice: { lines: 3, cutSeconds: 0, cutLines: [], crossingCuts: [] },
  balance: { voiceLufs: -16, musicLufs: -26, voiceOverMusicDb: 10 },
  layout: { overlaps: 0, unsafe: 0, truncations: 0, details: [], items: { overlaps: [], unsafe: [], truncations: [] } },
  master: { gainDb: 0, targetLufs: -14 },
};
// Files that fail (or pass) every item one way or another.
const files: FileFacts[] = [
  good,
  { ...good, container: 'matroska,webm', faststart: false, bytes: 9 * 1024 ** 3, kbps: 90_000, durationS: 700, video: { ...good.video!, codec: 'vp9', pixFmt: 'yuv444p', width: 320, height: 240, fps: 120, colorPrimaries: null }, audio: { ...good.audio!, codec: 'opus' }, loudness: { integratedLufs: -9, truePeakDb: 0.5, lraLu: 3 } },
  { ...good, bytes: 20_000, kbps: 100, durationS: 1, video: { ...good.video!, width: 8000, height: 4500 }, loudness: { integratedLufs: -20, truePeakDb: null, lraLu: 3 } },
  { ...good, video: null, audio: null, loudness: null },
];
const plans: Array<PlanFacts | 'unreadable' | null> = [
  plan,
  null,
  'unreadable',
  { ...plan, voice: { lines: 3, cutSeconds: 0.4, cutLines: ['vo-3'], crossingCuts: ['vo-2'] }, balance: { voiceLufs: -16, musicLufs: -19, voiceOverMusicDb: 3 }, layout: { overlaps: 2, unsafe: 1, truncations: 1, details: [], items: { overlaps: [], unsafe: [], truncations: [] } } },
  { ...plan, balance: { voiceLufs: -16, musicLufs: -36, voiceOverMusicDb: 20 }, layout: null },
];

describe('quality report words', () => {
  it('has words in quality.json for every item checkAd makes, for every network', () => {
    const seen = new Map<string, CheckItem>();
    for (const f of files) for (const p of plans) for (const platform of [null, ...Platform.options]) for (const i of checkAd(f, p, platform).items) seen.set(itemKey(i), i);
    const missing = [...seen.entries()].filter(([, i]) => !hasWords(i)).map(([k]) => k);
    expect(missing).toEqual([]);
    // The fixtures reach every code, so a new code without words fails here.
    expect(new Set([...seen.values()].map((i) => i.code))).toEqual(new Set(CHECK_CODES));
    expect(seen.size).toBeGreaterThan(40);
  });

  it('every code in quality.json is one checkAd knows (no stale words)', () => {
    expect(Object.keys(en.quality.items).sort()).toEqual([...CHECK_CODES].sort());
  });

  it('picks the variant wording of a failure (too quiet vs too loud)', () => {
    const quiet = checkAd({ ...good, loudness: { integratedLufs: -16, truePeakDb: -2, lraLu: 4 } }, plan).items.find((i) => i.code === 'loudness')!;
    expect(itemKey(quiet)).toBe('quality.items.loudness.low');
    const loud = checkAd({ ...good, loudness: { integratedLufs: -12, truePeakDb: -2, lraLu: 4 } }, plan).items.find((i) => i.code === 'loudness')!;
    expect(itemKey(loud)).toBe('quality.items.loudness.high');
    expect(hasWords({ code: 'loudness', status: 'fail', variant: 'sideways' })).toBe(false);
  });
});
