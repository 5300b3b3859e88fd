/**
 * The generation pipeline end to end with the scripted fake provider (real SQLite, real FFmpeg,
 * tiny media): the memo, retries on 429/5xx, JSON repair, the safety block, and the CLI with the
 * offline family on a brief full of emoji, quotes, colons, backslashes and non-Latin text.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listViolations } from '../../src/backend/storage/repos/generation';
import { databasePath, openDatabase } from '../../src/backend/storage/database';
import { loadBrief } from '../../src/pipeline/brief';
import type { RunEvent } from '../../src/pipeline/engine/events';
import { measureLoudness } from '../../src/pipeline/ffmpeg/loudness';
import { probeMedia } from '../../src/pipeline/ffmpeg/probe';
import { resolveBinaries } from '../../src/pipeline/ffmpeg/binaries';
import { runToEnd } from '../../src/pipeline/generate';
import { fakeFamily, type FakeScript } from '../../src/pipeline/providers/fake';
import { inspectExport } from '../../src/pipeline/quality/inspect';
import { noVoiceReason } from '../../src/pipeline/providers/offline/system-voice';
import { checkAd } from '../../src/shared/quality/check';
import { wordCount } from '../../src/pipeline/stages/copy';
import { lineWindows } from '../../src/pipeline/stages/voice-fit';
import { TEST_RESOLUTION, fastLatencies, ffmpegPath, makeWorkspace, openPipelineBackend, writeBrief } from './pipeline-fixtures';

const savedDataDir = process.env.ZAPCUT_DATA_DIR;
afterEach(() => {
  if (savedDataDir === undefined) delete process.env.ZAPCUT_DATA_DIR;
  else process.env.ZAPCUT_DATA_DIR = savedDataDir;
});

async function runFake(script: Partial<FakeScript>, brief: Parameters<typeof writeBrief>[1] = {}, voiceless?: string) {
  const ws = await makeWorkspace();
  process.env.ZAPCUT_DATA_DIR = ws.dataDir;
  const scripted = fakeFamily({ latencyMs: fastLatencies, ...script }, { ffmpegPath });
  // A family that cannot speak (as the offline one on a machine without a system voice).
  const family = voiceless ? { ...scripted, speech: undefined, speechUnavailableReason: voiceless } : scripted;
  const backend = openPipelineBackend(ws.dataDir, { fake: family });
  const b = await loadBrief(await writeBrief(ws.dir, brief));
  const run = backend.runs.create(b, { provider: 'fake', resolution: TEST_RESOLUTION });
  const events: RunEvent[] = [];
  const outcome = await runToEnd(backend.pipeline, run.id, { onEvent: (e) => events.push(e) }).then(
    (result) => ({ result, error: undefined }),
    (error: unknown) => ({ result: undefined, error: error as Error & { code?: string } }),
  );
  const violations = (runId: string) => {
    const db = openDatabase(databasePath(ws.dataDir));
    try {
      return listViolations(db, runId);
    } finally {
      db.close();
    }
  };
  return { ws, backend, pipe: backend.pipeline, family, run, events, violations, ...outcome, close: () => backend.close() };
}

const videoJobsPerScene = (family: ReturnType<typeof fakeFamily>, runId: string) => {
  const counts: Record<string, number> = {};
  for (const j of family.ledger.snapshot().jobs.filter((x) => x.capability === 'video' && x.idempotencyKey.startsWith(runId))) {
    const step = j.idempotencyKey.split(':').slice(1, 3).join(':');
    counts[step] = (counts[step] ?? 0) + 1;
  }
  return counts;
};

describe('pipeline with the scripted fake provider', () => {
  it('runs every step once, commits each output, and exports an ad of the right length', async () => {
    const t = await runFake({});
    try {
      expect(t.error).toBeUndefined();
      const steps = t.pipe.store.getSteps(t.run.id);
      expect(steps.map((s) => s.stepId).sort()).toEqual(
        ['bible', 'storyboard', 'safety', 'references', 'prompts', 'keyframe:1', 'keyframe:2', 'keyframe:3', 'keyframe:4', 'scene:1', 'scene:2', 'scene:3', 'voiceover', 'music', 'sfx', 'timeline', 'export:16x9'].sort(),
      );
      expect(steps.every((s) => s.status === 'done' && s.attempt === 1)).toBe(true);
      expect(videoJobsPerScene(t.family, t.run.id)).toEqual({ 'scene:1': 1, 'scene:2': 1, 'scene:3': 1 });
      const probe = await probeMedia(resolveBinaries().ffprobePath, t.result!.exportPath);
      expect(probe.durationS).toBeGreaterThan(14.5);
      expect(probe.durationS).toBeLessThan(15.6);
      expect(probe.hasAudio).toBe(true);
      // Storyboard durations sum exactly; scenes carry a 1 s crossfade handle except the last.
      const sb = steps.find((s) => s.stepId === 'storyboard')!.output as { storyboard: { scenes: { durationSeconds: number }[] } };
      expect(sb.storyboard.scenes.reduce((a, s) => a + s.durationSeconds, 0)).toBe(15);
      const s2 = steps.find((s) => s.stepId === 'scene:2')!.output as { continuity: { promptAfter: string; promptBefore: string } | null; usedSeconds: number };
      expect(s2.continuity?.promptAfter).toContain('Continue from the previous shot');
      expect(s2.continuity?.promptAfter).not.toBe(s2.continuity?.promptBefore);
      // Keyframes: one paid image job per scene boundary (3 scenes → 4), each made from the one before.
      const keys = [1, 2, 3, 4].map((k) => steps.find((s) => s.stepId === `keyframe:${k}`)!);
      const keyOut = keys.map((k) => k.output as { media: string; reference: { kind: string; media: string } });
      expect(keyOut[0]!.reference.kind).toBe('hero');
      for (const k of [1, 2, 3]) expect(keyOut[k]!.reference).toEqual({ kind: 'keyframe', media: keyOut[k - 1]!.media });
      expect(new Set(keyOut.map((k) => k.media)).size).toBe(4);
      expect(keys.every((k) => k.jobs.image && k.costCents === 4)).toBe(true);
      // No video job is created before the last keyframe is done (the pictures come first).
      const order = t.events.filter((e) => e.type === 'step' && e.status === 'done').map((e) => (e as { stepId: string }).stepId);
      const firstVideo = t.events.findIndex((e) => e.type === 'job' && e.stepId.startsWith('scene:'));
      expect(t.events.findIndex((e) => e.type === 'step' && e.stepId === 'keyframe:4' && e.status === 'done')).toBeLessThan(firstVideo);
      expect(order.indexOf('keyframe:1')).toBeLessThan(order.indexOf('keyframe:4'));
      // Progress: percent reaches 100 and never goes backwards; cost is reported.
      const progress = t.events.filter((e): e is Extract<RunEvent, { type: 'progress' }> => e.type === 'progress');
      expect(progress.at(-1)!.percent).toBe(100);
      expect(progress.every((p, i) => i === 0 || p.percent >= progress[i - 1]!.percent)).toBe(true);
      expect(t.result!.costCents).toBeGreaterThan(0);
      // A second run for the same brand reuses the creative bible (no bible text call).
      const before = t.family.ledger.snapshot().calls['text.bible'];
      const b = await loadBrief(path.join(t.ws.dir, 'brief.json'));
      const again = t.backend.runs.create(b, { provider: 'fake', resolution: TEST_RESOLUTION });
      await runToEnd(t.pipe, again.id);
      expect(t.family.ledger.snapshot().calls['text.bible']).toBe(before);
    } finally {
      t.close();
    }
  });

  it('retries a 429 after its Retry-After and still creates one paid job per scene', async () => {
    const t = await runFake({ failures: { 'video.submit': [{ status: 429, retryAfterMs: 250 }] } });
    try {
      expect(t.error).toBeUndefined();
      const retry = t.events.find((e) => e.type === 'retry') as Extract<RunEvent, { type: 'retry' }>;
      expect(retry.stepId).toBe('scene:1');
      expect(retry.delayMs).toBeGreaterThanOrEqual(250);
      expect(videoJobsPerScene(t.family, t.run.id)).toEqual({ 'scene:1': 1, 'scene:2': 1, 'scene:3': 1 });
    } finally {
      t.close();
    }
  });

  it('fails clearly after three 500s, naming the stage and saying what to do', async () => {
    const t = await runFake({ failures: { 'video.submit': [{ status: 500 }, { status: 500 }, { status: 500 }] } });
    try {
      expect(t.error?.code).toBe('PROVIDER');
      expect(t.error?.message).toMatch(/Stage "scene:1" gave up after 3 attempts \(HTTP 500\)/);
      expect(t.error?.message).toContain(`zapcut resume ${t.run.id}`);
      const run = t.pipe.store.getRun(t.run.id)!;
      expect(run.status).toBe('failed');
      expect(run.errorCode).toBe('PROVIDER');
      expect(videoJobsPerScene(t.family, t.run.id)).toEqual({});
    } finally {
      t.close();
    }
  });

  it('finishes with the offline music bed when the music service fails three times, and says so', async () => {
    const t = await runFake({ failures: { 'music.submit': [{ status: 500 }, { status: 500 }, { status: 500 }] } });
    try {
      expect(t.error).toBeUndefined();
      expect(t.result!.musicFallback).toMatch(/^The music service did not answer \(.*HTTP 500.*\); this ad uses the offline music bed\./);
      expect(t.events.some((e) => e.type === 'note' && e.stepId === 'music' && /offline music bed/.test(e.message))).toBe(true);
      // No paid music job was created; the bed was made here and lasts the whole ad.
      expect(t.family.ledger.snapshot().jobs.filter((j) => j.capability === 'music')).toEqual([]);
      const music = t.pipe.store.getSteps(t.run.id).find((s) => s.stepId === 'music')!;
      expect(music.status).toBe('done');
      expect((music.output as { seconds: number; fallback?: string }).fallback).toBe(t.result!.musicFallback);
      expect((await probeMedia(resolveBinaries().ffprobePath, t.result!.exportPath)).hasAudio).toBe(true);
      expect((await measureLoudness(ffmpegPath, t.result!.exportPath)).integratedLufs).toBeGreaterThan(-30);
    } finally {
      t.close();
    }
  });

  it('repairs malformed model JSON once', async () => {
    const t = await runFake({ malformed: { storyboard: 1, prompts: 1 } });
    try {
      expect(t.error).toBeUndefined();
      const calls = t.family.ledger.snapshot().calls;
      expect(calls['text.storyboard']).toBe(2);
      expect(calls['text.prompts']).toBe(2);
      const sb = t.pipe.store.getSteps(t.run.id).find((s) => s.stepId === 'storyboard')!.output as { repaired: boolean };
      expect(sb.repaired).toBe(true);
    } finally {
      t.close();
    }
  });

  it('gives up when the model answers malformed JSON twice', async () => {
    const t = await runFake({ malformed: { storyboard: 2 } });
    try {
      expect(t.error?.message).toMatch(/Stage "storyboard".*malformed JSON twice/);
    } finally {
      t.close();
    }
  });

  it('blocks a brief about weapons or drugs before any paid call and records the violation', async () => {
    const t = await runFake({}, { product: { description: 'A tactical rifle kit with ammunition, plus cocaine samples for every buyer.' } });
    try {
      expect(t.error?.code).toBe('SAFETY_BLOCKED');
      expect(t.error?.message).toMatch(/blocked/i);
      expect(t.error?.message).toMatch(/safe alternative/i);
      const ledger = t.family.ledger.snapshot();
      expect(ledger.jobs).toEqual([]);
      expect(Object.keys(ledger.calls)).toEqual([]);
      expect(t.pipe.store.getRun(t.run.id)!.status).toBe('blocked');
      const v = t.violations(t.run.id);
      expect(v.map((x) => x.category)).toEqual(expect.arrayContaining(['weapons', 'drugs']));
      expect(existsSync(path.join(t.ws.dataDir, 'runs', t.run.id))).toBe(false);
    } finally {
      t.close();
    }
  });
});

it('snaps scene durations to what the video model allows, trims in the timeline and reports the waste', async () => {
  const t = await runFake({ allowedDurations: [4, 10], videoCentsPerSecond: 10 });
  try {
    expect(t.error).toBeUndefined();
    const scenes = t.pipe.store.getSteps(t.run.id).filter((s) => s.stepId.startsWith('scene:')).map((s) => s.output as { requestedSeconds: number; usedSeconds: number; wastedPaidSeconds: number });
    // 15 s = 5+5+5; scenes 1–2 carry a 1 s crossfade handle (6 s), the last does not (5 s).
    expect(scenes.map((s) => [s.requestedSeconds, s.usedSeconds, s.wastedPaidSeconds])).toEqual([[10, 6, 4], [10, 6, 4], [10, 5, 5]]);
    expect(t.result!.wastedPaidSeconds).toBe(13);
    expect(t.result!.export.durationMs).toBeGreaterThan(14_500);
    expect(t.result!.export.durationMs).toBeLessThan(15_600);
    const clips = t.result!.timeline.main.clips.map((c) => c.out - c.in);
    expect(clips).toEqual([180, 180, 150]);
  } finally {
    t.close();
  }
});

it('creates a paid job again only when the provider says the job itself failed', async () => {
  const t = await runFake({ failures: { 'video.wait': [{ status: 200, jobFailed: true }] } });
  try {
    expect(t.error).toBeUndefined();
    expect(videoJobsPerScene(t.family, t.run.id)).toEqual({ 'scene:1': 2, 'scene:2': 1, 'scene:3': 1 });
    const s1 = t.pipe.store.getSteps(t.run.id).find((s) => s.stepId === 'scene:1')!;
    expect(s1.jobs.video).toBe(t.family.ledger.snapshot().jobs.filter((j) => j.idempotencyKey.startsWith(`${t.run.id}:scene:1`)).at(-1)!.jobId);
  } finally {
    t.close();
  }
});

it('a block from the safety model stops the run before any media job and records why', async () => {
  const t = await runFake({ safetyBlocks: true });
  try {
    expect(t.error?.code).toBe('SAFETY_BLOCKED');
    expect(t.error?.message).toMatch(/blocked.*real people.*A synthetic person enjoys the drink/);
    expect(t.family.ledger.snapshot().jobs).toEqual([]);
    expect(t.pipe.store.getRun(t.run.id)!.status).toBe('blocked');
    expect(t.violations(t.run.id)).toMatchObject([{ category: 'real_people', severity: 'high' }]);
  } finally {
    t.close();
  }
});

describe('voice lines fitted before the scenes are made', () => {
  it('without a voice on the machine, makes the ad with captions only, says why, and the check passes it', async () => {
    const t = await runFake({}, {}, noVoiceReason('linux'));
    try {
      expect(t.error).toBeUndefined();
      expect(t.result!.voiceoverUnavailable).toBe(noVoiceReason('linux'));
      expect(t.events.some((e) => e.type === 'note' && e.stepId === 'voiceover' && e.message === noVoiceReason('linux'))).toBe(true);
      const steps = t.pipe.store.getSteps(t.run.id);
      const tl = steps.find((s) => s.stepId === 'timeline')!.output as { timeline: { overlays: Array<{ id: string; items: unknown[] }>; tracks?: unknown } };
      expect(tl.timeline.overlays.find((o) => o.id === 'captions')!.items.length).toBeGreaterThan(0);
      const { facts, plan } = await inspectExport(t.result!.exportPath, resolveBinaries());
      expect(plan!.voice).toMatchObject({ lines: 0, cutLines: [] });
      const report = checkAd(facts, plan, null);
      expect(report.items.find((i) => i.code === 'voice-cut')).toMatchObject({ status: 'pass' });
      expect(report.items.filter((i) => i.status === 'fail' && /voice|speech/.test(i.code))).toEqual([]);
    } finally {
      t.close();
    }
  });

  it('lengthens scenes from those with room, has the writer shorten what still does not fit, and cuts no line', async () => {
    // A slow voice (1.2 words/s, and it does not squeeze lines into their time as eSpeak does):
    // the storyboard's lines are written for ~2.5 words/s. 15 s in scenes of 5+5+5: the first
    // line (7 words, 5.8 s) overflows its 4.7 s; the second (3 words) has a second to spare and
    // gives it; the first still needs 0.1 s more, so the writer shortens it.
    const t = await runFake({ speechWordsPerSecond: 1.2 });
    try {
      expect(t.error).toBeUndefined();
      const steps = t.pipe.store.getSteps(t.run.id);
      const out = <T>(id: string) => steps.find((s) => s.stepId === id)!.output as T;
      const voice = out<{ lines: Array<{ sceneIndex: number; text: string; speechSeconds: number; shortened?: boolean }>; durations: number[] }>('voiceover');
      const sb = out<{ storyboard: { scenes: Array<{ voiceover: string; durationSeconds: number }> } }>('storyboard').storyboard;
      expect(voice.durations).toEqual([6, 4, 5]);
      expect(voice.lines.some((l) => l.shortened)).toBe(true);
      expect(t.family.ledger.snapshot().calls['text.voiceover']).toBeGreaterThanOrEqual(1);
      // Each line now fits its window, and the scenes were made at the fitted lengths.
      const windows = lineWindows(voice.durations, 1);
      for (const l of voice.lines) expect(l.speechSeconds, `line ${l.sceneIndex}`).toBeLessThanOrEqual(windows[l.sceneIndex - 1]! + 1e-6);
      voice.durations.forEach((d, i) => expect(out<{ usedSeconds: number }>(`scene:${i + 1}`).usedSeconds).toBe(d + (i < voice.durations.length - 1 ? 1 : 0)));
      // A shortened line is what the captions show (in pages), and it is shorter than the storyboard's.
      const short = voice.lines.find((l) => l.shortened)!;
      expect(wordCount(short.text)).toBeLessThan(wordCount(sb.scenes[short.sceneIndex - 1]!.voiceover));
      const tl = out<{ timeline: { overlays: Array<{ id: string; items: Array<{ id: string; text?: string }> }> } }>('timeline').timeline;
      const captions = tl.overlays.find((o) => o.id === 'captions')!.items;
      const pages = captions.filter((c) => c.id.startsWith(`caption-${short.sceneIndex}-`)).map((c) => c.text);
      expect(pages.join(' ')).toBe(short.text);
      // The export's own check: nothing cut, nothing speaking across a cut.
      const { plan } = await inspectExport(t.result!.exportPath, resolveBinaries());
      expect(plan!.voice).toMatchObject({ lines: voice.lines.length, cutSeconds: 0, cutLines: [], crossingCuts: [] });
    } finally {
      t.close();
    }
  });
});

describe('voice lines that cannot be fitted (issue 19)', () => {
  it('never play two at once: a line still too long after shortening fades out where the next one starts', async () => {
    // A voice so slow (0.3 words/s) that even the writer's shortest lines overflow every scene.
    const t = await runFake({ speechWordsPerSecond: 0.3 });
    try {
      expect(t.error).toBeUndefined();
      const tl = t.pipe.store.getSteps(t.run.id).find((s) => s.stepId === 'timeline')!.output as { timeline: { audio: Array<{ role: string; clips: Array<{ id: string; start: number; in: number; out: number; fadeOutFrames: number }> }> } };
      const clips = tl.timeline.audio.find((a) => a.role === 'voice')!.clips.toSorted((a, b) => a.start - b.start);
      expect(clips.length).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < clips.length; i++) {
        const prev = clips[i - 1]!;
        expect(prev.start + prev.out - prev.in, `${prev.id} ends before ${clips[i]!.id} starts`).toBeLessThanOrEqual(clips[i]!.start);
        expect(prev.fadeOutFrames).toBeGreaterThan(0);
      }
      expect(t.events.flatMap((e) => (e.type === 'note' ? [e.message] : [])).join('\n')).toMatch(/ran into the next line/);
    } finally {
      t.close();
    }
  });
});

describe('zapcut generate (CLI, offline provider)', () => {
  const cli = (args: string[], dataDir: string) =>
    spawnSync(process.execPath, ['bin/zapcut.mjs', ...args], { cwd: path.resolve(__dirname, '../..'), env: { ...process.env, ZAPCUT_DATA_DIR: dataDir }, encoding: 'utf8', timeout: 180_000 });

  it('turns a brief with emoji, quotes, colons, backslashes and non-Latin text into a valid ad', async () => {
    const ws = await makeWorkspace();
    const brief = await writeBrief(ws.dir, {
      brand: { name: 'Café "Ñandú" ☕: 東京 \\ Ünïcode', description: 'Roasters since 1999: "bold" & bright \\ кофе. 🌍' },
      product: { name: 'Ñandú Cold Brew 🧊', description: 'Cold brew: 18 h "slow" steep \\ no bitterness. Árabe: قهوة', benefit: 'energy that lasts 💪', audience: 'night owls: students & coders' },
      cta: 'Order at ñandú.example — 10% off!',
      voice: 'british',
    });
    const out = path.join(ws.dir, 'ad "final": ☕.mp4');
    const r = cli(['generate', '--brief', brief, '--out', out, '--length', '15', '--short-side', '90'], ws.dataDir);
    expect(r.stderr + r.stdout).not.toMatch(/INTERNAL/);
    expect(r.status).toBe(0);
    const probe = await probeMedia(resolveBinaries().ffprobePath, out);
    expect(probe.hasVideo && probe.hasAudio).toBe(true);
    expect(probe.durationS).toBeGreaterThan(14.5);
    expect(existsSync(out.replace(/\.mp4$/, '.jpg'))).toBe(true);
    const runs = cli(['runs'], ws.dataDir);
    expect(runs.stdout).toMatch(/succeeded/);
    // The brand's first ad starts its style learning, as in the app; `brand style --wait` follows it to the end.
    expect(r.stdout).toMatch(/brand style: learning/);
    const style = cli(['brand', 'style', 'Café "Ñandú" ☕: 東京 \\ Ünïcode', '--wait', '--out', ws.dir], ws.dataDir);
    expect(style.stdout).toMatch(/: ready\n {2}Trained on \d+ images \(offline\)/);
    expect(style.status).toBe(0);
  }, 240_000); // a whole offline run with its two-pass mastered export, then the style learning, on a shared 2-core machine

  it('exits non-zero with "blocked" and writes no video for an unsafe brief', async () => {
    const ws = await makeWorkspace();
    const brief = await writeBrief(ws.dir, { product: { description: 'Buy meth and a handgun with every order.' } });
    const out = path.join(ws.dir, 'ad.mp4');
    const r = cli(['generate', '--brief', brief, '--out', out], ws.dataDir);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/blocked/i);
    expect(existsSync(out)).toBe(false);
    expect((await readdir(ws.dir)).filter((f) => f.endsWith('.mp4'))).toEqual([]);
  });
});
