/**
 * Revise after generation (issue 19 #4), with the scripted fake family (real SQLite, real FFmpeg):
 * a finished 15 s ad's line, title and CTA are changed; only the line is spoken again (one speech
 * call, no video, picture or music call), its captions follow the new speech, the titles are text;
 * the ad renders again from the new version with the scenes it had. A line too long for its scene
 * is flagged; "shorten line 2" fixes it; the chat takes the same requests after the ad is ready.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBrief } from '../../src/pipeline/brief';
import { fakeFamily } from '../../src/pipeline/providers/fake';
import { parseTimeline, type TextItem, type Timeline } from '../../src/shared/timeline';
import { currentTimelineId, timelineJson } from '../../src/backend/storage/repos/timelines';
import { findAdRef } from '../../src/backend/storage/repos/variants';
import { closeDatabase, openDatabase } from '../../src/backend/storage/database';
import type { Backend } from '../../src/backend/backend';
import type { AdCopy, AdRevisionResult } from '../../src/shared/domain/revise';
import type { AdProjectView } from '../../src/shared/domain/ads';
import { TEST_RESOLUTION, fastLatencies, ffmpegPath, makeWorkspace, openPipelineBackend, writeBrief } from './pipeline-fixtures';

const saved = { data: process.env.ZAPCUT_DATA_DIR, scale: process.env.ZAPCUT_RENDER_SCALE };
let backend: Backend;
let family: ReturnType<typeof fakeFamily>;
let dataDir: string;
let projectId: string;

beforeAll(async () => {
  const ws = await makeWorkspace('zapcut-revise-');
  dataDir = ws.dataDir;
  process.env.ZAPCUT_DATA_DIR = ws.dataDir;
  process.env.ZAPCUT_RENDER_SCALE = '0.2';
  // The fake voice speaks at a natural 2.5 words a second, so a long line really overflows its scene.
  family = fakeFamily({ latencyMs: fastLatencies, speechWordsPerSecond: 2.5 }, { ffmpegPath });
  backend = openPipelineBackend(ws.dataDir, { fake: family });
  const brief = await loadBrief(await writeBrief(ws.dir, { cta: 'Order today at luna.coffee' }));
  const runId = backend.runs.create(brief, { provider: 'fake', resolution: TEST_RESOLUTION }).id;
  expect((await backend.runs.execute(runId)).status).toBe('succeeded');
  const db = openDatabase(path.join(dataDir, 'zapcut.sqlite'));
  const ref = findAdRef(db, runId);
  closeDatabase(db);
  if (ref?.kind !== 'project') throw new Error('the run made no ad');
  projectId = ref.projectId;
}, 120_000);

afterAll(() => {
  backend?.close();
  for (const [k, v] of [['ZAPCUT_DATA_DIR', saved.data], ['ZAPCUT_RENDER_SCALE', saved.scale]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

async function call<T>(channel: string, input: unknown): Promise<T> {
  const r = await backend.dispatch(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}
async function refused(channel: string, input: unknown): Promise<{ code: string; message: string }> {
  const r = await backend.dispatch(channel, input);
  if (r.ok) throw new Error(`${channel} was not refused`);
  return r.error;
}

const count = (capability: string) => family.ledger.snapshot().jobs.filter((j) => j.capability === capability).length;
const calls = () => ({ video: count('video'), image: count('image'), music: count('music'), speech: count('speech') });

function current(): { id: string; tl: Timeline } {
  const db = openDatabase(path.join(dataDir, 'zapcut.sqlite'));
  try {
    const id = currentTimelineId(db, projectId)!;
    return { id, tl: parseTimeline(JSON.parse(timelineJson(db, id)!)) };
  } finally {
    closeDatabase(db);
  }
}
const items = (tl: Timeline) => tl.overlays.flatMap((o) => o.items);
const text = (tl: Timeline, id: string) => (items(tl).find((i) => i.id === id) as TextItem | undefined)?.text;
const captions = (tl: Timeline, scene: number) => items(tl).filter((i): i is TextItem => i.kind === 'text' && new RegExp(`^caption-${scene}-\\d+$`).test(i.id)).sort((a, b) => a.start - b.start);
const voice = (tl: Timeline, scene: number) => tl.audio.find((t) => t.role === 'voice')!.clips.find((c) => c.id === `voice-${scene}`)!;

describe('revising a finished ad', () => {
  it('speaks only the changed line again, retimes its captions, changes title and CTA as text, and makes no scene', async () => {
    const copy = await call<AdCopy>('project/copy', { projectId });
    expect(copy.cta).toBe('Order today');
    expect(copy.scenes.length).toBeGreaterThanOrEqual(3);
    expect(copy.scenes[1]!.line.length).toBeGreaterThan(0);
    const before = current();
    const n0 = calls();

    const line = 'Ready when you are.';
    const r = await call<AdRevisionResult>('project/revise', {
      projectId,
      changes: [
        { op: 'set_line', scene: 2, line },
        { op: 'set_title', scene: 1, title: 'Cold brew, done right' },
        { op: 'set_cta', action: 'Order now' },
      ],
    });
    // Line 2, and line 3 — the CTA scene's line said the old call to action ("Order today"), so it
    // says the new one: the voice never says one thing while the button reads another.
    expect(copy.scenes[2]!.line).toBe('Order today at luna.coffee.');
    expect(calls()).toEqual({ ...n0, speech: n0.speech + 2 });
    expect(r.voiceLines).toBe(2);
    expect(r.changed).toContainEqual({ op: 'set_line', scene: 3, text: copy.scenes[2]!.line.replace('Order today', 'Order now') });
    expect(r.flags).toEqual([]);
    expect(r.version).toBeGreaterThan(0);

    const after = current();
    expect(after.id).not.toBe(before.id);
    const tl = after.tl;
    // The scenes are the ad's own, untouched.
    expect(tl.main.clips).toEqual(before.tl.main.clips);
    expect(tl.media['scene-1']).toEqual(before.tl.media['scene-1']);
    // Lines 2 and 3 are new audio; line 1 is the same file.
    expect(tl.media[voice(tl, 2).media]!.sha256).not.toBe(before.tl.media[voice(before.tl, 2).media]!.sha256);
    expect(tl.media[voice(tl, 3).media]!.sha256).not.toBe(before.tl.media[voice(before.tl, 3).media]!.sha256);
    expect(voice(tl, 1)).toEqual(voice(before.tl, 1));
    expect(captions(tl, 3).map((c) => c.text).join(' ')).toBe('Order now at luna.coffee.');
    // Its captions say the new words, inside the new speech (1.6 s at 2.5 words/s, from the clip's start).
    const caps = captions(tl, 2);
    expect(caps.map((c) => c.text).join(' ')).toBe(line);
    const clip = voice(tl, 2);
    expect(caps[0]!.start).toBeGreaterThanOrEqual(clip.start);
    expect(caps[caps.length - 1]!.start + caps[caps.length - 1]!.duration).toBeLessThanOrEqual(clip.start + Math.ceil(1.6 * tl.fps + 0.35 * tl.fps) + 1);
    expect(text(tl, 'title-1')).toBe('Cold brew, done right');
    expect(text(tl, 'end-cta')).toBe('Order now');

    // The Ads page sees the render out of date and renders the new version — still no scene made.
    const view = await call<AdProjectView>('project/get', { id: projectId });
    expect(view.results.find((x) => x.aspect === '16:9')?.upToDate).toBe(false);
    const rendered = await call<AdProjectView>('project/variant', { projectId, aspect: '16:9' });
    expect(rendered.results.find((x) => x.aspect === '16:9')?.upToDate).toBe(true);
    expect(calls()).toEqual({ ...n0, speech: n0.speech + 2 });
  }, 120_000);

  it('flags a line that no longer fits its scene, and "shorten line 2" makes it fit', async () => {
    const long = 'Steeped slowly for eighteen hours in small batches with organic beans from two farms, it pours smooth and calm over ice, in milk, or straight from the bottle whenever the day asks for more.';
    const r = await call<AdRevisionResult>('project/revise', { projectId, changes: [{ op: 'set_line', scene: 2, line: long }] });
    expect(r.flags).toHaveLength(1);
    expect(r.flags[0]!.scene).toBe(2);
    expect(r.flags[0]!.seconds).toBeGreaterThan(r.flags[0]!.windowSeconds);
    // The overflowing line fades out where the next line begins: never two voices at once.
    const tl = current().tl;
    const v2 = voice(tl, 2);
    expect(v2.start + (v2.out - v2.in)).toBeLessThanOrEqual(voice(tl, 3).start);

    const s = await call<AdRevisionResult>('project/revise', { projectId, changes: [{ op: 'shorten_line', scene: 2 }] });
    expect(s.flags).toEqual([]);
    expect(s.changed[0]!.text.split(/\s+/).length).toBeLessThan(long.split(/\s+/).length);
    expect(long.startsWith(s.changed[0]!.text.replace(/\.$/, ''))).toBe(true);
  }, 60_000);

  it('refuses what it cannot do and changes nothing: an unsafe line, a scene the ad lacks', async () => {
    const before = current().id;
    const n0 = calls();
    expect((await refused('project/revise', { projectId, changes: [{ op: 'set_line', scene: 9, line: 'Hello there.' }] })).code).toBe('VALIDATION');
    const unsafe = await refused('project/revise', { projectId, changes: [{ op: 'set_cta', action: 'Order now' }, { op: 'set_line', scene: 2, line: 'Cures cancer in a week, guaranteed.' }] });
    expect(unsafe.code).toBe('VALIDATION');
    expect(unsafe.message).toMatch(/content rules/);
    expect(current().id).toBe(before);
    expect(calls()).toEqual(n0);
  });

  it("revises the editor's document without saving it (the editor applies it as one undo step)", async () => {
    const before = current();
    const r = await call<AdRevisionResult>('project/revise', { projectId, changes: [{ op: 'set_title', scene: 2, title: 'Smooth all day' }], timeline: before.tl });
    expect(r.version).toBeNull();
    expect(text(parseTimeline(r.timeline), 'title-2')).toBe('Smooth all day');
    expect(current().id).toBe(before.id);
  });

  it('the chat takes revision requests after the ad is ready (scripted, offline)', async () => {
    const n0 = calls();
    await call('chat/send', { projectId, text: "make the CTA 'Shop the batch'" });
    let view = await call<AdProjectView>('project/get', { id: projectId });
    let reply = view.messages[view.messages.length - 1]!;
    expect(reply.content).toContain('The call to action now reads "Shop the batch".');
    expect(reply.meta.adRevised?.version).toBeGreaterThan(0);
    expect(text(current().tl, 'end-cta')).toBe('Shop the batch');

    await call('chat/send', { projectId, text: 'line 3: Calm, steady energy.' });
    view = await call<AdProjectView>('project/get', { id: projectId });
    reply = view.messages[view.messages.length - 1]!;
    expect(reply.content).toContain('Line 3 is now "Calm, steady energy."');
    expect(reply.content).toMatch(/spoken again by the ad's voice/);
    expect(captions(current().tl, 3).map((c) => c.text).join(' ')).toBe('Calm, steady energy.');
    // The CTA change re-spoke line 3 (it said the old CTA), then line 3 was rewritten.
    expect(calls()).toEqual({ ...n0, speech: n0.speech + 2 });

    // "Undo this change" under that message puts the ad back as it was before it, in one step,
    // saved as the newest version (the revision stays in Versions); it is offered once.
    const beforeLine3 = current();
    await call('chat/send', { projectId, text: 'title 1: Undo me' });
    view = await call<AdProjectView>('project/get', { id: projectId });
    const revisedBy = view.messages[view.messages.length - 1]!;
    const v = revisedBy.meta.adRevised!.version;
    expect(text(current().tl, 'title-1')).toBe('Undo me');
    expect(revisedBy.content).toMatch(/Undo this change/);
    const undone = await call<AdProjectView>('chat/undoRevision', { projectId, messageId: revisedBy.id });
    expect(undone.messages.find((m) => m.id === revisedBy.id)!.meta.adRevised!.undone).toEqual({ version: v + 1 });
    const back = current();
    expect(back.id).not.toBe(beforeLine3.id);
    expect(back.tl).toEqual(beforeLine3.tl);
    const again = await refused('chat/undoRevision', { projectId, messageId: revisedBy.id });
    expect(again.code).toBe('CONFLICT');
    expect(current().id).toBe(back.id);
    // A message that changed nothing has nothing to undo.
    expect((await refused('chat/undoRevision', { projectId, messageId: view.messages[0]!.id })).code).toBe('NOT_FOUND');

    // A request it cannot read gets the help, not "your ad is ready".
    await call('chat/send', { projectId, text: 'change the music to jazz' });
    view = await call<AdProjectView>('project/get', { id: projectId });
    expect(view.messages[view.messages.length - 1]!.content).toMatch(/make the CTA 'Order today'/);
  }, 60_000);

  it("never undoes a change saved after the chat's revision (the editor's save rule): refused, nothing written", async () => {
    await call('chat/send', { projectId, text: "make the CTA 'Undo refused'" });
    const view = await call<AdProjectView>('project/get', { id: projectId });
    const revisedBy = view.messages[view.messages.length - 1]!;
    const v = revisedBy.meta.adRevised!.version;
    // The editor saves on top of the revision (from its newest version, as it may).
    const edited = current().tl;
    (items(edited).find((i) => i.id === 'title-2') as TextItem).text = 'Edited after';
    const saved = await call<{ version: number }>('editor/save', { projectId, timeline: edited, baseVersion: v });
    const before = current().id;
    const r = await backend.dispatch('chat/undoRevision', { projectId, messageId: revisedBy.id });
    if (r.ok) throw new Error('the undo was not refused');
    expect(r.error.code).toBe('CONFLICT');
    expect(r.error.details).toMatchObject({ newest: saved.version, i18n: { key: 'errors.chat.undoChangedSince', values: { newest: saved.version } } });
    expect(current().id).toBe(before);
    expect(text(current().tl, 'title-2')).toBe('Edited after');
    expect(text(current().tl, 'end-cta')).toBe('Undo refused');
    const after = await call<AdProjectView>('project/get', { id: projectId });
    expect(after.messages.find((m) => m.id === revisedBy.id)!.meta.adRevised!.undone).toBeUndefined();
  });
});
