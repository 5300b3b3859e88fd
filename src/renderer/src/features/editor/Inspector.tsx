/**
 * Properties of the selected item. Sliders are gestures (one undo step per drag); number and
 * text fields commit on change. Every change is a shared command, so refusals show as notices.
 */
import { useTranslation } from 'react-i18next';
import { AlertTriangle, Link2 } from 'lucide-react';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Anchor, CaptionLook, DEFAULT_ACCENT, type TextItem } from '../../../../shared/timeline';
import { captionIds, locate, styleAllCaptions, type EditCommand } from '../../../../shared/timeline/commands';
import { api, toAppError } from '../../api/client';
import { useToasts } from '../../stores/toasts';
import { toImportSources } from '../brands/importSources';
import { useEditor } from './store';
import { SpokenLine, captionScene } from './SpokenLine';
import { ManySelected } from './ManySelected';
import { secondsText, useTimeUnit } from './format';
import { mediaName, timeText } from './names';

const inputClass = 'h-8 w-full rounded-md border border-line bg-canvas px-2 text-[13px] text-ink focus:border-accent focus:outline-none';

function Row({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="grid grid-cols-[88px_minmax(0,1fr)] items-center gap-2">
      <label htmlFor={id} className="text-[12px] text-ink-muted">{label}</label>
      {children(id)}
    </div>
  );
}

function Slider({ label, value, min, max, step, onValue, format }: { label: string; value: number; min: number; max: number; step: number; onValue(v: number): void; format(v: number): string }) {
  return (
    <Row label={label}>
      {(id) => (
        <div className="flex items-center gap-2">
          <input id={id} type="range" min={min} max={max} step={step} value={value} onPointerDown={() => useEditor.getState().begin()} onPointerUp={() => useEditor.getState().end()} onChange={(e) => onValue(Number(e.target.value))} className="min-w-0 flex-1 accent-[var(--color-accent)]" />
          <span className="w-11 text-right text-[12px] tabular-nums text-ink-muted">{format(value)}</span>
        </div>
      )}
    </Row>
  );
}

function NumberRow({ label, value, onValue, min = 0 }: { label: string; value: number; onValue(v: number): void; min?: number }) {
  return (
    <Row label={label}>
      {(id) => <input id={id} type="number" min={min} value={Math.round(value)} onChange={(e) => e.target.value !== '' && onValue(Math.round(Number(e.target.value)))} className={inputClass} />}
    </Row>
  );
}

/** A length field in the chosen unit: seconds (step 0.1) by default, frames on demand; the document keeps frames. */
function LengthRow({ label, frames, fps, onFrames, min = 0 }: { label: string; frames: number; fps: number; onFrames(f: number): void; min?: number }) {
  const unit = useTimeUnit((u) => u.unit);
  if (unit === 'frames') return <NumberRow label={label} value={frames} min={min} onValue={onFrames} />;
  return (
    <Row label={label}>
      {(id) => <input id={id} type="number" min={min / fps} step={0.1} value={secondsText(frames, fps)} onChange={(e) => e.target.value !== '' && onFrames(Math.round(Number(e.target.value) * fps))} className={inputClass} />}
    </Row>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-2.5 border-b border-line px-4 py-3.5">
      <h3 className="text-[11px] font-semibold tracking-wider text-ink-faint uppercase">{title}</h3>
      {children}
    </div>
  );
}

const pct = (v: number) => `${Math.round(v * 100)}%`;

