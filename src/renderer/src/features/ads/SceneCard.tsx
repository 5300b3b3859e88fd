import { ArrowDown, ArrowUp, Clock, GripVertical, ShieldAlert, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { SceneRoleName, type SceneSafety, type StoryboardSceneInput } from '../../../../shared/domain/ads';
import { Button, IconButton } from '../../components/Button';
import { controlClass } from '../../components/Field';
import type { LineFit } from '../../../../shared/voice/timing';

interface Props {
  scene: StoryboardSceneInput;
  index: number;
  count: number;
  safety: SceneSafety | undefined;
  /** How long the voice line takes to say and whether the scene gives it that long. */
  fit: LineFit | null;
  /** The longest this scene can be with every other scene at its minimum (the ad's length holds). */
  maxSeconds: number;
  locked: boolean;
  canDelete: boolean;
  onChange(patch: Partial<StoryboardSceneInput>): void;
  /** Makes the scene this many seconds long (time taken from scenes with room to spare). */
  onLengthen(seconds: number): void;
  onMove(to: number): void;
  onDelete(): void;
  onDragStart(): void;
  onDrop(): void;
}

export function SceneCard({ scene, index, count, safety, fit, maxSeconds, locked, canDelete, onChange, onLengthen, onMove, onDelete, onDragStart, onDrop }: Props) {
  const { t } = useTranslation();
  const n = index + 1;
  const missing = !scene.title.trim() || !scene.description.trim();
  return (
    <li
      data-testid="scene-card"
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        onDrop();
      }}
      className={`rounded-2xl border bg-surface p-4 ${safety?.blocked ? 'border-danger/60' : 'border-line'}`}
    >
      <div className="mb-3 flex items-center gap-2">
        <span
          draggable={!locked}
          onDragStart={(e) => {
            e.dataTransfer.effectAllowed = 'move';
            onDragStart();
          }}
          role="img"
          aria-label={t('ads.storyboard.drag', { index: n })}
          title={t('ads.storyboard.drag', { index: n })}
          className="cursor-grab text-ink-faint hover:text-ink-muted"
        >
          <GripVertical aria-hidden className="size-4" />
        </span>
        <h3 className="text-[13px] font-semibold text-ink-muted">{t('ads.storyboard.scene', { index: n })}</h3>
        <div className="ml-auto flex items-center gap-0.5">
          <IconButton icon={ArrowUp} label={t('ads.storyboard.moveUp', { index: n })} disabled={locked || index === 0} onClick={() => onMove(index - 1)} className="disabled:opacity-30" />
          <IconButton icon={ArrowDown} label={t('ads.storyboard.moveDown', { index: n })} disabled={locked || index === count - 1} onClick={() => onMove(index + 1)} className="disabled:opacity-30" />
          <IconButton icon={Trash2} tone="danger" label={t('ads.storyboard.delete', { index: n })} disabled={locked || !canDelete} onClick={onDelete} className="disabled:opacity-30" />
        </div>
      </div>
      <fieldset disabled={locked} className="grid grid-cols-[1fr_8rem_9rem] gap-3">
        <label className="col-span-1 flex flex-col gap-1 text-xs font-medium text-ink-muted">
          {t('ads.storyboard.sceneTitle')}
          <input value={scene.title} maxLength={120} onChange={(e) => onChange({ title: e.target.value })} className={`${controlClass} h-9 text-ink`} aria-invalid={!scene.title.trim() || undefined} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-ink-muted">
          {t('ads.storyboard.duration')}
          <input type="number" min={2} max={20} value={scene.durationSeconds} onChange={(e) => onChange({ durationSeconds: Math.max(2, Math.min(20, Math.round(Number(e.target.value) || 2))) })} className={`${controlClass} h-9 text-ink tabular-nums`} />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-ink-muted">
          {t('ads.storyboard.role')}
          <select value={scene.role} onChange={(e) => onChange({ role: SceneRoleName.parse(e.target.value) })} className={`${controlClass} h-9 text-ink`}>
            {SceneRoleName.options.map((r) => (
              <option key={r} value={r}>
                {t(`ads.storyboard.roles.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="col-span-3 flex flex-col gap-1 text-xs font-medium text-ink-muted">
          {t('ads.storyboard.description')}
          <textarea value={scene.description} maxLength={1200} rows={2} onChange={(e) => onChange({ description: e.target.value })} className={`${controlClass} resize-y py-2 text-ink`} aria-invalid={!scene.description.trim() || undefined} />
        </label>
        <label className="col-span-3 flex flex-col gap-1 text-xs font-medium text-ink-muted">
          {t('ads.storyboard.voiceover')}
          <input value={scene.voiceover} maxLength={400} onChange={(e) => onChange({ voiceover: e.target.value })} className={`${controlClass} h-9 text-ink`} aria-invalid={fit && !fit.fits ? true : undefined} aria-describedby={fit ? `voice-fit-${n}` : undefined} />
          {fit?.fits ? (
            <span id={`voice-fit-${n}`} data-testid="voice-fit" data-fits="true" className="font-normal tabular-nums text-ink-muted">
              {t('ads.storyboard.voiceFits', { seconds: fit.seconds, window: fit.windowSeconds })}
            </span>
          ) : null}
        </label>
        <label className="col-span-3 flex w-fit items-center gap-2 text-xs text-ink-muted">
          <input type="checkbox" checked={scene.productOverlay} onChange={(e) => onChange({ productOverlay: e.target.checked })} className="size-4 accent-[var(--color-accent)]" />
          {t('ads.storyboard.overlay')}
        </label>
      </fieldset>
      {fit && !fit.fits ? (
        <div id={`voice-fit-${n}`} className="mt-3 rounded-xl border border-warning/50 bg-warning/10 p-3" role="alert" data-testid="voice-fit" data-fits="false">
          <p className="flex items-center gap-2 text-[13px] font-medium text-ink">
            <Clock aria-hidden className="size-4 text-warning" />
            {t('ads.storyboard.voiceTooLong', { seconds: fit.seconds, window: fit.windowSeconds })}
          </p>
          <div className="mt-2 flex flex-wrap gap-2">
            {fit.shorter ? (
              <Button size="sm" disabled={locked} onClick={() => onChange({ voiceover: fit.shorter! })} title={fit.shorter}>
                {t('ads.storyboard.voiceShorten')}
              </Button>
            ) : null}
            {fit.sceneSecondsNeeded > scene.durationSeconds && fit.sceneSecondsNeeded <= maxSeconds ? (
              <Button size="sm" disabled={locked} onClick={() => onLengthen(fit.sceneSecondsNeeded)}>
                {t('ads.storyboard.voiceLengthen', { seconds: fit.sceneSecondsNeeded })}
              </Button>
            ) : null}
          </div>
          {fit.shorter ? <p className="mt-2 text-xs text-ink-muted" dir="auto">{t('ads.storyboard.voiceShorter', { line: fit.shorter })}</p> : null}
        </div>
      ) : null}
      {missing ? (
        <p className="mt-2 text-xs text-danger" role="alert">
          {t('ads.storyboard.required')}
        </p>
      ) : null}
      {safety?.blocked ? (
        <div className="mt-3 rounded-xl border border-danger/40 bg-danger-soft p-3" role="alert" data-testid="scene-safety">
          <p className="flex items-center gap-2 text-[13px] font-medium text-danger">
            <ShieldAlert aria-hidden className="size-4" />
            {t('ads.storyboard.blockedTitle', { categories: safety.categories.map((c) => c.replace(/_/gu, ' ')).join(', ') })}
          </p>
          {safety.alternative ? (
            <>
              <p className="mt-2 text-xs text-ink-muted">{t('ads.storyboard.alternative')}</p>
              <p className="mt-1 text-[13px] text-ink" dir="auto" data-testid="scene-alternative">
                {safety.alternative.description}
              </p>
              <Button size="sm" variant="primary" className="mt-2" disabled={locked} onClick={() => onChange(safety.alternative!)}>
                {t('ads.storyboard.useAlternative')}
              </Button>
            </>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
