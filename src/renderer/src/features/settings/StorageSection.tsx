import { useState } from 'react';
import { Check, Copy } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../../shared/domain';
import { IconButton } from '../../components/Button';
import { PathText } from '../../components/PathText';
import { InfoRow, SettingsCard } from './SettingsScreen';

export function StorageSection({ info }: { info: AppInfo }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <SettingsCard title={t('settings.storage.title')} hint={t('settings.storage.dataDirHint')} testId="settings-storage">
      <dl>
        <InfoRow label={t('settings.storage.dataDir')}>
          <span className="flex items-center gap-2">
            <PathText path={info.dataDir} testId="data-dir" className="min-w-0 flex-1 rounded-md bg-canvas px-2 py-1" />
            <IconButton
              icon={copied ? Check : Copy}
              label={copied ? t('common.copied') : t('common.copy')}
              onClick={() => {
                void navigator.clipboard?.writeText(info.dataDir).then(() => {
                  setCopied(true);
                  setTimeout(() => setCopied(false), 1500);
                });
              }}
            />
          </span>
        </InfoRow>
        <InfoRow label={t('settings.storage.version')}>
          <span className="tabular-nums">{info.version}</span>
        </InfoRow>
        <InfoRow label={t('settings.storage.platform')}>{info.platform}</InfoRow>
      </dl>
    </SettingsCard>
  );
}