function Relink({ mediaId }: { mediaId: string }) {
  const { t } = useTranslation('translation', { keyPrefix: 'editor' });
  const input = useRef<HTMLInputElement>(null);
  const m = useEditor((s) => s.media[mediaId]);
  if (!m || m.online) return null;
  return (
    <div className="flex flex-col gap-2 rounded-lg border border-warning/40 bg-warning/10 p-3 text-[12px] text-warning">
      <p className="flex items-start gap-1.5"><AlertTriangle aria-hidden className="mt-0.5 size-3.5 shrink-0" />{t('inspector.offline')}</p>
      <button type="button" data-testid="relink" onClick={() => input.current?.click()} className="inline-flex items-center gap-1.5 self-start rounded-md bg-warning px-2.5 py-1 font-medium text-black hover:brightness-110">
        <Link2 aria-hidden className="size-3.5" />{t('inspector.relink')}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        data-testid="relink-input"
        accept={m.kind === 'audio' ? 'audio/*' : m.kind === 'image' ? 'image/*' : 'video/*'}
        onChange={async (e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          const s = useEditor.getState();
          if (!files.length || !s.projectId) return;
          try {
            const [file] = await toImportSources(files);
            const view = await api.editor.relink({ projectId: s.projectId, mediaId, kind: m.kind, file: file! });
            s.addMedia([view]);
            s.exec({ type: 'putMedia', mediaId, entry: { kind: m.kind, sha256: view.sha256!, name: view.name } });
          } catch (err) {
            useToasts.getState().error(toAppError(err));
          }
        }}
      />
    </div>
  );
}

