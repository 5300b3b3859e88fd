import { Check, Circle, CircleDot } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { CHAT_STAGES, type AdProjectView } from '../../../../shared/domain/ads';
import { Spinner } from '../../components/Spinner';

type StageState = 'done' | 'current' | 'pending';
const order: StageState[] = ['done', 'current', 'pending'];
const stateAt = (i: number, current: number): StageState => order[Math.sign(i - current) + 1]!;

/** While the chat runs: the stages in order, which are done and which comes next. */
export function BriefProgress({ project }: { project: AdProjectView }) {
  const { t } = useTranslation();
  const current = CHAT_STAGES.indexOf(project.stage);
  return (
    <div className="mx-auto max-w-xl pt-6">
      <h2 className="text-[15px] font-semibold tracking-tight">{t('ads.stages.title')}</h2>
      <p className="mt-1 text-[13px] text-ink-muted">{t('ads.stages.hint')}</p>
      <ol className="mt-5 flex flex-col gap-2" data-testid="brief-stages">
        {CHAT_STAGES.map((stage, i) => {
          const state = stateAt(i, current);
          const Icon = state === 'done' ? Check : state === 'current' ? CircleDot : Circle;
          return (
            <li
              key={stage}
              aria-current={state === 'current' ? 'step' : undefined}
              className={`flex items-center gap-3 rounded-xl border px-4 py-3 text-sm ${state === 'current' ? 'border-accent bg-accent-soft' : 'border-line bg-surface'}`}
            >
              <Icon aria-hidden className={`size-4 ${state === 'done' ? 'text-success' : state === 'current' ? 'text-accent' : 'text-ink-faint'}`} />
              <span className={state === 'pending' ? 'text-ink-muted' : 'text-ink'}>{t(`ads.stages.${stage}`)}</span>
              <span className="ml-auto text-xs text-ink-faint">{t(`ads.stages.${state}`)}</span>
            </li>
          );
        })}
      </ol>
      {project.drafting ? (
        <p className="mt-6 flex items-center gap-3 text-sm text-ink-muted" role="status">
          <Spinner /> {t('ads.chat.drafting')}
        </p>
      ) : null}
    </div>
  );
}
