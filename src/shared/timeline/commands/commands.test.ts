import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../compile';
import { sampleTimeline } from '../fixtures';
import type { Timeline } from '../model';
import { checkTimeline, timelineLength } from '../validate';
import { applyCommand } from './apply';
import { beginGesture, createHistory, endGesture, record, redo, undo } from './history';
import { clipEnd, clipLength, locate, sortedMain } from './locate';
import { snapFrame, snapTargets } from './snap';
import { captionIds, styleAllCaptions } from './captions';
import type { EditCommand } from './types';

/** Deep-freezes a document so any mutation inside a command throws. */
function freeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const k of Object.keys(v)) freeze((v as Record<string, unknown>)[k]);
  }
  return v;
}

const base = () => freeze(sampleTimeline({ fps: 30, sceneS: 2, fadeS: 0.5 }));
const ok = (tl: Timeline, cmd: EditCommand, ctx = {}) => {
  const r = applyCommand(tl, cmd, ctx);
  if (!r.ok) throw new Error(`refused: ${r.reason}`);
  return freeze(r.doc);
};
const mainSpans = (tl: Timeline) => sortedMain(tl).map((c) => [c.id, c.start, clipEnd(c), c.transitionIn.kind, c.transitionIn.frames]);

describe('main-track commands', () => {
  it('split at the playhead keeps the picture: same length, contiguous source, same layers per frame', () => {
    const tl = base();
    const out = ok(tl, { type: 'split', itemId: 'scene-green', frame: 70, newId: 'g2' });
    expect(timelineLength(out)).toBe(timelineLength(tl));
    const [a, b] = [locate(out, 'scene-green'), locate(out, 'g2')];
    expect(a?.where === 'main' && b?.where === 'main').toBe(true);
    if (a?.where !== 'main' || b?.where !== 'main') return;
    expect([a.clip.out, b.clip.in, b.clip.start, clipEnd(b.clip)]).toEqual([25, 25, 70, 105]);
    const p1 = compile(tl);
    const p2 = compile(out);
    expect(p2.totalFrames).toBe(p1.totalFrames);
  });

  it('trim end ripples later clips and keeps their crossfades', () => {
    const out = ok(base(), { type: 'trim', itemId: 'scene-red', edge: 'end', frame: 50 });
    expect(mainSpans(out)).toEqual([
      ['scene-red', 0, 50, 'cut', 0],
      ['scene-green', 35, 95, 'crossfade', 15],
      ['scene-blue', 80, 140, 'crossfade', 15],
    ]);
  });

  it('trim start removes source from the head and ripples', () => {
    const out = ok(base(), { type: 'trim', itemId: 'scene-blue', edge: 'start', frame: 100 });
    const blue = locate(out, 'scene-blue');
    expect(blue?.where === 'main' && [blue.clip.in, blue.clip.start, clipLength(blue.clip)]).toEqual([10, 90, 50]);
  });

  it('refuses trims past the source and below a crossfade, with a reason', () => {
    const ctx = { mediaFrames: () => 75 };
    const r1 = applyCommand(base(), { type: 'trim', itemId: 'scene-red', edge: 'end', frame: 90 }, ctx);
    expect(r1).toMatchObject({ ok: false, itemId: 'scene-red' });
    expect(!r1.ok && r1.reason).toMatch(/only 75 frames of source/);
    const r2 = applyCommand(base(), { type: 'trim', itemId: 'scene-red', edge: 'end', frame: 10 });
    expect(!r2.ok && r2.reason).toMatch(/crossfade/);
    const r3 = applyCommand(base(), { type: 'trim', itemId: 'scene-red', edge: 'start', frame: -5 });
    expect(r3.ok).toBe(false);
    const r4 = applyCommand(base(), { type: 'split', itemId: 'scene-red', frame: 200 });
    expect(!r4.ok && r4.reason).toMatch(/not inside/);
  });

  it('ripple delete closes the gap; delete leaves one', () => {
    const tl = base();
    const rippled = ok(tl, { type: 'rippleDelete', itemId: 'scene-green' });
    expect(mainSpans(rippled)).toEqual([
      ['scene-red', 0, 60, 'cut', 0],
      ['scene-blue', 45, 105, 'crossfade', 15],
    ]);
    const gapped = ok(tl, { type: 'delete', itemId: 'scene-green' });
    expect(mainSpans(gapped)).toEqual([
      ['scene-red', 0, 60, 'cut', 0],
      ['scene-blue', 90, 150, 'cut', 0],
    ]);
  });

  it('reorders and re-packs; crossfade length changes move later clips; cut removes the overlap', () => {
    const re = ok(base(), { type: 'reorder', itemId: 'scene-blue', toIndex: 0 });
    expect(sortedMain(re).map((c) => c.id)).toEqual(['scene-blue', 'scene-red', 'scene-green']);
    expect(re.main.clips[0]!.transitionIn.kind).toBe('cut');
    const longer = ok(base(), { type: 'setTransition', itemId: 'scene-green', kind: 'crossfade', frames: 30 });
    expect(mainSpans(longer)[1]).toEqual(['scene-green', 30, 90, 'crossfade', 30]);
    expect(mainSpans(longer)[2]).toEqual(['scene-blue', 75, 135, 'crossfade', 15]);
    const cut = ok(base(), { type: 'setTransition', itemId: 'scene-green', kind: 'cut', frames: 0 });
    expect(mainSpans(cut)[1]).toEqual(['scene-green', 60, 120, 'cut', 0]);
    const bad = applyCommand(base(), { type: 'setTransition', itemId: 'scene-green', kind: 'crossfade', frames: 90 });
    expect(!bad.ok && bad.reason).toMatch(/longer than/);
  });
});

