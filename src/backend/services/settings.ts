import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { Locale, SCENE_CONCURRENCY, SceneConcurrency, SettingsPatch, type Settings } from '../../shared/domain';
import { getAllSettings, setSetting } from '../storage/repos';
import { getCapabilities, resolveBinaries } from '../../pipeline/ffmpeg';
import type { ServiceContext } from './context';
import { writeTransaction } from '../storage/transaction';

export const defaultSettings: Settings = { locale: 'en', proxyUrl: '', ffmpegPath: '', sceneConcurrency: SCENE_CONCURRENCY.default };

// Stored values are re-validated on read: a value written by an older build (or by hand) that no
// longer fits falls back to its default instead of breaking the app.
const Stored = z.object({
  locale: Locale.catch(defaultSettings.locale),
  proxyUrl: z.string().catch(defaultSettings.proxyUrl),
  ffmpegPath: z.string().catch(defaultSettings.ffmpegPath),
  sceneConcurrency: SceneConcurrency.catch(defaultSettings.sceneConcurrency),
});

/** The scene concurrency the user chose in Settings, or undefined when they never did (then ZAPCUT_SCENE_CONCURRENCY or the default apply). */
export function chosenSceneConcurrency(ctx: ServiceContext): number | undefined {
  return getAllSettings(ctx.db).sceneConcurrency === undefined ? undefined : getSettings(ctx).sceneConcurrency;
}

export function getSettings(ctx: ServiceContext): Settings {
  return Stored.parse({ ...defaultSettings, ...getAllSettings(ctx.db) });
}

export async function updateSettings(ctx: ServiceContext, patch: SettingsPatch): Promise<Settings> {
  const valid = SettingsPatch.parse(patch);
  if (valid.ffmpegPath) {
    // Refuse a path that is not a working FFmpeg now, rather than failing the next export.
    const bin = resolveBinaries({ ffmpegPath: valid.ffmpegPath });
    try {
      await getCapabilities(bin.ffmpegPath);
    } catch (cause) {
      throw new AppError('VALIDATION', `"${valid.ffmpegPath}" does not run as FFmpeg. Pick the ffmpeg executable, or clear the field to use the bundled one.`, { cause });
    }
  }
  writeTransaction(ctx.db, () => {
    for (const [key, value] of Object.entries(valid)) if (value !== undefined) setSetting(ctx.db, key, value);
  });
  return getSettings(ctx);
}
