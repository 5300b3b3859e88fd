/**
 * The timeline editor (issue 8): toolbar, preview with transport, inspector, timeline. Opens a
 * generated ad by project id (openInEditor) or a blank project; autosaves every edit.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AlertTriangle, Check, Download, Film, FilePlus2, History, Loader2, Magnet, Redo2, Scissors, Trash2, Type, Undo2, Upload, ZoomIn, ZoomOut } from 'lucide-react';
import type { EditorMedia } from '../../../../shared/domain/editor';
import { caption, productOverlay } from '../../../../shared/timeline';
import { freshId, type EditCommand } from '../../../../shared/timeline/commands';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { Spinner } from '../../components/Spinner';
import { api, toAppError } from '../../api/client';
import { useNavigation } from '../../stores/navigation';
import { useToasts } from '../../stores/toasts';
import { toImportSources } from '../brands/importSources';
import { PostDialog } from '../publish/PostDialog';
import { ExportDialog } from '../export/ExportDialog';
import { VersionsDialog } from './VersionsDialog';
import { Inspector } from './Inspector';
import { handleEditorKey, deleteSelection, splitAtPlayhead } from './keyboard';
import { Preview } from './Preview';
import { Timeline } from './Timeline';
import { rememberedProject, useEditor } from './store';
import { useTimeUnit } from './format';
import { humanReason } from './names';
import { errorIssuesText, issueText } from './issue-text';

/** What an imported file becomes: a main clip, a product overlay or a sound at the playhead. */
function placeImported(m: EditorMedia): EditCommand[] {
  const s = useEditor.getState();
  const doc = s.history.present;
  const fps = doc.fps;
  const entry = { kind: m.kind, sha256: m.sha256!, name: m.name };
  const put: EditCommand = { type: 'putMedia', mediaId: m.mediaId, entry };
  const frames = m.durationS ? Math.max(1, Math.floor(m.durationS * fps + 1e-6)) : 3 * fps;
  if (m.kind === 'audio') {
    return [put, { type: 'insertAudio', role: (m.durationS ?? 0) > 10 ? 'music' : 'sfx', clip: { id: freshId(doc, 'sound'), media: m.mediaId, start: s.playhead, in: 0, out: frames } }];
  }
  if (m.kind === 'image' && doc.main.clips.length > 0 && doc.overlays[0]) {
    return [put, { type: 'insertOverlay', trackId: doc.overlays[0].id, item: productOverlay({ id: freshId(doc, 'image'), media: m.mediaId, start: s.playhead, fps }) }];
  }
  return [put, { type: 'insertMain', index: doc.main.clips.length, clip: { id: freshId(doc, 'clip'), media: m.mediaId, start: 0, in: 0, out: frames, fit: 'cover', gain: m.hasAudio ? 1 : 0, transitionIn: { kind: 'cut', frames: 0 } } }];
}

/** The ad was changed elsewhere while open here (issue 19 #4): say so, and let the creator choose — nothing is overwritten silently. */
function ChangedElsewhere() {
  const { t } = useTranslation('translation', { keyPrefix: 'editor.conflict' });
  const save = useEditor((s) => s.save);
  const projectId = useEditor((s) => s.projectId);
  if (save.state !== 'conflict' || !projectId) return null;
  return (
    <div role="alert" data-testid="changed-elsewhere" className="flex flex-wrap items-center gap-3 border-b border-warning/30 bg-warning/10 px-4 py-2 text-[12px] text-warning">
      <AlertTriangle aria-hidden className="size-3.5 shrink-0" />
      <span className="min-w-0 flex-1">{t('text', { newest: save.newest })}</span>
      <Button size="sm" variant="secondary" onClick={() => void useEditor.getState().open(projectId)}>
        {t('reload')}
      </Button>
      <Button size="sm" variant="ghost" onClick={() => void useEditor.getState().keepMine()}>
        {t('keepMine')}
      </Button>
    </div>
  );
}