describe('main-track edits keep every track in sync (issue 19)', () => {
  /** The sample (red 0–60, green 45–105, blue 90–150) with something of every track kind on
   *  each side of the red→green join at 45: product shot, title, caption, voice, music, sfx. */
  const synced = () => {
    const tl = structuredClone(base()) as Timeline;
    tl.overlays[0]!.items.push({ ...structuredClone(tl.overlays[0]!.items[0]!), id: 'logo-2', start: 100 });
    const cap = tl.overlays[1]!.items[0]!;
    tl.overlays[1]!.items.push({ ...structuredClone(cap), id: 'title-2', start: 45 }, { ...structuredClone(cap), id: 'cap-2', start: 95 });
    tl.audio[0]!.clips.push({ id: 'vo-2', media: 'voice', start: 95, in: 0, out: 30, gain: 1, fadeInFrames: 0, fadeOutFrames: 0 });
    tl.audio[2]!.clips.push({ id: 'sfx-1', media: 'voice', start: 40, in: 0, out: 10, gain: 1, fadeInFrames: 0, fadeOutFrames: 0 }, { id: 'sfx-2', media: 'voice', start: 88, in: 0, out: 10, gain: 1, fadeInFrames: 0, fadeOutFrames: 0 });
    return freeze(tl);
  };
  const starts = (tl: Timeline) => Object.fromEntries([...tl.main.clips, ...tl.overlays.flatMap((t) => t.items), ...tl.audio.flatMap((t) => t.clips)].map((it) => [it.id, it.start]));
  const before = { 'logo-1': 30, 'cap-1': 0, 'vo-1': 30, 'music-1': 0, 'sfx-1': 40 };

  it('a longer crossfade moves everything from the join on, on every track, and nothing before it', () => {
    const out = ok(synced(), { type: 'setTransition', itemId: 'scene-green', kind: 'crossfade', frames: 30 });
    expect(starts(out)).toEqual({ ...before, 'scene-red': 0, 'scene-green': 30, 'scene-blue': 75, 'title-2': 30, 'logo-2': 85, 'cap-2': 80, 'vo-2': 80, 'sfx-2': 73 });
    expect(checkTimeline(out)).toEqual([]);
  });

  it('a ripple delete of a scene takes what starts on it off every track and moves what follows up; a plain delete touches nothing else', () => {
    // green runs 45–105 and blue starts at 90: title-2 (45) and sfx-2 (88) start on green and go
    // with it; blue and what starts on it (logo-2 100, cap-2 95, vo-2 95) move up by 45 frames.
    const out = ok(synced(), { type: 'rippleDelete', itemId: 'scene-green' });
    expect(starts(out)).toEqual({ ...before, 'scene-red': 0, 'scene-blue': 45, 'logo-2': 55, 'cap-2': 50, 'vo-2': 50 });
    expect(checkTimeline(out)).toEqual([]);
    const gapped = ok(synced(), { type: 'delete', itemId: 'scene-green' });
    const { 'scene-green': _green, ...rest } = starts(synced());
    expect(starts(gapped)).toEqual(rest);
    // The last scene: what starts on it goes, nothing moves.
    const last = ok(synced(), { type: 'rippleDelete', itemId: 'scene-blue' });
    expect(starts(last)).toEqual({ ...before, 'scene-red': 0, 'scene-green': 45, 'title-2': 45, 'sfx-2': 88 });
  });

  it('a cut instead of the crossfade moves them the other way; a trim ripples the same way', () => {
    const cut = ok(synced(), { type: 'setTransition', itemId: 'scene-green', kind: 'cut', frames: 0 });
    expect(starts(cut)).toEqual({ ...before, 'scene-red': 0, 'scene-green': 60, 'scene-blue': 105, 'title-2': 60, 'logo-2': 115, 'cap-2': 110, 'vo-2': 110, 'sfx-2': 103 });
    const trimmed = ok(synced(), { type: 'trim', itemId: 'scene-red', edge: 'end', frame: 50 });
    expect(starts(trimmed)).toEqual({ ...before, 'scene-red': 0, 'scene-green': 35, 'scene-blue': 80, 'title-2': 35, 'logo-2': 90, 'cap-2': 85, 'vo-2': 85, 'sfx-2': 78 });
    const headTrim = ok(synced(), { type: 'trim', itemId: 'scene-green', edge: 'start', frame: 55 });
    expect(starts(headTrim)).toMatchObject({ ...before, 'scene-green': 45, 'title-2': 45, 'scene-blue': 80, 'logo-2': 90, 'cap-2': 85, 'vo-2': 85, 'sfx-2': 88 });
  });
});

