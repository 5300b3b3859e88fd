import { describe, expect, it } from 'vitest';
import { checkTimeline, emptyTimeline, sequenceScenes, type Timeline } from '../../shared/timeline';
import { swapSceneClips } from './swap';

const sha = (c: string) => c.repeat(64);
/** An ad of three scene clips (the animatic's shape: scene-N clips on media scene-N, a 30-frame hidden lead after the first) and a title. */
function ad(shas: [string, string, string], lead = 30): Timeline {
  const tl = emptyTimeline();
  for (const [i, s] of shas.entries()) tl.media[`scene-${i + 1}`] = { kind: 'video', sha256: sha(s), name: `Scene ${i + 1}` };
  tl.main.clips = sequenceScenes([1, 2, 3].map((i) => ({ id: `scene-${i}`, media: `scene-${i}`, in: i > 1 ? lead : 0, frames: 150 })), { fps: 30, transition: 'cut' });
  tl.overlays[1]!.items.push({ id: 'title-2', kind: 'text', role: 'title', text: 'Stride 9', start: 160, duration: 90, opacity: 1, fadeInFrames: 6, fadeOutFrames: 6, style: { fontSize: 56, color: '#FFFFFF', background: null, backgroundOpacity: 0 } });
  return tl;
}

describe('swapSceneClips', () => {
  it('puts the new scenes into the edited ad in place: the creator\'s title, its timing and a trim stay', () => {
    const original = ad(['a', 'b', 'c']);
    const edited = structuredClone(original);
    const title = edited.overlays[1]!.items[0]!;
    Object.assign(title, { text: 'Light, tough, honest', start: 175, duration: 60 });
    // Scene 2 trimmed by 20 frames at its head, moved up to close the gap (a ripple trim).
    const [, two, three] = edited.main.clips;
    two!.in += 20;
    three!.start -= 20;
    expect(checkTimeline(edited)).toEqual([]);
    const generated = ad(['d', 'e', 'f'], 24); // an AI model's clips skip a shorter lead

    const { timeline, swapped, shortened } = swapSceneClips(edited, original, generated);
    expect(swapped).toEqual(['scene-1', 'scene-2', 'scene-3']);
    expect(shortened).toEqual([]);
    expect(checkTimeline(timeline)).toEqual([]);
    // The new pictures…
    expect(Object.values(timeline.media).map((m) => m.sha256)).toEqual([sha('d'), sha('e'), sha('f')]);
    // …where the creator put the old ones, as long, trimmed the same (the source moved with the new lead).
    expect(timeline.main.clips.map((c) => [c.id, c.start, c.out - c.in, c.transitionIn.kind])).toEqual(edited.main.clips.map((c) => [c.id, c.start, c.out - c.in, c.transitionIn.kind]));
    expect(timeline.main.clips[1]!.in).toBe(24 + 20);
    // Everything else is the creator's.
    expect(timeline.overlays).toEqual(edited.overlays);
    expect(timeline.audio).toEqual(edited.audio);
  });

  it('leaves a deleted scene deleted, gives both pieces of a split scene the new picture, and shortens a clip the new picture cannot fill', () => {
    const original = ad(['a', 'b', 'c']);
    const edited = structuredClone(original);
    // Scene 1 split at frame 60, scene 3 deleted, scene 2 lengthened past what the run made.
    const [one, two] = edited.main.clips;
    edited.main.clips = [{ ...one!, out: 60 }, { ...one!, id: 'scene-1-b', start: 60, in: 60 }, { ...two!, out: two!.out + 30 }];
    const generated = ad(['d', 'e', 'f']);
    const { timeline, shortened } = swapSceneClips(edited, original, generated);
    expect(timeline.main.clips.map((c) => [c.id, timeline.media[c.media]!.sha256])).toEqual([['scene-1', sha('d')], ['scene-1-b', sha('d')], ['scene-2', sha('e')]]);
    expect(shortened).toEqual(['scene-2']);
    expect(timeline.main.clips[2]!.out).toBe(generated.main.clips[1]!.out);
  });
});
