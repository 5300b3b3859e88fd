import { useState } from 'react';
import { ArrowLeft, Pencil, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { Spinner } from '../../components/Spinner';
import { useBrands } from '../../stores/brands';
import { useNavigation } from '../../stores/navigation';
import { BrandFormDialog } from './BrandFormDialog';
import { DeleteBrandDialog } from './DeleteBrandDialog';
import { ProductImages } from './ProductImages';
import { LOGO_BOARD } from './LogoField';
import { BrandStyleCard } from '../brand-style/BrandStyleCard';
import { Page } from '../../components/Page';
import { BrandFontCard } from './BrandFontCard';

export function BrandDetail({ brandId }: { brandId: string }) {
  const { t, i18n } = useTranslation();
  const brand = useBrands((s) => s.brands.find((b) => b.id === brandId));
  const status = useBrands((s) => s.status);
  const openBrand = useNavigation((s) => s.openBrand);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);

  if (!brand) {
    // Still loading, or deleted elsewhere (another window, the CLI) while it was open.
    return (
      <div className="flex flex-col items-center gap-4 py-24 text-sm text-ink-muted">
        {status === 'loading' ? (
          <Spinner className="size-6" label={t('common.loading')} />
        ) : (
          <>
            <p role="status">{t('errors.NOT_FOUND')}</p>
            <Button icon={ArrowLeft} onClick={() => openBrand(null)}>
              {t('brands.detail.back')}
            </Button>
          </>
        )}
      </div>
    );
  }

  const created = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(new Date(brand.createdAt));

  return (
    <Page>
      <button
        type="button"
        onClick={() => openBrand(null)}
        className="mb-6 inline-flex items-center gap-1.5 rounded-md text-[13px] font-medium text-ink-muted hover:text-ink"
      >
        <ArrowLeft aria-hidden className="size-3.5" />
        {t('brands.detail.back')}
      </button>

      <header className="mb-8 flex flex-wrap items-start justify-between gap-6">
        <div className="flex min-w-0 items-center gap-5">
          {brand.logo ? (
            <div className={`flex h-16 w-32 shrink-0 items-center justify-center overflow-hidden rounded-xl border border-line ${LOGO_BOARD}`}>
              <img src={brand.logo.thumbnailUrl ?? brand.logo.url} alt={t('brands.logo.alt', { name: brand.logo.originalName })} className="max-h-full max-w-full object-contain p-2" data-testid="brand-logo" />
            </div>
          ) : null}
          <div className="min-w-0">
            <h1 className="truncate text-3xl font-semibold tracking-tight" dir="auto" data-testid="brand-title">
              {brand.name}
            </h1>
            <p className="mt-2 text-[13px] text-ink-faint">{t('brands.detail.created', { date: created })}</p>
          </div>
        </div>
        <div className="flex gap-2">
          <Button icon={Pencil} onClick={() => setEditing(true)}>
            {t('common.edit')}
          </Button>
          <Button variant="ghost" icon={Trash2} onClick={() => setDeleting(true)} className="hover:text-danger">
            {t('brands.detail.deleteBrand')}
          </Button>
        </div>
      </header>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_320px]">
        <ProductImages brand={brand} />

        <aside className="flex flex-col gap-4">
          <BrandStyleCard brandId={brand.id} />
          <BrandFontCard brand={brand} />
          <InfoCard title={t('brands.detail.about')}>
            <p className={`whitespace-pre-wrap ${brand.description ? 'text-ink' : 'text-ink-faint'}`} dir="auto">
              {brand.description || t('brands.detail.noDescription')}
            </p>
          </InfoCard>
          <InfoCard title={t('brands.detail.guidelines')}>
            <p className={`whitespace-pre-wrap ${brand.guidelines ? 'text-ink' : 'text-ink-faint'}`} dir="auto">
              {brand.guidelines || t('brands.detail.noGuidelines')}
            </p>
          </InfoCard>
          <InfoCard title={t('brands.detail.colors')}>
            {brand.colors.length ? (
              <ul className="flex flex-wrap gap-2" data-testid="brand-colors">
                {brand.colors.map((color, i) => (
                  <li key={`${color}-${i}`} className="flex items-center gap-2 rounded-lg border border-line bg-canvas py-1 pr-2.5 pl-1">
                    <span className="size-5 rounded-md ring-1 ring-white/10" style={{ backgroundColor: color }} aria-hidden />
                    <span className="font-mono text-xs text-ink-muted">{color.toUpperCase()}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-ink-faint">{t('brands.detail.noColors')}</p>
            )}
          </InfoCard>
        </aside>
      </div>

      <BrandFormDialog open={editing} brand={brand} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />
      <DeleteBrandDialog brand={brand} open={deleting} onClose={() => setDeleting(false)} onDeleted={() => openBrand(null)} />
    </Page>
  );
}

function InfoCard({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="rounded-2xl border border-line bg-surface p-5">
      <h2 className="mb-2.5 text-xs font-semibold tracking-wider text-ink-faint uppercase">{title}</h2>
      <div className="text-sm leading-relaxed">{children}</div>
    </section>
  );
}