describe('overlay, text and audio commands', () => {
  it('moves, resizes and retimes an overlay; fades shrink to fit instead of refusing', () => {
    const out = ok(base(), { type: 'updateOverlay', itemId: 'logo-1', start: 5, duration: 10, placement: { x: 100, w: 300 } });
    const it = locate(out, 'logo-1');
    expect(it?.where === 'overlay' && it.item).toMatchObject({ start: 5, duration: 10, placement: { anchor: 'bottom-right', x: 100, w: 300 } });
    expect(it?.where === 'overlay' && it.item.fadeInFrames + it.item.fadeOutFrames).toBeLessThanOrEqual(10);
  });

  it('edits caption text and style; refuses empty text and bad colours', () => {
    const out = ok(base(), { type: 'setText', itemId: 'cap-1', text: 'Neu! 新しい', style: { color: '#FFCC00', fontSize: 72 } });
    const it = locate(out, 'cap-1');
    expect(it?.where === 'overlay' && it.item.kind === 'text' && [it.item.text, it.item.style.color, it.item.style.fontSize]).toEqual(['Neu! 新しい', '#FFCC00', 72]);
    expect(applyCommand(base(), { type: 'setText', itemId: 'cap-1', text: '  ' }).ok).toBe(false);
    expect(applyCommand(base(), { type: 'setText', itemId: 'cap-1', style: { color: 'red' } }).ok).toBe(false);
    expect(applyCommand(base(), { type: 'setText', itemId: 'logo-1', text: 'x' }).ok).toBe(false);
  });

  it('gives every caption one look and highlight in one undo step; titles keep theirs', () => {
    const tl0 = base();
    const extra = { id: 'cap-2', kind: 'text' as const, role: 'caption' as const, text: 'Second page', start: 30, duration: 30, opacity: 1, fadeInFrames: 0, fadeOutFrames: 0, style: { fontSize: 56, color: '#FFFFFF', background: '#000000', backgroundOpacity: 0.6, look: 'pop' as const } };
    const title = { ...extra, id: 'title-1', role: 'title' as const, text: 'Punchline', style: { ...extra.style, look: undefined } };
    let tl = ok(tl0, { type: 'insertOverlay', trackId: tl0.overlays[1]!.id, item: extra });
    tl = ok(tl, { type: 'insertOverlay', trackId: tl0.overlays[1]!.id, item: title });
    expect(captionIds(tl)).toEqual(['cap-1', 'cap-2']);
    const cmd = styleAllCaptions(tl, { look: 'karaoke', accent: '#2D6A4F' });
    const { history, result } = record(createHistory(tl), (doc) => applyCommand(doc, cmd));
    expect(result.ok).toBe(true);
    const styleOf = (doc: Timeline, id: string) => { const at = locate(doc, id); return at?.where === 'overlay' && at.item.kind === 'text' ? at.item.style : null; };
    expect(['cap-1', 'cap-2'].map((id) => [styleOf(history.present, id)?.look, styleOf(history.present, id)?.accent])).toEqual([['karaoke', '#2D6A4F'], ['karaoke', '#2D6A4F']]);
    expect(styleOf(history.present, 'title-1')?.look).toBeUndefined();
    // One step back restores both pages.
    expect(['cap-1', 'cap-2'].map((id) => styleOf(undo(history).present, id)?.look)).toEqual([styleOf(tl, 'cap-1')?.look, 'pop']);
    expect(applyCommand(tl, styleAllCaptions(tl, { look: 'boxed', accent: 'green' })).ok).toBe(false);
  });

  it('volume, mute and ducking depth reach the compiled gains', () => {
    let tl = ok(base(), { type: 'setTrack', trackId: 'music', gain: 0.5 });
    tl = ok(tl, { type: 'setDucking', patch: { level: 0.2 } });
    tl = ok(tl, { type: 'setClipGain', itemId: 'vo-1', gain: 0.8 });
    const plan = compile(tl);
    const music = plan.sounds.find((s) => s.id === 'music-1')!;
    expect(Math.min(...music.gain.map((k) => k.value))).toBeCloseTo(0.1);
    expect(plan.sounds.find((s) => s.id === 'vo-1')!.gain[0]!.value).toBeCloseTo(0.8);
    const muted = ok(tl, { type: 'setTrack', trackId: 'voice', muted: true });
    expect(compile(muted).sounds.some((s) => s.id === 'vo-1')).toBe(false);
    expect(applyCommand(base(), { type: 'setClipGain', itemId: 'vo-1', gain: 9 }).ok).toBe(false);
    expect(applyCommand(base(), { type: 'setDucking', patch: { level: 2 } }).ok).toBe(false);
  });

  it('changes the aspect preset; the compiled frame follows', () => {
    const out = ok(base(), { type: 'setPreset', preset: '9:16' });
    expect([compile(out).width, compile(out).height]).toEqual([1080, 1920]);
    expect(applyCommand(base(), { type: 'setPreset', preset: '4:3' as never }).ok).toBe(false);
  });

  it('refuses unknown items and ids already in use', () => {
    expect(applyCommand(base(), { type: 'delete', itemId: 'nope' })).toMatchObject({ ok: false });
    expect(applyCommand(base(), { type: 'split', itemId: 'scene-red', frame: 30, newId: 'cap-1' }).ok).toBe(false);
  });
});

