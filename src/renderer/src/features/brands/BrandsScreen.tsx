import { useEffect, useState } from 'react';
import { Plus, RotateCw, Sparkles } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { Spinner } from '../../components/Spinner';
import { useBrands } from '../../stores/brands';
import { useNavigation } from '../../stores/navigation';
import { BrandCard } from './BrandCard';
import { BrandDetail } from './BrandDetail';
import { BrandFormDialog } from './BrandFormDialog';
import { Page } from '../../components/Page';

export function BrandsScreen() {
  const brandId = useNavigation((s) => s.brandId);
  const status = useBrands((s) => s.status);
  const load = useBrands((s) => s.load);

  useEffect(() => {
    if (status === 'idle') void load();
  }, [status, load]);

  return brandId ? <BrandDetail brandId={brandId} /> : <BrandGrid />;
}

function BrandGrid() {
  const { t } = useTranslation();
  const { brands, status, loadError, load } = useBrands();
  const openBrand = useNavigation((s) => s.openBrand);
  const [creating, setCreating] = useState(false);

  const newButton = (
    <Button variant="primary" icon={Plus} onClick={() => setCreating(true)}>
      {t('brands.new')}
    </Button>
  );

  return (
    <Page>
      <header className="mb-8 flex items-end justify-between gap-6">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t('brands.title')}</h1>
          <p className="mt-1.5 max-w-xl text-sm text-ink-muted">{t('brands.subtitle')}</p>
        </div>
        {brands.length > 0 ? newButton : null}
      </header>

      {status === 'loading' && brands.length === 0 ? (
        <div className="flex justify-center py-24">
          <Spinner className="size-6" label={t('common.loading')} />
        </div>
      ) : status === 'error' ? (
        <div role="alert" className="rounded-xl border border-danger/30 bg-danger-soft p-5 text-sm">
          <p className="font-medium">{t('brands.loadFailed')}</p>
          {loadError ? <p className="mt-1 text-ink-muted">{t(`errors.${loadError.code}`)}</p> : null}
          <Button className="mt-4" size="sm" icon={RotateCw} onClick={() => void load()}>
            {t('common.retry')}
          </Button>
        </div>
      ) : brands.length === 0 ? (
        <EmptyState icon={Sparkles} title={t('brands.empty.title')} body={t('brands.empty.body')} action={newButton} />
      ) : (
        <ul className="grid grid-cols-[repeat(auto-fill,minmax(260px,1fr))] gap-5">
          {brands.map((brand) => (
            <li key={brand.id}>
              <BrandCard brand={brand} onOpen={() => openBrand(brand.id)} />
            </li>
          ))}
        </ul>
      )}

      <BrandFormDialog
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(brand) => {
          setCreating(false);
          openBrand(brand.id);
        }}
      />
    </Page>
  );
}
