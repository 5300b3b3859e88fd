import { useEffect, useId, useRef, useState } from 'react';
import { ImagePlus, Trash2, TriangleAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { errorI18n, type AppErrorShape } from '../../../../shared/errors';
import type { Asset } from '../../../../shared/domain';
import { Button } from '../../components/Button';

/** What the form will do to the logo on Save: keep it, replace it with a picked file, or remove it. */
export type LogoChoice = { kind: 'keep' } | { kind: 'file'; file: File } | { kind: 'remove' };

const accept = 'image/png,image/jpeg,image/webp,.png,.jpg,.jpeg,.webp';

interface Props {
  /** The brand's saved logo (none for a new brand). */
  current: Asset | null;
  choice: LogoChoice;
  onChange(choice: LogoChoice): void;
  /** The last refusal of a picked file (shown under the field; the old logo stays). */
  error: AppErrorShape | null;
  disabled?: boolean;
}

/**
 * The board a logo is shown on: a mid-grey checkerboard, so transparency shows and a dark logo
 * (a black wordmark) reads as well as a white one — the dark board hid dark logos.
 */
export const LOGO_BOARD = 'bg-[repeating-conic-gradient(#8e8e96_0_25%,#a3a3aa_0_50%)] bg-[length:16px_16px]';

/** The brand form's logo: preview on a checkerboard (transparency shows), choose/replace, remove. */
export function LogoField({ current, choice, onChange, error, disabled }: Props) {
  const { t, i18n } = useTranslation();
  const inputRef = useRef<HTMLInputElement>(null);
  const labelId = useId();
  const hintId = useId();
  const picked = choice.kind === 'file' ? choice.file : null;
  const pickedUrl = usePreviewUrl(picked);
  const shown = choice.kind === 'remove' ? null : picked ? { url: pickedUrl, name: picked.name } : current ? { url: current.thumbnailUrl ?? current.url, name: current.originalName } : null;
  const warning = choice.kind === 'keep' ? current?.warnings[0] : undefined;
  const reason = error ? errorI18n(error) : null;

  return (
    <div className="flex flex-col gap-1.5" role="group" aria-labelledby={labelId} aria-describedby={hintId} data-testid="logo-field">
      <p id={labelId} className="text-[13px] font-medium">
        {t('brands.logo.label')}
      </p>
      <div className="flex items-center gap-4">
        <div className={`flex h-20 w-40 shrink-0 items-center justify-center overflow-hidden rounded-xl border border-line ${LOGO_BOARD}`}>
          {shown?.url ? (
            <img src={shown.url} alt={t('brands.logo.alt', { name: shown.name })} className="max-h-full max-w-full object-contain p-2" data-testid="logo-preview" />
          ) : (
            <span className="text-xs text-ink-faint">{t('brands.logo.none')}</span>
          )}
        </div>
        <div className="flex min-w-0 flex-col gap-2">
          <div className="flex gap-2">
            <Button size="sm" icon={ImagePlus} onClick={() => inputRef.current?.click()} disabled={disabled}>
              {shown ? t('brands.logo.replace') : t('brands.logo.choose')}
            </Button>
            {shown ? (
              <Button size="sm" variant="ghost" icon={Trash2} onClick={() => onChange(current ? { kind: 'remove' } : { kind: 'keep' })} disabled={disabled}>
                {t('brands.logo.remove')}
              </Button>
            ) : choice.kind === 'remove' ? (
              <Button size="sm" variant="ghost" onClick={() => onChange({ kind: 'keep' })} disabled={disabled}>
                {t('brands.logo.undoRemove')}
              </Button>
            ) : null}
          </div>
          {shown ? (
            <p className="truncate text-xs text-ink-muted" dir="auto" title={shown.name}>
              {picked ? t('brands.logo.pending', { name: shown.name }) : shown.name}
            </p>
          ) : choice.kind === 'remove' ? (
            <p className="text-xs text-ink-muted">{t('brands.logo.removePending')}</p>
          ) : null}
        </div>
        <input
          ref={inputRef}
          type="file"
          accept={accept}
          hidden
          data-testid="logo-file-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) onChange({ kind: 'file', file });
          }}
        />
      </div>
      {error ? (
        <p className="text-xs text-danger" role="alert" dir="auto" data-testid="logo-error">
          {reason && i18n.exists(reason.key) ? t(reason.key as 'errors.logo.flat', reason.values) : error.message}
        </p>
      ) : warning ? (
        <p className="flex items-center gap-1 text-xs text-warning" data-testid="logo-warning">
          <TriangleAlert aria-hidden className="size-3 shrink-0" />
          {t('brands.logo.lowResolution', { side: warning.side, recommended: warning.recommended })}
        </p>
      ) : null}
      <p id={hintId} className="text-xs text-ink-faint">
        {t('brands.logo.hint')}
      </p>
    </div>
  );
}

/** A picked file as a data URL for the preview (read once per file; no URL to revoke). */
function usePreviewUrl(file: File | null): string | null {
  const [preview, setPreview] = useState<{ file: File; url: string } | null>(null);
  useEffect(() => {
    if (!file) return;
    let live = true;
    const reader = new FileReader();
    reader.onload = () => {
      if (live) setPreview({ file, url: String(reader.result) });
    };
    reader.readAsDataURL(file);
    return () => {
      live = false;
    };
  }, [file]);
  return preview && preview.file === file ? preview.url : null;
}
