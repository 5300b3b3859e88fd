/**
 * Variants by length, voice and music (issue 23). A 15 s cut of a 30 s ad, with the scripted fake family (real SQLite, real FFmpeg):
 * the quote names it `<ad>-hookA-cta1-15s-16x9`; its timeline keeps the opening, the scenes worth
 * most by storyboard role and the CTA scene with its whole end card, is exactly 15 s, every voice
 * line plays whole inside its own scene; its export passes `zapcut check` (no voice line cut or
 * crossing a cut, layout clean) and is 15 s long. No scene, picture, music or voice call is made.
 * Another voice says every line again (one speech call per line, the only new calls with the new
 * bed's one music call, as the quote says) and another bed replaces the music under the whole ad.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBrief } from '../../src/pipeline/brief';
import { fakeFamily } from '../../src/pipeline/providers/fake';
import { inspectExport, planForCheck } from '../../src/pipeline/quality/inspect';
import { checkAd } from '../../src/shared/quality/check';
import { resolveBinaries } from '../../src/pipeline/ffmpeg/binaries';
import { parseTimeline, type Timeline } from '../../src/shared/timeline';
import { timelineFrames } from '../../src/pipeline/variants/recut';
import { currentTimelineId, timelineJson } from '../../src/backend/storage/repos/timelines';
import { closeDatabase, openDatabase } from '../../src/backend/storage/database';
import { openMediaStore } from '../../src/backend/media-store/media-store';
import type { Backend } from '../../src/backend/backend';
import { TEST_RESOLUTION, fastLatencies, ffmpegPath, makeWorkspace, openPipelineBackend, writeBrief } from './pipeline-fixtures';

const saved = { data: process.env.ZAPCUT_DATA_DIR, scale: process.env.ZAPCUT_RENDER_SCALE };
let backend: Backend;
let family: ReturnType<typeof fakeFamily>;
let dataDir: string;
let runId: string;

beforeAll(async () => {
  const ws = await makeWorkspace('zapcut-variants-length-');
  dataDir = ws.dataDir;
  process.env.ZAPCUT_DATA_DIR = ws.dataDir;
  process.env.ZAPCUT_RENDER_SCALE = '0.34';
  family = fakeFamily({ latencyMs: fastLatencies }, { ffmpegPath });
  backend = openPipelineBackend(ws.dataDir, { fake: family });
  const brief = await loadBrief(await writeBrief(ws.dir, { cta: 'Order today at luna.coffee', lengthSeconds: 30 }));
  runId = backend.runs.create(brief, { provider: 'fake', resolution: TEST_RESOLUTION }).id;
  expect((await backend.runs.execute(runId)).status).toBe('succeeded');
}, 180_000);

afterAll(() => {
  backend?.close();
  for (const [k, v] of [['ZAPCUT_DATA_DIR', saved.data], ['ZAPCUT_RENDER_SCALE', saved.scale]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

const jobs = () => family.ledger.snapshot().jobs.length;
const timelineOf = (db: ReturnType<typeof openDatabase>, projectId: string): Timeline => parseTimeline(JSON.parse(timelineJson(db, currentTimelineId(db, projectId)!)!));

describe('a 15 s variant of a 30 s ad', () => {
  it('refuses a length longer than the ad', async () => {
    await expect(backend.variants.plan(runId, { hooks: 1, ctas: 1, aspects: ['16:9'], lengths: [60] })).rejects.toThrow(/30 s long; its variants can be 30 s or shorter \(not 60 s\)/);
  });

  it('keeps the hook, the scenes worth most and the CTA with its end card, exactly 15 s, and passes the check', async () => {
    const before = jobs();
    const plan = await backend.variants.plan(runId, { hooks: 1, ctas: 1, aspects: ['16:9'], lengths: [30, 15] });
    expect(plan.variants.map((v) => v.name)).toEqual(['luna-cold-brew-hookA-cta1-16x9', 'luna-cold-brew-hookA-cta1-15s-16x9']);
    expect(plan.quote).toMatch(/1 hook × 1 CTA × 30 s, 15 s × 16:9/);
    const result = await backend.variants.make(plan);
    expect(jobs()).toBe(before);
    expect(result.variants.map((v) => v.id)).toEqual([expect.stringMatching(/^zv-[0-9a-f]{8}-A1-16x9$/), expect.stringMatching(/^zv-[0-9a-f]{8}-A1-15s-16x9$/)]);

    const db = openDatabase(path.join(dataDir, 'zapcut.sqlite'));
    const [full, short] = result.variants.map((v) => timelineOf(db, v.projectId)) as [Timeline, Timeline];
    closeDatabase(db);
    expect(timelineFrames(full)).toBe(30 * full.fps);
    expect(timelineFrames(short)).toBe(15 * short.fps);
    // The opening and the last scene (CTA and end card) are kept; scenes in their order.
    const ids = short.main.clips.map((c) => c.id);
    expect(ids[0]).toBe('scene-1');
    expect(ids.at(-1)).toBe(full.main.clips.at(-1)!.id);
    expect(ids.length).toBeLessThan(full.main.clips.length);
    expect([...ids].sort((a, b) => Number(a.split('-')[1]) - Number(b.split('-')[1]))).toEqual(ids);
    // The end card is whole: the same items, as long, ending at the end.
    const endCard = (tl: Timeline) => tl.overlays.flatMap((o) => o.items).filter((i) => i.id.startsWith('end-')).map((i) => [i.id, i.duration, timelineFrames(tl) - i.start]);
    expect(endCard(short)).toEqual(endCard(full));
    // Each voice line belongs to a kept scene and plays whole inside it.
    const voice = short.audio.find((a) => a.role === 'voice')!.clips;
    const fullVoice = full.audio.find((a) => a.role === 'voice')!.clips;
    expect(voice.map((v) => v.id)).toEqual(ids.map((id) => id.replace('scene', 'voice')).filter((id) => fullVoice.some((f) => f.id === id)));
    for (const v of voice) {
      const clip = short.main.clips.find((c) => c.id === v.id.replace('voice', 'scene'))!;
      const next = short.main.clips[short.main.clips.indexOf(clip) + 1];
      expect(v.start).toBeGreaterThanOrEqual(clip.start + clip.transitionIn.frames);
      expect(v.start + v.out - v.in).toBeLessThanOrEqual(next ? next.start : timelineFrames(short));
    }

    // The export: 15 s, and `zapcut check` passes (no voice line cut or across a cut, the layout clean).
    const media = openMediaStore(dataDir);
    const file = (await media.resolve(result.variants[1]!.exportSha256))!.path;
    const inspection = await inspectExport(file, resolveBinaries());
    expect(inspection.facts.durationS).toBeCloseTo(15, 1);
    const report = checkAd(inspection.facts, planForCheck(inspection), null);
    const status = Object.fromEntries(report.items.map((i) => [i.code, i.status]));
    expect(status).toMatchObject({ 'voice-cut': 'pass', overlaps: 'pass', 'unsafe-zones': 'pass', truncations: 'pass' });
    expect(status['voice-crosses-cut']).toBeUndefined();
    expect(report.ok, report.items.filter((i) => i.status === 'fail').map((i) => i.message).join('; ')).toBe(true);
    expect(inspection.variantId).toBe(result.variants[1]!.id);
    // The Ads list says what each variant is: 30 s and 15 s.
    const listed = async (id: string) => {
      const r = await backend.dispatch('project/get', { id });
      return r.ok ? (r.value as { lengthSeconds: number | null; aspect: string | null }) : null;
    };
    const [a, b] = await Promise.all(result.variants.map((v) => listed(v.projectId)));
    expect([a?.lengthSeconds, b?.lengthSeconds, b?.aspect]).toEqual([30, 15, '16:9']);
  }, 300_000);

  it('another voice says every line, another bed plays under the ad: the quote counts them, nothing else is made', async () => {
    const count = (capability: string) => family.ledger.snapshot().jobs.filter((j) => j.capability === capability).length;
    const before = { speech: count('speech'), music: count('music'), video: count('video'), image: count('image') };
    const plan = await backend.variants.plan(runId, { hooks: 1, ctas: 1, aspects: ['16:9'], voices: ['american', 'british'], music: 2 });
    expect(plan.variants.map((v) => v.name)).toEqual(['luna-cold-brew-hookA-cta1-16x9', 'luna-cold-brew-hookA-cta1-music2-16x9', 'luna-cold-brew-hookA-cta1-british-16x9', 'luna-cold-brew-hookA-cta1-british-music2-16x9']);
    expect(plan.source.voice).toBe('american');
    expect(plan.newMusicBeds).toBe(1);
    expect(plan.quote).toMatch(/New paid calls: (\d+) voice lines .*1 music bed \(on meta\/musicgen through your Zapcut account, \$0\.30 each\), 0 scenes, 0 pictures/);
    const voiced = Number(/New paid calls: (\d+) voice lines/.exec(plan.quote)![1]);
    const result = await backend.variants.make(plan);
    // Exactly what the quote said: one speech call per line of the ad in the new voice, one music call.
    expect(count('speech') - before.speech).toBe(voiced);
    expect(count('music') - before.music).toBe(1);
    expect([count('video'), count('image')]).toEqual([before.video, before.image]);
    expect(result.paidCalls).toMatchObject({ voice: voiced, music: 1, scenes: 0 });

    const db = openDatabase(path.join(dataDir, 'zapcut.sqlite'));
    const [own, bed2, british, both] = result.variants.map((v) => timelineOf(db, v.projectId)) as [Timeline, Timeline, Timeline, Timeline];
    closeDatabase(db);
    const voices = (tl: Timeline) => tl.audio.find((a) => a.role === 'voice')!.clips.map((c) => tl.media[c.media]!.sha256);
    const bedId = (tl: Timeline) => tl.audio.find((a) => a.role === 'music')!.clips[0]!.media;
    expect(voices(own)).toHaveLength(voiced);
    // Every line in the British voice is a new recording; the words on screen are the same.
    for (const [i, sha] of voices(british).entries()) expect(sha).not.toBe(voices(own)[i]);
    expect(voices(both)).toEqual(voices(british));
    expect(voices(bed2)).toEqual(voices(own));
    const words = (tl: Timeline) => tl.overlays.flatMap((o) => o.items).filter((i) => i.kind === 'text' && i.role === 'caption').map((i) => (i.kind === 'text' ? i.text : '')).join(' ');
    expect(words(british)).toBe(words(own));
    // The new bed (the music call's output) under the whole ad; the ad's own bed elsewhere. (The
    // scripted fake's music is one tone whatever the seed, so its bytes match the ad's own here;
    // the offline bed differs by seed — see the report.)
    expect(bedId(own)).toBe('music');
    expect(bedId(bed2)).toBe('music-music2');
    expect(bed2.media['music-music2']?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(bedId(both)).toBe('music-music2');
    expect(bedId(british)).toBe('music');
    expect(bed2.audio.find((a) => a.role === 'music')!.clips[0]!.out).toBe(own.audio.find((a) => a.role === 'music')!.clips[0]!.out);
    expect(timelineFrames(both)).toBe(timelineFrames(own));
    // The British variant's export still passes the voice check (every line plays to its end).
    const file = (await openMediaStore(dataDir).resolve(result.variants[2]!.exportSha256))!.path;
    const inspection = await inspectExport(file, resolveBinaries());
    const report = checkAd(inspection.facts, planForCheck(inspection), null);
    expect(report.items.find((i) => i.code === 'voice-cut')?.status).toBe('pass');
  }, 300_000);
});
