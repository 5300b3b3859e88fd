/**
 * The Inspector when several items are selected (issue 19: multi-select): how many, what acts on
 * all of them, and the text style for every selected text item in one undo step.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { CaptionLook, type TextItem, type Timeline } from '../../../../shared/timeline';
import { locate, type EditCommand } from '../../../../shared/timeline/commands';
import { useEditor } from './store';

export function ManySelected({ doc, ids }: { doc: Timeline; ids: string[] }) {
  const { t } = useTranslation('translation', { keyPrefix: 'editor' });
  const lookId = useId();
  const texts = ids.map((id) => locate(doc, id)).flatMap((at) => (at?.where === 'overlay' && at.item.kind === 'text' ? [at.item as TextItem] : []));
  const looks = new Set(texts.map((x) => x.style.look ?? 'pop'));
  const look = looks.size === 1 ? [...looks][0]! : '';
  return (
    <div className="flex flex-col gap-2.5 px-4 py-3.5" data-testid="many-selected">
      <p role="status" className="text-[13px] font-medium text-ink">
        {t('inspector.manySelected', { count: ids.length })}
      </p>
      <p className="text-[12px] leading-relaxed text-ink-faint">{t('inspector.manyHint')}</p>
      {texts.length ? (
        <div className="grid grid-cols-[88px_minmax(0,1fr)] items-center gap-2">
          <label htmlFor={lookId} className="text-[12px] text-ink-muted">
            {t('inspector.manyLook', { count: texts.length })}
          </label>
          <select
            id={lookId}
            data-testid="many-look"
            value={look}
            onChange={(e) => {
              const commands: EditCommand[] = texts.map((x) => ({ type: 'setText', itemId: x.id, style: { look: e.target.value as CaptionLook } }));
              useEditor.getState().exec({ type: 'batch', commands });
            }}
            className="h-8 w-full rounded-md border border-line bg-canvas px-2 text-[13px] text-ink focus:border-accent focus:outline-none"
          >
            {look === '' ? <option value="">{t('inspector.mixed')}</option> : null}
            {CaptionLook.options.map((l) => (
              <option key={l} value={l}>
                {t(`inspector.looks.${l}`)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
    </div>
  );
}
