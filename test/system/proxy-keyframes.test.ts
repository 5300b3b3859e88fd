/**
 * Keyframes first, then the scenes (issue 21), through the real Worker in workerd and the strict
 * Replicate fakes: on Hailuo-02 (first and last frame) every scene is generated between its two
 * keyframes at once and each clip starts and ends on them; on Sora 2 (first frame only) the scenes
 * keep the sequential chain and no last frame is ever sent — the fake refuses one (a test that
 * bites); killed with four scene jobs in flight, a restart re-polls all four and pays for none twice.
 */
import { writeFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBrief } from '../../src/pipeline/brief';
import { createRun, runToEnd } from '../../src/pipeline/generate';
import type { RunEvent } from '../../src/pipeline/engine/events';
import type { SceneOutput } from '../../src/pipeline/stages/scenes';
import { GATE } from '../../src/pipeline/quality/scene-gate';
import { TEST_RESOLUTION, ffmpegPath, makeWorkspace, writeBrief } from '../integration/pipeline-fixtures';
import { runKillableChild, type ChildLine } from '../integration/kill-child';
import { openProxyApp, tokensOf, type ProxyApp } from './app';
import { startStack, type Stack } from './stack';

let stack: Stack;
let seq = 0;

beforeAll(async () => {
  // Video jobs long enough that four are in flight together when the app is killed.
  stack = await startStack({ ffmpegPath, clipShortSide: 90, latencyMs: { text: 20, image: 100, video: 2500, speech: 100, music: 200 } });
});
afterAll(async () => {
  await stack?.stop();
});

async function newUser(dataDir: string): Promise<{ app: ProxyApp; email: string }> {
  process.env.ZAPCUT_DATA_DIR = dataDir;
  const app = await openProxyApp(stack.proxyUrl);
  const email = `keys${process.pid}-${Date.now()}-${++seq}@zapcut.test`;
  await app.session.signup(email, 'correct-horse-battery');
  // The free videos need a verified email (issue 14): open the link from the fake's mailbox.
  await stack.verifyEmail(email);
  return { app, email };
}

/** A 15 s brief; `scenes` asks for that many scenes (scenesHint). */
async function brief(dir: string, scenes?: number): Promise<string> {
  const file = await writeBrief(dir);
  if (scenes) await writeFile(file, JSON.stringify({ ...JSON.parse(await readFile(file, 'utf8')), scenesHint: scenes }));
  return file;
}

const videoCalls = (before: ReturnType<Stack['fakes']['stats']>) => stack.fakes.stats().calls.slice(before.calls.length).filter((c) => c.kind === 'video');

