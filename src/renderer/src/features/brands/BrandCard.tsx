import { ImageIcon } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { Brand } from '../../../../shared/domain';
import { ColorDots } from './ColorDots';

/** A cover built from the brand's own material: its first product shot, else its colours. */
function Cover({ brand }: { brand: Brand }) {
  const image = brand.assets.find((a) => a.kind === 'image');
  if (image) {
    return <img src={image.thumbnailUrl ?? image.url} alt="" className="h-full w-full object-cover transition-transform duration-300 group-hover:scale-[1.03]" />;
  }
  const [a = '#2a2540', b = a] = brand.colors;
  return (
    <div
      className="flex h-full w-full items-center justify-center"
      // React applies `style` through CSSOM, which the strict CSP (style-src 'self') allows.
      style={{ background: `radial-gradient(120% 120% at 0% 0%, ${a}, ${b} 55%, #0d0d12)` }}
    >
      <ImageIcon aria-hidden className="size-7 text-white/40" strokeWidth={1.5} />
    </div>
  );
}

/**
 * A brand's card. The whole card opens the brand, but only the name is the button's text (its
 * ::after stretches over the card): a screen reader hears "Open Running Co", not the description
 * and counts as well, and the visible name stays part of the accessible name (WCAG 2.5.3, axe's
 * label-content-name-mismatch, which a card-wide button with an aria-label failed).
 */
export function BrandCard({ brand, onOpen }: { brand: Brand; onOpen(): void }) {
  const { t } = useTranslation();
  const imageCount = brand.assets.filter((a) => a.kind === 'image').length;
  return (
    <div
      data-testid="brand-card"
      className="group relative flex w-full flex-col overflow-hidden rounded-2xl border border-line bg-surface text-left transition-all duration-200 hover:-translate-y-0.5 hover:border-line-strong hover:shadow-[0_16px_40px_-20px_rgb(0_0_0/0.9)] has-[button:focus-visible]:outline-2 has-[button:focus-visible]:outline-offset-2 has-[button:focus-visible]:outline-accent"
    >
      <div className="aspect-[16/9] w-full overflow-hidden border-b border-line bg-raised">
        <Cover brand={brand} />
      </div>
      <div className="flex flex-1 flex-col gap-2 p-4">
        <div className="flex items-center justify-between gap-3">
          <h3 className="min-w-0 truncate text-[15px] font-semibold tracking-tight" dir="auto">
            <button type="button" onClick={onOpen} aria-label={t('brands.card.open', { name: brand.name })} className="cursor-pointer text-left after:absolute after:inset-0 after:content-[''] focus-visible:outline-none">
              {brand.name}
            </button>
          </h3>
          <ColorDots colors={brand.colors} />
        </div>
        <p className="line-clamp-2 min-h-[2.5rem] text-[13px] leading-5 text-ink-muted" dir="auto">
          {brand.description || t('brands.card.noDescription')}
        </p>
        <p className="mt-1 flex gap-3 text-xs text-ink-faint">
          <span>{t('brands.card.images', { count: imageCount })}</span>
          <span aria-hidden>·</span>
          <span>{t('brands.card.ads', { count: brand.adCount })}</span>
        </p>
      </div>
    </div>
  );
}
