/** Export presets (aspect × resolution), progress with ETA, cancel, and where the file went. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Download, FolderOpen, RectangleHorizontal, RectangleVertical, Send, Square, X } from 'lucide-react';
import { Dialog } from '../../components/Dialog';
import { Button } from '../../components/Button';
import type { ExportResolution } from '../../../../shared/domain/editor';
import type { Aspect } from '../../../../shared/domain/aspect';
import type { Events } from '../../../../shared/contract';
import type { AppErrorShape } from '../../../../shared/errors';
import { outputSize } from '../../../../shared/timeline';
import { api, toAppError } from '../../api/client';
import { useEditor } from './store';
import { CheckReportView } from '../quality/CheckReportView';

type Phase = { kind: 'idle' } | { kind: 'running'; exportId: string | null; progress: Events['export/progress'] | null } | { kind: 'finished'; result: Events['export/finished'] };

const ASPECTS: Array<{ aspect: Aspect; icon: typeof Square; key: 'landscape' | 'portrait' | 'square' }> = [
  { aspect: '16:9', icon: RectangleHorizontal, key: 'landscape' },
  { aspect: '9:16', icon: RectangleVertical, key: 'portrait' },
  { aspect: '1:1', icon: Square, key: 'square' },
];
const RESOLUTIONS: ExportResolution[] = [720, 1080, 2160];

/** `onPost`: "Post…" on a finished export hands its file to the publishing dialog (issue 24). */
export function ExportDialog({ open, onClose, onPost }: { open: boolean; onClose(): void; onPost?(file: { path: string; exportId: string }): void }) {
  const { t } = useTranslation('translation', { keyPrefix: 'editor' });
  const { t: tr } = useTranslation();
  const preset = useEditor((s) => s.history.present.output.preset);
  const [aspect, setAspect] = useState<Aspect>(preset === '4k' ? '16:9' : preset);
  const [resolution, setResolution] = useState<ExportResolution>(1080);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });

  useEffect(() => {
    const offP = api.editor.onExportProgress((p) => setPhase((ph) => (ph.kind === 'running' && (ph.exportId === null || ph.exportId === p.exportId) ? { ...ph, exportId: p.exportId, progress: p } : ph)));
    const offF = api.editor.onExportFinished((r) => setPhase((ph) => (ph.kind === 'running' && (ph.exportId === null || ph.exportId === r.exportId) ? { kind: 'finished', result: r } : ph)));
    return () => {
      offP();
      offF();
    };
  }, []);

  const start = async (as: Aspect = aspect) => {
    const s = useEditor.getState();
    if (!s.projectId) return;
    await s.flushSave();
    setPhase({ kind: 'running', exportId: null, progress: null });
    try {
      const job = await api.editor.startExport({ projectId: s.projectId, timeline: s.history.present, aspect: as, resolution });
      setPhase((ph) => (ph.kind === 'running' ? { ...ph, exportId: job.exportId } : ph));
    } catch (err) {
      const e = toAppError(err);
      setPhase({ kind: 'finished', result: { exportId: '', projectId: s.projectId, status: 'failed', path: null, url: null, error: e } });
    }
  };
  const running = phase.kind === 'running';
  const close = () => {
    if (running) return;
    setPhase({ kind: 'idle' });
    onClose();
  };
  const p = running ? phase.progress : null;

  return (
    <Dialog
      open={open}
      onClose={close}
      busy={running}
      title={t('export.title')}
      description={t('export.description')}
      footer={
        running ? (
          <Button variant="danger" icon={X} data-testid="export-cancel" onClick={() => phase.exportId && void api.editor.cancelExport(phase.exportId)}>{t('export.cancel')}</Button>
        ) : phase.kind === 'finished' ? (
          <>
            {onPost && phase.result.status === 'done' && phase.result.path ? (
              <Button icon={Send} data-testid="export-post" onClick={() => {
                  const file = { path: phase.result.path!, exportId: phase.result.exportId };
                  close();
                  onPost(file);
                }}>
                {tr('publish.dialog.openDialog')}
              </Button>
            ) : null}
            <Button onClick={close}>{t('export.close')}</Button>
          </>
        ) : (
          <Button variant="primary" icon={Download} data-testid="export-start" onClick={() => void start()}>{t('export.start')}</Button>
        )
      }
    >
      <div className="flex flex-col gap-5">
        <fieldset disabled={running} className="flex flex-col gap-2">
          <legend className="mb-2 text-[13px] font-medium">{t('export.aspect')}</legend>
          <div className="grid grid-cols-3 gap-2">
            {ASPECTS.map(({ aspect: a, icon: Icon, key }) => (
              <button key={a} type="button" aria-pressed={aspect === a} onClick={() => setAspect(a)} className={`flex flex-col items-center gap-1.5 rounded-xl border px-3 py-3 text-[13px] ${aspect === a ? 'border-accent bg-accent-soft text-ink' : 'border-line bg-raised text-ink-muted hover:border-line-strong'}`}>
                <Icon aria-hidden className="size-5" />
                <span className="font-medium">{a}</span>
                <span className="text-[11px] text-ink-faint">{t(`export.${key}`)}</span>
              </button>
            ))}
          </div>
        </fieldset>
        <fieldset disabled={running} className="flex flex-col gap-2">
          <legend className="mb-2 text-[13px] font-medium">{t('export.resolution')}</legend>
          <div className="grid grid-cols-3 gap-2">
            {RESOLUTIONS.map((r) => {
              const size = outputSize(aspect, false, r);
              return (
                <button key={r} type="button" aria-pressed={resolution === r} onClick={() => setResolution(r)} className={`flex flex-col items-center gap-0.5 rounded-xl border px-3 py-2.5 text-[13px] ${resolution === r ? 'border-accent bg-accent-soft text-ink' : 'border-line bg-raised text-ink-muted hover:border-line-strong'}`}>
                  <span className="font-medium">{t(`export.r${r}`)}</span>
                  <span className="text-[11px] tabular-nums text-ink-faint">{t('export.size', { width: size.width, height: size.height })}</span>
                </button>
              );
            })}
          </div>
        </fieldset>
        {running ? (
          <div data-testid="export-progress" className="flex flex-col gap-2">
            <div className="flex justify-between text-[12px] text-ink-muted">
              <span>{p?.stage === 'encoding' ? t('export.encoding', { percent: Math.round(p.percent) }) : p?.stage === 'mastering' ? t('export.mastering') : t('export.preparing')}</span>
              {p?.etaS != null ? <span className="tabular-nums">{t('export.eta', { seconds: p.etaS })}</span> : null}
            </div>
            <div role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(p?.percent ?? 0)} className="h-2 overflow-hidden rounded-full bg-canvas">
              <div className="h-full rounded-full bg-gradient-to-r from-accent to-[#ff5ca8] transition-[width]" style={{ width: `${p?.percent ?? 0}%` }} />
            </div>
          </div>
        ) : null}
        {phase.kind === 'finished' ? (
          <div data-testid="export-result" data-status={phase.result.status} className={`rounded-xl border p-3 text-[13px] ${phase.result.status === 'done' ? 'border-success/40 bg-success-soft' : 'border-danger/40 bg-danger-soft'}`}>
            {phase.result.status === 'done' ? (
              <>
                <p className="font-medium text-success">{t('export.done')}</p>
                <p className="mt-1 flex items-start gap-1.5 text-ink-muted"><FolderOpen aria-hidden className="mt-0.5 size-3.5 shrink-0" /><span className="min-w-0 break-all" data-testid="export-path">{phase.result.path}</span></p>
                {phase.result.path ? <RevealButton path={phase.result.path} /> : null}
              </>
            ) : phase.result.status === 'cancelled' ? (
              <p className="text-ink">{t('export.cancelled')}</p>
            ) : (
              <p className="text-danger">{t('export.failed', { message: phase.result.error?.message ?? '' })}</p>
            )}
          </div>
        ) : null}
        {phase.kind === 'finished' && phase.result.status === 'done' && phase.result.path ? (
          <CheckReportView
            projectId={phase.result.projectId}
            source={{ kind: 'file', path: phase.result.path, ...(phase.result.exportId ? { exportId: phase.result.exportId } : {}) }}
            refreshKey={phase.result.exportId}
            fixes={{
              're-export': () => void start(),
              'export-aspect': (fix) => {
                if (fix.kind !== 'export-aspect') return;
                setAspect(fix.aspect);
                void start(fix.aspect);
              },
              'open-editor': (_fix, item) => {
                // Back to the timeline with the offending item selected (a cut voice line, …) when the check names one.
                const ids = String(item.params.ids ?? '').split(', ').filter(Boolean);
                const s = useEditor.getState();
                const known = ids.find((id) => s.history.present.audio.some((tr) => tr.clips.some((c) => c.id === id)) || s.history.present.overlays.some((tr) => tr.items.some((c) => c.id === id)) || s.history.present.main.clips.some((c) => c.id === id));
                if (known) s.select(known);
                close();
              },
            }}
          />
        ) : null}
      </div>
    </Dialog>
  );
}

/** Opens the OS file manager at the exported file. Its error shows inline: toasts sit under the modal. */
function RevealButton({ path }: { path: string }) {
  const { t } = useTranslation();
  const [error, setError] = useState<AppErrorShape | null>(null);
  const reveal = () => {
    setError(null);
    api.editor.revealExport(path).catch((err: unknown) => setError(toAppError(err)));
  };
  return (
    <>
      <Button className="mt-2" size="sm" icon={FolderOpen} data-testid="export-reveal" onClick={reveal}>
        {t('desktop.reveal.button')}
      </Button>
      {error ? (
        <p role="alert" data-testid="export-reveal-error" className="mt-1.5 text-xs text-danger">
          {t(`errors.${error.code}`)} <span className="text-ink-muted">{error.message}</span>
        </p>
      ) : null}
    </>
  );
}
