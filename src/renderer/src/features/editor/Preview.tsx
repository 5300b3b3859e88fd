/**
 * The preview canvas and its transport. The canvas is the plan's size (360p) scaled to fit; a
 * selected overlay gets a frame on top that can be dragged (move) or resized from its corner,
 * which issues the same updateOverlay command the inspector does.
 */
import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ChevronLeft, ChevronRight, Pause, Play, SkipBack, SkipForward } from 'lucide-react';
import { frameAt, horizontal, vertical } from '../../../../shared/timeline';
import { locate } from '../../../../shared/timeline/commands';
import { PreviewEngine, type PreviewMedia } from './preview-engine';
import { startDrag } from './drag';
import { InlineText, inlineEditAt, type InlineEdit } from './InlineText';
import { useEditor } from './store';
import { parseTime, useTimeUnit } from './format';
import { timeText } from './names';

function OverlayHandles({ engine, scale }: { engine: PreviewEngine | null; scale: number }) {
  const { t } = useTranslation('translation', { keyPrefix: 'editor' });
  const plan = useEditor((s) => s.plan);
  const selection = useEditor((s) => s.selection);
  const playhead = useEditor((s) => s.playhead);
  const doc = useEditor((s) => s.history.present);
  if (!plan || !selection || !engine) return null;
  const at = locate(doc, selection);
  if (!at || at.where !== 'overlay') return null;
  const layer = frameAt(plan, playhead).layers.find((l) => l.id === selection);
  if (!layer || layer.kind === 'clip') return null;
  const rect = layer.kind === 'text' ? layer.box : engine.imageRect(layer);
  if (!rect) return null;
  const item = at.item;
  // An item in a layout slot gets its own placement (where it is now) the moment it is dragged.
  const slotted = item.kind === 'text' ? !item.placement : !!item.slot;
  const placement = slotted ? { anchor: 'top-left' as const, x: Math.round(rect.left / plan.unit), y: Math.round(rect.top / plan.unit), w: Math.round(rect.width / plan.unit) } : item.placement!;
  const unslot = slotted && item.kind === 'image' ? { slot: null } : {};
  const hz = horizontal(placement.anchor);
  const vt = vertical(placement.anchor);
  const toRef = (cssPx: number) => cssPx / scale / plan.unit;
  const move = (e: ReactPointerEvent) =>
    startDrag(e, {
      move: (dx, dy) => {
        const rx = toRef(dx);
        const ry = toRef(dy);
        useEditor.getState().exec({ type: 'updateOverlay', itemId: item.id, ...unslot, placement: { ...(slotted ? placement : {}), x: Math.round(placement.x + (hz === 'right' ? -rx : rx)), y: Math.round(placement.y + (vt === 'bottom' ? -ry : ry)) } });
      },
    });
  const resize = (e: ReactPointerEvent) => {
    const w0 = placement.w ?? rect.width / plan.unit;
    startDrag(e, {
      move: (dx) => {
        const rx = toRef(dx);
        const w = Math.max(20, Math.round(w0 + (hz === 'center' ? 2 * rx : rx)));
        const next = hz === 'right' ? { w, x: Math.round(placement.x - (w - w0)) } : { w };
        useEditor.getState().exec({ type: 'updateOverlay', itemId: item.id, ...unslot, placement: { ...(slotted ? placement : {}), ...next } });
      },
    });
  };
  return (
    <div
      data-testid="overlay-handle"
      title={t('preview.moveOverlay')}
      onPointerDown={move}
      className="absolute cursor-move border border-accent bg-accent/10 shadow-[0_0_0_1px_rgb(0_0_0/0.5)]"
      style={{ left: rect.left * scale, top: rect.top * scale, width: rect.width * scale, height: rect.height * scale }}
    >
      <span data-testid="overlay-resize" onPointerDown={resize} className="absolute -right-1.5 -bottom-1.5 size-3 cursor-nwse-resize rounded-sm border border-white bg-accent" />
    </div>
  );
}

