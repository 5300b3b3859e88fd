import { describe, expect, it } from 'vitest';
import { checkTimeline, emptyTimeline, parseTimeline, sequenceScenes, type Timeline } from '../../shared/timeline';
import { captionItems, endCardItems, evenWordTimes } from '../stages/ad-text';
import { planLength, recutToLength, sceneSpans } from './length';
import { timelineFrames } from './recut';

const FPS = 30;
const ROLES = ['setup', 'exploration', 'climax', 'resolution', 'cta'];

/** A 30 s ad as the pipeline lays one out: five 6 s scenes in cuts (the animatic's 1 s hidden lead), a line each, an end card over the last 3 s. */
function ad(speech: number[] = [3.5, 4.2, 3.8, 4.5, 3.2]): Timeline {
  const tl = emptyTimeline({ fps: FPS });
  const total = 30 * FPS;
  tl.main.clips = sequenceScenes(
    ROLES.map((_, i) => ({ id: `scene-${i + 1}`, media: `scene-${i + 1}`, in: i ? FPS : 0, frames: 6 * FPS })),
    { fps: FPS, transition: 'cut' },
  );
  for (let i = 1; i <= 5; i++) {
    tl.media[`scene-${i}`] = { kind: 'video', sha256: String(i).repeat(64) };
    tl.media[`voice-${i}`] = { kind: 'audio', sha256: String(i).repeat(63) + 'a' };
  }
  tl.media.music = { kind: 'audio', sha256: 'b'.repeat(64) };
  tl.media.whoosh = { kind: 'audio', sha256: 'c'.repeat(64) };
  tl.media['product-1'] = { kind: 'image', sha256: 'd'.repeat(64) };
  const end = endCardItems({ fps: FPS, total, brandName: 'Luna Coffee', cta: 'Order today at luna.coffee', accent: '#C0392B', productMedia: 'product-1', logoMedia: null });
  const titles = { id: 'titles', name: 'Titles', z: 15, hidden: false, items: ROLES.map((_, i) => ({ id: `title-${i + 1}`, kind: 'text' as const, role: 'title' as const, text: `Title ${i + 1}`, start: i * 6 * FPS, duration: Math.min(6 * FPS, end.start - i * 6 * FPS), opacity: 1, fadeInFrames: 0, fadeOutFrames: 0, style: { fontSize: 80, color: '#FFFFFF', background: null, backgroundOpacity: 0 } })) };
  titles.items.push(...(end.text as never[]));
  tl.overlays.splice(1, 0, titles);
  tl.overlays[0]!.items.push(...end.images);
  const lines = speech.map((s, i) => ({ sceneIndex: i + 1, text: `Line ${i + 1} says four words`, start: i * 6 * FPS + 9, words: evenWordTimes(`Line ${i + 1} says four words`, s) }));
  tl.overlays.find((o) => o.id === 'captions')!.items.push(...captionItems(lines, { fps: FPS, until: end.start, portrait: false, accent: '#FFFFFF' }));
  const voice = tl.audio.find((a) => a.role === 'voice')!;
  lines.forEach((l, i) => voice.clips.push({ id: `voice-${l.sceneIndex}`, media: `voice-${l.sceneIndex}`, start: l.start, in: 0, out: Math.round((speech[i]! + 0.4) * FPS), gain: 1, fadeInFrames: 0, fadeOutFrames: 0 }));
  tl.audio.find((a) => a.role === 'music')!.clips.push({ id: 'music-bed', media: 'music', start: 0, in: 0, out: total, gain: 1, fadeInFrames: 0, fadeOutFrames: FPS });
  tl.main.clips.slice(1).forEach((c, k) => tl.audio.find((a) => a.role === 'sfx')!.clips.push({ id: `whoosh-${k + 2}`, media: 'whoosh', start: c.start - 6, in: 0, out: 12, gain: 1, fadeInFrames: 0, fadeOutFrames: 0 }));
  return parseTimeline(tl);
}

const scenes = ROLES.map((role, i) => ({ index: i + 1, role }));

