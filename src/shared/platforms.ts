/**
 * What each network accepts for a video ad, as data in one place: `zapcut check` and the app's
 * export report judge files against it, publishing (issue 24) reads its per-network limits.
 * Numbers are the networks' published specs (sources beside each entry, read 2026-12; Meta's and
 * X's own pages were not reachable from here, so their figures come from spec digests that quote
 * them, cross-checked against each other); where a
 * network only recommends (TikTok's 9–15 s), the hard limit is what is enforced and the
 * recommendation is kept as `recommended`.
 *
 * Loudness is not a platform limit: every ad is mastered to −14 LUFS / −1 dBTP
 * (PRODUCT.md "What an ad must be"), which is what the platforms normalise playback towards.
 */
import { z } from 'zod';

export const Platform = z.enum(['tiktok', 'reels', 'shorts', 'youtube', 'feed', 'x', 'linkedin']);
export type Platform = z.infer<typeof Platform>;

export type Orientation = 'portrait' | 'square' | 'landscape';

export interface AspectRange {
  /** Width ÷ height, inclusive (9:16 = 0.5625, 16:9 = 1.7778). */
  min: number;
  max: number;
}

export interface PlatformSpec {
  id: Platform;
  /** Short English name (the renderer shows its own i18n label by id). */
  name: string;
  /** Accepted width ÷ height range. */
  aspect: AspectRange;
  /** The shape that fills the placement (what Zapcut should export for it). */
  preferredAspect: '9:16' | '1:1' | '16:9';
  /** Smallest accepted frame, width × height, per orientation (square: within 1 % of 1:1). */
  minFrame: Record<Orientation, { width: number; height: number }>;
  /** Largest accepted frame side, when the network states one. */
  maxSide: number | null;
  durationS: { min: number; max: number };
  recommendedDurationS?: { min: number; max: number };
  maxBytes: number;
  minBytes?: number;
  /** Total bitrate floor / ceiling, kbit/s, when stated. */
  minKbps?: number;
  maxKbps?: number;
  maxFps: number | null;
  containers: readonly string[];
  videoCodecs: readonly string[];
  audioCodecs: readonly string[];
  /** Where the numbers come from. */
  sources: readonly string[];
}

const MB = 1024 * 1024;
const GB = 1024 * MB;
const ratio = (w: number, h: number) => w / h;

