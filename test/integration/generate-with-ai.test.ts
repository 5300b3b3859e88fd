/**
 * "Generate with AI" through the app's channel (issue 20): `run/generateScenes` on a finished free
 * (offline) ad. Signed out it is refused and starts nothing; signed in, the Zapcut service (here
 * the scripted fake standing in for the proxy family) makes every scene again into the ad as the
 * creator edited it, and a second call is refused. Real SQLite, FFmpeg and offline renderer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../src/backend/backend';
import { loadBrief } from '../../src/pipeline/brief';
import { fakeFamily } from '../../src/pipeline/providers/fake';
import { parseTimeline } from '../../src/shared/timeline';
import type { AccountView } from '../../src/shared/domain/account';
import type { AdProjectView } from '../../src/shared/domain/ads';
import type { EditorProject } from '../../src/shared/domain/editor';
import type { SceneOutput } from '../../src/pipeline/stages/scenes';
import { waitFor } from '../support/wait';
import { FAST_RETRY, TEST_RESOLUTION, fastLatencies, ffmpegPath, makeWorkspace, writeBrief } from './pipeline-fixtures';

const savedDataDir = process.env.ZAPCUT_DATA_DIR;
afterEach(() => {
  if (savedDataDir === undefined) delete process.env.ZAPCUT_DATA_DIR;
  else process.env.ZAPCUT_DATA_DIR = savedDataDir;
});

const signedOut: AccountView = { proxyUrl: '', signedIn: false, email: null, store: 'memory', usage: null, problem: null };
const signedIn = { proxyUrl: 'https://zapcut.test', signedIn: true, email: 'maker@example.com', store: 'memory', usage: { maxLengthSeconds: 60 }, problem: null } as unknown as AccountView;

describe('run/generateScenes', () => {
  it('is refused signed out, and signed in swaps every scene into the edited ad', async () => {
    const ws = await makeWorkspace('zapcut-generate-ai-');
    process.env.ZAPCUT_DATA_DIR = ws.dataDir;
    const fake = fakeFamily({ latencyMs: fastLatencies }, { ffmpegPath });
    let account = signedOut;
    const backend = createBackend({ dataDir: ws.dataDir, mediaBaseUrl: '/media/', resume: { runs: false, trainings: false }, pipeline: { families: { proxy: fake }, retry: FAST_RETRY }, account: { keychain: false, view: async () => account } });
    const call = async <T>(channel: string, input: unknown): Promise<T> => {
      const r = await backend.dispatch(channel, input);
      if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
      return r.value as T;
    };
    try {
      const brief = await loadBrief(await writeBrief(ws.dir));
      const animatic = backend.runs.create(brief, { provider: 'offline', resolution: TEST_RESOLUTION });
      expect((await backend.runs.execute(animatic.id)).status).toBe('succeeded');
      const projectId = animatic.projectId!;
      const scenesOf = (runId: string) => backend.pipeline.store.getSteps(runId).filter((s) => s.stepId.startsWith('scene:')).map((s) => s.output as SceneOutput).sort((a, b) => a.index - b.index);
      const offlineScenes = scenesOf(animatic.id);
      const creators = parseTimeline((await call<EditorProject>('editor/open', { projectId })).timeline);

      // Signed out: a plain refusal that says why, and no run.
      const refused = await backend.dispatch('run/generateScenes', { projectId });
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect([refused.error.code, refused.error.message]).toEqual(['CONFLICT', expect.stringMatching(/^Sign in to the Zapcut service/)]);
      expect((await call<AdProjectView>('project/get', { id: projectId })).runView?.runId).toBe(animatic.id);
      expect(fake.ledger.snapshot().jobs).toHaveLength(0);

      // Signed in: every scene made again by the service's video model, nothing else.
      account = signedIn;
      const started = await call<AdProjectView>('run/generateScenes', { projectId });
      const aiRunId = started.runView!.runId;
      expect(aiRunId).not.toBe(animatic.id);
      expect(started.runView!.paid).toBe(true);
      const done = await waitFor(() => call<AdProjectView>('project/get', { id: projectId }), (v) => v.runView?.runId === aiRunId && v.status !== 'generating', `ad ${projectId}`, { timeoutMs: 240_000, intervalMs: 200, show: (v) => `${v.status} ${JSON.stringify(v.runView?.error)}` });
      expect(done.status).toBe('ready');
      const jobs = fake.ledger.snapshot().jobs;
      const count = (capability: string) => jobs.filter((j) => j.capability === capability).length;
      expect(count('video')).toBe(offlineScenes.length);
      expect([count('speech'), count('music'), count('sfx')]).toEqual([0, 0, 0]);

      // The new scenes sit in the creator's clips; the overlays and audio are theirs.
      const now = parseTimeline((await call<EditorProject>('editor/open', { projectId })).timeline);
      for (const s of scenesOf(aiRunId)) {
        expect(now.media[`scene-${s.index}`]!.sha256).toBe(s.media);
        expect(s.media).not.toBe(offlineScenes[s.index - 1]!.media);
      }
      expect(now.main.clips.map((c) => [c.id, c.start, c.out - c.in])).toEqual(creators.main.clips.map((c) => [c.id, c.start, c.out - c.in]));
      expect([now.overlays, now.audio]).toEqual([creators.overlays, creators.audio]);

      // Already made with AI: refused, nothing started.
      const again = await backend.dispatch('run/generateScenes', { projectId });
      expect(again.ok ? 'ok' : again.error.code).toBe('CONFLICT');
      expect((await call<AdProjectView>('project/get', { id: projectId })).runView?.runId).toBe(aiRunId);
    } finally {
      backend.close();
    }
  }, 300_000);
});
