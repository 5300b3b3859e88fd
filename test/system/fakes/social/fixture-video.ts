/** A small real ad-like MP4 (H.264 + AAC, faststart) made with FFmpeg's lavfi sources, for publishing tests. */
import { runFfmpeg } from '../../../../src/pipeline/ffmpeg/run';

export async function makeVideo(ffmpegPath: string, out: string, o: { seconds: number; width: number; height: number; kbps?: number }): Promise<string> {
  await runFfmpeg({
    ffmpegPath,
    args: ['-f', 'lavfi', '-i', `testsrc2=s=${o.width}x${o.height}:r=24:d=${o.seconds}`, '-f', 'lavfi', '-i', `sine=f=440:d=${o.seconds}`, '-c:v', 'libx264', '-preset', 'ultrafast', '-b:v', `${o.kbps ?? 600}k`, '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '96k', '-shortest', '-movflags', '+faststart'],
    output: out,
  });
  return out;
}
