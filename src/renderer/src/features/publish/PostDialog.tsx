import { useEffect, useMemo, useState } from 'react';
import { ExternalLink, Link2, Send, X as XIcon } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { Aspect } from '../../../../shared/domain/aspect';
import type { PostCheck, PostSource, PostView } from '../../../../shared/domain/publish';
import { composeCaption, countCaption } from '../../../../shared/publish/caption';
import { preferredAspect, SOCIAL_NETWORKS, type SocialNetwork } from '../../../../shared/publish/platform-limits';
import type { AppErrorShape } from '../../../../shared/errors';
import { api, toAppError } from '../../api/client';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { TextArea, TextField } from '../../components/Field';
import { Spinner } from '../../components/Spinner';
import { AccountAvatar } from './ConnectionsSection';
import { formatDuration, usePublish } from './store';

interface Props {
  open: boolean;
  onClose(): void;
  projectId: string;
  /** The aspects this ad has (result screen); null for a single editor export file. */
  aspects: Aspect[] | null;
  file?: { path: string; exportId?: string };
  defaultCaption?: string;
}

/** "Post…": network, caption with the network's own count, hashtags, link, the aspect, the spec check, then progress and the link. */
export function PostDialog({ open, onClose, projectId, aspects, file, defaultCaption = '' }: Props) {
  const { t } = useTranslation();
  const { connections, flows, progress, load, connect } = usePublish();
  const [network, setNetwork] = useState<SocialNetwork>('x');
  const [text, setText] = useState(defaultCaption);
  const [hashtags, setHashtags] = useState('');
  const [link, setLink] = useState('');
  const [aspect, setAspect] = useState<Aspect | null>(aspects ? preferredAspect('x', aspects) : null);
  const [check, setCheck] = useState<PostCheck | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [post, setPost] = useState<PostView | null>(null);
  const [again, setAgain] = useState(false);
  // One idempotency key per attempt: a double click (or a retried request) is the same post.
  const [attempt, setAttempt] = useState(() => crypto.randomUUID());

  useEffect(() => {
    if (open) void load();
  }, [open, load]);
  useEffect(() => {
    if (!post) return;
    return api.publish.onPostChanged((p) => {
      if (p.id === post.id) setPost(p);
    });
  }, [post]);

  const conn = connections?.find((c) => c.network === network) ?? null;
  const caption = composeCaption({ text, hashtags: hashtags.split(/[\s,]+/u).filter(Boolean), link });
  const count = countCaption(network, caption);
  const source: PostSource | null = useMemo(() => (file ? { kind: 'file', path: file.path, ...(file.exportId ? { exportId: file.exportId } : {}) } : aspect ? { kind: 'result', aspect } : null), [file, aspect]);

  // The spec check (debounced): what would be refused, what Zapcut fixes by re-encoding.
  useEffect(() => {
    if (!open || !source || post) return;
    let live = true;
    const timer = setTimeout(() => {
      setChecking(true);
      api.publish
        .check({ projectId, network, source, caption })
        .then((c) => live && (setCheck(c), setError(null)))
        .catch((err) => live && setError(toAppError(err)))
        .finally(() => live && setChecking(false));
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [open, projectId, network, source, caption, post]);

  const busy = post !== null && !['posted', 'failed', 'cancelled'].includes(post.status);
  const live = post ? progress[post.id] : undefined;
  const name = t(`publish.networks.${network}`);
  const connected = conn?.state === 'connected';
  const needsAgain = Boolean(check?.alreadyPosted) && !again;
  const canPost = connected && !busy && !count.over && Boolean(check?.ok) && !needsAgain && text.trim().length > 0;

  async function submit() {
    if (!source) return;
    setError(null);
    try {
      setPost(await api.publish.start({ projectId, network, source, caption, idempotencyKey: attempt, ...(again ? { again: true } : {}) }));
    } catch (err) {
      setError(toAppError(err));
    }
  }

  function close() {
    onClose();
    if (!busy) {
      setPost(null);
      setAttempt(crypto.randomUUID());
    }
  }

  const percent = post?.status === 'posted' ? 100 : (live?.percent ?? 0);
  return (
    <Dialog
      open={open}
      onClose={close}
      size="lg"
      title={t('publish.dialog.title')}
      footer={
        post ? (
          <>
            {busy ? (
              <Button variant="ghost" icon={XIcon} onClick={() => void api.publish.cancel(post.id)}>
                {t('publish.dialog.cancelPost')}
              </Button>
            ) : null}
            {post.status === 'failed' && post.resumable ? <Button onClick={() => void api.publish.resume(post.id).then(setPost, (e) => setError(toAppError(e)))}>{t('publish.dialog.resume')}</Button> : null}
            <Button variant={post.status === 'posted' ? 'primary' : 'secondary'} onClick={close}>
              {t('publish.dialog.close')}
            </Button>
          </>
        ) : (
          <>
            <Button variant="ghost" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button variant="primary" icon={Send} disabled={!canPost} onClick={() => void submit()} data-testid="post-submit">
              {t('publish.dialog.post', { network: name })}
            </Button>
          </>
        )
      }
    >
      {post ? (
        <div className="flex flex-col gap-3" data-testid="post-progress" aria-live="polite">
          <p className="text-sm font-medium">{t(`publish.dialog.status.${post.status}`, { network: name })}</p>
          <div className="h-2 overflow-hidden rounded-full bg-raised" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(percent)}>
            <div className={`h-full rounded-full transition-[width] ${post.status === 'failed' ? 'bg-danger' : 'bg-accent'}`} style={{ width: `${percent}%` }} />
          </div>
          <p className="text-[13px] text-ink-muted" data-testid="post-percent">
            {Math.round(percent)}%{live?.etaSeconds != null && busy ? ` · ${t('publish.dialog.eta', { time: formatDuration(live.etaSeconds) })}` : ''}
          </p>
          {live?.waitingUntil && busy ? <p className="text-[13px] text-warning">{t('publish.dialog.rateLimited', { network: name, time: new Date(live.waitingUntil).toLocaleTimeString() })}</p> : null}
          {post.status === 'posted' && post.url ? (
            <a href={post.url} target="_blank" rel="noreferrer" className="inline-flex items-center gap-1.5 text-sm font-medium text-accent underline" data-testid="post-link">
              <ExternalLink aria-hidden className="size-4" /> {t('publish.dialog.open')}
            </a>
          ) : null}
          {post.error ? (
            <p role="alert" className="rounded-lg bg-danger-soft px-3 py-2 text-[13px]">
              {post.error.message}
            </p>
          ) : null}
        </div>
      ) : (
        <div className="flex flex-col gap-4">
          <div role="tablist" aria-label={t('publish.dialog.network')} className="flex gap-2">
            {SOCIAL_NETWORKS.map((n) => (
              <Button key={n} size="sm" role="tab" aria-selected={n === network} variant={n === network ? 'primary' : 'secondary'} onClick={() => {
                  setNetwork(n);
                  if (aspects) setAspect(preferredAspect(n, aspects));
                }} data-testid={`post-network-${n}`}>
                {t(`publish.networks.${n}`)}
              </Button>
            ))}
          </div>
          {conn && connected ? (
            <div className="flex items-center gap-2 text-[13px] text-ink-muted">
              <AccountAvatar c={conn} size={24} /> {t('publish.dialog.as', { name: [conn.account?.name, conn.account?.handle].filter(Boolean).join(' · ') })}
            </div>
          ) : (
            <div className="flex items-center gap-3 rounded-lg border border-line bg-raised px-3 py-2 text-[13px]">
              <span className="flex-1">
                {conn?.state === 'needs_reconnect' ? t('publish.connections.needsReconnect', { network: name }) : t('publish.dialog.notConnected', { network: name })}
                {conn && !conn.available && conn.problem ? <span className="block text-ink-faint" data-testid="post-unavailable">{conn.problem}</span> : null}
              </span>
              {flows[network] ? <Spinner /> : null}
              <Button size="sm" icon={Link2} disabled={!conn?.available || Boolean(flows[network])} onClick={() => void connect(network)}>
                {t('publish.dialog.connectHere', { network: name })}
              </Button>
            </div>
          )}
          {flows[network] ? (
            <a href={flows[network]!.authorizeUrl} target="_blank" rel="noreferrer" className="text-[13px] text-accent underline" data-testid={`connect-link-${network}`}>
              {t('publish.connections.openLink')}
            </a>
          ) : null}
          <div>
            <TextArea label={t('publish.dialog.caption')} placeholder={t('publish.dialog.captionPlaceholder')} value={text} onChange={(e) => setText(e.target.value)} rows={4} data-testid="post-caption" />
            <p className={`mt-1 text-right text-xs ${count.over ? 'font-medium text-danger' : 'text-ink-faint'}`} data-testid="post-count">
              {t('publish.dialog.count', { count: count.count, max: count.max })}
              {count.over ? ` · ${t('publish.dialog.countOver', { over: count.count - count.max, network: name })}` : ''}
            </p>
          </div>
          <div className="grid grid-cols-2 gap-3">
            <TextField label={t('publish.dialog.hashtags')} hint={t('publish.dialog.hashtagsHint')} value={hashtags} onChange={(e) => setHashtags(e.target.value)} data-testid="post-hashtags" />
            <TextField label={t('publish.dialog.link')} hint={t('publish.dialog.linkHint')} value={link} onChange={(e) => setLink(e.target.value)} type="url" data-testid="post-link-input" />
          </div>
          {aspects ? (
            <div className="flex flex-col gap-1.5">
              <span className="text-[13px] font-medium">{t('publish.dialog.aspect')}</span>
              <div className="flex gap-2">
                {aspects.map((a) => (
                  <Button key={a} size="sm" variant={a === aspect ? 'primary' : 'secondary'} aria-pressed={a === aspect} onClick={() => setAspect(a)}>
                    {a}
                  </Button>
                ))}
              </div>
              <p className="text-xs text-ink-faint">{t(`publish.dialog.aspectWhy.${network}`)}</p>
            </div>
          ) : null}
          <section aria-live="polite" className="rounded-lg border border-line px-3 py-2 text-[13px]" data-testid="post-check">
            {checking && !check ? (
              <span className="flex items-center gap-2 text-ink-muted">
                <Spinner /> {t('publish.dialog.checking', { network: name })}
              </span>
            ) : check ? (
              <ul className="flex flex-col gap-1">
                {check.issues.length === 0 ? <li className="text-success">{t('publish.dialog.checkOk', { width: check.video.width, height: check.video.height, duration: formatDuration(check.video.durationS), network: name })}</li> : null}
                {check.issues.map((i) => (
                  <li key={i.code} className={i.level === 'error' ? 'text-danger' : i.level === 'fix' ? 'text-ink-muted' : 'text-warning'}>
                    {i.message}
                  </li>
                ))}
              </ul>
            ) : null}
            {check?.alreadyPosted ? (
              <label className="mt-2 flex items-center gap-2">
                <input type="checkbox" checked={again} onChange={(e) => setAgain(e.target.checked)} /> {t('publish.dialog.postAgain')}
              </label>
            ) : null}
          </section>
          {error ? (
            <p role="alert" className="rounded-lg bg-danger-soft px-3 py-2 text-[13px]">
              {error.message}
            </p>
          ) : null}
        </div>
      )}
    </Dialog>
  );
}
