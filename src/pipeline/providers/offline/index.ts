/**
 * The built-in offline provider family: no account, no network, deterministic, real media.
 * Jobs are "free": `submit` only names the job (a hash of the request), `wait` renders locally —
 * so after a crash a job is simply rendered again with the same result.
 */
import { createHash } from 'node:crypto';
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { findModel, type CatalogModel } from '../catalog';
import type { CallContext, ImageRequest, JobOutput, JobProvider, MusicRequest, ProviderFamily, SfxRequest, SpeechRequest, Submitted, VideoRequest } from '../types';
import { synthesizeMusic, synthesizeWhoosh } from './audio-synth';
import { renderScene, renderStill } from './scene-render';
import { resolveVoice, speakToFile, WORD_TIMING_KIND } from './speech';
import { detectSystemVoice, localeFor, noVoiceReason } from './system-voice';
import { OfflineText } from './text';
import { offlineModel } from './model';
import { offlineTraining } from './training';
import { gradeImage } from '../../style/grade';

function jobIdFor(kind: string, req: unknown): string {
  return `offline:${kind}:${createHash('sha256').update(JSON.stringify(req)).digest('hex').slice(0, 16)}`;
}

function offlineJob<Req>(kind: string, model: CatalogModel, render: (req: Req, ctx: CallContext) => Promise<string[]>): JobProvider<Req> {
  return {
    model,
    async submit(req: Req): Promise<Submitted> {
      return { jobId: jobIdFor(kind, req), costCents: 0 };
    },
    async wait(_jobId: string, req: Req, ctx: CallContext): Promise<JobOutput> {
      return { files: await render(req, ctx) };
    },
  };
}

/** Shots a keyframe made again may be seen through (the offline engine's own; not the end card's field). */
const REMADE_SHOTS = ['slide', 'push', 'tilt', 'split', 'macro', 'parallax', 'pop'] as const;

/**
 * A keyframe made again offline (issue 21): its seed (new per version) and its prompt (the user
 * may have edited it) choose another shot, camera direction, moment and product picture — the
 * same scene, visibly another picture, and the same one again for the same seed and prompt.
 */
export function remade(seed: number, prompt: string): { kind: (typeof REMADE_SHOTS)[number]; dir: 1 | -1; atSeconds: number; image: number } {
  const h = createHash('sha256').update(`${seed}\n${prompt}`).digest();
  return { kind: REMADE_SHOTS[h[0]! % REMADE_SHOTS.length]!, dir: h[1]! % 2 ? 1 : -1, atSeconds: 0.15 + (h[2]! / 255) * 0.7, image: h[3]! % 4 };
}

export interface OfflineOptions {
  ffmpegPath: string;
  /** Where to look for the system voice (default: this process's PATH). */
  env?: NodeJS.ProcessEnv;
}

