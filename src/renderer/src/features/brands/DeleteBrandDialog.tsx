import { useState } from 'react';
import { TriangleAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { Brand } from '../../../../shared/domain';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { useBrands } from '../../stores/brands';

interface Props {
  brand: Brand;
  open: boolean;
  onClose(): void;
  onDeleted(): void;
}

/**
 * Deleting asks once. If the backend refuses because ads use the brand (CONFLICT), the dialog
 * shows the backend's explanation and offers the explicit, forced delete of brand and ads.
 */
export function DeleteBrandDialog({ brand, open, onClose, onDeleted }: Props) {
  const { t } = useTranslation();
  const remove = useBrands((s) => s.remove);
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<string | null>(null);

  const close = () => {
    setConflict(null);
    onClose();
  };

  async function run(force: boolean) {
    setBusy(true);
    const outcome = await remove(brand.id, { force });
    setBusy(false);
    if (outcome.kind === 'deleted') {
      setConflict(null);
      onDeleted();
    } else if (outcome.kind === 'conflict') setConflict(outcome.message);
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      busy={busy}
      size="sm"
      title={t('brands.delete.title', { name: brand.name })}
      footer={
        <>
          <Button variant="ghost" onClick={close} disabled={busy} data-autofocus>
            {t('common.cancel')}
          </Button>
          {conflict ? (
            <Button variant="danger" onClick={() => void run(true)} disabled={busy}>
              {busy ? t('common.deleting') : t('brands.delete.force')}
            </Button>
          ) : (
            <Button variant="danger" onClick={() => void run(false)} disabled={busy}>
              {busy ? t('common.deleting') : t('brands.delete.confirm')}
            </Button>
          )}
        </>
      }
    >
      <p className="text-sm leading-relaxed text-ink-muted">{t('brands.delete.body')}</p>
      {conflict ? (
        <div role="alert" className="mt-4 flex gap-3 rounded-xl border border-warning/30 bg-warning/10 p-3.5 text-sm">
          <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-warning" />
          <div>
            <p className="font-medium text-ink">{t('brands.delete.conflictTitle')}</p>
            <p className="mt-1 text-ink-muted" dir="auto">
              {conflict}
            </p>
            <p className="mt-2 text-ink-muted">{t('brands.delete.forceBody')}</p>
          </div>
        </div>
      ) : null}
    </Dialog>
  );
}
