import { z } from 'zod';

export const Locale = z.enum(['en']);

export const SettingsPatch = z
  .object({
    locale: Locale.optional(),
    proxyUrl: z.union([z.url({ protocol: /^https?$/ }), z.literal('')]).optional(),
    ffmpegPath: z.string().max(4096).optional(),
  })
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export interface Settings {
  locale: z.infer<typeof Locale>;
  proxyUrl: string;
  /** Empty means the bundled FFmpeg. */
  ffmpegPath: string;
}

export interface FfmpegInfo {
  ffmpegPath: string;
  ffprobePath: string;
  version: string;
  bundled: boolean;
  capabilities: { xfade: boolean; libass: boolean; drawtext: boolean; loudnorm: boolean; encoders: string[] };
}

export interface AppInfo {
  version: string;
  dataDir: string;
  platform: string;
  ffmpeg: FfmpegInfo;
}
