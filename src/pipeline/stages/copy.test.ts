import { describe, expect, it } from 'vitest';
import { firstSentence, sentence, speakable, trimWords } from './copy';
import { accentOf, colorDistance, highlightOf, luminance, textOn } from './colors';

describe('ad copy helpers', () => {
  it('keeps text as given but makes it speakable', () => {
    expect(speakable('Meet Ñandú ☕🧊 — "bold" \\ best')).toBe('Meet Ñandú — "bold" best');
    expect(firstSentence('Smooth. Organic!')).toBe('Smooth.');
    expect(sentence('calm energy')).toBe('Calm energy.');
    expect(trimWords('one two three four', 2)).toBe('one two…');
  });
  it('picks a saturated accent and a readable text colour', () => {
    expect(accentOf(['#FFFFFF', '#111111', '#C98B3C', '#8A8070'])).toBe('#C98B3C');
    // The brand's own colours come first in a palette and win over a more saturated product colour
    // (issue 19 #8: a green-and-yellow brand got red ads); a greyish brand colour does not count.
    expect(accentOf(['#43A047', '#E8D44D', '#E21B1B', '#FFFFFF'])).toBe('#43A047');
    expect(accentOf(['#FFFFFF', '#8A8070', '#E21B1B'])).toBe('#E21B1B');
    expect(textOn('#FFFFFF')).toBe('#111111');
    expect(colorDistance('#000000', '#000000')).toBe(0);
    // A deep brand colour is lifted until it reads as a caption highlight; a bright one stays.
    expect(luminance(highlightOf(['#8C3B52', '#101418']))).toBeGreaterThanOrEqual(0.3);
    expect(highlightOf(['#FFD23F', '#111111'])).toBe('#FFD23F');
  });
});
