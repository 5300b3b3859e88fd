/** Rows → what the renderer sees (media as URLs on the media protocol, never file paths). */
import { CreativeBibleDoc, type AdProjectView, type AdResult, type AdSummary, type RunStepState, type RunView, type SceneGateView } from '../../../shared/domain/ads';
import { isAwaitingApproval } from '../../../pipeline/generate';
import type { SceneOutput } from '../../../pipeline/stages/scenes';
import { reasonsOf } from '../../../pipeline/quality/scene-gate';
import { picturesView } from './pictures';
import type { RunRecord, StepRecord } from '../../../pipeline/engine/store';
import type { StoryScene } from '../../../pipeline/stages/schemas';
import { getRun, listSteps } from '../../storage/repos/runs';
import { latestBible } from '../../storage/repos/generation';
import type { ServiceContext } from '../context';
import * as repo from '../../storage/repos/projects';
import { storyboardView } from './storyboard';
import { withScenePictures } from './scene-pictures';
import type { Aspect } from '../../../shared/domain/aspect';
import { currentExports } from './current';

export interface LiveInfo {
  percent: number;
  etaSeconds: number | null;
  costCents: number;
}

const GROUPS: { id: string; match: (stepId: string) => boolean; total: (scenes: number) => number }[] = [
  { id: 'bible', match: (s) => s === 'bible', total: () => 1 },
  { id: 'storyboard', match: (s) => s === 'storyboard', total: () => 1 },
  { id: 'safety', match: (s) => s === 'safety', total: () => 1 },
  { id: 'prompts', match: (s) => s === 'prompts' || s === 'references', total: () => 2 },
  // One picture per scene start plus the final frame (issue 21).
  { id: 'pictures', match: (s) => s.startsWith('keyframe:'), total: (n) => n + 1 },
  { id: 'scenes', match: (s) => s.startsWith('scene:'), total: (n) => n },
  { id: 'audio', match: (s) => s === 'voiceover' || s === 'music' || s === 'sfx', total: () => 3 },
  { id: 'assembly', match: (s) => s === 'timeline', total: () => 1 },
  { id: 'export', match: (s) => s.startsWith('export:'), total: () => 1 },
];

const url = (ctx: ServiceContext, sha: string | null | undefined) => (sha ? `${ctx.mediaBaseUrl}${sha}` : null);

export function runView(ctx: ServiceContext, run: RunRecord, steps: StepRecord[], live: LiveInfo | undefined): RunView {
  const sceneCount = (run.input as { brief?: { scenesHint?: number } }).brief?.scenesHint ?? steps.filter((s) => s.stepId.startsWith('scene:')).length;
  const stages = GROUPS.map((g) => {
    const mine = steps.filter((s) => g.match(s.stepId));
    const total = Math.max(g.total(sceneCount), mine.length);
    const done = mine.filter((s) => s.status === 'done').length;
    let state: RunStepState = 'pending';
    if (done === total) state = 'done';
    // A cancelled run's interrupted steps are not failures: they simply did not finish.
    else if (mine.some((s) => s.status === 'failed') && (run.status === 'failed' || run.status === 'blocked')) state = 'failed';
    else if (mine.some((s) => s.status === 'running') || done > 0) state = run.status === 'running' || run.status === 'queued' ? 'running' : 'pending';
    return { id: g.id, state, done, total };
  });
  const scenes = Array.from({ length: sceneCount }, (_, i) => {
    const out = steps.find((s) => s.stepId === `scene:${i + 1}` && s.status === 'done')?.output as SceneOutput | undefined;
    return { index: i + 1, thumbnailUrl: url(ctx, out?.lastFrame), gate: gateView(out) };
  });
  const doneSteps = steps.filter((s) => s.status === 'done').length;
  const totalSteps = GROUPS.reduce((s, g) => s + g.total(sceneCount), 0);
  const percent = run.status === 'succeeded' ? 100 : (live?.percent ?? Math.round((100 * doneSteps) / Math.max(1, totalSteps)));
  return {
    runId: run.id,
    status: isAwaitingApproval(run) ? 'awaiting_approval' : run.status,
    percent,
    etaSeconds: run.status === 'running' ? (live?.etaSeconds ?? null) : null,
    costCents: Math.max(run.costCents, live?.costCents ?? 0),
    charge: run.charge ? { source: run.charge.source, costCents: run.charge.costCents, status: run.charge.status } : null,
    paid: run.provider === 'proxy',
    stages,
    scenes,
    error: run.errorCode ? { code: run.errorCode, message: run.errorMessage ?? '' } : null,
    voiceNotice: voiceNoticeOf(steps),
  };
}

