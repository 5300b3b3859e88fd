import { Check, Minus } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { FfmpegInfo, Settings } from '../../../../shared/domain';
import { PathText } from '../../components/PathText';
import { FfmpegPathForm } from './FfmpegPathForm';
import { InfoRow, SettingsCard } from './SettingsScreen';

// What the compositor uses. Not xfade: crossfades are drawn with alpha fades and overlays, so its
// absence (the bundled FFmpeg 4.1) changes nothing a user sees — showing it "unavailable" misled.
const capabilityKeys = ['libass', 'drawtext', 'loudnorm'] as const;

export function FfmpegSection({ ffmpeg, settings }: { ffmpeg: FfmpegInfo; settings: Settings }) {
  const { t } = useTranslation();
  return (
    <SettingsCard title={t('settings.ffmpeg.title')} hint={t('settings.ffmpeg.hint')} testId="settings-ffmpeg">
      <dl>
        <InfoRow label={t('settings.ffmpeg.path')}>
          <PathText path={ffmpeg.ffmpegPath} testId="ffmpeg-path" />
        </InfoRow>
        <InfoRow label={t('settings.ffmpeg.ffprobePath')}>
          <PathText path={ffmpeg.ffprobePath} />
        </InfoRow>
        <InfoRow label={t('settings.ffmpeg.version')}>
          <span className="font-mono text-[13px]" data-testid="ffmpeg-version">
            {ffmpeg.version}
          </span>
        </InfoRow>
        <InfoRow label={t('settings.ffmpeg.source')}>{ffmpeg.bundled ? t('settings.ffmpeg.bundled') : t('settings.ffmpeg.custom')}</InfoRow>
        <InfoRow label={t('settings.ffmpeg.capabilities')}>
          <ul className="flex flex-wrap gap-2" data-testid="ffmpeg-capabilities">
            {capabilityKeys.map((key) => {
              const name = t(`settings.ffmpeg.cap.${key}`);
              const on = ffmpeg.capabilities[key];
              return (
                <li
                  key={key}
                  aria-label={on ? t('settings.ffmpeg.available', { name }) : t('settings.ffmpeg.missing', { name })}
                  data-available={on}
                  className={`inline-flex items-center gap-1.5 rounded-full border px-2.5 py-1 text-xs font-medium ${
                    on ? 'border-success/30 bg-success-soft text-success' : 'border-line bg-canvas text-ink-faint'
                  }`}
                >
                  {on ? <Check aria-hidden className="size-3" /> : <Minus aria-hidden className="size-3" />}
                  {name}
                </li>
              );
            })}
          </ul>
        </InfoRow>
        <InfoRow label={t('settings.ffmpeg.encoders')}>
          {ffmpeg.capabilities.encoders.length ? (
            <ul className="flex flex-wrap gap-1.5">
              {ffmpeg.capabilities.encoders.map((encoder) => (
                <li key={encoder} className="rounded-md bg-canvas px-2 py-0.5 font-mono text-xs text-ink-muted">
                  {encoder}
                </li>
              ))}
            </ul>
          ) : (
            <span className="text-ink-faint">{t('settings.ffmpeg.noEncoders')}</span>
          )}
        </InfoRow>
      </dl>
      <FfmpegPathForm settings={settings} />
    </SettingsCard>
  );
}
