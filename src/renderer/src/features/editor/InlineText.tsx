/**
 * On-canvas text editing (issue 19): double-click a title or caption on the preview to edit it in
 * place. Enter commits (one undo step, the same setText the Inspector sends), Shift+Enter breaks
 * the line, Escape cancels.
 */
import { useState, type CSSProperties, type MouseEvent as ReactMouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { frameAt, type Plan } from '../../../../shared/timeline';
import { locate } from '../../../../shared/timeline/commands';
import { useEditor } from './store';

export interface InlineEdit {
  id: string;
  text: string;
  /** The text's box on the preview and how it is set, plan px. */
  box: { left: number; top: number; width: number; height: number };
  font: { size: number; lineHeightEm: number; align: 'left' | 'center' | 'right' };
  /** The preview frame, plan px: the box grows with the text but stays inside it. */
  frame: { width: number; height: number };
}

/** Below this the words are hard to read while typing (a caption on a small preview). */
const MIN_FONT_PX = 14;

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
  return { id: layer.id, text: at.item.text, box: layer.box, font: { size: layer.spec.fontSize, lineHeightEm: layer.spec.lineHeightEm, align: layer.spec.align }, frame: { width: plan.width, height: plan.height } };
}

function box(edit: InlineEdit, scale: number): CSSProperties {
  const fontSize = Math.max(MIN_FONT_PX, edit.font.size * scale);
  const frameW = edit.frame.width * scale;
  const width = Math.min(frameW, Math.max(edit.box.width * scale, fontSize * 6));
  // Keep the box on the frame: a text near the right edge opens leftwards.
  const left = Math.max(0, Math.min(edit.box.left * scale, frameW - width));
  return {
    left,
    top: edit.box.top * scale,
    minWidth: width,
    maxWidth: frameW - left,
    minHeight: Math.max(edit.box.height * scale, fontSize * edit.font.lineHeightEm + 10),
    maxHeight: edit.frame.height * scale - edit.box.top * scale,
    fontSize,
    lineHeight: edit.font.lineHeightEm,
    textAlign: edit.font.align,
  };
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
      // The text's own box and size on the preview (issue 19: it was a 13 px field narrower than the
      // title); it grows with what is typed (field-sizing), never past the frame's edge.
      className="absolute z-30 resize-none overflow-hidden rounded border border-accent bg-black/80 px-1.5 py-1 font-bold text-white [field-sizing:content] focus:outline-none"
      style={box(edit, scale)}
      dir="auto"
    />
  );
}
