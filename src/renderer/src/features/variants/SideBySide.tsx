/**
 * Two variants playing in sync. Each side has its own controls (the ad page's PlayerBar, under the picture); playing, pausing or seeking either
 * moves the other with it. One side is heard at a time (two voices at once cannot be compared):
 * the user chooses which, the other is muted.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Pause, Play, RotateCcw } from 'lucide-react';
import type { VariantView } from '../../../../shared/domain/variants';
import { Button } from '../../components/Button';
import { PlayerBar } from '../../components/PlayerBar';

const frame = { '16:9': 'aspect-video w-full', '9:16': 'aspect-[9/16] h-[46vh] max-w-full', '1:1': 'aspect-square h-[40vh] max-w-full' } as const;
/** Two clocks this close are in sync (a seek on every timeupdate would stutter). */
const DRIFT_S = 0.15;

type Side = 'left' | 'right';

export function SideBySide({ left, right }: { left: VariantView; right: VariantView }) {
  const { t } = useTranslation('translation', { keyPrefix: 'variants.set' });
  const a = useRef<HTMLVideoElement>(null);
  const b = useRef<HTMLVideoElement>(null);
  const [playing, setPlaying] = useState(false);
  const [heard, setHeard] = useState<Side>('left');

  // Whichever side the user moves leads; the other follows (a shorter cut stops at its end).
  useEffect(() => {
    const pair = [a.current, b.current];
    if (!pair[0] || !pair[1]) return;
    const [va, vb] = pair as [HTMLVideoElement, HTMLVideoElement];
    const follow = (lead: HTMLVideoElement, other: HTMLVideoElement) => {
      const to = Math.min(lead.currentTime, Number.isFinite(other.duration) ? other.duration : Infinity);
      if (Math.abs(other.currentTime - to) > DRIFT_S) other.currentTime = to;
    };
    const wire = (lead: HTMLVideoElement, other: HTMLVideoElement) => {
      const onSeeked = () => follow(lead, other);
      const onTime = () => {
        // Only the playing leader's clock is followed while both play (the other follows it).
        if (!lead.paused && lead === va) follow(lead, other);
      };
      const onPlay = () => {
        setPlaying(true);
        if (other.paused && other.currentTime < (other.duration || Infinity)) {
          follow(lead, other);
          void other.play().catch(() => undefined);
        }
      };
      const onPause = () => {
        if (!other.paused) other.pause();
        follow(lead, other);
        if (va.paused && vb.paused) setPlaying(false);
      };
      lead.addEventListener('seeked', onSeeked);
      lead.addEventListener('timeupdate', onTime);
      lead.addEventListener('play', onPlay);
      lead.addEventListener('pause', onPause);
      return () => {
        lead.removeEventListener('seeked', onSeeked);
        lead.removeEventListener('timeupdate', onTime);
        lead.removeEventListener('play', onPlay);
        lead.removeEventListener('pause', onPause);
      };
    };
    const offA = wire(va, vb);
    const offB = wire(vb, va);
    return () => {
      offA();
      offB();
    };
  }, [left.videoUrl, right.videoUrl]);

  const toggle = () => {
    const lead = a.current;
    if (!lead) return;
    if (lead.paused) void lead.play().catch(() => undefined);
    else lead.pause();
  };
  const restart = () => {
    for (const v of [a.current, b.current]) if (v) v.currentTime = 0;
  };

  return (
    <section aria-labelledby="variants-sbs-title" className="flex flex-col gap-3 rounded-2xl border border-line bg-surface p-4" data-testid="variants-side-by-side">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h4 id="variants-sbs-title" className="text-[14px] font-semibold">
          {t('sideBySide')}
        </h4>
        <div className="flex flex-wrap items-center gap-3">
          <fieldset className="flex items-center gap-3 text-[13px]" data-testid="variants-heard">
            <legend className="sr-only">{t('heard')}</legend>
            <span aria-hidden className="text-ink-muted">
              {t('heard')}
            </span>
            {(['left', 'right'] as const).map((side) => (
              <label key={side} className="flex items-center gap-1.5">
                <input type="radio" name="variants-heard" value={side} checked={heard === side} onChange={() => setHeard(side)} className="size-4 accent-[var(--color-accent)]" />
                {t(side === 'left' ? 'heardLeft' : 'heardRight')}
              </label>
            ))}
          </fieldset>
          <Button size="sm" icon={RotateCcw} onClick={restart}>
            {t('restart')}
          </Button>
          <Button size="sm" variant="primary" icon={playing ? Pause : Play} onClick={toggle} data-testid="variants-play-both">
            {playing ? t('pause') : t('play')}
          </Button>
        </div>
      </div>
      <div className="grid grid-cols-2 gap-3">
        {[
          { v: left, ref: a, side: 'left' as const },
          { v: right, ref: b, side: 'right' as const },
        ].map(({ v, ref, side }) => (
          <figure key={v.id} className="flex min-w-0 flex-col items-center gap-1.5">
            <div className="flex w-full justify-center rounded-xl bg-black p-2">
              {v.videoUrl ? <video ref={ref} src={v.videoUrl} poster={v.thumbnailUrl ?? undefined} muted={heard !== side} preload="auto" playsInline className={`rounded-md bg-black ${frame[v.aspect]}`} aria-label={t('player', { name: v.name })} data-testid="variants-video" data-heard={heard === side ? 'true' : 'false'} /> : null}
            </div>
            {/* The ad page's own bar under each picture: the browser's controls covered the bottom caption (issue 19 #16). */}
            {v.videoUrl ? <PlayerBar video={ref} src={v.videoUrl} label={t('player', { name: v.name })} /> : null}
            <figcaption className="w-full truncate text-center font-mono text-[12px] text-ink-muted">{v.name}</figcaption>
          </figure>
        ))}
      </div>
    </section>
  );
}
