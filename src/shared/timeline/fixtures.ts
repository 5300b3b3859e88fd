/**
 * Small timelines for tests of the compiler, the exporter and the editor. Pure data builders
 * (no files): media entries carry a relative `file` name that a test resolver maps to a path.
 */
import { caption, emptyTimeline, productOverlay, sequenceScenes } from './seed';
import type { AspectPreset, Timeline } from './model';

/** Three colour scenes (red, green, blue) of `sceneS` seconds crossfading for `fadeS`, a
 *  product overlay, a caption, voice + music. */
export function sampleTimeline(opts: { fps?: number; sceneS?: number; fadeS?: number; preset?: AspectPreset } = {}): Timeline {
  const fps = opts.fps ?? 30;
  const sceneF = Math.round((opts.sceneS ?? 2) * fps);
  const fadeF = Math.round((opts.fadeS ?? 0.5) * fps);
  const tl = emptyTimeline({ fps, preset: opts.preset ?? '16:9' });
  tl.media = {
    red: { kind: 'video', file: 'red.mp4' },
    green: { kind: 'video', file: 'green.mp4' },
    blue: { kind: 'video', file: 'blue.mp4' },
    logo: { kind: 'image', file: 'logo.png' },
    voice: { kind: 'audio', file: 'voice.wav' },
    music: { kind: 'audio', file: 'music.wav' },
  };
  tl.main.clips = sequenceScenes(
    ['red', 'green', 'blue'].map((m) => ({ id: `scene-${m}`, media: m, frames: sceneF })),
    { fps, crossfadeFrames: fadeF },
  );
  tl.overlays[0]!.items.push(productOverlay({ id: 'logo-1', media: 'logo', start: fps, fps, durationFrames: fps }));
  tl.overlays[1]!.items.push(caption({ id: 'cap-1', text: 'Hello, world', start: 0, durationFrames: fps, fps }));
  tl.audio[0]!.clips.push({ id: 'vo-1', media: 'voice', start: fps, in: 0, out: fps, gain: 1, fadeInFrames: 0, fadeOutFrames: 0 });
  tl.audio[1]!.clips.push({ id: 'music-1', media: 'music', start: 0, in: 0, out: 3 * sceneF, gain: 1, fadeInFrames: 0, fadeOutFrames: 0 });
  return tl;
}
