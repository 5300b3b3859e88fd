/**
 * Variants of a finished ad (issue 23), under its result: "Make variants" (quote first), the set
 * being made (percent, ETA, stop), and the set view — a card per variant, two side by side in
 * sync, open one in the editor, the lines the offline writer replaced, "Export platform pack".
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Film, Layers, PackageOpen, X } from 'lucide-react';
import type { Aspect } from '../../../../shared/domain/aspect';
import type { VariantJobView, VariantSetsView, VariantView } from '../../../../shared/domain/variants';
import type { Events } from '../../../../shared/contract';
import type { AppErrorShape } from '../../../../shared/errors';
import { Button } from '../../components/Button';
import { controlClass } from '../../components/Field';
import { api, toAppError } from '../../api/client';
import { useNavigation } from '../../stores/navigation';
import { formatDuration } from '../ads/GenerationPanel';
import { MakeVariantsDialog } from './MakeVariantsDialog';
import { PackDialog } from './PackDialog';
import { SideBySide } from './SideBySide';

type Outcome = Events['variants/finished'] | null;

export function VariantsSection({ projectId, aspect }: { projectId: string; aspect: Aspect }) {
  const { t } = useTranslation('translation', { keyPrefix: 'variants' });
  const [view, setView] = useState<VariantSetsView | null>(null);
  const [loadError, setLoadError] = useState<AppErrorShape | null>(null);
  const [job, setJob] = useState<(VariantJobView & { done: number; total: number }) | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [making, setMaking] = useState(false);
  const [setId, setSetId] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const v = await api.variants.list(projectId);
      setView(v);
      setLoadError(null);
      setJob((cur) => (v.job ? (cur?.jobId === v.job.jobId ? cur : { ...v.job, done: 0, total: 0 }) : null));
    } catch (err) {
      setLoadError(toAppError(err));
    }
  }, [projectId]);

  useEffect(() => {
    let live = true;
    api.variants
      .list(projectId)
      .then((v) => {
        if (!live) return;
        setView(v);
        setJob(v.job ? { ...v.job, done: 0, total: 0 } : null);
      })
      .catch((err: unknown) => live && setLoadError(toAppError(err)));
    const offP = api.variants.onProgress((p) => p.projectId === projectId && setJob({ jobId: p.jobId, phase: p.phase, percent: p.percent, etaS: p.etaS, done: p.done, total: p.total }));
    const offF = api.variants.onFinished((f) => {
      if (f.projectId !== projectId) return;
      setJob(null);
      setOutcome(f);
      if (f.setId) setSetId(f.setId);
      void load();
    });
    return () => {
      live = false;
      offP();
      offF();
    };
  }, [projectId, load]);

  if (view?.variantOf) {
    return (
      <section className="rounded-2xl border border-line bg-surface p-5 text-[13px] text-ink-muted" data-testid="variants-of">
        {t('section.isVariant', { name: view.variantOf.name })}
      </section>
    );
  }
  const current = view?.sets.find((s) => s.id === setId) ?? view?.sets[0] ?? null;

  return (
    <section className="flex flex-col gap-4 rounded-2xl border border-line bg-surface p-5" aria-labelledby="variants-title" data-testid="variants">
      <div className="flex items-start justify-between gap-4">
        <div>
          <h3 id="variants-title" className="flex items-center gap-2 text-[14px] font-semibold">
            <Layers aria-hidden className="size-4 text-accent" /> {t('section.title')}
          </h3>
          <p className="mt-1 text-[13px] text-ink-muted">{t('section.hint')}</p>
        </div>
        <Button icon={Layers} disabled={job !== null} onClick={() => setMaking(true)} data-testid="variants-make">
          {t('section.make')}
        </Button>
      </div>
      {loadError ? (
        <p role="alert" className="text-[13px] text-danger">
          {t('section.loadFailed', { message: loadError.message })}
        </p>
      ) : null}
      {job ? <JobProgress job={job} /> : null}
      {!job && outcome && outcome.status !== 'done' ? (
        <p role="status" data-testid="variants-outcome" data-status={outcome.status} className={`text-[13px] ${outcome.status === 'failed' ? 'text-danger' : 'text-ink'}`}>
          {outcome.status === 'cancelled' ? t('progress.cancelled') : t('progress.failed', { message: outcome.error?.message ?? '' })}
        </p>
      ) : null}
      {view && view.sets.length > 1 ? (
        <label className="flex items-center gap-2 text-[13px] text-ink-muted">
          {t('section.setLabel')}
          <select value={current?.id ?? ''} onChange={(e) => setSetId(e.target.value)} className={`${controlClass} h-9 w-auto text-ink`}>
            {view.sets.map((s) => (
              <option key={s.id} value={s.id}>
                {t('section.setOption', { name: s.name, count: s.variants.length, date: new Date(s.createdAt).toLocaleString() })}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {current ? <SetView key={current.id} set={current} /> : view && !job ? <p className="text-[13px] text-ink-faint">{t('section.none')}</p> : null}
      <MakeVariantsDialog open={making} projectId={projectId} defaultAspect={aspect} onClose={() => setMaking(false)} onStarted={(jobId) => {
          setOutcome(null);
          setJob({ jobId, phase: 'writing', percent: 0, etaS: null, done: 0, total: 0 });
        }} />
    </section>
  );
}

function JobProgress({ job }: { job: VariantJobView & { done: number; total: number } }) {
  const { t } = useTranslation('translation', { keyPrefix: 'variants' });
  const label = job.phase === 'writing' ? t('progress.writing') : job.phase === 'voicing' ? t('progress.voicing', { done: job.done, total: job.total }) : t('progress.rendering', { percent: job.percent });
  return (
    <div className="flex flex-col gap-2" data-testid="variants-progress">
      <div className="flex items-center justify-between gap-3 text-[12px] text-ink-muted">
        <span role="status">{label}</span>
        <span className="flex items-center gap-3">
          {job.etaS != null ? <span className="tabular-nums">{t('progress.eta', { time: formatDuration(job.etaS) })}</span> : null}
          <Button size="sm" variant="danger" icon={X} onClick={() => void api.variants.cancel(job.jobId)} data-testid="variants-cancel">
            {t('progress.cancel')}
          </Button>
        </span>
      </div>
      <div role="progressbar" aria-label={t('section.title')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={job.percent} className="h-2 overflow-hidden rounded-full bg-canvas">
        <div className="h-full rounded-full bg-gradient-to-r from-accent to-[#ff5ca8] transition-[width]" style={{ width: `${job.percent}%` }} />
      </div>
    </div>
  );
}

function SetView({ set }: { set: VariantSetsView['sets'][number] }) {
  const { t } = useTranslation('translation', { keyPrefix: 'variants' });
  const openEditor = useNavigation((s) => s.openEditor);
  const playable = set.variants.filter((v) => v.videoUrl);
  const [picked, setPicked] = useState<string[]>(() => playable.slice(0, 2).map((v) => v.id));
  const [packing, setPacking] = useState(false);
  const pick = (id: string) => setPicked((cur) => (cur.includes(id) ? cur.filter((x) => x !== id) : [...cur, id].slice(-2)));
  const pair = picked.map((id) => set.variants.find((v) => v.id === id)).filter((v): v is VariantView => !!v?.videoUrl);

  return (
    <div className="flex flex-col gap-4" data-testid="variant-set" data-set-id={set.id}>
      <div className="flex items-center justify-between gap-3">
        <h4 className="text-[13px] font-medium text-ink-muted">{t('set.cards')}</h4>
        <Button variant="primary" icon={PackageOpen} onClick={() => setPacking(true)} data-testid="pack-open">
          {t('set.pack')}
        </Button>
      </div>
      <p className="text-[12px] text-ink-faint">{t('set.compareHint')}</p>
      <ul className="grid grid-cols-[repeat(auto-fill,minmax(230px,1fr))] gap-3">
        {set.variants.map((v) => (
          <li key={v.id} className="flex flex-col gap-2 rounded-xl border border-line bg-raised p-3" data-testid="variant-card" data-variant-id={v.id}>
            {v.thumbnailUrl ? <img src={v.thumbnailUrl} alt={t('set.thumbnail', { name: v.name })} className="aspect-video w-full rounded-md bg-black object-contain" /> : <div className="flex aspect-video w-full items-center justify-center rounded-md bg-canvas text-[12px] text-ink-faint">{t('set.noRender')}</div>}
            <p className="font-mono text-[12px] break-all" data-testid="variant-name">
              {v.name}
            </p>
            <p className="text-[12px] text-ink-muted" data-testid="variant-length">
              {t('set.length', { seconds: v.lengthSeconds })} · {v.aspect}
            </p>
            <p className="text-[12px]">
              <span className="font-medium">{t('set.hook', { key: v.hook })}</span> <span className="text-ink-muted" dir="auto">“{v.hookLine}”</span>
            </p>
            <p className="text-[12px]">
              <span className="font-medium">{t('set.cta', { key: v.cta })}</span> <span className="text-ink-muted" dir="auto">{v.ctaLine}</span>
            </p>
            <div className="mt-auto flex flex-wrap items-center justify-between gap-2">
              <label className="flex items-center gap-1.5 text-[12px]">
                <input type="checkbox" checked={picked.includes(v.id)} disabled={!v.videoUrl} onChange={() => pick(v.id)} className="size-4 accent-[var(--color-accent)]" aria-label={`${t('set.compare')} ${v.name}`} data-testid="variant-compare" />
                {t('set.compare')}
              </label>
              <Button size="sm" variant="ghost" icon={Film} onClick={() => openEditor(v.projectId)} aria-label={t('set.openEditorName', { name: v.name })}>
                {t('set.openEditor')}
              </Button>
            </div>
          </li>
        ))}
      </ul>
      {pair.length === 2 ? <SideBySide left={pair[0]!} right={pair[1]!} /> : null}
      {set.notes.length ? (
        <section aria-labelledby={`variants-notes-${set.id}`} className="rounded-xl border border-line bg-canvas p-3 text-[12px]" data-testid="variant-notes">
          <h5 id={`variants-notes-${set.id}`} className="mb-1 font-medium">
            {t('set.notes')}
          </h5>
          <ul className="ml-4 list-disc text-ink-muted">
            {set.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <PackDialog open={packing} setId={set.id} setName={set.name} onClose={() => setPacking(false)} />
    </div>
  );
}
