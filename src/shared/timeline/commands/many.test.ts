import { describe, expect, it } from 'vitest';
import { emptyTimeline, caption } from '..';
import { applyCommand, createHistory, record, undo } from '.';
import { deleteMany, moveMany } from './many';

function doc() {
  const tl = emptyTimeline({ fps: 30, preset: '16:9' });
  tl.overlays[1]!.items.push(caption({ id: 'a', text: 'A', start: 10, durationFrames: 30, fps: 30 }), caption({ id: 'b', text: 'B', start: 50, durationFrames: 30, fps: 30 }), caption({ id: 'c', text: 'C', start: 90, durationFrames: 30, fps: 30 }));
  return tl;
}
const starts = (tl: ReturnType<typeof doc>) => Object.fromEntries(tl.overlays.flatMap((o) => o.items).map((i) => [i.id, i.start]));

describe('several items at once', () => {
  it('moves the selected items together as one undo step, and refuses a move before the start', () => {
    const h0 = createHistory(doc());
    const { history } = record(h0, (d) => applyCommand(d, moveMany(d, ['a', 'c'], 15)!, {}));
    expect(starts(history.present)).toEqual({ a: 25, b: 50, c: 105 });
    expect(history.past).toHaveLength(1);
    expect(starts(undo(history).present)).toEqual({ a: 10, b: 50, c: 90 });
    expect(moveMany(doc(), ['a', 'b'], -11)).toBeNull();
  });

  it('deletes the selected items as one undo step', () => {
    const h0 = createHistory(doc());
    const { history } = record(h0, (d) => applyCommand(d, deleteMany(['a', 'b']), {}));
    expect(Object.keys(starts(history.present))).toEqual(['c']);
    expect(Object.keys(starts(undo(history).present))).toEqual(['a', 'b', 'c']);
  });
});
