import { Plus, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { HexColor } from '../../../../shared/domain';
import { controlClass } from '../../components/Field';

export const maxColors = 8;

/** New swatches cycle through a few pleasant defaults so "add" never produces a duplicate black. */
const suggestions = ['#8B6CFF', '#FF5CA8', '#3DDC97', '#FFB547', '#4CC9F0', '#F25F4C', '#FFFFFF', '#111111'];

export const isHex = (value: string) => HexColor.safeParse(value).success;

interface Props {
  colors: string[];
  onChange(colors: string[]): void;
  labelId: string;
  hintId: string;
}

/** Each colour is a native picker plus a hex field; both edit the same value. */
export function ColorSwatchesInput({ colors, onChange, labelId, hintId }: Props) {
  const { t } = useTranslation();
  const setAt = (index: number, value: string) => onChange(colors.map((c, i) => (i === index ? value : c)));

  return (
    <div role="group" aria-labelledby={labelId} aria-describedby={hintId} className="flex flex-col gap-2">
      {colors.length > 0 ? (
        <ul className="grid grid-cols-2 gap-2">
          {colors.map((color, index) => {
            const n = index + 1;
            const valid = isHex(color);
            return (
              <li key={index} className="flex items-center gap-2 rounded-lg border border-line bg-canvas p-1.5 pr-1">
                <input
                  type="color"
                  value={valid ? color.toLowerCase() : '#000000'}
                  onChange={(e) => setAt(index, e.target.value.toUpperCase())}
                  aria-label={t('brands.form.colorPicker', { index: n })}
                  className="size-7 shrink-0 rounded-md ring-1 ring-white/10"
                />
                <input
                  type="text"
                  value={color}
                  spellCheck={false}
                  maxLength={7}
                  onChange={(e) => {
                    const raw = e.target.value.trim();
                    setAt(index, raw.startsWith('#') || raw === '' ? raw.toUpperCase() : `#${raw.toUpperCase()}`);
                  }}
                  aria-label={t('brands.form.colorHex', { index: n })}
                  aria-invalid={valid ? undefined : true}
                  className={`${controlClass} h-7 min-w-0 border-transparent bg-transparent px-1.5 font-mono text-[13px] uppercase`}
                />
                <button
                  type="button"
                  onClick={() => onChange(colors.filter((_, i) => i !== index))}
                  aria-label={t('brands.form.removeColor', { index: n })}
                  className="rounded-md p-1 text-ink-faint hover:bg-raised hover:text-ink"
                >
                  <X aria-hidden className="size-3.5" />
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
      {colors.length < maxColors ? (
        <button
          type="button"
          onClick={() => onChange([...colors, suggestions.find((s) => !colors.includes(s)) ?? '#000000'])}
          className="inline-flex h-9 w-fit items-center gap-1.5 rounded-lg border border-dashed border-line-strong px-3 text-[13px] font-medium text-ink-muted hover:border-accent hover:text-ink"
        >
          <Plus aria-hidden className="size-3.5" />
          {t('brands.form.addColor')}
        </button>
      ) : null}
    </div>
  );
}
