import { useEffect, useRef, useState } from 'react';
import { CircleCheck, CircleStop, ClipboardCheck, ImagePlus, Info, Send, ShieldAlert, Sparkles, Undo2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { CHAT_TURN_MAX_CHARS, type AdProjectView, type ChatMessage } from '../../../../shared/domain/ads';
import { Button } from '../../components/Button';
import { controlClass } from '../../components/Field';
import { Spinner } from '../../components/Spinner';
import { useBrands } from '../../stores/brands';
import { useAds } from './store';
import { CaptionLookPicker } from './CaptionLookPicker';
import { showBillingOffer } from '../account/billing-store';
import { useNavigation } from '../../stores/navigation';
import { adsApi } from './api';

const accept = 'image/png,image/jpeg,image/webp,.png,.jpg,.jpeg,.webp';

/** Inline image import when the orchestrator asks for product shots. */
function ImagesPrompt({ brandId }: { brandId: string }) {
  const { t } = useTranslation();
  const brand = useBrands((s) => s.brands.find((b) => b.id === brandId));
  const importing = useBrands((s) => s.importing[brandId] ?? 0);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!brand) void useBrands.getState().refresh(brandId);
  }, [brand, brandId]);
  const images = brand?.assets.filter((a) => a.kind === 'image') ?? [];
  return (
    <div className="mt-3 rounded-xl border border-line bg-canvas p-3">
      <div className="flex items-center gap-2">
        {images.slice(0, 4).map((a) => (
          <img key={a.id} src={a.thumbnailUrl ?? a.url} alt={a.originalName} className="size-10 rounded-md border border-line object-cover" />
        ))}
        <span className="text-xs text-ink-muted">{t('ads.chat.imagesCount', { count: images.length })}</span>
        {importing ? <Spinner /> : null}
        <Button size="sm" icon={ImagePlus} className="ml-auto" onClick={() => input.current?.click()}>
          {t('ads.chat.addImages')}
        </Button>
        <input
          ref={input}
          type="file"
          multiple
          accept={accept}
          hidden
          data-testid="chat-image-input"
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            e.target.value = '';
            if (files.length) void useBrands.getState().importImages(brandId, files);
          }}
        />
      </div>
    </div>
  );
}

/** Signed in, the AI could not answer this turn: the simple questions did; why, and what to do. */
export function FallbackNotice({ reason }: { reason: NonNullable<ChatMessage['meta']['aiFallback']>['reason'] }) {
  const { t } = useTranslation();
  return (
    <span className="mb-2 flex items-start gap-1.5 rounded-lg bg-warning/10 px-2.5 py-1.5 text-xs text-ink" role="note" data-testid="chat-ai-fallback">
      <Info aria-hidden className="mt-0.5 size-3.5 shrink-0 text-warning" />
      <span>
        {t('ads.chat.aiFallback', { why: t(`ads.chat.aiFallbackWhy.${reason}`), todo: t(`ads.chat.aiFallbackTodo.${reason}`) })}
        {reason === 'allowance' ? (
          <button type="button" className="ml-1.5 font-medium text-accent hover:underline" onClick={() => showBillingOffer(useNavigation.getState().go)}>
            {t('ads.chat.upgradeAction')}
          </button>
        ) : null}
      </span>
    </span>
  );
}

/**
 * The storyboard's scenes with the picture each will use, under the message that presented that
 * version of the storyboard (the draft or a revision); an older version's message shows none.
 */