function SaveIndicator() {
  const { t } = useTranslation('translation', { keyPrefix: 'editor' });
  const save = useEditor((s) => s.save);
  const unit = useTimeUnit((u) => u.unit);
  // One width for every state, so the toolbar after it never moves (issue 19 #16: it jumped when
  // "All changes saved" became "Saving…"); a long error is cut here and shown whole in its title.
  const box = 'flex w-40 shrink-0 items-center gap-1 overflow-hidden text-[12px] whitespace-nowrap';
  if (save.state === 'conflict') return <span data-testid="save-state" data-state="conflict" className={`${box} text-warning`}><AlertTriangle aria-hidden className="size-3.5 shrink-0" /><span className="truncate">{t('save.conflict')}</span></span>;
  if (save.state === 'error') {
    const message = t('save.error', { message: errorIssuesText(t, save.error, unit) ?? save.error.message });
    return <span data-testid="save-state" data-state="error" title={message} className={`${box} text-danger`}><AlertTriangle aria-hidden className="size-3.5 shrink-0" /><span className="truncate">{message}</span></span>;
  }
  return (
    <span data-testid="save-state" data-state={save.state} className={`${box} text-ink-faint`}>
      {save.state === 'saving' ? <Loader2 aria-hidden className="size-3.5 animate-spin" /> : save.state === 'saved' ? <Check aria-hidden className="size-3.5 text-success" /> : null}
      {t(`save.${save.state}`)}
    </span>
  );
}

