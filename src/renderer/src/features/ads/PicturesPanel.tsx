import { Check, ImageIcon, Images, Pencil, RefreshCw } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useEffect, useState } from 'react';
import type { AdProjectView, ApprovalPrice, PicturesView } from '../../../../shared/domain/ads';
import { Button, IconButton } from '../../components/Button';
import { Spinner } from '../../components/Spinner';
import { adsApi } from './api';
import { PictureChangeDialog } from './PictureChangeDialog';
import { useAds } from './store';

type Keyframe = PicturesView['keyframes'][number];

function Picture({ frame, label, aspectClass, onRedo, onChange }: { frame: Keyframe | undefined; label: string; aspectClass: string; onRedo: (() => void) | null; onChange: (() => void) | null }) {
  const { t } = useTranslation();
  return (
    <figure className="flex min-w-0 flex-1 flex-col gap-1">
      <div className={`flex items-center justify-center overflow-hidden rounded-xl border border-line bg-raised ${aspectClass}`}>
        {frame?.url ? (
          <img src={frame.url} alt={label} title={frame.prompt} className="h-full w-full object-cover" data-testid="keyframe" data-index={frame.index} />
        ) : (
          <span className="flex flex-col items-center gap-1 text-[11px] text-ink-faint" role="img" aria-label={t('ads.pictures.pending', { label })}>
            {frame?.state === 'running' ? <Spinner className="size-4" /> : <ImageIcon aria-hidden className="size-4" />}
          </span>
        )}
      </div>
      {/* The label never breaks inside ("Scene / 1 / ends"): when the column is narrow the tag and buttons wrap under it. */}
      <figcaption className="flex flex-wrap items-center justify-between gap-x-1 text-[11px] text-ink-faint">
        <span className="whitespace-nowrap">{label}</span>
        <span className="ml-auto flex items-center gap-0.5">
          {frame?.from && frame.from !== 'made' ? <span className="whitespace-nowrap text-[10px]">{t(`ads.pictures.from.${frame.from}`)}</span> : null}
          {onChange && frame ? <IconButton icon={Pencil} label={t('ads.pictures.change', { label })} onClick={onChange} data-testid="change-picture" /> : null}
          {onRedo && frame ? <IconButton icon={RefreshCw} label={t('ads.pictures.redo', { label })} onClick={onRedo} data-testid="redo-picture" /> : null}
        </span>
      </figcaption>
    </figure>
  );
}

/**
 * What approving will take: on the Zapcut service the ad's one video at the user's price (the
 * service's quote — nothing is held before the approval; the CLI states the same figure); else free.
 * Then this ad's pictures before approval as the service counts them ("8 of 18"); offline, that
 * nothing is counted.
 */
export function ApprovalCostLine({ projectId, pictures }: { projectId: string; pictures: PicturesView }) {
  const { t, i18n } = useTranslation();
  const [price, setPrice] = useState<ApprovalPrice | null>(null);
  useEffect(() => {
    if (!pictures.paid) return;
    let live = true;
    adsApi
      .picturesPrice(projectId)
      .then((p) => live && setPrice(p))
      .catch(() => live && setPrice({ kind: 'unknown' }));
    return () => {
      live = false;
    };
  }, [projectId, pictures.paid, pictures.runId]);
  const currency = new Intl.NumberFormat(i18n.language, { style: 'currency', currency: 'USD' });
  const what = { scenes: pictures.cost?.scenes ?? pictures.scenes.length, seconds: pictures.cost?.videoSeconds ?? 0 };
  let text: string;
  if (!pictures.paid || price?.kind === 'local') text = t('ads.pictures.costOffline', what);
  else if (!price) text = t('ads.pictures.costLoading', what);
  else if (price.kind === 'video') text = t('ads.pictures.costPaid', { ...what, charge: price.source === 'credits' ? t('ads.run.charge.credits', { amount: currency.format(price.costCents / 100) }) : t(`ads.run.charge.${price.source}`) });
  else if (price.kind === 'refused') text = t('ads.pictures.costRefused', { ...what, message: price.message });
  else text = t('ads.pictures.costPaidUnknown', what);
  // This ad's pictures so far, as its draft on the service counts them (GET /v1/drafts/:id).
  const counted = !pictures.paid || price?.kind === 'local' ? t('ads.pictures.picturesOffline') : !price ? null : price.pictures ? t('ads.pictures.picturesCounted', { used: price.pictures.used, cap: price.pictures.cap }) : t('ads.pictures.picturesUncounted');
  return (
    <p className="max-w-md text-xs text-ink-muted" data-testid="pictures-cost">
      {text}
      {counted ? (
        <>
          {' '}
          <span className="tabular-nums" data-testid="pictures-count">
            {counted}
          </span>
        </>
      ) : null}
    </p>
  );
}

