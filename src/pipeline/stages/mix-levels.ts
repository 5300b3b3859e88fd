/**
 * The levels of a generated ad's sound, set from measurements rather than fixed percentages (a
 * provider's music may be 10 dB louder than the offline bed, a TTS line 6 dB quieter than the
 * next): every voice line is brought to the same loudness, and the music so that, ducked under
 * speech, it sits MUSIC_UNDER_VOICE_DB below the voice, and at full level (the duck undone) in
 * the gaps. The gains go into the timeline, so the preview plays the same balance the export
 * masters; the master then lifts the whole mix to −14 LUFS.
 */
import { dbToGain, gainToDb } from '../ffmpeg/loudness';

/** Each voice line's loudness before the master (stereo, as mixed). */
export const VOICE_LEVEL_LUFS = -16;
/** Music under the voice while someone speaks (PRODUCT.md: 8–12 dB). */
export const MUSIC_UNDER_VOICE_DB = 10;
/** Gentle ducking: −6 dB under speech, eased in over 0.3 s and out over 0.5 s. */
export const DUCK = { level: 0.5, attackS: 0.3, releaseS: 0.5 } as const;

/** Timeline gains are 0–4 (up to +12 dB). */
const MAX_GAIN = 4;
const MIN_GAIN = 0.02;
const clampGain = (g: number) => Math.round(Math.min(MAX_GAIN, Math.max(MIN_GAIN, g)) * 1000) / 1000;

export interface MixLevels {
  /** Gain per voice line (by the key given). */
  voice: Record<string, number>;
  /** Gain of the music track (its clip stays at 1). */
  music: number;
}

/** `voiceLufs`: measured loudness of each line; `musicLufs`: of the music bed (null: none). */
export function mixLevels(voiceLufs: Record<string, number>, musicLufs: number | null, duckLevel: number = DUCK.level): MixLevels {
  const voice: Record<string, number> = {};
  for (const [k, l] of Object.entries(voiceLufs)) voice[k] = l <= -70 ? 1 : clampGain(dbToGain(VOICE_LEVEL_LUFS - l));
  // Full-level music = ducked level + the duck's depth.
  const musicFull = VOICE_LEVEL_LUFS - MUSIC_UNDER_VOICE_DB - gainToDb(duckLevel);
  const music = musicLufs === null || musicLufs <= -70 ? 0.3 : clampGain(dbToGain(musicFull - musicLufs));
  return { voice, music };
}
