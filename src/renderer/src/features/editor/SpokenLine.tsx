/**
 * The spoken line behind a generated ad's caption (issue 19 #4): rewrite it and the ad's own voice
 * speaks it again; its captions follow the new speech. One undo step (Ctrl+Z puts the old line,
 * audio and captions back). A line that no longer fits its scene is flagged here.
 */
import { useState } from 'react';
import { Mic } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { Timeline, TextItem } from '../../../../shared/timeline';
import type { AdLineFlag } from '../../../../shared/domain/revise';
import { useEditor } from './store';

/** The scene a generated caption belongs to (`caption-<scene>-<page>`), else null. */
export function captionScene(itemId: string): number | null {
  const m = /^caption-(\d+)-\d+$/u.exec(itemId);
  return m ? Number(m[1]) : null;
}

function sceneLine(doc: Timeline, scene: number): string {
  const re = new RegExp(`^caption-${scene}-\\d+$`, 'u');
  return doc.overlays
    .flatMap((o) => o.items)
    .filter((i): i is TextItem => i.kind === 'text' && re.test(i.id))
    .sort((a, b) => a.start - b.start)
    .map((c) => c.text)
    .join(' ');
}

export function SpokenLine({ doc, scene }: { doc: Timeline; scene: number }) {
  const { t } = useTranslation('translation', { keyPrefix: 'editor' });
  const line = sceneLine(doc, scene);
  const [shown, setShown] = useState(line);
  const [draft, setDraft] = useState(line);
  const [busy, setBusy] = useState(false);
  const [flag, setFlag] = useState<AdLineFlag | null>(null);
  // Bound to the document: undo/redo (or another edit) shows the line as it is now.
  if (shown !== line) {
    setShown(line);
    setDraft(line);
    setFlag(null);
  }
  const voiced = doc.audio.some((a) => a.role === 'voice' && a.clips.some((c) => c.id === `voice-${scene}`));
  if (!voiced) return null;
  const changed = draft.trim() !== '' && draft.trim() !== line;
  return (
    <form
      className="flex flex-col gap-2"
      data-testid="spoken-line"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!changed || busy) return;
        setBusy(true);
        const r = await useEditor.getState().respeakLine(scene, draft.trim());
        setBusy(false);
        if (r) setFlag(r.flags.find((f) => f.scene === scene) ?? null);
      }}
    >
      <label htmlFor={`spoken-${scene}`} className="text-[12px] text-ink-muted">
        {t('inspector.spokenLine', { n: scene })}
      </label>
      <textarea id={`spoken-${scene}`} rows={3} maxLength={400} value={draft} onChange={(e) => setDraft(e.target.value)} className="rounded-md border border-line bg-canvas px-2 py-1.5 text-[13px] text-ink focus:border-accent focus:outline-none" dir="auto" />
      <p className="text-[12px] leading-relaxed text-ink-faint">{t('inspector.spokenHint')}</p>
      <button type="submit" disabled={!changed || busy} data-testid="speak-again" className="inline-flex items-center gap-1.5 self-start rounded-md border border-line px-2.5 py-1 text-[12px] text-ink hover:border-accent disabled:opacity-50">
        <Mic aria-hidden className="size-3.5" />
        {busy ? t('inspector.speaking') : t('inspector.speakAgain')}
      </button>
      {flag ? (
        <p role="status" data-testid="spoken-flag" className="text-[12px] text-warning">
          {t('inspector.spokenOverflow', { n: scene, seconds: flag.seconds.toFixed(1), room: flag.windowSeconds.toFixed(1) })}
        </p>
      ) : null}
    </form>
  );
}
