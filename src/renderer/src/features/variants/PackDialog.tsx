/**
 * "Export platform pack": placements, a new folder (the OS dialog in the desktop app; typed in the
 * harness), then what was written: the files that passed each network's check, the ones left out
 * and why, and where the manifest is.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FolderOpen, PackageCheck } from 'lucide-react';
import { PackPlacement, DEFAULT_PLACEMENTS } from '../../../../shared/variants';
import type { PackResultView } from '../../../../shared/domain/variants';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { Spinner } from '../../components/Spinner';
import { api, toAppError } from '../../api/client';

type Placement = PackPlacement;

export function PackDialog({ open, setId, setName, onClose }: { open: boolean; setId: string; setName: string; onClose(): void }) {
  const { t } = useTranslation('translation', { keyPrefix: 'variants' });
  const { t: tr } = useTranslation();
  const [placements, setPlacements] = useState<Placement[]>([...DEFAULT_PLACEMENTS]);
  const [folder, setFolder] = useState('');
  const [canChoose, setCanChoose] = useState(true);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<PackResultView | null>(null);
  const [stopped, setStopped] = useState(false);

  useEffect(() => api.variants.onPackProgress((p) => p.setId === setId && setProgress({ done: p.done, total: p.total })), [setId]);

  const chosen = PackPlacement.options.filter((p) => placements.includes(p));
  const ok = folder.trim().length > 1 && chosen.length > 0;
  const close = () => {
    if (busy) return;
    setResult(null);
    setError(null);
    onClose();
  };
  const start = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    setProgress(null);
    setStopped(false);
    try {
      setResult(await api.variants.pack({ setId, folder: folder.trim(), placements: chosen }));
    } catch (err) {
      const e = toAppError(err);
      // A stopped pack leaves nothing behind: say so, not as an error.
      if (e.code === 'CANCELLED') setStopped(true);
      else setError(e.message);
    } finally {
      setBusy(false);
    }
  };
  const choose = async () => {
    setError(null);
    try {
      const r = await api.desktop.chooseSavePath({ defaultPath: folder.trim() || `${setName}-pack` });
      if (r.path) setFolder(r.path);
    } catch (err) {
      const e = toAppError(err);
      // Outside the desktop app (the browser harness) there is no OS dialog: type the path.
      if (e.code === 'UNSUPPORTED') setCanChoose(false);
      else setError(e.message);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={close}
      busy={busy}
      size="lg"
      title={t('pack.title')}
      description={t('pack.description')}
      footer={
        <>
          {busy ? (
            <Button variant="ghost" onClick={() => void api.variants.packCancel(setId)} data-testid="pack-stop">
              {t('pack.stop')}
            </Button>
          ) : (
            <Button variant="ghost" onClick={close}>
              {tr(result ? 'common.close' : 'common.cancel')}
            </Button>
          )}
          {result ? null : (
            <Button variant="primary" icon={PackageCheck} disabled={!ok || busy} onClick={() => void start()} data-testid="pack-start">
              {t('pack.start')}
            </Button>
          )}
        </>
      }
    >
      <div className="flex flex-col gap-5">
        <fieldset disabled={busy || result !== null} className="flex flex-col gap-1.5">
          <legend className="mb-1.5 text-[13px] font-medium">{t('pack.placements')}</legend>
          <div className="grid grid-cols-3 gap-2">
            {PackPlacement.options.map((p) => (
              <label key={p} className="flex items-center gap-2 text-sm">
                <input type="checkbox" checked={placements.includes(p)} onChange={() => setPlacements((cur) => (cur.includes(p) ? cur.filter((x) => x !== p) : [...cur, p]))} className="size-4 accent-[var(--color-accent)]" />
                {t(`placement.${p}`)}
              </label>
            ))}
          </div>
          {chosen.length === 0 ? <p className="text-xs text-danger" role="alert">{t('pack.placementsNone')}</p> : null}
        </fieldset>
        <div className="flex items-end gap-2">
          <div className="min-w-0 flex-1">
            <TextField label={t('pack.folder')} hint={t('pack.folderHint')} error={error} value={folder} onChange={(e) => setFolder(e.target.value)} disabled={busy} readOnly={result !== null} spellCheck={false} data-testid="pack-folder" />
          </div>
          {canChoose && !result ? (
            <Button icon={FolderOpen} className="mb-6 shrink-0" disabled={busy} onClick={() => void choose()} data-testid="pack-choose">
              {t('pack.choose')}
            </Button>
          ) : null}
        </div>
        {busy ? (
          <div className="flex flex-col gap-2" data-testid="pack-progress">
            <p role="status" className="flex items-center gap-2 text-[13px] text-ink-muted">
              <Spinner /> {progress ? t('pack.working', { done: progress.done, total: progress.total }) : t('pack.workingStart')}
            </p>
            <div role="progressbar" aria-label={t('pack.title')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={progress ? Math.round((100 * progress.done) / Math.max(1, progress.total)) : 0} className="h-2 overflow-hidden rounded-full bg-canvas">
              <div className="h-full rounded-full bg-accent transition-[width]" style={{ width: `${progress ? (100 * progress.done) / Math.max(1, progress.total) : 0}%` }} />
            </div>
          </div>
        ) : null}
        {stopped ? (
          <p role="status" className="text-[13px]" data-testid="pack-stopped">
            {t('pack.stopped')}
          </p>
        ) : null}
        {result ? <PackResult result={result} /> : null}
      </div>
    </Dialog>
  );
}

function PackResult({ result }: { result: PackResultView }) {
  const { t } = useTranslation('translation', { keyPrefix: 'variants' });
  const placements = [...new Set(result.rows.map((r) => r.placement))];
  return (
    <div className="flex flex-col gap-3 text-[13px]" data-testid="pack-result">
      <div className={`rounded-xl border p-3 ${result.rows.length ? 'border-success/40 bg-success-soft' : 'border-line bg-canvas'}`}>
        <p className={`font-medium ${result.rows.length ? 'text-success' : 'text-warning'}`} role="status">
          {result.rows.length ? t('pack.done', { count: result.rows.length }) : t('pack.noneWritten')}
        </p>
        <p className="mt-1 flex items-start gap-1.5 text-ink-muted">
          <span className="shrink-0">{t('pack.manifest')}:</span>
          <span className="min-w-0 break-all font-mono text-[12px]" data-testid="pack-manifest">
            {result.manifest}
          </span>
        </p>
      </div>
      {placements.length ? (
        <section aria-labelledby="pack-passed">
          <h4 id="pack-passed" className="mb-1 font-semibold">
            {t('pack.passed')}
          </h4>
          {placements.map((p) => (
            <div key={p} className="mb-2">
              <p className="text-ink-muted">{t(`placement.${p}`)}</p>
              <ul className="ml-4 list-disc font-mono text-[12px]" data-testid="pack-files">
                {result.rows
                  .filter((r) => r.placement === p)
                  .map((r) => (
                    <li key={r.file}>
                      {r.file} <span className="text-ink-faint">· {r.width}×{r.height} · {r.variantId}</span>
                    </li>
                  ))}
              </ul>
            </div>
          ))}
        </section>
      ) : null}
      {result.skipped.length ? (
        <section aria-labelledby="pack-left-out" data-testid="pack-skipped">
          <h4 id="pack-left-out" className="mb-1 font-semibold text-warning">
            {t('pack.leftOut')}
          </h4>
          <ul className="ml-4 list-disc">
            {result.skipped.map((s, i) => (
              <li key={`${s.placement}-${s.name}-${i}`}>
                <span className="font-medium">{s.name ? t('pack.leftOutName', { placement: t(`placement.${s.placement}`), name: s.name }) : t(`placement.${s.placement}`)}</span>: <span className="text-ink-muted">{s.reason}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
