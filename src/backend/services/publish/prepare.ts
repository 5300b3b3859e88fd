/**
 * The spec check before anything is uploaded, and the upload file itself. The source is probed
 * with ffprobe and held against the network's limits (src/shared/publish/platform-limits.ts):
 * what cannot be fixed (too long, too short, too big, an aspect the network refuses, a caption
 * over the limit) is an error shown before uploading; what a re-encode fixes (X plays 720p for
 * most accounts and refuses frames over 1280×1024; a codec, pixel format or frame rate it does
 * not take) is done here with the one FFmpeg runner — H.264 High, yuv420p, AAC-LC, closed GOPs,
 * faststart — into `<data>/publish/`.
 */
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { PostCheck, SpecIssue } from '../../../shared/domain/publish';
import { AppError } from '../../../shared/errors';
import { countCaption } from '../../../shared/publish/caption';
import { PLATFORM_LIMITS, type SocialNetwork } from '../../../shared/publish/platform-limits';
import { probeMedia } from '../../../pipeline/ffmpeg/probe';
import { runFfmpeg } from '../../../pipeline/ffmpeg/run';
import type { ServiceContext } from '../context';

const NAMES: Record<SocialNetwork, string> = { x: 'X', linkedin: 'LinkedIn' };
const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);
const mb = (b: number) => `${Math.round(b / 1024 / 1024)} MB`;

export interface UploadPlan {
  check: PostCheck;
  durationS: number;
}

/** Frame size that fits the network: the export's own when it fits, else scaled to the network's upload size. */
function fitSize(network: SocialNetwork, w: number, h: number): { width: number; height: number; resize: boolean } {
  const v = PLATFORM_LIMITS[network].video;
  const long = Math.max(w, h);
  const short = Math.min(w, h);
  if (long <= v.maxLongSide && short <= v.maxShortSide) return { width: w, height: h, resize: false };
  const target = PLATFORM_LIMITS[network].uploadShortSide;
  const scale = Math.min(target / short, v.maxLongSide / long, v.maxShortSide / short);
  return { width: even(w * scale), height: even(h * scale), resize: true };
}