function Toolbar({ onExport }: { onExport(): void }) {
  const { t } = useTranslation('translation', { keyPrefix: 'editor' });
  const title = useEditor((s) => s.title);
  const canUndo = useEditor((s) => s.history.past.length > 0);
  const canRedo = useEditor((s) => s.history.future.length > 0);
  const snapping = useEditor((s) => s.snapping);
  const hasClips = useEditor((s) => s.plan !== null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [importing, setImporting] = useState(false);
  const [versions, setVersions] = useState(false);
  const s = useEditor.getState();
  const tool = 'flex size-8 items-center justify-center rounded-lg text-ink-muted hover:bg-overlay hover:text-ink disabled:opacity-40 disabled:pointer-events-none';

  const importFiles = async (files: File[]) => {
    const st = useEditor.getState();
    if (!files.length || !st.projectId) return;
    setImporting(true);
    try {
      const imported = await api.editor.importMedia({ projectId: st.projectId, files: await toImportSources(files) });
      st.addMedia(imported);
      for (const m of imported) useEditor.getState().exec({ type: 'batch', commands: placeImported(m) });
    } catch (err) {
      useToasts.getState().error(toAppError(err));
    } finally {
      setImporting(false);
    }
  };
  const addTitle = () => {
    const doc = s.history.present;
    const track = doc.overlays.find((o) => o.id === 'captions') ?? doc.overlays[doc.overlays.length - 1];
    if (!track) return;
    const id = freshId(doc, 'title');
    const item = { ...caption({ id, text: t('newTitle'), start: s.playhead, durationFrames: 2 * doc.fps, fps: doc.fps }), role: 'title' as const, placement: { anchor: 'center' as const, x: 0, y: 0, w: 900 } };
    if (s.exec({ type: 'insertOverlay', trackId: track.id, item })) s.select(id);
  };

  return (
    <header className="flex h-12 shrink-0 items-center gap-1 border-b border-line bg-surface px-3">
      <Film aria-hidden className="mr-1 size-4 text-accent" />
      <h1 className="mr-3 max-w-64 truncate text-[14px] font-semibold" dir="auto">{title || t('untitled')}</h1>
      <SaveIndicator />
      <div className="mx-3 h-5 w-px bg-line" />
      <button type="button" className={tool} aria-label={t('toolbar.undo')} title={t('toolbar.undo')} disabled={!canUndo} onClick={() => s.undo()}><Undo2 aria-hidden className="size-4" /></button>
      <button type="button" className={tool} aria-label={t('toolbar.redo')} title={t('toolbar.redo')} disabled={!canRedo} onClick={() => s.redo()}><Redo2 aria-hidden className="size-4" /></button>
      <div className="mx-1 h-5 w-px bg-line" />
      <button type="button" className={tool} aria-label={t('toolbar.split')} title={t('toolbar.split')} onClick={splitAtPlayhead}><Scissors aria-hidden className="size-4" /></button>
      <button type="button" className={tool} aria-label={t('toolbar.delete')} title={t('toolbar.delete')} onClick={() => deleteSelection(false)}><Trash2 aria-hidden className="size-4" /></button>
      <button type="button" aria-pressed={snapping} className={`${tool} ${snapping ? 'text-accent' : ''}`} aria-label={t('toolbar.snapping')} title={t('toolbar.snapping')} onClick={() => s.toggleSnapping()}><Magnet aria-hidden className="size-4" /></button>
      <button type="button" className={tool} aria-label={t('toolbar.zoomOut')} title={t('toolbar.zoomOut')} onClick={() => s.zoom(0.8)}><ZoomOut aria-hidden className="size-4" /></button>
      <button type="button" className={tool} aria-label={t('toolbar.zoomIn')} title={t('toolbar.zoomIn')} onClick={() => s.zoom(1.25)}><ZoomIn aria-hidden className="size-4" /></button>
      <div className="mx-1 h-5 w-px bg-line" />
      <AspectSwitch />
      <div className="ml-auto flex items-center gap-2">
        <button type="button" className={tool} aria-label={t('toolbar.versions')} title={t('toolbar.versions')} data-testid="open-versions" onClick={() => setVersions(true)}><History aria-hidden className="size-4" /></button>
        <button type="button" className={tool} aria-label={t('toolbar.newProject')} title={t('toolbar.newProject')} onClick={() => void useEditor.getState().open()}><FilePlus2 aria-hidden className="size-4" /></button>
        <Button size="sm" icon={Type} onClick={addTitle}>{t('toolbar.addTitle')}</Button>
        <Button size="sm" icon={importing ? undefined : Upload} disabled={importing} onClick={() => fileInput.current?.click()} data-testid="import-media">
          {importing ? <Spinner /> : null}
          {t('toolbar.import')}
        </Button>
        <input ref={fileInput} type="file" multiple hidden data-testid="import-input" accept="video/*,image/*,audio/*" onChange={(e) => { const f = [...(e.target.files ?? [])]; e.target.value = ''; void importFiles(f); }} />
        <Button size="sm" variant="primary" icon={Download} disabled={!hasClips} onClick={onExport} data-testid="open-export">{t('toolbar.export')}</Button>
      </div>
      {versions ? <VersionsDialog open onClose={() => setVersions(false)} /> : null}
    </header>
  );
}

/** The project's aspect: the preview reframes at once (anchored overlays keep their corners). */
function AspectSwitch() {
  const { t } = useTranslation('translation', { keyPrefix: 'editor' });
  const preset = useEditor((s) => s.history.present.output.preset);
  return (
    <div role="radiogroup" aria-label={t('toolbar.aspect')} className="flex rounded-lg bg-canvas p-0.5">
      {(['16:9', '9:16', '1:1'] as const).map((p) => (
        <button key={p} type="button" role="radio" aria-checked={preset === p} onClick={() => useEditor.getState().exec({ type: 'setPreset', preset: p })} className={`rounded-md px-2 py-1 text-[11px] font-medium tabular-nums ${preset === p ? 'bg-raised text-ink shadow' : 'text-ink-faint hover:text-ink'}`}>
          {p}
        </button>
      ))}
    </div>
  );
}

function StatusBar() {
  const { t } = useTranslation('translation', { keyPrefix: 'editor' });
  const notice = useEditor((s) => s.notice);
  const doc = useEditor((s) => s.history.present);
  const media = useEditor((s) => s.media);
  const unit = useTimeUnit((u) => u.unit);
  const names = Object.fromEntries(Object.entries(media).map(([id, m]) => [id, m.name]));
  return (
    <footer className="flex h-7 shrink-0 items-center gap-3 border-t border-line bg-surface px-3 text-[11px]">
      {notice ? (
        <span role="status" data-testid="edit-notice" className="flex min-w-0 items-center gap-1.5 text-warning"><AlertTriangle aria-hidden className="size-3.5 shrink-0" /><span className="truncate">{t('refused', { reason: notice.issue ? issueText(t, notice.issue, unit, names) : humanReason(t, notice.text, doc, unit, names) })}</span></span>
      ) : (
        <span className="truncate text-ink-faint">{t('shortcuts')}</span>
      )}
    </footer>
  );
}

/** Selects the first of these item ids the timeline has (a check's or the Ads page's "fix in the editor"). */
function selectFirstKnown(ids: string[]): void {
  const s = useEditor.getState();
  const tl = s.history.present;
  const known = ids.find((id) => tl.overlays.some((tr) => tr.items.some((c) => c.id === id)) || tl.audio.some((tr) => tr.clips.some((c) => c.id === id)) || tl.main.clips.some((c) => c.id === id));
  if (known) s.select(known);
}

export function EditorScreen() {
  const { t } = useTranslation('translation', { keyPrefix: 'editor' });
  const status = useEditor((s) => s.status);
  const loadError = useEditor((s) => s.loadError);
  const unit = useTimeUnit((u) => u.unit);
  const recovered = useEditor((s) => s.recovered);
  const [exporting, setExporting] = useState(false);
  // The export being posted stays mounted after the dialog closes: reopening shows a running post.
  const [postFile, setPostFile] = useState<{ path: string; exportId: string } | null>(null);
  const [posting, setPosting] = useState(false);
  const projectId = useEditor((s) => s.projectId);
  const preset = useEditor((s) => s.history.present.output.preset);
  const exportAspect = preset === '4k' ? '16:9' : preset;

  // "Open in the editor" from Ads sets the project in navigation; otherwise the last project
  // reopens (after a quit or a crash).
  const requested = useNavigation((s) => s.editorProjectId);
  useEffect(() => {
    const st = useEditor.getState();
    if (requested) {
      // Consumed: coming back to the Editor later shows whatever is open then.
      const wanted = useNavigation.getState().editorSelect;
      useNavigation.setState({ editorProjectId: null, editorSelect: [] });
      const selectWanted = () => selectFirstKnown(wanted);
      if (requested !== st.projectId) void st.open(requested).then(selectWanted);
      else selectWanted();
    } else if (!requested && st.status === 'empty') {
      const last = rememberedProject();
      if (last) void st.open(last);
    }
  }, [requested]);

  useEffect(() => {
    window.addEventListener('keydown', handleEditorKey);
    const flush = () => void useEditor.getState().flushSave();
    window.addEventListener('beforeunload', flush);
    return () => {
      window.removeEventListener('keydown', handleEditorKey);
      window.removeEventListener('beforeunload', flush);
      flush();
      useEditor.getState().setPlaying(false);
    };
  }, []);

  if (status === 'empty' || status === 'error') {
    return (
      <div className="flex min-h-full items-center justify-center">
        <EmptyState
          icon={Film}
          title={status === 'error' ? t('loadFailed') : t('empty.title')}
          body={status === 'error' ? (loadError ? (errorIssuesText(t, loadError, unit) ?? loadError.message) : '') : t('empty.body')}
          action={<Button variant="primary" icon={FilePlus2} data-testid="new-blank" onClick={() => void useEditor.getState().open()}>{t('empty.blank')}</Button>}
        />
      </div>
    );
  }
  if (status === 'loading') {
    return (
      <div className="flex min-h-full items-center justify-center gap-2 text-sm text-ink-muted">
        <Spinner />
        {t('loading')}
      </div>
    );
  }
  return (
    <div data-testid="editor" className="flex h-full flex-col">
      <Toolbar onExport={() => setExporting(true)} />
      <ChangedElsewhere />
      {recovered ? (
        <div role="alert" data-testid="recovered" className="flex items-start gap-2 border-b border-warning/30 bg-warning/10 px-4 py-2 text-[12px] text-warning">
          <AlertTriangle aria-hidden className="mt-0.5 size-3.5 shrink-0" />
          <span>{t('recovered', { version: recovered.badVersion, reason: recovered.reason })}</span>
        </div>
      ) : null}
      {/* The timeline takes the height its tracks need (at most 55 %), the preview the rest: every
          track shows and nothing scrolls sideways at 1280×720 (issue 19 #15). */}
      <div className="flex min-h-40 flex-1">
        <Preview />
        <Inspector />
      </div>
      <div className="flex max-h-[55%] min-h-0 shrink-0 flex-col" data-testid="timeline-area">
        <Timeline />
      </div>
      <StatusBar />
      <ExportDialog
        open={exporting}
        onClose={() => setExporting(false)}
        projectId={projectId}
        defaultAspect={exportAspect}
        document={async () => {
          const s = useEditor.getState();
          await s.flushSave();
          return s.history.present;
        }}
        onFixInEditor={selectFirstKnown}
        onPost={(file) => {
          setPostFile(file);
          setPosting(true);
        }}
      />
      {postFile && projectId ? <PostDialog key={postFile.exportId} open={posting} onClose={() => setPosting(false)} projectId={projectId} aspects={null} file={postFile} /> : null}
    </div>
  );
}
