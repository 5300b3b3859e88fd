import { describe, expect, it } from 'vitest';
import { cleanTextLine, escapeFilterArgs, filter, formatNumber, quoteOptionValue } from './escape';

describe('filtergraph escaping', () => {
  it('quotes option values and escapes the graph level', () => {
    expect(quoteOptionValue("it's")).toBe(`'it'\\''s'`);
    expect(escapeFilterArgs("a'b[c],d;e\\f")).toBe("a\\'b\\[c\\]\\,d\\;e\\\\f");
    expect(filter('drawtext', { text: "Don't: 100%, \\o/", fontsize: 40, box: true })).toBe(
      "drawtext=text=\\'Don\\'\\\\\\'\\'t: 100%\\, \\\\o/\\':fontsize=40:box=1",
    );
    expect(filter('overlay', { x: { raw: 'W-w-40' }, eof_action: { raw: 'pass' } })).toBe('overlay=x=W-w-40:eof_action=pass');
    expect(filter('null')).toBe('null');
  });
  it('formats numbers plainly', () => {
    expect(formatNumber(1 / 30)).toBe('0.033333');
    expect(formatNumber(1e-7)).toBe('0');
    expect(formatNumber(3)).toBe('3');
  });
  it('drops control characters but keeps emoji and other scripts', () => {
    expect(cleanTextLine('a\u0007b\tc🙂ж中')).toBe('ab\tc🙂ж中');
  });
});
