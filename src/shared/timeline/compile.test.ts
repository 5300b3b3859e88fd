import { describe, expect, it } from 'vitest';
import { compile, duckEnvelope } from './compile';
import { valueAt } from './envelope';
import { sampleTimeline } from './fixtures';
import { frameAt, soundsAt } from './frame-at';
import { outputSize, resolveBox } from './layout';
import { Timeline } from './model';
import { layoutMainTrack, sequenceScenes } from './seed';

describe('compile', () => {
  const tl = sampleTimeline({ fps: 30, sceneS: 2, fadeS: 0.5 });

  it('lays out crossfaded scenes and computes the length', () => {
    const plan = compile(tl);
    expect(plan.totalFrames).toBe(3 * 60 - 2 * 15);
    expect(plan.layers.map((l) => [l.id, l.start, l.end])).toEqual([
      ['scene-red', 0, 60],
      ['scene-green', 45, 105],
      ['scene-blue', 90, 150],
      ['logo-1', 30, 60],
      ['cap-1', 0, 30],
    ]);
    expect({ w: plan.width, h: plan.height, unit: plan.unit }).toEqual({ w: 1920, h: 1080, unit: 1 });
  });

  it('frameAt: mid-crossfade shows both clips, the incoming one half transparent', () => {
    const plan = compile(tl);
    const mid = frameAt(plan, 52);
    const clips = mid.layers.filter((l) => l.kind === 'clip');
    expect(clips.map((l) => [l.id, Number(l.alpha.toFixed(3))])).toEqual([
      ['scene-red', 1],
      ['scene-green', 0.467],
    ]);
    expect(clips[1]).toMatchObject({ sourceFrame: 7 });
    expect(frameAt(plan, 60).layers.filter((l) => l.kind === 'clip').map((l) => l.id)).toEqual(['scene-green']);
    expect(frameAt(plan, 45).layers.some((l) => l.id === 'scene-green')).toBe(false); // alpha 0 at its first frame
  });

  it('ducks music under voice and keeps roles at their seed gains', () => {
    const plan = compile(tl);
    const music = plan.sounds.find((s) => s.id === 'music-1')!;
    expect(valueAt(music.gain, 0)).toBeCloseTo(0.3);
    expect(valueAt(music.gain, 40)).toBeCloseTo(0.3 * 0.5);
    expect(valueAt(music.gain, 60 + 15 + 1)).toBeCloseTo(0.3);
    expect(soundsAt(plan, 40).find((s) => s.sound.id === 'vo-1')!.gain).toBe(1);
  });

  it('scales geometry for other presets and drafts', () => {
    expect(outputSize('9:16', false)).toEqual({ width: 1080, height: 1920, unit: 1 });
    expect(outputSize('4k', false)).toEqual({ width: 3840, height: 2160, unit: 2 });
    expect(outputSize('16:9', true)).toEqual({ width: 960, height: 540, unit: 0.5 });
    const plan = compile(tl, { preset: '4k' });
    const logo = plan.layers.find((l) => l.id === 'logo-1');
    expect(logo).toMatchObject({ box: { anchor: 'bottom-right', x: 80, y: 80, w: 800, h: null } });
    // A 1000×500 product image at 4K: 800×400 at (3840−800−80, 2160−400−80).
    if (logo?.kind !== 'image') throw new Error('logo must be an image layer');
    expect(resolveBox(logo.box, plan, { width: 1000, height: 500 }, plan.unit)).toEqual({ left: 2960, top: 1680, width: 800, height: 400 });
  });

  it('dips to black: out over the last half, in over the first half', () => {
    const t2 = Timeline.parse({ ...tl, main: { clips: sequenceScenes([{ id: 'a', media: 'red', frames: 30 }, { id: 'b', media: 'green', frames: 30 }], { fps: 30, crossfadeFrames: 10, transition: 'dip' }) } });
    const plan = compile(t2);
    const [a, b] = plan.layers;
    expect(valueAt(a!.opacity, 25)).toBe(1);
    expect(valueAt(a!.opacity, 27.5)).toBeCloseTo(0.5);
    expect(valueAt(b!.opacity, 30)).toBe(0);
    expect(valueAt(b!.opacity, 35)).toBe(1);
  });
});

describe('helpers', () => {
  it('re-packs the main track after a trim (ripple)', () => {
    const clips = sequenceScenes([{ id: 'a', media: 'red', frames: 60 }, { id: 'b', media: 'green', frames: 60 }, { id: 'c', media: 'blue', frames: 60 }], { fps: 30 });
    clips[0] = { ...clips[0]!, out: 40 };
    expect(layoutMainTrack(clips).map((c) => c.start)).toEqual([0, 10, 40]);
  });
  it('merges voice windows that are close together', () => {
    const env = duckEnvelope([[10, 20], [25, 40]], 0.5, 5, 5);
    expect(valueAt(env, 22)).toBe(0.5);
    expect(valueAt(env, 0)).toBe(1);
    expect(valueAt(env, 45)).toBe(1);
  });
});
