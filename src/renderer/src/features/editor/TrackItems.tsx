/**
 * The items of one timeline row: main clips (filmstrip, crossfade bands, offline badge),
 * overlays (image / text) and sounds (waveform). Dragging the body moves (overlays, sounds) or
 * reorders (main clips); dragging an edge trims; everything snaps to edges and the playhead.
 */
import { AlertTriangle, Image as ImageIcon, Type } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { memo, useState, type KeyboardEvent as ReactKeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';
import type { AudioTrack, MainClip, OverlayTrack, Timeline } from '../../../../shared/timeline';
import { clipEnd, moveMany, snapFrame, snapTargets, sortedMain } from '../../../../shared/timeline/commands';
import { startDrag, takeFocus } from './drag';
import { useEditor } from './store';
import { Waveform } from './Waveform';
import { useTimeUnit } from './format';
import { mediaName, timeText } from './names';
import { extendSelection } from './extend-selection';

const SNAP_PX = 8;

/**
 * Every item is a focusable toggle button (issue 19): Tab reaches it, Enter or Space selects it
 * (then Delete, S and the Inspector act on it), Shift+←/→ grows the selection to its neighbour on
 * the same track, and it says what it is.
 */
function focusable(id: string, selected: boolean, label: string) {
  return {
    role: 'button',
    tabIndex: 0,
    'aria-pressed': selected,
    'aria-label': label,
    'data-item-id': id,
    onKeyDown: (e: ReactKeyboardEvent) => {
      if ((e.key === 'ArrowLeft' || e.key === 'ArrowRight') && e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey) {
        // Shift+←/→ on an item grows the selection along its track (not the playhead's one-second step).
        e.preventDefault();
        e.stopPropagation();
        const s = useEditor.getState();
        const r = extendSelection(s.history.present, s.selected, id, e.key === 'ArrowLeft' ? -1 : 1);
        if (!r) return;
        s.selectMany(r.selected, r.focus);
        document.querySelector<HTMLElement>(`[data-item-id="${CSS.escape(r.focus)}"]`)?.focus();
        return;
      }
      if (e.key !== 'Enter' && e.key !== ' ') return;
      // Enter/Space on an item select it; they must not reach the player's Space (play/pause).
      // With Shift or Ctrl/Cmd the item is added to (or taken out of) the selection.
      e.preventDefault();
      e.stopPropagation();
      if (e.shiftKey || e.ctrlKey || e.metaKey) useEditor.getState().toggleSelect(id);
      else useEditor.getState().select(id);
    },
  } as const;
}

const focusRing = 'outline-none focus-visible:ring-2 focus-visible:ring-white';

/** Shift/Ctrl/Cmd-click adds the item to the selection or takes it out (no drag). */
function pickMany(e: ReactPointerEvent, id: string): boolean {
  if (!(e.shiftKey || e.ctrlKey || e.metaKey) || e.button !== 0) return false;
  e.preventDefault();
  e.stopPropagation();
  takeFocus(e);
  useEditor.getState().toggleSelect(id);
  return true;
}

/** Dragging one of several selected items moves them all together: one undo step. */
function dragMany(e: ReactPointerEvent, doc: Timeline, ids: string[]) {
  startDrag(e, {
    move: (dx) => {
      const cmd = moveMany(doc, ids, Math.round(dx / useEditor.getState().pxPerFrame));
      if (cmd) useEditor.getState().exec(cmd);
    },
  });
}

function snapper(doc: Timeline, exclude: string) {
  const { snapping, playhead, pxPerFrame } = useEditor.getState();
  const targets = snapTargets(doc, exclude);
  return (f: number) => (snapping ? snapFrame(f, targets, SNAP_PX / pxPerFrame, playhead).frame : f);
}

function trimDrag(e: ReactPointerEvent, id: string, edge: 'start' | 'end', edgeFrame: number) {
  const s = useEditor.getState();
  s.select(id);
  const snap = snapper(s.history.present, id);
  startDrag(e, { move: (dx) => useEditor.getState().exec({ type: 'trim', itemId: id, edge, frame: Math.max(0, snap(Math.round(edgeFrame + dx / useEditor.getState().pxPerFrame))) }) });
}

function Edges({ id, start, end }: { id: string; start: number; end: number }) {
  return (
    <>
      <span data-testid={`trim-start-${id}`} onPointerDown={(e) => trimDrag(e, id, 'start', start)} className="absolute inset-y-0 left-0 z-10 w-1.5 cursor-ew-resize rounded-l-md hover:bg-white/60" />
      <span data-testid={`trim-end-${id}`} onPointerDown={(e) => trimDrag(e, id, 'end', end)} className="absolute inset-y-0 right-0 z-10 w-1.5 cursor-ew-resize rounded-r-md hover:bg-white/60" />
    </>
  );
}

/** Memoised: the playhead moving every frame must not re-render hundreds of clips. */
export const MainTrackItems = memo(function MainTrackItems({ doc }: { doc: Timeline }) {
  const { t } = useTranslation('translation', { keyPrefix: 'editor' });
  const px = useEditor((s) => s.pxPerFrame);
  const selectedIds = useEditor((s) => s.selected);
  const media = useEditor((s) => s.media);
  const info = useEditor((s) => s.info);
  const [drag, setDrag] = useState<{ id: string; dx: number } | null>(null);
  const unit = useTimeUnit((u) => u.unit);
  const clips = sortedMain(doc);

  const pressBody = (e: ReactPointerEvent, c: MainClip) => {
    if (pickMany(e, c.id)) return;
    useEditor.getState().select(c.id);
    startDrag(e, {
      threshold: 6,
      move: (dx) => setDrag({ id: c.id, dx }),
      up: (dx) => {
        setDrag(null);
        const pxf = useEditor.getState().pxPerFrame;
        const centre = c.start + dx / pxf + (c.out - c.in) / 2;
        const others = clips.filter((o) => o.id !== c.id);
        const toIndex = others.filter((o) => o.start + (o.out - o.in) / 2 < centre).length;
        useEditor.getState().exec({ type: 'reorder', itemId: c.id, toIndex });
      },
    });
  };

  return (
    <>
      {clips.map((c) => {
        const m = media[c.media];
        const offline = m ? !m.online : true;
        const strip = m?.sha256 ? info[m.sha256] : undefined;
        const len = c.out - c.in;
        const selected = selectedIds.includes(c.id);
        const dx = drag?.id === c.id ? drag.dx : 0;
        const srcFrames = m?.durationS ? m.durationS * doc.fps : len;
        const xf = c.transitionIn.kind !== 'cut' ? c.transitionIn : null;
        return (
          <div
            key={c.id}
            data-testid={`clip-${c.id}`}
            data-selected={selected || undefined}
            {...focusable(c.id, selected, t('tracks.items.clip', { name: mediaName(t, c.media, m?.name ?? doc.media[c.media]?.name) }))}
            onPointerDown={(e) => pressBody(e, c)}
            className={`group absolute inset-y-1 cursor-grab ${focusRing} overflow-hidden rounded-md border bg-[#23324a] ${selected ? 'z-20 border-white ring-2 ring-accent' : 'border-[#3c5274]'} ${dx ? 'z-30 opacity-80 shadow-xl' : ''}`}
            style={{ left: c.start * px, width: Math.max(2, len * px), transform: dx ? `translateX(${dx}px)` : undefined }}
          >
            {strip?.filmstripUrl ? (
              <div
                aria-hidden
                className="absolute inset-0 bg-no-repeat opacity-90"
                style={
                  m?.kind === 'image'
                    ? { backgroundImage: `url("${strip.filmstripUrl}")`, backgroundSize: 'auto 100%', backgroundRepeat: 'repeat-x' }
                    : { backgroundImage: `url("${strip.filmstripUrl}")`, backgroundSize: `${srcFrames * px}px 100%`, backgroundPositionX: -c.in * px }
                }
              />
            ) : null}
            <div className="absolute inset-x-0 top-0 flex items-center gap-1 bg-gradient-to-b from-black/70 to-transparent px-2 py-0.5 text-[11px] font-medium text-white">
              <span className="truncate" dir="auto">{mediaName(t, c.media, m?.name ?? doc.media[c.media]?.name)}</span>
            </div>
            {xf ? (
              <div
                title={t(xf.kind === 'crossfade' ? 'tracks.crossfade' : 'tracks.dip', { length: timeText(t, doc.fps, unit).dur(xf.frames) }) as string}
                className="absolute inset-y-0 left-0 bg-[repeating-linear-gradient(135deg,rgb(255_255_255/0.28)_0_4px,transparent_4px_8px)]"
                style={{ width: (xf.kind === 'crossfade' ? xf.frames : xf.frames / 2) * px }}
              />
            ) : null}
            {offline ? (
              <span data-testid={`offline-${c.id}`} className="absolute bottom-1 left-1 inline-flex items-center gap-1 rounded bg-warning px-1.5 py-0.5 text-[10px] font-semibold text-black">
                <AlertTriangle aria-hidden className="size-3" />
                {t('tracks.offline')}
              </span>
            ) : null}
            <Edges id={c.id} start={c.start} end={clipEnd(c)} />
          </div>
        );
      })}
    </>
  );
});

/** Memoised: the playhead moving every frame must not re-render hundreds of clips. */
export const OverlayTrackItems = memo(function OverlayTrackItems({ doc, track }: { doc: Timeline; track: OverlayTrack }) {
  const { t } = useTranslation('translation', { keyPrefix: 'editor' });
  const px = useEditor((s) => s.pxPerFrame);
  const selectedIds = useEditor((s) => s.selected);
  const media = useEditor((s) => s.media);
  return (
    <>
      {track.items.map((it) => {
        const selected = selectedIds.includes(it.id);
        const offline = it.kind === 'image' && !media[it.media]?.online;
        const press = (e: ReactPointerEvent) => {
          const s = useEditor.getState();
          if (pickMany(e, it.id)) return;
          if (s.selected.length > 1 && s.selected.includes(it.id)) return dragMany(e, doc, s.selected);
          s.select(it.id);
          const snap = snapper(doc, it.id);
          startDrag(e, {
            move: (dx) => {
              const pxf = useEditor.getState().pxPerFrame;
              let start = Math.round(it.start + dx / pxf);
              const snappedStart = snap(start);
              const snappedEnd = snap(start + it.duration);
              start = snappedStart !== start ? snappedStart : snappedEnd !== start + it.duration ? snappedEnd - it.duration : start;
              useEditor.getState().exec({ type: 'updateOverlay', itemId: it.id, start: Math.max(0, start) });
            },
          });
        };
        return (
          <div
            key={it.id}
            data-testid={`overlay-${it.id}`}
            data-selected={selected || undefined}
            {...focusable(it.id, selected, it.kind === 'text' ? t('tracks.items.text', { role: t(`tracks.roles.${it.role}`), text: it.text }) : t('tracks.items.image', { name: mediaName(t, it.media, media[it.media]?.name ?? doc.media[it.media]?.name) }))}
            onPointerDown={press}
            className={`absolute inset-y-1 flex cursor-grab ${focusRing} items-center gap-1.5 overflow-hidden rounded-md border px-2 text-[11px] font-medium text-white ${it.kind === 'text' ? 'border-[#8a5a1c] bg-[#5a3b12]' : 'border-[#6a3f8f] bg-[#432a5c]'} ${selected ? 'z-20 border-white ring-2 ring-accent' : ''} ${track.hidden ? 'opacity-40' : ''}`}
            style={{ left: it.start * px, width: Math.max(2, it.duration * px) }}
          >
            {it.kind === 'text' ? <Type aria-hidden className="size-3 shrink-0" /> : <ImageIcon aria-hidden className="size-3 shrink-0" />}
            <span className="truncate" dir="auto">{it.kind === 'text' ? it.text : (mediaName(t, it.media, media[it.media]?.name ?? doc.media[it.media]?.name))}</span>
            {offline ? <span className="ml-auto rounded bg-warning px-1 text-[10px] text-black">{t('tracks.offline')}</span> : null}
            <Edges id={it.id} start={it.start} end={it.start + it.duration} />
          </div>
        );
      })}
    </>
  );
});

const ROLE_COLOR = { voice: '#3ddc97', music: '#4db3ff', sfx: '#ffb547' } as const;

/** Memoised: the playhead moving every frame must not re-render hundreds of clips. */
export const AudioTrackItems = memo(function AudioTrackItems({ doc, track }: { doc: Timeline; track: AudioTrack }) {
  const { t } = useTranslation('translation', { keyPrefix: 'editor' });
  const px = useEditor((s) => s.pxPerFrame);
  const selectedIds = useEditor((s) => s.selected);
  const media = useEditor((s) => s.media);
  const info = useEditor((s) => s.info);
  const color = ROLE_COLOR[track.role];
  return (
    <>
      {track.clips.map((c) => {
        const m = media[c.media];
        const peaks = m?.sha256 ? info[m.sha256] : undefined;
        const len = c.out - c.in;
        const selected = selectedIds.includes(c.id);
        const press = (e: ReactPointerEvent) => {
          const s = useEditor.getState();
          if (pickMany(e, c.id)) return;
          if (s.selected.length > 1 && s.selected.includes(c.id)) return dragMany(e, doc, s.selected);
          s.select(c.id);
          const snap = snapper(doc, c.id);
          startDrag(e, {
            move: (dx) => {
              const pxf = useEditor.getState().pxPerFrame;
              const raw = Math.round(c.start + dx / pxf);
              const s1 = snap(raw);
              const s2 = snap(raw + len) - len;
              useEditor.getState().exec({ type: 'moveAudio', itemId: c.id, start: Math.max(0, s1 !== raw ? s1 : s2) });
            },
          });
        };
        return (
          <div
            key={c.id}
            data-testid={`audio-${c.id}`}
            data-selected={selected || undefined}
            {...focusable(c.id, selected, t('tracks.items.audio', { track: t(`tracks.${track.role}`), name: mediaName(t, c.media, m?.name ?? doc.media[c.media]?.name) }))}
            onPointerDown={press}
            className={`absolute inset-y-1 cursor-grab ${focusRing} overflow-hidden rounded-md border ${selected ? 'z-20 border-white ring-2 ring-accent' : 'border-white/10'} ${track.muted ? 'opacity-40' : ''}`}
            style={{ left: c.start * px, width: Math.max(2, len * px), backgroundColor: `${color}22` }}
          >
            {peaks && peaks.peaks.length ? <Waveform peaks={peaks.peaks} perSecond={peaks.peaksPerSecond} fromS={c.in / doc.fps} toS={c.out / doc.fps} width={len * px} color={`${color}bb`} /> : null}
            <span className="absolute top-0.5 left-2 truncate text-[10px] font-medium text-white/90" dir="auto">{mediaName(t, c.media, m?.name ?? doc.media[c.media]?.name)}</span>
            {m && !m.online ? <span className="absolute bottom-1 left-1 rounded bg-warning px-1 text-[10px] text-black">{t('tracks.offline')}</span> : null}
            <Edges id={c.id} start={c.start} end={c.start + len} />
          </div>
        );
      })}
    </>
  );
});
