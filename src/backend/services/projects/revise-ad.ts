/**
 * Revising a finished ad (issue 19 #4): "change line 2", "make the CTA 'Order today'", a new
 * title — from the Ads page, the editor or the chat. Only what changed is made again: a new line is
 * spoken by the ad's own voice engine (the run's provider and voice) and its captions retimed to
 * the new speech; titles and the CTA are text layers, laid out again when the ad renders. No scene,
 * picture or music is made. A line that no longer fits its scene is flagged with the shared timing
 * rule's figures (its voice fades out where the next line begins, as assembly does).
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { TextItem, Timeline } from '../../../shared/timeline';
import { blockingViolations, defaultRuleSet, screenText } from '../../../shared/safety';
import { shortenLine, speakable, wordCount } from '../../../shared/voice/copy';
import { SPEAKING_WORDS_PER_SECOND, spokenSeconds } from '../../../shared/voice/timing';
import type { AdChange, AdCopy, AdLineFlag, AdReviseInput, AdRevisionResult } from '../../../shared/domain/revise';
import { runInputOf, type RunInput } from '../../../pipeline/generate';
import type { ResolvedBrief } from '../../../pipeline/brief';
import { lineWindowFrames, replaceSceneLine, sceneCaptions, sceneLine, sceneTitle, timelineFrames, voiceClip, endCardAction } from '../../../pipeline/variants/recut';
import { latestSucceededRunId, projectSource } from '../../storage/repos/variants';
import { timelineJson } from '../../storage/repos/timelines';
import { readDocument, saveProject } from '../editor/documents';
import { mediaViews } from '../editor/media';
import { speak } from '../variants/service';
import type { ServiceContext } from '../context';

interface Source {
  title: string;
  timeline: Timeline;
  /** The run that made the ad: its provider and voice speak revised lines. */
  run: { id: string; input: RunInput } | null;
}

function readSource(ctx: ServiceContext, projectId: string): Source {
  const row = projectSource(ctx.db, projectId);
  if (!row) throw new AppError('NOT_FOUND', 'That ad no longer exists.');
  if (row.status !== 'ready' || !row.currentTimelineId) throw new AppError('CONFLICT', `"${row.title}" is not finished yet; revise it once it is ready.`);
  const json = timelineJson(ctx.db, row.currentTimelineId);
  if (json === undefined) throw new AppError('NOT_FOUND', 'The ad timeline is missing. Regenerate the ad.');
  const runId = latestSucceededRunId(ctx.db, projectId);
  const run = runId ? ctx.pipeline.store.getRun(runId) : undefined;
  return { title: row.title, timeline: readDocument(json), run: run ? { id: run.id, input: runInputOf(run) } : null };
}

/** The scenes a timeline has (its main clips, in order). */
const sceneCount = (tl: Timeline) => tl.main.clips.length;

function windowSeconds(tl: Timeline, scene: number): number | null {
  const win = lineWindowFrames(tl, scene, timelineFrames(tl));
  return win ? (win.until - win.start) / tl.fps : null;
}

export function adCopy(ctx: ServiceContext, projectId: string): AdCopy {
  const src = readSource(ctx, projectId);
  const tl = src.timeline;
  const scenes = Array.from({ length: sceneCount(tl) }, (_, i) => i + 1).map((scene) => ({
    scene,
    title: sceneTitle(tl, scene),
    line: sceneLine(tl, scene),
    voiced: !!voiceClip(tl, scene),
    windowSeconds: windowSeconds(tl, scene),
  }));
  return { scenes, cta: endCardAction(tl), revisable: true };
}

function textItem(tl: Timeline, id: string): TextItem | undefined {
  return tl.overlays.flatMap((o) => o.items).find((i): i is TextItem => i.kind === 'text' && i.id === id);
}

function screened(text: string, what: string): string {
  const v = blockingViolations(screenText(text, defaultRuleSet.rules));
  if (v.length) throw new AppError('VALIDATION', `I can't put that ${what} in the ad: it breaks the content rules (${[...new Set(v.map((x) => x.category.replace(/_/gu, ' ')))].join(', ')}). Nothing was changed.`);
  return text;
}

/** "Shorten line 2": the line cut at a natural boundary to what its scene gives it, and shorter than it was. */
function shortened(tl: Timeline, scene: number): string {
  const line = sceneLine(tl, scene);
  if (!line) throw new AppError('VALIDATION', `Scene ${scene} has no spoken line to shorten.`);
  const words = wordCount(speakable(line));
  const fit = Math.floor((windowSeconds(tl, scene) ?? 0) * SPEAKING_WORDS_PER_SECOND);
  const budget = Math.max(2, Math.min(fit, Math.ceil(words * 0.7)));
  const out = shortenLine(speakable(line), budget);
  if (wordCount(out) >= words) throw new AppError('VALIDATION', `Line ${scene} is already as short as it can be ("${line}"). Write a new line for it instead.`);
  return out;
}

/**
 * Applies the changes to the ad's current timeline (or the editor's document), speaking each new
 * line once. Saves a new timeline version unless the editor's document was given.
 */
export async function reviseAd(ctx: ServiceContext, input: AdReviseInput, opts: { signal?: AbortSignal } = {}): Promise<AdRevisionResult> {
  const rt = ctx.state.projects;
  if (rt.revising.has(input.projectId)) throw new AppError('CONFLICT', 'This ad is already being revised. Wait a moment, then try again.');
  rt.revising.add(input.projectId);
  try {
    return await revise(ctx, input, opts.signal ?? new AbortController().signal);
  } finally {
    rt.revising.delete(input.projectId);
  }
}

