/**
 * The timeline panel: track headers (mute / solo / volume / visibility), a ruler to scrub,
 * overlay rows above the main video row, sound rows below, the playhead and the in/out marks.
 */
import { Eye, EyeOff, Film, Headphones, Image as ImageIcon, Music, Mic, Type, Volume2, VolumeX, Zap } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { memo, useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { AudioTrack, OverlayTrack } from '../../../../shared/timeline';
import { timelineLength } from '../../../../shared/timeline';
import { AudioTrackItems, MainTrackItems, OverlayTrackItems } from './TrackItems';
import { useEditor } from './store';
import { timecode } from './format';

const HEADER_W = 188;
type Row = { kind: 'overlay'; track: OverlayTrack } | { kind: 'main' } | { kind: 'audio'; track: AudioTrack };

const ROW_H = { overlay: 40, main: 68, audio: 52 } as const;
/** A short window (1280×720, issue 19 #15) gets compact rows, so every track fits and the preview keeps its room. */
const ROW_H_COMPACT = { overlay: 28, main: 48, audio: 38 } as const;
const SHORT_WINDOW = '(max-height: 820px)';

function useRowHeights() {
  const [short, setShort] = useState(() => globalThis.matchMedia?.(SHORT_WINDOW).matches ?? false);
  useEffect(() => {
    const mq = globalThis.matchMedia?.(SHORT_WINDOW);
    if (!mq) return;
    const on = () => setShort(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  return short ? ROW_H_COMPACT : ROW_H;
}
const ROLE_ICON = { voice: Mic, music: Music, sfx: Zap } as const;

function TrackHeader({ row }: { row: Row }) {
  const { t } = useTranslation('translation', { keyPrefix: 'editor' });
  const solo = useEditor((s) => s.solo);
  const exec = useEditor((s) => s.exec);
  if (row.kind === 'main') {
    return (
      <div className="flex h-full items-center gap-2 px-3 text-[12px] font-semibold text-ink">
        <Film aria-hidden className="size-3.5 text-accent" />
        {t('tracks.main')}
      </div>
    );
  }
  if (row.kind === 'overlay') {
    const tr = row.track;
    const Icon = tr.items.some((i) => i.kind === 'text') ? Type : ImageIcon;
    return (
      <div className="flex h-full items-center gap-2 px-3 text-[12px] text-ink-muted">
        <Icon aria-hidden className="size-3.5" />
        <span className="truncate" dir="auto">{tr.name ?? t('tracks.overlay')}</span>
        <button
          type="button"
          aria-label={t(tr.hidden ? 'tracks.show' : 'tracks.hide')}
          title={t(tr.hidden ? 'tracks.show' : 'tracks.hide')}
          onClick={() => exec({ type: 'setTrack', trackId: tr.id, hidden: !tr.hidden })}
          className="ml-auto rounded p-1 hover:bg-overlay hover:text-ink"
        >
          {tr.hidden ? <EyeOff aria-hidden className="size-3.5" /> : <Eye aria-hidden className="size-3.5" />}
        </button>
      </div>
    );
  }
  const tr = row.track;
  const Icon = ROLE_ICON[tr.role];
  const soloed = solo.includes(tr.id);
  return (
    <div className="flex h-full flex-col justify-center gap-1 px-3 text-[12px] text-ink-muted">
      <div className="flex items-center gap-1.5">
        <Icon aria-hidden className="size-3.5" />
        <span className="font-medium text-ink">{t(`tracks.${tr.role}`)}</span>
        <button type="button" aria-pressed={tr.muted} aria-label={t(tr.muted ? 'tracks.unmute' : 'tracks.mute')} title={t(tr.muted ? 'tracks.unmute' : 'tracks.mute')} onClick={() => exec({ type: 'setTrack', trackId: tr.id, muted: !tr.muted })} className={`ml-auto rounded px-1 py-0.5 ${tr.muted ? 'bg-danger-soft text-danger' : 'hover:bg-overlay hover:text-ink'}`}>
          {tr.muted ? <VolumeX aria-hidden className="size-3.5" /> : <Volume2 aria-hidden className="size-3.5" />}
        </button>
        <button type="button" aria-pressed={soloed} aria-label={t('tracks.solo')} title={t('tracks.solo')} onClick={() => useEditor.getState().toggleSolo(tr.id)} className={`rounded px-1 py-0.5 ${soloed ? 'bg-warning/20 text-warning' : 'hover:bg-overlay hover:text-ink'}`}>
          <Headphones aria-hidden className="size-3.5" />
        </button>
      </div>
      <input
        type="range"
        min={0}
        max={2}
        step={0.01}
        value={tr.gain}
        aria-label={`${t('inspector.trackVolume')} ${t(`tracks.${tr.role}`)}`}
        onPointerDown={() => useEditor.getState().begin()}
        onPointerUp={() => useEditor.getState().end()}
        onChange={(e) => exec({ type: 'setTrack', trackId: tr.id, gain: Number(e.target.value) })}
        className="h-1 w-full accent-[var(--color-accent)]"
      />
    </div>
  );
}

const Ruler = memo(function Ruler({ frames, fps, px }: { frames: number; fps: number; px: number }) {
  const { t } = useTranslation('translation', { keyPrefix: 'editor' });
  const ref = useRef<HTMLDivElement>(null);
  const step = px * fps >= 80 ? 1 : px * fps >= 30 ? 2 : px * fps >= 12 ? 5 : 10;
  const ticks: number[] = [];
  for (let s = 0; s * fps <= frames + fps * step; s += step) ticks.push(s);
  const scrub = (e: ReactPointerEvent) => {
    const el = ref.current;
    if (!el) return;
    const at = (clientX: number) => useEditor.getState().seek((clientX - el.getBoundingClientRect().left) / useEditor.getState().pxPerFrame);
    useEditor.getState().setPlaying(false);
    at(e.clientX);
    const move = (ev: PointerEvent) => at(ev.clientX);
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };
  return (
    <div ref={ref} data-testid="ruler" aria-label={t('tracks.ruler')} onPointerDown={scrub} className="relative h-7 cursor-col-resize border-b border-line bg-surface select-none">
      {ticks.map((s) => (
        <div key={s} className="absolute top-0 h-full border-l border-line-strong" style={{ left: s * fps * px }}>
          <span className="absolute top-1 left-1 text-[10px] tabular-nums text-ink-faint">{timecode(s * fps, fps).slice(0, 5)}</span>
        </div>
      ))}
    </div>
  );
});

export function Timeline() {
  const { t } = useTranslation('translation', { keyPrefix: 'editor' });
  const doc = useEditor((s) => s.history.present);
  const px = useEditor((s) => s.pxPerFrame);
  const playhead = useEditor((s) => s.playhead);
  const inPoint = useEditor((s) => s.inPoint);
  const outPoint = useEditor((s) => s.outPoint);
  const frames = timelineLength(doc);
  const rowH = useRowHeights();
  const rows: Row[] = [
    ...[...doc.overlays].sort((a, b) => b.z - a.z).map((track) => ({ kind: 'overlay' as const, track })),
    { kind: 'main' },
    ...doc.audio.map((track) => ({ kind: 'audio' as const, track })),
  ];
  const width = Math.max(frames + doc.fps * 4, doc.fps * 10) * px;

  return (
    <section aria-label={t('tracks.label')} className="flex min-h-0 flex-1 overflow-hidden border-t border-line bg-canvas">
      <div className="shrink-0 border-r border-line bg-surface" style={{ width: HEADER_W }}>
        <div className="h-7 border-b border-line" />
        {rows.map((row, i) => (
          <div key={i} className="border-b border-line/70" style={{ height: rowH[row.kind] }}>
            <TrackHeader row={row} />
          </div>
        ))}
      </div>
      <div data-testid="timeline-scroll" className="relative min-w-0 flex-1 overflow-auto" onPointerDown={(e) => e.target === e.currentTarget && useEditor.getState().select(null)}>
        <div className="relative" style={{ width }}>
          <Ruler frames={frames} fps={doc.fps} px={px} />
          {rows.map((row, i) => (
            <div key={i} onPointerDown={(e) => e.target === e.currentTarget && useEditor.getState().select(null)} className={`relative border-b border-line/70 ${row.kind === 'main' ? 'bg-[#11161f]' : 'bg-canvas'}`} style={{ height: rowH[row.kind] }}>
              {row.kind === 'main' ? <MainTrackItems doc={doc} /> : row.kind === 'overlay' ? <OverlayTrackItems doc={doc} track={row.track} /> : <AudioTrackItems doc={doc} track={row.track} />}
            </div>
          ))}
          {inPoint !== null || outPoint !== null ? (
            <div aria-hidden className="pointer-events-none absolute top-0 bottom-0 bg-accent/10" style={{ left: (inPoint ?? 0) * px, width: ((outPoint ?? frames) - (inPoint ?? 0)) * px }} />
          ) : null}
          <div role="img" aria-label={t('tracks.playhead')} data-testid="playhead" data-frame={playhead} className="pointer-events-none absolute top-0 bottom-0 z-40 w-px bg-[#ff4d6d]" style={{ left: playhead * px }}>
            <div className="absolute -top-0 -left-[5px] size-0 border-x-[5px] border-t-[7px] border-x-transparent border-t-[#ff4d6d]" />
          </div>
        </div>
      </div>
    </section>
  );
}
