/**
 * Keyframes first, then every scene at once between its two keyframes (issue 21), with the scripted
 * fake family (real SQLite, real FFmpeg, tiny media): a video model that takes a last frame runs
 * the scenes in parallel from the keyframes and each clip passes the gate at both ends; a clip
 * that comes back black is caught by the gate, made once more, and the run says why. A run with a
 * picture review stops after its keyframes having paid for images only, and an approval given
 * after a restart makes the rest.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadBrief } from '../../src/pipeline/brief';
import type { RunEvent } from '../../src/pipeline/engine/events';
import { approvePictures, isAwaitingApproval, redoPicture, runToEnd } from '../../src/pipeline/generate';
import { approvalCost } from '../../src/pipeline/stages/approval';
import { toErrorShape } from '../../src/shared/errors';
import { fakeFamily, type FakeScript } from '../../src/pipeline/providers/fake';
import type { SceneOutput } from '../../src/pipeline/stages/scenes';
import type { KeyframeOutput } from '../../src/pipeline/stages/keyframes';
import { GATE, ssimOf } from '../../src/pipeline/quality/scene-gate';
import type { TimelineOutput } from '../../src/pipeline/stages/assemble';
import { runFfmpeg } from '../../src/pipeline/ffmpeg/run';
import { probeMedia } from '../../src/pipeline/ffmpeg/probe';
import { resolveBinaries } from '../../src/pipeline/ffmpeg/binaries';
import path from 'node:path';
import { TEST_RESOLUTION, fastLatencies, ffmpegPath, makeWorkspace, openPipelineBackend, writeBrief } from './pipeline-fixtures';

const savedDataDir = process.env.ZAPCUT_DATA_DIR;
afterEach(() => {
  if (savedDataDir === undefined) delete process.env.ZAPCUT_DATA_DIR;
  else process.env.ZAPCUT_DATA_DIR = savedDataDir;
});

async function run(script: Partial<FakeScript>) {
  const ws = await makeWorkspace('zapcut-keyframes-');
  process.env.ZAPCUT_DATA_DIR = ws.dataDir;
  // Video jobs long enough that parallel ones visibly overlap.
  const family = fakeFamily({ latencyMs: { ...fastLatencies, videoFixed: 400 }, ...script }, { ffmpegPath });
  const backend = openPipelineBackend(ws.dataDir, { fake: family });
  const brief = await loadBrief(await writeBrief(ws.dir));
  const created = backend.runs.create(brief, { provider: 'fake', resolution: TEST_RESOLUTION });
  const events: RunEvent[] = [];
  await runToEnd(backend.pipeline, created.id, { onEvent: (e) => events.push(e) });
  const steps = backend.pipeline.store.getSteps(created.id);
  const out = <T>(id: string) => steps.find((s) => s.stepId === id)!.output as T;
  return { family, backend, events, steps, out, runId: created.id };
}

/**
 * The last frame of scene `i` the viewer sees: the timeline's source range of its clip, read the
 * way the composition reads it (compose/video.ts: resampled to the project fps, the last frame
 * held if the media is short), SSIM against the keyframe it should end on.
 */
async function lastSeenSsim(t: Awaited<ReturnType<typeof run>>, i: number, workDir: string): Promise<number> {
  const { timeline } = t.out<TimelineOutput>('timeline');
  const clip = timeline.main.clips.find((c) => c.media === `scene-${i}`)!;
  const file = (sha: string) => t.backend.pipeline.media.resolve(sha).then((r) => r!.path);
  const media = await file(timeline.media[`scene-${i}`]!.sha256!);
  const frame = path.join(workDir, `seen-${i}.png`);
  const vf = `setpts=PTS-STARTPTS,fps=${timeline.fps},tpad=stop_mode=clone:stop=${timeline.fps * 2},select=eq(n\\,${clip.out - 1})`;
  await runFfmpeg({ ffmpegPath, args: ['-i', media, '-vf', vf, '-frames:v', '1', '-an'], output: frame });
  const v = (await probeMedia(resolveBinaries().ffprobePath, media)).video!;
  return ssimOf(ffmpegPath, frame, await file(t.out<KeyframeOutput>(`keyframe:${i + 1}`).media), { width: v.width, height: v.height });
}

