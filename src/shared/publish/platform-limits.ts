/**
 * What each social network accepts for a posted video ad, as data (issue 24). One place for the
 * publisher's spec check, the Post dialog and — until the platform specs of issue 16 land —
 * anyone else who needs the networks' limits. Every figure names its source.
 *
 * X: https://docs.x.com/x-api/media/quickstart/best-practices (video: 0.5 s – 20 min for a default
 *   account's Post video, 8 GB; dimensions 32×32 – 1280×1024, ≤ 60 fps, aspect 1:3 – 3:1, H.264 +
 *   AAC-LC, yuv420p, 1:1 pixels; "subscribed users can upload 1080p", others 720p) and
 *   https://docs.x.com/x-api/posts/create-post (280 weighted characters).
 * LinkedIn: https://learn.microsoft.com/linkedin/marketing/community-management/shares/videos-api
 *   (MP4, 75 KB – 500 MB, 3 s – 30 min, aspect 1:2.4 – 2.4:1) and the Posts API (commentary ≤ 3000
 *   characters, "little" text format).
 * The ad specs `zapcut check` judges exports by (src/shared/platforms.ts, issue 16) are stricter in
 * places (X ads: ≤ 140 s, ≤ 1 GB, 9:16–16:9; LinkedIn ads: ≤ 30 fps): the limits below are the
 * stricter of the two, so what we post is both accepted by the API and a valid ad.
 */
import type { Aspect } from '../domain/aspect';
import { PLATFORM_SPECS } from '../platforms';

export const SOCIAL_NETWORKS = ['x', 'linkedin'] as const;
export type SocialNetwork = (typeof SOCIAL_NETWORKS)[number];

export interface VideoLimits {
  minBytes: number;
  maxBytes: number;
  minSeconds: number;
  maxSeconds: number;
  /** Largest frame the network accepts without a re-encode (long side × short side). */
  maxLongSide: number;
  maxShortSide: number;
  minSide: number;
  /** Width ÷ height must lie within [minAspect, maxAspect]. */
  minAspect: number;
  maxAspect: number;
  maxFps: number;
  videoCodecs: readonly string[];
  audioCodecs: readonly string[];
  pixelFormats: readonly string[];
}

export interface NetworkLimits {
  network: SocialNetwork;
  /** How the caption is counted: X weighs characters (twitter-text v3), LinkedIn counts UTF-16 units. */
  captionCounting: 'x-weighted' | 'utf16';
  captionMax: number;
  video: VideoLimits;
  /** The aspects this network shows best in its feed, best first; the Post dialog preselects the first one the ad has. */
  preferredAspects: readonly Aspect[];
  /** Size of the upload the app makes when the export is larger than the network plays back. */
  uploadShortSide: number;
  source: string;
}

const MB = 1024 * 1024;

/** The API's limits narrowed by the ad spec of the same network. */
function withAdSpec(network: SocialNetwork, v: VideoLimits): VideoLimits {
  const ad = PLATFORM_SPECS[network];
  return {
    ...v,
    minBytes: Math.max(v.minBytes, ad.minBytes ?? 0),
    maxBytes: Math.min(v.maxBytes, ad.maxBytes),
    minSeconds: Math.max(v.minSeconds, ad.durationS.min),
    maxSeconds: Math.min(v.maxSeconds, ad.durationS.max),
    minAspect: Math.max(v.minAspect, ad.aspect.min),
    maxAspect: Math.min(v.maxAspect, ad.aspect.max),
    maxFps: Math.min(v.maxFps, ad.maxFps ?? v.maxFps),
    maxLongSide: Math.min(v.maxLongSide, ad.maxSide ?? v.maxLongSide),
  };
}

const API_LIMITS: Record<SocialNetwork, NetworkLimits> = {
  x: {
    network: 'x',
    captionCounting: 'x-weighted',
    captionMax: 280,
    video: {
      minBytes: 1,
      maxBytes: 8 * 1024 * MB,
      minSeconds: 0.5,
      maxSeconds: 20 * 60,
      maxLongSide: 1280,
      maxShortSide: 1024,
      minSide: 32,
      minAspect: 1 / 3,
      maxAspect: 3,
      maxFps: 60,
      videoCodecs: ['h264'],
      audioCodecs: ['aac'],
      pixelFormats: ['yuv420p', 'yuvj420p'],
    },
    // X's timeline is landscape-first on the web and crops nothing at 16:9; 1:1 takes the most
    // room in the mobile timeline. X recommends 1280×720 / 720×720 (best-practices page).
    preferredAspects: ['16:9', '1:1'],
    uploadShortSide: 720,
    source: 'https://docs.x.com/x-api/media/quickstart/best-practices',
  },
  linkedin: {
    network: 'linkedin',
    captionCounting: 'utf16',
    captionMax: 3000,
    video: {
      minBytes: 75 * 1024,
      maxBytes: 500 * MB,
      minSeconds: 3,
      maxSeconds: 30 * 60,
      maxLongSide: 4096,
      maxShortSide: 2304,
      minSide: 32,
      minAspect: 1 / 2.4,
      maxAspect: 2.4,
      maxFps: 60,
      videoCodecs: ['h264'],
      audioCodecs: ['aac'],
      pixelFormats: ['yuv420p', 'yuvj420p'],
    },
    // LinkedIn's feed is read mostly on phones, where a square video fills the card's width
    // without letterboxing; 16:9 is the desktop feed's native shape.
    preferredAspects: ['1:1', '16:9'],
    uploadShortSide: 1080,
    source: 'https://learn.microsoft.com/linkedin/marketing/community-management/shares/videos-api',
  },
};

export const PLATFORM_LIMITS: Record<SocialNetwork, NetworkLimits> = {
  x: { ...API_LIMITS.x, video: withAdSpec('x', API_LIMITS.x.video) },
  linkedin: { ...API_LIMITS.linkedin, video: withAdSpec('linkedin', API_LIMITS.linkedin.video) },
};

/** The aspect to preselect for a network among the ones the ad already has (else the network's first choice). */
export function preferredAspect(network: SocialNetwork, have: readonly Aspect[]): Aspect {
  const order = PLATFORM_LIMITS[network].preferredAspects;
  return order.find((a) => have.includes(a)) ?? have[0] ?? order[0]!;
}
