import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdProjectView, PictureChangeInput, PicturesView } from '../../../../shared/domain/ads';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { useBrands } from '../../stores/brands';
import { toImportSources } from '../brands/importSources';
import { adsApi } from './api';
import { useAds } from './store';

type Keyframe = PicturesView['keyframes'][number];

/**
 * Change one picture before approving (issue 21): make it again from an edited prompt, put one of
 * the brand's product images or an uploaded picture (checked like product images) in its place,
 * or undo the last change. The run places or makes just that picture and stops for approval again.
 */
export function PictureChangeDialog({ project, frame, label, onClose }: { project: AdProjectView; frame: Keyframe; label: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [prompt, setPrompt] = useState(frame.prompt);
  const act = useAds((s) => s.act);
  const busy = useAds((s) => s.busy !== null);
  const brand = useBrands((s) => s.brands.find((b) => b.id === project.brandId));
  const products = (brand?.assets ?? []).filter((a) => a.kind === 'image');
  const change = (c: PictureChangeInput['change']) => {
    onClose();
    void act('changePicture', (projectId) => adsApi.changePicture({ projectId, index: frame.index, change: c }));
  };
  return (
    <Dialog open title={t('ads.pictures.changeTitle', { label })} description={t('ads.pictures.changeHint')} onClose={onClose} busy={busy} size="lg">
      <div className="flex flex-col gap-4" data-testid="picture-change">
        <label className="flex flex-col gap-1 text-[13px]">
          <span className="font-medium">{t('ads.pictures.prompt')}</span>
          <textarea className="min-h-24 rounded-lg border border-line bg-raised p-2 text-[13px]" value={prompt} maxLength={2000} onChange={(e) => setPrompt(e.target.value)} data-testid="picture-prompt" />
        </label>
        <div>
          <Button variant="primary" disabled={busy || !prompt.trim()} onClick={() => change({ kind: 'redo', prompt })} data-testid="picture-make-again">
            {t('ads.pictures.makeAgain')}
          </Button>
        </div>
        {products.length ? (
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1 text-[13px] font-medium">{t('ads.pictures.useProduct')}</legend>
            <div className="flex flex-wrap gap-2">
              {products.map((a) => (
                <button key={a.id} type="button" className="size-20 overflow-hidden rounded-lg border border-line hover:border-accent focus-visible:outline-2" disabled={busy} onClick={() => change({ kind: 'product', assetId: a.id })} data-testid="picture-product" aria-label={t('ads.pictures.useThis', { name: a.originalName })}>
                  <img src={a.thumbnailUrl ?? a.url} alt="" className="h-full w-full object-cover" />
                </button>
              ))}
            </div>
          </fieldset>
        ) : null}
        <label className="flex flex-col gap-1 text-[13px]">
          <span className="font-medium">{t('ads.pictures.upload')}</span>
          <input
            type="file"
            accept="image/png,image/jpeg,image/webp"
            disabled={busy}
            data-testid="picture-upload"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void toImportSources([file]).then(([source]) => change({ kind: 'upload', file: source! }));
            }}
          />
        </label>
        {frame.canUndo ? (
          <div>
            <Button disabled={busy} onClick={() => change({ kind: 'undo' })} data-testid="picture-undo">
              {t('ads.pictures.undo')}
            </Button>
          </div>
        ) : null}
      </div>
    </Dialog>
  );
}
