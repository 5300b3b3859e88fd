/**
 * Shift+←/→ on a focused timeline item (issue 19): the selection grows to the item's neighbour on
 * the same track, the way Shift+arrows grow a selection in a list; going back over a selected
 * neighbour shrinks it again. Pure: the item handler applies the result and moves focus.
 */
import type { Timeline } from '../../../../shared/timeline';
import { locate, sortedMain } from '../../../../shared/timeline/commands';

/** The items on `id`'s track in time order. */
function trackOf(doc: Timeline, id: string): string[] {
  const at = locate(doc, id);
  if (!at) return [];
  if (at.where === 'main') return sortedMain(doc).map((c) => c.id);
  const items: { id: string; start: number }[] = at.where === 'overlay' ? at.track.items : at.track.clips;
  return [...items].sort((a, b) => a.start - b.start).map((i) => i.id);
}

/** The new selection and the item to focus (the neighbour), or null when there is none that way. */
export function extendSelection(doc: Timeline, selected: readonly string[], from: string, dir: -1 | 1): { selected: string[]; focus: string } | null {
  const order = trackOf(doc, from);
  const next = order[order.indexOf(from) + dir];
  if (!next) return null;
  const was = selected.includes(from) ? [...selected] : [...selected, from];
  // Back over a neighbour already selected: the item left behind leaves the selection (shrink).
  if (was.includes(next) && was.length > 1) return { selected: was.filter((x) => x !== from), focus: next };
  return { selected: was.includes(next) ? was : [...was, next], focus: next };
}
