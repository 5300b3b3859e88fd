/**
 * Variants of a finished ad and a platform pack (issue 23), with the scripted fake family (real
 * SQLite, real FFmpeg): a 15 s ad is made once; a 2 hooks × 1 CTA set makes no scene, picture or
 * music call — one new voice line (hook B's) and one text call — each variant is an ad of its own
 * with a predictable name and a variant id that its MP4 carries; a pack for YouTube is written
 * whole with a manifest whose rows match the files.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { loadBrief } from '../../src/pipeline/brief';
import { fakeFamily } from '../../src/pipeline/providers/fake';
import { inspectExport } from '../../src/pipeline/quality/inspect';
import { resolveBinaries } from '../../src/pipeline/ffmpeg/binaries';
import { parseTimeline } from '../../src/shared/timeline';
import { currentTimelineId, timelineJson } from '../../src/backend/storage/repos/timelines';
import { closeDatabase, openDatabase } from '../../src/backend/storage/database';
import type { Backend } from '../../src/backend/backend';
import { TEST_RESOLUTION, fastLatencies, ffmpegPath, makeWorkspace, openPipelineBackend, writeBrief } from './pipeline-fixtures';

const saved = { data: process.env.ZAPCUT_DATA_DIR, scale: process.env.ZAPCUT_RENDER_SCALE };
let backend: Backend;
let family: ReturnType<typeof fakeFamily>;
let dataDir: string;
let runId: string;
let dir: string;

beforeAll(async () => {
  const ws = await makeWorkspace('zapcut-variants-');
  dir = ws.dir;
  dataDir = ws.dataDir;
  process.env.ZAPCUT_DATA_DIR = ws.dataDir;
  // Variants render at 1080 × 0.34 (654×368): just over YouTube's 640×360 minimum, so the pack's platform check can pass.
  process.env.ZAPCUT_RENDER_SCALE = '0.34';
  family = fakeFamily({ latencyMs: fastLatencies }, { ffmpegPath });
  backend = openPipelineBackend(ws.dataDir, { fake: family });
  const brief = await loadBrief(await writeBrief(ws.dir, { cta: 'Order today at luna.coffee' }));
  runId = backend.runs.create(brief, { provider: 'fake', resolution: TEST_RESOLUTION }).id;
  const outcome = await backend.runs.execute(runId);
  expect(outcome.status).toBe('succeeded');
}, 120_000);

afterAll(() => {
  backend?.close();
  for (const [k, v] of [['ZAPCUT_DATA_DIR', saved.data], ['ZAPCUT_RENDER_SCALE', saved.scale]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

const count = (capability: string) => family.ledger.snapshot().jobs.filter((j) => j.capability === capability).length;

describe('zapcut variants and pack', () => {
  let setId: string;
  let ids: string[];

  it('quotes, then makes a 2 × 1 set with one new voice line and no scene, picture or music call', async () => {
    const before = { video: count('video'), image: count('image'), music: count('music'), speech: count('speech'), text: family.ledger.snapshot().calls['text.variants'] ?? 0 };
    const plan = await backend.variants.plan(runId.slice(0, 8), { hooks: 2, ctas: 1, aspects: ['16:9'] });
    expect(plan.variants.map((v) => v.name)).toEqual(['luna-cold-brew-hookA-cta1-16x9', 'luna-cold-brew-hookB-cta1-16x9']);
    expect(plan.newVoiceLines).toBe(1);
    expect(plan.quote).toMatch(/1 voice line .*0 music beds, 0 scenes, 0 pictures/);
    expect(plan.quote).toMatch(/This set costs \$\d+\.\d\d/);
    // Quoting changes nothing.
    expect(count('speech')).toBe(before.speech);

    const result = await backend.variants.make(plan);
    setId = result.setId;
    ids = result.variants.map((v) => v.id);
    expect(count('video')).toBe(before.video);
    expect(count('image')).toBe(before.image);
    expect(count('music')).toBe(before.music);
    expect(count('speech')).toBe(before.speech + 1);
    expect(family.ledger.snapshot().calls['text.variants']).toBe(before.text + 1);
    expect(result.paidCalls).toMatchObject({ voice: 1, scenes: 0 });
    expect(ids).toEqual([expect.stringMatching(/^zv-[0-9a-f]{8}-A1-16x9$/), expect.stringMatching(/^zv-[0-9a-f]{8}-B1-16x9$/)]);

    // Hook B is hook A's ad with a new title card, spoken first line and first shot; the rest is the ad's own.
    const db = openDatabase(path.join(dataDir, 'zapcut.sqlite'));
    const [a, b] = result.variants.map((v) => parseTimeline(JSON.parse(timelineJson(db, currentTimelineId(db, v.projectId)!)!)));
    const title = (tl: typeof a) => tl!.overlays.flatMap((o) => o.items).find((i) => i.id === 'title-1');
    expect(title(b)).toMatchObject({ text: result.lines.hooks[0]!.title });
    expect(title(b)).not.toMatchObject({ text: (title(a) as { text: string }).text });
    const voice1 = (tl: typeof a) => tl!.audio.find((t) => t.role === 'voice')!.clips.find((c) => c.id === 'voice-1')!;
    expect(b!.media[voice1(b).media]!.sha256).not.toBe(a!.media[voice1(a).media]!.sha256);
    expect(b!.main.clips[0]!.media).toBe('scene-2');
    expect(b!.main.clips.slice(1)).toEqual(a!.main.clips.slice(1));
    expect(b!.media['music']).toEqual(a!.media['music']);
    closeDatabase(db);

    // Variants are not made from variants.
    await expect(backend.variants.plan(result.variants[1]!.projectId, { hooks: 2, ctas: 1, aspects: ['16:9'] })).rejects.toThrow(/is a variant/);
  }, 180_000);

  it('packs the set for YouTube: files checked against its spec, a manifest that matches them, the variant id in each file', async () => {
    const out = path.join(dir, 'pack');
    const r = await backend.variants.pack(setId, out, { placements: ['youtube'] });
    expect(r.skipped).toEqual([]);
    expect((await readdir(out)).sort()).toEqual(['manifest.csv', 'youtube-luna-cold-brew-hookA-cta1-16x9.mp4', 'youtube-luna-cold-brew-hookB-cta1-16x9.mp4']);
    const rows = parse(await readFile(path.join(out, 'manifest.csv')), { columns: true }) as Record<string, string>[];
    expect(rows.map((x) => [x.file, x.placement, x.hook, x.cta, x.aspect, x.variant_id])).toEqual([
      ['youtube-luna-cold-brew-hookA-cta1-16x9.mp4', 'youtube', 'A', '1', '16:9', ids[0]],
      ['youtube-luna-cold-brew-hookB-cta1-16x9.mp4', 'youtube', 'B', '1', '16:9', ids[1]],
    ]);
    for (const row of rows) {
      const file = path.join(out, row.file!);
      expect(createHash('sha256').update(await readFile(file)).digest('hex')).toBe(row.sha256);
      expect(Number(row.length_s)).toBeCloseTo(15, 0);
      expect((await inspectExport(file, resolveBinaries())).variantId).toBe(row.variant_id);
    }
    // A folder with files in it is refused and left as it was.
    const busy = path.join(dir, 'busy');
    await mkdir(busy);
    await writeFile(path.join(busy, 'keep.txt'), 'mine');
    await expect(backend.variants.pack(setId, busy, { placements: ['youtube'] })).rejects.toThrow(/already has files/);
    expect(await readdir(busy)).toEqual(['keep.txt']);
  }, 120_000);
});
