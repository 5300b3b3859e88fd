/**
 * The beat grid an ad is cut to (issue 20): the offline bed's known 120 BPM (offline ads, and any
 * ad whose music fell back to the bed), or the tempo detected in provider music, with the tempo
 * its prompt asked for (by the bible's energy) as the check against a 2× / ½× detection.
 */
import { toErrorShape } from '../../shared/errors';
import { OFFLINE_BPM, requestedBpm, type BeatGrid } from '../animatic/beat';
import { detectTempo } from '../animatic/tempo';
import type { TrackOutput } from './audio';
import { mediaPath, type StageEnv } from './env';
import type { StageContext } from './outputs';

/**
 * The music prompt with its tempo: the one the prompt already names (e.g. "… at 100 BPM"), else
 * the energy's (requestedBpm) appended (pure).
 */
export function tempoPrompt(prompt: string, energyLevel: number): { prompt: string; bpm: number } {
  const named = /\b(\d{2,3})\s*bpm\b/i.exec(prompt);
  const bpm = named ? Number(named[1]) : NaN;
  if (bpm >= 40 && bpm <= 220) return { prompt, bpm };
  const fallback = requestedBpm(energyLevel);
  return { prompt: `${prompt.trim().replace(/[.\s]+$/u, '')}, ${fallback} BPM`, bpm: fallback };
}

export async function musicGrid(env: StageEnv, ctx: StageContext, music: TrackOutput, musicPrompt: string, energyLevel: number): Promise<BeatGrid | null> {
  if (env.family.name === 'offline' || music.fallback) return { bpm: OFFLINE_BPM, offsetS: 0 };
  const requested = tempoPrompt(musicPrompt, energyLevel).bpm;
  try {
    const t = await detectTempo(env.ffmpegPath, await mediaPath(env, music.media), ctx.workDir, { requestedBpm: requested, signal: ctx.signal });
    const folded = t.folded ? ` (heard ${t.detectedBpm.toFixed(1)}, ${t.folded} to the ${requested} BPM asked for)` : t.detectedBpm.toFixed(0) === String(requested) ? '' : ` (${requested} BPM was asked for)`;
    ctx.note(`music: ${t.bpm.toFixed(1)} BPM${folded}, first beat at ${t.offsetS.toFixed(2)} s`);
    return { bpm: t.bpm, offsetS: t.offsetS };
  } catch (err) {
    if (ctx.signal.aborted) throw err;
    ctx.note(`music: no steady beat found (${toErrorShape(err).message.slice(0, 160)}); scenes and text keep the storyboard's timing.`);
    return null;
  }
}
