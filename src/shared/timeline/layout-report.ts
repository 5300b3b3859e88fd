/**
 * Layout facts of a compiled plan, for `zapcut check`, the in-app check report and the
 * ad-quality bench (issue 16): overlay boxes that overlap while both are visible, essential boxes
 * inside a platform's UI zone, and text the engine had to cut. Pure.
 */
import { resolveBox } from './layout';
import type { TextRole } from './model';
import type { Plan } from './plan';
import { platformsFor, unsafeInsets, type Insets, type Platform } from './safe-zones';
import { rectsOverlap, type Rect } from './slots';

export type BoxRole = TextRole | 'product' | 'logo' | 'image';

export interface LayoutBox {
  id: string;
  /** Layers of one caption page share a group (their highlight states); otherwise the id. */
  group: string;
  role: BoxRole;
  essential: boolean;
  start: number;
  end: number;
  left: number;
  top: number;
  width: number;
  height: number;
  /** The size is a guess: an image whose natural size was not given, text not yet rendered. */
  estimated: boolean;
}

export interface LayoutReport {
  preset: Plan['preset'];
  width: number;
  height: number;
  platforms: Platform[];
  unsafeInsets: Insets;
  boxes: LayoutBox[];
  overlaps: Array<{ a: string; b: string; fromFrame: number; toFrame: number; areaPx: number; reason?: string }>;
  unsafe: Array<{ id: string; role: BoxRole; fromFrame: number; toFrame: number; px: number }>;
  truncations: Array<{ id: string; role: BoxRole; text: string; shown: string }>;
  ok: boolean;
}

export interface LayoutReportOptions {
  /** Platforms whose UI zones count (default: the ones the preset serves). */
  platforms?: Platform[];
  /** Natural size of an image/video overlay's media (the exporter's probe, the preview's element). */
  imageSize?: (mediaId: string) => { width: number; height: number } | undefined;
}

const toRect = (b: LayoutBox): Rect => ({ x: b.left, y: b.top, w: b.width, h: b.height });

export function layoutBoxes(plan: Plan, imageSize?: LayoutReportOptions['imageSize']): LayoutBox[] {
  const boxes: LayoutBox[] = [];
  for (const l of plan.layers) {
    if (l.kind === 'text') {
      boxes.push({ id: l.id, group: l.group, role: l.role, essential: true, start: l.start, end: l.end, ...l.box, estimated: !l.raster });
    } else if (l.kind === 'image') {
      const natural = imageSize?.(l.media);
      const guess = { width: 1, height: 1 };
      const r = resolveBox(l.box, plan, natural ?? guess, plan.unit, l.slot);
      // Without the picture's size a slot item is at most its slot; a free item is taken as square.
      const est = !natural && l.slot ? { left: l.slot.x, top: l.slot.y, width: l.slot.w, height: l.slot.h } : r;
      boxes.push({ id: l.id, group: l.id, role: l.role, essential: true, start: l.start, end: l.end, ...est, estimated: !natural });
    }
  }
  return boxes;
}

export function layoutReport(plan: Plan, opts: LayoutReportOptions = {}): LayoutReport {
  const platforms = opts.platforms ?? platformsFor(plan.preset);
  const insets = unsafeInsets(plan.preset, platforms, plan.unit);
  const safe: Rect = { x: insets.left, y: insets.top, w: plan.width - insets.left - insets.right, h: plan.height - insets.top - insets.bottom };
  const boxes = layoutBoxes(plan, opts.imageSize);
  const overlaps: LayoutReport['overlaps'] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      if (a.group === b.group) continue;
      const from = Math.max(a.start, b.start);
      const to = Math.min(a.end, b.end);
      if (to <= from) continue;
      const area = rectsOverlap(toRect(a), toRect(b));
      if (area > 0) overlaps.push({ a: a.id, b: b.id, fromFrame: from, toFrame: to, areaPx: area });
      else if ((a.role === 'caption' && b.role === 'cta') || (a.role === 'cta' && b.role === 'caption')) {
        overlaps.push({ a: a.id, b: b.id, fromFrame: from, toFrame: to, areaPx: 0, reason: 'a caption is shown on the end card' });
      }
    }
  }
  const unsafe: LayoutReport['unsafe'] = [];
  for (const b of boxes) {
    if (!b.essential) continue;
    const inside = rectsOverlap(toRect(b), safe);
    const px = b.width * b.height - inside;
    if (px > 0) unsafe.push({ id: b.id, role: b.role, fromFrame: b.start, toFrame: b.end, px });
  }
  const truncations: LayoutReport['truncations'] = [];
  const seen = new Set<string>();
  for (const l of plan.layers) {
    if (l.kind !== 'text' || !l.truncated || seen.has(l.group)) continue;
    seen.add(l.group);
    truncations.push({ id: l.group, role: l.role, text: l.spec.text, shown: l.raster?.lines.join('\n') ?? '' });
  }
  return { preset: plan.preset, width: plan.width, height: plan.height, platforms, unsafeInsets: insets, boxes, overlaps, unsafe, truncations, ok: !overlaps.length && !unsafe.length && !truncations.length };
}
