import { describe, expect, it } from 'vitest';
import type { StoryScene } from '../../../pipeline/stages/schemas';
import { RevisionOp, StoryboardRevision, applyRevision, parseRevision } from './storyboard-revision';
import { toolInputSchema } from './orchestrator';

const scene = (i: number, seconds: number): StoryScene => ({
  index: i,
  title: `Scene ${i}`,
  description: `The bottle, moment ${i}.`,
  durationSeconds: seconds,
  role: i === 1 ? 'setup' : 'exploration',
  camera: 'slow push-in',
  emotion: 'warm',
  keyEvents: [`beat ${i}`],
  voiceover: `Line ${i}.`,
  overlay: null,
});
// A 30 s ad of five scenes: 6 + 6 + 6 + 6 + 6.
const board = () => [1, 2, 3, 4, 5].map((i) => scene(i, 6));
const opts = { productName: 'Lumen', tone: 'warm' };
const ok = (r: ReturnType<typeof applyRevision>) => {
  if ('problem' in r) throw new Error(r.problem);
  return r;
};

describe('storyboard revisions', () => {
  it('"make scene 3 shorter, swap 4 and 5, rewrite the line of scene 2": numbers as the creator saw them, lengths still add up', () => {
    const r = ok(
      applyRevision(
        board(),
        [
          { op: 'set_duration', scene: 3, seconds: 3 },
          { op: 'swap', scene: 4, with: 5 },
          { op: 'set_line', scene: 2, line: 'Calm focus, all night.' },
        ],
        30,
        opts,
      ),
    );
    expect(r.scenes.map((s) => s.title)).toEqual(['Scene 1', 'Scene 2', 'Scene 3', 'Scene 5', 'Scene 4']);
    expect(r.scenes.map((s) => s.index)).toEqual([1, 2, 3, 4, 5]);
    // The 3 s freed go to the other scenes, last first: 6 7 3 7 7.
    expect(r.scenes.map((s) => s.durationSeconds)).toEqual([6, 7, 3, 7, 7]);
    expect(r.scenes.reduce((n, s) => n + s.durationSeconds, 0)).toBe(30);
    expect(r.scenes[1]!.voiceover).toBe('Calm focus, all night.');
    // The scene that moved keeps its own camera and beats.
    expect(r.scenes[3]!.keyEvents).toEqual(['beat 5']);
    expect(r.summary.split('\n')[1]).toBe('2. Scene 2 — 7 s: “Calm focus, all night.”');
  });

  it('a later op still means the scene the creator saw: delete 2 then move 4 to the start', () => {
    const r = ok(applyRevision(board(), [{ op: 'delete', scene: 2 }, { op: 'move', scene: 4, to: 1 }], 30, opts));
    expect(r.scenes.map((s) => s.title)).toEqual(['Scene 4', 'Scene 1', 'Scene 3', 'Scene 5']);
    expect(r.scenes.reduce((n, s) => n + s.durationSeconds, 0)).toBe(30);
  });

  it('insert adds a scene where asked, with the seconds asked', () => {
    const r = ok(applyRevision(board(), [{ op: 'insert', after: 0, title: 'Sunrise', description: 'Sunrise over the harbour.', seconds: 4 }], 30, opts));
    expect(r.scenes[0]).toMatchObject({ title: 'Sunrise', durationSeconds: 4, index: 1 });
    expect(r.scenes).toHaveLength(6);
    expect(r.scenes.reduce((n, s) => n + s.durationSeconds, 0)).toBe(30);
  });

  it('refuses what the storyboard cannot take, and changes nothing', () => {
    expect(applyRevision(board(), [{ op: 'swap', scene: 9, with: 1 }], 30, opts)).toEqual({ problem: 'There is no scene 9; the storyboard has 5. Nothing was changed.' });
    expect(applyRevision(board(), [{ op: 'delete', scene: 2 }, { op: 'set_line', scene: 2, line: 'x' }], 30, opts)).toMatchObject({ problem: expect.stringMatching(/^Scene 2 was already deleted/) });
    const two = [scene(1, 8), scene(2, 7)];
    expect(applyRevision(two, [{ op: 'delete', scene: 1 }], 15, opts)).toMatchObject({ problem: expect.stringMatching(/needs 2–\d scenes; this change would leave 1/) });
    expect(applyRevision(board(), [{ op: 'set_line', scene: 1, line: 'Grab a gun and kill them all' }], 30, opts)).toMatchObject({ problem: expect.stringMatching(/content rules/) });
  });

  it('a duration the others cannot make room for is said, not silently kept', () => {
    const r = ok(applyRevision([scene(1, 5), scene(2, 5), scene(3, 5)], [{ op: 'set_duration', scene: 1, seconds: 14 }], 15, opts));
    expect(r.scenes.map((s) => s.durationSeconds)).toEqual([11, 2, 2]);
    expect(r.notes[0]).toMatch(/is 11 s, not 14 s/);
  });

  it('the tool input is checked with zod and is a top-level object schema', () => {
    expect(StoryboardRevision.safeParse({ reply: 'ok', ops: [{ op: 'swap', scene: 1, with: 2 }] }).success).toBe(true);
    expect(StoryboardRevision.safeParse({ reply: 'ok', ops: [] }).success).toBe(false);
    expect(RevisionOp.safeParse({ op: 'set_duration', scene: 1, seconds: 1 }).success).toBe(false);
    expect(RevisionOp.safeParse({ op: 'explode', scene: 1 }).success).toBe(false);
    const schema = toolInputSchema(StoryboardRevision);
    expect(schema.type).toBe('object');
    expect(Object.keys(schema)).not.toContain('anyOf');
    expect(Object.keys(schema)).not.toContain('oneOf');
  });

  it('the offline chat reads a few plain forms into the same operations', () => {
    expect(parseRevision('make scene 3 shorter, swap 4 and 5', board()).ops).toEqual([
      { op: 'set_duration', scene: 3, seconds: 4 },
      { op: 'swap', scene: 4, with: 5 },
    ]);
    expect(parseRevision('Delete scene 2 then move scene 5 to the start', board()).ops).toEqual([
      { op: 'delete', scene: 2 },
      { op: 'move', scene: 5, to: 1 },
    ]);
    expect(parseRevision('line of scene 2: Calm focus, all night', board()).ops).toEqual([{ op: 'set_line', scene: 2, line: 'Calm focus, all night' }]);
    expect(parseRevision('scene 1 to 8 seconds', board()).ops).toEqual([{ op: 'set_duration', scene: 1, seconds: 8 }]);
    expect(parseRevision('rewrite the line of scene 2', board())).toEqual({ ops: [], unread: ['rewrite the line of scene 2'] });
    expect(parseRevision('looks great', board())).toEqual({ ops: [], unread: [] });
  });
});
