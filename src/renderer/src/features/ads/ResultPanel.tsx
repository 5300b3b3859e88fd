import { SceneGates } from './SceneGates';
import { GenerateWithAi } from './GenerateWithAi';
import { RevisePanel } from './RevisePanel';
import { useEffect, useRef, useState } from 'react';
import { Download, Film, RefreshCw, Send, Sparkles } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { AdProjectView } from '../../../../shared/domain/ads';
import { ASPECTS, type Aspect } from '../../../../shared/domain/aspect';
import { Button } from '../../components/Button';
import { controlClass } from '../../components/Field';
import { Spinner } from '../../components/Spinner';
import { PlayerBar } from '../../components/PlayerBar';
import { useNavigation } from '../../stores/navigation';
import { adsApi } from './api';
import { useAds } from './store';
import { PostDialog } from '../publish/PostDialog';
import { PostHistory } from '../publish/PostHistory';
import { CheckReportView } from '../quality/CheckReportView';
import { ExportDialog } from '../export/ExportDialog';
import { VariantsSection } from '../variants/VariantsSection';

const frame: Record<Aspect, string> = { '16:9': 'aspect-video w-full', '9:16': 'aspect-[9/16] h-[56vh]', '1:1': 'aspect-square h-[50vh]' };

/** The finished ad: player (media protocol, seekable), formats, export, editor, regenerate one scene. */
export function ResultPanel({ project }: { project: AdProjectView }) {
  const { t } = useTranslation();
  const act = useAds((s) => s.act);
  const busy = useAds((s) => s.busy);
  const openEditor = useNavigation((s) => s.openEditor);
  const preferred = project.results.find((r) => r.aspect === project.aspect) ?? project.results[0]!;
  const [aspect, setAspect] = useState<Aspect>(preferred.aspect);
  const [exporting, setExporting] = useState(false);
  const [posting, setPosting] = useState(false);
  const [scene, setScene] = useState(1);
  const current = project.results.find((r) => r.aspect === aspect) ?? preferred;
  const sceneCount = project.runView?.scenes.length ?? 0;
  const updating = busy === `variant:${current.aspect}`;
  // Edited in the editor since this render: render the current timeline once, on its own, so the
  // player, thumbnail and export show the ad as it is now (issue 19). A failure leaves a retry.
  const tried = useRef(new Set<string>());
  const player = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (current.upToDate || busy !== null || tried.current.has(current.videoUrl)) return;
    tried.current.add(current.videoUrl);
    void act(`variant:${current.aspect}`, (id) => adsApi.variant(id, current.aspect));
  }, [current.upToDate, current.videoUrl, current.aspect, busy, act]);

  return (
    <div className="mx-auto flex max-w-4xl flex-col gap-5 pt-6" data-testid="result">
      <div className="flex items-center justify-between gap-4">
        <h2 className="flex items-center gap-2 text-[15px] font-semibold tracking-tight">
          <Sparkles aria-hidden className="size-4 text-accent" /> {t('ads.result.title')}
        </h2>
        <div className="flex gap-2">
          <Button icon={Film} onClick={() => openEditor(project.id)}>
            {t('ads.result.openEditor')}
          </Button>
          <Button icon={Send} onClick={() => setPosting(true)} data-testid="post-open">
            {t('publish.dialog.openDialog')}
          </Button>
          <Button variant="primary" icon={Download} onClick={() => setExporting(true)}>
            {t('ads.result.export')}
          </Button>
        </div>
      </div>

      {current.upToDate ? null : (
        <div role="status" data-testid="result-stale" className="flex items-center justify-between gap-3 rounded-xl border border-line bg-surface px-4 py-3 text-[13px]">
          <span className="flex items-center gap-2">
            {updating ? <Spinner /> : null}
            {updating ? t('ads.result.updating', { aspect: current.aspect }) : t('ads.result.stale')}
          </span>
          {updating ? null : (
            <Button size="sm" icon={RefreshCw} disabled={busy !== null} onClick={() => void act(`variant:${current.aspect}`, (id) => adsApi.variant(id, current.aspect))}>
              {t('ads.result.update')}
            </Button>
          )}
        </div>
      )}

      <div className="flex justify-center rounded-2xl border border-line bg-black p-3">
        {/* Our controls sit under the picture: the browser's cover the bottom caption (issue 19 #16). */}
        <div className="flex max-w-full flex-col items-center">
          <video ref={player} key={current.videoUrl} src={current.videoUrl} poster={current.thumbnailUrl ?? undefined} preload="metadata" className={`max-w-full rounded-lg bg-black ${frame[current.aspect]}`} aria-label={t('ads.result.player', { aspect: current.aspect })} data-testid="ad-video" />
          <PlayerBar video={player} src={current.videoUrl} label={t('ads.result.player', { aspect: current.aspect })} />
        </div>
      </div>

      <div role="group" aria-label={t('ads.result.variants')} className="flex flex-wrap items-center gap-2">
        <span className="mr-1 text-[13px] text-ink-muted">{t('ads.result.variants')}</span>
        {ASPECTS.map((a) => {
          const have = project.results.some((r) => r.aspect === a);
          if (have) {
            return (
              <Button key={a} size="sm" variant={a === current.aspect ? 'primary' : 'secondary'} aria-pressed={a === current.aspect} onClick={() => setAspect(a)}>
                {t('ads.result.variant', { aspect: a })}
              </Button>
            );
          }
          const making = busy === `variant:${a}`;
          return (
            <Button
              key={a}
              size="sm"
              variant="ghost"
              disabled={busy !== null}
              onClick={async () => {
                if (await act(`variant:${a}`, (id) => adsApi.variant(id, a))) setAspect(a);
              }}
            >
              {making ? <Spinner /> : null}
              {making ? t('ads.result.making', { aspect: a }) : t('ads.result.make', { aspect: a })}
            </Button>
          );
        })}
      </div>

      <CheckReportView
        projectId={project.id}
        source={{ kind: 'result', aspect: current.aspect }}
        refreshKey={current.videoUrl}
        fixes={{
          // Into the editor with the item the check names selected (a cut voice line, a caption in a UI zone…).
          'open-editor': (_fix, item) => openEditor(project.id, String(item.params.ids ?? '').split(', ').filter(Boolean)),
          'export-aspect': (fix) => {
            if (fix.kind !== 'export-aspect') return;
            if (project.results.some((r) => r.aspect === fix.aspect)) setAspect(fix.aspect);
            else void act(`variant:${fix.aspect}`, (id) => adsApi.variant(id, fix.aspect)).then((made) => made && setAspect(fix.aspect));
          },
        }}
      />

      <RevisePanel projectId={project.id} refreshKey={project.updatedAt} />

      <VariantsSection projectId={project.id} aspect={project.aspect ?? current.aspect} />

      <section className="rounded-2xl border border-line bg-surface p-5" aria-labelledby="regen-title">
        <h3 id="regen-title" className="text-[14px] font-semibold">
          {t('ads.result.regenerate')}
        </h3>
        <p className="mt-1 text-[13px] text-ink-muted">{t('ads.result.regenerateHint')}</p>
        <div className="mt-3 flex items-end gap-2">
          <label className="flex flex-col gap-1 text-xs font-medium text-ink-muted">
            {t('ads.result.regenerateScene')}
            <select value={scene} onChange={(e) => setScene(Number(e.target.value))} className={`${controlClass} h-9 w-28 text-ink`}>
              {Array.from({ length: sceneCount }, (_, i) => (
                <option key={i + 1} value={i + 1}>
                  {i + 1}
                </option>
              ))}
            </select>
          </label>
          <Button icon={RefreshCw} disabled={busy !== null || sceneCount === 0} onClick={() => void act('regenerate', (id) => adsApi.regenerateScene(id, scene))}>
            {t('ads.result.regenerateDo')}
          </Button>
        </div>
      </section>
      <GenerateWithAi project={project} />
      {project.runView ? <SceneGates scenes={project.runView.scenes} paid={project.runView.paid} /> : null}
      <PostHistory projectId={project.id} />
      {/* The ad as it is now: the backend exports its current saved timeline (edits included). */}
      <ExportDialog open={exporting} onClose={() => setExporting(false)} projectId={project.id} defaultAspect={current.aspect} onFixInEditor={(ids) => openEditor(project.id, ids)} />
      <PostDialog open={posting} onClose={() => setPosting(false)} projectId={project.id} aspects={project.results.map((r) => r.aspect)} />
    </div>
  );
}
