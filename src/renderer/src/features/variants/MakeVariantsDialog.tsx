/** "Make variants": hooks × CTAs × shapes, the quote first, nothing made until the user confirms. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Layers } from 'lucide-react';
import { ASPECTS, type Aspect } from '../../../../shared/domain/aspect';
import type { VariantQuoteView } from '../../../../shared/domain/variants';
import { MAX_CTAS, MAX_HOOKS, MAX_MUSIC, VARIANT_LENGTHS, VariantVoice, type VariantLength } from '../../../../shared/variants';
import type { AppErrorShape } from '../../../../shared/errors';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { Spinner } from '../../components/Spinner';
import { api, toAppError } from '../../api/client';

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

function useMoney() {
  const { i18n } = useTranslation();
  return (cents: number) => new Intl.NumberFormat(i18n.language, { style: 'currency', currency: 'USD' }).format(cents / 100);
}

/** One choice of 1…n as a row of pressable buttons (arrow keys not needed: each is a tab stop). */
function CountPicker({ legend, hint, max, value, onChange, testId }: { legend: string; hint: string; max: number; value: number; onChange(n: number): void; testId: string }) {
  return (
    <fieldset className="flex flex-col gap-1.5" data-testid={testId}>
      <legend className="mb-1.5 text-[13px] font-medium">{legend}</legend>
      <div className="flex gap-2">
        {range(max).map((n) => (
          <button key={n} type="button" aria-pressed={value === n} onClick={() => onChange(n)} className={`h-9 w-11 rounded-lg border text-sm font-medium tabular-nums ${value === n ? 'border-accent bg-accent-soft text-ink' : 'border-line bg-raised text-ink-muted hover:border-line-strong'}`}>
            {n}
          </button>
        ))}
      </div>
      <p className="text-xs text-ink-faint">{hint}</p>
    </fieldset>
  );
}

