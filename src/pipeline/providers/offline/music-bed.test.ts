import { describe, expect, it } from 'vitest';
import { grooveFor, renderBed, wavBytes } from './music-bed';

/** RMS of the mono mix in each `win`-second window. */
function envelope(stereo: Float32Array, sr: number, win: number): number[] {
  const n = Math.round(win * sr);
  const out: number[] = [];
  for (let s = 0; s + n <= stereo.length / 2; s += n) {
    let e = 0;
    for (let i = s; i < s + n; i++) e += ((stereo[2 * i]! + stereo[2 * i + 1]!) / 2) ** 2;
    out.push(Math.sqrt(e / n));
  }
  return out;
}

describe('offline music bed', () => {
  it('is a pulse on the beat, not a drone: loud on the beat, quieter between, peaking at −3 dBFS', () => {
    const sr = 44100;
    const bed = renderBed({ bpm: 120, seconds: 8, groove: 'backbeat', seed: 1, sampleRate: sr });
    let peak = 0;
    for (const v of bed) peak = Math.max(peak, Math.abs(v));
    expect(peak).toBeCloseTo(0.708, 2);
    // 62.5 ms windows: 8 per beat. Away from the fades, the window on each beat outweighs the
    // one just before it (the notes and drums decay between beats; a drone would not).
    const env = envelope(bed, sr, 0.0625);
    let onBeatLouder = 0;
    let beats = 0;
    for (let w = 16; w + 4 < env.length - 32; w += 8) {
      beats++;
      if (env[w]! > env[w - 1]! * 1.2) onBeatLouder++;
    }
    expect(onBeatLouder / beats).toBeGreaterThan(0.9);
  });

  it('is deterministic for a seed, and the energy level picks the groove', () => {
    const a = renderBed({ bpm: 120, seconds: 1, groove: 'half-time', seed: 3 });
    const b = renderBed({ bpm: 120, seconds: 1, groove: 'half-time', seed: 3 });
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
    expect([grooveFor(2), grooveFor(5), grooveFor(8)]).toEqual(['half-time', 'backbeat', 'four-on-the-floor']);
  });

  it('writes a 16-bit stereo WAV header that says how long it is', () => {
    const w = wavBytes(new Float32Array(44100 * 2), 44100);
    const v = new DataView(w.buffer);
    expect(String.fromCharCode(...w.slice(0, 4))).toBe('RIFF');
    expect(v.getUint16(22, true)).toBe(2);
    expect(v.getUint32(24, true)).toBe(44100);
    expect(v.getUint32(40, true)).toBe(44100 * 4);
    expect(w.length).toBe(44 + 44100 * 4);
  });
});
