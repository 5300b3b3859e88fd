/**
 * The offline music bed (issue 20), synthesised sample by sample in plain TypeScript (FFmpeg's
 * aevalsrc took 20+ s for 30 s of this arrangement on a busy 2-core machine; this takes 2–4 s on
 * the same machine under load). A small arrangement at a known tempo, so the animatic cuts on its beat:
 *  - a I–V–vi–IV progression, one chord per bar, as a soft pad that swells in each bar;
 *  - a bass line on the chord roots; a plucked arpeggio over the chord, one note per eighth;
 *  - drums: a sine kick falling from ~140 Hz to 50 Hz, a noise snare with a little body, hi-hats.
 * The energy level picks the groove: calm briefs a half-time feel (kick on 1, rim on 3, soft
 * eighth hats), medium ones a backbeat, energetic ones four-on-the-floor with sixteenth hats.
 */
import { rng } from '../../animatic/shots';

const CHORDS: number[][] = [
  [261.63, 329.63, 392.0], // C
  [196.0, 246.94, 293.66], // G
  [220.0, 261.63, 329.63], // Am
  [174.61, 220.0, 261.63], // F
];

export type Groove = 'half-time' | 'backbeat' | 'four-on-the-floor';

export function grooveFor(energyLevel: number): Groove {
  return energyLevel <= 3 ? 'half-time' : energyLevel >= 7 ? 'four-on-the-floor' : 'backbeat';
}

export interface BedOptions {
  bpm: number;
  seconds: number;
  groove: Groove;
  seed: number;
  sampleRate?: number;
}

/** Stereo samples (interleaved L R, −1…1) of the bed. */
export function renderBed(o: BedOptions): Float32Array {
  const sr = o.sampleRate ?? 44100;
  const n = Math.round(o.seconds * sr);
  const beat = 60 / o.bpm;
  const bar = beat * 4;
  const rot = o.seed % 4;
  const noise = rng(o.seed * 31 + 5);
  const tonal = new Float32Array(n);
  const drums = new Float32Array(n);
  const hats = new Float32Array(n);
  const TWO_PI = 2 * Math.PI;
  const half = o.groove === 'half-time';
  const four = o.groove === 'four-on-the-floor';
  let kickPhase = 0;
  for (let i = 0; i < n; i++) {
    const t = i / sr;
    const chord = CHORDS[(Math.floor(t / bar) + rot) % 4]!;
    const tb = t % beat;
    const tbar = t % bar;
    const th = t % (beat / 2);
    const bb = Math.floor(t / beat) % 4;
    const eighth = Math.floor(t / (beat / 2));
    // Pad: swells in over a third of a bar and lets go in the last 60 ms (no click at the chord change).
    const swell = Math.min(1, tbar * 3, (bar - tbar) / 0.06) * (0.55 + 0.45 * Math.exp(-1.2 * tbar));
    const pad = swell * (Math.sin(TWO_PI * chord[0]! * t) + 0.8 * Math.sin(TWO_PI * chord[1]! * t) + 0.7 * Math.sin(TWO_PI * chord[2]! * t) + 0.25 * Math.sin(TWO_PI * chord[0]! * 2.006 * t));
    // Bass.
    const bassEnv = half ? (bb === 0 || bb === 2 ? attack(tb) * Math.exp(-3 * tb) : 0) : attack(th) * Math.exp(-5 * th);
    const bass = bassEnv * (Math.sin(TWO_PI * (chord[0]! / 2) * t) + 0.35 * Math.sin(TWO_PI * chord[0]! * t));
    // Arpeggio: up an octave, one chord note per eighth.
    const f = chord[eighth % 3]! * 2;
    const arp = attack(th) * Math.exp(-9 * th) * (Math.sin(TWO_PI * f * t) + 0.3 * Math.sin(2 * TWO_PI * f * t));
    tonal[i] = 0.16 * pad + 0.42 * bass + (half ? 0.1 : 0.14) * arp;
    // Kick: the phase integrates a falling pitch.
    const kickOn = four || bb === 0 || (bb === 2 && !half);
    kickPhase += (50 + 90 * Math.exp(-12 * tb)) / sr;
    if (tb < 1 / sr) kickPhase = 0;
    const kick = kickOn ? Math.exp(-9 * tb) * Math.sin(TWO_PI * kickPhase) : 0;
    const snareLevel = half ? (bb === 2 ? 0.55 : 0) : bb === 1 || bb === 3 ? 1 : 0;
    const snare = snareLevel ? snareLevel * (Math.exp(-20 * tb) * (noise() * 2 - 1) * 0.7 + Math.exp(-30 * tb) * Math.sin(TWO_PI * 185 * t) * 0.5) : 0;
    drums[i] = 0.9 * kick + 0.5 * snare;
    const step = four ? beat / 4 : beat / 2;
    const accent = Math.floor(t / step) % 2 === 1 ? 1 : half ? 0.5 : 0.6;
    hats[i] = accent * Math.exp(-55 * (t % step)) * (noise() * 2 - 1);
  }
  lowpass(tonal, 5500, sr);
  lowpass(drums, 9000, sr);
  highpass(hats, 6500, sr);
  highpass(hats, 6500, sr);
  // A little room: two quiet echoes on the tonal part, one of them only on the right.
  const d1 = Math.round(0.06 * sr);
  const d2 = Math.round(0.12 * sr);
  const out = new Float32Array(n * 2);
  const fadeIn = 0.6 * sr;
  const fadeOut = 2 * sr;
  for (let i = 0; i < n; i++) {
    const room = 0.22 * (tonal[i - d1] ?? 0);
    const roomR = 0.12 * (tonal[i - d2] ?? 0);
    const fade = Math.min(1, i / fadeIn, (n - i) / fadeOut);
    const base = 0.8 * (drums[i]! + 0.35 * hats[i]!);
    out[2 * i] = fade * (tonal[i]! + room + base);
    out[2 * i + 1] = fade * (tonal[i]! + room + roomR + base);
  }
  // Headroom: peak at −3 dBFS (the export masters the loudness).
  let peak = 0;
  for (const v of out) peak = Math.max(peak, Math.abs(v));
  const g = peak > 0 ? 0.708 / peak : 1;
  for (let i = 0; i < out.length; i++) out[i]! *= g;
  return out;
}

