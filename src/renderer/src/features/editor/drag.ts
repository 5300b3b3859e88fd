/**
 * Pointer drags as one undoable gesture: begin() on press, an absolute command per move (applied
 * to the document as it was at the press), end() on release, cancel() on Escape.
 */
import type { PointerEvent as ReactPointerEvent } from 'react';
import { useEditor } from './store';

export interface DragHandlers {
  /** dx/dy in CSS px since the press. */
  move(dx: number, dy: number, e: PointerEvent): void;
  up?(dx: number, dy: number, e: PointerEvent): void;
  /** Only start the undo gesture once the pointer really moved (a click is not an edit). */
  threshold?: number;
}

/**
 * preventDefault on a press also keeps focus where it was — often the Inspector field last typed
 * in, which then swallowed the shortcuts (Ctrl+Z undid the field's text, Delete deleted a letter).
 * The timeline item pressed takes the focus; a press elsewhere (the preview) leaves the field.
 */
export function takeFocus(e: ReactPointerEvent): void {
  const item = (e.currentTarget as HTMLElement).closest<HTMLElement>('[data-item-id]');
  if (item) item.focus({ preventScroll: true });
  else if (document.activeElement instanceof HTMLElement && document.activeElement !== document.body) document.activeElement.blur();
}

export function startDrag(e: ReactPointerEvent, h: DragHandlers): void {
  if (e.button !== 0) return;
  e.preventDefault();
  e.stopPropagation();
  takeFocus(e);
  const x0 = e.clientX;
  const y0 = e.clientY;
  const threshold = h.threshold ?? 3;
  let started = false;
  const editor = useEditor.getState();
  const onMove = (ev: PointerEvent) => {
    const dx = ev.clientX - x0;
    const dy = ev.clientY - y0;
    if (!started) {
      if (Math.abs(dx) < threshold && Math.abs(dy) < threshold) return;
      started = true;
      editor.begin();
    }
    h.move(dx, dy, ev);
  };
  const finish = (ev: PointerEvent) => {
    window.removeEventListener('pointermove', onMove);
    window.removeEventListener('pointerup', finish);
    window.removeEventListener('keydown', onKey, true);
    if (started) {
      h.up?.(ev.clientX - x0, ev.clientY - y0, ev);
      useEditor.getState().end();
    }
  };
  const onKey = (ev: KeyboardEvent) => {
    if (ev.key !== 'Escape') return;
    ev.stopPropagation();
    window.removeEventListener('pointermove', onMove);
    window.removeEventListener('pointerup', finish);
    window.removeEventListener('keydown', onKey, true);
    if (started) useEditor.getState().cancel();
  };
  window.addEventListener('pointermove', onMove);
  window.addEventListener('pointerup', finish);
  window.addEventListener('keydown', onKey, true);
}
