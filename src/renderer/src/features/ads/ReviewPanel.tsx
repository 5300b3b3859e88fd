import { useEffect, useRef, useState } from 'react';
import { Check, Clapperboard, Plus, Scale, ShieldAlert, Undo2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { AdProjectView, StoryboardSceneInput } from '../../../../shared/domain/ads';
import { Button } from '../../components/Button';
import { Spinner } from '../../components/Spinner';
import { adsApi } from './api';
import { BibleCard } from './BibleCard';
import { CostNoteLine, useCostNote } from './CostNote';
import { SceneCard } from './SceneCard';
import { fitLines, lengthenScene } from '../../../../shared/voice/timing';
import { fitToLength, MIN_SCENE, move } from './sceneMath';
import { useAds } from './store';

type Scene = StoryboardSceneInput;
const strip = (s: NonNullable<AdProjectView['storyboard']>['scenes'][number]): Scene => {
  // The view's own fields (the picture is shown in the chat, not saved with the storyboard).
  const { index: _i, safety: _s, picture: _p, ...rest } = s;
  return rest;
};

/** Creative bible + storyboard review: edits save on their own (and are screened), then approve. */
export function ReviewPanel({ project }: { project: AdProjectView }) {
  const { t } = useTranslation();
  const sb = project.storyboard!;
  const saveStoryboard = useAds((s) => s.saveStoryboard);
  const act = useAds((s) => s.act);
  const approving = useAds((s) => s.busy === 'approve');
  const [scenes, setScenes] = useState<Scene[]>(() => sb.scenes.map(strip));
  const [safety, setSafety] = useState(() => sb.scenes.map((s) => s.safety));
  const [saveState, setSaveState] = useState<'idle' | 'pending' | 'saving' | 'saved'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pending = useRef<Scene[] | null>(null);
  const dragFrom = useRef<number | null>(null);
  const locked = project.status === 'generating';
  // The last deleted scene, until the next edit: "Scene 3 deleted · Undo" (a delete had no way back).
  const [deleted, setDeleted] = useState<{ index: number; title: string; scenes: Scene[]; safety: typeof safety } | null>(null);
  const undoButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (deleted) undoButton.current?.focus();
  }, [deleted]);

  // A storyboard from elsewhere (another window, a new draft) replaces ours when we have no edits.
  useEffect(() => {
    if (!pending.current && saveState !== 'saving') {
      setScenes(sb.scenes.map(strip));
      setSafety(sb.scenes.map((s) => s.safety));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sb.version]);

  const flush = async (): Promise<boolean> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const next = pending.current;
    if (!next) return true;
    pending.current = null;
    if (next.some((s) => !s.title.trim() || !s.description.trim())) {
      setSaveState('idle');
      return false;
    }
    setSaveState('saving');
    const view = await saveStoryboard(next);
    if (view?.storyboard && !pending.current) setSafety(view.storyboard.scenes.map((s) => s.safety));
    setSaveState(view ? 'saved' : 'idle');
    return !!view;
  };

  const update = (next: Scene[]) => {
    setDeleted(null);
    setScenes(next);
    pending.current = next;
    setSaveState('pending');
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), 500);
  };

  const total = scenes.reduce((s, x) => s + x.durationSeconds, 0);
  const fits = fitLines(scenes);
  const diff = total - sb.lengthSeconds;
  const countOk = scenes.length >= sb.minScenes && scenes.length <= sb.maxScenes;
  const blocked = safety.some((s, i) => i < scenes.length && s?.blocked);
  const incomplete = scenes.some((s) => !s.title.trim() || !s.description.trim());
  const cost = useCostNote(sb.lengthSeconds);
  const canApprove = diff === 0 && countOk && !blocked && !incomplete && !locked && saveState !== 'saving' && cost.canGenerate;
  // See the pictures before paying for the video: the default on the paid path (issue 21).
  const [reviewChoice, setReviewChoice] = useState<boolean | null>(null);
  const reviewPictures = reviewChoice ?? cost.kind === 'cost';
  const approve = async (offline?: boolean) => {
    if (await flush()) await act('approve', (id) => adsApi.approve(id, offline, reviewPictures));
  };

  const addScene = () =>
    update([
      ...scenes,
      { title: t('ads.storyboard.newSceneTitle'), description: t('ads.storyboard.newSceneDescription'), voiceover: '', durationSeconds: 3, role: 'exploration', productOverlay: false },
    ]);

  return (
    <div className="mx-auto flex max-w-4xl flex-col gap-6">
      <div className="sticky top-0 z-10 -mx-8 flex flex-wrap items-center gap-3 border-b border-line bg-canvas/95 px-8 py-4 backdrop-blur" data-testid="storyboard-bar">
        <div className="flex flex-col gap-0.5">
          <p className="text-sm font-medium tabular-nums" data-testid="storyboard-total">
            {t('ads.storyboard.total', { total, length: sb.lengthSeconds })}
            {' · '}
            <span className={diff === 0 ? 'text-success' : 'text-warning'}>
              {diff === 0 ? t('ads.storyboard.fits') : diff > 0 ? t('ads.storyboard.tooLong', { count: diff }) : t('ads.storyboard.tooShort', { count: -diff })}
            </span>
          </p>
          <p className={`text-xs ${countOk ? 'text-ink-faint' : 'text-warning'}`}>{t('ads.storyboard.sceneCount', { min: sb.minScenes, max: sb.maxScenes, length: sb.lengthSeconds })}</p>
        </div>
        {diff !== 0 ? (
          <Button size="sm" icon={Scale} onClick={() => update(fitToLength(scenes, sb.lengthSeconds))} disabled={locked}>
            {t('ads.storyboard.fit')}
          </Button>
        ) : null}
        {blocked ? (
          <span className="flex items-center gap-1.5 text-xs text-danger">
            <ShieldAlert aria-hidden className="size-4" /> {t('ads.storyboard.blockedBar')}
          </span>
        ) : null}
        <Button
          variant="primary"
          icon={approving ? undefined : Check}
          className="ml-auto"
          disabled={!canApprove || approving}
          onClick={() => void approve()}
        >
          {approving ? <Spinner className="size-4 text-white" /> : null}
          {approving ? t('ads.storyboard.approving') : t('ads.storyboard.approve')}
        </Button>
        <label className="flex items-center gap-2 text-xs text-ink-muted">
          <input type="checkbox" checked={reviewPictures} disabled={locked || approving} onChange={(e) => setReviewChoice(e.target.checked)} className="size-4 accent-[var(--color-accent)]" data-testid="review-pictures" />
          {t('ads.pictures.askFirst')}
        </label>
        <CostNoteLine note={cost} busy={approving || locked || diff !== 0 || !countOk || blocked || incomplete} onContinueOffline={() => void approve(true)} />
      </div>
      <BibleCard project={project} locked={locked} />
      <section aria-labelledby="storyboard-title">
        <div className="mb-3 flex items-end justify-between gap-4">
          <div>
            <h2 id="storyboard-title" className="flex items-center gap-2 text-[15px] font-semibold tracking-tight">
              <Clapperboard aria-hidden className="size-4 text-accent" /> {t('ads.storyboard.title')}
            </h2>
            <p className="mt-1 max-w-xl text-[13px] text-ink-muted">{t('ads.storyboard.hint')}</p>
          </div>
          <span className="text-xs text-ink-faint" role="status" aria-live="polite">
            {saveState === 'saving' ? t('ads.storyboard.saving') : saveState === 'saved' ? t('ads.storyboard.saved') : ''}
          </span>
        </div>
        <ol className="flex flex-col gap-3" data-testid="storyboard">
          {scenes.map((s, i) => (
            <SceneCard
              key={i}
              scene={s}
              index={i}
              count={scenes.length}
              safety={safety[i]}
              fit={fits[i] ?? null}
              maxSeconds={sb.lengthSeconds - MIN_SCENE * (scenes.length - 1)}
              locked={locked}
              canDelete={scenes.length > sb.minScenes}
              onChange={(patch) => update(scenes.map((x, k) => (k === i ? { ...x, ...patch } : x)))}
              onLengthen={(seconds) => update(lengthenScene(scenes, i, seconds))}
              onMove={(to) => {
                update(move(scenes, i, to));
                setSafety(move(safety, i, to));
              }}
              onDelete={() => {
                update(scenes.filter((_, k) => k !== i));
                setSafety(safety.filter((_, k) => k !== i));
                setDeleted({ index: i + 1, title: s.title, scenes, safety });
              }}
              onDragStart={() => (dragFrom.current = i)}
              onDrop={() => {
                if (dragFrom.current === null) return;
                update(move(scenes, dragFrom.current, i));
                setSafety(move(safety, dragFrom.current, i));
                dragFrom.current = null;
              }}
            />
          ))}
        </ol>
        {deleted ? (
          <div className="mt-3 flex items-center gap-3 rounded-xl border border-line bg-raised px-4 py-2.5 text-[13px]" role="status" data-testid="scene-deleted">
            <span className="min-w-0 flex-1 truncate" dir="auto">
              {t('ads.storyboard.deleted', { index: deleted.index, title: deleted.title })}
            </span>
            <Button
              ref={undoButton}
              size="sm"
              icon={Undo2}
              onClick={() => {
                update(deleted.scenes);
                setSafety(deleted.safety);
              }}
            >
              {t('ads.storyboard.undoDelete')}
            </Button>
          </div>
        ) : null}
        <div className="mt-3">
          <Button icon={Plus} size="sm" onClick={addScene} disabled={locked || scenes.length >= sb.maxScenes}>
            {t('ads.storyboard.add')}
          </Button>
        </div>
      </section>
    </div>
  );
}
