/** Item ids: every id in a timeline (clips, overlays, audio clips, tracks) is unique. */
import type { Timeline } from '../model';

export function allIds(tl: Timeline): Set<string> {
  const ids = new Set<string>();
  for (const c of tl.main.clips) ids.add(c.id);
  for (const t of tl.overlays) {
    ids.add(t.id);
    for (const i of t.items) ids.add(i.id);
  }
  for (const t of tl.audio) {
    ids.add(t.id);
    for (const c of t.clips) ids.add(c.id);
  }
  return ids;
}

/** `base-2`, `base-3`… the first one not taken (ids stay ≤ 64 chars and match ItemId). */
export function freshId(tl: Timeline, base: string): string {
  const ids = allIds(tl);
  const stem = base.replace(/-\d+$/, '').replace(/[^A-Za-z0-9_.:-]/g, '_').slice(0, 56) || 'item';
  for (let n = 2; ; n++) {
    const id = `${stem}-${n}`;
    if (!ids.has(id)) return id;
  }
}
