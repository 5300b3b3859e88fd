import { CheckCircle2, RotateCcw, XCircle } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { RunView } from '../../../../shared/domain/ads';

const ssim = (v: number | null) => (v === null ? '—' : v.toFixed(3));

/**
 * The continuity and quality gate per delivered scene (issue 21): SSIM at its start and end
 * against the frames it had to meet, black and frozen seconds, passed or not, and whether it was
 * made once more and why. Nothing when no scene was gated (offline renders are not).
 */
export function SceneGates({ scenes }: { scenes: RunView['scenes'] }) {
  const { t } = useTranslation();
  const gated = scenes.filter((s) => s.gate);
  if (!gated.length) return null;
  return (
    <section aria-labelledby="scene-gates-title" data-testid="scene-gates">
      <h3 id="scene-gates-title" className="mb-1 text-[13px] font-semibold text-ink-muted">
        {t('ads.gate.title')}
      </h3>
      <p className="mb-2 text-xs text-ink-faint">{t('ads.gate.hint')}</p>
      <table className="w-full text-left text-[13px]">
        <thead className="text-xs text-ink-faint">
          <tr>
            <th scope="col" className="py-1 font-medium">{t('ads.gate.scene')}</th>
            <th scope="col" className="py-1 font-medium">{t('ads.gate.start')}</th>
            <th scope="col" className="py-1 font-medium">{t('ads.gate.end')}</th>
            <th scope="col" className="py-1 font-medium">{t('ads.gate.verdict')}</th>
          </tr>
        </thead>
        <tbody>
          {gated.map(({ index, gate: g }) => (
            <tr key={index} className="border-t border-line align-top" data-testid="scene-gate" data-passed={g!.passed} data-retried={g!.retriedBecause !== null}>
              <td className="py-1.5 pr-3 text-ink-muted">{t('ads.run.sceneThumb', { index })}</td>
              <td className="py-1.5 pr-3 tabular-nums">{ssim(g!.firstSsim)}</td>
              <td className="py-1.5 pr-3 tabular-nums">{ssim(g!.lastSsim)}</td>
              <td className="py-1.5">
                <p className="flex items-center gap-1.5">
                  {g!.passed ? <CheckCircle2 aria-hidden className="size-4 text-success" /> : <XCircle aria-hidden className="size-4 text-danger" />}
                  {g!.passed ? t('ads.gate.passed') : t('ads.gate.failed', { why: g!.failed.join('; ') })}
                  {g!.blackSeconds > 0 || g!.frozenSeconds > 0 ? <span className="text-xs text-ink-faint">{t('ads.gate.stills', { black: g!.blackSeconds.toFixed(1), frozen: g!.frozenSeconds.toFixed(1) })}</span> : null}
                </p>
                {g!.retriedBecause ? (
                  <p className="mt-0.5 flex items-start gap-1.5 text-xs text-ink-muted">
                    <RotateCcw aria-hidden className="mt-0.5 size-3 shrink-0" />
                    {t('ads.gate.retried', { why: g!.retriedBecause.join('; ') })}
                  </p>
                ) : g!.passed ? (
                  <p className="mt-0.5 text-xs text-ink-faint">{t('ads.gate.firstTime')}</p>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
