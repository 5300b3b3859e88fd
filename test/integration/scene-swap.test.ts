/**
 * Shots an AI scene can replace (issue 20): the free animatic's scenes are timeline clips, and
 * "Generate with AI" (a run with another provider made from the finished ad, here the scripted
 * fake) puts its scenes into the ad as the creator edited it — in place, the edits kept. Real
 * SQLite, FFmpeg and offline renderer; the creator's edit goes through the editor's save channel.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadBrief } from '../../src/pipeline/brief';
import { fakeFamily } from '../../src/pipeline/providers/fake';
import { layoutMainTrack, parseTimeline, type TextItem, type Timeline } from '../../src/shared/timeline';
import type { EditorProject } from '../../src/shared/domain/editor';
import type { SceneOutput } from '../../src/pipeline/stages/scenes';
import type { TimelineOutput } from '../../src/pipeline/stages/assemble';
import { TEST_RESOLUTION, fastLatencies, ffmpegPath, makeWorkspace, openPipelineBackend, writeBrief } from './pipeline-fixtures';

const savedDataDir = process.env.ZAPCUT_DATA_DIR;
afterEach(() => {
  if (savedDataDir === undefined) delete process.env.ZAPCUT_DATA_DIR;
  else process.env.ZAPCUT_DATA_DIR = savedDataDir;
});

describe('Generate with AI over the free animatic', () => {
  it('swaps the scene clips in place and keeps the creator\'s title and timing edits', async () => {
    const ws = await makeWorkspace('zapcut-scene-swap-');
    process.env.ZAPCUT_DATA_DIR = ws.dataDir;
    const fake = fakeFamily({ latencyMs: fastLatencies }, { ffmpegPath });
    const backend = openPipelineBackend(ws.dataDir, { fake });
    const call = async <T>(channel: string, input: unknown): Promise<T> => {
      const r = await backend.dispatch(channel, input);
      if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
      return r.value as T;
    };
    try {
      // The free animatic.
      const brief = await loadBrief(await writeBrief(ws.dir));
      const animatic = backend.runs.create(brief, { provider: 'offline', resolution: TEST_RESOLUTION });
      expect((await backend.runs.execute(animatic.id)).status).toBe('succeeded');
      const projectId = animatic.projectId!;
      const scenesOf = (runId: string) => backend.pipeline.store.getSteps(runId).filter((s) => s.stepId.startsWith('scene:')).map((s) => s.output as SceneOutput).sort((a, b) => a.index - b.index);
      const offlineScenes = scenesOf(animatic.id);
      expect(offlineScenes.length).toBeGreaterThanOrEqual(2);

      // The creator edits it: scene 2's title says something else and stays up for a shorter
      // time, and scene 2 loses its first 12 frames (the clips after it move up).
      const opened = await call<EditorProject>('editor/open', { projectId });
      const edited: Timeline = parseTimeline(opened.timeline);
      const title = edited.overlays.flatMap((t) => t.items).find((i): i is TextItem => i.kind === 'text' && i.id === 'title-2')!;
      expect(title).toBeDefined();
      Object.assign(title, { text: 'Made by hand, every morning', start: title.start + 6, duration: title.duration - 12 });
      const scene2 = edited.main.clips.find((c) => c.media === 'scene-2')!;
      scene2.in += 12;
      edited.main.clips = layoutMainTrack(edited.main.clips);
      await call('editor/save', { projectId, timeline: edited });
      const creators = parseTimeline((await call<EditorProject>('editor/open', { projectId })).timeline);

      // Generate with AI: every scene made by the (fake) video model, nothing else.
      const before = fake.ledger.snapshot();
      const ai = backend.runs.withNewScenes(animatic.id, { provider: 'fake' });
      expect((await backend.runs.execute(ai.id)).status).toBe('succeeded');
      const after = fake.ledger.snapshot();
      const jobs = (capability: string) => after.jobs.filter((j) => j.capability === capability).length - before.jobs.filter((j) => j.capability === capability).length;
      expect(jobs('video')).toBe(offlineScenes.length);
      // The voice, music and effects the creator timed against are the animatic's.
      expect([jobs('speech'), jobs('music'), jobs('sfx')]).toEqual([0, 0, 0]);

      const now = parseTimeline((await call<EditorProject>('editor/open', { projectId })).timeline);
      const aiScenes = scenesOf(ai.id);
      // The new scenes play in the clips…
      for (const s of aiScenes) {
        expect(now.media[`scene-${s.index}`]!.sha256).toBe(s.media);
        expect(s.media).not.toBe(offlineScenes[s.index - 1]!.media);
      }
      // …that sit where the creator left them, as long, with the trim kept.
      const shape = (tl: Timeline) => tl.main.clips.map((c) => ({ id: c.id, start: c.start, frames: c.out - c.in, transition: c.transitionIn }));
      expect(shape(now)).toEqual(shape(creators));
      // The run's own timeline (what it exported) is that one: the MP4 shows the edits with the new scenes.
      const exported = (backend.pipeline.store.getSteps(ai.id).find((s) => s.stepId === 'timeline')!.output as TimelineOutput).timeline;
      expect(exported).toEqual(now);
      // The creator's words and timing, and every other overlay and audio clip, as they left them.
      expect(now.overlays).toEqual(creators.overlays);
      expect(now.audio).toEqual(creators.audio);
      const kept = now.overlays.flatMap((t) => t.items).find((i) => i.id === title.id) as TextItem;
      expect([kept.text, kept.start, kept.duration]).toEqual(['Made by hand, every morning', title.start, title.duration]);
    } finally {
      backend.close();
    }
  }, 300_000);
});