async function revise(ctx: ServiceContext, input: AdReviseInput, signal: AbortSignal): Promise<AdRevisionResult> {
  const src = readSource(ctx, input.projectId);
  let tl: Timeline = structuredClone(src.timeline);
  let given: Timeline | null = null;
  if (input.timeline !== undefined) {
    tl = readDocument(JSON.stringify(input.timeline));
    given = structuredClone(tl);
  }
  const scenes = sceneCount(tl);
  const total = timelineFrames(tl);
  const portrait = tl.output.preset === '9:16';
  const changed: AdRevisionResult['changed'] = [];
  const flags: AdLineFlag[] = [];
  let voiceLines = 0;
  const scene = (c: { scene: number }) => {
    if (c.scene > scenes) throw new AppError('VALIDATION', `There is no scene ${c.scene}; the ad has ${scenes}.`);
    return c.scene;
  };

  // Every change is checked before anything is spoken (a refused change costs nothing).
  const planned: { change: AdChange; text: string }[] = [...input.changes, ...spokenCta(tl, input.changes, scenes)].map((change) => {
    switch (change.op) {
      case 'set_line':
        scene(change);
        return { change, text: screened(change.line, 'line') };
      case 'shorten_line':
        return { change, text: shortened(tl, scene(change)) };
      case 'set_title':
        if (!textItem(tl, `title-${scene(change)}`)) throw new AppError('VALIDATION', `Scene ${change.scene} has no title to change.`);
        return { change, text: screened(change.title, 'title') };
      case 'set_cta':
        if (!textItem(tl, 'end-cta')) throw new AppError('VALIDATION', 'This ad has no end card with a call to action to change.');
        return { change, text: screened(change.action, 'call to action') };
    }
  });

  for (const { change, text } of planned) {
    if (change.op === 'set_title') {
      textItem(tl, `title-${change.scene}`)!.text = text;
      changed.push({ op: change.op, scene: change.scene, text });
      continue;
    }
    if (change.op === 'set_cta') {
      textItem(tl, 'end-cta')!.text = text;
      changed.push({ op: change.op, scene: null, text });
      continue;
    }
    const n = change.scene;
    const win = lineWindowFrames(tl, n, total);
    if (!win) throw new AppError('VALIDATION', `Scene ${n} has no spoken line or captions to change.`);
    const windowS = (win.until - win.start) / tl.fps;
    const clip = voiceClip(tl, n);
    let spoken = null;
    if (clip) {
      if (!src.run) throw new AppError('CONFLICT', `"${src.title}" was not made by a generation run, so its voice cannot speak a new line. Change its captions in the editor instead.`);
      const family = ctx.pipeline.family(src.run.input.provider);
      const hash = createHash('sha256').update(text).digest('hex').slice(0, 8);
      const r = await speak(ctx, family, { runId: src.run.id, brief: src.run.input.brief as ResolvedBrief }, `revise-scene${n}`, text, windowS - 0.2, signal);
      spoken = r.line;
      voiceLines++;
      replaceSceneLine(tl, n, text, spoken, `voice-${n}-r${hash}`, total, portrait);
      // Named for the creator, not by its hash (issue 19 #13).
      tl.media[`voice-${n}-r${hash}`]!.name = `Voiceover ${n} (revised)`;
      const room = (win.until - clip.start) / tl.fps;
      if (spoken.speechSeconds > room + 0.05) flags.push({ scene: n, seconds: round1(spoken.speechSeconds), windowSeconds: round1(room) });
    } else {
      if (!sceneCaptions(tl, n).length) throw new AppError('VALIDATION', `Scene ${n} has no spoken line or captions to change.`);
      replaceSceneLine(tl, n, text, null, `voice-${n}`, total, portrait);
      const est = spokenSeconds(text);
      if (est > windowS + 1e-6) flags.push({ scene: n, seconds: round1(est), windowSeconds: round1(windowS) });
    }
    changed.push({ op: change.op, scene: n, text });
  }

  const doc = readDocument(JSON.stringify(tl));
  if (input.timeline !== undefined) {
    const added = Object.fromEntries(Object.entries(doc.media).filter(([id]) => !(id in (given?.media ?? {}))));
    return { version: null, timeline: doc, media: await mediaViews(ctx, input.projectId, { ...doc, media: added }), changed, voiceLines, flags };
  }
  const saved = saveProject(ctx, { projectId: input.projectId, timeline: doc });
  ctx.emit('project/changed', { id: input.projectId });
  return { version: saved.version, timeline: doc, media: [], changed, voiceLines, flags };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * A new call to action is said by the ad too: a scene whose line says the old one ("Order today.",
 * the CTA scene's line the writer made from it) says the new one — else the voice says "Order
 * today" over a button that reads "Try Luna today" (seen on the contact sheet of a revised ad).
 * Not where the same request sets or shortens that line itself.
 */
function spokenCta(tl: Timeline, changes: AdChange[], scenes: number): AdChange[] {
  const cta = changes.findLast((c) => c.op === 'set_cta');
  const old = endCardAction(tl).trim();
  if (!cta || !old || cta.action.trim() === old) return [];
  const said = new RegExp(`(^|[^\\p{L}\\p{N}])${old.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}(?=$|[^\\p{L}\\p{N}])`, 'iu');
  const out: AdChange[] = [];
  for (let scene = 1; scene <= scenes; scene++) {
    const line = sceneLine(tl, scene);
    if (!line || !said.test(line) || changes.some((c) => (c.op === 'set_line' || c.op === 'shorten_line') && c.scene === scene)) continue;
    out.push({ op: 'set_line', scene, line: line.replace(said, (_m, lead: string) => `${lead}${cta.action.trim()}`) });
  }
  return out;
}
