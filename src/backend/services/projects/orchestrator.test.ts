import { describe, expect, it } from 'vitest';
import { StateUpdate, applyUpdate, orchestratorTool, systemPrompt } from './orchestrator';
import { fallbackReason, historyMessages, partialReply } from './orchestrator-model';
import { proxyError } from '../../../pipeline/providers/proxy/api';
import { fromSdkError } from '../../../pipeline/providers/proxy/sdk-errors';
import { AppError } from '../../../shared/errors';
import type { InterviewState } from './interviewer';
import type { ChatMessage, Slots } from '../../../shared/domain/ads';

const full: Slots = {
  brandDescription: 'Coffee for night owls.',
  productName: 'Lumen Cold Brew',
  productDescription: 'A smooth cold brew.',
  audience: 'Night-shift nurses',
  benefit: 'Calm focus',
  imagesConfirmed: true,
  lengthSeconds: 15,
  aspect: '9:16',
  tone: 'Warm',
  cta: 'Shop now',
};
const state = (slots: Slots, more: Partial<InterviewState> = {}): InterviewState => ({ slots, brandName: 'Lumen', imageCount: 1, maxLengthSeconds: 30, ...more });
const update = (u: unknown) => StateUpdate.parse(u);

describe('the orchestrator stage machine', () => {
  it('takes what the model recorded and asks the next missing item; the stage is always the first missing one', () => {
    const r = applyUpdate(state({ brandDescription: 'x y' }), update({ reply: 'Nice name!', set: { productName: 'Lumen Cold Brew', lengthSeconds: 15 } }), false);
    expect(r.refused).toEqual([]);
    expect(r.turn).toMatchObject({ stage: 'collect_product_info', content: 'Nice name!', draft: false });
    expect(r.turn.slots).toMatchObject({ productName: 'Lumen Cold Brew', lengthSeconds: 15 });
  });

  it('approval counts only in final_review with nothing else changing: the model cannot skip the summary', () => {
    const { cta: _c, ...noCta } = full;
    const skip = applyUpdate(state(noCta), update({ reply: 'Drafting!', set: { cta: 'Shop now', confirmed: true } }), false);
    expect(skip.refused).toContain('confirmed: not in final_review');
    expect(skip.turn.slots.confirmed).toBeUndefined();
    expect(skip.turn).toMatchObject({ stage: 'final_review', draft: false });
    const ok = applyUpdate(state(full), update({ reply: 'Drafting now…', set: { confirmed: true } }), false);
    expect(ok.turn).toMatchObject({ draft: true, content: 'Drafting now…' });
    expect(ok.turn.slots.confirmed).toBe(true);
  });

  it("arriving in final review, the app's own summary follows the model's words (the approval is for exactly that brief)", () => {
    const { cta: _c, ...noCta } = full;
    const r = applyUpdate(state({ ...noCta, scenes: [{ idea: 'a sunrise' }] }), update({ reply: 'Noted.', set: { cta: 'Shop now' } }), false);
    expect(r.turn.stage).toBe('final_review');
    expect(r.turn.content).toMatch(/^Noted\.\n\nHere's the brief:\n.*• Call to action: Shop now\n• Your scenes: 1\. a sunrise\n/su);
    expect(r.turn.meta.options?.[0]?.labelKey).toBe('confirm');
    // Once there, the model's answer to a question stays its own.
    expect(applyUpdate(state(full), update({ reply: 'Vertical works best.', set: {} }), false).turn.content).toBe('Vertical works best.');
  });

  it('refuses a length above the plan, images that do not exist and unsafe values, and says so', () => {
    const { lengthSeconds: _l, imagesConfirmed: _i, ...rest } = full;
    const r = applyUpdate(state(rest, { imageCount: 0 }), update({ reply: '60 s, great!', set: { lengthSeconds: 60, imagesConfirmed: true, direction: 'shoot someone with a gun' } }), false);
    expect(r.refused).toEqual(['imagesConfirmed: no images', 'lengthSeconds: above the plan', 'direction: unsafe']);
    expect(r.turn.slots).not.toHaveProperty('lengthSeconds');
    expect(r.turn.slots).not.toHaveProperty('direction');
    expect(r.turn.content).toMatch(/^I still don't see any product images\. Your plan allows ads up to 30 s\. .* I need at least one product image/);
    expect(r.turn.meta.upgrade).toEqual({ maxSeconds: 30 });
  });

  it('a change of mind clears the slot and the approval; the ordered scene ideas are replaced whole', () => {
    const r = applyUpdate(state({ ...full, scenes: [{ idea: 'a sunrise' }, { idea: 'a runner' }] }), update({ reply: 'Sure.', set: { scenes: [{ idea: 'a sunrise' }, { idea: 'a cyclist' }] }, clear: ['tone'] }), false);
    expect(r.turn.slots.scenes).toEqual([{ idea: 'a sunrise' }, { idea: 'a cyclist' }]);
    expect(r.turn.slots).not.toHaveProperty('tone');
    expect(r.turn.stage).toBe('collect_scenes');
  });

  it('a locked brief ignores updates', () => {
    const r = applyUpdate(state({ ...full, confirmed: true }), update({ reply: 'Done.', set: { tone: 'Loud' }, clear: ['cta'] }), true);
    expect(r.turn.slots).toEqual({ ...full, confirmed: true });
    expect(r.turn.draft).toBe(false);
  });

  it('the schema refuses what the state cannot hold', () => {
    expect(StateUpdate.safeParse({ reply: 'ok', set: { lengthSeconds: 45 } }).success).toBe(false);
    expect(StateUpdate.safeParse({ reply: '', set: {} }).success).toBe(false);
    expect(StateUpdate.safeParse({ reply: 'ok', set: { stage: 'final_review' } }).success).toBe(false);
    expect(StateUpdate.safeParse({ reply: 'ok', set: { scenes: Array.from({ length: 9 }, () => ({ idea: 'an idea' })) } }).success).toBe(false);
  });

  it('the tool is a top-level object schema and the prompt carries the state and the next item', () => {
    const tool = orchestratorTool();
    expect(tool.inputSchema.type).toBe('object');
    expect(Object.keys(tool.inputSchema)).not.toContain('anyOf');
    expect(systemPrompt(state({ brandDescription: 'x y' }), false)).toMatch(/Next missing item: the product's name \(field productName\)\. Speak of items in plain words.*\nBrand: "Lumen".*\nState \(JSON\): \{"brandDescription":"x y"\}$/u);
  });

  it('the history starts with the user, alternates, and leaves an over-long paste out', () => {
    const m = (role: ChatMessage['role'], content: string): ChatMessage => ({ id: content, seq: 0, role, stage: 'collect_brand_info', content, meta: {}, createdAt: '' });
    const h = historyMessages([m('assistant', 'Hi!'), m('user', 'a'), m('user', 'x'.repeat(5000)), m('assistant', 'b')], 'Lumen');
    expect(h.map((x) => x.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(h[2]!.content).toBe('a\n\n[a 5000-character paste the app did not read]');
  });

  it('the history opens with the brand pictures as image blocks, each after the words saying its role', () => {
    const m = (role: ChatMessage['role'], content: string): ChatMessage => ({ id: content, seq: 0, role, stage: 'collect_brand_info', content, meta: {}, createdAt: '' });
    const img = { type: 'image' as const, source: { type: 'base64' as const, media_type: 'image/png' as const, data: 'iVBORw0KGgo=' } };
    const h = historyMessages([m('assistant', 'Hi!'), m('user', 'Lumen Cold Brew')], 'Lumen', [
      { role: 'hero', block: img },
      { role: 'lifestyle', block: img },
    ]);
    expect(h[0]!.role).toBe('user');
    const blocks = h[0]!.content as { type: string; text?: string }[];
    expect(blocks.map((b) => b.type)).toEqual(['text', 'image', 'text', 'image', 'text', 'text']);
    expect(blocks[0]!.text).toBe('Product picture 1 (hero) — the hero shot: the ad opens and ends on it:');
    expect(blocks[2]!.text).toBe('Product picture 2 (lifestyle) — lifestyle: the product in use:');
    expect(h[1]).toEqual({ role: 'assistant', content: 'Hi!' });
  });

  it('names why the AI could not answer, from what the proxy said', () => {
    expect(fallbackReason(proxyError(402, { error: { code: 'LLM_ALLOWANCE_EXHAUSTED', message: "This month's AI text allowance has 0 tokens left" } }))).toBe('allowance');
    expect(fallbackReason(fromSdkError({ status: 429, headers: {}, error: { error: { code: 'RATE_LIMITED', message: 'Slow down' } } }, 'chat'))).toBe('busy');
    expect(fallbackReason(fromSdkError({ status: 401, headers: {}, error: { error: { code: 'UNAUTHENTICATED', message: 'expired' } } }, 'chat'))).toBe('signedOut');
    const cut = new (class APIConnectionError extends Error {})('fetch failed');
    expect(fallbackReason(fromSdkError(cut, 'chat (anthropic)'))).toBe('unreachable');
    expect(fallbackReason(new AppError('OFFLINE', 'Cannot reach'))).toBe('unreachable');
    expect(fallbackReason(fromSdkError({ status: 529, headers: {}, error: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } }, 'chat'))).toBe('failed');
  });

  it('reads the reply out of a tool input still being written', () => {
    expect(partialReply('{"rep')).toBeNull();
    expect(partialReply('{"reply":"Thanks, I no')).toBe('Thanks, I no');
    expect(partialReply('{"reply": "Say \\"hi\\" and')).toBe('Say "hi" and');
    expect(partialReply('{"reply":"Caf\\u00e')).toBe('Caf');
    expect(partialReply('{"reply":"line\\')).toBe('line');
    expect(partialReply('{"set":{"productName":"reply"},"reply":"Got it')).toBe('Got it');
    expect(partialReply('{"reply":"Done.","set":{}}')).toBe('Done.');
  });
});
