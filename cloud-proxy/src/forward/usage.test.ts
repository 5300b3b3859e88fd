import { describe, expect, it } from 'vitest';
import { SseUsageMeter, splitFromJson, usageFromJson } from './usage';

const enc = (s: string) => new TextEncoder().encode(s);

describe('token metering', () => {
  it('reads usage from OpenAI, Responses and Anthropic JSON', () => {
    expect(usageFromJson({ usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } })).toBe(15);
    expect(usageFromJson({ usage: { input_tokens: 7, output_tokens: 3 } })).toBe(10);
    expect(usageFromJson({})).toBeNull();
  });

  it('takes the final usage chunk of an OpenAI stream, even split across network chunks', () => {
    const m = new SseUsageMeter(400);
    const text = 'data: {"choices":[{"delta":{"content":"Hello"}}]}\n\ndata: {"choices":[],"usage":{"prompt_tokens":20,"completion_tokens":2,"total_tokens":22}}\n\ndata: [DONE]\n\n';
    m.feed(enc(text.slice(0, 37)));
    m.feed(enc(text.slice(37)));
    expect(m.complete).toBe(true);
    expect(m.tokens()).toBe(22);
  });

  it('adds Anthropic message_start input and message_delta output', () => {
    const m = new SseUsageMeter(400);
    m.feed(enc('event: message_start\ndata: {"type":"message_start","message":{"usage":{"input_tokens":30,"output_tokens":1}}}\n\n'));
    m.feed(enc('event: content_block_delta\ndata: {"type":"content_block_delta","delta":{"type":"text_delta","text":"Hi there"}}\n\n'));
    m.feed(enc('event: message_delta\ndata: {"type":"message_delta","usage":{"output_tokens":12}}\n\n'));
    expect(m.tokens()).toBe(42);
  });

  it('a stopped tool call counts its streamed arguments and thinking as output, not only text', () => {
    const m = new SseUsageMeter(400);
    m.feed(enc('data: {"type":"message_start","message":{"usage":{"input_tokens":30,"output_tokens":1}}}\n\n'));
    m.feed(enc(`data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"${'t'.repeat(20)}"}}\n\n`));
    m.feed(enc(`data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"${'j'.repeat(60)}"}}\n\n`));
    expect(m.complete).toBe(false);
    expect(m.tokens()).toBe(30 + 20);
    expect(m.split()).toEqual({ input: 30, output: 20 });
  });

  it('estimates a cut stream from the request size and the text streamed so far', () => {
    const m = new SseUsageMeter(400); // ≈100 input tokens
    m.feed(enc(`data: {"choices":[{"delta":{"content":"${'x'.repeat(80)}"}}]}\n\n`)); // ≈20 output tokens
    expect(m.complete).toBe(false);
    expect(m.tokens()).toBe(120);
    const a = new SseUsageMeter(400);
    a.feed(enc('data: {"type":"message_start","message":{"usage":{"input_tokens":30,"output_tokens":1}}}\n\n'));
    a.feed(enc(`data: {"type":"content_block_delta","delta":{"text":"${'y'.repeat(40)}"}}\n\n`));
    expect(a.tokens()).toBe(40);
  });

  it('splits usage into input and output tokens, from JSON and from streams', () => {
    expect(splitFromJson({ usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } })).toEqual({ input: 10, output: 5 });
    expect(splitFromJson({ usage: { input_tokens: 7, output_tokens: 3, cache_read_input_tokens: 20 } })).toEqual({ input: 27, output: 3 });
    expect(splitFromJson({ usage: { total_tokens: 9 } })).toEqual({ input: 0, output: 9 });
    expect(splitFromJson({})).toBeNull();
    const o = new SseUsageMeter(400);
    o.feed(enc('data: {"choices":[],"usage":{"prompt_tokens":20,"completion_tokens":2,"total_tokens":22}}\n\n'));
    expect(o.split()).toEqual({ input: 20, output: 2 });
    const a = new SseUsageMeter(400);
    a.feed(enc('data: {"type":"message_start","message":{"usage":{"input_tokens":30,"output_tokens":1}}}\n\n'));
    a.feed(enc('data: {"type":"message_delta","usage":{"output_tokens":12}}\n\n'));
    expect(a.split()).toEqual({ input: 30, output: 12 });
    const cut = new SseUsageMeter(400);
    cut.feed(enc(`data: {"choices":[{"delta":{"content":"${'x'.repeat(80)}"}}]}\n\n`));
    expect(cut.split()).toEqual({ input: 100, output: 20 });
    expect(cut.split().input + cut.split().output).toBe(cut.tokens());
  });
});
