/**
 * Offline scenes (the free animatic, issue 20): each scene is several shots made from the
 * product images — pops, push-ins, slide-ins, macro crops, parallax with the product cut out,
 * tilts, brand-colour fields — cut on the music's beat, rendered by ONE FFmpeg process per scene
 * (shot-graph.ts builds its graph). The shot list comes with the request (animatic/shots.ts,
 * planned for the whole ad so no two shots in a row look alike); a request without one gets a
 * plan for its scene alone.
 *
 * No text is burnt in: titles, the hook line, captions and the end card are timeline text (the
 * editor changes them, every aspect lays them out afresh). The product's resting place is the
 * layout's stage (slots.ts), so text never covers it; the CTA scene ends on a field (no product) under
 * the end card, whose product shot is a timeline overlay.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runFfmpeg } from '../../ffmpeg/run';
import type { Percent } from '../../../shared/progress';
import { slotLayout, type AspectPreset, type Rect } from '../../../shared/timeline';
import { OFFLINE_BPM } from '../../animatic/beat';
import { planAnimatic, type Shot } from '../../animatic/shots';
import { accentOf, mix } from '../../stages/colors';
import { gradeFilter } from '../../style/grade';
import { COLOR_TAGS } from '../../compose/graph';
import { TO_BT709 } from '../../compose/video';
import type { VideoRequest } from '../types';
import { closeUp, drawsAsCloseUp, withoutFlatCloseUps, type CloseUpPlan, type CloseUpText } from './close-up';
import { productColour, productLook, type ProductLook } from './product-look';
import { sceneFields } from './field-colours';
import { productStage, safeRectPx, stageFor, uiStageFor } from './product-stage';
import { analyzeImage } from '../../images/product-image';
import { pictureSize } from '../../images/header-size';
import { sceneGraph, type SceneGraphInput } from './shot-graph';

export const SCENE_FPS = 30;

export function presetOf(W: number, H: number): AspectPreset {
  return H > W ? '9:16' : H === W ? '1:1' : '16:9';
}

/** The shots of this request's scene: the ad's plan when given, else one planned for it alone. */
export function shotsFor(req: VideoRequest): NonNullable<VideoRequest['animatic']> {
  if (req.animatic) return req.animatic;
  const plan = planAnimatic({
    roles: [req.scene.role],
    durations: [req.durationSeconds],
    fps: SCENE_FPS,
    grid: { bpm: OFFLINE_BPM, offsetS: 0 },
    seed: req.seed,
    images: req.scene.productImages.length,
    // A CTA scene on its own still ends on the field the end card sits on.
    endCardSeconds: req.scene.role === 'cta' && req.scene.index === req.scene.count ? 2.8 : 0,
  });
  const s = plan.scenes[0]!;
  return { shots: s.shots, wipeIn: false, wipeOut: false, lead: 0 };
}

/**
 * The scene's text over a close-up (which fills the frame): the title and caption slots and the
 * stage's middle, as fractions of the frame — the close-up rests its detail where the text is not.
 */
export function closeUpText(preset: AspectPreset, plate: string): CloseUpText {
  const { width, height, slots, stage } = slotLayout(preset);
  const frac = (r: { x: number; y: number; w: number; h: number }) => ({ x: r.x / width, y: r.y / height, w: r.w / width, h: r.h / height });
  return {
    slots: [slots.title, slots.caption].flatMap((r) => (r ? [frac(r)] : [])),
    focus: { x: (stage.x + stage.w / 2) / width, y: (stage.y + stage.h / 2) / height },
    behind: plate,
  };
}

/** A screenshot (a UI picture, images/product-image.ts `isScreenshot`): shown whole in the safe area, its close-up its most readable region. */
async function isUiPicture(ffmpegPath: string, file: string, look: ProductLook, size: { width: number; height: number } | null, scratch: string, signal?: AbortSignal): Promise<boolean> {
  if (!size || look.cutout !== 'none') return false;
  return !!(await analyzeImage(ffmpegPath, file, size, scratch, signal).catch(() => null))?.screenshot;
}

