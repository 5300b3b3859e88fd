import { useEffect, useId, useRef, useState } from 'react';
import { TriangleAlert, Upload } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { errorI18n, type AppErrorShape } from '../../../../shared/errors';
import type { Brand, BrandFontSample } from '../../../../shared/domain';
import { BUNDLED_FONTS } from '../../../../shared/timeline/fonts';
import { api, toAppError } from '../../api/client';
import { Button } from '../../components/Button';
import { Spinner } from '../../components/Spinner';
import { useBrands } from '../../stores/brands';
import { useToasts } from '../../stores/toasts';
import { toImportSources } from './importSources';

const accept = '.ttf,.otf,font/ttf,font/otf';

/**
 * The brand font (issue 22): each choice is the brand's name drawn in that font by the text engine
 * (the pixels its ads get), in a radio group (arrow keys move, the choice is saved at once), plus
 * the brand's own .ttf/.otf. A refused file keeps the font the brand had and says why.
 */
export function BrandFontCard({ brand }: { brand: Brand }) {
  const { t } = useTranslation();
  const titleId = useId();
  const hintId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [samples, setSamples] = useState<BrandFontSample[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  // The choice shows at once (arrow keys walk the group); the saved brand follows.
  const [picked, setPicked] = useState<string | null>(null);
  const current = picked ?? brand.font ?? 'noto-sans';
  const latest = useRef(0);

  useEffect(() => {
    let live = true;
    api.brands.fontSamples(brand.id).then(
      (s) => live && setSamples(s),
      (err: unknown) => live && setError(toAppError(err)),
    );
    return () => {
      live = false;
    };
  }, [brand.id, brand.name, brand.font]);

  const save = async (input: { font: string } | { file: File }) => {
    const request = ++latest.current;
    setBusy(true);
    setError(null);
    if ('font' in input) setPicked(input.font);
    try {
      const saved = 'font' in input ? await api.brands.setFont({ brandId: brand.id, font: input.font as (typeof BUNDLED_FONTS)[number]['id'] }) : await api.brands.setFont({ brandId: brand.id, file: (await toImportSources([input.file]))[0]! });
      if (request !== latest.current) return;
      useBrands.setState((s) => ({ brands: s.brands.map((b) => (b.id === saved.id ? saved : b)) }));
      setPicked(null);
      const name = BUNDLED_FONTS.find((f) => f.id === saved.font)?.name ?? ('file' in input ? input.file.name : BUNDLED_FONTS[0].name);
      useToasts.getState().success('brands.font.saved', { brand: saved.name, font: name });
    } catch (err) {
      if (request !== latest.current) return;
      setPicked(null);
      setError(toAppError(err));
    } finally {
      if (request === latest.current) setBusy(false);
    }
  };

  const reason = error ? errorI18n(error) : null;
  return (
    <section className="rounded-2xl border border-line bg-surface p-5" aria-labelledby={titleId} data-testid="brand-font">
      <h2 id={titleId} className="mb-1 text-xs font-semibold tracking-wider text-ink-faint uppercase">
        {t('brands.font.title')}
      </h2>
      <p id={hintId} className="mb-3 text-xs text-ink-muted">
        {t('brands.font.hint')}
      </p>
      {samples ? (
        <div role="radiogroup" aria-label={t('brands.font.choices')} aria-describedby={hintId} className="flex flex-col gap-2">
          {samples.map((s) => {
            const look = BUNDLED_FONTS.find((f) => f.id === s.font)?.look;
            const label = s.name ? t('brands.font.sample', { name: s.name, look: t(`brands.font.looks.${look ?? 'clean'}`) }) : t('brands.font.own');
            const checked = s.font === current;
            return (
              <label
                key={s.font}
                className={`flex cursor-pointer flex-col items-center gap-1 rounded-xl border bg-canvas px-3 py-2 focus-within:ring-2 focus-within:ring-accent ${checked ? 'border-accent' : 'border-line hover:border-ink-faint'}`}
                data-testid={`font-${s.font}`}
                data-checked={checked}
              >
                <input type="radio" name={`font-${brand.id}`} value={s.font} checked={checked} onChange={() => void save({ font: s.font })} className="sr-only" aria-label={label} />
                <img src={s.url} alt="" width={s.width / 2} height={s.height / 2} className="max-w-full" />
                <span className="text-[11px] text-ink-muted">{label}</span>
              </label>
            );
          })}
        </div>
      ) : error ? null : (
        <Spinner className="size-5" label={t('brands.font.loading')} />
      )}
      <div className="mt-3 flex flex-col gap-1.5">
        <Button size="sm" icon={Upload} onClick={() => inputRef.current?.click()} disabled={busy}>
          {t('brands.font.upload')}
        </Button>
        <p className="text-[11px] text-ink-faint">{t('brands.font.uploadHint')}</p>
        <input
          ref={inputRef}
          type="file"
          accept={accept}
          className="hidden"
          data-testid="font-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void save({ file });
          }}
        />
      </div>
      {error ? (
        <p role="alert" className="mt-2 flex items-start gap-1.5 text-xs text-danger" data-testid="font-error">
          <TriangleAlert aria-hidden className="mt-0.5 size-3.5 shrink-0" />
          {reason ? t(reason.key as 'errors.font.notAFont', reason.values) : error.message}
        </p>
      ) : null}
    </section>
  );
}
