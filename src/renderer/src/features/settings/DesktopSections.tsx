/** Settings › Updates and Logs (issue 10): what the desktop shell's updater is doing, and the log file. */
import { useEffect, useState } from 'react';
import { FolderOpen, RefreshCw, RotateCw } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { UpdateStatus } from '../../../../shared/domain';
import { api, toAppError } from '../../api/client';
import { Button } from '../../components/Button';
import { Spinner } from '../../components/Spinner';
import { useToasts } from '../../stores/toasts';
import { InfoRow, SettingsCard } from './SettingsScreen';

export function LogsSection() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const open = async () => {
    setBusy(true);
    try {
      await api.desktop.openLogsFolder();
    } catch (err) {
      useToasts.getState().error(toAppError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <SettingsCard title={t('desktop.logs.title')} hint={t('desktop.logs.hint')} testId="settings-logs">
      <Button size="sm" icon={FolderOpen} disabled={busy} data-testid="open-logs" onClick={() => void open()}>
        {t('desktop.logs.open')}
      </Button>
    </SettingsCard>
  );
}

/** `undefined` while the first answer is on its way; `null` outside the desktop app (harness). */
function useUpdateStatus() {
  const [status, setStatus] = useState<UpdateStatus | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    const off = api.desktop.onUpdateStatus((s) => setStatus(s));
    api.desktop.updateStatus().then(
      // A pushed event may have arrived first; it is newer than this answer.
      (s) => live && setStatus((prev) => (prev === undefined ? s : prev)),
      () => live && setStatus(null),
    );
    return () => {
      live = false;
      off();
    };
  }, []);
  return [status, setStatus] as const;
}

export function UpdatesSection() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useUpdateStatus();
  const [busy, setBusy] = useState<'check' | 'restart' | null>(null);

  const run = async (what: 'check' | 'restart') => {
    setBusy(what);
    try {
      if (what === 'check') {
        const next = await api.desktop.checkForUpdates();
        if (next) setStatus(next);
      } else {
        await api.desktop.restartToUpdate();
      }
    } catch (err) {
      useToasts.getState().error(toAppError(err));
    } finally {
      setBusy(null);
    }
  };

  const canCheck = status != null && status.state !== 'disabled' && status.state !== 'checking' && status.state !== 'downloading' && status.state !== 'ready';
  return (
    <SettingsCard title={t('desktop.updates.title')} hint={t('desktop.updates.hint')} testId="settings-updates">
      {status === undefined ? (
        <Spinner className="size-5" label={t('common.loading')} />
      ) : status === null ? (
        <p data-testid="update-state" data-state="none" className="text-sm text-ink-muted">
          {t('desktop.updates.managedByApp')}
        </p>
      ) : (
        <div className="flex flex-col gap-3">
          <dl>
            <InfoRow label={t('desktop.updates.current')}>
              <span className="tabular-nums">{status.currentVersion}</span>
            </InfoRow>
          </dl>
          <div data-testid="update-state" data-state={status.state} className="text-sm">
            <StatusLine status={status} formatTime={(ms) => new Date(ms).toLocaleString(i18n.language)} />
          </div>
          <div className="flex gap-2">
            {status.state === 'ready' ? (
              <Button variant="primary" size="sm" icon={RotateCw} disabled={busy !== null} data-testid="update-restart" onClick={() => void run('restart')}>
                {busy === 'restart' ? t('desktop.updates.restarting') : t('desktop.updates.restart')}
              </Button>
            ) : null}
            {canCheck ? (
              <Button size="sm" icon={RefreshCw} disabled={busy !== null} data-testid="update-check" onClick={() => void run('check')}>
                {t('desktop.updates.check')}
              </Button>
            ) : null}
          </div>
        </div>
      )}
    </SettingsCard>
  );
}

export function StatusLine({ status, formatTime }: { status: UpdateStatus; formatTime(ms: number): string }) {
  const { t } = useTranslation();
  switch (status.state) {
    case 'disabled':
      return <p className="text-ink-muted">{t(`desktop.updates.disabled.${status.reason}`)}</p>;
    case 'checking':
      return (
        <p className="flex items-center gap-2 text-ink-muted">
          <Spinner className="size-3.5" />
          {t('desktop.updates.checking')}
        </p>
      );
    case 'up-to-date':
      return (
        <p className="text-ink">
          {t('desktop.updates.upToDate')} <span className="text-ink-faint">{t('desktop.updates.lastChecked', { when: formatTime(status.lastCheckedAt) })}</span>
        </p>
      );
    case 'downloading': {
      const percent = Math.max(0, Math.min(100, Math.round(status.percent)));
      return (
        <div className="flex flex-col gap-2">
          <p className="text-ink-muted">{t('desktop.updates.downloading', { version: status.version, percent })}</p>
          <div role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="h-1.5 overflow-hidden rounded-full bg-canvas">
            <div className="h-full rounded-full bg-accent transition-[width]" style={{ width: `${percent}%` }} />
          </div>
        </div>
      );
    }
    case 'ready':
      return (
        <div className="flex flex-col gap-2">
          <p className="font-medium text-ink">{t('desktop.updates.ready', { version: status.version })}</p>
          {status.releaseNotes.trim() ? (
            <>
              <p className="text-[13px] text-ink-muted">{t('desktop.updates.releaseNotes')}</p>
              {/* Plain text on purpose: release notes come from the update feed and are never rendered as HTML. */}
              <pre data-testid="release-notes" dir="auto" className="max-h-48 overflow-y-auto rounded-md bg-canvas px-3 py-2 font-sans text-[13px] whitespace-pre-wrap text-ink-muted">
                {status.releaseNotes}
              </pre>
            </>
          ) : null}
        </div>
      );
    case 'error':
      // Background retries stay quiet; only a check the user asked for reports its failure.
      return status.userInitiated ? (
        <div role="alert">
          <p className="text-danger">{t(`desktop.updates.errors.${status.kind}`)}</p>
          <p className="mt-1 text-xs text-ink-faint">{t('desktop.updates.errorRetry')}</p>
        </div>
      ) : (
        <p className="text-ink-muted">{t('desktop.updates.idle')}</p>
      );
    case 'idle':
      return (
        <p className="text-ink-muted">
          {t('desktop.updates.idle')} {status.lastCheckedAt ? <span className="text-ink-faint">{t('desktop.updates.lastChecked', { when: formatTime(status.lastCheckedAt) })}</span> : null}
        </p>
      );
  }
}
