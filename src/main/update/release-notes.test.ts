import { describe, expect, it } from 'vitest';
import { htmlToText, normaliseReleaseNotes } from './release-notes';

describe('release notes', () => {
  it('turns feed HTML into plain text and drops scripts', () => {
    expect(htmlToText('<p>Hello<br>world</p><script>alert(1)</script><p>&lt;3 &#8212; &#x2713;</p>')).toBe('Hello\nworld\n<3 — ✓');
  });
  it('joins per-version notes, newest first as given', () => {
    expect(normaliseReleaseNotes([{ version: '1.2.0', note: '<p>B</p>' }, { version: '1.1.0', note: null }, { version: '1.0.1', note: 'A' }])).toBe('1.2.0\nB\n\n1.0.1\nA');
  });
  it('is empty for no notes and caps very long ones', () => {
    expect(normaliseReleaseNotes(null)).toBe('');
    const long = normaliseReleaseNotes('x'.repeat(9000));
    expect(long).toHaveLength(5000);
    expect(long.endsWith('…')).toBe(true);
  });
});
