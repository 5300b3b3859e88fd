/**
 * The transport under a video (issue 19 #16): play/pause, a position slider, the time and mute,
 * drawn below the picture — the browser's own controls sit over the frame's bottom, where the
 * captions are. Follows the <video> it is given through its media events.
 */
import { useCallback, useSyncExternalStore, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Maximize, Pause, Play, Volume2, VolumeX } from 'lucide-react';
import { IconButton } from './Button';

const EVENTS = ['timeupdate', 'durationchange', 'loadedmetadata', 'play', 'pause', 'ended', 'volumechange', 'seeked', 'emptied'] as const;

/** `0:07`, `1:02`: minutes and seconds, the way players show time. */
export function clockTime(seconds: number): string {
  const s = Math.max(0, Math.floor(Number.isFinite(seconds) ? seconds : 0));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function PlayerBar({ video, src, label }: { video: RefObject<HTMLVideoElement | null>; src: string | null; label: string }) {
  const { t } = useTranslation('translation', { keyPrefix: 'common.player' });
  // Re-subscribes when the source changes (a new <video> element under the same ref).
  const subscribe = useCallback(
    (notify: () => void) => {
      const v = video.current;
      if (!v) return () => undefined;
      for (const e of EVENTS) v.addEventListener(e, notify);
      return () => {
        for (const e of EVENTS) v.removeEventListener(e, notify);
      };
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- src is what changes the element under the ref
    [video, src],
  );
  const snapshot = useSyncExternalStore(subscribe, () => {
    const v = video.current;
    return v ? `${v.currentTime}|${Number.isFinite(v.duration) ? v.duration : 0}|${v.paused ? 1 : 0}|${v.muted ? 1 : 0}` : '0|0|1|0';
  });
  const [time, duration, paused, muted] = snapshot.split('|').map(Number) as [number, number, number, number];
  const v = () => video.current;
  return (
    <div className="flex w-full items-center gap-2 px-1 pt-2" data-testid="player-bar" role="group" aria-label={t('controls', { name: label })}>
      <IconButton icon={paused ? Play : Pause} label={paused ? t('play') : t('pause')} onClick={() => {
          const el = v();
          if (!el) return;
          if (el.paused) void el.play().catch(() => undefined);
          else el.pause();
        }} data-testid="player-play" />
      <input type="range" min={0} max={duration || 0} step={0.01} value={Math.min(time, duration || 0)} aria-label={t('position')} aria-valuetext={t('at', { time: clockTime(time), duration: clockTime(duration) })} onChange={(e) => {
          const el = v();
          if (el) el.currentTime = Number(e.target.value);
        }} className="h-1.5 min-w-0 flex-1 cursor-pointer accent-[var(--color-accent)]" data-testid="player-position" />
      <span className="shrink-0 text-[12px] tabular-nums text-ink-muted" data-testid="player-time">
        {clockTime(time)} / {clockTime(duration)}
      </span>
      <IconButton icon={muted ? VolumeX : Volume2} label={muted ? t('unmute') : t('mute')} onClick={() => {
          const el = v();
          if (el) el.muted = !el.muted;
        }} />
      <IconButton icon={Maximize} label={t('fullscreen')} onClick={() => void v()?.requestFullscreen().catch(() => undefined)} />
    </div>
  );
}
