/**
 * On-canvas text editing (issue 19): double-click a title or caption on the preview to edit it in
 * place. Enter commits (one undo step, the same setText the Inspector sends), Shift+Enter breaks
 * the line, Escape cancels.
 */
import { useState, type MouseEvent as ReactMouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { frameAt, type Plan } from '../../../../shared/timeline';
import { locate } from '../../../../shared/timeline/commands';
import { useEditor } from './store';

export interface InlineEdit {
  id: string;
  text: string;
  box: { left: number; top: number; width: number; height: number };
}

/** The text layer under a double-click on the preview (plan pixels), selected and opened for editing. */
export function inlineEditAt(e: ReactMouseEvent<HTMLElement>, plan: Plan | null, scale: number): InlineEdit | null {
  if (!plan) return null;
  const r = e.currentTarget.getBoundingClientRect();
  const x = (e.clientX - r.left) / scale;
  const y = (e.clientY - r.top) / scale;
  const s = useEditor.getState();
  const hits = frameAt(plan, s.playhead).layers.filter((l) => l.kind === 'text' && x >= l.box.left && x <= l.box.left + l.box.width && y >= l.box.top && y <= l.box.top + l.box.height);
  // The selected item wins where texts overlap (its frame is what the creator double-clicked); else the topmost.
  const layer = hits.find((l) => l.id === s.selection) ?? hits[hits.length - 1];
  if (!layer || layer.kind !== 'text') return null;
  const at = locate(s.history.present, layer.id);
  if (!at || at.where !== 'overlay' || at.item.kind !== 'text') return null;
  s.select(layer.id);
  return { id: layer.id, text: at.item.text, box: layer.box };
}

export function InlineText({ edit, scale, onDone }: { edit: InlineEdit; scale: number; onDone(): void }) {
  const { t } = useTranslation('translation', { keyPrefix: 'editor' });
  const [draft, setDraft] = useState(edit.text);
  const commit = () => {
    if (draft.trim() && draft !== edit.text) useEditor.getState().exec({ type: 'setText', itemId: edit.id, text: draft });
    onDone();
  };
  return (
    <textarea
      data-testid="inline-text"
      aria-label={t('preview.editText')}
      autoFocus
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && !e.shiftKey) {
          e.preventDefault();
          commit();
        } else if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onDone();
        }
      }}
      className="absolute z-30 resize-none rounded border border-accent bg-black/80 p-1 text-center text-[13px] font-semibold text-white focus:outline-none"
      style={{ left: edit.box.left * scale, top: edit.box.top * scale, width: Math.max(120, edit.box.width * scale), height: Math.max(32, edit.box.height * scale) }}
      dir="auto"
    />
  );
}
