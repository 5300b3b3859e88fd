/**
 * Scenes: sequential image-to-video jobs. Scene N starts from the last frame of scene N−1 and its
 * prompt is first rewritten by the continuity agent (seed 004, agent 6), who looks at that frame;
 * what it changed is kept in the step output so the user can see it. Durations snap to what the
 * video model accepts; the unused tail is trimmed in the timeline and reported as wasted seconds.
 */
import { runFfmpeg } from '../ffmpeg/run';
import path from 'node:path';
import type { StageContext } from './outputs';
import { completeJson } from '../engine/model-json';
import { snapDuration } from '../providers/catalog';
import type { SnappedDuration } from '../../shared/models/video';
import type { VideoRequest } from '../providers/types';
import { callContext, mediaPath, retrying, runJob, type StageEnv } from './env';
import { styleOf } from './creative';
import { extractPalette, meanBrightness } from './media-analysis';
import { accentOf, mix } from './colors';
import { flattenAlpha } from '../images/alpha';
import { SYSTEM, userMessage } from './prompts-text';
import { ContinuityEdit } from './schemas';
import { sceneDurations } from './audio';
import type { ContinuityInput } from './text-inputs';
import type { Storyboard } from './schemas';
import { OFFLINE_BPM } from '../animatic/beat';
import { planAnimatic, type AnimaticPlan } from '../animatic/shots';
import { SCENE_FPS } from '../providers/offline/scene-render';
import { END_CARD_SECONDS } from './ad-text';

export { CROSSFADE_SECONDS } from './plan';
import { CROSSFADE_SECONDS } from './plan';
import { ctaOf } from './language';
import { gateReasonText, gateReasons, measureScene, type SceneGateRecord } from '../quality/scene-gate';
import { aspectRatio, generationFrame } from '../../shared/models/video';
import { secondsToFrames } from '../../shared/timeline';
import { probeMedia } from '../ffmpeg/probe';

/** Frames a second of a generated ad's timeline (assemble.ts); a retimed scene is made at it. */
export const AD_FPS = 30;

export interface ContinuityRecord {
  fromScene: number;
  driftDetected: boolean;
  observedColors: string[];
  brightness: number;
  notes: string;
  promptBefore: string;
  promptAfter: string;
  styleStrengthBefore: number;
  styleStrengthAfter: number;
}

export interface SceneOutput {
  index: number;
  media: string;
  lastFrame: string;
  /** Seconds of the clip the timeline uses (storyboard duration + crossfade handle). */
  usedSeconds: number;
  requestedSeconds: number;
  wastedPaidSeconds: number;
  shortBySeconds: number;
  prompt: string;
  styleStrength: number;
  jobId: string;
  continuity: ContinuityRecord | null;
  /** The continuity and quality gate's measurement of the delivered clip (null offline: a re-render is identical). */
  gate?: SceneGateRecord | null;
  /** Made between keyframe `index` and `index + 1` (anchors.ts). */
  anchored?: boolean;
  /**
   * An anchored clip played faster (or slower) to fill exactly the seconds the timeline uses, so
   * its last frame — the next keyframe — is the last one seen (`retimeClip`). `media` is then the
   * retimed clip; `delivered` the model's own (the one the gate measured).
   */
  retimed?: { fromSeconds: number; toSeconds: number; speed: number; delivered: string };
}

/**
 * An anchored clip of whatever length the model made, played at the speed that puts its last
 * frame (the next keyframe) on the last frame the timeline shows of it: the clip's timestamps are
 * scaled (`-itsscale`, the picture copied, not re-encoded: a re-encode at CRF 16 lost 0.02 SSIM
 * of the keyframe on the tests' small frames), so its first frame stays at 0 and its last lands on
 * frame `seconds × AD_FPS − 1`, which is where the composition (resampling to AD_FPS) takes it.
 * Why retime and not plan: the scene lengths are fitted to the voice lines after planning
 * (audio.ts), and the models' lengths are sparse (Hailuo-02 6/10 s, 6 s only at 1080p; Kling
 * 5/10 s; Veo 4/6/8 s), so often no split of the ad makes every clip an allowed length (15 s in
 * three scenes on 6 s clips: 5 + 5 + 6 = 16). Retiming always fits, costs no model call, and the
 * speed change is bounded by the snap (the shortest allowed length covering the scene: at most
 * 10 ÷ 6 ≈ 1.7× on Kling, 8 ÷ 6 ≈ 1.3× on Veo). A sound track keeps pace (atempo).
 */
