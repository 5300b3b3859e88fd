/**
 * NLE shortcuts: Space play/pause, J/K/L shuttle (repeat L or J to go faster), I/O marks,
 * ←/→ one frame (Shift: one second; on a focused timeline item Shift+←/→ grows the selection
 * instead, see TrackItems), Alt+←/→ nudge the selected items, Home/End, S split,
 * Delete / Shift+Delete ripple (Delete on several selected removes them all, one undo step),
 * Ctrl/Cmd+Z undo, Shift+Ctrl/Cmd+Z (or Ctrl+Y) redo, +/− zoom. Ignored while typing in a field.
 */
import { clipEnd, deleteMany, moveMany, sortedMain } from '../../../../shared/timeline/commands';
import { useEditor } from './store';

/** The item S/Delete act on: the selection, else the main clip under the playhead. */
function target(): string | null {
  const s = useEditor.getState();
  if (s.selection) return s.selection;
  const clip = sortedMain(s.history.present).filter((c) => s.playhead >= c.start && s.playhead < clipEnd(c)).pop();
  return clip?.id ?? null;
}

export function splitAtPlayhead(): void {
  const s = useEditor.getState();
  const id = target();
  if (id) s.exec({ type: 'split', itemId: id, frame: s.playhead });
}

export function deleteSelection(ripple: boolean): void {
  const s = useEditor.getState();
  const id = s.selection;
  if (!id) return;
  // Several selected: all go, one undo step (a ripple delete of several is not offered).
  if (s.selected.length > 1) {
    if (s.exec(deleteMany(s.selected))) s.select(null);
    return;
  }
  if (s.exec({ type: ripple ? 'rippleDelete' : 'delete', itemId: id })) s.select(null);
}

/** Alt+←/→: the selected overlays and sounds move a frame (Shift: a second), together, one undo step each. */
export function nudgeSelection(frames: number): void {
  const s = useEditor.getState();
  const cmd = moveMany(s.history.present, s.selected, frames);
  if (cmd) s.exec(cmd);
}

export function handleEditorKey(e: KeyboardEvent): void {
  const el = e.target as HTMLElement | null;
  if (el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName)) && !(el instanceof HTMLInputElement && el.type === 'range')) return;
  if (document.querySelector('dialog[open]')) return;
  const s = useEditor.getState();
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  let handled = true;
  if (mod && key === 'z') {
    if (e.shiftKey) s.redo();
    else s.undo();
  } else if (mod && key === 'y') s.redo();
  else if (mod) handled = false;
  else if (key === ' ') s.setPlaying(!s.playing);
  else if (key === 'k') s.setPlaying(false);
  else if (key === 'l') s.setPlaying(true, s.playing && s.rate > 0 ? Math.min(8, s.rate * 2) : 1);
  else if (key === 'j') s.setPlaying(true, s.playing && s.rate < 0 ? Math.max(-8, s.rate * 2) : -1);
  else if (key === 'i') s.setMark('in', s.playhead);
  else if (key === 'o') s.setMark('out', s.playhead);
  else if ((key === 'arrowleft' || key === 'arrowright') && e.altKey && s.selected.length) {
    const step = e.shiftKey ? s.history.present.fps : 1;
    nudgeSelection(key === 'arrowleft' ? -step : step);
  } else if (key === 'arrowleft' || key === 'arrowright') {
    s.setPlaying(false);
    const step = e.shiftKey ? s.history.present.fps : 1;
    s.seek(s.playhead + (key === 'arrowleft' ? -step : step));
  } else if (key === 'home') s.seek(0);
  else if (key === 'end') s.seek((s.plan?.totalFrames ?? 1) - 1);
  else if (key === 's') splitAtPlayhead();
  else if (key === 'delete' || key === 'backspace') deleteSelection(e.shiftKey);
  else if (key === '+' || key === '=') s.zoom(1.25);
  else if (key === '-') s.zoom(0.8);
  else if (key === 'escape') s.select(null);
  else handled = false;
  if (handled) e.preventDefault();
}
