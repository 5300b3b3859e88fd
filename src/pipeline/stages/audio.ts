/**
 * Voiceover (one line per scene), music bed and transition SFX. None of them depends on the
 * scenes, so they run beside the scene chain (the engine starts them once their inputs are done).
 */
import type { StepContext } from '../engine/executor';
import { probeMedia } from '../ffmpeg/probe';
import { runJob, type StageEnv } from './env';
import { speakable } from './copy';
import type { StoryboardOutput } from './creative';
import type { ScenePrompts } from './schemas';

export interface VoiceLine {
  sceneIndex: number;
  text: string;
  media: string;
  seconds: number;
  /** Each caption word and when it is spoken (seconds from the line's start), from the speech engine or aligned to the audio. */
  words?: { text: string; startS: number; endS: number }[];
  /** Seconds of actual speech (the audio without its trailing silence), when measured. */
  speechSeconds?: number;
}

export interface VoiceoverOutput {
  lines: VoiceLine[];
  /** Why there is no voice (captions still carry the narration). */
  unavailable: string | null;
}

export async function voiceoverStage(env: StageEnv, ctx: StepContext): Promise<VoiceoverOutput> {
  const { storyboard } = ctx.output<StoryboardOutput>('storyboard');
  if (env.brief.voice === 'none') return { lines: [], unavailable: 'The brief asks for no voice: narration is shown as captions.' };
  if (!env.family.speech) return { lines: [], unavailable: `Voiceover unavailable with the ${env.family.name} provider (${env.family.speechUnavailableReason ?? 'no speech engine'}): narration is shown as captions.` };
  const speech = env.family.speech;
  const voice = env.brief.voice;
  let finished = 0;
  // One paid job per line, all at once (each line's job id is recorded under its own key).
  const spoken = await Promise.all(
    storyboard.scenes
      .filter((s) => speakable(s.voiceover))
      .map(async (s): Promise<VoiceLine> => {
        const [m] = await runJob(env, ctx, `line:${s.index}`, speech, { text: s.voiceover, voice, maxSeconds: Math.max(1.5, s.durationSeconds - 0.6) });
        const probe = await probeMedia(env.ffprobePath, m!.path, { signal: ctx.signal });
        ctx.progress(++finished / storyboard.scenes.length);
        return { sceneIndex: s.index, text: s.voiceover, media: m!.sha256, seconds: probe.durationS ?? s.durationSeconds };
      }),
  );
  const lines = spoken;
  if (env.family.name === 'offline' && env.brief.voice === 'australian') ctx.note('Offline voice: no Australian English voice in eSpeak NG; used British English.');
  return { lines, unavailable: null };
}

export interface TrackOutput {
  media: string;
  seconds: number;
}

export async function musicStage(env: StageEnv, ctx: StepContext): Promise<TrackOutput> {
  const prompts = ctx.output<ScenePrompts>('prompts');
  const bible = ctx.output<{ bible: { energyLevel: number } }>('bible').bible;
  const seconds = env.brief.lengthSeconds;
  const [m] = await runJob(env, ctx, 'music', env.family.music, { prompt: prompts.music.prompt, durationSeconds: seconds, energyLevel: bible.energyLevel, seed: env.seed });
  const probe = await probeMedia(env.ffprobePath, m!.path, { signal: ctx.signal });
  return { media: m!.sha256, seconds: probe.durationS ?? seconds };
}

export async function sfxStage(env: StageEnv, ctx: StepContext): Promise<TrackOutput> {
  const prompts = ctx.output<ScenePrompts>('prompts');
  const [m] = await runJob(env, ctx, 'sfx', env.family.sfx, { prompt: prompts.sfx.prompt, durationSeconds: 0.8, seed: env.seed });
  const probe = await probeMedia(env.ffprobePath, m!.path, { signal: ctx.signal });
  return { media: m!.sha256, seconds: probe.durationS ?? 0.8 };
}
