/**
 * The creator's own scenes (brief.scenes) through the engine: a brief with three scene ideas gives
 * a storyboard with them as scenes 1–3, in order, offline and from a writer that reorders them
 * (repaired once; a writer that keeps reordering has the offline writer's scenes put in their
 * places); in a rendered offline ad each idea's scene starts from and shows the idea's picture.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../src/backend/backend';
import { loadBrief, type ResolvedBrief } from '../../src/pipeline/brief';
import { draftCreative } from '../../src/pipeline/generate';
import { runFfmpeg } from '../../src/pipeline/ffmpeg/run';
import { offlineFamily } from '../../src/pipeline/providers/offline';
import { OfflineText } from '../../src/pipeline/providers/offline/text';
import type { ProviderFamily, TextProvider, VideoRequest } from '../../src/pipeline/providers/types';
import { ffmpegPath, makeWorkspace, openPipelineBackend, TEST_RESOLUTION, writeBrief } from './pipeline-fixtures';

const IDEAS = ['Open on a sunrise over the harbour', "The bottle in a runner's hand on the pier", 'Close on the glass, ice cracking'];

/** The offline writer, except that its first `times` storyboards swap the first two scenes. */
function reorderingText(times: number): TextProvider & { storyboards: number } {
  const inner = new OfflineText();
  const t = {
    model: 'test/reorders',
    storyboards: 0,
    async complete(req: Parameters<TextProvider['complete']>[0]) {
      const r = await inner.complete(req);
      if (req.task !== 'storyboard') return r;
      if (t.storyboards++ >= times) return r;
      const sb = JSON.parse(r.text) as { scenes: unknown[] };
      [sb.scenes[0], sb.scenes[1]] = [sb.scenes[1], sb.scenes[0]];
      return { ...r, text: JSON.stringify(sb) };
    },
  };
  return t;
}

let dir: string;
let backend: Backend;
let brief: ResolvedBrief;
const videoRequests: VideoRequest[] = [];
const once = reorderingText(1);
const always = reorderingText(99);

beforeAll(async () => {
  const ws = await makeWorkspace('zapcut-ideas-');
  dir = ws.dir;
  const file = await writeBrief(dir);
  await runFfmpeg({ ffmpegPath, args: ['-f', 'lavfi', '-i', 'testsrc2=s=320x240', '-frames:v', '1'], output: path.join(dir, 'harbour.png') });
  const json = JSON.parse(await readFile(file, 'utf8'));
  await writeFile(file, JSON.stringify({ ...json, direction: 'Golden hour, unhurried.', scenes: [{ idea: IDEAS[0], images: ['harbour.png'] }, { idea: IDEAS[1] }, { idea: IDEAS[2] }] }));
  brief = await loadBrief(file);
  const offline = offlineFamily({ ffmpegPath });
  const recording: ProviderFamily = { ...offline, name: 'offline', video: { ...offline.video, submit: (req, ctx) => (videoRequests.push(req), offline.video.submit(req, ctx)), wait: offline.video.wait.bind(offline.video), model: offline.video.model } };
  backend = openPipelineBackend(ws.dataDir, { once: { ...offline, name: 'fake', text: once }, always: { ...offline, name: 'fake', text: always }, recording });
});
afterAll(() => backend?.close());

const ideasOf = (d: Awaited<ReturnType<typeof draftCreative>>) => d.storyboard.storyboard.scenes.map((s) => [s.idea ?? null, s.description.split('.')[0]]);
const expected = [[1, IDEAS[0]], [2, IDEAS[1]], [3, IDEAS[2]]];

describe('a brief with three scene ideas', () => {
  it('offline: a storyboard of exactly those three scenes, in order', async () => {
    const d = await draftCreative(backend.pipeline, brief, { provider: 'offline', projectId: null });
    expect(ideasOf(d)).toEqual(expected);
    expect(d.bible.bible.lighting).toMatch(/golden-hour/);
  });
  it('a writer that reorders them is repaired once', async () => {
    const d = await draftCreative(backend.pipeline, brief, { provider: 'once', projectId: null });
    expect(once.storyboards).toBe(2);
    expect(d.storyboard).toMatchObject({ repaired: true });
    expect(d.storyboard.ideasPlacedOffline).toBeUndefined();
    expect(ideasOf(d)).toEqual(expected);
  });
  it('a writer that keeps reordering them: the offline writer places them, nothing dropped', async () => {
    const d = await draftCreative(backend.pipeline, brief, { provider: 'always', projectId: null });
    expect(always.storyboards).toBe(2);
    expect(d.storyboard.ideasPlacedOffline).toBe(true);
    expect(ideasOf(d)).toEqual(expected);
  });
  it('in the rendered offline ad, the idea\'s scene starts from and shows its picture', async () => {
    const run = backend.runs.create(brief, { provider: 'recording', resolution: TEST_RESOLUTION });
    const outcome = await backend.runs.execute(run.id);
    expect(outcome.status).toBe('succeeded');
    const byScene = new Map(videoRequests.map((r) => [r.scene.index, r]));
    expect([...byScene.keys()].sort()).toEqual([1, 2, 3]);
    expect(byScene.get(1)!.scene.productImages).toEqual([path.join(dir, 'harbour.png')]);
    expect(byScene.get(1)!.startImage).toBe(path.join(dir, 'harbour.png'));
    expect(byScene.get(2)!.scene.productImages).toEqual(brief.product.images);
  });
});
