import { useEffect, useState } from 'react';
import { AlertTriangle, Clapperboard, Film, Plus, RotateCcw, Sparkles, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { AdSummary } from '../../../../shared/domain/ads';
import { Button, IconButton } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
import { Spinner } from '../../components/Spinner';
import { useBrands } from '../../stores/brands';
import { useNavigation } from '../../stores/navigation';
import { adsApi } from './api';
import { NewAdDialog } from './NewAdDialog';
import { StatusBadge } from './StatusBadge';
import { adTitle } from './ad-title';
import { useAds } from './store';
import { Page } from '../../components/Page';

function AdCard({ ad, onDelete }: { ad: AdSummary; onDelete(): void }) {
  const { t } = useTranslation();
  const open = useAds((s) => s.open);
  const [retrying, setRetrying] = useState(false);
  const title = adTitle(ad, t);
  return (
    <li data-testid="ad-card" className="group relative flex overflow-hidden rounded-2xl border border-line bg-surface transition-colors hover:border-line-strong has-[button.ad-open:focus-visible]:outline-2 has-[button.ad-open:focus-visible]:outline-offset-2 has-[button.ad-open:focus-visible]:outline-accent">
      {/* The whole card opens the ad, but only the title is the button's text (its ::after covers
          the card; the actions sit above it): the visible title stays part of the accessible name
          (WCAG 2.5.3; a card-wide button with an aria-label failed axe's label-content-name-mismatch). */}
      <div className="flex min-w-0 flex-1 items-stretch text-left">
        <div className="flex h-24 w-40 shrink-0 items-center justify-center overflow-hidden border-r border-line bg-raised">
          {ad.thumbnailUrl ? <img src={ad.thumbnailUrl} alt="" className="h-full w-full object-cover" /> : <Film aria-hidden className="size-6 text-ink-faint" strokeWidth={1.5} />}
        </div>
        <div className="flex min-w-0 flex-1 flex-col justify-center gap-1.5 px-5 py-4">
          <div className="flex items-center gap-3">
            <h3 className="min-w-0 truncate text-[15px] font-semibold tracking-tight" dir="auto">
              <button type="button" onClick={() => open(ad.id)} aria-label={t('ads.list.open', { title })} className="ad-open cursor-pointer text-left after:absolute after:inset-0 after:content-[''] focus-visible:outline-none">
                {title}
              </button>
            </h3>
            <StatusBadge ad={ad} />
          </div>
          <p className="truncate text-[13px] text-ink-muted" dir="auto">
            {ad.brandName}
            {ad.lengthSeconds ? ` · ${t('ads.list.seconds', { count: ad.lengthSeconds })}` : ''}
            {ad.aspect ? ` · ${ad.aspect}` : ''}
          </p>
          {ad.status === 'failed' && ad.run?.error ? (
            <p className="flex items-start gap-1.5 text-[13px] text-danger" data-testid="ad-error">
              <AlertTriangle aria-hidden className="mt-0.5 size-3.5 shrink-0" />
              <span className="line-clamp-2">{ad.run.error.message}</span>
            </p>
          ) : null}
        </div>
      </div>
      <div className="relative z-10 flex items-center gap-1 px-3">
        {ad.status === 'failed' || ad.status === 'cancelled' ? (
          <Button
            size="sm"
            icon={RotateCcw}
            disabled={retrying}
            onClick={() => {
              setRetrying(true);
              void adsApi
                .retry(ad.id)
                .then(() => useAds.getState().loadList())
                .catch(() => undefined)
                .finally(() => setRetrying(false));
            }}
          >
            {t('ads.list.retry')}
          </Button>
        ) : null}
        <IconButton icon={Trash2} tone="danger" label={t('ads.list.delete', { title })} onClick={onDelete} />
      </div>
    </li>
  );
}

export function AdsList() {
  const { t } = useTranslation();
  const { list, listStatus, listError, loadList, remove } = useAds();
  const brands = useBrands((s) => s.brands);
  const brandsStatus = useBrands((s) => s.status);
  const go = useNavigation((s) => s.go);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<AdSummary | null>(null);

  useEffect(() => {
    if (brandsStatus === 'idle') void useBrands.getState().load();
  }, [brandsStatus]);

  const newButton = (
    <Button variant="primary" icon={Plus} onClick={() => setCreating(true)}>
      {t('ads.newAd')}
    </Button>
  );

  let body: React.JSX.Element;
  if (listStatus === 'loading' || listStatus === 'idle') {
    body = (
      <div className="flex items-center justify-center gap-3 py-24 text-sm text-ink-muted" role="status">
        <Spinner /> {t('ads.list.loading')}
      </div>
    );
  } else if (listStatus === 'error') {
    body = (
      <EmptyState
        icon={AlertTriangle}
        title={t('ads.list.loadFailed')}
        body={listError?.message ?? ''}
        action={
          <Button icon={RotateCcw} onClick={() => void loadList()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  } else if (list.length === 0 && brandsStatus === 'ready' && brands.length === 0) {
    body = (
      <EmptyState
        icon={Sparkles}
        title={t('ads.list.noBrandsTitle')}
        body={t('ads.list.noBrandsBody')}
        action={
          <Button variant="primary" icon={Sparkles} onClick={() => go('brands')}>
            {t('ads.list.noBrandsAction')}
          </Button>
        }
      />
    );
  } else if (list.length === 0) {
    body = <EmptyState icon={Clapperboard} title={t('ads.list.emptyTitle')} body={t('ads.list.emptyBody')} action={newButton} />;
  } else {
    body = (
      <ul className="flex flex-col gap-3" aria-label={t('ads.title')}>
        {list.map((ad) => (
          <AdCard key={ad.id} ad={ad} onDelete={() => setDeleting(ad)} />
        ))}
      </ul>
    );
  }

  return (
    <Page>
      <header className="mb-8 flex items-end justify-between gap-6">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t('ads.title')}</h1>
          <p className="mt-1.5 max-w-xl text-sm text-ink-muted">{t('ads.subtitle')}</p>
        </div>
        {list.length > 0 ? newButton : null}
      </header>
      {body}
      <NewAdDialog open={creating} onClose={() => setCreating(false)} />
      <ConfirmDialog
        open={deleting !== null}
        title={t('ads.list.deleteTitle')}
        body={t('ads.list.deleteBody', { title: deleting ? adTitle(deleting, t) : '' })}
        confirmLabel={t('common.delete')}
        onClose={() => setDeleting(null)}
        onConfirm={async () => {
          if (deleting) await remove(deleting.id);
          setDeleting(null);
        }}
      />
    </Page>
  );
}