describe('keyframe-anchored scenes through the proxy', () => {
  it('Hailuo-02: keyframes, then every scene between two of them at once; Sora 2: the sequential chain, and a last frame is refused', async () => {
    const ws = await makeWorkspace('zapcut-sys-keys-');
    const { app } = await newUser(ws.dataDir);
    const b = await loadBrief(await brief(ws.dir));

    // Parallel: Hailuo-02 takes first_frame_image and last_frame_image.
    let before = stack.fakes.stats();
    const events: RunEvent[] = [];
    const run = createRun(app.backend.pipeline, b, { provider: 'proxy', resolution: TEST_RESOLUTION, videoModel: 'minimax/hailuo-02' });
    await runToEnd(app.backend.pipeline, run.id, { onEvent: (e) => events.push(e) });
    let stats = stack.fakes.stats();
    expect(stats.refused.slice(before.refused.length)).toEqual([]);
    expect(stats.ignoredInputs.slice(before.ignoredInputs.length)).toEqual([]);
    const steps = app.backend.pipeline.store.getSteps(run.id);
    const scenes = steps.filter((s) => s.stepId.startsWith('scene:'));
    const keyframes = steps.filter((s) => s.stepId.startsWith('keyframe:'));
    expect(keyframes).toHaveLength(scenes.length + 1);
    // Keyframes are paid image calls (under the ad's picture draft until the video is reserved), like the style frames.
    const images = stats.calls.slice(before.calls.length).filter((c) => c.kind === 'image');
    expect(images).toHaveLength(4 + keyframes.length);
    const calls = videoCalls(before);
    expect(calls).toHaveLength(scenes.length);
    for (const c of calls) expect(c.input).toMatchObject({ first_frame_image: expect.objectContaining({ width: expect.any(Number) }), last_frame_image: expect.objectContaining({ width: expect.any(Number) }) });
    // Every scene job was created before the first scene finished.
    const firstDone = events.findIndex((e) => e.type === 'step' && e.stepId.startsWith('scene:') && e.status === 'done');
    const created = events.filter((e, i) => e.type === 'job' && e.stepId.startsWith('scene:') && !e.reused && i < firstDone);
    expect(created).toHaveLength(scenes.length);
    for (const s of scenes) {
      const out = s.output as SceneOutput;
      expect(out.anchored).toBe(true);
      expect(out.gate!.failed, s.stepId).toEqual([]);
      expect(out.gate!.measure.lastSsim!).toBeGreaterThan(GATE.minSsim);
    }

    // Sequential fallback: Sora 2 has no last frame.
    before = stack.fakes.stats();
    const seqRun = createRun(app.backend.pipeline, b, { provider: 'proxy', resolution: TEST_RESOLUTION, videoModel: 'openai/sora-2' });
    await runToEnd(app.backend.pipeline, seqRun.id);
    stats = stack.fakes.stats();
    expect(stats.refused.slice(before.refused.length)).toEqual([]);
    const seqCalls = videoCalls(before);
    expect(seqCalls.length).toBeGreaterThan(0);
    for (const c of seqCalls) expect(Object.keys(c.input).filter((k) => /last|end/.test(k))).toEqual([]);
    const seqScenes = app.backend.pipeline.store.getSteps(seqRun.id).filter((s) => s.stepId.startsWith('scene:')).map((s) => s.output as SceneOutput);
    expect(seqScenes.every((s) => s.anchored === false && s.gate?.measure.lastSsim === null)).toBe(true);
    expect(seqScenes.slice(1).every((s) => s.continuity !== null)).toBe(true);

    // The fake refuses a last frame on Sora (Replicate itself would drop it silently).
    const me = await app.session.account();
    expect(me.freeVideosUsed).toBe(2);
    const direct = await fetch(`${stack.fakes.url}/replicate/v1/models/openai/sora-2/predictions`, { method: 'POST', headers: { authorization: `Bearer ${stack.fakes.keys.replicate}`, 'content-type': 'application/json' }, body: JSON.stringify({ input: { prompt: 'a bottle', last_frame_image: 'https://example.com/x.png' } }) });
    expect(direct.status).toBe(422);
    expect(((await direct.json()) as { invalid_fields: { field: string }[] }).invalid_fields.map((f) => f.field)).toEqual(['last_frame_image']);
    app.backend.close();
  }, 600_000);

  it('killed with four scene jobs in flight: a restart re-polls all four and pays for none twice', async () => {
    const ws = await makeWorkspace('zapcut-sys-keys-kill-');
    const { app, email } = await newUser(ws.dataDir);
    const tokens = await tokensOf(app, email);
    const file = await brief(ws.dir, 4);
    const before = stack.fakes.stats();
    const env = { ZAPCUT_DATA_DIR: ws.dataDir, ZAPCUT_TEST_SESSION: JSON.stringify(tokens) };
    const child = path.join(__dirname, 'app-child.ts');
    const sceneJobs = new Set<string>();
    const first = await runKillableChild(child, { mode: 'start', proxyUrl: stack.proxyUrl, brief: file, videoModel: 'minimax/hailuo-02' }, env, (l: ChildLine) => {
      if (l.type === 'job' && l.stepId?.startsWith('scene:') && !l.reused) sceneJobs.add(l.stepId);
      return sceneJobs.size === 4;
    });
    expect(first.killed).toBe(true);
    expect(first.lines.some((l) => l.type === 'step' && l.stepId?.startsWith('scene:') && l.status === 'done')).toBe(false);
    const runId = first.lines.find((l) => l.type === 'run')!.runId!;
    const second = await runKillableChild(child, { mode: 'resume', proxyUrl: stack.proxyUrl, runId }, env);
    expect(second.lines.find((l) => l.type === 'result'), JSON.stringify(second.lines.filter((l) => l.type === 'error'))).toBeDefined();
    // All four recorded jobs re-polled, none created again; keyframes replayed, not redrawn.
    const reused = second.lines.filter((l) => l.type === 'job' && l.stepId?.startsWith('scene:') && l.reused);
    expect(new Set(reused.map((l) => l.stepId))).toEqual(new Set(['scene:1', 'scene:2', 'scene:3', 'scene:4']));
    expect(second.lines.filter((l) => l.type === 'job' && l.stepId?.startsWith('scene:') && !l.reused)).toEqual([]);
    expect(second.lines.filter((l) => l.type === 'step' && l.stepId?.startsWith('keyframe:') && l.status === 'replayed')).toHaveLength(5);
    const after = stack.fakes.stats();
    expect(after.created.video! - (before.created.video ?? 0)).toBe(4);
    expect(after.created.image! - (before.created.image ?? 0)).toBe(4 + 5);
    expect((await app.session.account()).freeVideosUsed).toBe(1);
    app.backend.close();
  }, 600_000);
});
