import { useEffect, useState } from 'react';
import { Check, ImageIcon, Plus, Sparkles } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { Spinner } from '../../components/Spinner';
import { useBrands } from '../../stores/brands';
import { useNavigation } from '../../stores/navigation';
import { useAds } from './store';

/** Ads → New ad: pick the brand (or go create one); the chat starts right away. */
export function NewAdDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const brands = useBrands((s) => s.brands);
  const status = useBrands((s) => s.status);
  const go = useNavigation((s) => s.go);
  const create = useAds((s) => s.create);
  const busy = useAds((s) => s.busy === 'create');
  const [chosen, setPicked] = useState<string | null>(null);
  const [pageUrl, setPageUrl] = useState('');
  // The first brand is preselected so Enter starts right away.
  const picked = chosen && brands.some((b) => b.id === chosen) ? chosen : (brands[0]?.id ?? null);

  useEffect(() => {
    if (open) void useBrands.getState().load();
  }, [open]);

  return (
    <Dialog
      open={open}
      onClose={onClose}
      busy={busy}
      title={t('ads.new.title')}
      description={t('ads.new.description')}
      footer={
        <>
          <Button variant="ghost" icon={Plus} onClick={() => go('brands')} className="mr-auto">
            {t('ads.new.createBrand')}
          </Button>
          <Button variant="ghost" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </Button>
          <Button
            variant="primary"
            icon={Sparkles}
            disabled={!picked || busy}
            onClick={async () => {
              if (picked && (await create(picked, pageUrl.trim() || undefined))) {
                setPageUrl('');
                onClose();
              }
            }}
          >
            {busy ? (pageUrl.trim() ? t('ads.new.reading') : t('ads.new.starting')) : t('ads.new.start')}
          </Button>
        </>
      }
    >
      {status === 'loading' && !brands.length ? (
        <div className="flex justify-center py-8" role="status">
          <Spinner label={t('common.loading')} />
        </div>
      ) : (
        <div className="flex flex-col gap-4">
          <div role="radiogroup" aria-label={t('ads.new.title')} className="flex flex-col gap-2">
            {brands.map((b) => {
              const images = b.assets.filter((a) => a.kind === 'image');
              // The brand's hero shot (the picture its ads open and end on).
              const cover = images.find((a) => a.productRole === 'hero') ?? images[0];
              const selected = picked === b.id;
              return (
                <button
                  key={b.id}
                  type="button"
                  role="radio"
                  aria-checked={selected}
                  onClick={() => setPicked(b.id)}
                  className={`flex items-center gap-3 rounded-xl border p-3 text-left transition-colors ${selected ? 'border-accent bg-accent-soft' : 'border-line bg-raised hover:border-line-strong'}`}
                >
                  <div className="flex size-11 shrink-0 items-center justify-center overflow-hidden rounded-lg border border-line bg-canvas">
                    {cover ? <img src={cover.thumbnailUrl ?? cover.url} alt="" className="h-full w-full object-cover" /> : <ImageIcon aria-hidden className="size-4 text-ink-faint" />}
                  </div>
                  <div className="min-w-0 flex-1">
                    <p className="truncate text-sm font-medium" dir="auto">
                      {b.name}
                    </p>
                    <p className="text-xs text-ink-muted">{images.length ? t('ads.new.images', { count: images.length }) : t('ads.new.noImages')}</p>
                  </div>
                  {selected ? <Check aria-hidden className="size-4 text-accent" /> : null}
                </button>
              );
            })}
          </div>
          <TextField
            label={t('ads.new.pageLabel')}
            hint={t('ads.new.pageHint')}
            type="url"
            inputMode="url"
            placeholder={t('ads.new.pagePlaceholder')}
            value={pageUrl}
            maxLength={2000}
            disabled={busy}
            onChange={(e) => setPageUrl(e.target.value)}
            data-testid="new-ad-page-url"
          />
        </div>
      )}
    </Dialog>
  );
}
