/**
 * Voiceover (one line per scene), music bed and transition SFX. The voiceover runs before the
 * scenes (their lengths are fitted to the lines); music and SFX run beside the scene chain.
 */
import path from 'node:path';
import type { StageContext } from './outputs';
import { probeMedia } from '../ffmpeg/probe';
import { toErrorShape } from '../../shared/errors';
import { percentOf } from '../../shared/progress';
import { synthesizeMusic } from '../providers/offline/audio-synth';
import { callContext, retrying, runJob, type StageEnv } from './env';
import { speakable, wordCount } from './copy';
import { completeJson } from '../engine/model-json';
import { timeSpokenLine } from './line-timing';
import { CROSSFADE_SECONDS, MIN_SCENE_SECONDS } from './plan';
import { SYSTEM, userMessage } from './prompts-text';
import { VoiceoverEdit, type Storyboard } from './schemas';
import { briefLanguage } from './language';
import type { VoiceoverInput } from './text-inputs';
import { lineWindows, overflowing, rebalance, wordBudget } from './voice-fit';
import { tempoPrompt } from './music-grid';

export interface VoiceLine {
  sceneIndex: number;
  /** What is said (the storyboard's line, or the writer's shorter one). */
  text: string;
  media: string;
  /** Length of the audio file. */
  seconds: number;
  /** Each caption word and when it is spoken (seconds from the line's start), from the speech engine or aligned to the audio. */
  words?: { text: string; startS: number; endS: number }[];
  /** Seconds of actual speech (the audio without its trailing silence), when measured. */
  speechSeconds?: number;
  /** Where `words` came from: the speech engine's own timing, or the known text aligned to the audio's pauses. */
  wordTiming?: 'engine' | 'pauses';
  /** The writer shortened the storyboard's line so it fits its scene. */
  shortened?: boolean;
}

export interface VoiceoverOutput {
  lines: VoiceLine[];
  /** Why there is no voice (captions still carry the narration). */
  unavailable: string | null;
  /** Which reason, for the app to say it in the user's language: the brief asked for none, the machine has no offline voice, the voice engine failed. */
  unavailableKind?: 'brief' | 'no-voice' | 'failed';
  /** Scene lengths after fitting the lines (sum = the ad's length); absent in runs from before. */
  durations?: number[];
}

/** The scene lengths the ad is built with: fitted to the voice when the run measured it. */
export function sceneDurations(storyboard: Storyboard, voice: VoiceoverOutput | null): number[] {
  const planned = storyboard.scenes.map((s) => s.durationSeconds);
  const fitted = voice?.durations;
  return fitted && fitted.length === planned.length ? fitted : planned;
}

/**
 * One line per scene, measured before any scene is generated: lines that do not fit their scene
 * (voice-fit.ts) first get seconds from scenes with room to spare; lines that still do not fit are
 * shortened by the writer and spoken again (at most twice). The fitted lengths go to the scenes
 * and the timeline, so no line crosses a cut and the end of the ad cuts none.
 */
