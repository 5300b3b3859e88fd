import { AlertTriangle, Check, Circle, ImageIcon, MicOff, RotateCcw, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { AdProjectView, RunStepState, RunView } from '../../../../shared/domain/ads';
import { Button } from '../../components/Button';
import { Spinner } from '../../components/Spinner';
import { adsApi } from './api';
import { useAds } from './store';
import { SceneGates } from './SceneGates';
import { scenesMade, useRunProgress } from './run-progress';

function StateIcon({ state }: { state: RunStepState }) {
  if (state === 'done') return <Check aria-hidden className="size-4 text-success" />;
  if (state === 'running') return <Spinner className="size-4 text-accent" />;
  if (state === 'failed') return <X aria-hidden className="size-4 text-danger" />;
  return <Circle aria-hidden className="size-4 text-ink-faint" />;
}

const headings = {
  queued: 'ads.run.title',
  running: 'ads.run.title',
  succeeded: 'ads.result.title',
  cancelled: 'ads.run.titleCancelled',
  failed: 'ads.run.failed',
  blocked: 'ads.run.blocked',
  awaiting_approval: 'ads.pictures.title',
} as const;

const stateKey = { done: 'stateDone', running: 'stateRunning', pending: 'statePending', failed: 'stateFailed' } as const;

export function formatDuration(seconds: number): string {
  const s = Math.max(1, Math.round(seconds));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/**
 * What the run costs. On the proxy the user pays for the video (a free video, one of the plan's,
 * or credits) — nothing until a video is reserved, then held, charged at the first delivered output,
 * or given back on failure; runs on this computer show the (zero) provider spend so far.
 */
export function CostLine({ charge, costCents, paid }: { charge: RunView['charge']; costCents: number; paid: boolean }) {
  const { t, i18n } = useTranslation();
  const currency = new Intl.NumberFormat(i18n.language, { style: 'currency', currency: 'USD' });
  if (!charge && paid) return <p data-testid="run-charge" data-status="none">{t('ads.run.charge.none')}</p>;
  if (!charge) return <p data-testid="run-cost">{t('ads.run.cost', { cost: currency.format(costCents / 100) })}</p>;
  const what = charge.source === 'credits' ? t('ads.run.charge.credits', { amount: currency.format(charge.costCents / 100) }) : t(`ads.run.charge.${charge.source}`);
  return (
    <p data-testid="run-charge" data-status={charge.status} className="max-w-xs">
      {t(`ads.run.charge.${charge.status}`, { what })}
    </p>
  );
}

/** Why the ad has no voice: the machine has no offline voice (what to install), or the voice failed. */
export function VoiceNotice({ notice }: { notice: NonNullable<RunView['voiceNotice']> }) {
  const { t } = useTranslation();
  return (
    <p className="mt-4 flex items-start gap-2 text-[13px] text-ink-muted" role="status" data-testid="run-voice-notice" data-kind={notice.kind}>
      <MicOff aria-hidden className="mt-0.5 size-4 shrink-0" />
      {notice.kind === 'no-voice' ? t('ads.run.voice.noVoice', { install: t(`ads.run.voice.install.${notice.platform}`) }) : t('ads.run.voice.failed', { detail: notice.detail })}
    </p>
  );
}

/** The run: stage list with states, percent, ETA, cost so far, scene thumbnails, cancel / retry. */
export function GenerationPanel({ project }: { project: AdProjectView }) {
  const { t } = useTranslation();
  const run = project.runView!;
  const progress = useRunProgress(run)!;
  const act = useAds((s) => s.act);
  const busy = useAds((s) => s.busy);
  const active = run.status === 'running' || run.status === 'queued';
  // A stopped run says what it made ("1 of 3 scenes"), not a percent of a plan it did not finish.
  const stopped = run.status === 'cancelled' || run.status === 'failed' || run.status === 'blocked';
  const made = scenesMade(run);
  const { percent, etaSeconds: eta, costCents: cost } = progress;
  const vertical = project.aspect === '9:16';
  const thumbAspect = vertical ? 'aspect-[9/16]' : project.aspect === '1:1' ? 'aspect-square' : 'aspect-video';

  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6 pt-6" data-testid="generation">
      <div>
        <h2 className="text-[15px] font-semibold tracking-tight">{t(headings[run.status])}</h2>
        {active ? <p className="mt-1 text-[13px] text-ink-muted">{t('ads.run.hint')}</p> : null}
      </div>

      <section className="rounded-2xl border border-line bg-surface p-5">
        <div className="flex items-baseline justify-between gap-4">
          {stopped ? (
            <p className="text-xl font-semibold tabular-nums" data-testid="run-scenes-made">
              {t('ads.run.scenesMade', { done: made.done, total: made.total })}
            </p>
          ) : (
            <p className="text-3xl font-semibold tabular-nums" data-testid="run-percent">
              {t('ads.run.percent', { percent })}
            </p>
          )}
          <div className="text-right text-[13px] text-ink-muted">
            {active ? <p data-testid="run-eta">{run.status === 'queued' ? t('ads.run.queued') : eta !== null && eta !== undefined ? t('ads.run.eta', { time: formatDuration(eta) }) : t('ads.run.etaUnknown')}</p> : null}
            <CostLine charge={run.charge} costCents={cost} paid={run.paid} />
          </div>
        </div>
        {stopped ? null : (
          <div className="mt-3 h-2 overflow-hidden rounded-full bg-raised" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-label={t('ads.run.title')}>
            <div className="h-full rounded-full bg-accent transition-[width] duration-500" style={{ width: `${percent}%` }} />
          </div>
        )}

        {run.status === 'failed' || run.status === 'blocked' ? (
          <div className="mt-4 flex items-start gap-2 rounded-xl border border-danger/40 bg-danger-soft p-3 text-[13px]" role="alert" data-testid="run-error">
            <AlertTriangle aria-hidden className="mt-0.5 size-4 shrink-0 text-danger" />
            <div>
              <p className="font-medium text-danger">{run.status === 'blocked' ? t('ads.run.blocked') : t('ads.run.failed')}</p>
              <p className="mt-1 text-ink-muted">{run.error?.message}</p>
            </div>
          </div>
        ) : null}
        {run.voiceNotice ? <VoiceNotice notice={run.voiceNotice} /> : null}
        {run.status === 'cancelled' ? (
          <p className="mt-4 text-[13px] text-ink-muted" role="status" data-testid="run-cancelled">
            {t('ads.run.cancelled', { done: made.done, total: made.total })}
          </p>
        ) : null}

        <div className="mt-4 flex gap-2">
          {active ? (
            <Button icon={X} disabled={busy === 'cancel'} onClick={() => void act('cancel', (id) => adsApi.cancel(id))}>
              {busy === 'cancel' ? t('ads.run.cancelling') : t('ads.run.cancel')}
            </Button>
          ) : null}
          {run.status === 'failed' || run.status === 'cancelled' ? (
            <Button variant="primary" icon={RotateCcw} disabled={busy === 'retry'} onClick={() => void act('retry', (id) => adsApi.retry(id))}>
              {t('ads.run.retry')}
            </Button>
          ) : null}
        </div>
      </section>

      <ol className="grid grid-cols-2 gap-2" aria-label={t('ads.run.title')} data-testid="run-stages">
        {run.stages.map((s) => (
          <li key={s.id} data-state={s.state} className={`flex items-center gap-3 rounded-xl border px-4 py-3 text-[13px] ${s.state === 'running' ? 'border-accent/60 bg-accent-soft' : 'border-line bg-surface'}`}>
            <StateIcon state={s.state} />
            <span className="text-ink">{t(`ads.run.steps.${s.id}` as 'ads.run.steps.bible')}</span>
            <span className="sr-only">{t(`ads.run.${stateKey[s.state]}`)}</span>
            {s.total > 1 ? <span className="ml-auto text-xs text-ink-faint tabular-nums">{t('ads.run.count', { done: s.done, total: s.total })}</span> : null}
          </li>
        ))}
      </ol>

      <section aria-labelledby="scene-thumbs-title">
        <h3 id="scene-thumbs-title" className="mb-2 text-[13px] font-semibold text-ink-muted">
          {t('ads.run.scenesTitle')}
        </h3>
        <ul className={`grid gap-3 ${vertical ? 'grid-cols-6' : 'grid-cols-4'}`} data-testid="scene-thumbnails">
          {run.scenes.map((s) => (
            <li key={s.index} className={`flex items-center justify-center overflow-hidden rounded-xl border border-line bg-raised ${thumbAspect}`}>
              {s.thumbnailUrl ? (
                <img src={s.thumbnailUrl} alt={t('ads.run.sceneThumb', { index: s.index })} className="h-full w-full object-cover" data-testid="scene-thumbnail" />
              ) : (
                <span className="flex flex-col items-center gap-1 text-[11px] text-ink-faint" aria-label={t('ads.run.scenePending', { index: s.index })}>
                  <ImageIcon aria-hidden className="size-4" />
                  {s.index}
                </span>
              )}
            </li>
          ))}
        </ul>
      </section>
      <SceneGates scenes={run.scenes} paid={run.paid} />
    </div>
  );
}
