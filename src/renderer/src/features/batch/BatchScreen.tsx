import { useEffect, useRef, type FormEvent } from 'react';
import { FileSpreadsheet, FolderOpen, Play, RotateCcw, Square } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { PathText } from '../../components/PathText';
import { Spinner } from '../../components/Spinner';
import { formatDuration } from '../ads/GenerationPanel';
import type { BatchPreview, BatchRowView, BatchView } from '../../../../shared/domain/batch';
import { useBatch } from './store';
import { Page } from '../../components/Page';

/** The desktop app's bridge gives a picked file's real path; the harness has none (the path is typed). */
const pathForFile = (globalThis as { zapcut?: { pathForFile?: (f: File) => string } }).zapcut?.pathForFile;

export function BatchScreen() {
  const { t } = useTranslation();
  const { view, load, subscribe } = useBatch();

  useEffect(() => {
    void load();
    return subscribe();
  }, [load, subscribe]);

  return (
    <Page column="max-w-4xl">
      <header className="mb-8">
        <h1 className="text-2xl font-semibold tracking-tight">{t('batch.title')}</h1>
        <p className="mt-1.5 max-w-2xl text-sm text-ink-muted">{t('batch.subtitle')}</p>
      </header>
      {view ? <BatchRun view={view} /> : <BatchSetup />}
    </Page>
  );
}

function Card({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  return (
    <section className="rounded-2xl border border-line bg-surface p-6" data-testid={testId} aria-label={title}>
      <h2 className="mb-4 text-[15px] font-semibold">{title}</h2>
      {children}
    </section>
  );
}

function ErrorNote() {
  const { t } = useTranslation();
  const error = useBatch((s) => s.error);
  if (!error) return null;
  return (
    <div role="alert" data-testid="batch-error" className="rounded-xl border border-danger/40 bg-danger-soft p-4 text-[13px]">
      <p className="font-medium">{t(`errors.${error.code}`)}</p>
      <p className="mt-1 whitespace-pre-line text-ink-muted">{error.message}</p>
    </div>
  );
}

function BatchSetup() {
  const { t } = useTranslation();
  const { path, provider, draft, checking, preview, set, check } = useBatch();
  const picker = useRef<HTMLInputElement>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (path.trim()) void check();
  };
  return (
    <div className="flex flex-col gap-5">
      <Unfinished />
      <Card title={t('batch.file.title')} testId="batch-file">
        <form onSubmit={submit} className="flex flex-col gap-4">
          <div className="flex items-end gap-2">
            <div className="min-w-0 flex-1">
              <TextField label={t('batch.file.path')} hint={t('batch.file.pathHint')} value={path} onChange={(e) => set({ path: e.target.value })} spellCheck={false} autoComplete="off" />
            </div>
            {pathForFile ? (
              <>
                <input
                  ref={picker}
                  type="file"
                  accept=".csv,.jsonl,.ndjson"
                  className="hidden"
                  tabIndex={-1}
                  aria-hidden
                  onChange={(e) => {
                    const f = e.target.files?.[0];
                    if (f) set({ path: pathForFile(f) });
                    e.target.value = '';
                  }}
                />
                <Button icon={FileSpreadsheet} className="mb-6" onClick={() => picker.current?.click()}>
                  {t('batch.file.choose')}
                </Button>
              </>
            ) : null}
          </div>
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1 text-[13px] font-medium">{t('batch.file.provider')}</legend>
            {(['offline', 'proxy'] as const).map((p) => (
              <label key={p} className="flex items-center gap-2 text-sm">
                <input type="radio" name="batch-provider" value={p} checked={provider === p} onChange={() => set({ provider: p })} className="accent-accent" />
                {t(`batch.file.${p}`)}
              </label>
            ))}
          </fieldset>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={draft} onChange={(e) => set({ draft: e.target.checked })} className="accent-accent" />
            {t('batch.file.draft')}
          </label>
          <div>
            <Button type="submit" variant={preview ? 'secondary' : 'primary'} disabled={!path.trim() || checking}>
              {checking ? <Spinner label={t('batch.file.checking')} /> : null}
              {checking ? t('batch.file.checking') : t('batch.file.check')}
            </Button>
          </div>
        </form>
      </Card>
      <ErrorNote />
      {preview ? <PreviewView preview={preview} /> : null}
    </div>
  );
}

