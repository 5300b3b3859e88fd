import { useEffect, useRef, useState } from 'react';
import { PenLine, Scissors } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { AdChange, AdCopy, AdRevisionResult } from '../../../../shared/domain/revise';
import { Button } from '../../components/Button';
import { TextArea, TextField } from '../../components/Field';
import { adsApi } from './api';
import { useAds } from './store';

type Draft = { titles: Record<number, string>; lines: Record<number, string>; cta: string };

const draftOf = (c: AdCopy): Draft => ({
  titles: Object.fromEntries(c.scenes.map((s) => [s.scene, s.title])),
  lines: Object.fromEntries(c.scenes.map((s) => [s.scene, s.line])),
  cta: c.cta,
});

/** Only what the creator changed (a field left as it was makes nothing again). */
function changesOf(copy: AdCopy, d: Draft): AdChange[] {
  const out: AdChange[] = [];
  for (const s of copy.scenes) {
    const title = d.titles[s.scene]?.trim() ?? '';
    const line = d.lines[s.scene]?.trim() ?? '';
    if (s.title && title && title !== s.title) out.push({ op: 'set_title', scene: s.scene, title });
    if (s.line && line && line !== s.line) out.push({ op: 'set_line', scene: s.scene, line });
  }
  const cta = d.cta.trim();
  if (copy.cta && cta && cta !== copy.cta) out.push({ op: 'set_cta', action: cta });
  return out;
}

/**
 * "Change what the ad says" on a finished ad (issue 19 #4): each scene's title and spoken line and
 * the end card's CTA. Only what changed is made again — a line spoken again by the ad's voice, text
 * laid out again — and the result panel then renders the new version. A line that no longer fits
 * its scene is flagged with a one-click Shorten.
 */
export function RevisePanel({ projectId, refreshKey }: { projectId: string; refreshKey: string }) {
  const { t } = useTranslation();
  const act = useAds((s) => s.act);
  const busy = useAds((s) => s.busy);
  const [copy, setCopy] = useState<AdCopy | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [result, setResult] = useState<AdRevisionResult | null>(null);
  const shown = useRef<AdCopy | null>(null);

  useEffect(() => {
    let live = true;
    adsApi
      .copy(projectId)
      .then((c) => {
        if (!live) return;
        // Changed elsewhere (the chat, the editor): the last result here no longer describes the ad.
        if (JSON.stringify(shown.current) !== JSON.stringify(c)) setResult(null);
        shown.current = c;
        setCopy(c);
        setDraft(draftOf(c));
      })
      .catch(() => live && setCopy(null));
    return () => {
      live = false;
    };
  }, [projectId, refreshKey]);

  if (!copy || !draft || !copy.scenes.some((s) => s.line || s.title) || !copy.revisable) return null;
  const changes = changesOf(copy, draft);
  const revise = (list: AdChange[]) =>
    act('revise', async (id) => {
      const r = await adsApi.revise({ projectId: id, changes: list });
      setResult(r);
      const fresh = await adsApi.copy(id);
      shown.current = fresh;
      setCopy(fresh);
      setDraft(draftOf(fresh));
      return adsApi.get(id);
    });

  return (
    <section className="rounded-2xl border border-line bg-surface p-5" aria-labelledby="revise-title" data-testid="revise">
      <h3 id="revise-title" className="text-[14px] font-semibold">
        {t('ads.result.revise.title')}
      </h3>
      <p className="mt-1 text-[13px] text-ink-muted">{t('ads.result.revise.hint')}</p>
      <form
        className="mt-4 flex flex-col gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          if (changes.length) void revise(changes);
        }}
      >
        {copy.scenes.map((s) =>
          s.title || s.line ? (
            <fieldset key={s.scene} className="grid gap-3 rounded-xl border border-line p-3 md:grid-cols-[1fr_2fr]">
              <legend className="px-1 text-xs font-medium text-ink-muted">{t('ads.result.revise.scene', { n: s.scene })}</legend>
              {s.title ? <TextField label={t('ads.result.revise.sceneTitle', { n: s.scene })} value={draft.titles[s.scene] ?? ''} maxLength={120} onChange={(e) => setDraft({ ...draft, titles: { ...draft.titles, [s.scene]: e.target.value } })} /> : <span />}
              {s.line ? (
                <TextArea
                  label={t('ads.result.revise.line', { n: s.scene })}
                  hint={s.windowSeconds !== null ? t('ads.result.revise.room', { seconds: s.windowSeconds.toFixed(1) }) : undefined}
                  rows={2}
                  maxLength={400}
                  value={draft.lines[s.scene] ?? ''}
                  onChange={(e) => setDraft({ ...draft, lines: { ...draft.lines, [s.scene]: e.target.value } })}
                />
              ) : null}
            </fieldset>
          ) : null,
        )}
        {copy.cta ? <TextField label={t('ads.result.revise.cta')} value={draft.cta} maxLength={60} onChange={(e) => setDraft({ ...draft, cta: e.target.value })} /> : null}
        <div className="flex items-center gap-3">
          <Button type="submit" variant="primary" icon={PenLine} disabled={busy !== null || changes.length === 0} data-testid="revise-apply">
            {busy === 'revise' ? t('ads.result.revise.applying') : changes.length ? t('ads.result.revise.apply', { count: changes.length }) : t('ads.result.revise.applyNone')}
          </Button>
          {changes.length ? (
            <Button type="button" variant="ghost" disabled={busy !== null} onClick={() => setDraft(draftOf(copy))}>
              {t('ads.result.revise.reset')}
            </Button>
          ) : null}
        </div>
      </form>
      {result ? (
        <div role="status" className="mt-4 flex flex-col gap-2 text-[13px]" data-testid="revise-result">
          <p>{result.voiceLines ? t('ads.result.revise.doneVoice', { count: result.voiceLines }) : t('ads.result.revise.doneText')}</p>
          {result.flags.map((f) => (
            <div key={f.scene} className="flex flex-wrap items-center gap-3 rounded-lg border border-line bg-canvas px-3 py-2" data-testid="revise-flag">
              <span>{t('ads.result.revise.overflow', { n: f.scene, seconds: f.seconds.toFixed(1), room: f.windowSeconds.toFixed(1) })}</span>
              <Button size="sm" icon={Scissors} disabled={busy !== null} onClick={() => void revise([{ op: 'shorten_line', scene: f.scene }])}>
                {t('ads.result.revise.shorten', { n: f.scene })}
              </Button>
            </div>
          ))}
        </div>
      ) : null}
    </section>
  );
}
