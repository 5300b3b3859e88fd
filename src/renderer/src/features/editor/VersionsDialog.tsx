/**
 * The project's saved versions (issue 19): when each was saved, which one is current, which
 * aspects of the ad were rendered from it, and a restore that saves it again as the newest.
 * Mounted only while open, so each opening loads the list afresh.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RotateCcw } from 'lucide-react';
import type { TimelineVersion } from '../../../../shared/domain/editor';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { Spinner } from '../../components/Spinner';
import { api, toAppError } from '../../api/client';
import { useToasts } from '../../stores/toasts';
import { useEditor } from './store';

export function VersionsDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useTranslation('translation', { keyPrefix: 'editor.versions' });
  const projectId = useEditor((s) => s.projectId);
  const [versions, setVersions] = useState<TimelineVersion[] | null>(null);
  const [busy, setBusy] = useState<number | null>(null);

  useEffect(() => {
    if (!open || !projectId) return;
    let live = true;
    void (async () => {
      await useEditor.getState().flushSave();
      try {
        const list = await api.editor.versions(projectId);
        if (live) setVersions(list);
      } catch (err) {
        useToasts.getState().error(toAppError(err));
      }
    })();
    return () => {
      live = false;
    };
  }, [open, projectId]);

  const restore = async (version: number) => {
    if (!projectId) return;
    setBusy(version);
    try {
      await useEditor.getState().flushSave();
      await api.editor.restore(projectId, version);
      await useEditor.getState().open(projectId);
      useToasts.getState().success('editor.versions.restored', { version });
      onClose();
    } catch (err) {
      useToasts.getState().error(toAppError(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Dialog open={open} onClose={onClose} busy={busy !== null} title={t('title')} description={t('hint')} size="md">
      {versions === null ? (
        <Spinner />
      ) : (
        <ol className="flex max-h-[50vh] flex-col gap-1 overflow-y-auto" data-testid="versions" tabIndex={0} aria-label={t('title')}>
          {versions.map((v) => (
            <li key={v.version} data-testid="version" className="flex items-center gap-3 rounded-lg px-2 py-1.5 text-[13px] hover:bg-overlay">
              <span className="w-24 font-medium tabular-nums">{t('version', { version: v.version })}</span>
              <span className="tabular-nums text-ink-muted">{new Date(v.savedAt).toLocaleString()}</span>
              {v.current ? <span className="rounded bg-accent-soft px-1.5 text-[11px] text-ink">{t('current')}</span> : null}
              {v.rendered.length ? <span className="text-[12px] text-ink-muted">{t('rendered', { aspects: v.rendered.join(', ') })}</span> : null}
              {v.current ? null : (
                <Button size="sm" className="ml-auto" icon={busy === v.version ? undefined : RotateCcw} disabled={busy !== null} onClick={() => void restore(v.version)}>
                  {busy === v.version ? <Spinner /> : null}
                  {t('restore')}
                </Button>
              )}
            </li>
          ))}
        </ol>
      )}
    </Dialog>
  );
}