export function Preview() {
  const { t } = useTranslation('translation', { keyPrefix: 'editor' });
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const [engine, setEngine] = useState<PreviewEngine | null>(null);
  const [scale, setScale] = useState(1);
  const [inline, setInline] = useState<InlineEdit | null>(null);
  const plan = useEditor((s) => s.plan);
  const media = useEditor((s) => s.media);
  const playhead = useEditor((s) => s.playhead);
  const playing = useEditor((s) => s.playing);
  const rate = useEditor((s) => s.rate);
  const solo = useEditor((s) => s.solo);
  const doc = useEditor((s) => s.history.present);

  useEffect(() => {
    const e = new PreviewEngine(canvasRef.current!);
    // data-drawn-frame: the frame the canvas shows, complete (absent while a seek is still landing).
    e.onDrawn = (f) => (f === null ? canvasRef.current?.removeAttribute('data-drawn-frame') : canvasRef.current?.setAttribute('data-drawn-frame', String(f)));
    setEngine(e);
    return () => e.dispose();
  }, []);

  useEffect(() => {
    if (!engine) return;
    const pm: Record<string, PreviewMedia> = Object.fromEntries(Object.entries(media).map(([id, m]) => [id, { url: m.online ? m.url : null, kind: m.kind }]));
    engine.setPlan(plan, pm, t('preview.offline'));
    // Solo: every sound on a non-soloed audio track is silent in the preview.
    const muted = new Set<string>();
    if (solo.length) for (const tr of doc.audio) if (!solo.includes(tr.id)) for (const c of tr.clips) muted.add(c.id);
    if (solo.length) for (const c of doc.main.clips) muted.add(c.id);
    engine.setMonitorMute(muted);
  }, [engine, plan, media, solo, doc, t]);

  useEffect(() => {
    if (!engine || !plan) return;
    if (playing) {
      const { outPoint } = useEditor.getState();
      engine.play(playhead, rate, (f) => useEditor.setState({ playhead: f }), outPoint !== null && outPoint > playhead ? outPoint : undefined);
      return () => engine.stop();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- playback owns the playhead while playing
  }, [engine, playing, rate, plan]);

  useEffect(() => {
    if (!engine || playing) return;
    void engine.seek(playhead);
  }, [engine, playhead, playing, plan]);

  useEffect(() => {
    if (playing && engine && !engine.isPlaying) useEditor.getState().setPlaying(false);
  });

  useEffect(() => {
    const box = boxRef.current;
    if (!box || !plan) return;
    const fit = () => setScale(Math.min(box.clientWidth / plan.width, box.clientHeight / plan.height));
    fit();
    const ro = new ResizeObserver(fit);
    ro.observe(box);
    return () => ro.disconnect();
  }, [plan]);

  const s = useEditor.getState();
  const total = plan?.totalFrames ?? 0;
  const fps = doc.fps;
  const unit = useTimeUnit((u) => u.unit);
  const time = timeText(t, fps, unit);
  return (
    <section aria-label={t('preview.label')} className="flex min-h-0 min-w-0 flex-1 flex-col bg-[#050507]">
      <div ref={boxRef} className="relative flex min-h-0 flex-1 items-center justify-center overflow-hidden p-4">
        <div className="relative shadow-2xl shadow-black" style={plan ? { width: plan.width * scale, height: plan.height * scale } : { display: 'none' }} onDoubleClick={(e) => setInline(inlineEditAt(e, plan, scale))}>
          <canvas ref={canvasRef} data-testid="preview-canvas" className="block size-full bg-black" />
          <OverlayHandles engine={engine} scale={scale} />
          {inline ? <InlineText key={inline.id} edit={inline} scale={scale} onDone={() => setInline(null)} /> : null}
        </div>
        {!plan ? <p className="text-sm text-ink-faint">{t('preview.nothing')}</p> : null}
      </div>
      <div className="flex items-center gap-1 border-t border-line bg-surface px-3 py-1.5">
        <span className="w-24 font-mono text-[13px] tabular-nums text-ink" data-testid="timecode">{time.at(playhead)}</span>
        <button type="button" aria-label={t('transport.start')} title={t('transport.start')} onClick={() => s.seek(0)} className="rounded p-1.5 text-ink-muted hover:bg-overlay hover:text-ink"><SkipBack aria-hidden className="size-4" /></button>
        <button type="button" aria-label={t('transport.prevFrame')} title={t('transport.prevFrame')} onClick={() => s.seek(playhead - 1)} className="rounded p-1.5 text-ink-muted hover:bg-overlay hover:text-ink"><ChevronLeft aria-hidden className="size-4" /></button>
        <button type="button" data-testid="play" aria-label={t(playing ? 'transport.pause' : 'transport.play')} title={t(playing ? 'transport.pause' : 'transport.play')} onClick={() => s.setPlaying(!playing)} className="mx-1 flex size-9 items-center justify-center rounded-full bg-ink text-canvas hover:bg-white">
          {playing ? <Pause aria-hidden className="size-4 fill-current" /> : <Play aria-hidden className="ml-0.5 size-4 fill-current" />}
        </button>
        <button type="button" aria-label={t('transport.nextFrame')} title={t('transport.nextFrame')} onClick={() => s.seek(playhead + 1)} className="rounded p-1.5 text-ink-muted hover:bg-overlay hover:text-ink"><ChevronRight aria-hidden className="size-4" /></button>
        <button type="button" aria-label={t('transport.end')} title={t('transport.end')} onClick={() => s.seek(total - 1)} className="rounded p-1.5 text-ink-muted hover:bg-overlay hover:text-ink"><SkipForward aria-hidden className="size-4" /></button>
        {playing && rate !== 1 ? <span className="ml-1 rounded bg-accent-soft px-1.5 text-[11px] text-accent">{t('transport.shuttle', { rate })}</span> : null}
        <form
          className="ml-auto flex items-center gap-1.5"
          onSubmit={(e) => {
            e.preventDefault();
            const form = e.currentTarget;
            const v = parseTime(String(new FormData(form).get('frame') ?? ''), fps, unit);
            if (v !== null) s.seek(v);
            // The jump is done: leave the field, so the next S splits instead of typing an "s".
            form.reset();
            (document.activeElement as HTMLElement | null)?.blur();
          }}
        >
          <label className="text-[11px] text-ink-faint" htmlFor="goto-frame">{t('transport.timecode')}</label>
          <input id="goto-frame" name="frame" data-testid="goto-frame" title={t('transport.timecodeHint')} placeholder={time.at(0)} className="h-7 w-20 rounded-md border border-line bg-canvas px-2 text-[12px] tabular-nums" />
        </form>
        <span className="ml-3 font-mono text-[12px] tabular-nums text-ink-faint" data-testid="total-time">{time.at(total)}</span>
        <button type="button" aria-pressed={unit === 'frames'} title={t('transport.framesHint')} data-testid="time-unit" onClick={() => useTimeUnit.getState().toggle()} className={`ml-2 rounded-md border px-2 py-0.5 text-[11px] ${unit === 'frames' ? 'border-accent bg-accent-soft text-ink' : 'border-line text-ink-muted hover:text-ink'}`}>
          {t('transport.frames')}
        </button>
      </div>
    </section>
  );
}
