/**
 * Offline scenes: real motion clips made with FFmpeg from the product images. Each scene is two
 * FFmpeg runs: (1) a still backdrop (brand-colour gradient + the blurred start frame, which is how
 * scene N visibly continues from scene N−1) and a product card; (2) the clip — the backdrop pans
 * and the card drifts or is pushed in on (zoompan). No text is burnt in: titles, captions and
 * the end card are timeline text (the editor changes them, every aspect lays them out afresh),
 * and the card sits in the layout's `hero` slot so that text never covers it. The CTA scene has
 * no card: the end card's product shot is a timeline overlay.
 *
 * FFmpeg 4.1 cannot animate `scale` over time, so push-ins use zoompan on the small card (cheap)
 * and pans use crop/overlay expressions; looped stills are decoded once (`loop` filter).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runFfmpeg } from '../../ffmpeg/run';
import { slotRect, type AspectPreset } from '../../../shared/timeline';
import { accentOf, hexToRgb, mix } from '../../stages/colors';
import { gradeFilter } from '../../style/grade';
import { COLOR_TAGS } from '../../compose/graph';
import { TO_BT709 } from '../../compose/video';
import type { SceneRole, VideoRequest } from '../types';

export const SCENE_FPS = 30;

export interface SceneLayout {
  W: number;
  H: number;
  cardW: number;
  cardH: number;
  /** Card centre at start/end, as fractions of W/H. */
  from: { x: number; y: number };
  to: { x: number; y: number };
  pushIn: number;
  /** Backdrop pan in pixels over the scene (bg still is bigger than the frame by `margin`). */
  panX: number;
  margin: number;
  /** No product card (the CTA scene: the end card shows the product as an overlay). */
  noCard: boolean;
}

export function layoutFor(role: SceneRole, index: number, W: number, H: number): SceneLayout {
  const preset: AspectPreset = H > W ? '9:16' : H === W ? '1:1' : '16:9';
  const hero = slotRect(preset, 'hero', Math.min(W, H) / 1080)!;
  const margin = Math.round((Math.max(W, H) * 0.06) / 2) * 2;
  const side = index % 2 === 0 ? 1 : -1;
  // The card and its drift stay inside the hero slot: a lateral drift takes 8 % of the slot.
  const drift = role === 'exploration' ? Math.round(hero.w * 0.04) : 0;
  const scale = role === 'climax' ? 1 : 0.92;
  const cardH = Math.round((hero.h * scale) / 2) * 2;
  const cardW = Math.round(Math.min(hero.w - 2 * drift, cardH * 1.25) / 2) * 2;
  const cx = (hero.x + hero.w / 2) / W;
  const cy = (hero.y + hero.h / 2) / H;
  const dx = drift / W;
  const m: Record<SceneRole, { from: { x: number; y: number }; to: { x: number; y: number }; pushIn: number }> = {
    setup: { from: { x: cx, y: cy }, to: { x: cx, y: cy }, pushIn: 0.12 },
    exploration: { from: { x: cx - dx * side, y: cy }, to: { x: cx + dx * side, y: cy }, pushIn: 0 },
    climax: { from: { x: cx, y: cy }, to: { x: cx, y: cy }, pushIn: 0.16 },
    resolution: { from: { x: cx, y: cy }, to: { x: cx, y: cy }, pushIn: 0.06 },
    cta: { from: { x: cx, y: cy }, to: { x: cx, y: cy }, pushIn: 0 },
  };
  return { W, H, cardW, cardH, ...m[role], panX: Math.round(margin * 0.8) * side, margin, noCard: role === 'cta' };
}

const ffColor = (hex: string, alpha = 1) => `0x${hex.replace('#', '')}${alpha < 1 ? `@${alpha}` : ''}`;

/** geq expression for one channel of a vertical gradient with a soft vignette. */
function gradientChannel(top: number, bottom: number): string {
  return `clip((${top}+(${bottom - top})*Y/H)*(1.18-0.75*hypot(X/W-0.5\\,Y/H-0.42)),0,255)`;
}

export interface PreparedScene {
  backdrop: string;
  card: string;
}