/**
 * The storyboard with its pictures (issue 21): every scene with the keyframe it starts on and the
 * one it ends on, its words, and Approve — nothing but the pictures is paid before that.
 */
export function PicturesPanel({ project }: { project: AdProjectView }) {
  const { t } = useTranslation();
  const pictures = project.pictures!;
  const act = useAds((s) => s.act);
  const approving = useAds((s) => s.busy === 'approvePictures');
  const ready = pictures.awaiting && pictures.keyframes.every((k) => k.url);
  const aspectClass = project.aspect === '9:16' ? 'aspect-[9/16]' : project.aspect === '1:1' ? 'aspect-square' : 'aspect-video';
  const last = pictures.keyframes.length;
  const frame = (index: number) => pictures.keyframes.find((k) => k.index === index);
  const busy = useAds((s) => s.busy !== null);
  // Make one picture again (a new image; its neighbours stay); the run stops for approval again.
  const redo = (index: number) => (ready && !busy ? () => void act('redoPicture', (id) => adsApi.redoPicture(id, index)) : null);
  // Change one picture: an edited prompt, a product image, an upload, or undo (PictureChangeDialog).
  const [changing, setChanging] = useState<{ index: number; label: string } | null>(null);
  const change = (index: number, label: string) => (ready && !busy ? () => setChanging({ index, label }) : null);
  const changingFrame = changing ? frame(changing.index) : undefined;

  return (
    <div className="mx-auto flex max-w-4xl flex-col gap-6" data-testid="pictures-review" data-state={ready ? 'ready' : 'making'} data-changes={pictures.changes}>
      <div className="sticky top-0 z-10 -mx-8 flex flex-wrap items-center gap-3 border-b border-line bg-canvas/95 px-8 py-4 backdrop-blur">
        <div className="flex min-w-0 flex-col gap-0.5">
          <h2 className="flex items-center gap-2 text-[15px] font-semibold tracking-tight">
            <Images aria-hidden className="size-4 text-accent" /> {t('ads.pictures.title')}
          </h2>
          <p className="max-w-xl text-[13px] text-ink-muted">{t('ads.pictures.hint')}</p>
        </div>
        <div className="ml-auto flex flex-col items-end gap-1">
          <Button variant="primary" icon={approving ? undefined : Check} disabled={!ready || approving} onClick={() => void act('approvePictures', (id) => adsApi.approvePictures(id))} data-testid="approve-pictures">
            {approving ? <Spinner className="size-4 text-white" /> : null}
            {approving ? t('ads.pictures.approving') : t('ads.pictures.approve')}
          </Button>
          <ApprovalCostLine projectId={project.id} pictures={pictures} />
        </div>
      </div>
      <ol className="flex flex-col gap-3" aria-label={t('ads.pictures.title')}>
        {pictures.scenes.map((s) => (
          <li key={s.index} className="rounded-2xl border border-line bg-surface p-4" data-testid="picture-card">
            <h3 className="mb-3 text-[13px] font-semibold text-ink-muted">
              {t('ads.storyboard.scene', { index: s.index })} · <span className="text-ink" dir="auto">{s.title}</span>
              <span className="ml-2 font-normal tabular-nums text-ink-faint">{t('ads.pictures.seconds', { seconds: s.durationSeconds })}</span>
            </h3>
            <div className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)] gap-4">
              <div className="flex gap-2">
                <Picture frame={frame(s.index)} label={t('ads.pictures.start', { index: s.index })} aspectClass={aspectClass} onRedo={redo(s.index)} onChange={change(s.index, t('ads.pictures.start', { index: s.index }))} />
                <Picture
                  frame={frame(s.index + 1)}
                  label={s.index + 1 === last ? t('ads.pictures.final') : t('ads.pictures.end', { index: s.index })}
                  aspectClass={aspectClass}
                  onRedo={redo(s.index + 1)}
                  onChange={change(s.index + 1, s.index + 1 === last ? t('ads.pictures.final') : t('ads.pictures.end', { index: s.index }))}
                />
              </div>
              <div className="flex min-w-0 flex-col gap-2 text-[13px]">
                <p className="text-ink" dir="auto">
                  {s.description}
                </p>
                {s.voiceover ? (
                  <p className="text-ink-muted" dir="auto">
                    <span className="text-xs font-medium">{t('ads.storyboard.voiceover')}: </span>
                    {s.voiceover}
                  </p>
                ) : null}
              </div>
            </div>
          </li>
        ))}
      </ol>
      {changing && changingFrame ? <PictureChangeDialog project={project} frame={changingFrame} label={changing.label} onClose={() => setChanging(null)} /> : null}
    </div>
  );
}
