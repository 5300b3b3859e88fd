/**
 * A revised line's captions follow its new speech word by word (issue 19 #4): the line is timed as
 * the voiceover stage times its lines (stages/line-timing.ts) — the engine's own word timing, which
 * the offline eSpeak job writes beside the audio — not spread over the line by syllables. The scripted
 * fake family with the machine's real offline voice (espeak-ng), real SQLite and FFmpeg.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBrief } from '../../src/pipeline/brief';
import { fakeFamily } from '../../src/pipeline/providers/fake';
import { offlineFamily } from '../../src/pipeline/providers/offline';
import type { ProviderFamily } from '../../src/pipeline/providers/types';
import { speechSpan } from '../../src/pipeline/ffmpeg/speech-span';
import { probeMedia } from '../../src/pipeline/ffmpeg/probe';
import { resolveBinaries } from '../../src/pipeline/ffmpeg/binaries';
import { EngineTiming, engineWords } from '../../src/pipeline/stages/word-align';
import { parseTimeline, type TextItem, type Timeline } from '../../src/shared/timeline';
import { currentTimelineId, timelineJson } from '../../src/backend/storage/repos/timelines';
import { findAdRef } from '../../src/backend/storage/repos/variants';
import { closeDatabase, openDatabase } from '../../src/backend/storage/database';
import type { Backend } from '../../src/backend/backend';
import type { AdRevisionResult } from '../../src/shared/domain/revise';
import { TEST_RESOLUTION, fastLatencies, ffmpegPath, makeWorkspace, openPipelineBackend, writeBrief } from './pipeline-fixtures';

const { ffprobePath } = resolveBinaries();
const saved = { data: process.env.ZAPCUT_DATA_DIR, scale: process.env.ZAPCUT_RENDER_SCALE };
let backend: Backend;
let dataDir: string;
let projectId: string;
/** The word timing each eSpeak job wrote beside its audio, by the text it spoke. */
const engineTiming = new Map<string, { text: string; startS: number; endS: number }[]>();

beforeAll(async () => {
  const ws = await makeWorkspace('zapcut-revise-timing-');
  dataDir = ws.dataDir;
  process.env.ZAPCUT_DATA_DIR = ws.dataDir;
  process.env.ZAPCUT_RENDER_SCALE = '0.2';
  const offline = offlineFamily({ ffmpegPath });
  const speech = offline.speech!;
  const fake = fakeFamily({ latencyMs: fastLatencies }, { ffmpegPath });
  const family: ProviderFamily = {
    ...fake,
    speech: {
      ...speech,
      wait: async (id, req, call) => {
        const out = await speech.wait(id, req, call);
        const timing = out.files[1] ? EngineTiming.parse(JSON.parse(await readFile(out.files[1], 'utf8'))) : null;
        if (timing) engineTiming.set(req.text, timing.words);
        return out;
      },
    },
    speechUnavailableReason: undefined,
  };
  backend = openPipelineBackend(ws.dataDir, { fake: family });
  const brief = await loadBrief(await writeBrief(ws.dir));
  const runId = backend.runs.create(brief, { provider: 'fake', resolution: TEST_RESOLUTION }).id;
  expect((await backend.runs.execute(runId)).status).toBe('succeeded');
  const db = openDatabase(path.join(dataDir, 'zapcut.sqlite'));
  const ref = findAdRef(db, runId);
  closeDatabase(db);
  if (ref?.kind !== 'project') throw new Error('the run made no ad');
  projectId = ref.projectId;
}, 180_000);

afterAll(() => {
  backend?.close();
  for (const [k, v] of [['ZAPCUT_DATA_DIR', saved.data], ['ZAPCUT_RENDER_SCALE', saved.scale]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

function current(): Timeline {
  const db = openDatabase(path.join(dataDir, 'zapcut.sqlite'));
  try {
    return parseTimeline(JSON.parse(timelineJson(db, currentTimelineId(db, projectId)!)!));
  } finally {
    closeDatabase(db);
  }
}

describe('a revised line', () => {
  it("has its caption words where the voice engine says them (within 0.1 s), not spread by syllables", async () => {
    // Long and short words and two commas: an even split by syllables drifts from the real speech here.
    const line = 'Slow, unhurried, eighteen hours in every bottle.';
    const r = await backend.dispatch('project/revise', { projectId, changes: [{ op: 'set_line', scene: 2, line }] });
    if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
    expect((r.value as AdRevisionResult).flags).toEqual([]);
    const tl = current();
    const clip = tl.audio.find((t) => t.role === 'voice')!.clips.find((c) => c.id === 'voice-2')!;
    const file = (await backend.pipeline.media.resolve(tl.media[clip.media]!.sha256!))!.path;
    const span = await speechSpan(ffmpegPath, file, (await probeMedia(ffprobePath, file)).durationS!);
    const engine = engineTiming.get(line);
    expect(engine, 'the eSpeak job wrote its word timing').toBeDefined();
    const expected = engineWords(line, span, engine!)!;
    expect(expected).not.toBeNull();

    const caps = tl.overlays
      .flatMap((o) => o.items)
      .filter((i): i is TextItem => i.kind === 'text' && /^caption-2-\d+$/.test(i.id))
      .sort((a, b) => a.start - b.start);
    const said = caps.flatMap((c) => c.words!.map((w) => ({ text: w.text, at: (c.start + w.start - clip.start) / tl.fps })));
    expect(said.map((w) => w.text)).toEqual(expected.map((w) => w.text));
    const off = said.map((w, i) => Math.abs(w.at - expected[i]!.startS));
    expect(Math.max(...off), JSON.stringify({ said, expected })).toBeLessThanOrEqual(0.1);
  }, 60_000);
});
