import { useEffect, type ReactNode } from 'react';
import { RotateCw } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { Spinner } from '../../components/Spinner';
import { useSettings } from '../../stores/settings';
import { LogsSection, UpdatesSection } from './DesktopSections';
import { FfmpegSection } from './FfmpegSection';
import { GenerationSection } from './GenerationSection';
import { LanguageSection, ProxySection } from './PreferenceSections';
import { StorageSection } from './StorageSection';
import { ConnectionsSection } from '../publish/ConnectionsSection';
import { Page } from '../../components/Page';

export function SettingsScreen() {
  const { t } = useTranslation();
  const { settings, info, status, loadError, load } = useSettings();

  useEffect(() => {
    if (status === 'idle') void load();
  }, [status, load]);

  return (
    <Page column="max-w-3xl">
      <header className="mb-8">
        <h1 className="text-2xl font-semibold tracking-tight">{t('settings.title')}</h1>
        <p className="mt-1.5 text-sm text-ink-muted">{t('settings.subtitle')}</p>
      </header>
      {status === 'error' ? (
        <div role="alert" className="rounded-xl border border-danger/30 bg-danger-soft p-5 text-sm">
          <p className="font-medium">{t('settings.loadFailed')}</p>
          {loadError ? <p className="mt-1 text-ink-muted">{t(`errors.${loadError.code}`)}</p> : null}
          <Button className="mt-4" size="sm" icon={RotateCw} onClick={() => void load()}>
            {t('common.retry')}
          </Button>
        </div>
      ) : !settings || !info ? (
        <div className="flex justify-center py-24">
          <Spinner className="size-6" label={t('common.loading')} />
        </div>
      ) : (
        <div className="flex flex-col gap-5">
          {/* What a creator sets first; paths, FFmpeg and logs after, under their own heading. */}
          <LanguageSection settings={settings} />
          <ProxySection settings={settings} />
          <GenerationSection settings={settings} />
          <ConnectionsSection />
          <UpdatesSection />
          <h2 className="mt-4 text-sm font-semibold uppercase tracking-wide text-ink-muted" data-testid="settings-technical">
            {t('settings.technical')}
          </h2>
          <StorageSection info={info} />
          <FfmpegSection ffmpeg={info.ffmpeg} settings={settings} />
          <LogsSection />
        </div>
      )}
    </Page>
  );
}

export function SettingsCard({ title, hint, children, testId }: { title: string; hint?: string; children: ReactNode; testId?: string }) {
  return (
    <section className="rounded-2xl border border-line bg-surface" data-testid={testId}>
      <header className="border-b border-line px-6 py-4">
        <h2 className="text-[15px] font-semibold tracking-tight">{title}</h2>
        {hint ? <p className="mt-0.5 text-[13px] text-ink-muted">{hint}</p> : null}
      </header>
      <div className="px-6 py-5">{children}</div>
    </section>
  );
}

/** A label/value row; values are machine text (paths, versions), so they are shown as given. */
export function InfoRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[160px_minmax(0,1fr)] items-baseline gap-4 py-2 text-sm">
      <dt className="text-ink-muted">{label}</dt>
      <dd className="min-w-0 break-words text-ink">{children}</dd>
    </div>
  );
}
