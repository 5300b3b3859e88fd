import { Clapperboard, Film, Sparkles } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { useNavigation } from '../../stores/navigation';

/** Ads and Editor arrive with later issues; until then they explain what will be here. */
export function AdsScreen() {
  const { t } = useTranslation();
  const go = useNavigation((s) => s.go);
  return (
    <div className="flex min-h-full items-center justify-center">
      <EmptyState
        icon={Clapperboard}
        title={t('placeholders.ads.title')}
        body={t('placeholders.ads.body')}
        action={
          <Button variant="primary" icon={Sparkles} onClick={() => go('brands')}>
            {t('placeholders.ads.action')}
          </Button>
        }
      />
    </div>
  );
}

export function EditorScreen() {
  const { t } = useTranslation();
  const go = useNavigation((s) => s.go);
  return (
    <div className="flex min-h-full items-center justify-center">
      <EmptyState
        icon={Film}
        title={t('placeholders.editor.title')}
        body={t('placeholders.editor.body')}
        action={<Button onClick={() => go('brands')}>{t('placeholders.editor.action')}</Button>}
      />
    </div>
  );
}