async function graphInput(ffmpegPath: string, req: VideoRequest, shots: Shot[], workDir: string, signal?: AbortSignal): Promise<{ input: Omit<SceneGraphInput, 'shots' | 'wipeIn' | 'wipeOut' | 'lead'>; files: string[] }> {
  const W = req.resolution.width;
  const H = req.resolution.height;
  const unit = Math.min(W, H) / 1080;
  const accent = accentOf(req.style.colors);
  const files = [req.startImage];
  const products = new Map<number, { input: number; look: ProductLook; closeUp?: CloseUpPlan; place: { stage: Rect; growth: number; ui?: { safe: Rect; motion: number } } }>();
  const images = req.scene.productImages;
  const plate = mix(accent, '#FFFFFF', 0.86);
  const text = closeUpText(presetOf(W, H), plate);
  // The fields (split colour, backdrop tint) vary scene by scene and stand apart from the product's own colour.
  const { tint, field } = sceneFields(images.length ? await productColour(ffmpegPath, images[0]!, workDir, signal) : null, req.style.colors, req.scene.index);
  for (const s of shots) {
    if (s.kind === 'field' || products.has(s.image)) continue;
    const file = images[s.image % images.length]!;
    const look = await productLook(ffmpegPath, file, workDir, signal);
    const macro = shots.some((x) => x.kind === 'macro' && x.image === s.image);
    // The product's own shape (its cut-out box when it has one) picks its stage: a wide one in a tall frame gets the frame's width.
    const size = await pictureSize(file).catch(() => null);
    const box = look.cutout === 'none' ? { w: 1, h: 1 } : look.box;
    const aspect = size ? (size.width * box.w) / (size.height * box.h) : null;
    // A screenshot (a UI picture) stays whole inside the safe area in every move (product-stage.ts uiStageFor),
    // and its close-up is its most readable region (screenshot-close-up.ts readableWindow).
    const ui = await isUiPicture(ffmpegPath, file, look, size, path.join(workDir, `ui-look-${s.image}.rgba`), signal);
    const preset = presetOf(W, H);
    const uiPlace = ui && size ? uiStageFor(preset, unit, size) : null;
    const place = uiPlace ? { stage: uiPlace.stage, growth: uiPlace.growth, ui: { safe: safeRectPx(preset, unit), motion: uiPlace.motion } } : stageFor(preset, unit, aspect);
    products.set(s.image, { input: files.length, look, closeUp: macro ? await closeUp(ffmpegPath, file, look, W / H, workDir, signal, text, ui) : undefined, place });
    files.push(file);
  }
  return {
    files,
    input: {
      W,
      H,
      fps: SCENE_FPS,
      ...productStage(presetOf(W, H), unit),
      textSlots: text.slots.map((b) => ({ x: Math.round(b.x * W), y: Math.round(b.y * H), w: Math.round(b.w * W), h: Math.round(b.h * H) })),
      margin: Math.round((Math.max(W, H) * 0.06) / 2) * 2,
      accent,
      field,
      top: mix(tint, '#000000', 0.2),
      bottom: mix(tint, '#000000', 0.72),
      plate,
      disc: mix(accent, '#FFFFFF', 0.35),
      startInput: 0,
      products,
      // An approved brand look (issue 9) is graded inside this one encode, not in a second pass.
      grade: req.brandStyle?.kind === 'grade' ? gradeFilter(req.brandStyle.grade) : undefined,
      toYuv: TO_BT709,
    },
  };
}

/**
 * The close-ups among a scene's shots whose text needs a plate: close-up.ts measured the picture
 * behind the title and caption slots (bright, or busy with the product's own lettering) and how
 * dark a plate keeps white text at 4.5:1. Frames are the scene clip's (shot.start). The timeline
 * puts that plate behind the text items over them (assemble.ts) — sized to each text's box — so
 * the scene draws no band across the frame. Same measurements as the render (cached per picture).
 */
