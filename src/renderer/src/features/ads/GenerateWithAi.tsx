import { useState } from 'react';
import { Wand2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { AdProjectView } from '../../../../shared/domain/ads';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { useAccount } from '../account/store';
import { adsApi } from './api';
import { CostNoteLine, useCostNote } from './CostNote';
import { useAds } from './store';

/**
 * "Generate with AI" on a finished free (offline) ad (issue 20): the Zapcut service makes every
 * scene again into the ad as the creator edited it. Signed in only; the confirm says what is kept
 * and replaced, and the account's quote for an ad of this length.
 */
export function GenerateWithAi({ project }: { project: AdProjectView }) {
  const { t } = useTranslation();
  const act = useAds((s) => s.act);
  const busy = useAds((s) => s.busy);
  const view = useAccount((s) => s.view);
  const note = useCostNote(project.lengthSeconds ?? 30);
  const [open, setOpen] = useState(false);
  const [starting, setStarting] = useState(false);
  if (!project.runView || project.runView.paid) return null;
  const signedIn = !!view?.signedIn;
  return (
    <section className="rounded-2xl border border-line bg-surface p-5" aria-labelledby="ai-title" data-testid="generate-ai">
      <h3 id="ai-title" className="text-[14px] font-semibold">
        {t('ads.result.ai.title')}
      </h3>
      <p className="mt-1 text-[13px] text-ink-muted">{signedIn ? t('ads.result.ai.hint') : t('ads.result.ai.signedOut')}</p>
      {signedIn ? (
        <div className="mt-3">
          <Button icon={Wand2} disabled={busy !== null} onClick={() => setOpen(true)} data-testid="generate-ai-open">
            {t('ads.result.ai.open')}
          </Button>
        </div>
      ) : null}
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        busy={starting}
        size="sm"
        title={t('ads.result.ai.confirmTitle')}
        footer={
          <>
            <Button variant="ghost" onClick={() => setOpen(false)} disabled={starting} data-autofocus>
              {t('common.cancel')}
            </Button>
            <Button
              variant="primary"
              icon={Wand2}
              disabled={starting}
              data-testid="generate-ai-confirm"
              onClick={async () => {
                setStarting(true);
                const ok = await act('generateAi', (id) => adsApi.generateScenes(id));
                setStarting(false);
                if (ok) setOpen(false);
              }}
            >
              {t('ads.result.ai.confirm')}
            </Button>
          </>
        }
      >
        <div className="flex flex-col gap-2 text-[13px]">
          <p>{t('ads.result.ai.keeps')}</p>
          <p>{t('ads.result.ai.replaces')}</p>
          {note.kind === 'unreachable' ? <p className="text-warning">{t('ads.cost.unreachable', { reason: note.message })}</p> : <CostNoteLine note={note} busy={starting} onContinueOffline={() => setOpen(false)} />}
        </div>
      </Dialog>
    </section>
  );
}