export const PLATFORM_SPECS: Record<Platform, PlatformSpec> = {
  // TikTok in-feed ads: 9:16, 1:1 or 16:9; ≥720×1280 / ≥640×640 / ≥1280×720; 5–60 s (9–15 s
  // suggested); ≥516 kbps; ≤500 MB; .mp4/.mov/.mpeg/.3gp/.avi.
  tiktok: {
    id: 'tiktok',
    name: 'TikTok in-feed',
    aspect: { min: ratio(9, 16), max: ratio(16, 9) },
    preferredAspect: '9:16',
    minFrame: { portrait: { width: 720, height: 1280 }, square: { width: 640, height: 640 }, landscape: { width: 1280, height: 720 } },
    maxSide: null,
    durationS: { min: 5, max: 60 },
    recommendedDurationS: { min: 9, max: 15 },
    maxBytes: 500 * MB,
    minKbps: 516,
    maxFps: null,
    containers: ['mp4', 'mov'],
    videoCodecs: ['h264'],
    audioCodecs: ['aac'],
    sources: ['https://ads.tiktok.com/help/article?aid=6669199281502552069'],
  },
  // Instagram/Facebook Reels ads: 9:16 (4:5 also shown), min width 500 px, up to 4 GB,
  // 0–15 min in Reels; MP4/MOV, H.264, AAC.
  reels: {
    id: 'reels',
    name: 'Instagram / Facebook Reels',
    aspect: { min: ratio(9, 16), max: ratio(4, 5) },
    preferredAspect: '9:16',
    minFrame: { portrait: { width: 500, height: 888 }, square: { width: 500, height: 500 }, landscape: { width: 500, height: 281 } },
    maxSide: null,
    durationS: { min: 1, max: 15 * 60 },
    recommendedDurationS: { min: 6, max: 30 },
    maxBytes: 4 * GB,
    maxFps: null,
    containers: ['mp4', 'mov'],
    videoCodecs: ['h264'],
    audioCodecs: ['aac'],
    sources: ['https://www.xyzlab.com/meta-ads-specs', 'https://developers.facebook.com/docs/instagram/ads-api/reference/media-requirements'],
  },
  // YouTube Shorts: square or vertical, up to 3 minutes (uploads after 2024-10-15); the
  // upload encoding settings are YouTube's (see `youtube`).
  shorts: {
    id: 'shorts',
    name: 'YouTube Shorts',
    aspect: { min: ratio(9, 16), max: 1 },
    preferredAspect: '9:16',
    minFrame: { portrait: { width: 360, height: 640 }, square: { width: 360, height: 360 }, landscape: { width: 640, height: 360 } },
    maxSide: null,
    durationS: { min: 1, max: 180 },
    maxBytes: 256 * GB,
    maxFps: 60,
    containers: ['mp4', 'mov'],
    videoCodecs: ['h264'],
    audioCodecs: ['aac'],
    sources: ['https://support.google.com/youtube/answer/15424877', 'https://support.google.com/youtube/answer/1722171'],
  },
  // YouTube (in-stream / pre-roll uploads): MP4 with the moov atom first (fast start), H.264
  // High profile 4:2:0, AAC-LC 48 kHz stereo; 1080p30 ≈ 8 Mbps recommended; 256 GB / 12 h.
  youtube: {
    id: 'youtube',
    name: 'YouTube',
    aspect: { min: ratio(9, 16), max: ratio(16, 9) },
    preferredAspect: '16:9',
    minFrame: { portrait: { width: 360, height: 640 }, square: { width: 360, height: 360 }, landscape: { width: 640, height: 360 } },
    maxSide: null,
    durationS: { min: 1, max: 12 * 3600 },
    maxBytes: 256 * GB,
    maxFps: 60,
    containers: ['mp4', 'mov'],
    videoCodecs: ['h264'],
    audioCodecs: ['aac'],
    sources: ['https://support.google.com/youtube/answer/1722171', 'https://support.google.com/youtube/answer/71673'],
  },
  // Facebook/Instagram Feed video ads: 1:1 (desktop and mobile) or 4:5 (mobile), 16:9 allowed;
  // min 120×120 px; 1 s–241 min; ≤4 GB.
  feed: {
    id: 'feed',
    name: 'Facebook / Instagram Feed',
    aspect: { min: ratio(4, 5), max: ratio(16, 9) },
    preferredAspect: '1:1',
    minFrame: { portrait: { width: 120, height: 120 }, square: { width: 120, height: 120 }, landscape: { width: 120, height: 120 } },
    maxSide: null,
    durationS: { min: 1, max: 241 * 60 },
    recommendedDurationS: { min: 6, max: 30 },
    maxBytes: 4 * GB,
    maxFps: null,
    containers: ['mp4', 'mov'],
    videoCodecs: ['h264'],
    audioCodecs: ['aac'],
    sources: ['https://www.xyzlab.com/meta-ads-specs', 'https://noedos.com/resources/guides/meta-ad-creative-video-specs-guide'],
  },
  // X promoted video: MP4/MOV ≤1 GB, up to 2:20, 1:1 / 16:9 / 9:16; H.264 4:2:0, AAC-LC;
  // 720×1280 minimum for vertical, 25 Mbps maximum, ≤60 fps.
  x: {
    id: 'x',
    name: 'X (Twitter)',
    aspect: { min: ratio(9, 16), max: ratio(16, 9) },
    preferredAspect: '1:1',
    minFrame: { portrait: { width: 720, height: 1280 }, square: { width: 600, height: 600 }, landscape: { width: 640, height: 360 } },
    maxSide: 1920,
    durationS: { min: 0.5, max: 140 },
    recommendedDurationS: { min: 6, max: 15 },
    maxBytes: 1 * GB,
    maxKbps: 25_000,
    maxFps: 60,
    containers: ['mp4', 'mov'],
    videoCodecs: ['h264'],
    audioCodecs: ['aac'],
    sources: ['https://marketing.twitter.com/apac/en_gb/solutions/ad-format-specs/promoted-video', 'https://www.xyzlab.com/specs/x-twitter-ads'],
  },
  // LinkedIn video ads: 360–1920 px per side, 9:16 to 16:9, 3 s–30 min, 75 KB–500 MB, MP4,
  // H.264, AAC, up to 30 fps, audio under 64 kHz.
  linkedin: {
    id: 'linkedin',
    name: 'LinkedIn',
    aspect: { min: ratio(9, 16), max: ratio(16, 9) },
    preferredAspect: '1:1',
    minFrame: { portrait: { width: 360, height: 640 }, square: { width: 360, height: 360 }, landscape: { width: 640, height: 360 } },
    maxSide: 1920,
    durationS: { min: 3, max: 30 * 60 },
    recommendedDurationS: { min: 6, max: 15 },
    maxBytes: 500 * MB,
    minBytes: 75 * 1024,
    maxFps: 30,
    containers: ['mp4'],
    videoCodecs: ['h264'],
    audioCodecs: ['aac'],
    sources: ['https://www.linkedin.com/help/lms/answer/a424737'],
  },
};

/** Aspect ratios within 1 % of a platform's range still pass (Meta's stated tolerance). */
export const ASPECT_TOLERANCE = 0.01;

export function orientationOf(width: number, height: number): Orientation {
  const r = width / height;
  return Math.abs(r - 1) <= ASPECT_TOLERANCE ? 'square' : r < 1 ? 'portrait' : 'landscape';
}

/** The platforms an export of this shape serves without bars or crops. */
export function platformsFor(aspect: '9:16' | '1:1' | '16:9'): Platform[] {
  return Platform.options.filter((p) => PLATFORM_SPECS[p].preferredAspect === aspect);
}