export function offlineFamily(opts: OfflineOptions): ProviderFamily {
  const ff = opts.ffmpegPath;
  const video = offlineJob<VideoRequest>('video', findModel('offline/motion-stills'), async (req, ctx) => {
    // An approved brand look (issue 9) is graded inside the scene's own encode (scene-render.ts).
    return [await renderScene(ff, req, path.join(ctx.workDir, 'scene.mp4'), ctx.workDir, { signal: ctx.signal, onProgress: ctx.onProgress })];
  });
  const image = offlineJob<ImageRequest>('image', offlineModel('offline/style-frames', 'image'), async (req, ctx) => {
    // A keyframe is the offline engine's own still of its scene's role, on the previous keyframe's backdrop.
    const key = req.keyframe;
    const role = key ? key.role : req.kind === 'hero' ? 'setup' : req.kind === 'detail' ? 'climax' : 'exploration';
    const index = key ? key.index : ['hero', 'detail', 'lifestyle', 'alternate'].indexOf(req.kind) + 1;
    const vreq: VideoRequest = {
      prompt: req.prompt,
      negativePrompt: '',
      startImage: req.reference ?? req.productImages[0]!,
      durationSeconds: 1,
      aspect: req.aspect,
      resolution: req.resolution,
      seed: req.seed,
      styleStrength: 0.8,
      style: req.style,
      scene: { index, count: key ? key.count + 1 : 4, title: '', role, camera: '', productImages: req.productImages, brandName: '', cta: '' },
    };
    const made = key?.version && key.version > 1 ? remade(req.seed, req.prompt) : undefined;
    const out = path.join(ctx.workDir, key ? `keyframe-${key.index}${made ? `-v${key.version}` : ''}.png` : `${req.kind}.png`);
    await renderStill(ff, vreq, made?.kind ?? (req.kind === 'detail' ? 'macro' : 'parallax'), out, ctx.workDir, ctx.signal, made);
    if (req.brandStyle?.kind !== 'grade') return [out];
    return [await gradeImage(ff, out, path.join(ctx.workDir, `${path.basename(out, '.png')}-styled.png`), req.brandStyle.grade, ctx.signal)];
  });
  // The operating system's own voice, run as a separate program (Zapcut bundles no speech engine).
  const system = detectSystemVoice(opts.env ?? process.env);
  const speech = offlineJob<SpeechRequest>('speech', offlineModel('offline/system-voice', 'speech', 'The operating system\'s speech engine (say, Windows speech, or a user-installed espeak-ng/flite).'), async (req, ctx) => {
    const out = path.join(ctx.workDir, `voice-${createHash('sha1').update(req.text).digest('hex').slice(0, 8)}.wav`);
    const spoken = await speakToFile(req, out, { ffmpegPath: ff, signal: ctx.signal, system });
    if (!spoken.words) return [out];
    // The engine's own word timing travels beside the audio (audio.ts reads it; word-align.ts otherwise).
    const timing = out.replace(/\.wav$/u, '.words.json');
    await writeFile(`${timing}.tmp`, JSON.stringify({ kind: WORD_TIMING_KIND, engine: system!.engine, words: spoken.words }), 'utf8');
    await rename(`${timing}.tmp`, timing);
    return [out, timing];
  });
  const music = offlineJob<MusicRequest>('music', offlineModel('offline/chord-bed', 'music'), async (req, ctx) => [
    await synthesizeMusic(ff, path.join(ctx.workDir, 'music.wav'), { durationSeconds: req.durationSeconds, energyLevel: req.energyLevel, seed: req.seed, signal: ctx.signal }),
  ]);
  const sfx = offlineJob<SfxRequest>('sfx', offlineModel('offline/whoosh', 'sfx'), async (req, ctx) => [
    await synthesizeWhoosh(ff, path.join(ctx.workDir, 'whoosh.wav'), { durationSeconds: req.durationSeconds, seed: req.seed, signal: ctx.signal }),
  ]);
  return {
    name: 'offline',
    text: new OfflineText(),
    image,
    video,
    speech: system ? speech : undefined,
    speechUnavailableReason: system ? undefined : noVoiceReason(),
    async describeSpeech(req) {
      if (!system) return null;
      const { voice, matched } = await resolveVoice(system, req);
      const wanted = localeFor(req.language ?? 'en', req.voice);
      const used = `${system.engine}${voice ? ` voice ${voice}` : ''}`;
      return matched ? `Offline voice: ${used} (${system.bin}).` : `Offline voice: ${system.engine} on this machine has no ${wanted} voice; the lines are spoken with ${used}.`;
    },
    music,
    sfx,
    training: offlineTraining(ff),
    // Measured on the 2-core build machine (1080p); refined by the engine as steps finish.
    expectations: { text: 0.05, image: 1.5, videoPerSecond: 0.5, videoFixed: 0.8, speech: 0.8, music: 2, sfx: 0.2, exportPerSecond: 0.8 },
  };
}
