import { CheckCircle2, RotateCcw, XCircle } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { GateReason, RunView } from '../../../../shared/domain/ads';

const ssim = (v: number | null) => (v === null ? '—' : v.toFixed(3));

/** One reason in the user's words, from its figures (an older run's recorded words as they are). */
function reasonText(t: TFunction, r: GateReason): string {
  switch (r.code) {
    case 'firstFrame':
    case 'lastFrame':
      return t(`ads.gate.reason.${r.code}`, { ssim: r.ssim.toFixed(3), min: r.min });
    case 'black':
      return t('ads.gate.reason.black', { seconds: r.seconds.toFixed(1) });
    case 'frozen':
      return t('ads.gate.reason.frozen', { seconds: r.seconds.toFixed(1), of: r.of.toFixed(1) });
    case 'short':
      return t('ads.gate.reason.short', { seconds: r.seconds.toFixed(2), asked: r.asked });
    case 'size':
      return t('ads.gate.reason.size', { width: r.width, height: r.height, aspect: r.aspect.toFixed(2) });
    case 'other':
      return r.text;
  }
}

const reasons = (t: TFunction, list: GateReason[]) => list.map((r) => reasonText(t, r)).join('; ');

/**
 * The continuity and quality gate per delivered scene (issue 21): SSIM at its start and end
 * against the frames it had to meet, black and frozen seconds, passed or not, and whether it was
 * made once more and why. Scenes made on this computer are not gated: the panel says so once a
 * scene is there, rather than showing nothing.
 */
export function SceneGates({ scenes, paid }: { scenes: RunView['scenes']; paid: boolean }) {
  const { t } = useTranslation();
  const gated = scenes.filter((s) => s.gate);
  if (!gated.length) {
    if (paid || !scenes.some((s) => s.thumbnailUrl)) return null;
    return (
      <section aria-labelledby="scene-gates-title" data-testid="scene-gates" data-gated="false">
        <h3 id="scene-gates-title" className="mb-1 text-[13px] font-semibold text-ink-muted">
          {t('ads.gate.title')}
        </h3>
        <p className="text-xs text-ink-faint">{t('ads.gate.offline')}</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="scene-gates-title" data-testid="scene-gates" data-gated="true">
      <h3 id="scene-gates-title" className="mb-1 text-[13px] font-semibold text-ink-muted">
        {t('ads.gate.title')}
      </h3>
      <p className="mb-2 text-xs text-ink-faint">{t('ads.gate.hint')}</p>
      <table className="w-full text-left text-[13px]">
        <thead className="text-xs text-ink-faint">
          <tr>
            <th scope="col" className="whitespace-nowrap py-1 pr-3 font-medium">{t('ads.gate.scene')}</th>
            <th scope="col" className="whitespace-nowrap py-1 pr-3 font-medium">{t('ads.gate.start')}</th>
            <th scope="col" className="whitespace-nowrap py-1 pr-3 font-medium">{t('ads.gate.end')}</th>
            <th scope="col" className="py-1 font-medium">{t('ads.gate.verdict')}</th>
          </tr>
        </thead>
        <tbody>
          {gated.map(({ index, gate: g }) => (
            <tr key={index} className="border-t border-line align-top" data-testid="scene-gate" data-passed={g!.passed} data-retried={g!.retriedBecause !== null}>
              <td className="whitespace-nowrap py-1.5 pr-3 text-ink-muted">{t('ads.run.sceneThumb', { index })}</td>
              <td className="py-1.5 pr-3 tabular-nums">{ssim(g!.firstSsim)}</td>
              <td className="py-1.5 pr-3 tabular-nums">{ssim(g!.lastSsim)}</td>
              <td className="py-1.5">
                <p className="flex items-center gap-1.5">
                  {g!.passed ? <CheckCircle2 aria-hidden className="size-4 text-success" /> : <XCircle aria-hidden className="size-4 text-danger" />}
                  {g!.passed ? t('ads.gate.passed') : t('ads.gate.failed', { why: reasons(t, g!.failed) })}
                  {g!.blackSeconds > 0 || g!.frozenSeconds > 0 ? <span className="text-xs text-ink-faint">{t('ads.gate.stills', { black: g!.blackSeconds.toFixed(1), frozen: g!.frozenSeconds.toFixed(1) })}</span> : null}
                </p>
                {g!.retriedBecause ? (
                  <p className="mt-0.5 flex items-start gap-1.5 text-xs text-ink-muted">
                    <RotateCcw aria-hidden className="mt-0.5 size-3 shrink-0" />
                    {t('ads.gate.retried', { why: reasons(t, g!.retriedBecause) })}
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
