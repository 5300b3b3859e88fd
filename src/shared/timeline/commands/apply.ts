/**
 * applyCommand(doc, cmd) → the edited document, or a refusal with a reason. Never throws for a
 * bad edit and never mutates `doc`: untouched parts are shared, so undo keeps old documents for
 * free. Every accepted result passes the timeline's semantic checks (checkTimeline); an edit that
 * would add a problem is refused with that problem as its reason.
 */
import { AspectPreset, MainClip, MediaEntry, type Timeline } from '../model';
import type { TimelineIssue } from '../issues';
import { checkTimeline } from '../validate';
import { deleteAudio, deleteOverlay, insertAudio, insertOverlay, moveAudio, setAudioGain, setText, splitAudio, splitOverlay, trimAudio, trimOverlay, updateOverlay } from './items';
import { locate } from './locate';
import { deleteMain, insertMain, reorderMain, setMainClip, setTransition, splitMain, trimMain } from './main-track';
import { Refused, refuse } from './refuse';
import type { CommandContext, CommandResult, EditCommand } from './types';

function run(tl: Timeline, cmd: EditCommand, ctx: CommandContext): Timeline {
  switch (cmd.type) {
    case 'trim':
    case 'split':
    case 'delete':
    case 'rippleDelete': {
      const at = locate(tl, cmd.itemId);
      if (!at) refuse(`"${cmd.itemId}" does not exist (it may have been deleted)`, cmd.itemId);
      if (cmd.type === 'trim') return at.where === 'main' ? trimMain(tl, cmd.itemId, cmd.edge, cmd.frame, ctx) : at.where === 'overlay' ? trimOverlay(tl, cmd.itemId, cmd.edge, cmd.frame) : trimAudio(tl, cmd.itemId, cmd.edge, cmd.frame, ctx);
      if (cmd.type === 'split') return at.where === 'main' ? splitMain(tl, cmd.itemId, cmd.frame, cmd.newId) : at.where === 'overlay' ? splitOverlay(tl, cmd.itemId, cmd.frame, cmd.newId) : splitAudio(tl, cmd.itemId, cmd.frame, cmd.newId);
      const ripple = cmd.type === 'rippleDelete';
      return at.where === 'main' ? deleteMain(tl, cmd.itemId, ripple) : at.where === 'overlay' ? deleteOverlay(tl, cmd.itemId, ripple) : deleteAudio(tl, cmd.itemId, ripple);
    }
    case 'reorder':
      return reorderMain(tl, cmd.itemId, cmd.toIndex);
    case 'setTransition':
      return setTransition(tl, cmd.itemId, cmd.kind, cmd.frames);
    case 'updateOverlay':
      return updateOverlay(tl, cmd);
    case 'setText':
      return setText(tl, cmd);
    case 'moveAudio':
      return moveAudio(tl, cmd.itemId, cmd.start, cmd.trackId);
    case 'setClipGain': {
      if (!Number.isFinite(cmd.gain) || cmd.gain < 0 || cmd.gain > 4) refuse(`volume must be between 0 and 400 % (got ${Math.round(cmd.gain * 100)} %)`, cmd.itemId);
      const at = locate(tl, cmd.itemId);
      if (at?.where === 'main') return setMainClip(tl, cmd.itemId, { gain: cmd.gain });
      return setAudioGain(tl, cmd.itemId, cmd.gain);
    }
    case 'setPreset': {
      const parsed = AspectPreset.safeParse(cmd.preset);
      if (!parsed.success) refuse(`unknown aspect preset ${JSON.stringify(cmd.preset)}`);
      return tl.output.preset === parsed.data ? tl : { ...tl, output: { ...tl.output, preset: parsed.data } };
    }
    case 'setFit':
      return setMainClip(tl, cmd.itemId, { fit: cmd.fit });
    case 'setTrack': {
      if (cmd.gain !== undefined && (!Number.isFinite(cmd.gain) || cmd.gain < 0 || cmd.gain > 4)) refuse(`track volume must be between 0 and 400 %`);
      const ai = tl.audio.findIndex((t) => t.id === cmd.trackId);
      if (ai >= 0) {
        if (cmd.hidden !== undefined) refuse('audio tracks cannot be hidden; mute them instead');
        const audio = [...tl.audio];
        audio[ai] = { ...audio[ai]!, ...(cmd.gain !== undefined ? { gain: cmd.gain } : {}), ...(cmd.muted !== undefined ? { muted: cmd.muted } : {}) };
        return { ...tl, audio };
      }
      const oi = tl.overlays.findIndex((t) => t.id === cmd.trackId);
      if (oi < 0) refuse(`track "${cmd.trackId}" does not exist`);
      if (cmd.gain !== undefined || cmd.muted !== undefined) refuse('overlay tracks have no sound');
      const overlays = [...tl.overlays];
      overlays[oi] = { ...overlays[oi]!, ...(cmd.hidden !== undefined ? { hidden: cmd.hidden } : {}) };
      return { ...tl, overlays };
    }
    case 'setDucking': {
      const ducking = { ...tl.ducking, ...cmd.patch };
      if (ducking.level < 0 || ducking.level > 1) refuse('ducking depth must be between 0 and 100 %');
      if (!Number.isInteger(ducking.attackFrames) || !Number.isInteger(ducking.releaseFrames) || ducking.attackFrames < 0 || ducking.releaseFrames < 0) refuse('ducking attack and release are whole, non-negative frame counts');
      return { ...tl, ducking };
    }
    case 'putMedia': {
      const parsed = MediaEntry.safeParse(cmd.entry);
      if (!parsed.success) refuse(`media "${cmd.mediaId}": ${parsed.error.issues[0]!.message}`);
      const old = tl.media[cmd.mediaId];
      if (old && old.kind !== parsed.data.kind) refuse(`media "${cmd.mediaId}" is ${old.kind}; relink it to another ${old.kind} file, not ${parsed.data.kind}`);
      return { ...tl, media: { ...tl.media, [cmd.mediaId]: parsed.data } };
    }
    case 'insertMain': {
      const parsed = MainClip.safeParse(cmd.clip);
      if (!parsed.success) refuse(`new clip: ${parsed.error.issues[0]!.message}`);
      if (locate(tl, cmd.clip.id)) refuse(`id "${cmd.clip.id}" is already used`);
      return insertMain(tl, parsed.data, cmd.index);
    }
    case 'insertOverlay':
      if (locate(tl, cmd.item.id)) refuse(`id "${cmd.item.id}" is already used`);
      return insertOverlay(tl, cmd.trackId, cmd.item);
    case 'insertAudio':
      if (locate(tl, cmd.clip.id)) refuse(`id "${cmd.clip.id}" is already used`);
      return insertAudio(tl, cmd.role, cmd.trackId, cmd.clip);
    case 'batch':
      return cmd.commands.reduce((doc, c) => run(doc, c, ctx), tl);
  }
}

