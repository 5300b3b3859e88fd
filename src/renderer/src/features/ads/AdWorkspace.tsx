import { AlertTriangle, ArrowLeft, RotateCcw } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { Spinner } from '../../components/Spinner';
import { BriefProgress } from './BriefProgress';
import { ChatPanel } from './ChatPanel';
import { GenerationPanel } from './GenerationPanel';
import { ResultPanel } from './ResultPanel';
import { ReviewPanel } from './ReviewPanel';
import { PicturesPanel } from './PicturesPanel';
import { StatusBadge } from './StatusBadge';
import { useAds } from './store';
import { useRunProgress } from './run-progress';
import { adTitle } from './ad-title';

/** One ad: the chat on the left, the current step of the flow on the right. */
export function AdWorkspace() {
  const { t } = useTranslation();
  const { project, projectStatus, projectError, open, reload } = useAds();
  const progress = useRunProgress(project?.runView ?? null);

  if (!project) {
    return (
      <div className="flex h-full items-center justify-center">
        {projectStatus === 'error' ? (
          <EmptyState
            icon={AlertTriangle}
            title={t('ads.workspace.loadFailed')}
            body={projectError?.message ?? ''}
            action={
              <div className="flex gap-2">
                <Button icon={ArrowLeft} onClick={() => open(null)}>
                  {t('ads.workspace.back')}
                </Button>
                <Button icon={RotateCcw} onClick={() => void reload()}>
                  {t('common.retry')}
                </Button>
              </div>
            }
          />
        ) : (
          <p className="flex items-center gap-3 text-sm text-ink-muted" role="status">
            <Spinner /> {t('ads.workspace.loading')}
          </p>
        )}
      </div>
    );
  }

  const hasRun = project.runView !== null && project.status !== 'review' && project.status !== 'chatting';
  let panel: React.JSX.Element;
  if (project.status === 'ready' && project.results.length) panel = <ResultPanel project={project} />;
  else if (hasRun && project.status !== 'blocked') panel = <GenerationPanel project={project} />;
  // Stopped after the keyframes: the storyboard with its pictures, to approve before any video.
  else if (project.status === 'review' && project.pictures?.awaiting) panel = <PicturesPanel project={project} />;
  else if (project.storyboard) panel = <ReviewPanel project={project} />;
  else panel = <BriefProgress project={project} />;

  return (
    <div className="flex h-full flex-col">
      <header className="flex items-center gap-4 border-b border-line px-6 py-4">
        <Button variant="ghost" size="sm" icon={ArrowLeft} onClick={() => open(null)}>
          {t('ads.workspace.back')}
        </Button>
        <div className="min-w-0">
          <h1 className="truncate text-lg font-semibold tracking-tight" dir="auto" data-testid="ad-title">
            {adTitle(project, t)}
          </h1>
          <p className="truncate text-xs text-ink-muted" dir="auto">
            {t('ads.workspace.for', { brand: project.brandName })}
          </p>
        </div>
        <div className="ml-auto">
          <StatusBadge ad={project} percent={progress?.percent} />
        </div>
      </header>
      <div className="flex min-h-0 flex-1">
        <ChatPanel project={project} />
        <section className="min-w-0 flex-1 overflow-y-auto px-8 pb-6">{panel}</section>
      </div>
    </div>
  );
}
