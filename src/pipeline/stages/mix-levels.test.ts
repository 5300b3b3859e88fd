import { describe, expect, it } from 'vitest';
import { gainToDb } from '../ffmpeg/loudness';
import { DUCK, mixLevels, MUSIC_UNDER_VOICE_DB, VOICE_LEVEL_LUFS } from './mix-levels';

describe('mixLevels', () => {
  it('brings every line to the voice level and the ducked music 10 dB under it', () => {
    const l = mixLevels({ 'voice-1': -21.4, 'voice-2': -18 }, -21);
    expect(gainToDb(l.voice['voice-1']!)).toBeCloseTo(VOICE_LEVEL_LUFS - -21.4, 1);
    expect(gainToDb(l.voice['voice-2']!)).toBeCloseTo(2, 1);
    // Music: −21 LUFS + gain = full level; ducked by 6 dB it sits 10 dB under −16.
    const ducked = -21 + gainToDb(l.music) + gainToDb(DUCK.level);
    expect(ducked).toBeCloseTo(VOICE_LEVEL_LUFS - MUSIC_UNDER_VOICE_DB, 1);
  });

  it('stays inside the timeline gain range and leaves silence alone', () => {
    const l = mixLevels({ quiet: -60, silent: -70 }, -5);
    expect(l.voice.quiet).toBe(4);
    expect(l.voice.silent).toBe(1);
    expect(l.music).toBeGreaterThanOrEqual(0.02);
    expect(mixLevels({}, null).music).toBe(0.3);
  });
});