export async function retimeClip(bins: { ffmpegPath: string; ffprobePath: string }, clip: string, seconds: number, out: string, signal?: AbortSignal): Promise<{ fromSeconds: number; speed: number } | null> {
  const probe = await probeMedia(bins.ffprobePath, clip, { signal });
  const v = probe.video;
  if (!v) throw new Error(`${path.basename(clip)} has no video stream.`);
  const fromSeconds = probe.durationS ?? v.durationS ?? seconds;
  const fps = v.fps ?? AD_FPS;
  const frames = v.frames ?? Math.round(fromSeconds * fps);
  // Where the clip's last frame is, and where the timeline shows its last frame.
  const lastAt = (frames - 1) / fps;
  const seenAt = (secondsToFrames(seconds, AD_FPS) - 1) / AD_FPS;
  if (lastAt <= 0) throw new Error(`${path.basename(clip)} has a single frame: there is nothing to retime.`);
  const scale = seenAt / lastAt;
  if (Math.abs(scale - 1) < 1e-3) return null;
  const speed = 1 / scale;
  const tempo: string[] = [];
  for (let left = speed; Math.abs(left - 1) > 1e-4; ) {
    const f = Math.min(2, Math.max(0.5, left));
    tempo.push(`atempo=${f.toFixed(6)}`);
    left /= f;
  }
  await runFfmpeg({
    ffmpegPath: bins.ffmpegPath,
    args: [
      '-itsscale', scale.toFixed(9), '-i', clip,
      ...(probe.audio ? ['-i', clip, '-map', '0:v:0', '-map', '1:a:0', '-c:v', 'copy', '-af', tempo.join(',') || 'anull', '-c:a', 'aac'] : ['-map', '0:v:0', '-c:v', 'copy', '-an']),
    ],
    output: out,
    signal,
  });
  return { fromSeconds: Math.round(fromSeconds * 1000) / 1000, speed: Math.round(speed * 1000) / 1000 };
}

/**
 * The clip scene `index` of `count` asks the video model for: the seconds the timeline uses (the
 * scene plus the crossfade second riding on every scene but the last) and that length snapped to
 * what the run's model makes at its resolution. The scene stage and the model-matrix system test
 * both ask here, so the test checks the requests the app really sends.
 */
export function sceneClip(env: Pick<StageEnv, 'family' | 'modelResolution'>, index: number, count: number, sceneSeconds: number): { used: number; snap: SnappedDuration } {
  const used = sceneSeconds + (index < count ? CROSSFADE_SECONDS : 0);
  return { used, snap: snapDuration(env.family.video.model, used, env.modelResolution) };
}

export function sceneExpectedSeconds(env: Pick<StageEnv, 'family' | 'plan' | 'modelResolution'>, index: number): number {
  const snapped = sceneClip(env, index, env.plan.count, env.plan.durations[index - 1]!).snap.requestSeconds;
  return env.family.expectations.videoFixed + env.family.expectations.videoPerSecond * snapped;
}

async function frameAt(env: StageEnv, video: string, seconds: number, out: string, signal: AbortSignal): Promise<string> {
  await runFfmpeg({ ffmpegPath: env.ffmpegPath, args: ['-ss', Math.max(0, seconds).toFixed(3), '-i', video, '-frames:v', '1', '-an', '-c:v', 'png'], output: out, signal });
  return out;
}

/**
 * The offline animatic's shot plan for the whole ad (pure): the scenes at their fitted lengths,
 * each clip with its crossfade handle, which the timeline hides behind a hard cut (assemble.ts).
 */
export function adShotPlan(storyboard: Pick<Storyboard, 'scenes'>, durations: number[], seed: number, images: number): AnimaticPlan {
  return planAnimatic({
    roles: storyboard.scenes.map((s) => s.role),
    durations,
    fps: SCENE_FPS,
    grid: { bpm: OFFLINE_BPM, offsetS: 0 },
    seed,
    images,
    endCardSeconds: END_CARD_SECONDS,
    handleFrames: Math.round(CROSSFADE_SECONDS * SCENE_FPS),
  });
}

/** How a scene is made: from its two keyframes (anchored, jobs limited by `slot`) or from the scene before. */
export interface SceneMode {
  anchored: boolean;
  slot: <T>(fn: () => Promise<T>) => Promise<T>;
}