function ScenePictures({ m, project }: { m: ChatMessage; project: AdProjectView }) {
  const { t } = useTranslation();
  const sb = project.storyboard;
  const shown = m.meta.revised?.version ?? m.meta.storyboard?.version;
  if (!sb || shown !== sb.version || !sb.scenes.some((s) => s.picture)) return null;
  return (
    <ol className="mt-2 flex max-w-[92%] flex-wrap gap-2" aria-label={t('ads.chat.scenePictures')} data-testid="chat-scene-pictures">
      {sb.scenes.map((s) => (
        <li key={s.index} className="w-[72px]">
          <div className="relative aspect-square w-full overflow-hidden rounded-lg border border-line bg-canvas">
            {s.picture ? (
              <img src={s.picture.url} alt={t(`ads.chat.scenePicture.${s.picture.from}`, { index: s.index, title: s.title })} loading="lazy" className="h-full w-full object-cover" data-testid="chat-scene-picture" />
            ) : null}
            <span aria-hidden className="absolute top-1 left-1 rounded bg-black/65 px-1 text-[10px] font-semibold text-white tabular-nums">
              {s.index}
            </span>
          </div>
          <p className="mt-0.5 truncate text-[10.5px] text-ink-muted" dir="auto" title={s.title}>
            {s.title}
          </p>
        </li>
      ))}
    </ol>
  );
}

/**
 * Under the chat's latest revision of the finished ad (issue 19 #4): "Undo this change" puts the ad
 * back as it was before it, in one step (the backend refuses when the ad changed again since); once
 * undone the message says so.
 */
function RevisionUndo({ m, undoable, onUndone }: { m: ChatMessage; undoable: boolean; onUndone: () => void }) {
  const { t } = useTranslation();
  const act = useAds((s) => s.act);
  const busy = useAds((s) => s.busy);
  const revised = m.meta.adRevised;
  if (!revised || revised.version < 1) return null;
  if (revised.undone) {
    return (
      <span className="mt-2 flex items-center gap-1.5 text-xs font-medium text-ink-muted" data-testid="chat-revision-undone">
        <CircleCheck aria-hidden className="size-3.5" /> {t('ads.chat.revisionUndone')}
      </span>
    );
  }
  if (!undoable) return null;
  return (
    <span className="mt-2 flex">
      <Button
        size="sm"
        icon={Undo2}
        disabled={busy !== null}
        title={t('ads.chat.undoRevisionHint')}
        data-testid="chat-undo-revision"
        onClick={() => void act('undoRevision', (id) => adsApi.undoRevision(id, m.id)).then((ok) => ok && onUndone())}
      >
        {t('ads.chat.undoRevision')}
      </Button>
    </span>
  );
}

