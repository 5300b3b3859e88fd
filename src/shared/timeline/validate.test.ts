import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { compile } from './compile';
import { sampleTimeline } from './fixtures';
import { parseTimeline } from './validate';

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}
const itemIds = (e: AppError) => (e.details as { issues: Array<{ itemId: string | null }> }).issues.map((i) => i.itemId);

describe('timeline validation names the item', () => {
  it('rejects an unknown schema version', () => {
    const e = errorOf(() => parseTimeline({ ...sampleTimeline(), version: 2 }));
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toMatch(/version 2 is not supported.*update Zapcut/);
  });

  it('names the clip with a bad field', () => {
    const tl = sampleTimeline() as unknown as { main: { clips: Array<Record<string, unknown>> } };
    tl.main.clips[1]!.fit = 'stretch';
    const e = errorOf(() => parseTimeline(tl));
    expect(e.message).toMatch(/main clip "scene-green" \(main\.clips\[1\]\.fit\)/);
    expect(itemIds(e)).toEqual(['scene-green']);
  });

  it('refuses absolute media paths', () => {
    const tl = sampleTimeline();
    (tl.media.red as { file?: string }).file = '/etc/passwd';
    expect(errorOf(() => parseTimeline(tl)).message).toMatch(/media "red".*relative path/);
  });

  it('crossfade longer than a clip', () => {
    const tl = sampleTimeline();
    const c = tl.main.clips[1]!;
    tl.main.clips[1] = { ...c, transitionIn: { kind: 'crossfade', frames: 90 }, start: 0 };
    const e = errorOf(() => compile(tl));
    expect(e.message).toMatch(/crossfade into main clip "scene-green" is 90 frames \(3\.00 s\), longer than "scene-green"/);
    expect(itemIds(e)).toContain('scene-green');
  });

  it('overlapping main-track clips', () => {
    const tl = sampleTimeline();
    tl.main.clips[2] = { ...tl.main.clips[2]!, transitionIn: { kind: 'cut', frames: 0 } };
    const e = errorOf(() => compile(tl));
    expect(e.message).toMatch(/main clip "scene-blue" overlaps "scene-green" by 15 frames/);
  });

  it('audio-only media on the main track, unknown media', () => {
    const tl = sampleTimeline();
    tl.main.clips[0] = { ...tl.main.clips[0]!, media: 'voice' };
    tl.overlays[0]!.items[0] = { ...(tl.overlays[0]!.items[0] as { media: string } & (typeof tl.overlays)[0]['items'][0]), media: 'nope' } as never;
    const e = errorOf(() => compile(tl));
    expect(e.message).toMatch(/main clip "scene-red" uses audio media "voice".*needs video or image/);
    expect(e.message).toMatch(/overlay "logo-1" uses media "nope"/);
  });

  it('zero-length timeline', () => {
    const tl = sampleTimeline();
    tl.main.clips = [];
    tl.overlays = [];
    expect(errorOf(() => compile(tl)).message).toMatch(/empty \(zero length\)/);
  });

  it('duplicate ids', () => {
    const tl = sampleTimeline();
    tl.audio[0]!.clips[0]!.id = 'scene-red';
    expect(errorOf(() => compile(tl)).message).toMatch(/id "scene-red" is used twice/);
  });
});
