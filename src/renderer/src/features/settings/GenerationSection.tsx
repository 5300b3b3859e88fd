import { ChevronDown } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { SCENE_CONCURRENCY, SceneConcurrency, type Settings } from '../../../../shared/domain';
import { controlClass, FieldShell } from '../../components/Field';
import { useSettings } from '../../stores/settings';
import { useToasts } from '../../stores/toasts';
import { SettingsCard } from './SettingsScreen';

const choices = Array.from({ length: SCENE_CONCURRENCY.max }, (_, i) => i + 1);

/** How many scenes are made at once on a model that starts and ends each scene on its pictures (issue 21). */
export function GenerationSection({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const update = useSettings((s) => s.update);
  return (
    <SettingsCard title={t('settings.generation.title')} testId="settings-generation">
      <FieldShell label={t('settings.generation.concurrency')} hint={t('settings.generation.concurrencyHint', { max: SCENE_CONCURRENCY.max, default: SCENE_CONCURRENCY.default })}>
        {({ inputId, describedBy }) => (
          <div className="relative w-52">
            <select
              id={inputId}
              aria-describedby={describedBy}
              value={settings.sceneConcurrency}
              onChange={async (e) => {
                const sceneConcurrency = SceneConcurrency.parse(Number(e.target.value));
                if (await update({ sceneConcurrency })) useToasts.getState().success('settings.generation.saved');
              }}
              className={`${controlClass} h-10 appearance-none pr-9`}
              data-testid="scene-concurrency"
            >
              {choices.map((n) => (
                <option key={n} value={n}>
                  {n === SCENE_CONCURRENCY.default ? t('settings.generation.defaultChoice', { count: n }) : t('settings.generation.choice', { count: n })}
                </option>
              ))}
            </select>
            <ChevronDown aria-hidden className="pointer-events-none absolute top-3 right-3 size-4 text-ink-faint" />
          </div>
        )}
      </FieldShell>
    </SettingsCard>
  );
}
