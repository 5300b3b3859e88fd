/**
 * bench:scene-gate — where the continuity gate's SSIM threshold comes from (quality/scene-gate.ts).
 * Keyframes of three real-looking ads (the offline engine's stills of the example briefs' products,
 * each made from the one before, as the keyframe stage does), clips between each pair made by the
 * fake video model (which interpolates from its first frame to its last), encoded H.264 at two sizes.
 *
 *   good pairs: a clip's first frame against its own start keyframe, its last against its end keyframe
 *   near pairs: the same frames against every other keyframe of the same ad (same palette and
 *               product, another moment — the hardest wrong answer), and a first-frame-only clip's
 *               last frame against the keyframe it should have reached
 *   far pairs:  the same frames against the keyframes of the other ads (a clip that went elsewhere)
 *
 * Prints the spread of each and the margin around GATE.minSsim; the last line is machine-readable.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveBinaries } from '../src/pipeline/ffmpeg/binaries';
import { offlineFamily } from '../src/pipeline/providers/offline';
import { fakeFamily } from '../src/pipeline/providers/fake';
import type { CallContext, ImageRequest, SceneRole, VideoRequest } from '../src/pipeline/providers/types';
import { GATE, measureScene } from '../src/pipeline/quality/scene-gate';

const BRIEFS = [
  { images: ['luna-bottle.png', 'luna-glass.png'], colors: ['#3B2A1E', '#C8A27A', '#F2E6D8', '#7A9E9F'] },
  { images: ['stride-shoe.png'], colors: ['#1D3557', '#E63946', '#F1FAEE', '#A8DADC'] },
  { images: ['aurora-serum.png'], colors: ['#2B2D42', '#EDF2F4', '#8D99AE', '#EF233C'] },
];
const ROLES: SceneRole[] = ['setup', 'exploration', 'climax', 'cta'];

async function main(): Promise<void> {
  const bins = resolveBinaries();
  const dir = await mkdtemp(path.join(tmpdir(), 'zapcut-bench-gate-'));
  const off = offlineFamily({ ffmpegPath: bins.ffmpegPath });
  const fake = fakeFamily({ latencyMs: { text: 0, image: 0, videoPerSecond: 0, videoFixed: 0, speech: 0, music: 0, sfx: 0 }, submitMs: 0 }, { ffmpegPath: bins.ffmpegPath });
  const good: number[] = [];
  const bad: number[] = [];
  const far: number[] = [];
  const clips: { ad: number; clip: string; workDir: string }[] = [];
  const allKeys: string[][] = [];
  const { readdir } = await import('node:fs/promises');
  const available = new Set(await readdir(path.resolve('resources/briefs/images')));
  for (const [b, brief] of BRIEFS.entries()) {
    const images = brief.images.filter((i) => available.has(i)).map((i) => path.resolve('resources/briefs/images', i));
    if (!images.length) images.push(path.resolve('resources/briefs/images', [...available].find((f) => f.endsWith('.png'))!));
    const keys: string[] = [];
    for (const [i, role] of ROLES.entries()) {
      const ctx: CallContext = { signal: new AbortController().signal, workDir: path.join(dir, `b${b}-k${i}`), idempotencyKey: `bench:${b}:${i}` };
      await import('node:fs/promises').then((f) => f.mkdir(ctx.workDir, { recursive: true }));
      const req: ImageRequest = { prompt: 'keyframe', kind: 'keyframe', productImages: images, reference: keys[i - 1] ?? images[0]!, keyframe: { index: i + 1, count: 3, role }, aspect: '16:9', resolution: { width: 640, height: 360 }, style: { colors: brief.colors, lighting: 'soft', camera: 'slow', motion: 'calm', energyLevel: 5 }, seed: 7 + i };
      const job = await off.image.submit(req, ctx);
      keys.push((await off.image.wait(job.jobId, req, ctx)).files[0]!);
    }
    allKeys.push(keys);
    for (const [size, anchored] of [[{ width: 320, height: 180 }, true], [{ width: 320, height: 180 }, false]] as const) {
      for (let s = 0; s < keys.length - 1; s++) {
        const ctx: CallContext = { signal: new AbortController().signal, workDir: path.join(dir, `b${b}-s${s}-${size.width}-${anchored}`), idempotencyKey: `bench:${b}:scene:${s}:${size.width}:${anchored}` };
        await import('node:fs/promises').then((f) => f.mkdir(ctx.workDir, { recursive: true }));
        const req = { prompt: 'scene', negativePrompt: '', startImage: keys[s]!, ...(anchored ? { endImage: keys[s + 1]! } : {}), durationSeconds: 3, aspect: '16:9', resolution: size, seed: s, styleStrength: 0.8, style: { colors: brief.colors, lighting: '', camera: '', motion: '', energyLevel: 5 }, scene: { index: s + 1, count: 3, title: '', role: ROLES[s]!, camera: '', productImages: images, brandName: '', cta: '' } } as VideoRequest;
        const job = await fake.video.submit(req, ctx);
        const clip = (await fake.video.wait(job.jobId, req, ctx)).files[0]!;
        clips.push({ ad: b, clip, workDir: ctx.workDir });
        for (let k = 0; k < keys.length; k++) {
          const m = await measureScene(bins, clip, { first: keys[k]!, last: keys[k]! }, ctx.workDir);
          if (k === s) good.push(m.firstSsim!);
          else bad.push(m.firstSsim!);
          if (anchored) (k === s + 1 ? good : bad).push(m.lastSsim!);
          else if (k === s + 1) bad.push(m.lastSsim!);
        }
      }
    }
  }
  for (const c of clips) {
    for (const [a, keys] of allKeys.entries()) {
      if (a === c.ad) continue;
      for (const k of keys) far.push((await measureScene(bins, c.clip, { first: k }, c.workDir)).firstSsim!);
    }
  }
  await rm(dir, { recursive: true, force: true });
  const spread = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return `n=${s.length} min ${s[0]!.toFixed(3)} median ${s[Math.floor(s.length / 2)]!.toFixed(3)} max ${s.at(-1)!.toFixed(3)}`;
  };
  console.log(`good pairs (frame vs the image it was made from): ${spread(good)}`);
  console.log(`near pairs (frame vs another keyframe of the ad):  ${spread(bad)}`);
  console.log(`far pairs  (frame vs a keyframe of another ad):    ${spread(far)}`);
  console.log(`threshold ${GATE.minSsim}: margin below the worst good ${(Math.min(...good) - GATE.minSsim).toFixed(3)}, above the worst far ${(GATE.minSsim - Math.max(...far)).toFixed(3)}; near pairs under it: ${bad.filter((x) => x < GATE.minSsim).length} of ${bad.length}`);
  console.log(`bench:scene-gate good_min=${Math.min(...good).toFixed(3)} near_max=${Math.max(...bad).toFixed(3)} far_max=${Math.max(...far).toFixed(3)} threshold=${GATE.minSsim}`);
}

void main();
