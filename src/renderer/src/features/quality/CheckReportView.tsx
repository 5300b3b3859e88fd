/**
 * The spec and quality check in the app (issue 16): after an editor export and on a finished
 * ad. The same items as `zapcut check` — pass/fail with what failed — and, where the host can
 * do it, the fix (export again, export another shape, open the editor on the item).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CircleAlert, CircleCheck, CircleHelp, CircleX, RefreshCw, ShieldCheck } from 'lucide-react';
import type { TFunction } from 'i18next';
import type { PostSource } from '../../../../shared/domain/publish';
import { Platform, PLATFORM_SPECS } from '../../../../shared/platforms';
import type { CheckFix, CheckItem, CheckReport } from '../../../../shared/quality/check';
import { Button } from '../../components/Button';
import { controlClass } from '../../components/Field';
import { Spinner } from '../../components/Spinner';
import { api, toAppError } from '../../api/client';
import { hasWords, itemKey } from './keys';

const ICON = { pass: CircleCheck, warn: CircleAlert, fail: CircleX, unknown: CircleHelp } as const;
const TONE = { pass: 'text-success', warn: 'text-warning', fail: 'text-danger', unknown: 'text-ink-faint' } as const;

export function itemText(t: TFunction, i: CheckItem): string {
  // Words from quality.json; a code this renderer does not know yet shows the backend's English.
  return hasWords(i) ? (t as (k: string, o: object) => string)(itemKey(i), i.params) : i.message;
}

export interface CheckReportViewProps {
  projectId: string;
  source: PostSource;
  /** The fixes this screen can do; an item whose fix is not here shows none. */
  fixes: Partial<Record<CheckFix['kind'], (fix: CheckFix, item: CheckItem) => void>>;
  /** Check again when this changes (e.g. a new export's path). */
  refreshKey?: string;
}

export function CheckReportView({ projectId, source, fixes, refreshKey }: CheckReportViewProps) {
  const { t } = useTranslation();
  const [platform, setPlatform] = useState<Platform | ''>('');
  const [nonce, setNonce] = useState(0);
  const [result, setResult] = useState<{ key: string; report: CheckReport | null; error: string | null } | null>(null);
  const key = JSON.stringify([projectId, source, platform, refreshKey ?? '', nonce]);

  useEffect(() => {
    let live = true;
    const [pid, src, p] = JSON.parse(key) as [string, PostSource, Platform | ''];
    api.quality.check({ projectId: pid, source: src, ...(p ? { platform: p } : {}) }).then(
      (report) => live && setResult({ key, report, error: null }),
      (err: unknown) => live && setResult({ key, report: null, error: toAppError(err).message }),
    );
    return () => {
      live = false;
    };
  }, [key]);

  const busy = result?.key !== key;
  const report = result?.report ?? null;
  const error = busy ? null : (result?.error ?? null);
  const run = () => setNonce((n) => n + 1);

  const failing = report?.items.filter((i) => i.status === 'fail').length ?? 0;
  const fits = report?.fits.filter((f) => f.ok).map((f) => PLATFORM_SPECS[f.platform].name) ?? [];
  const misses = report?.fits.filter((f) => !f.ok).map((f) => PLATFORM_SPECS[f.platform].name) ?? [];

  return (
    <section aria-labelledby="quality-title" aria-busy={busy} data-testid="quality-report" data-ok={report ? String(report.ok) : undefined} className="rounded-xl border border-line bg-surface p-3 text-[13px]">
      <div className="flex items-center justify-between gap-3">
        <h3 id="quality-title" className="flex items-center gap-1.5 whitespace-nowrap text-[13px] font-semibold">
          <ShieldCheck aria-hidden className="size-4 text-accent" /> {t('quality.title')}
        </h3>
        <div className="flex items-center gap-2">
          <label className="flex items-center gap-1.5 whitespace-nowrap text-xs text-ink-muted">
            {t('quality.platform')}
            <select value={platform} disabled={busy} onChange={(e) => setPlatform(e.target.value as Platform | '')} className={`${controlClass} h-8 w-40 text-[13px] text-ink`} data-testid="quality-platform">
              <option value="">{t('quality.anyNetwork')}</option>
              {Platform.options.map((p) => (
                <option key={p} value={p}>
                  {PLATFORM_SPECS[p].name}
                </option>
              ))}
            </select>
          </label>
          <Button size="sm" variant="ghost" icon={RefreshCw} disabled={busy} onClick={run}>
            {t('quality.retry')}
          </Button>
        </div>
      </div>
      {busy && !report ? (
        <p className="mt-2 flex items-center gap-2 text-ink-muted">
          <Spinner /> {t('quality.checking')}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="mt-2 text-danger">
          {t('quality.unavailable', { message: error })}
        </p>
      ) : null}
      {report ? (
        <>
          <p className={`mt-2 font-medium ${!report.ok ? 'text-danger' : report.platform === null && fits.length === 0 ? 'text-warning' : 'text-success'}`} data-testid="quality-summary">
            {!report.ok ? t('quality.fails', { count: failing }) : report.platform === null && fits.length === 0 ? t('quality.passesNoNetwork') : t('quality.passes')}
          </p>
          <ul className="mt-2 flex flex-col gap-1.5">
            {[...report.items]
              .sort((a, b) => rank(a) - rank(b))
              .map((i) => {
                const Icon = ICON[i.status];
                const fix = i.fix && fixes[i.fix.kind] ? i.fix : null;
                return (
                  <li key={i.code} data-testid={`quality-item-${i.code}`} data-status={i.status} className="flex items-start gap-2">
                    <Icon aria-label={t(`quality.status.${i.status}`)} className={`mt-0.5 size-3.5 shrink-0 ${TONE[i.status]}`} />
                    <span className={`min-w-0 flex-1 ${i.status === 'pass' ? 'text-ink-muted' : 'text-ink'}`}>{itemText(t, i)}</span>
                    {fix ? (
                      <Button size="sm" className="h-7 shrink-0" data-testid={`quality-fix-${i.code}`} onClick={() => fixes[fix.kind]!(fix, i)}>
                        {fix.kind === 'export-aspect' ? t('quality.fix.export-aspect', { aspect: fix.aspect }) : t(`quality.fix.${fix.kind}`)}
                      </Button>
                    ) : null}
                  </li>
                );
              })}
          </ul>
          <p className="mt-2 text-xs text-ink-muted" data-testid="quality-fits">
            {fits.length ? t('quality.fits', { names: fits.join(', ') }) : t('quality.fitsNone')}
            {fits.length && misses.length ? ' · ' : null}
            {fits.length && misses.length ? t('quality.misses', { names: misses.join(', ') }) : null}
          </p>
        </>
      ) : null}
    </section>
  );
}

/** Failures first, then warnings, the unchecked, then what passes. */
function rank(i: CheckItem): number {
  return { fail: 0, warn: 1, unknown: 2, pass: 3 }[i.status];
}