export function Inspector() {
  const { t } = useTranslation('translation', { keyPrefix: 'editor' });
  const doc = useEditor((s) => s.history.present);
  const selection = useEditor((s) => s.selection);
  const media = useEditor((s) => s.media);
  const exec = (c: EditCommand) => useEditor.getState().exec(c);
  const at = selection ? locate(doc, selection) : null;
  const fps = doc.fps;
  // A new selection shows its fields from the top (issue 19 #13: the scroll stayed and hid the caption field).
  const panel = useRef<HTMLElement>(null);
  useEffect(() => {
    if (panel.current) panel.current.scrollTop = 0;
  }, [selection]);
  const unit = useTimeUnit((u) => u.unit);
  const time = timeText(t, fps, unit);
  const frames = time.dur;
  const nameOf = (mediaId: string) => mediaName(t, mediaId, media[mediaId]?.name ?? doc.media[mediaId]?.name);

  const many = useEditor((s) => s.selected);
  let body: ReactNode;
  if (many.length > 1) {
    body = <ManySelected doc={doc} ids={many} />;
  } else if (!at) {
    body = <p className="px-4 py-4 text-[13px] leading-relaxed text-ink-faint">{t('inspector.nothing')}</p>;
  } else if (at.where === 'main') {
    const c = at.clip;
    const isFirst = doc.main.clips.every((o) => o.start >= c.start);
    body = (
      <>
        <Section title={t('inspector.mainClip')}>
          <p className="truncate text-[13px] text-ink" dir="auto">{nameOf(c.media)}</p>
          <Relink mediaId={c.media} />
          <Row label={t('inspector.duration')}>{() => <span className="text-[13px] tabular-nums">{frames(c.out - c.in)}</span>}</Row>
          <Row label={t('inspector.sourceIn')}>{() => <span className="text-[13px] tabular-nums">{frames(c.in)}</span>}</Row>
          <Row label={t('inspector.fit')}>
            {(id) => (
              <select id={id} value={c.fit} onChange={(e) => exec({ type: 'setFit', itemId: c.id, fit: e.target.value as 'cover' | 'contain' })} className={inputClass}>
                <option value="cover">{t('inspector.fitCover')}</option>
                <option value="contain">{t('inspector.fitContain')}</option>
              </select>
            )}
          </Row>
          <Slider label={t('inspector.volume')} value={c.gain} min={0} max={2} step={0.01} format={pct} onValue={(gain) => exec({ type: 'setClipGain', itemId: c.id, gain })} />
        </Section>
        {!isFirst ? (
          <Section title={t('inspector.transition')}>
            <div role="radiogroup" aria-label={t('inspector.transition')} className="grid grid-cols-3 gap-1 rounded-lg bg-canvas p-1">
              {(['cut', 'crossfade', 'dip'] as const).map((kind) => (
                <button key={kind} type="button" role="radio" aria-checked={c.transitionIn.kind === kind} onClick={() => exec({ type: 'setTransition', itemId: c.id, kind, frames: kind === 'cut' ? 0 : Math.max(kind === 'dip' ? 2 : 1, c.transitionIn.frames || fps / 2) })} className={`rounded-md py-1 text-[12px] ${c.transitionIn.kind === kind ? 'bg-raised text-ink shadow' : 'text-ink-muted hover:text-ink'}`}>
                  {t(`inspector.${kind}`)}
                </button>
              ))}
            </div>
            {c.transitionIn.kind !== 'cut' ? <LengthRow label={t('inspector.transitionLength', { unit: time.unitLabel })} frames={c.transitionIn.frames} fps={fps} min={1} onFrames={(frames) => exec({ type: 'setTransition', itemId: c.id, kind: c.transitionIn.kind, frames })} /> : null}
          </Section>
        ) : null}
      </>
    );
  } else if (at.where === 'overlay') {
    const it = at.item;
    const p = it.placement;
    body = (
      <>
        <Section title={it.kind === 'image' ? t('inspector.image') : it.role === 'caption' ? t('inspector.caption') : t('inspector.text')}>
          {it.kind === 'image' ? (
            <>
              <p className="truncate text-[13px] text-ink" dir="auto">{nameOf(it.media)}</p>
              <Relink mediaId={it.media} />
            </>
          ) : (
            <TextFields item={it} />
          )}
          <Slider label={t('inspector.opacity')} value={it.opacity} min={0} max={1} step={0.01} format={pct} onValue={(opacity) => exec({ type: 'updateOverlay', itemId: it.id, opacity })} />
        </Section>
        {it.kind === 'text' && captionScene(it.id) !== null ? (
          <Section title={t('inspector.voice')}>
            <SpokenLine key={it.id} doc={doc} scene={captionScene(it.id)!} />
          </Section>
        ) : null}
        <Section title={t('inspector.timing')}>
          <LengthRow label={t('inspector.startIn', { unit: time.unitLabel })} frames={it.start} fps={fps} onFrames={(start) => exec({ type: 'updateOverlay', itemId: it.id, start })} />
          <LengthRow label={t('inspector.durationIn', { unit: time.unitLabel })} frames={it.duration} fps={fps} min={1} onFrames={(duration) => duration >= 1 && exec({ type: 'updateOverlay', itemId: it.id, duration })} />
          <LengthRow label={t('inspector.fadeIn', { unit: time.unitLabel })} frames={it.fadeInFrames} fps={fps} onFrames={(fadeInFrames) => exec({ type: 'updateOverlay', itemId: it.id, fadeInFrames })} />
          <LengthRow label={t('inspector.fadeOut', { unit: time.unitLabel })} frames={it.fadeOutFrames} fps={fps} onFrames={(fadeOutFrames) => exec({ type: 'updateOverlay', itemId: it.id, fadeOutFrames })} />
        </Section>
        <Section title={t('inspector.anchor')}>
          {!p || (it.kind === 'image' && it.slot) ? (
            <p data-testid="auto-layout" className="text-[12px] leading-relaxed text-ink-faint">{t('inspector.autoLayout')}</p>
          ) : (
            <>
          {it.kind === 'text' && it.role !== 'title' ? (
            <button type="button" data-testid="back-to-layout" onClick={() => exec({ type: 'updateOverlay', itemId: it.id, placement: null })} className="self-start rounded-md border border-line px-2 py-1 text-[12px] text-ink-muted hover:text-ink">{t('inspector.backToLayout')}</button>
          ) : null}
          <div role="radiogroup" aria-label={t('inspector.anchor')} className="grid w-24 grid-cols-3 gap-1">
            {Anchor.options.map((a) => (
              <button key={a} type="button" role="radio" aria-checked={p.anchor === a} aria-label={t(`anchors.${a}`)} title={t(`anchors.${a}`)} onClick={() => exec({ type: 'updateOverlay', itemId: it.id, placement: { anchor: a } })} className={`size-7 rounded border ${p.anchor === a ? 'border-accent bg-accent' : 'border-line bg-canvas hover:border-line-strong'}`} />
            ))}
          </div>
          <NumberRow label={t('inspector.x')} min={-20000} value={p.x} onValue={(x) => exec({ type: 'updateOverlay', itemId: it.id, placement: { x } })} />
          <NumberRow label={t('inspector.y')} min={-20000} value={p.y} onValue={(y) => exec({ type: 'updateOverlay', itemId: it.id, placement: { y } })} />
          {p.w !== undefined ? <NumberRow label={t('inspector.width')} min={1} value={p.w} onValue={(w) => w > 0 && exec({ type: 'updateOverlay', itemId: it.id, placement: { w } })} /> : null}
            </>
          )}
        </Section>
      </>
    );
  } else {
    const c = at.clip;
    body = (
      <Section title={t('inspector.audio')}>
        <p className="truncate text-[13px] text-ink" dir="auto">{nameOf(c.media)}</p>
        <Relink mediaId={c.media} />
        <Row label={t('inspector.start')}>{() => <span className="text-[13px] tabular-nums">{frames(c.start)}</span>}</Row>
        <Row label={t('inspector.duration')}>{() => <span className="text-[13px] tabular-nums">{frames(c.out - c.in)}</span>}</Row>
        <Slider label={t('inspector.volume')} value={c.gain} min={0} max={2} step={0.01} format={pct} onValue={(gain) => exec({ type: 'setClipGain', itemId: c.id, gain })} />
      </Section>
    );
  }

  return (
    <aside ref={panel} aria-label={t('inspector.title')} data-testid="inspector" className="flex w-72 shrink-0 flex-col overflow-y-auto border-l border-line bg-surface">
      <h2 className="border-b border-line px-4 py-2.5 text-[12px] font-semibold text-ink">{t('inspector.title')}</h2>
      {body}
      <Section title={t('inspector.ducking')}>
        <label className="flex items-center gap-2 text-[12px] text-ink-muted">
          <input type="checkbox" checked={doc.ducking.enabled} onChange={(e) => exec({ type: 'setDucking', patch: { enabled: e.target.checked } })} className="accent-[var(--color-accent)]" />
          {t('inspector.duckingOn')}
        </label>
        <Slider label={t('inspector.duckingDepth')} value={doc.ducking.level} min={0} max={1} step={0.01} format={pct} onValue={(level) => exec({ type: 'setDucking', patch: { level } })} />
      </Section>
    </aside>
  );
}

