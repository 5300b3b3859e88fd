import { useEffect } from 'react';
import { ExternalLink, RotateCw } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { api, toAppError } from '../../api/client';
import { Button } from '../../components/Button';
import { useToasts } from '../../stores/toasts';
import { timeAgo, usePublish } from './store';

/** The ad's posts: "Posted to X 2 h ago — open", live progress, failures with Resume. */
export function PostHistory({ projectId }: { projectId: string }) {
  const { t, i18n } = useTranslation();
  const posts = usePublish((s) => s.posts[projectId]);
  const progress = usePublish((s) => s.progress);
  const loadPosts = usePublish((s) => s.loadPosts);
  useEffect(() => {
    void loadPosts(projectId);
  }, [projectId, loadPosts]);
  if (!posts?.length) return null;
  return (
    <section className="rounded-2xl border border-line bg-surface p-5" aria-labelledby="posts-title" data-testid="post-history">
      <h3 id="posts-title" className="text-[14px] font-semibold">
        {t('publish.history.title')}
      </h3>
      <ul className="mt-2 flex flex-col gap-1.5 text-[13px]">
        {posts.map((p) => {
          const network = t(`publish.networks.${p.network}`);
          const live = progress[p.id];
          return (
            <li key={p.id} className="flex flex-wrap items-center gap-2" data-testid="post-history-item">
              {p.status === 'posted' ? (
                <>
                  <span>{t('publish.history.posted', { network, when: timeAgo(p.postedAt ?? p.createdAt, i18n.language) })}</span>
                  <span className="text-ink-faint">{t('publish.history.as', { name: p.account.name })}</span>
                  {p.url ? (
                    <a href={p.url} target="_blank" rel="noreferrer" className="inline-flex items-center gap-1 text-accent underline">
                      {t('publish.history.open')} <ExternalLink aria-hidden className="size-3" />
                    </a>
                  ) : null}
                </>
              ) : p.status === 'failed' ? (
                <>
                  <span className="text-danger">{t('publish.history.failed', { network, message: p.error?.message ?? '' })}</span>
                  {p.resumable ? (
                    <Button size="sm" variant="ghost" icon={RotateCw} onClick={() => void api.publish.resume(p.id).catch((e) => useToasts.getState().error(toAppError(e)))}>
                      {t('publish.history.resume')}
                    </Button>
                  ) : null}
                </>
              ) : p.status === 'cancelled' ? (
                <>
                  <span className="text-ink-muted">{t('publish.history.cancelled', { network })}</span>
                  <Button size="sm" variant="ghost" icon={RotateCw} onClick={() => void api.publish.resume(p.id).catch((e) => useToasts.getState().error(toAppError(e)))}>
                    {t('publish.history.resume')}
                  </Button>
                </>
              ) : (
                <span>{t('publish.history.live', { network, status: t(`publish.dialog.status.${p.status}`, { network }), percent: Math.round(live?.percent ?? 0) })}</span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