function Bubble({
  m,
  text,
  last,
  project,
  live = false,
  undoable = false,
  onUndone = () => {},
}: {
  m: ChatMessage;
  text: string;
  last: boolean;
  project: AdProjectView;
  live?: boolean;
  undoable?: boolean;
  onUndone?: () => void;
}) {
  const { t } = useTranslation();
  const send = useAds((s) => s.send);
  const busy = useAds((s) => s.busy === 'send');
  const mine = m.role === 'user';
  const streaming = live || text.length < m.content.length;
  return (
    <li className={`flex flex-col ${mine ? 'items-end' : 'items-start'}`} data-testid={mine ? 'chat-user' : live ? 'chat-assistant-live' : 'chat-assistant'}>
      <span className="mb-1 flex items-center gap-1 px-1 text-[11px] font-medium text-ink-faint">
        {mine ? t('ads.chat.you') : t('ads.chat.assistant')}
        {m.meta.via === 'ai' ? (
          // The label in ink, the sparkle in the accent: accent text on the accent tint is 4.47:1 at 10 px (below AA).
          <span className="inline-flex items-center gap-0.5 rounded bg-accent-soft px-1 text-[10px] text-ink" title={t('ads.chat.aiHint')} data-testid="chat-ai-badge">
            <Sparkles aria-hidden className="size-2.5 text-accent" /> {t('ads.chat.ai')}
          </span>
        ) : null}
      </span>
      <div
        className={`max-w-[92%] rounded-2xl px-3.5 py-2.5 text-[13.5px] leading-relaxed whitespace-pre-wrap ${mine ? 'rounded-br-md bg-accent-fill text-white' : 'rounded-bl-md border border-line bg-raised text-ink'}`}
        dir="auto"
      >
        {m.meta.aiFallback ? <FallbackNotice reason={m.meta.aiFallback.reason} /> : null}
        {m.meta.refused ? (
          <span className="mb-1.5 flex items-center gap-1.5 text-xs font-medium text-warning">
            <ShieldAlert aria-hidden className="size-3.5" /> {t('ads.chat.refused')}
          </span>
        ) : null}
        {text}
        {streaming ? <span aria-hidden className="ml-0.5 inline-block h-3.5 w-1.5 animate-pulse bg-ink-muted align-middle" /> : null}
        {!streaming && m.meta.revised ? (
          <span className="mt-2 flex items-center gap-1.5 text-xs font-medium text-accent" data-testid="chat-revised">
            <ClipboardCheck aria-hidden className="size-3.5" /> {t('ads.chat.revised', { version: m.meta.revised.version })}
          </span>
        ) : null}
        {!streaming ? <RevisionUndo m={m} undoable={undoable} onUndone={onUndone} /> : null}
        {!streaming && m.meta.upgrade ? (
          <span className="mt-2 flex items-center gap-2 rounded-lg bg-accent-soft px-2.5 py-1.5 text-xs text-ink">
            <Sparkles aria-hidden className="size-3.5 text-accent" />
            {t('ads.chat.upgrade', { seconds: m.meta.upgrade.maxSeconds })}
            <button type="button" className="font-medium text-accent hover:underline" onClick={() => showBillingOffer(useNavigation.getState().go)} data-testid="chat-see-plans">
              {t('ads.chat.upgradeAction')}
            </button>
          </span>
        ) : null}
      </div>
      {!streaming ? <ScenePictures m={m} project={project} /> : null}
      {last && !streaming && m.meta.needsImages && project.brandId ? <ImagesPrompt brandId={project.brandId} /> : null}
      {last && !streaming && m.meta.captionLooks ? <CaptionLookPicker current={m.meta.captionLooks.current} accent={m.meta.captionLooks.accent} disabled={busy} onPick={(look) => void send(`Captions: ${look}`)} /> : null}
      {last && !streaming && m.meta.options?.length ? (
        <div className="mt-2 flex flex-wrap gap-1.5" data-testid="chat-options">
          {m.meta.options.map((o) => (
            <Button key={o.value} size="sm" disabled={busy} onClick={() => void send(o.value)}>
              {t(`ads.chat.options.${o.labelKey}` as 'ads.chat.options.confirm', { defaultValue: o.value })}
            </Button>
          ))}
        </div>
      ) : null}
    </li>
  );
}