/** A delivered scene's gate figures (scene-gate.ts); null offline (no gate) or before the scene is done. */
export function gateView(out: Pick<SceneOutput, 'gate' | 'anchored'> | undefined): SceneGateView | null {
  const g = out?.gate;
  if (!g) return null;
  const m = g.measure;
  return { passed: g.failed.length === 0, anchored: !!out.anchored, firstSsim: m.firstSsim, lastSsim: m.lastSsim, blackSeconds: m.blackSeconds, frozenSeconds: m.frozenSeconds, failed: reasonsOf(g), retriedBecause: g.regeneratedFrom ? reasonsOf(g.regeneratedFrom) : null };
}

/** The voiceover step's "no voice" outcome (a brief that asks for no voice is not news). */
export function voiceNoticeOf(steps: Array<Pick<StepRecord, 'stepId' | 'status' | 'output'>>, platform: NodeJS.Platform = process.platform): RunView['voiceNotice'] {
  const out = steps.find((s) => s.stepId === 'voiceover' && s.status === 'done')?.output as { unavailable?: string | null; unavailableKind?: string } | undefined;
  if (!out?.unavailable || (out.unavailableKind !== 'no-voice' && out.unavailableKind !== 'failed')) return null;
  const p = platform;
  return { kind: out.unavailableKind, platform: p === 'darwin' || p === 'win32' || p === 'linux' ? p : 'other', detail: out.unavailable };
}

export function results(ctx: ServiceContext, projectId: string): AdResult[] {
  return currentExports(ctx.db, projectId)
    .filter((e) => e.preset === '16:9' || e.preset === '9:16' || e.preset === '1:1')
    .map((e) => ({ aspect: e.preset as Aspect, videoUrl: url(ctx, e.sha256)!, thumbnailUrl: url(ctx, e.thumbnailSha256), durationMs: e.durationMs, upToDate: e.upToDate }));
}

export function summary(ctx: ServiceContext, p: repo.ProjectRow, live: (runId: string) => LiveInfo | undefined): AdSummary & { runView: RunView | null; results: AdResult[] } {
  const runId = repo.latestRunId(ctx.db, p.id);
  const run = runId ? getRun(ctx.db, runId) : undefined;
  const rv = run ? runView(ctx, run, listSteps(ctx.db, run.id), live(run.id)) : null;
  const res = results(ctx, p.id);
  const s = p.doc.slots;
  return {
    id: p.id,
    title: s.productName ?? p.title,
    // Unnamed only while the chat has no product yet: a made ad keeps its stored title (a CLI or older ad may have no product slot).
    named: !!s.productName || (p.status !== 'draft' && p.status !== 'chatting'),
    brandId: p.brandId,
    brandName: repo.brandName(ctx.db, p.brandId),
    status: p.status,
    stage: p.stage,
    lengthSeconds: s.lengthSeconds ?? null,
    aspect: s.aspect ?? null,
    thumbnailUrl: (res.find((r) => r.aspect === s.aspect && r.upToDate) ?? res.find((r) => r.upToDate) ?? res.find((r) => r.aspect === s.aspect) ?? res[0])?.thumbnailUrl ?? rv?.scenes.find((x) => x.thumbnailUrl)?.thumbnailUrl ?? null,
    run: rv && { status: rv.status, percent: rv.percent, error: rv.error },
    updatedAt: p.updatedAt,
    runView: rv,
    results: res,
  };
}

export function projectView(ctx: ServiceContext, p: repo.ProjectRow, opts: { drafting: boolean; live: (runId: string) => LiveInfo | undefined }): AdProjectView {
  const sum = summary(ctx, p, opts.live);
  const sb = repo.latestStoryboard(ctx.db, p.id);
  const bibleRow = sb && p.brandId ? latestBible(ctx.db, p.brandId) : undefined;
  const bible = bibleRow ? CreativeBibleDoc.safeParse(bibleRow.bible) : undefined;
  const scenes = (sb?.storyboard as { scenes?: StoryScene[] } | undefined)?.scenes;
  const runId = repo.latestRunId(ctx.db, p.id);
  const run = runId ? getRun(ctx.db, runId) : undefined;
  const pictures = run ? picturesView(ctx, run, listSteps(ctx.db, run.id)) : null;
  const storyboard = sb && scenes ? storyboardView(scenes, p.doc.slots.lengthSeconds ?? p.lengthSeconds, p.doc.slots.productName ?? p.title, { version: sb.version, approvedAt: sb.approvedAt }) : null;
  return {
    ...sum,
    messages: repo.listMessages(ctx.db, p.id),
    drafting: opts.drafting,
    bible: bible?.success ? { ...bible.data, version: bibleRow!.version, source: bibleRow!.source } : null,
    pictures,
    storyboard: storyboard && withScenePictures(ctx, storyboard, { brandId: p.brandId, ideas: p.doc.slots.scenes, pictures }),
  };
}