/** A 4 ms attack: a note that starts at full level clicks. */
function attack(t: number): number {
  return Math.min(1, t / 0.004);
}

/** One-pole filters, run twice by the callers where a steeper slope is wanted. */
function lowpass(x: Float32Array, hz: number, sr: number): void {
  const a = Math.exp((-2 * Math.PI * hz) / sr);
  let y = 0;
  for (let i = 0; i < x.length; i++) x[i] = y = (1 - a) * x[i]! + a * y;
}
function highpass(x: Float32Array, hz: number, sr: number): void {
  const a = Math.exp((-2 * Math.PI * hz) / sr);
  let low = 0;
  for (let i = 0; i < x.length; i++) {
    low = (1 - a) * x[i]! + a * low;
    x[i] = x[i]! - low;
  }
}

/** 16-bit PCM WAV of interleaved stereo samples. */
export function wavBytes(stereo: Float32Array, sampleRate = 44100): Uint8Array {
  const frames = stereo.length / 2;
  const data = frames * 4;
  const buf = new Uint8Array(44 + data);
  const v = new DataView(buf.buffer);
  const str = (o: number, s: string) => [...s].forEach((ch, i) => v.setUint8(o + i, ch.charCodeAt(0)));
  str(0, 'RIFF');
  v.setUint32(4, 36 + data, true);
  str(8, 'WAVE');
  str(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true);
  v.setUint16(22, 2, true);
  v.setUint32(24, sampleRate, true);
  v.setUint32(28, sampleRate * 4, true);
  v.setUint16(32, 4, true);
  v.setUint16(34, 16, true);
  str(36, 'data');
  v.setUint32(40, data, true);
  for (let i = 0; i < stereo.length; i++) v.setInt16(44 + i * 2, Math.max(-32768, Math.min(32767, Math.round(stereo[i]! * 32767))), true);
  return buf;
}