export async function checkVideo(ctx: ServiceContext, network: SocialNetwork, file: string, caption: string): Promise<UploadPlan> {
  const limits = PLATFORM_LIMITS[network];
  const name = NAMES[network];
  let bytes: number;
  try {
    bytes = (await stat(file)).size;
  } catch {
    throw new AppError('NOT_FOUND', 'The video to post is no longer there. Export the ad again, then post.');
  }
  const probe = await probeMedia(ctx.binaries().ffprobePath, file);
  const v = probe.video;
  if (!v || !probe.durationS) throw new AppError('UNSUPPORTED_MEDIA', 'This file has no video Zapcut can read. Export the ad again, then post.');
  const issues: SpecIssue[] = [];
  const cap = countCaption(network, caption);
  if (cap.over) issues.push({ level: 'error', code: 'caption_too_long', message: `The caption is ${cap.count} characters; ${name} allows ${cap.max}${network === 'x' ? ' (links count 23, emoji and CJK 2)' : ''}. Shorten it by ${cap.count - cap.max}.` });
  const d = probe.durationS;
  if (d > limits.video.maxSeconds) issues.push({ level: 'error', code: 'too_long', message: `The video is ${Math.round(d)} s; ${name} takes at most ${limits.video.maxSeconds >= 600 ? `${Math.round(limits.video.maxSeconds / 60)} min` : `${limits.video.maxSeconds} s`} for an ad.` });
  if (d < limits.video.minSeconds) issues.push({ level: 'error', code: 'too_short', message: `The video is ${d.toFixed(1)} s; ${name} needs at least ${limits.video.minSeconds} s.` });
  const aspect = v.displayWidth / v.displayHeight;
  if (aspect < limits.video.minAspect - 1e-3 || aspect > limits.video.maxAspect + 1e-3) issues.push({ level: 'error', code: 'aspect', message: `${name} does not take a ${v.displayWidth}×${v.displayHeight} frame (aspect between ${limits.video.minAspect.toFixed(2)} and ${limits.video.maxAspect.toFixed(2)}). Pick another aspect.` });
  const fit = fitSize(network, v.displayWidth, v.displayHeight);
  const badCodec = !limits.video.videoCodecs.includes(v.codec) || (probe.audio !== null && !limits.video.audioCodecs.includes(probe.audio.codec)) || !limits.video.pixelFormats.includes(v.pixFmt ?? '') || v.sar !== 1 || v.rotation !== 0;
  const fastFps = (v.fps ?? 30) > limits.video.maxFps;
  if (fit.resize) issues.push({ level: 'fix', code: 'resize', message: `${name} plays ${limits.uploadShortSide}p for most accounts and takes frames up to ${limits.video.maxLongSide}×${limits.video.maxShortSide}: Zapcut uploads a ${fit.width}×${fit.height} copy (your export is unchanged).` });
  else if (badCodec) issues.push({ level: 'fix', code: 'reencode', message: `${name} takes H.264 + AAC in yuv420p: Zapcut uploads a re-encoded copy.` });
  if (fastFps) issues.push({ level: 'fix', code: 'fps', message: `${name} takes at most ${limits.video.maxFps} fps: the copy is made at ${limits.video.maxFps} fps.` });
  const reencode = fit.resize || badCodec || fastFps;
  // A re-encoded copy of an ad is about the bitrate we choose; the export's own size counts when uploaded as is.
  const uploadBytes = reencode ? Math.round(((fit.width * fit.height) / (1280 * 720)) * 5_200_000 * d / 8) : bytes;
  if (uploadBytes > limits.video.maxBytes) issues.push({ level: 'error', code: 'too_big', message: `The video would be ${mb(uploadBytes)}; ${name} takes at most ${mb(limits.video.maxBytes)}.` });
  if (uploadBytes < limits.video.minBytes) issues.push({ level: 'error', code: 'too_small', message: `The video is ${Math.round(uploadBytes / 1024)} KB; ${name} needs at least ${Math.round(limits.video.minBytes / 1024)} KB.` });
  return {
    durationS: d,
    check: {
      network,
      caption: cap,
      video: { width: v.displayWidth, height: v.displayHeight, durationS: Math.round(d * 100) / 100, bytes, codec: v.codec, fps: v.fps },
      upload: { width: fit.width, height: fit.height, reencode },
      issues,
      ok: !issues.some((i) => i.level === 'error'),
      alreadyPosted: null,
    },
  };
}

/** The file to upload: the export itself when it fits, else a fitted copy under `<data>/publish/`. */
export async function uploadFile(ctx: ServiceContext, postId: string, network: SocialNetwork, source: string, plan: UploadPlan, signal: AbortSignal): Promise<string> {
  if (!plan.check.upload.reencode) return source;
  const dir = path.join(ctx.dataDir, 'publish');
  await mkdir(dir, { recursive: true });
  const out = path.join(dir, `${postId}-${network}.mp4`);
  try {
    await stat(out);
    return out; // made by an earlier attempt of this post (resume)
  } catch {
    // not made yet
  }
  const { width, height } = plan.check.upload;
  const fps = Math.min(PLATFORM_LIMITS[network].video.maxFps, Math.round(plan.check.video.fps ?? 30));
  const kbps = Math.round(((width * height) / (1280 * 720)) * 5000);
  await runFfmpeg({
    ffmpegPath: ctx.binaries().ffmpegPath,
    args: ['-i', source, '-map', '0:v:0', '-map', '0:a:0?', '-vf', `scale=${width}:${height}:flags=lanczos,setsar=1,format=yuv420p`, '-r', String(fps), '-c:v', 'libx264', '-profile:v', 'high', '-preset', 'medium', '-b:v', `${kbps}k`, '-maxrate', `${Math.round(kbps * 1.5)}k`, '-bufsize', `${kbps * 2}k`, '-g', String(fps * 2), '-c:a', 'aac', '-profile:a', 'aac_low', '-b:a', '128k', '-ac', '2', '-movflags', '+faststart'],
    output: out,
    durationS: plan.durationS,
    signal,
  });
  return out;
}

export async function removeUploadFile(ctx: ServiceContext, postId: string, network: SocialNetwork): Promise<void> {
  await rm(path.join(ctx.dataDir, 'publish', `${postId}-${network}.mp4`), { force: true });
}