/** The empty-timeline issue is allowed while editing (a blank project); export refuses it. */
const isEmptyIssue = (i: TimelineIssue) => i.itemId === null && i.path === 'main.clips';
const issuesCache = new WeakMap<Timeline, Set<string>>();
function knownIssues(tl: Timeline): Set<string> {
  let s = issuesCache.get(tl);
  if (!s) issuesCache.set(tl, (s = new Set(checkTimeline(tl).map((i) => i.message))));
  return s;
}

export function applyCommand(tl: Timeline, cmd: EditCommand, ctx: CommandContext = {}): CommandResult<Timeline> {
  let next: Timeline;
  try {
    next = run(tl, cmd, ctx);
  } catch (err) {
    if (err instanceof Refused) return { ok: false, reason: err.message, itemId: err.itemId };
    return { ok: false, reason: `the edit failed: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (next === tl) return { ok: true, doc: tl };
  // Problems the document already had (e.g. written by an older pipeline) do not block edits;
  // new ones do.
  const before = knownIssues(tl);
  const issues = checkTimeline(next).filter((i) => !isEmptyIssue(i));
  const added = issues.filter((i) => !before.has(i.message));
  if (added.length) return { ok: false, reason: added[0]!.message, itemId: added[0]!.itemId ?? undefined, issue: added[0]! };
  issuesCache.set(next, new Set(issues.map((i) => i.message)));
  return { ok: true, doc: next };
}
