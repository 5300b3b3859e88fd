/**
 * Issue 19 #13: the timeline check's problems reach a person with the items' names and seconds,
 * never an internal id ("scene-2", "cap-3") or a frame count. Every problem kind is made on a
 * timeline shaped like a generated ad (ids scene-N, cap-N, voice-N; pictures stored under hashes).
 */
import { describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import type { AppError } from '../../../../shared/errors';
import { caption, checkTimeline, emptyTimeline, parseTimeline, sequenceScenes, TimelineIssueCode, type Timeline, type TimelineIssue } from '../../../../shared/timeline';
import { errorIssuesText, issueText } from './issue-text';

const t = i18n.getFixedT('en', 'translation', 'editor');
const HASH = '3fa94c0e1d2b7a6f5e4d3c2b1a0f9e8d';

function ad(): Timeline {
  const fps = 30;
  const tl = emptyTimeline({ fps, preset: '9:16' });
  tl.media = {
    'scene-1': { kind: 'video', file: 'scene-1.mp4' },
    'scene-2': { kind: 'video', file: 'scene-2.mp4' },
    'scene-3': { kind: 'video', file: 'scene-3.mp4' },
    'product-1': { kind: 'image', file: `${HASH}.png`, name: `${HASH}.png` },
    'voice-2': { kind: 'audio', file: 'voice-2.wav', name: 'narration.wav' },
  };
  tl.main.clips = sequenceScenes([1, 2, 3].map((n) => ({ id: `scene-${n}`, media: `scene-${n}`, frames: 150 })), { fps, crossfadeFrames: 15 });
  tl.overlays[1]!.items.push(caption({ id: 'cap-3', text: 'Order today', start: 300, durationFrames: 60, fps }));
  tl.overlays[0]!.items.push({ ...(caption({ id: 'title-1', text: 'Cold brew', start: 0, durationFrames: 60, fps }) as object), role: 'title' } as never);
  tl.audio[0]!.clips.push({ id: 'voice-2', media: 'voice-2', start: 150, in: 0, out: 90, gain: 1, fadeInFrames: 0, fadeOutFrames: 0 });
  return parseTimeline(tl);
}

const issues = (tl: Timeline) => checkTimeline(tl);
const thrown = (fn: () => unknown): TimelineIssue[] => {
  try {
    fn();
  } catch (e) {
    return ((e as AppError).details as { issues: TimelineIssue[] }).issues;
  }
  throw new Error('expected a refusal');
};

/** One broken timeline (or parse) per problem kind. */
const cases: Record<TimelineIssueCode, () => TimelineIssue[]> = {
  schema_foreign: () => thrown(() => parseTimeline({ schema: 'other.thing' })),
  version_newer: () => thrown(() => parseTimeline({ ...ad(), version: 9 })),
  version_older: () => thrown(() => parseTimeline({ ...ad(), version: 0 })),
  field_invalid: () => thrown(() => parseTimeline({ ...ad(), main: { clips: ad().main.clips.map((c, i) => (i === 1 ? { ...c, fit: 'stretch' } : c)) } })),
  duplicate_id: () => issues({ ...ad(), main: { clips: ad().main.clips.map((c, i) => (i === 2 ? { ...c, id: 'scene-1' } : c)) } }),
  media_missing: () => issues({ ...ad(), main: { clips: ad().main.clips.map((c, i) => (i === 1 ? { ...c, media: 'scene-9' } : c)) } }),
  media_kind: () => issues({ ...ad(), main: { clips: ad().main.clips.map((c, i) => (i === 1 ? { ...c, media: 'voice-2' } : c)) } }),
  clip_empty: () => issues({ ...ad(), main: { clips: ad().main.clips.map((c, i) => (i === 1 ? { ...c, out: c.in } : c)) } }),
  clip_short_for_transitions: () => issues({ ...ad(), main: { clips: ad().main.clips.map((c, i) => (i === 1 ? { ...c, out: c.in + 20 } : i === 2 ? { ...c, start: c.start - 130 } : c)) } }),
  transition_zero: () => issues({ ...ad(), main: { clips: ad().main.clips.map((c, i) => (i === 2 ? { ...c, transitionIn: { kind: 'dip' as const, frames: 0 } } : c)) } }),
  crossfade_first: () => issues({ ...ad(), main: { clips: ad().main.clips.map((c, i) => (i === 0 ? { ...c, transitionIn: { kind: 'crossfade' as const, frames: 15 } } : c)) } }),
  crossfade_too_long: () => issues({ ...ad(), main: { clips: ad().main.clips.map((c, i) => (i === 1 ? { ...c, transitionIn: { kind: 'crossfade' as const, frames: 160 } } : c)) } }),
  crossfade_misplaced: () => issues({ ...ad(), main: { clips: ad().main.clips.map((c, i) => (i === 1 ? { ...c, start: c.start + 30 } : c)) } }),
  overlap: () => issues({ ...ad(), main: { clips: ad().main.clips.map((c, i) => (i === 1 ? { ...c, transitionIn: { kind: 'cut' as const, frames: 0 } } : c)) } }),
  dip_too_long: () => issues({ ...ad(), main: { clips: ad().main.clips.map((c, i) => (i === 1 ? { ...c, start: c.start + 15, transitionIn: { kind: 'dip' as const, frames: 320 } } : c)) } }),
  text_empty: () => issues({ ...ad(), overlays: ad().overlays.map((tr) => ({ ...tr, items: tr.items.map((o) => (o.id === 'cap-3' ? { ...o, text: '  ' } : o)) })) }),
  overlay_fades_too_long: () => issues({ ...ad(), overlays: ad().overlays.map((tr) => ({ ...tr, items: tr.items.map((o) => (o.id === 'cap-3' ? { ...o, fadeInFrames: 40, fadeOutFrames: 40 } : o)) })) }),
  audio_empty: () => issues({ ...ad(), audio: ad().audio.map((tr) => ({ ...tr, clips: tr.clips.map((c) => ({ ...c, out: c.in })) })) }),
  audio_fades_too_long: () => issues({ ...ad(), audio: ad().audio.map((tr) => ({ ...tr, clips: tr.clips.map((c) => ({ ...c, fadeInFrames: 60, fadeOutFrames: 60 })) })) }),
  timeline_empty: () => issues({ ...ad(), main: { clips: [] }, overlays: ad().overlays.map((tr) => ({ ...tr, items: [] })) }),
};

const ID = /scene-\d|cap-\d|voice-\d|title-\d|product-\d|"[a-z]+-\d+"|\bframes?\b|[0-9a-f]{16,}|\{\{|issues\./u;

describe('the timeline check’s problems, in words (issue 19 #13)', () => {
  for (const code of TimelineIssueCode.options) {
    it(`${code}: named by what it is, in seconds, no id`, () => {
      const found = cases[code]().filter((i) => i.code === code);
      expect(found.length, `${code} is made by its case`).toBeGreaterThan(0);
      for (const issue of found) {
        const text = issueText(t, issue, 'seconds');
        expect(text, `${code}: ${text}`).not.toMatch(ID);
        expect(text.length).toBeGreaterThan(10);
        // The English message keeps the ids for the CLI and the logs; the words do not.
        if (issue.item) expect(issue.itemId).toBe(issue.item.id);
      }
    });
  }

  it('says which scene, which caption and how long, in m:ss.s and seconds', () => {
    const overlap = cases.overlap().find((i) => i.code === 'overlap')!;
    expect(issueText(t, overlap, 'seconds')).toBe('Scene 2 overlaps Scene 1 by 0.5 s; video clips may only overlap through a crossfade.');
    const misplaced = cases.crossfade_misplaced().find((i) => i.code === 'crossfade_misplaced')!;
    expect(issueText(t, misplaced, 'seconds')).toBe('Scene 2 crossfades for 0.5 s, so it must start at 0:04.5, not 0:05.5.');
    expect(issueText(t, cases.text_empty()[0]!, 'seconds')).toBe('Caption has no text.');
    const fades = cases.overlay_fades_too_long().find((i) => i.code === 'overlay_fades_too_long')!;
    expect(issueText(t, fades, 'seconds')).toBe('Caption “Order today” fades in and out for 2.67 s but lasts only 2.0 s; shorten the fades.');
    const kind = cases.media_kind().find((i) => i.code === 'media_kind')!;
    expect(issueText(t, kind, 'seconds')).toBe('narration.wav cannot go there: it is a sound.');
  });

  it('frames when the person asked for frames', () => {
    const overlap = cases.overlap().find((i) => i.code === 'overlap')!;
    expect(issueText(t, overlap, 'frames')).toBe('Scene 2 overlaps Scene 1 by 15 f; video clips may only overlap through a crossfade.');
  });

  it('an error carrying issues (a toast, a save or load error) reads the same, the first three and a count', () => {
    const many = cases.audio_fades_too_long().concat(cases.overlap(), cases.text_empty(), cases.clip_empty());
    const text = errorIssuesText(t, { details: { issues: many } }, 'seconds')!;
    expect(text).not.toMatch(ID);
    expect(text).toMatch(/…and \d+ more problems?\.$/u);
    expect(errorIssuesText(t, { details: { i18n: {} } }, 'seconds')).toBeNull();
  });
});