export function ChatPanel({ project }: { project: AdProjectView }) {
  const { t } = useTranslation();
  const streaming = useAds((s) => s.streaming);
  const streamingIn = useAds((s) => s.streamingIn);
  const send = useAds((s) => s.send);
  const stopReply = useAds((s) => s.stopReply);
  const busy = useAds((s) => s.busy === 'send');
  const [text, setText] = useState('');
  /** What was just sent, shown at once while the reply is written (put back in the box if sending fails). */
  const [pending, setPending] = useState<string | null>(null);
  const end = useRef<HTMLLIElement>(null);
  // Replies being written that are not stored yet (the model's words as they arrive).
  const live = Object.keys(streamingIn).filter((id) => streamingIn[id] === project.id && !project.messages.some((m) => m.id === id));
  const liveText = live.map((id) => streaming[id] ?? '').join('');
  const lastText = project.messages.length ? (streaming[project.messages.at(-1)!.id] ?? '') : '';
  const tooLong = text.trim().length > CHAT_TURN_MAX_CHARS;
  // Only the chat's latest revision of the finished ad can be undone in one step.
  const undoableId = project.messages.findLast((m) => m.role === 'assistant' && m.meta.adRevised)?.id;

  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [project.messages.length, lastText, liveText, project.drafting, pending]);

  const submit = () => {
    const v = text.trim();
    if (!v || busy || tooLong) return;
    setText('');
    setPending(v);
    void send(v).then((ok) => {
      setPending(null);
      if (!ok) setText((now) => now || v);
    });
  };
  const locked = project.drafting || project.status === 'generating';
  // The chat opens with the box focused, and a reply gives it the focus back (issue 19 #13): the
  // next answer is typed at once — after Send, an option button that the reply replaced, a box
  // that was disabled while the storyboard was drafted. Focus the creator put elsewhere (the
  // storyboard, a dialog) stays where it is.
  const box = useRef<HTMLTextAreaElement>(null);
  const aside = useRef<HTMLElement>(null);
  const lastId = project.messages.at(-1)?.id;
  useEffect(() => {
    const at = document.activeElement;
    const free = !at || at === document.body || (aside.current?.contains(at) ?? false);
    if (!locked && free) box.current?.focus();
  }, [project.id, lastId, locked]);

  return (
    <aside ref={aside} className="flex w-[420px] shrink-0 flex-col border-r border-line bg-surface/40" aria-label={t('ads.chat.title')}>
      <ol className="flex-1 space-y-4 overflow-y-auto px-5 py-5 outline-none focus-visible:ring-2 focus-visible:ring-accent" aria-label={t('ads.chat.label')} aria-live="polite" data-testid="chat-log" tabIndex={0}>
        {project.messages.map((m, i) => (
          <Bubble
            key={m.id}
            m={m}
            text={m.id in streaming ? streaming[m.id]! : m.content}
            last={i === project.messages.length - 1}
            project={project}
            undoable={m.id === undoableId}
            onUndone={() => box.current?.focus()}
          />
        ))}
        {pending !== null ? (
          <>
            <li className="flex flex-col items-end" data-testid="chat-user-pending">
              <span className="mb-1 px-1 text-[11px] font-medium text-ink-faint">{t('ads.chat.you')}</span>
              {/* Full colour, as a sent message: faded, its text fell below AA contrast (4.45:1). */}
              <div className="max-w-[92%] rounded-2xl rounded-br-md bg-accent-fill px-3.5 py-2.5 text-[13.5px] leading-relaxed whitespace-pre-wrap text-white" dir="auto">
                {pending}
              </div>
            </li>
            {live.length ? (
              live.map((id) => (
                <Bubble
                  key={id}
                  m={{ id, seq: 0, role: 'assistant', stage: project.stage, content: streaming[id] ?? '', meta: { via: 'ai' }, createdAt: '' }}
                  text={streaming[id] ?? ''}
                  last={false}
                  project={project}
                  live
                />
              ))
            ) : (
              // A list holds list items only: the live status sits inside one (axe 'list').
              <li>
                <span className="flex items-center gap-2 text-[13px] text-ink-muted" role="status" data-testid="chat-thinking">
                  <Spinner /> {t('ads.chat.thinking')}
                </span>
              </li>
            )}
            <li>
              <Button size="sm" icon={CircleStop} onClick={() => void stopReply()} title={t('ads.chat.stopHint')} data-testid="chat-stop">
                {t('ads.chat.stop')}
              </Button>
            </li>
          </>
        ) : null}
        {project.drafting ? (
          <li>
            <span className="flex items-center gap-2 text-[13px] text-ink-muted" role="status">
              <Spinner /> {t('ads.chat.drafting')}
            </span>
          </li>
        ) : null}
        <li ref={end} aria-hidden />
      </ol>
      {tooLong ? (
        <p className="border-t border-line px-4 pt-3 text-xs text-warning" role="alert" id="chat-too-long" data-testid="chat-too-long">
          {t('ads.chat.tooLong', { chars: text.trim().length.toLocaleString(), max: CHAT_TURN_MAX_CHARS.toLocaleString() })}
        </p>
      ) : null}
      <form
        className={`flex items-end gap-2 p-4 ${tooLong ? '' : 'border-t border-line'}`}
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <textarea
          ref={box}
          aria-label={t('ads.chat.inputLabel')}
          aria-invalid={tooLong}
          aria-describedby={tooLong ? 'chat-too-long' : undefined}
          placeholder={t('ads.chat.placeholder')}
          value={text}
          rows={2}
          disabled={locked}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              submit();
            }
          }}
          className={`${controlClass} resize-none py-2 leading-snug`}
        />
        <Button type="submit" variant="primary" icon={busy ? undefined : Send} disabled={!text.trim() || busy || locked || tooLong} aria-label={t('ads.chat.send')}>
          {busy ? <Spinner className="size-4 text-white" /> : null}
        </Button>
      </form>
    </aside>
  );
}
