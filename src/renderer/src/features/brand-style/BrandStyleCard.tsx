import { Check, RotateCcw, Sparkles, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { Spinner } from '../../components/Spinner';
import { useBrandStyle } from './useBrandStyle';

/**
 * The brand's learned style on the brand page (issue 9): a quiet status while it learns, the
 * standard-vs-custom preview with the yes/no question when ready (changeable later), and the
 * reason plus a retry when it failed. A running training can be cancelled (then retried).
 */
export function BrandStyleCard({ brandId }: { brandId: string }) {
  const { t } = useTranslation();
  const { view, failed, busy, approve, retry, cancel } = useBrandStyle(brandId);

  return (
    <section className="rounded-2xl border border-line bg-surface p-5" data-testid="brand-style" data-status={view?.status ?? 'loading'}>
      <h2 className="mb-2.5 flex items-center gap-1.5 text-xs font-semibold tracking-wider text-ink-faint uppercase">
        <Sparkles aria-hidden className="size-3.5" />
        {t('brandStyle.title')}
      </h2>
      <div className="text-sm leading-relaxed">
        {failed ? <p className="text-ink-faint">{t('brandStyle.loadFailed')}</p> : null}
        {!view && !failed ? <Spinner className="size-4" label={t('common.loading')} /> : null}
        {view?.status === 'none' ? <p className="text-ink-faint">{t('brandStyle.none')}</p> : null}
        {view?.status === 'training' ? (
          <div className="flex items-start gap-2.5" role="status">
            <Spinner className="mt-0.5 size-4" label={t('brandStyle.training')} />
            <div className="flex flex-col gap-2">
              <p className="text-ink-muted">{t('brandStyle.training')}</p>
              <p className="text-[13px] text-ink-faint">{t('brandStyle.trainingHint')}</p>
              <Button size="sm" variant="ghost" icon={X} onClick={() => void cancel()} disabled={busy} className="self-start">
                {busy ? t('brandStyle.cancelling') : t('brandStyle.cancel')}
              </Button>
            </div>
          </div>
        ) : null}
        {view?.status === 'failed' && view.cancelled ? (
          <div className="flex flex-col gap-3" role="status">
            <p className="font-medium text-ink">{t('brandStyle.cancelledTitle')}</p>
            <p className="text-ink-muted">{t('brandStyle.cancelledHint')}</p>
            <Button size="sm" icon={RotateCcw} onClick={() => void retry()} disabled={busy} className="self-start">
              {t('brandStyle.retry')}
            </Button>
          </div>
        ) : null}
        {view?.status === 'failed' && !view.cancelled ? (
          <div className="flex flex-col gap-3" role="alert">
            <p className="font-medium text-danger">{t('brandStyle.failedTitle')}</p>
            <p className="text-ink-muted" dir="auto">
              {view.error ?? t('brandStyle.failedUnknown')}
            </p>
            <Button size="sm" icon={RotateCcw} onClick={() => void retry()} disabled={busy} className="self-start">
              {t('brandStyle.retry')}
            </Button>
          </div>
        ) : null}
        {view?.status === 'ready' ? (
          <div className="flex flex-col gap-3">
            {view.approved === null ? <p className="font-medium text-ink">{t('brandStyle.readyTitle')}</p> : null}
            {view.preview ? (
              <div className="grid grid-cols-2 gap-2">
                <figure className="flex flex-col gap-1">
                  <img src={view.preview.standardUrl} alt={t('brandStyle.standardAlt')} className="w-full rounded-lg border border-line" />
                  <figcaption className="text-xs text-ink-faint">{t('brandStyle.standard')}</figcaption>
                </figure>
                <figure className="flex flex-col gap-1">
                  <img src={view.preview.customUrl} alt={t('brandStyle.customAlt')} className="w-full rounded-lg border border-accent" />
                  <figcaption className="text-xs text-ink-faint">{t('brandStyle.custom')}</figcaption>
                </figure>
              </div>
            ) : null}
            <p className="text-xs text-ink-faint" data-testid="style-trained-on">
              {view.trainedOn.productImages
                ? t('brandStyle.trainedOn', { pictures: t('brandStyle.productPictures', { count: view.trainedOn.productImages }), frames: t('brandStyle.adFrames', { count: view.trainedOn.adFrames }) })
                : t('brandStyle.trainedOnFrames', { frames: t('brandStyle.adFrames', { count: view.trainedOn.adFrames }) })}
            </p>
            {view.approved === null ? (
              <>
                <p className="text-ink">{t('brandStyle.question')}</p>
                <div className="flex gap-2">
                  <Button size="sm" variant="primary" icon={Check} onClick={() => void approve(true)} disabled={busy}>
                    {t('brandStyle.yes')}
                  </Button>
                  <Button size="sm" variant="ghost" icon={X} onClick={() => void approve(false)} disabled={busy}>
                    {t('brandStyle.no')}
                  </Button>
                </div>
              </>
            ) : (
              <div className="flex flex-col gap-2">
                <p className="text-ink-muted">{view.approved ? t('brandStyle.inUse') : t('brandStyle.notInUse')}</p>
                <Button size="sm" onClick={() => void approve(!view.approved)} disabled={busy} className="self-start">
                  {view.approved ? t('brandStyle.stopUsing') : t('brandStyle.startUsing')}
                </Button>
              </div>
            )}
          </div>
        ) : null}
      </div>
    </section>
  );
}