/**
 * The text of an item, bound to the document (issue 19): a draft while typing, committed on blur
 * (or Ctrl/Cmd+Enter); when the document changes underneath (undo, redo) the field shows it.
 * Ctrl/Cmd+Z with nothing typed since the last commit undoes in the document, like elsewhere.
 */
function DocText({ id, itemId, text }: { id: string; itemId: string; text: string }) {
  const [draft, setDraft] = useState(text);
  const [shown, setShown] = useState(text);
  const dropped = useRef(false);
  if (shown !== text) {
    setShown(text);
    setDraft(text);
  }
  const commit = () => {
    if (dropped.current) dropped.current = false;
    else if (draft !== text) useEditor.getState().exec({ type: 'setText', itemId, text: draft });
  };
  return (
    <textarea
      id={id}
      data-testid="text-content"
      dir="auto"
      rows={2}
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        const mod = e.ctrlKey || e.metaKey;
        if (mod && e.key === 'Enter') commit();
        else if (mod && e.key.toLowerCase() === 'z' && draft === text) {
          e.preventDefault();
          if (e.shiftKey) useEditor.getState().redo();
          else useEditor.getState().undo();
        } else if (e.key === 'Escape') {
          // Escape drops what was typed since the last commit and leaves the field.
          dropped.current = true;
          setDraft(text);
          e.currentTarget.blur();
        }
      }}
      className={`${inputClass} h-auto py-1.5`}
    />
  );
}

