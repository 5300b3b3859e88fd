import { useId, useRef, useState, type DragEvent } from 'react';
import { ImagePlus, Trash2, TriangleAlert, Upload } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { ProductRole, type Asset, type Brand } from '../../../../shared/domain';
import { controlClass } from '../../components/Field';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Spinner } from '../../components/Spinner';
import { useBrands } from '../../stores/brands';

const accept = 'image/png,image/jpeg,image/webp,.png,.jpg,.jpeg,.webp';
/** Formats without transparency: shown on a plain board (a checkerboard would say "transparent", issue 19 #16). */
const OPAQUE = new Set(['image/jpeg']);

export function ProductImages({ brand }: { brand: Brand }) {
  const { t } = useTranslation();
  const importImages = useBrands((s) => s.importImages);
  const deleteImage = useBrands((s) => s.deleteImage);
  const setImageRole = useBrands((s) => s.setImageRole);
  const importing = useBrands((s) => s.importing[brand.id] ?? 0);
  const inputRef = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const [dragging, setDragging] = useState(false);
  const [pendingDelete, setPendingDelete] = useState<Asset | null>(null);
  const images = brand.assets.filter((a) => a.kind === 'image');

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void importImages(brand.id, Array.from(e.dataTransfer.files));
  };

  return (
    <section className="rounded-2xl border border-line bg-surface p-5" aria-labelledby={titleId}>
      <div className="mb-4 flex items-start justify-between gap-4">
        <div>
          <h2 id={titleId} className="text-[15px] font-semibold tracking-tight">
            {t('brands.images.title')}
          </h2>
          <p className="mt-1 text-[13px] text-ink-muted">{t('brands.images.hint')}</p>
          {images.length ? <p className="mt-1 text-[13px] text-ink-muted">{t('brands.images.roleHint')}</p> : null}
        </div>
        {importing ? (
          <span className="inline-flex items-center gap-2 text-[13px] text-ink-muted" role="status">
            <Spinner />
            {t('brands.images.importing', { count: importing })}
          </span>
        ) : null}
      </div>

      <div
        onDragEnter={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragOver={(e) => e.preventDefault()}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={onDrop}
        data-testid="image-dropzone"
        className={`flex flex-col items-center justify-center gap-3 rounded-xl border border-dashed px-6 py-8 text-center transition-colors ${
          dragging ? 'border-accent bg-accent-soft' : 'border-line-strong bg-canvas/50'
        }`}
      >
        <div className={`flex size-11 items-center justify-center rounded-xl ${dragging ? 'bg-accent text-white' : 'bg-raised text-ink-muted'}`}>
          <Upload aria-hidden className="size-5" />
        </div>
        <p className="text-sm font-medium">{dragging ? t('brands.images.dropActive') : t('brands.images.drop')}</p>
        <div className="flex items-center gap-3 text-xs text-ink-faint">
          <span className="h-px w-8 bg-line" />
          {t('brands.images.or')}
          <span className="h-px w-8 bg-line" />
        </div>
        <Button size="sm" icon={ImagePlus} onClick={() => inputRef.current?.click()} disabled={importing > 0}>
          {t('brands.images.browse')}
        </Button>
        <input
          ref={inputRef}
          type="file"
          accept={accept}
          multiple
          hidden
          data-testid="image-file-input"
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            e.target.value = '';
            void importImages(brand.id, files);
          }}
        />
      </div>

      {images.length ? (
        <ul className="mt-5 grid grid-cols-[repeat(auto-fill,minmax(140px,1fr))] gap-3" data-testid="image-grid">
          {images.map((asset) => (
            <li key={asset.id} className="group relative overflow-hidden rounded-xl border border-line bg-raised">
              <div className={`aspect-square w-full ${OPAQUE.has(asset.mime) ? 'bg-canvas' : 'bg-[repeating-conic-gradient(#1b1b22_0_25%,#15151b_0_50%)] bg-[length:16px_16px]'}`}>
                <img src={asset.thumbnailUrl ?? asset.url} alt={asset.originalName} loading="lazy" className="h-full w-full object-contain" data-testid="image-thumbnail" />
              </div>
              <div className="flex items-center justify-between gap-2 border-t border-line px-2.5 py-2">
                <div className="min-w-0 flex-1">
                  <p className="truncate text-xs font-medium" dir="auto" title={asset.originalName}>
                    {asset.originalName}
                  </p>
                  {asset.width && asset.height ? (
                    <p className="text-[11px] text-ink-faint tabular-nums">{t('brands.images.dimensions', { width: asset.width, height: asset.height })}</p>
                  ) : null}
                  {asset.productRole ? (
                    <select
                      value={asset.productRole}
                      onChange={(e) => void setImageRole(brand.id, asset.id, ProductRole.parse(e.target.value))}
                      aria-label={t('brands.images.role', { name: asset.originalName })}
                      className={`${controlClass} mt-1.5 h-7 w-full px-1.5 text-xs`}
                      data-testid="image-role"
                    >
                      {ProductRole.options.map((r) => (
                        <option key={r} value={r}>
                          {t(`brands.images.roles.${r}`)}
                        </option>
                      ))}
                    </select>
                  ) : null}
                  {asset.warnings.map((w) => (
                    <p key={w.kind} className="mt-0.5 flex items-center gap-1 text-[11px] text-warning" title={t('brands.images.lowResolution', { side: w.side, recommended: w.recommended })} data-testid="image-warning">
                      <TriangleAlert aria-hidden className="size-3 shrink-0" />
                      <span>{t('brands.images.lowResolutionShort')}</span>
                      <span className="sr-only">{t('brands.images.lowResolution', { side: w.side, recommended: w.recommended })}</span>
                    </p>
                  ))}
                </div>
              </div>
              <button
                type="button"
                onClick={() => setPendingDelete(asset)}
                aria-label={t('brands.images.delete', { name: asset.originalName })}
                className="absolute top-2 right-2 flex size-7 items-center justify-center rounded-lg bg-black/60 text-white opacity-0 backdrop-blur transition-opacity group-hover:opacity-100 hover:bg-danger focus-visible:opacity-100"
              >
                <Trash2 aria-hidden className="size-3.5" />
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-4 text-center text-[13px] text-ink-faint">{t('brands.images.empty')}</p>
      )}

      <ConfirmDialog
        open={pendingDelete !== null}
        title={t('brands.images.deleteTitle')}
        body={t('brands.images.deleteBody', { name: pendingDelete?.originalName ?? '' })}
        confirmLabel={t('common.delete')}
        onClose={() => setPendingDelete(null)}
        onConfirm={async () => {
          if (pendingDelete) await deleteImage(brand.id, pendingDelete.id);
          setPendingDelete(null);
        }}
      />
    </section>
  );
}