export function MakeVariantsDialog({ open, projectId, defaultAspect, onClose, onStarted }: { open: boolean; projectId: string; defaultAspect: Aspect; onClose(): void; onStarted(jobId: string): void }) {
  const { t } = useTranslation('translation', { keyPrefix: 'variants' });
  const { t: tr } = useTranslation();
  const money = useMoney();
  const [hooks, setHooks] = useState(3);
  const [ctas, setCtas] = useState(2);
  const [aspects, setAspects] = useState<Aspect[]>([defaultAspect]);
  // Null until the user picks lengths: the ad's own length only (the quote says what that is).
  const [lengths, setLengths] = useState<VariantLength[] | null>(null);
  // Null until the user picks voices: the ad's own only.
  const [voices, setVoices] = useState<VariantVoice[] | null>(null);
  const [music, setMusic] = useState(1);
  const [answer, setAnswer] = useState<{ key: string; quote: VariantQuoteView | null; error: AppErrorShape | null } | null>(null);
  const [startError, setStartError] = useState<AppErrorShape | null>(null);
  const [starting, setStarting] = useState(false);
  const ordered = ASPECTS.filter((a) => aspects.includes(a));
  const orderedLengths = lengths ? [...lengths].sort((a, b) => b - a) : null;
  const orderedVoices = voices ? VariantVoice.options.filter((v) => voices.includes(v)) : null;
  const spec = { hooks, ctas, aspects: ordered, ...(orderedLengths ? { lengths: orderedLengths } : {}), ...(orderedVoices ? { voices: orderedVoices } : {}), ...(music > 1 ? { music } : {}) };
  const key = `${hooks}|${ctas}|${ordered.join(',')}|${orderedLengths?.join(',') ?? ''}|${orderedVoices?.join(',') ?? ''}|${music}`;
  // Only the answer to the current choice counts (a slower, older answer is ignored).
  const quote = answer?.key === key ? answer.quote : null;
  const error = startError ?? (answer?.key === key ? answer.error : null);

  // The quote follows every change; a stale answer never replaces a newer one.
  useEffect(() => {
    if (!open || ordered.length === 0 || orderedLengths?.length === 0 || orderedVoices?.length === 0) return;
    let live = true;
    api.variants
      .quote({ projectId, spec })
      .then((q) => live && setAnswer({ key, quote: q, error: null }))
      .catch((err: unknown) => live && setAnswer({ key, quote: null, error: toAppError(err) }));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for hooks, ctas, the ordered aspects and lengths
  }, [open, projectId, key]);

  const start = async () => {
    setStarting(true);
    setStartError(null);
    try {
      const job = await api.variants.start({ projectId, spec });
      onStarted(job.jobId);
      onClose();
    } catch (err) {
      setStartError(toAppError(err));
    } finally {
      setStarting(false);
    }
  };
  const toggle = (a: Aspect) => {
    setStartError(null);
    setAspects((cur) => (cur.includes(a) ? cur.filter((x) => x !== a) : [...cur, a]));
  };

  // The lengths on offer: the ad's own and the shorter cuts (known from the first quote).
  const adSeconds = answer?.quote?.adSeconds ?? null;
  const offered = adSeconds === null ? [] : VARIANT_LENGTHS.filter((l) => l <= adSeconds);
  const chosen = lengths ?? (adSeconds === null ? [] : offered.filter((l) => l === adSeconds));
  const toggleLength = (l: VariantLength) => {
    setStartError(null);
    setLengths(chosen.includes(l) ? chosen.filter((x) => x !== l) : [...chosen, l]);
  };
  const noLength = lengths !== null && lengths.length === 0;
  // The voices on offer: the brief's accents, the ad's own first checked (none when the ad does not speak).
  const adVoice = answer?.quote?.adVoice ?? null;
  const chosenVoices = voices ?? (adVoice && adVoice !== 'none' ? VariantVoice.options.filter((v) => v === adVoice) : []);
  const toggleVoice = (v: VariantVoice) => {
    setStartError(null);
    setVoices(chosenVoices.includes(v) ? chosenVoices.filter((x) => x !== v) : [...chosenVoices, v]);
  };
  const noVoice = voices !== null && voices.length === 0;

  return (
    <Dialog
      open={open}
      onClose={onClose}
      busy={starting}
      size="lg"
      title={t('dialog.title')}
      description={t('dialog.description')}
      footer={
        <>
          <Button variant="ghost" onClick={onClose} disabled={starting}>
            {tr('common.cancel')}
          </Button>
          <Button variant="primary" icon={Layers} data-testid="variants-confirm" disabled={!quote || starting || ordered.length === 0 || noLength || noVoice} onClick={() => void start()}>
            {t('dialog.confirm', { count: quote?.names.length ?? hooks * ctas * Math.max(1, ordered.length) })}
          </Button>
        </>
      }
    >
      <div className="flex flex-col gap-5">
        <div className="grid grid-cols-2 gap-5">
          <CountPicker testId="variants-hooks" legend={t('dialog.hooks')} hint={t('dialog.hooksHint')} max={MAX_HOOKS} value={hooks} onChange={setHooks} />
          <CountPicker testId="variants-ctas" legend={t('dialog.ctas')} hint={t('dialog.ctasHint')} max={MAX_CTAS} value={ctas} onChange={setCtas} />
          <CountPicker testId="variants-music" legend={t('dialog.music')} hint={t('dialog.musicHint')} max={MAX_MUSIC} value={music} onChange={setMusic} />
          {adVoice && adVoice !== 'none' ? (
            <fieldset className="flex flex-col gap-1.5" data-testid="variants-voices">
              <legend className="mb-1.5 text-[13px] font-medium">{t('dialog.voices')}</legend>
              <div className="flex flex-wrap gap-x-4 gap-y-2">
                {VariantVoice.options.map((v) => (
                  <label key={v} className="flex items-center gap-2 text-sm">
                    <input type="checkbox" checked={chosenVoices.includes(v)} onChange={() => toggleVoice(v)} className="size-4 accent-[var(--color-accent)]" />
                    {v === adVoice ? t('dialog.voiceOwn', { voice: t(`dialog.voice.${v}`) }) : t(`dialog.voice.${v}`)}
                  </label>
                ))}
              </div>
              <p className="text-xs text-ink-faint">{t('dialog.voicesHint')}</p>
              {noVoice ? <p className="text-xs text-danger" role="alert">{t('dialog.voicesNone')}</p> : null}
            </fieldset>
          ) : null}
        </div>
        <fieldset className="flex flex-col gap-1.5">
          <legend className="mb-1.5 text-[13px] font-medium">{t('dialog.aspects')}</legend>
          <div className="flex gap-4">
            {ASPECTS.map((a) => (
              <label key={a} className="flex items-center gap-2 text-sm">
                <input type="checkbox" checked={aspects.includes(a)} onChange={() => toggle(a)} className="size-4 accent-[var(--color-accent)]" />
                {a}
              </label>
            ))}
          </div>
          {ordered.length === 0 ? <p className="text-xs text-danger" role="alert">{t('dialog.aspectsNone')}</p> : null}
        </fieldset>
        {offered.length > 1 ? (
          <fieldset className="flex flex-col gap-1.5" data-testid="variants-lengths">
            <legend className="mb-1.5 text-[13px] font-medium">{t('dialog.lengths')}</legend>
            <div className="flex gap-4">
              {offered.map((l) => (
                <label key={l} className="flex items-center gap-2 text-sm">
                  <input type="checkbox" checked={chosen.includes(l)} onChange={() => toggleLength(l)} className="size-4 accent-[var(--color-accent)]" />
                  {l === adSeconds ? t('dialog.lengthOwn', { seconds: l }) : t('dialog.lengthCut', { seconds: l })}
                </label>
              ))}
            </div>
            <p className="text-xs text-ink-faint">{t('dialog.lengthsHint')}</p>
            {noLength ? <p className="text-xs text-danger" role="alert">{t('dialog.lengthsNone')}</p> : null}
          </fieldset>
        ) : null}
        <section aria-labelledby="variants-quote-title" data-testid="variants-quote" data-ready={quote ? 'true' : 'false'} className="rounded-xl border border-line bg-canvas p-4 text-[13px]">
          <h3 id="variants-quote-title" className="mb-2 text-[13px] font-semibold">
            {t('dialog.quoteTitle')}
          </h3>
          {noLength || noVoice ? null : error ? (
            <p role="alert" className="text-danger">
              {t('dialog.quoteFailed', { message: error.message })}
            </p>
          ) : !quote ? (
            <p role="status" className="flex items-center gap-2 text-ink-muted">
              <Spinner /> {t('dialog.quoting')}
            </p>
          ) : (
            <div className="flex flex-col gap-1.5" role="status">
              <p>{t(quote.spec.lengths || quote.spec.voices || quote.spec.music ? 'dialog.countMore' : 'dialog.count', {
                  count: quote.names.length,
                  title: quote.title,
                  hooks: quote.spec.hooks,
                  ctas: quote.spec.ctas,
                  aspects: quote.spec.aspects.join(', '),
                  more: [
                    quote.spec.voices ? t('dialog.voicesCount', { count: quote.spec.voices.length }) : null,
                    quote.spec.music && quote.spec.music > 1 ? t('dialog.musicCount', { count: quote.spec.music }) : null,
                    quote.spec.lengths ? quote.spec.lengths.map((l) => t('dialog.seconds', { seconds: l })).join(', ') : null,
                  ]
                    .filter(Boolean)
                    .join(' × '),
                })}</p>
              <p>{quote.newVoiceLines > 0 ? t(quote.offline ? (quote.newMusicBeds ? 'dialog.localCallsBeds' : 'dialog.localCalls') : quote.newMusicBeds ? 'dialog.paidCallsBeds' : 'dialog.paidCalls', { count: quote.newVoiceLines }) : t('dialog.noVoice')}</p>
              {quote.newMusicBeds > 0 ? <p data-testid="variants-music-quote">{t(quote.offline ? 'dialog.localMusic' : 'dialog.paidMusic', { count: quote.newMusicBeds, cost: money(quote.musicCents) })}</p> : null}
              <p className="font-medium" data-testid="variants-cost">
                {quote.voiceCents + quote.musicCents === 0 ? t(quote.offline ? 'dialog.costFree' : 'dialog.costNone') : t(quote.musicCents ? 'dialog.costPaidMusic' : 'dialog.costPaid', { cost: money(quote.voiceCents + quote.musicCents) })}
              </p>
              <p className="text-ink-muted">{quote.writer === 'proxy' ? t('dialog.writerProxy') : t('dialog.writerOffline')}</p>
              <details className="mt-1">
                <summary className="cursor-pointer text-ink-muted">{t('dialog.names')}</summary>
                <ul className="mt-1 grid grid-cols-2 gap-x-4 font-mono text-[12px] text-ink-muted" data-testid="variants-names">
                  {quote.names.map((n) => (
                    <li key={n}>{n}</li>
                  ))}
                </ul>
              </details>
            </div>
          )}
        </section>
      </div>
    </Dialog>
  );
}