function Unfinished() {
  const { t, i18n } = useTranslation();
  const { unfinished, check } = useBatch();
  if (!unfinished.length) return null;
  return (
    <Card title={t('batch.unfinished.title')} testId="batch-unfinished">
      <p className="mb-3 text-[13px] text-ink-muted">{t('batch.unfinished.hint')}</p>
      <ul className="flex flex-col gap-2">
        {unfinished.map((b) => (
          <li key={b.batchId} className="flex items-center gap-3 rounded-xl border border-line bg-canvas px-4 py-3">
            <div className="min-w-0 flex-1">
              <PathText path={b.path} className="block truncate" />
              <p className="text-xs text-ink-muted">{t('batch.unfinished.row', { made: b.made, total: b.total, date: new Date(b.createdAt).toLocaleString(i18n.language) })}</p>
            </div>
            <Button
              size="sm"
              icon={RotateCcw}
              onClick={() => {
                useBatch.setState({ path: b.path, provider: b.provider === 'proxy' ? 'proxy' : 'offline', preview: null, error: null });
                void check(b.batchId);
              }}
            >
              {t('batch.unfinished.resume')}
            </Button>
          </li>
        ))}
      </ul>
    </Card>
  );
}

function PreviewView({ preview }: { preview: BatchPreview }) {
  const { t } = useTranslation();
  const { start, starting } = useBatch();
  const q = preview.quote;
  const invalid = preview.rows.filter((r) => r.state === 'invalid' || r.state === 'blocked').length;
  return (
    <>
      <Card title={t('batch.rows.title')} testId="batch-rows">
        <table className="w-full text-left text-[13px]">
          <thead className="text-xs text-ink-muted">
            <tr>
              <th scope="col" className="py-2 pr-3 font-medium">{t('batch.rows.row')}</th>
              <th scope="col" className="py-2 pr-3 font-medium">{t('batch.rows.product')}</th>
              <th scope="col" className="py-2 pr-3 font-medium">{t('batch.rows.length')}</th>
              <th scope="col" className="py-2 pr-3 font-medium">{t('batch.rows.aspect')}</th>
              <th scope="col" className="py-2 font-medium">{t('batch.rows.status')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((r) => (
              <tr key={r.row} data-testid="batch-preview-row" data-state={r.state} className="border-t border-line align-top">
                <td className="py-2 pr-3 tabular-nums">{r.row}</td>
                <td className="py-2 pr-3">
                  {r.product ?? <span className="text-ink-muted">{t('batch.rows.notABrief')}</span>}
                  {r.error ? (
                    <div className="mt-1 text-xs text-danger" data-testid="batch-row-error">
                      <p className="font-medium">{t('batch.rows.line', { row: r.row, line: r.line })}</p>
                      <p className="whitespace-pre-line">{r.error}</p>
                    </div>
                  ) : null}
                  {r.warnings.map((w) => (
                    <p key={w} className="mt-1 text-xs text-ink-muted">{t('batch.rows.warning', { warning: w })}</p>
                  ))}
                </td>
                <td className="py-2 pr-3 tabular-nums">{r.lengthSeconds ? t('batch.rows.seconds', { seconds: r.lengthSeconds }) : null}</td>
                <td className="py-2 pr-3 tabular-nums">{r.aspect}</td>
                <td className="py-2">
                  <StateBadge tone={r.state === 'invalid' || r.state === 'blocked' ? 'bad' : r.state === 'made' ? 'good' : 'plain'} label={t(`batch.state.${r.state}`)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <Card title={t('batch.quote.title')} testId="batch-quote">
        <div className="flex flex-col gap-2 text-sm">
          <QuoteText preview={preview} />
          {invalid ? <p className="text-ink-muted">{t('batch.quote.invalidRows', { count: invalid })}</p> : null}
          {preview.resumeId ? <p className="text-ink-muted">{t('batch.quote.resumes')}</p> : null}
          <p className="flex items-start gap-1.5 text-ink-muted">
            <FolderOpen aria-hidden className="mt-0.5 size-4 shrink-0" />
            <span>
              {t('batch.quote.outDir')} <PathText path={preview.outDir} testId="batch-out-dir" />
            </span>
          </p>
          <div className="mt-2">
            <Button variant="primary" icon={Play} disabled={!q.ok || q.toMake === 0 || starting} onClick={() => void start()}>
              {t('batch.start', { count: q.toMake })}
            </Button>
          </div>
        </div>
      </Card>
    </>
  );
}

function QuoteText({ preview }: { preview: BatchPreview }) {
  const { t, i18n } = useTranslation();
  const q = preview.quote;
  if (q.toMake === 0) return <p data-testid="batch-quote-line">{t('batch.quote.nothing')}</p>;
  if (q.provider === 'offline') return <p data-testid="batch-quote-line">{t('batch.quote.offline', { count: q.toMake })}</p>;
  const money = (cents: number) => new Intl.NumberFormat(i18n.language, { style: 'currency', currency: 'USD' }).format(cents / 100);
  if (q.problem) return <p role="alert" className="text-danger" data-testid="batch-quote-line">{t('batch.quote.problem', { message: q.problem })}</p>;
  const toPay = q.toMake - q.held;
  return (
    <>
      {toPay > 0 ? <p data-testid="batch-quote-line">{t('batch.quote.proxy', { count: toPay, free: q.free, plan: q.plan, credits: q.credits, cost: money(q.totalCents) })}</p> : null}
      {q.held ? <p className="text-ink-muted">{t('batch.quote.held', { count: q.held })}</p> : null}
      {q.account ? <p className="text-ink-muted">{t('batch.quote.account', { tier: q.account.tier, free: q.account.freeVideosLeft, month: q.account.monthVideosLeft, credits: money(q.account.creditsCents) })}</p> : null}
      {!q.ok ? (
        <div role="alert" className="rounded-xl border border-danger/40 bg-danger-soft p-3 text-[13px]">
          <p>{t('batch.quote.short', { fits: q.fits, count: toPay })}</p>
          {q.refused.slice(0, 5).map((r) => (
            <p key={r.row} className="mt-1 text-ink-muted">{t('batch.quote.refused', { row: r.row, message: r.message })}</p>
          ))}
        </div>
      ) : null}
    </>
  );
}

function StateBadge({ tone, label }: { tone: 'good' | 'bad' | 'plain'; label: string }) {
  const cls = tone === 'good' ? 'bg-success-soft text-success' : tone === 'bad' ? 'bg-danger-soft text-danger' : 'bg-raised text-ink-muted';
  return <span className={`inline-flex whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ${cls}`}>{label}</span>;
}

const finishedTone = (s: BatchRowView['status']): 'good' | 'bad' | 'plain' => (s === 'done' || s === 'skipped' ? 'good' : s === 'failed' || s === 'invalid' || s === 'blocked' || s === 'busy' ? 'bad' : 'plain');

function BatchRun({ view }: { view: BatchView }) {
  const { t } = useTranslation();
  const { cancel, reset } = useBatch();
  const p = view.progress;
  const live = view.status === 'running' || view.status === 'cancelling';
  const failed = view.rows.filter((r) => !['done', 'skipped', 'pending', 'running'].includes(r.status));
  const made = view.rows.filter((r) => r.status === 'done' || r.status === 'skipped').length;
  return (
    <div className="flex flex-col gap-5" data-testid="batch-run" data-status={view.status}>
      <Card title={t('batch.progress.title')} testId="batch-progress">
        <div className="flex flex-col gap-2">
          <div className="flex justify-between text-[13px] text-ink-muted">
            <span data-testid="batch-counts">{t('batch.progress.counts', { done: p.done, total: p.total, running: p.running, failed: p.failed, left: p.left })}</span>
            {live ? <span className="tabular-nums">{p.etaSeconds === null ? t('batch.progress.etaUnknown') : t('batch.progress.eta', { time: formatDuration(p.etaSeconds) })}</span> : null}
          </div>
          <div role="progressbar" aria-label={t('batch.progress.label')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(live ? p.percent : 100)} className="h-2 overflow-hidden rounded-full bg-canvas">
            <div className="h-full rounded-full bg-gradient-to-r from-accent to-[#ff5ca8] transition-[width]" style={{ width: `${live ? p.percent : 100}%` }} />
          </div>
          <PathText path={view.outDir} className="text-ink-muted" />
          {view.status === 'running' ? (
            <div className="mt-2">
              <Button icon={Square} onClick={() => void cancel()}>
                {t('batch.cancel')}
              </Button>
            </div>
          ) : view.status === 'cancelling' ? (
            <p role="status" className="mt-2 flex items-center gap-2 text-sm text-ink-muted">
              <Spinner />
              {t('batch.cancelling')}
            </p>
          ) : null}
        </div>
        <ul className="mt-4 flex flex-col gap-1.5">
          {view.rows.map((r) => (
            <li key={r.row} data-testid="batch-run-row" data-status={r.status} className="flex items-center gap-3 rounded-lg border border-line bg-canvas px-3 py-2 text-[13px]">
              <span className="w-8 tabular-nums text-ink-muted">{r.row}</span>
              <span className={`min-w-0 flex-1 truncate ${r.product ? '' : 'text-ink-muted'}`}>{r.product ?? t('batch.rows.notABrief')}</span>
              {r.out && (r.status === 'done' || r.status === 'skipped') ? <PathText path={r.out.split(/[/\\]/).at(-1) ?? r.out} className="text-ink-muted" testId="batch-row-file" /> : null}
              <StateBadge tone={finishedTone(r.status)} label={t(`batch.state.${r.status}`, { percent: Math.round(r.percent) })} />
            </li>
          ))}
        </ul>
      </Card>
      {!live ? (
        <Card title={t('batch.summary.title')} testId="batch-summary">
          <div className="flex flex-col gap-3 text-sm">
            <p data-testid="batch-summary-line" className="font-medium">{t('batch.summary.made', { made, total: view.rows.length })}</p>
            {view.status === 'cancelled' ? <p className="text-ink-muted">{t('batch.summary.cancelled')}</p> : null}
            {view.error ? <p role="alert" className="text-danger">{t('batch.summary.error', { message: view.error })}</p> : null}
            {failed.length ? (
              <div>
                <h3 className="mb-2 text-[13px] font-semibold">{t('batch.summary.failedTitle')}</h3>
                <ul className="flex flex-col gap-2">
                  {failed.map((r) => (
                    <li key={r.row} data-testid="batch-failed-row" className="rounded-lg border border-danger/30 bg-danger-soft p-3 text-[13px]">
                      <p className="font-medium">
                        {t('batch.rows.line', { row: r.row, line: r.line })} · {t(`batch.state.${r.status}`, { percent: 0 })}
                      </p>
                      <p className="mt-1 whitespace-pre-line text-ink-muted">{r.error}</p>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            <div>
              <Button onClick={reset}>{t('batch.summary.again')}</Button>
            </div>
          </div>
        </Card>
      ) : null}
      <ErrorNote />
    </div>
  );
}