/** The captions' style is the ad's: this caption's look and highlight for every caption, one undo step. */
function AllCaptions({ item }: { item: TextItem }) {
  const { t } = useTranslation('translation', { keyPrefix: 'editor' });
  const doc = useEditor((s) => s.history.present);
  const count = captionIds(doc).length;
  if (count < 2) return null;
  const apply = () => useEditor.getState().exec(styleAllCaptions(doc, { look: item.style.look ?? 'pop', accent: item.style.accent }));
  return (
    <div className="grid grid-cols-[88px_minmax(0,1fr)] gap-2">
      <span />
      <button type="button" data-testid="caption-look-all" onClick={apply} className="min-h-8 rounded-md border border-line px-2 py-1 text-left text-[12px] leading-snug text-ink hover:border-accent focus:border-accent focus:outline-none">
        {t('inspector.lookForAll', { count })}
      </button>
    </div>
  );
}

function TextFields({ item }: { item: TextItem }) {
  const { t } = useTranslation('translation', { keyPrefix: 'editor' });
  const exec = (c: EditCommand) => useEditor.getState().exec(c);
  const s = item.style;
  return (
    <>
      <Row label={t('inspector.textContent')}>
        {(id) => <DocText key={item.id} id={id} itemId={item.id} text={item.text} />}
      </Row>
      {item.role === 'caption' ? (
        <Row label={t('inspector.captionLook')}>
          {(id) => (
            <select id={id} data-testid="caption-look" value={s.look ?? 'pop'} onChange={(e) => exec({ type: 'setText', itemId: item.id, style: { look: e.target.value as CaptionLook } })} className={inputClass}>
              {CaptionLook.options.map((look) => <option key={look} value={look}>{t(`inspector.looks.${look}`)}</option>)}
            </select>
          )}
        </Row>
      ) : null}
      {item.role === 'caption' ? <AllCaptions item={item} /> : null}
      {item.role === 'caption' || item.role === 'cta' ? (
        <Row label={t('inspector.accent')}>
          {(id) => <input id={id} type="color" value={(s.accent ?? DEFAULT_ACCENT).toLowerCase()} onChange={(e) => exec({ type: 'setText', itemId: item.id, style: { accent: e.target.value.toUpperCase() } })} className="h-8 w-full" />}
        </Row>
      ) : null}
      <NumberRow label={t('inspector.fontSize')} value={s.fontSize} min={6} onValue={(fontSize) => exec({ type: 'setText', itemId: item.id, style: { fontSize } })} />
      <Row label={t('inspector.color')}>
        {(id) => <input id={id} type="color" value={s.color.toLowerCase()} onChange={(e) => exec({ type: 'setText', itemId: item.id, style: { color: e.target.value.toUpperCase() } })} className="h-8 w-full" />}
      </Row>
      <Row label={t('inspector.background')}>
        {(id) => (
          <div className="flex items-center gap-2">
            <input id={id} type="color" disabled={s.background === null} value={(s.background ?? '#000000').toLowerCase()} onChange={(e) => exec({ type: 'setText', itemId: item.id, style: { background: e.target.value.toUpperCase() } })} className="h-8 flex-1" />
            <label className="flex items-center gap-1 text-[11px] text-ink-muted">
              <input type="checkbox" checked={s.background === null} onChange={(e) => exec({ type: 'setText', itemId: item.id, style: { background: e.target.checked ? null : '#000000' } })} />
              {t('inspector.noBox')}
            </label>
          </div>
        )}
      </Row>
      {s.background !== null ? <Slider label={t('inspector.backgroundOpacity')} value={s.backgroundOpacity} min={0} max={1} step={0.01} format={pct} onValue={(backgroundOpacity) => exec({ type: 'setText', itemId: item.id, style: { backgroundOpacity } })} /> : null}
    </>
  );
}
