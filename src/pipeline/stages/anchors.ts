/**
 * Keyframe-anchored scenes (issue 21): on a video model whose published schema takes a first and
 * a last frame (shared/models/video.ts `lastFrameInput`: Hailuo-02, Veo 3.1, Kling 2.1 in pro mode),
 * scene N is generated from keyframe N to keyframe N+1, every scene at once (bounded); each join
 * then meets the same keyframe from both sides. Models with only a first frame (Sora 2, Kling in
 * standard mode, the offline animatic) keep the sequential chain (scenes.ts).
 */
import { lastFrameInput } from '../../shared/models/video';
import { SCENE_CONCURRENCY } from '../../shared/domain/settings';
import type { StageEnv } from './env';

/**
 * Scene jobs running at once. Each running job polls the proxy (backoff 1 s → 10 s: about ten
 * requests in its first minute), and the proxy allows one user 100 requests a minute
 * (cloud-proxy RATE_LIMIT_PER_MINUTE) beside voiceover and music polls: 5 keeps a 30 s ad's five
 * scenes all in flight at about half that. Concurrency changes no paid-call count (the cap,
 * cloud-proxy paidCallCap, counts calls, not their overlap).
 */
export const DEFAULT_SCENE_CONCURRENCY = SCENE_CONCURRENCY.default;
export const MAX_SCENE_CONCURRENCY = SCENE_CONCURRENCY.max;

/** Whether this run's scenes are anchored on keyframes, and why (noted on the run). */
export function sceneAnchoring(env: Pick<StageEnv, 'family' | 'modelResolution'>): { anchored: boolean; why: string } {
  const model = env.family.video.model;
  const end = env.family.name === 'offline' ? null : lastFrameInput(model, env.modelResolution);
  if (end) return { anchored: true, why: `${model.slug} takes a first and a last frame (${end.field}): every scene is generated between its two keyframes, all at once.` };
  const only = model.video?.endImage ? ` at ${env.modelResolution ?? model.video.defaultResolution} (its last frame needs ${Object.entries(model.video.endImage.needs ?? {}).map(([k, v]) => `${k}=${v}`).join(', ')})` : '';
  return { anchored: false, why: `${model.slug} takes only a first frame${only}: scenes are generated one after another, each from the last frame of the one before.` };
}

/** The scene concurrency: the app's setting (`env.sceneConcurrency`, Settings → Generation), else ZAPCUT_SCENE_CONCURRENCY (the CLI), else the default; 1..MAX. */
export function sceneConcurrency(env: Pick<StageEnv, 'sceneConcurrency'>, vars: NodeJS.ProcessEnv = process.env): number {
  const raw = env.sceneConcurrency ?? (vars.ZAPCUT_SCENE_CONCURRENCY ? Number(vars.ZAPCUT_SCENE_CONCURRENCY) : DEFAULT_SCENE_CONCURRENCY);
  if (!Number.isInteger(raw) || raw < 1 || raw > MAX_SCENE_CONCURRENCY) throw new Error(`Scene concurrency must be a whole number from 1 to ${MAX_SCENE_CONCURRENCY} (ZAPCUT_SCENE_CONCURRENCY is "${vars.ZAPCUT_SCENE_CONCURRENCY ?? raw}").`);
  return raw;
}

/** At most `n` of the functions passed run at once; the rest wait their turn in order. */
export function slots(n: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let running = 0;
  const queue: (() => void)[] = [];
  return async (fn) => {
    if (running >= n) await new Promise<void>((r) => queue.push(r));
    running++;
    try {
      return await fn();
    } finally {
      running--;
      queue.shift()?.();
    }
  };
}
