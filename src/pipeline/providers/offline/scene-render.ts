/**
 * Offline scenes: real motion clips made with FFmpeg from the product images. Each scene is two
 * FFmpeg runs: (1) a still backdrop (brand-colour gradient + the blurred start frame, which is how
 * scene N visibly continues from scene N−1) and a product card; (2) the clip — the backdrop pans,
 * the card drifts or is pushed in on (zoompan), and the scene title fades in.
 *
 * FFmpeg 4.1 cannot animate `scale` over time, so push-ins use zoompan on the small card (cheap)
 * and pans use crop/overlay expressions; looped stills are decoded once (`loop` filter).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runFfmpeg } from '../../ffmpeg/run';
import { accentOf, hexToRgb, mix, textOn } from '../../stages/colors';
import { gradeFilter } from '../../style/grade';
import { COLOR_TAGS } from '../../compose/graph';
import { TO_BT709 } from '../../compose/video';
import type { SceneRole, VideoRequest } from '../types';
import { escapeFilterValue as esc, wrapText } from './filter-text';

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
  titleSize: number;
  titleY: number;
}

export function layoutFor(role: SceneRole, index: number, W: number, H: number): SceneLayout {
  const portrait = H > W;
  const square = H === W;
  const cardH = Math.round(((portrait ? 0.4 : square ? 0.46 : role === 'climax' ? 0.56 : 0.5) * H) / 2) * 2;
  const cardW = Math.round((portrait ? 0.78 * W : square ? 0.62 * W : Math.min(0.46 * W, cardH * 1.15)) / 2) * 2;
  const margin = Math.round(Math.max(W, H) * 0.06 / 2) * 2;
  const side = index % 2 === 0 ? 1 : -1;
  const centreY = portrait ? 0.44 : 0.46;
  const m: Record<SceneRole, { from: { x: number; y: number }; to: { x: number; y: number }; pushIn: number }> = {
    setup: { from: { x: 0.5, y: centreY + 0.05 }, to: { x: 0.5, y: centreY }, pushIn: 0.12 },
    exploration: portrait ? { from: { x: 0.5 - 0.04 * side, y: centreY }, to: { x: 0.5 + 0.04 * side, y: centreY }, pushIn: 0 } : { from: { x: 0.5 - 0.1 * side, y: centreY }, to: { x: 0.5 + 0.06 * side, y: centreY }, pushIn: 0 },
    climax: { from: { x: 0.5, y: centreY }, to: { x: 0.5, y: centreY }, pushIn: 0.16 },
    resolution: { from: { x: 0.5, y: centreY - 0.02 }, to: { x: 0.5, y: centreY + 0.01 }, pushIn: 0 },
    cta: portrait || square ? { from: { x: 0.5, y: 0.37 }, to: { x: 0.5, y: 0.35 }, pushIn: 0.05 } : { from: { x: 0.3, y: 0.5 }, to: { x: 0.29, y: 0.48 }, pushIn: 0.05 },
  };
  const titleSize = Math.round(Math.min(W, H) * (portrait ? 0.068 : 0.075));
  return { W, H, cardW, cardH, ...m[role], panX: Math.round(margin * 0.8) * side, margin, titleSize, titleY: Math.round(H * (portrait ? 0.1 : 0.07)) };
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
export function sceneFilter(req: VideoRequest, L: SceneLayout, files: { titleFile: string; fontFile: string; ctaFile?: string; brandFile?: string }): string {
  const d = req.durationSeconds;
  const frames = Math.round(d * SCENE_FPS);
  const ease = `(1-cos(PI*min(t/${d}\\,1)))/2`;
  const accent = accentOf(req.style.colors);
  const fade = `if(lt(t\\,0.35)\\,0\\,min(1\\,(t-0.35)/0.6))`;
  const parts: string[] = [];
  parts.push(`[0:v]${TO_BT709},format=yuv420p,loop=loop=-1:size=1:start=0,setpts=N/${SCENE_FPS}/TB,crop=${L.W}:${L.H}:x='${L.margin}-${L.panX / 2}+${L.panX}*${ease}':y=${L.margin}[bg]`);
  const cardChain =
    L.pushIn > 0
      ? `[1:v]${TO_BT709},format=yuv420p,zoompan=z='1+${L.pushIn}*on/${frames}':x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)':d=${frames}:s=${L.cardW}x${L.cardH}:fps=${SCENE_FPS}[card]`
      : `[1:v]scale=${L.cardW}:${L.cardH},${TO_BT709},format=yuv420p,loop=loop=-1:size=1:start=0,setpts=N/${SCENE_FPS}/TB[card]`;
  parts.push(cardChain);
  const cx = (f: number, t: number) => `${Math.round(f * L.W)}+${Math.round((t - f) * L.W)}*${ease}-w/2`;
  const cy = (f: number, t: number) => `${Math.round(f * L.H)}+${Math.round((t - f) * L.H)}*${ease}-h/2`;
  parts.push(`[bg][card]overlay=x='${cx(L.from.x, L.to.x)}':y='${cy(L.from.y, L.to.y)}':format=yuv420:eof_action=repeat[v0]`);
  const font = esc(files.fontFile);
  let last = 'v0';
  const text = (src: string, opts: string, label: string) => {
    parts.push(`[${last}]drawtext=fontfile=${font}:textfile=${esc(src)}:expansion=none:${opts}[${label}]`);
    last = label;
  };
  text(
    files.titleFile,
    `fontsize=${L.titleSize}:line_spacing=${Math.round(L.titleSize * 0.2)}:fontcolor=white:shadowcolor=black@0.55:shadowx=3:shadowy=3:x=(w-text_w)/2:y=${L.titleY}+${Math.round(L.titleSize * 0.4)}*(1-${fade}):alpha='${fade}'`,
    'v1',
  );
  if (files.ctaFile && files.brandFile) {
    const portrait = L.H >= L.W;
    const bx = portrait ? '(w-text_w)/2' : `${Math.round(L.W * 0.56)}`;
    const by = portrait ? Math.round(L.H * 0.58) : Math.round(L.H * 0.38);
    const size = Math.round(L.titleSize * 1.05);
    text(files.brandFile, `fontsize=${size}:fontcolor=white:shadowcolor=black@0.5:shadowx=3:shadowy=3:x=${bx}:y=${by}:alpha='${fade}'`, 'v2');
    text(
      files.ctaFile,
      `fontsize=${Math.round(size * 0.72)}:fontcolor=${ffColor(textOn(accent))}:box=1:boxcolor=${ffColor(accent, 0.95)}:boxborderw=${Math.round(size * 0.35)}:x=${bx}:y=${by + Math.round(size * 1.9)}:alpha='if(lt(t\\,0.8)\\,0\\,min(1\\,(t-0.8)/0.5))'`,
      'v3',
    );
  }
  // An approved brand look (issue 9) is graded inside this one encode, not in a second pass.
  const grade = req.brandStyle?.kind === 'grade' ? `${gradeFilter(req.brandStyle.grade)},` : '';
  parts.push(`[${last}]${grade}format=yuv420p,setsar=1[out]`);
  return parts.join(';\n');
}

/** Run 2: the clip itself. */
export async function renderScene(
  ffmpegPath: string,
  req: VideoRequest,
  out: string,
  workDir: string,
  fontFile: string,
  opts: { signal?: AbortSignal; onProgress?: (f: number) => void } = {},
): Promise<string> {
  const { W, H } = { W: req.resolution.width, H: req.resolution.height };
  const L = layoutFor(req.scene.role, req.scene.index, W, H);
  const prepared = await prepareScene(ffmpegPath, req, L, workDir, opts.signal);
  const maxChars = Math.max(12, Math.floor((W * 0.86) / (L.titleSize * 0.62)));
  const titleFile = path.join(workDir, 'title.txt');
  await writeFile(titleFile, wrapText(req.scene.title, maxChars, 2));
  let ctaFile: string | undefined;
  let brandFile: string | undefined;
  if (req.scene.role === 'cta') {
    ctaFile = path.join(workDir, 'cta.txt');
    brandFile = path.join(workDir, 'brand.txt');
    const narrow = H >= W ? maxChars : Math.floor(maxChars * 0.45);
    await writeFile(ctaFile, wrapText(req.scene.cta, narrow, 2));
    await writeFile(brandFile, wrapText(req.scene.brandName, narrow, 2));
  }
  // On the CTA scene the title would collide with the brand block; it carries the CTA already.
  if (req.scene.role === 'cta') await writeFile(titleFile, '');
  const script = path.join(workDir, 'scene.filter');
  await writeFile(script, sceneFilter(req, L, { titleFile, fontFile, ctaFile, brandFile }));
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