/** Run 1: backdrop + card stills. */
export async function prepareScene(ffmpegPath: string, req: VideoRequest, L: SceneLayout, workDir: string, signal?: AbortSignal): Promise<PreparedScene> {
  const accent = accentOf(req.style.colors);
  const top = hexToRgb(mix(accent, '#000000', 0.2));
  const bottom = hexToRgb(mix(accent, '#000000', 0.72));
  const BW = L.W + 2 * L.margin;
  const BH = L.H + 2 * L.margin;
  const plate = mix(accent, '#FFFFFF', 0.86);
  const backdrop = path.join(workDir, 'backdrop.png');
  const card = path.join(workDir, 'card.png');
  const product = req.scene.productImages[(req.scene.index - 1) % req.scene.productImages.length]!;
  const inset = Math.round(Math.min(L.cardW, L.cardH) * 0.06);
  // Cards are rendered at 2x so the push-in (zoompan crops at whole pixels) stays smooth.
  const CW = L.cardW * 2;
  const CH = L.cardH * 2;
  // Backdrop work happens at quarter size and is scaled up: a gradient and a heavy blur lose
  // nothing, and geq/boxblur at full 1080p cost seconds of CPU per scene.
  const qW = Math.round(BW / 8) * 2;
  const qH = Math.round(BH / 8) * 2;
  const graph = [
    `color=c=black:s=${qW}x${qH}:d=1,format=rgb24,geq=r='${gradientChannel(top[0], bottom[0])}':g='${gradientChannel(top[1], bottom[1])}':b='${gradientChannel(top[2], bottom[2])}'[grad]`,
    `[0:v]scale=${qW}:${qH}:force_original_aspect_ratio=increase,crop=${qW}:${qH},boxblur=${Math.max(2, Math.round(Math.min(qW, qH) / 40))}:3,format=rgb24[blur]`,
    `[grad][blur]blend=all_mode=normal:all_opacity=0.7,format=rgb24,scale=${BW}:${BH}:flags=bicubic[bgout]`,
    `color=c=${ffColor(plate)}:s=${CW}x${CH}:d=1,format=rgba[plate]`,
    `[1:v]scale=${CW - 4 * inset}:${CH - 4 * inset}:force_original_aspect_ratio=decrease,format=rgba[prod]`,
    `[plate][prod]overlay=x=(W-w)/2:y=(H-h)/2,drawbox=x=0:y=0:w=iw:h=ih:color=${ffColor(accent)}:t=${Math.max(4, Math.round(inset / 2))},format=rgb24[cardout]`,
  ].join(';\n');
  const script = path.join(workDir, 'prepare.filter');
  await writeFile(script, graph);
  await runFfmpeg({
    ffmpegPath,
    args: ['-i', req.startImage, '-i', product, '-filter_complex_script', script, '-map', '[bgout]', '-frames:v', '1', '-y', backdrop, '-map', '[cardout]', '-frames:v', '1'],
    output: card,
    signal,
  });
  return { backdrop, card };
}

/** The clip's filter graph (pure, so it can be snapshot-tested). */
export function sceneFilter(req: VideoRequest, L: SceneLayout): string {
  const d = req.durationSeconds;
  const frames = Math.round(d * SCENE_FPS);
  const ease = `(1-cos(PI*min(t/${d}\\,1)))/2`;
  const parts: string[] = [];
  parts.push(`[0:v]${TO_BT709},format=yuv420p,loop=loop=-1:size=1:start=0,setpts=N/${SCENE_FPS}/TB,crop=${L.W}:${L.H}:x='${L.margin}-${L.panX / 2}+${L.panX}*${ease}':y=${L.margin}[${L.noCard ? 'v0' : 'bg'}]`);
  if (!L.noCard) {
    const cardChain =
      L.pushIn > 0
        ? `[1:v]${TO_BT709},format=yuv420p,zoompan=z='1+${L.pushIn}*on/${frames}':x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)':d=${frames}:s=${L.cardW}x${L.cardH}:fps=${SCENE_FPS}[card]`
        : `[1:v]scale=${L.cardW}:${L.cardH},${TO_BT709},format=yuv420p,loop=loop=-1:size=1:start=0,setpts=N/${SCENE_FPS}/TB[card]`;
    parts.push(cardChain);
    const cx = (f: number, t: number) => `${Math.round(f * L.W)}+${Math.round((t - f) * L.W)}*${ease}-w/2`;
    const cy = (f: number, t: number) => `${Math.round(f * L.H)}+${Math.round((t - f) * L.H)}*${ease}-h/2`;
    parts.push(`[bg][card]overlay=x='${cx(L.from.x, L.to.x)}':y='${cy(L.from.y, L.to.y)}':format=yuv420:eof_action=repeat[v0]`);
  }
  // An approved brand look (issue 9) is graded inside this one encode, not in a second pass.
  const grade = req.brandStyle?.kind === 'grade' ? `${gradeFilter(req.brandStyle.grade)},` : '';
  parts.push(`[v0]${grade}format=yuv420p,setsar=1[out]`);
  return parts.join(';\n');
}

/** Run 2: the clip itself. */
export async function renderScene(
  ffmpegPath: string,
  req: VideoRequest,
  out: string,
  workDir: string,
  opts: { signal?: AbortSignal; onProgress?: (f: number) => void } = {},
): Promise<string> {
  const { W, H } = { W: req.resolution.width, H: req.resolution.height };
  const L = layoutFor(req.scene.role, req.scene.index, W, H);
  const prepared = await prepareScene(ffmpegPath, req, L, workDir, opts.signal);
  const script = path.join(workDir, 'scene.filter');
  await writeFile(script, sceneFilter(req, L));
  await runFfmpeg({
    ffmpegPath,
    args: [
      '-i', prepared.backdrop,
      '-i', prepared.card,
      '-filter_complex_script', script,
      '-map', '[out]',
      '-t', String(req.durationSeconds),
      '-r', String(SCENE_FPS),
      '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '18', '-pix_fmt', 'yuv420p', ...COLOR_TAGS,
      '-movflags', '+faststart',
    ],
    output: out,
    durationS: req.durationSeconds,
    signal: opts.signal,
    onProgress: opts.onProgress ? (r) => opts.onProgress!(r.percent / 100) : undefined,
  });
  return out;
}
