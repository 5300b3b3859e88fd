/**
 * The one export dialog (issue 19 #12), for the editor and the Ads page alike: formats (several at
 * once), resolution, a file name and a folder with their defaults, the system's folder picker in
 * the desktop app (a path field everywhere, the only way in the browser harness), progress per
 * file, where each file went, and the spec check of what was exported.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Download, FolderOpen, RectangleHorizontal, RectangleVertical, Send, Square, X } from 'lucide-react';
import { Dialog } from '../../components/Dialog';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import type { ExportResolution } from '../../../../shared/domain/editor';
import type { Aspect } from '../../../../shared/domain/aspect';
import type { Events } from '../../../../shared/contract';
import type { AppErrorShape } from '../../../../shared/errors';
import { outputSize, type Timeline } from '../../../../shared/timeline';
import { api, toAppError } from '../../api/client';
import { CheckReportView } from '../quality/CheckReportView';
import { issuesOf } from '../../../../shared/timeline/issues';
import { errorIssuesText } from '../editor/issue-text';
import { useTimeUnit } from '../editor/format';
import { exportFileName, splitChosenPath } from '../../../../shared/export-names';

const FORMATS: Array<{ aspect: Aspect; icon: typeof Square; key: 'landscape' | 'portrait' | 'square' }> = [
  { aspect: '16:9', icon: RectangleHorizontal, key: 'landscape' },
  { aspect: '9:16', icon: RectangleVertical, key: 'portrait' },
  { aspect: '1:1', icon: Square, key: 'square' },
];
const RESOLUTIONS: ExportResolution[] = [720, 1080, 2160];

type Finished = Events['export/finished'];
interface FileJob {
  aspect: Aspect;
  status: 'waiting' | 'running' | Finished['status'];
  exportId: string | null;
  progress: Events['export/progress'] | null;
  path: string | null;
  error: { code: string; message: string; details?: unknown } | null;
}

export interface ExportDialogProps {
  open: boolean;
  onClose(): void;
  projectId: string | null;
  /** The format ticked when the dialog opens (the project's or the one on screen). */
  defaultAspect: Aspect;
  /** The editor hands its document (saved first); without it the ad's saved timeline is exported (the Ads page). */
  document?: () => Promise<Timeline | null>;
  /** "Fix in the editor" on a check item: the ids of the items it names. */
  onFixInEditor(ids: string[]): void;
  /** "Post…" on an exported file hands it to the publishing dialog (issue 24). */
  onPost?(file: { path: string; exportId: string }): void;
}

export function ExportDialog(props: ExportDialogProps) {
  // Each opening starts from the defaults (the format on screen, the project's name, the exports
  // folder): a new body per opening instead of resetting a dozen fields.
  const [wasOpen, setWasOpen] = useState(props.open);
  const [opening, setOpening] = useState(0);
  if (props.open !== wasOpen) {
    setWasOpen(props.open);
    if (props.open) setOpening(opening + 1);
  }
  return <ExportDialogBody key={opening} {...props} />;
}