describe('keyframe-anchored scenes', () => {
  it('an anchored scene is seen all the way to its end keyframe, though its model makes only longer clips; the sequential chain is still trimmed', async () => {
    // Clips of 4 or 8 s only: a 15 s ad's scenes want 6, 6 and 5 s, so each clip comes back longer than its scene.
    const anchored = await run({ lastFrame: true, allowedDurations: [4, 8] });
    const sequential = await run({ lastFrame: false, allowedDurations: [4, 8] });
    try {
      const { dir } = await makeWorkspace('zapcut-seen-');
      for (const i of [1, 2, 3]) {
        const s = anchored.out<SceneOutput>(`scene:${i}`);
        expect(s.anchored).toBe(true);
        expect(s.requestedSeconds).toBe(8);
        expect(s.usedSeconds).toBeLessThan(8);
        // The join meets its keyframe: the last frame on screen is the next keyframe.
        const seen = await lastSeenSsim(anchored, i, dir);
        expect(seen).toBeGreaterThanOrEqual(0.95);
        // The measure can tell: the keyframe the scene starts on is far from the one it ends on
        // (trimmed as before, the last frame seen scored 0.90 on scene 1 of this run).
        const kf = (k: number) => anchored.backend.pipeline.media.resolve(anchored.out<KeyframeOutput>(`keyframe:${k}`).media).then((r) => r!.path);
        expect(await ssimOf(ffmpegPath, await kf(i), await kf(i + 1), { width: 160, height: 90 })).toBeLessThan(0.8);
        expect(s.retimed).toMatchObject({ fromSeconds: 8, toSeconds: s.usedSeconds });
      }
      // The sequential fallback keeps today's behaviour: the model's clip, trimmed to the scene, paid seconds reported.
      for (const i of [1, 2, 3]) {
        const s = sequential.out<SceneOutput>(`scene:${i}`);
        expect(s.anchored).toBe(false);
        expect(s.retimed).toBeUndefined();
        expect(s.wastedPaidSeconds).toBe(8 - s.usedSeconds);
        const v = await probeMedia(resolveBinaries().ffprobePath, (await sequential.backend.pipeline.media.resolve(s.media))!.path);
        expect(v.durationS!).toBeGreaterThan(7.9);
      }
    } finally {
      anchored.backend.close();
      sequential.backend.close();
    }
  }, 300_000);


  it('a model that takes a last frame: every scene starts after the keyframes, all at once, and starts and ends on its keyframes', async () => {
    const t = await run({ lastFrame: true });
    try {
      const stepEvents = t.events.filter((e): e is Extract<RunEvent, { type: 'step' }> => e.type === 'step');
      const at = (id: string, status: string) => stepEvents.findIndex((e) => e.stepId === id && e.status === status);
      // All three scenes were running before the first of them finished, and none before the last keyframe.
      const firstSceneDone = Math.min(...[1, 2, 3].map((i) => at(`scene:${i}`, 'done')));
      for (const i of [1, 2, 3]) {
        expect(at(`scene:${i}`, 'started')).toBeLessThan(firstSceneDone);
        expect(at(`scene:${i}`, 'started')).toBeGreaterThan(at('keyframe:4', 'done'));
      }
      const keys = [1, 2, 3, 4].map((k) => t.out<KeyframeOutput>(`keyframe:${k}`).media);
      for (const i of [1, 2, 3]) {
        const s = t.out<SceneOutput>(`scene:${i}`);
        expect(s.anchored).toBe(true);
        // No continuity rewrite: the join is designed by the keyframes.
        expect(s.continuity).toBeNull();
        expect(s.gate!.failed).toEqual([]);
        expect(s.gate!.measure.firstSsim!).toBeGreaterThan(GATE.minSsim);
        expect(s.gate!.measure.lastSsim!).toBeGreaterThan(GATE.minSsim);
      }
      // Distinct keyframes, one video job per scene, no continuity text call.
      expect(new Set(keys).size).toBe(4);
      const ledger = t.family.ledger.snapshot();
      expect(ledger.jobs.filter((j) => j.capability === 'video')).toHaveLength(3);
      expect(ledger.calls['text.continuity'] ?? 0).toBe(0);
      const note = t.events.find((e) => e.type === 'note' && e.stepId === 'keyframe:1');
      expect(note && 'message' in note ? note.message : '').toMatch(/takes a first and a last frame \(last_frame\): every scene is generated between its two keyframes/);
    } finally {
      t.backend.close();
    }
  }, 240_000);

  it('a clip that comes back black fails the gate, is made once more, and the run records why', async () => {
    const t = await run({ lastFrame: true, badClips: 1 });
    try {
      const scenes = [1, 2, 3].map((i) => ({ i, s: t.out<SceneOutput>(`scene:${i}`), jobs: t.steps.find((x) => x.stepId === `scene:${i}`)!.jobs }));
      const redone = scenes.filter((x) => x.s.gate?.regeneratedFrom);
      expect(redone).toHaveLength(1);
      const r = redone[0]!;
      expect(r.s.gate!.regeneratedFrom!.failed.join(' ')).toMatch(/first frame does not match .*SSIM/);
      expect(r.s.gate!.regeneratedFrom!.failed.join(' ')).toMatch(/s of it is black/);
      expect(r.s.gate!.failed).toEqual([]);
      expect(Object.keys(r.jobs).sort()).toEqual(['video', 'video#2']);
      expect(r.s.jobId).toBe(r.jobs['video#2']);
      expect(t.family.ledger.snapshot().jobs.filter((j) => j.capability === 'video')).toHaveLength(4);
      const note = t.events.find((e) => e.type === 'note' && e.stepId === `scene:${r.i}` && /failed the continuity gate/.test(e.message));
      expect(note).toBeDefined();
    } finally {
      t.backend.close();
    }
  }, 240_000);

  it('a picture review: the run stops after the last keyframe with no scene, voice or music job, one picture is made again from an edited prompt, and an approval after a restart makes the ad', async () => {
    const ws = await makeWorkspace('zapcut-keyframes-review-');
    process.env.ZAPCUT_DATA_DIR = ws.dataDir;
    const family = fakeFamily({ latencyMs: fastLatencies, lastFrame: true }, { ffmpegPath });
    let backend = openPipelineBackend(ws.dataDir, { fake: family });
    try {
      const brief = await loadBrief(await writeBrief(ws.dir));
      const created = backend.runs.create(brief, { provider: 'fake', resolution: TEST_RESOLUTION, reviewPictures: true });
      const stopped = await runToEnd(backend.pipeline, created.id).then(
        () => null,
        (e: unknown) => e,
      );
      const shape = toErrorShape(stopped);
      expect(shape.code).toBe('AWAITING_APPROVAL');
      expect(shape.message).toContain(`zapcut resume ${created.id} --approve`);
      const run = backend.pipeline.store.getRun(created.id)!;
      expect(isAwaitingApproval(run)).toBe(true);
      const steps = backend.pipeline.store.getSteps(created.id);
      const done = steps.filter((s) => s.status === 'done').map((s) => s.stepId);
      expect(done).toEqual(expect.arrayContaining(['keyframe:1', 'keyframe:2', 'keyframe:3', 'keyframe:4']));
      // Nothing after the pictures exists: no scene, voiceover, music or SFX step, no such job.
      expect(steps.map((s) => s.stepId).filter((id) => /^(scene:|voiceover|music|sfx|approval|timeline|export)/.test(id))).toEqual([]);
      const before = family.ledger.snapshot().jobs;
      expect(before.filter((j) => j.capability !== 'image')).toEqual([]);
      expect(before.filter((j) => j.capability === 'image').length).toBeGreaterThanOrEqual(4);
      // The cost line: the scenes approving makes and the user's price (a family with no account cannot say it).
      const storyboard = (steps.find((s) => s.stepId === 'storyboard')!.output as { storyboard: { scenes: { durationSeconds: number; voiceover: string }[] } }).storyboard.scenes;
      expect(shape.details).toEqual(approvalCost({ family, brief, modelResolution: undefined }, storyboard, { kind: 'unknown' }));
      // Resuming without approving stops again and still pays for nothing more.
      await expect(runToEnd(backend.pipeline, created.id)).rejects.toMatchObject({ code: 'AWAITING_APPROVAL' });
      expect(family.ledger.snapshot().jobs).toHaveLength(before.length);

      // Change one picture: keyframe 2 made again from an edited prompt (one more image job); its
      // neighbours stay, and the run stops for the approval again.
      const media = (id: string) => (backend.pipeline.store.getSteps(created.id).find((s) => s.stepId === id)!.output as KeyframeOutput).media;
      const [k2, k3] = [media('keyframe:2'), media('keyframe:3')];
      expect(() => redoPicture(backend.pipeline, created.id, 9)).toThrow(/no picture 9/);
      redoPicture(backend.pipeline, created.id, 2, 'The bottle on a sunlit windowsill, same palette');
      await expect(runToEnd(backend.pipeline, created.id)).rejects.toMatchObject({ code: 'AWAITING_APPROVAL' });
      const redone = backend.pipeline.store.getSteps(created.id).find((s) => s.stepId === 'keyframe:2')!;
      expect(redone.output).toMatchObject({ prompt: 'The bottle on a sunlit windowsill, same palette', version: 2 });
      expect(Object.keys(redone.jobs).sort()).toEqual(['image', 'image#v2']);
      expect(media('keyframe:2')).not.toBe(k2);
      expect(media('keyframe:3')).toBe(k3);
      const imagesBefore = before.filter((j) => j.capability === 'image').length + 1;
      expect(family.ledger.snapshot().jobs.filter((j) => j.capability === 'image')).toHaveLength(imagesBefore);

      // A restart: a new backend on the same data folder; the approval is a committed step.
      backend.close();
      backend = openPipelineBackend(ws.dataDir, { fake: family });
      approvePictures(backend.pipeline, created.id, 'cli');
      const result = await runToEnd(backend.pipeline, created.id);
      expect(result.status).toBe('succeeded');
      const jobs = family.ledger.snapshot().jobs;
      // The keyframes were replayed, not made again; the scenes were made from them.
      expect(jobs.filter((j) => j.capability === 'image')).toHaveLength(imagesBefore);
      expect(jobs.filter((j) => j.capability === 'video')).toHaveLength(3);
      const after = backend.pipeline.store.getSteps(created.id);
      expect(after.find((s) => s.stepId === 'approval')).toMatchObject({ status: 'done', attempt: 0 });
      // Each keyframe made once, keyframe 2 twice (the redo); none again after the approval.
      expect(after.filter((s) => s.stepId.startsWith('keyframe:')).map((s) => [s.stepId, s.attempt])).toEqual(expect.arrayContaining([['keyframe:1', 1], ['keyframe:2', 2], ['keyframe:3', 1], ['keyframe:4', 1]]));
    } finally {
      backend.close();
    }
  }, 240_000);
});
