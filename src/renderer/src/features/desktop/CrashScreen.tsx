import { CircleAlert, FolderOpen, RotateCw, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button, IconButton } from '../../components/Button';
import { useCrash } from './crash-store';

function OpenLogsError() {
  const { t } = useTranslation();
  const error = useCrash((s) => s.openLogsError);
  if (!error) return null;
  return (
    <p role="status" data-testid="open-logs-error" className="mt-2 text-xs text-danger">
      {t(`errors.${error.code}`)}
    </p>
  );
}

/** Shown by the error boundary in place of the app; Reload starts the renderer fresh. */
export function CrashScreen() {
  const { t } = useTranslation();
  const openLogs = useCrash((s) => s.openLogs);
  return (
    <div role="alert" data-testid="crash-screen" className="flex h-full items-center justify-center p-10">
      <div className="max-w-md rounded-2xl border border-line bg-surface p-8 text-center">
        <CircleAlert aria-hidden className="mx-auto size-8 text-danger" />
        <h1 className="mt-4 text-lg font-semibold">{t('desktop.crash.title')}</h1>
        <p className="mt-2 text-sm text-ink-muted">{t('desktop.crash.screenBody')}</p>
        <div className="mt-6 flex justify-center gap-2">
          <Button variant="primary" icon={RotateCw} onClick={() => window.location.reload()}>
            {t('desktop.crash.reload')}
          </Button>
          <Button icon={FolderOpen} onClick={() => void openLogs()}>
            {t('desktop.crash.openLogs')}
          </Button>
        </div>
        <OpenLogsError />
      </div>
    </div>
  );
}

/** The friendly notice for errors outside rendering (window errors, rejections, main's crashes). */
export function UnexpectedErrorNotice() {
  const { t } = useTranslation();
  const notice = useCrash((s) => s.notice);
  const { dismiss, openLogs } = useCrash.getState();
  if (!notice) return null;
  return (
    <div role="alert" data-testid="unexpected-error" data-source={notice.source} className="fixed top-5 right-5 z-50 w-[380px] max-w-[calc(100vw-2.5rem)] rounded-xl border border-danger/40 bg-overlay/95 p-4 shadow-xl shadow-black/40 backdrop-blur">
      <div className="flex items-start gap-3">
        <CircleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-danger" />
        <div className="min-w-0 flex-1 text-sm">
          <p className="font-medium text-ink">{t('desktop.crash.title')}</p>
          <p className="mt-1 text-xs leading-relaxed text-ink-muted">{t(notice.source === 'main' ? 'desktop.crash.fromMain' : 'desktop.crash.body')}</p>
          <Button className="mt-3" size="sm" icon={FolderOpen} onClick={() => void openLogs()}>
            {t('desktop.crash.openLogs')}
          </Button>
          <OpenLogsError />
        </div>
        <IconButton icon={X} label={t('desktop.crash.dismiss')} onClick={dismiss} />
      </div>
    </div>
  );
}