function ExportDialogBody({ open, onClose, projectId, defaultAspect, document, onFixInEditor, onPost }: ExportDialogProps) {
  const { t } = useTranslation('translation', { keyPrefix: 'editor' });
  const [aspects, setAspects] = useState<Aspect[]>([defaultAspect]);
  const [resolution, setResolution] = useState<ExportResolution>(1080);
  const [name, setName] = useState('');
  const [folder, setFolder] = useState('');
  const [fieldError, setFieldError] = useState<{ field: 'name' | 'folder'; message: string } | null>(null);
  const [canChoose, setCanChoose] = useState(true);
  const [jobs, setJobs] = useState<FileJob[] | null>(null);
  const [checked, setChecked] = useState<Aspect | null>(null);
  const waiters = useRef(new Map<string, (f: Finished) => void>());
  const early = useRef(new Map<string, Finished>());
  const stopped = useRef(false);
  const running = jobs?.some((j) => j.status === 'running' || j.status === 'waiting') ?? false;

  useEffect(() => {
    if (!open || !projectId) return;
    let live = true;
    api.editor
      .exportDefaults(projectId)
      .then((d) => {
        if (!live) return;
        // Defaults fill only what the user has not typed yet: on a loaded machine the answer can
        // come after the first keystrokes, and what was typed wins.
        setName((typed) => typed || d.name);
        setFolder((typed) => typed || d.folder);
      })
      .catch((err: unknown) => live && setFieldError({ field: 'folder', message: toAppError(err).message }));
    return () => {
      live = false;
    };
  }, [open, projectId]);

  useEffect(() => {
    const offP = api.editor.onExportProgress((p) => setJobs((js) => js?.map((j) => (j.exportId === p.exportId && j.status === 'running' ? { ...j, progress: p } : j)) ?? js));
    const offF = api.editor.onExportFinished((f) => {
      const resolve = waiters.current.get(f.exportId);
      if (resolve) resolve(f);
      else early.current.set(f.exportId, f);
    });
    return () => {
      offP();
      offF();
    };
  }, []);

  const finishedOf = (exportId: string) =>
    new Promise<Finished>((resolve) => {
      const seen = early.current.get(exportId);
      if (seen) {
        early.current.delete(exportId);
        resolve(seen);
        return;
      }
      waiters.current.set(exportId, (f) => {
        waiters.current.delete(exportId);
        resolve(f);
      });
    });

  const update = (aspect: Aspect, patch: Partial<FileJob>) => setJobs((js) => js?.map((j) => (j.aspect === aspect ? { ...j, ...patch } : j)) ?? js);

  /** Exports the formats one after another (one FFmpeg export at a time uses every core). */
  const run = async (list: Aspect[]) => {
    if (!projectId || list.length === 0) return;
    if (!name.trim()) return setFieldError({ field: 'name', message: t('export.nameNeeded') });
    if (!folder.trim()) return setFieldError({ field: 'folder', message: t('export.folderNeeded') });
    setFieldError(null);
    stopped.current = false;
    setChecked(null);
    setJobs(list.map((aspect) => ({ aspect, status: 'waiting', exportId: null, progress: null, path: null, error: null })));
    const timeline = document ? await document() : null;
    for (const [i, aspect] of list.entries()) {
      if (stopped.current) {
        update(aspect, { status: 'cancelled' });
        continue;
      }
      update(aspect, { status: 'running' });
      try {
        const job = await api.editor.startExport({ projectId, ...(timeline ? { timeline } : {}), aspect, resolution, folder: folder.trim(), name: name.trim() });
        update(aspect, { exportId: job.exportId });
        const f = await finishedOf(job.exportId);
        update(aspect, { status: f.status, path: f.path, error: f.error });
        if (f.status === 'done') setChecked((c) => c ?? aspect);
      } catch (err) {
        const e = toAppError(err);
        // A folder or name the backend refuses is the form's to fix: back to it, nothing was written.
        if (e.code === 'VALIDATION' && i === 0 && !issuesOf(e.details)) {
          setJobs(null);
          setFieldError({ field: 'folder', message: e.message });
          return;
        }
        update(aspect, { status: 'failed', error: e });
      }
    }
  };

  const cancel = () => {
    stopped.current = true;
    const now = jobs?.find((j) => j.status === 'running');
    if (now?.exportId) void api.editor.cancelExport(now.exportId);
  };

  const choose = async () => {
    setFieldError(null);
    try {
      const r = await api.desktop.chooseSavePath({ defaultPath: joinPath(folder, exportFileName(name, aspects[0] ?? defaultAspect, resolution)), filters: [{ name: t('export.mp4Filter'), extensions: ['mp4'] }] });
      if (!r.path) return;
      const chosen = splitChosenPath(r.path);
      setFolder(chosen.folder);
      setName(chosen.name);
    } catch (err) {
      const e = toAppError(err);
      // Outside the desktop app (the browser harness) there is no system dialog: the path field is the way.
      if (e.code === 'UNSUPPORTED') setCanChoose(false);
      else setFieldError({ field: 'folder', message: e.message });
    }
  };

  const close = () => {
    if (running) return;
    setJobs(null);
    onClose();
  };
  const toggle = (a: Aspect) => setAspects((as) => (as.includes(a) ? as.filter((x) => x !== a) : FORMATS.map((f) => f.aspect).filter((x) => x === a || as.includes(x))));
  const shown = jobs?.find((j) => j.aspect === checked && j.status === 'done' && j.path);
  const done = jobs?.filter((j) => j.status === 'done').length ?? 0;

  return (
    <Dialog
      open={open}
      onClose={close}
      busy={running}
      size="lg"
      title={t('export.title')}
      description={t('export.description')}
      footer={
        running ? (
          <Button variant="danger" icon={X} data-testid="export-cancel" onClick={cancel}>
            {t('export.cancel')}
          </Button>
        ) : jobs ? (
          <>
            <Button variant="ghost" onClick={() => setJobs(null)}>
              {t('export.again')}
            </Button>
            <Button onClick={close}>{t('export.close')}</Button>
          </>
        ) : (
          <Button variant="primary" icon={Download} data-testid="export-start" disabled={aspects.length === 0} onClick={() => void run(aspects)}>
            {aspects.length > 1 ? t('export.startMany', { count: aspects.length }) : t('export.start')}
          </Button>
        )
      }
    >
      {jobs ? (
        <div className="flex flex-col gap-3">
          <p className="text-[13px] text-ink-muted" role="status">
            {running ? t('export.progressCount', { done, total: jobs.length }) : t('export.finishedCount', { done, total: jobs.length })}
          </p>
          <ul className="flex flex-col gap-2">
            {jobs.map((j) => (
              <FileRow key={j.aspect} job={j} resolution={resolution} name={name} checked={checked === j.aspect} many={jobs.length > 1} onCheck={() => setChecked(j.aspect)} onPost={onPost && j.path && j.exportId ? () => {
                    const file = { path: j.path!, exportId: j.exportId! };
                    close();
                    onPost(file);
                  } : undefined} />
            ))}
          </ul>
          {shown?.path && projectId ? (
            <CheckReportView projectId={projectId} source={{ kind: 'file', path: shown.path, ...(shown.exportId ? { exportId: shown.exportId } : {}) }} refreshKey={shown.exportId ?? shown.path} fixes={{
                're-export': () => void run([shown.aspect]),
                'export-aspect': (fix) => {
                  if (fix.kind !== 'export-aspect') return;
                  setAspects([fix.aspect]);
                  void run([fix.aspect]);
                },
                'open-editor': (_fix, item) => {
                  onFixInEditor(String(item.params.ids ?? '').split(', ').filter(Boolean));
                  close();
                },
              }} />
          ) : null}
        </div>
      ) : (
        <div className="flex flex-col gap-5">
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-2 text-[13px] font-medium">{t('export.formats')}</legend>
            <div className="grid grid-cols-3 gap-2">
              {FORMATS.map(({ aspect: a, icon: Icon, key }) => {
                const on = aspects.includes(a);
                return (
                  <label key={a} className={`relative flex cursor-pointer flex-col items-center gap-1.5 rounded-xl border px-3 py-3 text-[13px] has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-accent ${on ? 'border-accent bg-accent-soft text-ink' : 'border-line bg-raised text-ink-muted hover:border-line-strong'}`}>
                    <input type="checkbox" className="absolute inset-0 z-10 cursor-pointer opacity-0" checked={on} onChange={() => toggle(a)} data-autofocus={a === aspects[0] ? true : undefined} />
                    <Icon aria-hidden className="size-5" />
                    <span className="font-medium">{a}</span>
                    <span className="text-[11px] text-ink-muted">{t(`export.${key}`)}</span>
                  </label>
                );
              })}
            </div>
            {aspects.length === 0 ? <p className="text-xs text-danger">{t('export.formatNeeded')}</p> : null}
          </fieldset>
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-2 text-[13px] font-medium">{t('export.resolution')}</legend>
            <div className="grid grid-cols-3 gap-2">
              {RESOLUTIONS.map((r) => {
                const size = outputSize(aspects[0] ?? defaultAspect, false, r);
                return (
                  <button key={r} type="button" aria-pressed={resolution === r} onClick={() => setResolution(r)} className={`flex flex-col items-center gap-0.5 rounded-xl border px-3 py-2.5 text-[13px] ${resolution === r ? 'border-accent bg-accent-soft text-ink' : 'border-line bg-raised text-ink-muted hover:border-line-strong'}`}>
                    <span className="font-medium">{t(`export.r${r}`)}</span>
                    <span className="text-[11px] tabular-nums text-ink-muted">{t('export.size', { width: size.width, height: size.height })}</span>
                  </button>
                );
              })}
            </div>
          </fieldset>
          <TextField label={t('export.name')} value={name} onChange={(e) => {
              setName(e.target.value);
              setFieldError(null);
            }} error={fieldError?.field === 'name' ? fieldError.message : null} spellCheck={false} />
          <div className="flex items-end gap-2">
            <div className="min-w-0 flex-1">
              <TextField label={t('export.folder')} value={folder} onChange={(e) => {
                  setFolder(e.target.value);
                  setFieldError(null);
                }} error={fieldError?.field === 'folder' ? fieldError.message : null} hint={canChoose ? undefined : t('export.folderTyped')} spellCheck={false} />
            </div>
            {canChoose ? (
              <Button icon={FolderOpen} className={fieldError?.field === 'folder' ? 'mb-6 shrink-0' : 'shrink-0'} data-testid="export-choose" onClick={() => void choose()}>
                {t('export.choose')}
              </Button>
            ) : null}
          </div>
          <div className="rounded-xl border border-line bg-canvas px-3 py-2.5 text-[12px]" data-testid="export-files">
            <p className="text-ink-muted">{t('export.willSave', { count: aspects.length })}</p>
            <ul className="mt-1 flex flex-col gap-0.5">
              {aspects.map((a) => (
                <li key={a} className="break-all text-ink">{exportFileName(name, a, resolution)}</li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </Dialog>
  );
}

function joinPath(folder: string, file: string): string {
  const f = folder.trim();
  if (!f) return file;
  const sep = f.includes('\\') && !f.includes('/') ? '\\' : '/';
  return f.endsWith(sep) ? `${f}${file}` : `${f}${sep}${file}`;
}

function FileRow({ job, resolution, name, checked, many, onCheck, onPost }: { job: FileJob; resolution: ExportResolution; name: string; checked: boolean; many: boolean; onCheck(): void; onPost?: () => void }) {
  const { t } = useTranslation('translation', { keyPrefix: 'editor' });
  const { t: tr } = useTranslation();
  const unit = useTimeUnit((u) => u.unit);
  const p = job.progress;
  return (
    <li data-testid="export-result" data-aspect={job.aspect} data-status={job.status} className={`rounded-xl border p-3 text-[13px] ${job.status === 'done' ? 'border-success/40 bg-success-soft' : job.status === 'failed' ? 'border-danger/40 bg-danger-soft' : 'border-line bg-raised'}`}>
      <div className="flex items-baseline justify-between gap-3">
        <span className="min-w-0 break-all font-medium">{job.path ? job.path.split(/[\\/]/u).pop() : exportFileName(name, job.aspect, resolution)}</span>
        <span className={`shrink-0 text-[12px] ${job.status === 'done' ? 'text-success' : job.status === 'failed' ? 'text-danger' : 'text-ink-muted'}`}>{t(`export.status.${job.status}`)}</span>
      </div>
      {job.status === 'running' ? (
        <div data-testid="export-progress" className="mt-2 flex flex-col gap-1.5">
          <div className="flex justify-between text-[12px] text-ink-muted">
            <span>{p?.stage === 'encoding' ? t('export.encoding', { percent: Math.round(p.percent) }) : p?.stage === 'mastering' ? t('export.mastering') : t('export.preparing')}</span>
            {p?.etaS != null ? <span className="tabular-nums">{t('export.eta', { seconds: p.etaS })}</span> : null}
          </div>
          <div role="progressbar" aria-label={t('export.progressOf', { aspect: job.aspect })} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(p?.percent ?? 0)} className="h-2 overflow-hidden rounded-full bg-canvas">
            <div className="h-full rounded-full bg-gradient-to-r from-accent to-[#ff5ca8] transition-[width]" style={{ width: `${p?.percent ?? 0}%` }} />
          </div>
        </div>
      ) : null}
      {job.status === 'done' && job.path ? (
        <>
          <p className="mt-1 flex items-start gap-1.5 text-ink-muted">
            <FolderOpen aria-hidden className="mt-0.5 size-3.5 shrink-0" />
            <span className="min-w-0 break-all" data-testid="export-path">{job.path}</span>
          </p>
          <div className="mt-2 flex flex-wrap gap-2">
            <RevealButton path={job.path} />
            {onPost ? (
              <Button size="sm" icon={Send} data-testid="export-post" onClick={onPost}>
                {tr('publish.dialog.openDialog')}
              </Button>
            ) : null}
            {many ? (
              <Button size="sm" variant={checked ? 'primary' : 'secondary'} aria-pressed={checked} onClick={onCheck}>
                {t('export.showCheck', { aspect: job.aspect })}
              </Button>
            ) : null}
          </div>
        </>
      ) : null}
      {job.status === 'failed' ? <p className="mt-1 text-danger">{t('export.failed', { message: job.error ? (errorIssuesText(t, job.error, unit) ?? job.error.message) : '' })}</p> : null}
    </li>
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
    <div className="flex flex-col">
      <Button size="sm" icon={FolderOpen} data-testid="export-reveal" onClick={reveal}>
        {t('desktop.reveal.button')}
      </Button>
      {error ? (
        <p role="alert" data-testid="export-reveal-error" className="mt-1.5 text-xs text-danger">
          {t(`errors.${error.code}`)} <span className="text-ink-muted">{error.message}</span>
        </p>
      ) : null}
    </div>
  );
}
