import { z } from 'zod';

export const Locale = z.enum(['en']);

/**
 * Scene jobs made at once on a video model that takes a first and a last frame (issue 21). The
 * default and the bound are pipeline/stages/anchors.ts's (why 5 and 8: the proxy's request rate
 * per user — the paid-call cap counts calls, not their overlap, so concurrency spends nothing more).
 */
export const SCENE_CONCURRENCY = { default: 5, max: 8 } as const;
export const SceneConcurrency = z.number().int().min(1).max(SCENE_CONCURRENCY.max);

export const SettingsPatch = z
  .object({
    locale: Locale.optional(),
    proxyUrl: z.union([z.url({ protocol: /^https?$/ }), z.literal('')]).optional(),
    ffmpegPath: z.string().max(4096).optional(),
    sceneConcurrency: SceneConcurrency.optional(),
  })
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export interface Settings {
  locale: z.infer<typeof Locale>;
  proxyUrl: string;
  /** Empty means the bundled FFmpeg. */
  ffmpegPath: string;
  /** Scene jobs at once (SCENE_CONCURRENCY); the default until the user picks one. */
  sceneConcurrency: number;
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
