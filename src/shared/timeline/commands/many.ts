/**
 * Several selected items edited at once (issue 19: multi-select): one batch command, so a delete
 * or a move of three items is one undo step. Pure.
 */
import type { Timeline } from '../model';
import { locate } from './locate';
import type { EditCommand } from './types';

/** Every selected item removed (gaps left, like Delete on one). */
export function deleteMany(ids: readonly string[]): EditCommand {
  return { type: 'batch', commands: ids.map((itemId) => ({ type: 'delete', itemId })) };
}

/**
 * The selected overlays and sounds moved by `delta` frames together (main clips keep their place:
 * the main track is reordered, not moved). Null when nothing selected can move, or the move would
 * put one of them before the start (the group keeps its shape).
 */
export function moveMany(doc: Timeline, ids: readonly string[], delta: number): EditCommand | null {
  const commands: EditCommand[] = [];
  for (const id of ids) {
    const at = locate(doc, id);
    if (!at || at.where === 'main') continue;
    const start = (at.where === 'overlay' ? at.item.start : at.clip.start) + delta;
    if (start < 0) return null;
    commands.push(at.where === 'overlay' ? { type: 'updateOverlay', itemId: id, start } : { type: 'moveAudio', itemId: id, start });
  }
  return commands.length ? { type: 'batch', commands } : null;
}
