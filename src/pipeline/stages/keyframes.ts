/**
 * Keyframes (issue 21): after the storyboard is approved by safety, the image model pictures every
 * scene boundary — the first frame of each scene and the ad's final frame, `count + 1` pictures —
 * one step each (`keyframe:1` … `keyframe:<count+1>`), in a chain: each keyframe is made with the
 * previous one as its reference image, so palette, light and the product's look carry across
 * (keyframe 1 continues the hero style frame). They are ordinary paid image jobs (runJob: the same
 * reservation and charging path as the style frames), stored in the media store and memoised, so
 * a restart replays finished keyframes and re-polls a recorded one.
 *
 * Models that take a first and a last frame then generate every scene between its two keyframes
 * at once (scenes.ts, anchors.ts). Offline, the keyframe is the offline engine's own still of the
 * scene's role, made from the previous keyframe as its backdrop.
 */
import path from 'node:path';
import type { StageContext } from './outputs';
import { fitToFrame } from '../images/fit-frame';
import type { ImageRequest, SceneRole } from '../providers/types';
import type { CreativeBible } from './schemas';
import { mediaPath, runJob, type StageEnv } from './env';
import { styleOf } from './creative';
import { sceneAnchoring } from './anchors';

export interface KeyframeOutput {
  /** 1-based: keyframe `index` opens scene `index`; `count + 1` is the final frame. */
  index: number;
  media: string;
  prompt: string;
  /** What it was made from: the previous keyframe, or the hero style frame for the first. */
  reference: { kind: 'keyframe' | 'hero' | 'product'; media: string };
  jobId: string;
  /** Made this many times (absent: once); see approval.ts. */
  version?: number;
  /** Not made by the image model: a product image or an uploaded picture the user put here (approval.ts). */
  from?: 'product' | 'upload';
  /** A picture put here, fitted to the ad's frame (images/fit-frame.ts); `media` is the fitted one. */
  fitted?: true;
}

export function keyframeStepId(index: number): `keyframe:${number}` {
  return `keyframe:${index}`;
}

/** The keyframe step ids of an ad with `count` scenes, in order. */
export function keyframeIds(count: number): `keyframe:${number}`[] {
  return Array.from({ length: count + 1 }, (_, i) => keyframeStepId(i + 1));
}

/** The picture prompt of one boundary: the scene's own prompt, told to keep the reference's look. */
export function keyframePrompt(bible: CreativeBible, scenePrompt: string, index: number, count: number, brandStyle?: ImageRequest['brandStyle']): string {
  const moment = index > count ? `The final frame of the ad, closing on: ${scenePrompt}` : `The opening frame of scene ${index} of ${count}: ${scenePrompt}`;
  return `${brandStyle?.kind === 'lora' ? `${brandStyle.triggerWord} style. ` : ''}${bible.brandStyle}, ${bible.lighting}. ${moment} Keep the palette ${bible.colors.join(' ')}, the light and the product exactly as in the reference image.`;
}

/** A product image or an upload in place of a keyframe, letterboxed to the ad's frame and stored. */
async function fitted(env: StageEnv, ctx: StageContext, use: KeyframeOutput, field: string): Promise<KeyframeOutput> {
  const out = path.join(ctx.workDir, `fitted-${use.media.slice(0, 16)}.png`);
  await fitToFrame(env, await mediaPath(env, use.media), out, env.resolution, field, ctx.workDir, ctx.signal);
  return { ...use, media: (await env.media.putFile(out)).sha256, fitted: true };
}

export function keyframeStage(index: number) {
  return async (env: StageEnv, ctx: StageContext): Promise<KeyframeOutput> => {
    const { bible } = ctx.output('bible');
    const { storyboard } = ctx.output('storyboard');
    const prompts = ctx.output('prompts');
    const count = storyboard.scenes.length;
    const scene = storyboard.scenes[Math.min(index, count) - 1]!;
    const base = prompts.scenes.find((p) => p.index === scene.index) ?? prompts.scenes[scene.index - 1]!;
    let reference: KeyframeOutput['reference'];
    if (index > 1) {
      reference = { kind: 'keyframe', media: ctx.output(keyframeStepId(index - 1)).media };
    } else {
      const hero = ctx.output('references').frames.find((f) => f.kind === 'hero');
      reference = hero ? { kind: 'hero', media: hero.media } : { kind: 'product', media: '' };
    }
    const referencePath = reference.media ? await mediaPath(env, reference.media) : env.brief.product.images[0]!;
    const role: SceneRole = index > count ? 'cta' : scene.role;
    // Made again at the user's request (approval.ts): a new job under its own key, maybe a new prompt.
    const edit = env.reviewPictures ? ctx.output('keyframe-edits').edits[String(index)] : undefined;
    // A picture the user swapped in is fitted to the ad's frame; an earlier one brought back (undo) is used as it is (no job).
    if (edit?.use) return edit.use.from && !edit.use.fitted ? fitted(env, ctx, edit.use, bible.colors[0]!) : edit.use;
    const version = edit?.version ?? 1;
    const key = version > 1 ? `image#v${version}` : 'image';
    const req: ImageRequest = {
      prompt: edit?.prompt ?? keyframePrompt(bible, base.prompt, index, count, env.brandStyle),
      kind: 'keyframe',
      productImages: env.brief.product.images,
      reference: referencePath,
      keyframe: { index, count, role, ...(version > 1 ? { version } : {}) },
      aspect: env.brief.aspect,
      resolution: env.resolution,
      style: styleOf(bible),
      seed: env.seed + 100 + index + 1000 * (version - 1),
      ...(env.brandStyle ? { brandStyle: env.brandStyle } : {}),
    };
    if (index === 1) ctx.note(sceneAnchoring(env).why);
    const [m] = await runJob(env, ctx, key, env.family.image, req);
    return { index, media: m!.sha256, prompt: req.prompt, reference, jobId: ctx.jobs[key] ?? '', ...(version > 1 ? { version } : {}) };
  };
}
