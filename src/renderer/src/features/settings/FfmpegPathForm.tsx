import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../shared/domain';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { useSettings } from '../../stores/settings';
import { useToasts } from '../../stores/toasts';

/** A user-chosen FFmpeg (e.g. a newer one with xfade). The backend runs it before accepting it. */
export function FfmpegPathForm({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const update = useSettings((s) => s.update);
  const refreshInfo = useSettings((s) => s.refreshInfo);
  const [value, setValue] = useState(settings.ffmpegPath);
  const [saving, setSaving] = useState(false);
  const trimmed = value.trim();

  async function save(path: string) {
    setSaving(true);
    if (await update({ ffmpegPath: path })) {
      setValue(path);
      await refreshInfo();
      useToasts.getState().success('settings.ffmpeg.saved');
    }
    setSaving(false);
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (trimmed !== settings.ffmpegPath) void save(trimmed);
  };

  return (
    <form onSubmit={submit} noValidate className="mt-4 flex items-start gap-3 border-t border-line pt-5">
      <div className="flex-1">
        <TextField
          label={t('settings.ffmpeg.customPath')}
          hint={t('settings.ffmpeg.customPathHint')}
          placeholder={t('settings.ffmpeg.customPathPlaceholder')}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          spellCheck={false}
          className="font-mono text-[13px]"
          name="ffmpegPath"
        />
      </div>
      <div className="mt-[26px] flex gap-2">
        {settings.ffmpegPath ? (
          <Button variant="ghost" disabled={saving} onClick={() => void save('')}>
            {t('settings.ffmpeg.useBundled')}
          </Button>
        ) : null}
        <Button type="submit" variant="primary" disabled={saving || trimmed === settings.ffmpegPath}>
          {saving ? t('common.saving') : t('common.save')}
        </Button>
      </div>
    </form>
  );
}
