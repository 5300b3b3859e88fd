/** Two variants playing in sync: one transport for both; the right one follows the left's clock. */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Pause, Play, RotateCcw } from 'lucide-react';
import type { VariantView } from '../../../../shared/domain/variants';
import { Button } from '../../components/Button';

const frame = { '16:9': 'aspect-video w-full', '9:16': 'aspect-[9/16] h-[46vh] max-w-full', '1:1': 'aspect-square h-[40vh] max-w-full' } as const;

export function SideBySide({ left, right }: { left: VariantView; right: VariantView }) {
  const { t } = useTranslation('translation', { keyPrefix: 'variants.set' });
  const a = useRef<HTMLVideoElement>(null);
  const b = useRef<HTMLVideoElement>(null);
  const [playing, setPlaying] = useState(false);

  // The follower keeps to the leader's time (a seek on the left seeks both).
  useEffect(() => {
    const lead = a.current;
    const follow = b.current;
    if (!lead || !follow) return;
    const sync = () => {
      if (Math.abs(follow.currentTime - lead.currentTime) > 0.15 && lead.currentTime < (follow.duration || Infinity)) follow.currentTime = lead.currentTime;
    };
    const onPause = () => {
      follow.pause();
      follow.currentTime = lead.currentTime;
      setPlaying(false);
    };
    const onPlay = () => {
      follow.currentTime = lead.currentTime;
      void follow.play().catch(() => undefined);
      setPlaying(true);
    };
    lead.addEventListener('timeupdate', sync);
    lead.addEventListener('seeked', sync);
    lead.addEventListener('pause', onPause);
    lead.addEventListener('play', onPlay);
    return () => {
      lead.removeEventListener('timeupdate', sync);
      lead.removeEventListener('seeked', sync);
      lead.removeEventListener('pause', onPause);
      lead.removeEventListener('play', onPlay);
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
      <div className="flex items-center justify-between gap-3">
        <h4 id="variants-sbs-title" className="text-[14px] font-semibold">
          {t('sideBySide')}
        </h4>
        <div className="flex gap-2">
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
          { v: left, ref: a, muted: false },
          { v: right, ref: b, muted: true },
        ].map(({ v, ref, muted }) => (
          <figure key={v.id} className="flex min-w-0 flex-col items-center gap-1.5">
            <div className="flex w-full justify-center rounded-xl bg-black p-2">
              {v.videoUrl ? <video ref={ref} src={v.videoUrl} poster={v.thumbnailUrl ?? undefined} muted={muted} controls={!muted} preload="auto" playsInline className={`rounded-md bg-black ${frame[v.aspect]}`} aria-label={t('player', { name: v.name })} data-testid="variants-video" /> : null}
            </div>
            <figcaption className="w-full truncate text-center font-mono text-[12px] text-ink-muted">{v.name}</figcaption>
          </figure>
        ))}
      </div>
    </section>
  );
}