export async function closeUpPlates(ffmpegPath: string, a: { preset: AspectPreset; colors: string[]; images: string[]; shots: Shot[]; workDir: string; signal?: AbortSignal }): Promise<Array<{ start: number; frames: number; opacity: number }>> {
  const text = closeUpText(a.preset, mix(accentOf(a.colors), '#FFFFFF', 0.86));
  const { width, height } = slotLayout(a.preset);
  const out: Array<{ start: number; frames: number; opacity: number }> = [];
  for (const s of a.shots) {
    if (s.kind !== 'macro' || !a.images.length) continue;
    const file = a.images[s.image % a.images.length]!;
    const look = await productLook(ffmpegPath, file, a.workDir, a.signal);
    // The same close-up the scene draws: a screenshot's is its most readable region (graphInput).
    const ui = await isUiPicture(ffmpegPath, file, look, await pictureSize(file).catch(() => null), path.join(a.workDir, `ui-plate-${s.image}.rgba`), a.signal);
    const c = await closeUp(ffmpegPath, file, look, width / height, a.workDir, a.signal, text, ui);
    // A close-up that does not read is drawn as another template (drawable), with nothing bright behind the text.
    if (!drawsAsCloseUp(c) || c.scrim <= 0) continue;
    out.push({ start: s.start, frames: s.frames, opacity: c.scrim });
  }
  return out;
}

/** The shots as drawn: a close-up of a product with no part that reads (lettering, texture) becomes another template. */
function drawable(input: Pick<SceneGraphInput, 'products'>, shots: Shot[]): Shot[] {
  return withoutFlatCloseUps(shots, (image) => {
    const c = input.products.get(image)?.closeUp;
    return !!c && !drawsAsCloseUp(c);
  });
}

/** The scene clip: one FFmpeg process. */
export async function renderScene(
  ffmpegPath: string,
  req: VideoRequest,
  out: string,
  workDir: string,
  opts: { signal?: AbortSignal; onProgress?: (percent: Percent) => void } = {},
): Promise<string> {
  const { shots, wipeIn, wipeOut, lead } = shotsFor(req);
  const frames = shots.reduce((s, x) => s + x.frames, 0);
  const { input, files } = await graphInput(ffmpegPath, req, shots, workDir, opts.signal);
  const script = path.join(workDir, 'scene.filter');
  await writeFile(script, sceneGraph({ ...input, shots: drawable(input, shots), wipeIn, wipeOut, lead }));
  await runFfmpeg({
    ffmpegPath,
    args: [
      ...files.flatMap((f) => ['-i', f]),
      '-filter_complex_script', script,
      '-map', '[out]',
      '-frames:v', String(frames),
      '-r', String(SCENE_FPS),
      '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '18', '-pix_fmt', 'yuv420p', ...COLOR_TAGS,
      '-movflags', '+faststart',
    ],
    output: out,
    durationS: frames / SCENE_FPS,
    signal: opts.signal,
    onProgress: opts.onProgress ? (r) => opts.onProgress!(r.percent) : undefined,
  });
  return out;
}

/**
 * One still in the animatic's look (the offline reference frames): a frame of a single shot.
 * `variant` moves the camera the other way and takes another moment of the shot (a picture made
 * again: the same scene, seen differently).
 */
export async function renderStill(ffmpegPath: string, req: VideoRequest, kind: Shot['kind'], out: string, workDir: string, signal?: AbortSignal, variant?: { dir: 1 | -1; atSeconds: number; image: number }): Promise<string> {
  const image = ((req.scene.index - 1 + (variant?.image ?? 0)) % req.scene.productImages.length + req.scene.productImages.length) % req.scene.productImages.length;
  const shots: Shot[] = [{ kind, start: 0, frames: SCENE_FPS, image, dir: variant?.dir ?? 1 }];
  const { input, files } = await graphInput(ffmpegPath, req, shots, workDir, signal);
  const script = path.join(workDir, 'still.filter');
  await writeFile(script, sceneGraph({ ...input, shots: drawable(input, shots), wipeIn: false, wipeOut: false, lead: 0 }));
  // The middle of the shot: the product at rest.
  await runFfmpeg({ ffmpegPath, args: [...files.flatMap((f) => ['-i', f]), '-filter_complex_script', script, '-map', '[out]', '-ss', String(variant?.atSeconds ?? 0.5), '-frames:v', '1'], output: out, signal });
  return out;
}