export function sceneStage(index: number, mode: SceneMode = { anchored: false, slot: (fn) => fn() }) {
  return async (env: StageEnv, ctx: StageContext): Promise<SceneOutput> => {
    const { bible } = ctx.output('bible');
    const { storyboard } = ctx.output('storyboard');
    const prompts = ctx.output('prompts');
    const safety = ctx.output('safety');
    const scene = storyboard.scenes[index - 1]!;
    const count = storyboard.scenes.length;
    // The length fitted to the scene's voice line (audio.ts), not only the storyboard's.
    const seconds = sceneDurations(storyboard, ctx.output('voiceover'))[index - 1]!;
    const { used, snap } = sceneClip(env, index, count, seconds);
    const base = prompts.scenes.find((p) => p.index === index) ?? prompts.scenes[index - 1]!;
    let prompt = base.prompt;
    let styleStrength = 0.82;
    let startImage: string;
    let endImage: string | undefined;
    let continuity: ContinuityRecord | null = null;

    // A scene the creator gave pictures for starts from their first picture and shows theirs.
    const ideaImages = scene.idea ? env.brief.scenes?.[scene.idea - 1]?.images : undefined;
    if (index === 1) for (const n of env.videoNotes ?? []) ctx.note(n);
    if (mode.anchored) {
      // Between its two keyframes: the join with the next scene is designed, not inherited.
      startImage = await mediaPath(env, ctx.output(`keyframe:${index}`).media);
      endImage = await mediaPath(env, ctx.output(`keyframe:${index + 1}`).media);
    } else if (ideaImages?.length) {
      startImage = await flattenAlpha(env, ideaImages[0]!, mix(accentOf(bible.colors), '#000000', 0.45), ctx.workDir, ctx.signal);
      ctx.note(`scene ${index}: starts from the creator's picture for scene idea ${scene.idea} (${path.basename(ideaImages[0]!)})`);
    } else if (index === 1) {
      const refs = ctx.output('references');
      const hero = refs.frames.find((f) => f.kind === 'hero');
      startImage = hero ? await mediaPath(env, hero.media) : env.brief.product.images[0]!;
      // A cut-out's alpha is dropped on the way to a model (a JPEG frame) and in the offline
      // backdrop blur: lay it on the scene's own colour first, or its hidden colour shows.
      startImage = await flattenAlpha(env, startImage, mix(accentOf(bible.colors), '#000000', 0.45), ctx.workDir, ctx.signal);
    } else {
      const prev = ctx.output(`scene:${index - 1}`);
      startImage = await mediaPath(env, prev.lastFrame);
      const palette = await extractPalette(env.ffmpegPath, [startImage], ctx.workDir, { max: 5, signal: ctx.signal });
      const brightness = await meanBrightness(env.ffmpegPath, startImage, ctx.workDir, ctx.signal);
      const input: ContinuityInput = { sceneIndex: index, prompt, bible, observed: { colors: palette.colors, brightness }, previous: storyboard.scenes[index - 2]!, scene };
      const r = await completeJson(
        `scene:${index} (continuity)`,
        env.family.text,
        { task: 'continuity', system: SYSTEM.continuity, user: userMessage('continuity', input), input, images: [startImage] },
        ContinuityEdit,
        callContext(ctx, 'continuity'),
        (fn) => retrying(env, ctx, fn),
      );
      continuity = {
        fromScene: index - 1,
        driftDetected: r.value.driftDetected,
        observedColors: r.value.observedColors.length ? r.value.observedColors : palette.colors,
        brightness: Math.round(brightness * 1000) / 1000,
        notes: r.value.continuityNotes,
        promptBefore: prompt,
        promptAfter: r.value.updatedPrompt,
        styleStrengthBefore: styleStrength,
        styleStrengthAfter: r.value.styleStrength,
      };
      prompt = r.value.updatedPrompt;
      styleStrength = r.value.styleStrength;
      ctx.note(`continuity: ${r.value.continuityNotes}`);
    }

    // Offline scenes are the animatic's shots, planned across the whole ad (animatic/shots.ts):
    // no two alike in a row across scene joins either, one hook, the field under the end card.
    const animatic = env.family.name === 'offline' ? adShotPlan(storyboard, sceneDurations(storyboard, ctx.output('voiceover')), env.seed, env.brief.product.images.length).scenes[index - 1] : undefined;
    const req: VideoRequest = {
      prompt,
      negativePrompt: base.negativePrompt || safety.negativePrompt,
      startImage,
      ...(endImage ? { endImage } : {}),
      durationSeconds: snap.requestSeconds,
      aspect: env.brief.aspect,
      resolution: env.resolution,
      ...(env.modelResolution ? { modelResolution: env.modelResolution } : {}),
      seed: env.seed + index,
      styleStrength,
      style: styleOf(bible),
      ...(env.brandStyle ? { brandStyle: env.brandStyle } : {}),
      scene: { index, count, title: scene.title, role: scene.role, camera: scene.camera, productImages: ideaImages?.length ? ideaImages : env.brief.product.images, brandName: env.brief.brand.name, cta: ctaOf(env.brief) },
      ...(animatic ? { animatic: { shots: animatic.shots, wipeIn: animatic.wipeIn, wipeOut: animatic.wipeOut, lead: animatic.lead } } : {}),
    };
    let [clip] = await mode.slot(() => runJob(env, ctx, 'video', env.family.video, req));
    let gate: SceneGateRecord | null = null;
    if (env.family.name !== 'offline') {
      // The gate (quality/scene-gate.ts): measured on the delivered clip; a failing clip is made once
      // more (its own recorded job, so a restart re-polls it) and the better-judged one is kept.
      const expected = { seconds: snap.requestSeconds, aspect: aspectRatio(generationFrame(env.family.video.model, env.brief.aspect).aspect) };
      const anchors = { first: startImage, ...(endImage ? { last: endImage } : {}) };
      const measure = await measureScene(env, (await mediaPath(env, clip!.sha256)), anchors, ctx.workDir, ctx.signal);
      const reasons = gateReasons(measure, expected);
      const failed = reasons.map(gateReasonText);
      gate = { measure, failed, reasons, regeneratedFrom: null };
      if (failed.length) {
        ctx.note(`scene ${index}: the clip failed the continuity gate (${failed.join('; ')}); generating it once more`);
        const [again] = await mode.slot(() => runJob(env, ctx, 'video#2', env.family.video, { ...req, seed: req.seed + 7919 }));
        const m2 = await measureScene(env, (await mediaPath(env, again!.sha256)), anchors, ctx.workDir, ctx.signal);
        const r2 = gateReasons(m2, expected);
        if (r2.length <= reasons.length) {
          clip = again;
          gate = { measure: m2, failed: r2.map(gateReasonText), reasons: r2, regeneratedFrom: { measure, failed, reasons } };
        } else gate = { measure, failed, reasons, regeneratedFrom: null };
        if (gate.failed.length) ctx.note(`scene ${index}: still ${gate.failed.join('; ')} after one regeneration; kept the better clip`);
      }
    }
    let usedSeconds = Math.min(used, snap.requestSeconds);
    let media = clip!.sha256;
    let file = clip!.path;
    let retimed: SceneOutput['retimed'];
    let wasted = snap.wastedSeconds;
    if (mode.anchored) {
      // Trimmed to the scene, an anchored clip would stop short of its end keyframe and the join
      // would not meet it: the whole clip is played in the scene's seconds instead (retimeClip).
      usedSeconds = used;
      const out = path.join(ctx.workDir, 'retimed.mp4');
      const r = await retimeClip(env, await mediaPath(env, clip!.sha256), used, out, ctx.signal);
      if (r) {
        const stored = await env.media.putFile(out);
        retimed = { fromSeconds: r.fromSeconds, toSeconds: used, speed: r.speed, delivered: clip!.sha256 };
        media = stored.sha256;
        file = out;
        ctx.note(`scene ${index}: the model's ${r.fromSeconds} s clip plays at ${r.speed}× to fill the scene's ${used} s, so it ends on keyframe ${index + 1} (nothing trimmed)`);
      }
      wasted = 0;
    }
    // The next scene continues from the last frame the viewer sees (the trim point), not the clip's end.
    const last = await frameAt(env, file, usedSeconds - 0.1, path.join(ctx.workDir, 'last-frame.png'), ctx.signal);
    const lastFrame = await env.media.putFile(last);
    if (wasted > 0) ctx.note(`scene ${index}: model gives ${snap.requestSeconds}s, ${snap.wastedSeconds}s trimmed (paid, unused)`);
    return {
      index,
      media,
      lastFrame: lastFrame.sha256,
      usedSeconds,
      requestedSeconds: snap.requestSeconds,
      wastedPaidSeconds: wasted,
      shortBySeconds: snap.shortBySeconds,
      prompt,
      styleStrength,
      jobId: (gate?.regeneratedFrom ? ctx.jobs['video#2'] : ctx.jobs.video) ?? '',
      continuity,
      gate,
      anchored: mode.anchored,
      ...(retimed ? { retimed } : {}),
    };
  };
}
