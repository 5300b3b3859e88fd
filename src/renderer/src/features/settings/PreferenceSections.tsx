import { useState, type FormEvent } from 'react';
import { ChevronDown } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Locale, SettingsPatch, type Settings } from '../../../../shared/domain';
import { Button } from '../../components/Button';
import { controlClass, FieldShell, TextField } from '../../components/Field';
import { useSettings } from '../../stores/settings';
import { useToasts } from '../../stores/toasts';
import { SettingsCard } from './SettingsScreen';
import { SettingsStoreNote } from '../account/StoreNote';

export function LanguageSection({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const update = useSettings((s) => s.update);
  return (
    <SettingsCard title={t('settings.language.title')} testId="settings-language">
      <FieldShell label={t('settings.language.label')} hint={t('settings.language.hint')}>
        {({ inputId, describedBy }) => (
          <div className="relative w-64">
            <select
              id={inputId}
              aria-describedby={describedBy}
              value={settings.locale}
              onChange={async (e) => {
                const locale = Locale.parse(e.target.value);
                if (await update({ locale })) useToasts.getState().success('settings.language.saved');
              }}
              className={`${controlClass} h-10 appearance-none pr-9`}
            >
              {Locale.options.map((locale) => (
                <option key={locale} value={locale}>
                  {t(`settings.language.names.${locale}`)}
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

/** The same zod schema the backend validates with, so the field and the backend always agree. */
const ProxyUrl = SettingsPatch.shape.proxyUrl;

export function ProxySection({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const update = useSettings((s) => s.update);
  const [value, setValue] = useState(settings.proxyUrl);
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const trimmed = value.trim();
  const invalid = !ProxyUrl.safeParse(trimmed).success;
  const unchanged = trimmed === settings.proxyUrl;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (invalid || unchanged) return;
    setSaving(true);
    if (await update({ proxyUrl: trimmed })) useToasts.getState().success('settings.proxy.saved');
    setSaving(false);
  }

  return (
    <SettingsCard title={t('settings.proxy.title')} hint={t('settings.proxy.hint')} testId="settings-proxy">
      <form onSubmit={(e) => void submit(e)} noValidate className="flex items-start gap-3">
        <div className="flex-1">
          <TextField
            label={t('settings.proxy.label')}
            type="url"
            inputMode="url"
            spellCheck={false}
            value={value}
            placeholder={t('settings.proxy.placeholder')}
            onChange={(e) => setValue(e.target.value)}
            onBlur={() => setTouched(true)}
            error={touched && invalid ? t('settings.proxy.invalid') : null}
            name="proxyUrl"
          />
        </div>
        <Button type="submit" variant="primary" className="mt-[26px]" disabled={saving || unchanged || (touched && invalid)}>
          {saving ? t('common.saving') : t('common.save')}
        </Button>
      </form>
      <div className="mt-3">
        <SettingsStoreNote />
      </div>
    </SettingsCard>
  );
}