describe('history', () => {
  it('a drag is one undo step; refused positions keep the last good one', () => {
    let h = createHistory(base());
    h = beginGesture(h);
    for (const frame of [55, 50, 5 /* refused: shorter than the crossfade */, 45]) {
      h = record(h, (d) => applyCommand(d, { type: 'trim', itemId: 'scene-red', edge: 'end', frame })).history;
    }
    h = endGesture(h);
    expect(h.past).toHaveLength(1);
    expect(clipEnd(sortedMain(h.present)[0]!)).toBe(45);
    h = undo(h);
    expect(h.present).toBe(h.past.length === 0 ? h.present : null);
    expect(h.present).toEqual(base());
    h = redo(h);
    expect(clipEnd(sortedMain(h.present)[0]!)).toBe(45);
  });
});

describe('snapping', () => {
  it('snaps to the nearest edge or the playhead within the threshold', () => {
    const targets = snapTargets(base(), 'logo-1');
    expect(snapFrame(58, targets, 3)).toEqual({ frame: 60, snappedTo: 60 });
    expect(snapFrame(70, targets, 3)).toEqual({ frame: 70, snappedTo: null });
    expect(snapFrame(71, targets, 3, 72).frame).toBe(72);
  });
});

/** Random commands against whatever is in the document, including nonsense ones. */
function commandArb(): fc.Arbitrary<(tl: Timeline) => EditCommand> {
  const pick = <T,>(xs: T[], r: number) => xs[Math.floor(r * xs.length) % Math.max(1, xs.length)];
  const ids = (tl: Timeline) => [...tl.main.clips.map((c) => c.id), ...tl.overlays.flatMap((t) => t.items.map((i) => i.id)), ...tl.audio.flatMap((t) => t.clips.map((c) => c.id)), 'ghost'];
  const r = fc.double({ min: 0, max: 0.999, noNaN: true });
  const frame = fc.integer({ min: -10, max: 260 });
  return fc.oneof(
    fc.tuple(r, frame, fc.boolean()).map(([x, f, e]) => (tl: Timeline) => ({ type: 'trim' as const, itemId: pick(ids(tl), x)!, edge: e ? ('start' as const) : ('end' as const), frame: f })),
    fc.tuple(r, frame).map(([x, f]) => (tl: Timeline) => ({ type: 'split' as const, itemId: pick(ids(tl), x)!, frame: f })),
    fc.tuple(r, fc.boolean()).map(([x, rip]) => (tl: Timeline) => ({ type: rip ? ('rippleDelete' as const) : ('delete' as const), itemId: pick(ids(tl), x)! })),
    fc.tuple(r, fc.integer({ min: 0, max: 6 })).map(([x, to]) => (tl: Timeline) => ({ type: 'reorder' as const, itemId: pick(tl.main.clips.map((c) => c.id), x) ?? 'ghost', toIndex: to })),
    fc.tuple(r, fc.constantFrom('cut', 'crossfade', 'dip') as fc.Arbitrary<'cut' | 'crossfade' | 'dip'>, fc.integer({ min: 0, max: 80 })).map(([x, kind, frames]) => (tl: Timeline) => ({ type: 'setTransition' as const, itemId: pick(tl.main.clips.map((c) => c.id), x) ?? 'ghost', kind, frames })),
    fc.tuple(r, frame, fc.integer({ min: -5, max: 120 }), fc.integer({ min: -200, max: 200 })).map(([x, s, d, px]) => (tl: Timeline) => ({ type: 'updateOverlay' as const, itemId: pick(ids(tl), x)!, start: s, duration: d, placement: { x: px } })),
    fc.tuple(r, fc.string({ maxLength: 12 })).map(([x, text]) => (tl: Timeline) => ({ type: 'setText' as const, itemId: pick(ids(tl), x)!, text })),
    fc.tuple(r, fc.double({ min: -1, max: 5, noNaN: true })).map(([x, gain]) => (tl: Timeline) => ({ type: 'setClipGain' as const, itemId: pick(ids(tl), x)!, gain })),
    fc.tuple(r, frame).map(([x, s]) => (tl: Timeline) => ({ type: 'moveAudio' as const, itemId: pick(ids(tl), x)!, start: s })),
    fc.tuple(fc.constantFrom('voice', 'music', 'sfx', 'products'), fc.boolean()).map(([trackId, muted]) => () => ({ type: 'setTrack' as const, trackId, muted })),
  );
}

