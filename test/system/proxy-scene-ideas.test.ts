/**
 * Full system: a brief with the creator's direction and three scene ideas, drafted by the AI
 * writer behind the real Worker in workerd (the fake Anthropic Messages API answers): the writer's
 * prompt carries the direction and the ideas, the storyboard has them as scenes 1–3 in order; a
 * model that reorders them is repaired once, and one that keeps reordering them has the offline
 * writer's scenes put in their places — never a dropped idea.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/backend/backend';
import { loadBrief, type ResolvedBrief } from '../../src/pipeline/brief';
import { createRun, draftCreative, runToEnd, type Draft } from '../../src/pipeline/generate';
import type { AccountView } from '../../src/shared/domain/account';
import { ffmpegPath, makeWorkspace, TEST_RESOLUTION, writeBrief } from '../integration/pipeline-fixtures';
import { startStack, type Stack } from './stack';

const IDEAS = ['Open on a sunrise over the harbour', "The bottle in a runner's hand on the pier", 'Close on the glass, ice cracking'];
const DIRECTION = 'Golden hour, unhurried, warm.';

let stack: Stack;
let backend: Backend;
let brief: ResolvedBrief;

async function control(body: unknown): Promise<void> {
  const r = await fetch(`${stack.fakes.url}/__control`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(r.status).toBe(200);
}
const draft = () => draftCreative(backend.pipeline, brief, { provider: 'proxy', projectId: null });
const scenesOf = (d: Draft) => d.storyboard.storyboard.scenes.map((s) => [s.idea ?? null, s.description.split('.')[0]]);
const EXPECTED = IDEAS.map((idea, i) => [i + 1, idea]);

beforeAll(async () => {
  stack = await startStack({ ffmpegPath, clipShortSide: 90, latencyMs: { text: 10, image: 50, video: 100, speech: 50, music: 50 } });
  const ws = await makeWorkspace('zapcut-sys-ideas-');
  const file = await writeBrief(ws.dir);
  await writeFile(file, JSON.stringify({ ...JSON.parse(await readFile(file, 'utf8')), lengthSeconds: 15, direction: DIRECTION, scenes: IDEAS.map((idea) => ({ idea })) }));
  brief = await loadBrief(file);
  process.env.ZAPCUT_KEYCHAIN = 'off';
  backend = createBackend({ dataDir: ws.dataDir, mediaBaseUrl: '/media/', resume: { runs: false, trainings: false } });
  const r = await backend.dispatch('settings/update', { proxyUrl: stack.proxyUrl });
  expect(r.ok).toBe(true);
  const email = `ideas${process.pid}-${Date.now()}@zapcut.test`;
  const s = await backend.dispatch('account/signup', { email, password: 'correct-horse-battery' });
  await stack.verifyEmail(email);
  expect(s.ok && (s.value as AccountView)).toBeTruthy();
});

afterAll(async () => {
  backend?.close();
  delete process.env.ZAPCUT_KEYCHAIN;
  await stack?.stop();
});

describe('the creator\'s scenes through the proxy', () => {
  it('the AI writer gets the direction and the ideas, and its storyboard has them in order', async () => {
    const before = stack.fakes.stats().storyboards.length;
    const d = await draft();
    const asked = stack.fakes.stats().storyboards.slice(before);
    expect(asked).toEqual([{ direction: DIRECTION, ideas: IDEAS, systemKeepsIdeas: true, repair: false }]);
    expect(scenesOf(d)).toEqual(EXPECTED);
    expect(d.storyboard.repaired).toBe(false);
  });
  it('a storyboard that reorders them is repaired once', async () => {
    await control({ reorderIdeas: 1 });
    const before = stack.fakes.stats().storyboards.length;
    const d = await draft();
    expect(stack.fakes.stats().storyboards.slice(before).map((x) => x.repair)).toEqual([false, true]);
    expect(d.storyboard.repaired).toBe(true);
    expect(d.storyboard.ideasPlacedOffline).toBeUndefined();
    expect(scenesOf(d)).toEqual(EXPECTED);
  });
  it('a model that keeps reordering them: the offline writer places them, none dropped', async () => {
    await control({ reorderIdeas: 2 });
    const before = stack.fakes.stats().storyboards.length;
    const d = await draft();
    expect(stack.fakes.stats().storyboards.length - before).toBe(2); // one repair, no more paid calls
    expect(d.storyboard.ideasPlacedOffline).toBe(true);
    expect(scenesOf(d)).toEqual(EXPECTED);
    await control({});
  });
  it('the ad made through the proxy films each idea in its own clip, in order', async () => {
    const before = stack.fakes.stats().calls.length;
    const run = createRun(backend.pipeline, brief, { provider: 'proxy', resolution: TEST_RESOLUTION });
    await runToEnd(backend.pipeline, run.id);
    const clips = stack.fakes.stats().calls.slice(before).filter((c) => c.kind === 'video');
    expect(clips).toHaveLength(3);
    IDEAS.forEach((idea, i) => expect(String(clips[i]!.input.prompt)).toContain(idea));
  });
});
