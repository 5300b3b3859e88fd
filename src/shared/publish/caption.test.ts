import { describe, expect, it } from 'vitest';
import { composeCaption, countCaption, normaliseHashtag, xWeightedLength } from './caption';
import { preferredAspect } from './platform-limits';

describe('caption', () => {
  it('composes text, link and de-duplicated hashtags', () => {
    expect(composeCaption({ text: ' Calm energy. ', link: 'https://luna.coffee', hashtags: ['#ColdBrew', 'cold brew', 'ColdBrew', '#'] })).toBe('Calm energy.\n\nhttps://luna.coffee\n\n#ColdBrew');
    expect(normaliseHashtag('##Café au lait!')).toBe('#Caféaulait');
  });

  it('weighs like X: URLs 23, CJK 2, emoji sequences 2', () => {
    expect(xWeightedLength('hello')).toBe(5);
    expect(xWeightedLength('https://example.com/a/very/long/path/that/is/longer/than/23')).toBe(23);
    expect(xWeightedLength('go to luna.coffee now')).toBe(6 + 23 + 4);
    expect(xWeightedLength('日本語')).toBe(6);
    expect(xWeightedLength('👩‍👩‍👧‍👦')).toBe(2);
    expect(xWeightedLength('🇫🇷')).toBe(2);
    expect(xWeightedLength('café')).toBe(4);
  });

  it('says when a caption is over each network\'s limit', () => {
    expect(countCaption('x', 'a'.repeat(280))).toMatchObject({ count: 280, over: false });
    expect(countCaption('x', 'あ'.repeat(141))).toMatchObject({ count: 282, max: 280, over: true });
    expect(countCaption('linkedin', 'あ'.repeat(141))).toMatchObject({ count: 141, max: 3000, over: false });
    expect(countCaption('linkedin', 'a'.repeat(3001)).over).toBe(true);
  });

  it('preselects the aspect each network prefers among those the ad has', () => {
    expect(preferredAspect('x', ['9:16', '1:1', '16:9'])).toBe('16:9');
    expect(preferredAspect('linkedin', ['9:16', '1:1', '16:9'])).toBe('1:1');
    expect(preferredAspect('linkedin', ['9:16', '16:9'])).toBe('16:9');
    expect(preferredAspect('x', ['9:16'])).toBe('9:16');
  });
});