export async function voiceoverStage(env: StageEnv, ctx: StageContext): Promise<VoiceoverOutput> {
  const { storyboard } = ctx.output('storyboard');
  if (env.brief.voice === 'none') return { lines: [], unavailable: 'The brief asks for no voice: narration is shown as captions.', unavailableKind: 'brief' };
  if (!env.family.speech) {
    const why = env.family.speechUnavailableReason ?? `Voiceover unavailable with the ${env.family.name} provider: narration is shown as captions.`;
    ctx.note(why);
    return { lines: [], unavailable: why, unavailableKind: 'no-voice' };
  }
  const speech = env.family.speech;
  const voice = env.brief.voice;
  const scenes = storyboard.scenes;
  let durations = scenes.map((s) => s.durationSeconds);
  const total = scenes.filter((s) => speakable(s.voiceover)).length;
  let finished = 0;
  const speak = async (sceneIndex: number, text: string, key: string, maxSeconds: number): Promise<VoiceLine> => {
    const [m, timingFile] = await runJob(env, ctx, key, speech, { text, voice, language: briefLanguage(env.brief), maxSeconds: Math.max(1, maxSeconds) });
    const probe = await probeMedia(env.ffprobePath, m!.path, { signal: ctx.signal });
    const seconds = probe.durationS ?? durations[sceneIndex - 1]!;
    // Where the speech ends and when each caption word is said (line-timing.ts: the engine's own timing, else the audio's pauses).
    return { sceneIndex, text, media: m!.sha256, seconds, ...(await timeSpokenLine(env.ffmpegPath, m!.path, seconds, text, timingFile?.path, ctx.signal)) };
  };
  // One paid job per line, all at once (each line's job id is recorded under its own key).
  const windows = lineWindows(durations, CROSSFADE_SECONDS);
  let lines: VoiceLine[];
  try {
    lines = await Promise.all(
      scenes
        .filter((s) => speakable(s.voiceover))
        .map(async (s) => {
          const line = await speak(s.index, s.voiceover, `line:${s.index}`, windows[s.index - 1]!);
          ctx.progress(0.8 * percentOf(++finished, total));
          return line;
        }),
    );
  } catch (err) {
    // The machine's own voice engine broke (a paid voice keeps failing the run as before): the
    // ad is still made, with captions, and says why.
    const e = toErrorShape(err);
    if (env.family.name !== 'offline' || ctx.signal.aborted || e.code === 'CANCELLED') throw err;
    const why = `The offline voice failed (${e.message.slice(0, 200)}): the ad has captions only.`;
    ctx.note(why);
    return { lines: [], unavailable: why, unavailableKind: 'failed' };
  }
  const byScene = (): Array<number | null> => scenes.map((s) => lines.find((l) => l.sceneIndex === s.index)?.speechSeconds ?? null);
  durations = rebalance(durations, byScene(), CROSSFADE_SECONDS, MIN_SCENE_SECONDS, env.plan.maxSceneSeconds);
  for (let round = 1; round <= 2; round++) {
    const over = overflowing(durations, byScene(), CROSSFADE_SECONDS);
    if (!over.length) break;
    const w = lineWindows(durations, CROSSFADE_SECONDS);
    const input: VoiceoverInput = {
      brief: env.brief,
      lines: over.map((i) => {
        const l = lines.find((x) => x.sceneIndex === i + 1)!;
        return { index: i + 1, text: l.text, maxWords: wordBudget(wordCount(speakable(l.text)), l.speechSeconds!, w[i]!), maxSeconds: Math.floor(w[i]! * 10) / 10 };
      }),
    };
    const r = await completeJson('voiceover', env.family.text, { task: 'voiceover', system: SYSTEM.voiceover, user: userMessage('voiceover', input), input }, VoiceoverEdit, callContext(ctx, `text:${round}`), (fn) => retrying(env, ctx, fn));
    await Promise.all(
      input.lines.map(async (want) => {
        const edit = r.value.lines.find((e) => e.index === want.index);
        if (!edit || !speakable(edit.text)) return;
        const at = lines.findIndex((l) => l.sceneIndex === want.index);
        const before = lines[at]!;
        const shorter = await speak(want.index, edit.text.trim(), `line:${want.index}:short${round}`, want.maxSeconds);
        ctx.note(`voiceover: scene ${want.index}'s line took ${before.speechSeconds!.toFixed(1)} s of its ${want.maxSeconds} s; the writer shortened it ("${shorter.text}", ${shorter.speechSeconds!.toFixed(1)} s).`);
        lines[at] = { ...shorter, shortened: true };
      }),
    );
    durations = rebalance(durations, byScene(), CROSSFADE_SECONDS, MIN_SCENE_SECONDS, env.plan.maxSceneSeconds);
  }
  for (const i of overflowing(durations, byScene(), CROSSFADE_SECONDS)) {
    ctx.note(`voiceover: scene ${i + 1}'s line is still longer than its scene after shortening; the check will report it.`);
  }
  if (durations.some((d, i) => d !== scenes[i]!.durationSeconds)) ctx.note(`voiceover: scene lengths fitted to the lines: ${scenes.map((s) => s.durationSeconds).join('+')} → ${durations.join('+')} s.`);
  const described = await env.family.describeSpeech?.({ voice, language: briefLanguage(env.brief) });
  if (described) ctx.note(described);
  ctx.progress(100);
  return { lines, unavailable: null, durations };
}

export interface TrackOutput {
  media: string;
  seconds: number;
  /** Set when the music service did not deliver and the ad uses the offline music bed instead: why. */
  fallback?: string;
}

/**
 * The music bed. When the family's music service does not deliver (unreachable, refused, the
 * model failed twice), the ad still finishes: the offline music bed is made here, on this
 * machine, and the run says so. A cancel is still a cancel.
 */
export async function musicStage(env: StageEnv, ctx: StageContext): Promise<TrackOutput> {
  const prompts = ctx.output('prompts');
  const bible = ctx.output('bible').bible;
  const seconds = env.brief.lengthSeconds;
  // The prompt names a tempo, which the timeline checks the detected one against (music-grid.ts).
  const req = { prompt: tempoPrompt(prompts.music.prompt, bible.energyLevel).prompt, durationSeconds: seconds, energyLevel: bible.energyLevel, seed: env.seed };
  try {
    const [m] = await runJob(env, ctx, 'music', env.family.music, req);
    const probe = await probeMedia(env.ffprobePath, m!.path, { signal: ctx.signal });
    return { media: m!.sha256, seconds: probe.durationS ?? seconds };
  } catch (err) {
    const why = toErrorShape(err);
    if (ctx.signal.aborted || why.code === 'CANCELLED' || env.family.name === 'offline') throw err;
    const fallback = `The music service did not answer (${why.message.slice(0, 200)}); this ad uses the offline music bed. Regenerate the ad later for generated music.`;
    ctx.note(fallback);
    const file = await synthesizeMusic(env.ffmpegPath, path.join(ctx.workDir, 'music-bed.wav'), { durationSeconds: seconds, energyLevel: req.energyLevel, seed: req.seed, signal: ctx.signal });
    const stored = await env.media.putFile(file);
    return { media: stored.sha256, seconds, fallback };
  }
}

export async function sfxStage(env: StageEnv, ctx: StageContext): Promise<TrackOutput> {
  const prompts = ctx.output('prompts');
  const [m] = await runJob(env, ctx, 'sfx', env.family.sfx, { prompt: prompts.sfx.prompt, durationSeconds: 0.8, seed: env.seed });
  const probe = await probeMedia(env.ffprobePath, m!.path, { signal: ctx.signal });
  return { media: m!.sha256, seconds: probe.durationS ?? 0.8 };
}
