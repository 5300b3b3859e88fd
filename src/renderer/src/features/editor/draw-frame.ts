/**
 * Draws one FrameView (from the shared frameAt) onto a 2D canvas exactly as the exporter's
 * FFmpeg graph composes it: background, clips scaled cover/contain like `scale=…:
 * force_original_aspect_ratio` + crop/pad, overlays at `resolveBox`, text as the text engine's
 * picture at the layer's box (the PNG the export overlays), all with the plan's alpha.
 */
import { resolveBox, type FrameView, type VisibleLayer } from '../../../../shared/timeline';

export type Drawable = HTMLVideoElement | HTMLImageElement;

function naturalSize(src: Drawable): { width: number; height: number } | null {
  const width = src instanceof HTMLVideoElement ? src.videoWidth : src.naturalWidth;
  const height = src instanceof HTMLVideoElement ? src.videoHeight : src.naturalHeight;
  return width > 0 && height > 0 ? { width, height } : null;
}

function drawClip(ctx: CanvasRenderingContext2D, layer: Extract<VisibleLayer, { kind: 'clip' }>, src: Drawable, W: number, H: number, background: string) {
  const n = naturalSize(src);
  if (!n) return;
  if (layer.fit === 'cover') {
    const s = Math.max(W / n.width, H / n.height);
    const sw = W / s;
    const sh = H / s;
    ctx.drawImage(src, (n.width - sw) / 2, (n.height - sh) / 2, sw, sh, 0, 0, W, H);
  } else {
    const s = Math.min(W / n.width, H / n.height);
    const w = Math.round(n.width * s);
    const h = Math.round(n.height * s);
    ctx.fillStyle = background;
    ctx.fillRect(0, 0, W, H);
    ctx.drawImage(src, Math.floor((W - w) / 2), Math.floor((H - h) / 2), w, h);
  }
}

/** A clip whose file is missing: a slate instead of silently showing the background. */
function drawOfflineSlate(ctx: CanvasRenderingContext2D, W: number, H: number, label: string) {
  ctx.fillStyle = '#3a0d14';
  ctx.fillRect(0, 0, W, H);
  ctx.fillStyle = '#ffb547';
  ctx.font = `600 ${Math.round(H / 14)}px "Inter Variable", sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(label, W / 2, H / 2);
  ctx.textAlign = 'start';
  ctx.textBaseline = 'alphabetic';
}

/**
 * `sources(layer)` gives the decoded picture for a clip/image layer: null while loading,
 * 'offline' when its file is missing (clips then show a slate labelled `offlineLabel`).
 */
export function drawFrame(ctx: CanvasRenderingContext2D, view: FrameView, unit: number, sources: (layer: VisibleLayer) => Drawable | null | 'offline', offlineLabel = ''): void {
  const { width: W, height: H } = view;
  ctx.globalAlpha = 1;
  ctx.fillStyle = view.background;
  ctx.fillRect(0, 0, W, H);
  for (const layer of view.layers) {
    ctx.globalAlpha = layer.alpha;
    const src = sources(layer);
    if (layer.kind === 'text') {
      if (src && src !== 'offline') ctx.drawImage(src, layer.box.left, layer.box.top, layer.box.width, layer.box.height);
      continue;
    }
    if (src === 'offline') {
      if (layer.kind === 'clip') drawOfflineSlate(ctx, W, H, offlineLabel);
      continue;
    }
    if (!src) continue;
    if (layer.kind === 'clip') drawClip(ctx, layer, src, W, H, view.background);
    else {
      const n = naturalSize(src);
      if (!n) continue;
      const box = resolveBox(layer.box, { width: W, height: H }, n, unit, layer.slot);
      ctx.drawImage(src, box.left, box.top, box.width, box.height);
    }
  }
  ctx.globalAlpha = 1;
}

/** Where an image overlay sits on the preview canvas (for the on-canvas handles). */
export function overlayRect(layer: Extract<VisibleLayer, { kind: 'image' }>, frame: { width: number; height: number }, natural: { width: number; height: number }, unit: number) {
  return resolveBox(layer.box, frame, natural, unit);
}
