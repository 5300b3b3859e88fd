import { describe, expect, it } from 'vitest';
import { parseAdRevision } from './ad-revision-chat';

describe('the chat reads revision requests for a finished ad', () => {
  it.each([
    ["make the CTA 'Order today'", { op: 'set_cta', action: 'Order today' }],
    ['change the CTA to “Shop now”', { op: 'set_cta', action: 'Shop now' }],
    ['CTA: Get yours', { op: 'set_cta', action: 'Get yours' }],
    ['shorten line 2', { op: 'shorten_line', scene: 2 }],
    ['Please shorten scene 3.', { op: 'shorten_line', scene: 3 }],
    ['line 2: Ready when you are.', { op: 'set_line', scene: 2, line: 'Ready when you are.' }],
    ['change line 1 to "Wake up calm."', { op: 'set_line', scene: 1, line: 'Wake up calm.' }],
    ["change the title of scene 2 to 'Smooth all day'", { op: 'set_title', scene: 2, title: 'Smooth all day' }],
    ['title 1: Cold brew, done right', { op: 'set_title', scene: 1, title: 'Cold brew, done right' }],
  ])('%s', (text, change) => {
    expect(parseAdRevision(text)).toEqual({ changes: [change], unread: [] });
  });

  it('reads one request a line, and names what it could not read', () => {
    expect(parseAdRevision("make the CTA 'Order now'\nshorten line 2\nchange the music to jazz")).toEqual({
      changes: [{ op: 'set_cta', action: 'Order now' }, { op: 'shorten_line', scene: 2 }],
      unread: ['change the music to jazz'],
    });
    expect(parseAdRevision('thanks, looks great')).toEqual({ changes: [], unread: [] });
  });
});