describe('randomised command sequences', () => {
  it('every accepted edit is a valid timeline, nothing mutates, and undo-all restores the original exactly', () => {
    fc.assert(
      fc.property(fc.array(commandArb(), { minLength: 1, maxLength: 40 }), fc.boolean(), (makers, inGestures) => {
        const original = base();
        const snapshot = JSON.stringify(original);
        let h = createHistory(original);
        let accepted = 0;
        for (const make of makers) {
          const cmd = make(h.present);
          if (inGestures) h = beginGesture(h);
          const { history, result } = record(h, (d) => applyCommand(d, cmd, { mediaFrames: (m) => (m === 'music' ? 600 : m === 'voice' ? 300 : 75) }));
          h = inGestures ? endGesture(history) : history;
          if (result.ok) {
            accepted++;
            const issues = checkTimeline(h.present).filter((i) => i.path !== 'main.clips');
            expect(issues).toEqual([]);
            const starts = h.present.main.clips.map((c) => c.start);
            expect(starts).toEqual([...starts].sort((a, b) => a - b));
          } else {
            expect(result.reason.length).toBeGreaterThan(5);
          }
        }
        expect(h.past.length).toBeLessThanOrEqual(accepted);
        while (h.past.length) h = undo(h);
        expect(h.present).toEqual(original);
        expect(JSON.stringify(h.present)).toBe(snapshot);
        // …and redo-all lands on the same last document as before.
        while (h.future.length) h = redo(h);
        expect(checkTimeline(h.present).filter((i) => i.path !== 'main.clips')).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('split then undo, and split-everything keeps the frame count', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 149 }), (f) => {
        const tl = base();
        const owner = sortedMain(tl).filter((c) => f > c.start && f < clipEnd(c)).pop()!;
        const r = applyCommand(tl, { type: 'split', itemId: owner.id, frame: f });
        if (!r.ok) return; // inside a crossfade: refused with a reason, fine
        expect(timelineLength(r.doc)).toBe(timelineLength(tl));
        expect(r.doc.main.clips.reduce((s, c) => s + clipLength(c), 0)).toBe(tl.main.clips.reduce((s, c) => s + clipLength(c), 0));
      }),
    );
  });
});
