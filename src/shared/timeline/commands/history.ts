/**
 * Undo/redo over immutable documents. A gesture (a drag) applies its latest absolute command to
 * the document as it was when the gesture began, so a whole drag is one undo step whatever
 * happened in between, and a refused intermediate position keeps the last good one.
 */
import type { CommandResult } from './types';

export interface HistoryState<T> {
  present: T;
  past: T[];
  future: T[];
  /** The document when the current gesture began; null outside a gesture. */
  gestureBase: T | null;
}

export const HISTORY_LIMIT = 500;

export function createHistory<T>(doc: T): HistoryState<T> {
  return { present: doc, past: [], future: [], gestureBase: null };
}

/** Applies `edit` (a pure doc → result function). Outside a gesture it is one undo step. */
export function record<T>(h: HistoryState<T>, edit: (doc: T) => CommandResult<T>): { history: HistoryState<T>; result: CommandResult<T> } {
  if (h.gestureBase !== null) {
    const result = edit(h.gestureBase);
    return { history: result.ok ? { ...h, present: result.doc } : h, result };
  }
  const result = edit(h.present);
  if (!result.ok || result.doc === h.present) return { history: h, result };
  const past = [...h.past, h.present];
  if (past.length > HISTORY_LIMIT) past.shift();
  return { history: { present: result.doc, past, future: [], gestureBase: null }, result };
}

export function beginGesture<T>(h: HistoryState<T>): HistoryState<T> {
  return h.gestureBase !== null ? h : { ...h, gestureBase: h.present };
}

/** Ends the gesture: one undo step if the document changed. */
export function endGesture<T>(h: HistoryState<T>): HistoryState<T> {
  const base = h.gestureBase;
  if (base === null) return h;
  if (base === h.present) return { ...h, gestureBase: null };
  const past = [...h.past, base];
  if (past.length > HISTORY_LIMIT) past.shift();
  return { present: h.present, past, future: [], gestureBase: null };
}

/** Abandons the gesture (Escape during a drag): back to where it began. */
export function cancelGesture<T>(h: HistoryState<T>): HistoryState<T> {
  return h.gestureBase === null ? h : { ...h, present: h.gestureBase, gestureBase: null };
}

export function undo<T>(h: HistoryState<T>): HistoryState<T> {
  const settled = endGesture(h);
  const prev = settled.past[settled.past.length - 1];
  if (prev === undefined) return settled;
  return { present: prev, past: settled.past.slice(0, -1), future: [settled.present, ...settled.future], gestureBase: null };
}

export function redo<T>(h: HistoryState<T>): HistoryState<T> {
  const settled = endGesture(h);
  const [next, ...rest] = settled.future;
  if (next === undefined) return settled;
  return { present: next, past: [...settled.past, settled.present], future: rest, gestureBase: null };
}
