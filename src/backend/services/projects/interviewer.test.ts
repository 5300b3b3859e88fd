import { describe, expect, it } from 'vitest';
import { answer, greeting, nextMissing, parseAspect, parseCaptionLook, parseLength, type InterviewState } from './interviewer';

const base: InterviewState = { slots: {}, brandName: 'Lumen', imageCount: 2, maxLengthSeconds: null };

/** Feeds answers in order and returns every turn. */
function converse(state: InterviewState, answers: string[]) {
  let s = state;
  return answers.map((a, i) => {
    const t = answer(s, a, i);
    s = { ...s, slots: t.slots };
    return t;
  });
}

describe('scripted interviewer', () => {
  it('asks in PRODUCT.md stage order and never skips a stage with missing information', () => {
    expect(greeting(base).stage).toBe('collect_brand_info');
    const turns = converse(base, ['We roast coffee for night owls.', 'Lumen Cold Brew', 'A smooth cold brew.', 'Night-shift workers', 'Calm focus', 'Yes, use them', '15 seconds', '9:16', 'Warm and calm', 'Shop now at lumen.coffee']);
    expect(turns.map((t) => t.stage)).toEqual([
      'collect_product_info',
      'collect_product_info',
      'collect_product_info',
      'collect_product_info',
      'collect_assets',
      'collect_scenes',
      'collect_scenes',
      'collect_scenes',
      'collect_scenes',
      'final_review',
    ]);
    expect(turns[5]!.content).toContain('How long should your ad be?');
    expect(turns[5]!.content).toMatch(/15 s .*Stories, Reels and TikTok; 30 s for feed posts; 60 s for YouTube pre-roll/u);
    const last = turns.at(-1)!;
    expect(last.content).toContain('Lumen Cold Brew');
    expect(last.draft).toBe(false);
    const confirm = answer({ ...base, slots: last.slots }, 'Looks good, draft it');
    expect(confirm.draft).toBe(true);
    expect(confirm.slots).toMatchObject({ lengthSeconds: 15, aspect: '9:16', tone: 'Warm and calm', cta: 'Shop now at lumen.coffee', confirmed: true });
  });

  it('waits for product images before moving to the scenes', () => {
    const s = { ...base, imageCount: 0, slots: { brandDescription: 'x', productName: 'P', productDescription: 'd', audience: 'a', benefit: 'b' } };
    const t = answer(s, "I've added them");
    expect(t.stage).toBe('collect_assets');
    expect(t.meta.needsImages).toBe(true);
    expect(t.slots.imagesConfirmed).toBeUndefined();
    expect(answer({ ...s, imageCount: 1 }, 'done').stage).toBe('collect_scenes');
  });

  it('validates the length against the tier and re-asks with an upgrade prompt', () => {
    const s = { ...base, maxLengthSeconds: 30, slots: { brandDescription: 'x', productName: 'P', productDescription: 'd', audience: 'a', benefit: 'b', imagesConfirmed: true } };
    const t = answer(s, '60 seconds');
    expect(t.slots.lengthSeconds).toBeUndefined();
    expect(t.meta.upgrade).toEqual({ maxSeconds: 30 });
    expect(answer(s, 'forty').content).toContain('15, 30 and 60');
    expect(answer({ ...s, maxLengthSeconds: null }, 'a minute').slots.lengthSeconds).toBe(60);
  });

  it('refuses unsafe answers kindly, stores nothing and steers back to the same question', () => {
    const s = { ...base, slots: { brandDescription: 'x', productName: 'Lumen' } };
    const t = answer(s, 'It shows a man shooting people with a gun');
    expect(t.meta.refused?.length).toBeGreaterThan(0);
    expect(t.content).toMatch(/can't help with that/u);
    expect(t.slots.productDescription).toBeUndefined();
    expect(nextMissing(t.slots)?.slot).toBe('productDescription');
    expect(t.content).toContain('Describe Lumen');
  });

  it('lets the final review change one answer', () => {
    const full = { brandDescription: 'x', productName: 'P', productDescription: 'd', audience: 'a', benefit: 'b', imagesConfirmed: true, lengthSeconds: 30 as const, aspect: '16:9' as const, tone: 't', cta: 'c' };
    const t = answer({ ...base, slots: full }, 'Change the length');
    expect(t.slots.lengthSeconds).toBeUndefined();
    expect(t.content).toContain('How long should your ad be?');
  });

  it('parses lengths and formats in words', () => {
    expect([parseLength('15s'), parseLength('thirty'), parseLength('one minute'), parseLength('45')]).toEqual([15, 30, 60, null]);
    expect([parseAspect('vertical please'), parseAspect('16:9'), parseAspect('square'), parseAspect('hmm')]).toEqual(['9:16', '16:9', '1:1', null]);
  });
});

describe('after the brief', () => {
  it('answers with where the ad is instead of asking again, and never drafts twice', () => {
    const full = { brandDescription: 'x', productName: 'P', productDescription: 'd', audience: 'a', benefit: 'b', imagesConfirmed: true, lengthSeconds: 30 as const, aspect: '16:9' as const, tone: 't', cta: 'c', confirmed: true };
    const t = answer({ ...base, slots: full, afterBrief: 'Your ad is ready.' }, 'what now?');
    expect(t).toMatchObject({ content: 'Your ad is ready.', draft: false, stage: 'final_review' });
  });

  it('offers the creative direction and scene ideas in final review: optional, skippable, ordered, bounded by the length', () => {
    const review = converse(base, ['We roast coffee for night owls.', 'Lumen Cold Brew', 'A smooth cold brew.', 'Night-shift workers', 'Calm focus', 'Yes, use them', '15 seconds', '9:16', 'Warm and calm', 'Shop now']).at(-1)!;
    expect(review.meta.options?.map((o) => o.labelKey)).toEqual(['confirm', 'addDirection', 'addScenes', 'changeLength', 'changeTone']);
    const turns = converse({ ...base, slots: review.slots }, [
      'Add a creative direction',
      'Golden hour by the water, slow and warm',
      'Add my scene ideas',
      'Open on a sunrise over the harbour; a runner stops to drink; a cyclist at dawn; a glass with ice; the team toasts; the logo',
      '1. Open on a sunrise over the harbour\n2. A runner stops to drink',
      'Add a creative direction',
      'skip',
    ]);
    expect(turns.map((t) => t.stage)).toEqual(turns.map(() => 'final_review'));
    expect(turns[0]!.content).toMatch(/Describe the look and feel/);
    expect(turns[0]!.meta.options?.map((o) => o.labelKey)).toEqual(['skip']);
    expect(turns[1]!.content).toMatch(/^Love it.*Here's the brief:.*• Direction: Golden hour by the water, slow and warm/su);
    expect(turns[3]!.content).toMatch(/^A 15 s ad holds at most 5 scenes; you gave 6\./);
    expect(turns[4]!.content).toMatch(/^Noted your 2 scenes, in this order\..*• Your scenes: 1\. Open on a sunrise over the harbour 2\. A runner stops to drink/su);
    expect(turns[4]!.meta.options?.map((o) => o.labelKey)).toContain('changeScenes');
    const last = turns.at(-1)!;
    expect(last.slots).toMatchObject({ direction: 'Golden hour by the water, slow and warm', scenes: [{ idea: 'Open on a sunrise over the harbour' }, { idea: 'A runner stops to drink' }] });
    expect(last.slots.asking).toBeUndefined();
    expect(last.draft).toBe(false);
    expect(answer({ ...base, slots: last.slots }, 'Looks good, draft it').draft).toBe(true);
  });
});

describe('the caption look', () => {
  const full = { brandDescription: 'x', productName: 'P', productDescription: 'd', audience: 'a', benefit: 'b', imagesConfirmed: true, lengthSeconds: 30 as const, aspect: '9:16' as const, tone: 't', cta: 'c' };
  it('is shown with the summary (pictures under it, pop until another is picked) and a pick is saved into the brief, the summary shown again', () => {
    const review = answer({ ...base, slots: { ...full, tone: undefined } }, 'Warm and calm');
    expect(review.meta.captionLooks).toEqual({ current: 'pop' });
    expect(review.content).toContain('• Captions: pop');
    const picked = answer({ ...base, slots: review.slots }, 'Captions: karaoke', 1);
    expect(picked.slots.captionStyle).toBe('karaoke');
    expect(picked.stage).toBe('final_review');
    expect(picked.draft).toBe(false);
    expect(picked.content).toMatch(/^Great\. Karaoke captions\..*• Captions: karaoke/su);
    expect(picked.meta.captionLooks).toEqual({ current: 'karaoke' });
    // In the brand's highlight colour when the brand has colours.
    expect(answer({ ...base, accent: '#43A047', slots: review.slots }, 'Captions: pop').meta.captionLooks).toEqual({ current: 'pop', accent: '#43A047' });
    const boxed = answer({ ...base, slots: picked.slots }, 'boxed captions please');
    expect(boxed.slots.captionStyle).toBe('boxed');
    expect(answer({ ...base, slots: boxed.slots }, 'Looks good, draft it')).toMatchObject({ draft: true, slots: { captionStyle: 'boxed', confirmed: true } });
  });
  it('reads the look from the answer only when it speaks of captions', () => {
    expect([parseCaptionLook('Captions: pop'), parseCaptionLook('boxed subtitles'), parseCaptionLook('karaoke captions'), parseCaptionLook('Captions please'), parseCaptionLook('make it pop')]).toEqual(['pop', 'boxed', 'karaoke', null, null]);
  });
});