describe('a shorter cut of an ad by storyboard role', () => {
  it('cuts a 30 s ad to exactly 15 s: the hook, the climax (proof) and the CTA scene with its whole end card', () => {
    const source = ad();
    const r = recutToLength(source, { seconds: 15, scenes, ctaScene: 5 });
    expect(r).not.toBeNull();
    const tl = parseTimeline(r!.timeline);
    expect(checkTimeline(tl)).toEqual([]);
    expect(timelineFrames(tl)).toBe(15 * FPS);
    expect(r!.plan.keep.map((k) => k.index)).toEqual([1, 3, 5]);
    expect(r!.plan.keep.reduce((a, k) => a + k.frames, 0)).toBe(15 * FPS);
    expect(tl.main.clips.map((c) => c.id)).toEqual(['scene-1', 'scene-3', 'scene-5']);
    // The end card is whole: every end item as long as in the ad, ending at the new end.
    const endOf = (t: Timeline) => t.overlays.flatMap((o) => o.items).filter((i) => i.id.startsWith('end-')).map((i) => ({ id: i.id, duration: i.duration, toEnd: timelineFrames(t) - i.start }));
    expect(endOf(tl)).toEqual(endOf(source));
    // Every voice line plays whole inside its own scene; no caption of a dropped scene is left; no word is cut.
    const voice = tl.audio.find((a) => a.role === 'voice')!.clips;
    expect(voice.map((c) => c.id)).toEqual(['voice-1', 'voice-3', 'voice-5']);
    for (const v of voice) {
      const clip = tl.main.clips.find((c) => c.id === v.id.replace('voice', 'scene'))!;
      const next = tl.main.clips[tl.main.clips.indexOf(clip) + 1]?.start ?? timelineFrames(tl);
      expect(v.start).toBeGreaterThanOrEqual(clip.start);
      expect(v.start + v.out - v.in).toBeLessThanOrEqual(next);
    }
    const words = (t: Timeline, scene: number) => t.overlays.flatMap((o) => o.items).filter((i) => i.kind === 'text' && i.id.startsWith(`caption-${scene}-`)).flatMap((i) => (i.kind === 'text' ? (i.words ?? []).map((w) => w.text) : []));
    for (const s of [1, 3, 5]) expect(words(tl, s)).toEqual(words(source, s));
    expect(words(tl, 2)).toEqual([]);
    // The music ends with the ad (fading), a whoosh marks each cut and none is left from a dropped one.
    expect(tl.audio.find((a) => a.role === 'music')!.clips[0]).toMatchObject({ start: 0, out: 15 * FPS, fadeOutFrames: FPS });
    const whooshes = tl.audio.find((a) => a.role === 'sfx')!.clips;
    expect(whooshes.map((w) => [w.id, w.start + 6])).toEqual([['whoosh-3', tl.main.clips[1]!.start], ['whoosh-5', tl.main.clips[2]!.start]]);
  });

  it('trims only silence after a line, and never a word: a scene whose speech is too long is left out', () => {
    const spans = sceneSpans(ad(), scenes);
    // Scene 3 speaks until 0.3 s + 3.8 s into it: it cannot be shorter than that and a breath.
    expect(spans[2]!.minFrames).toBe(9 + Math.round(3.8 * FPS) + 6);
    // A 15 s cut where every middle scene speaks for 5.6 s: first (6) + last (6) leaves 3 s, no middle scene fits in it.
    const long = ad([3.5, 5.6, 5.6, 5.6, 3.2]);
    const r = recutToLength(long, { seconds: 15, scenes, ctaScene: 5, sourceFrames: { 'scene-1': 9 * FPS } });
    expect(r!.plan.keep.map((k) => k.index)).toEqual([1, 5]);
    // Scene 1 shows 3 s more of its source clip instead (its file has 9 s).
    expect(r!.timeline.main.clips[0]).toMatchObject({ in: 0, out: 9 * FPS });
    expect(timelineFrames(r!.timeline)).toBe(15 * FPS);
    // Without the frames for it, no 15 s cut fits.
    expect(recutToLength(long, { seconds: 15, scenes, ctaScene: 5 })).toBeNull();
  });

  it('keeps the CTA scene even when it is not the last, and prefers the scenes worth most by role', () => {
    const spans = sceneSpans(ad(), scenes);
    const plan = planLength(spans, 22 * FPS, 4);
    expect(plan!.keep.map((k) => k.index)).toContain(4);
    expect(plan!.keep.map((k) => k.index)).toEqual([1, 3, 4, 5]);
    expect(plan!.dropped).toEqual([2]);
  });
});
