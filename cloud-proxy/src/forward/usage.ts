/**
 * Token metering for LLM calls. Non-streamed responses carry `usage`; streamed ones carry it in a
 * late event (OpenAI's final chunk with stream_options.include_usage, Anthropic's message_start +
 * message_delta, the Responses API's response.completed). A stream cut before that event is still
 * metered: from the reported input tokens (or the request size) plus the streamed text, at ~4
 * characters per token.
 */
export type LlmProvider = 'openai' | 'anthropic';

export function usageFromJson(body: unknown): number | null {
  const u = (body as { usage?: Record<string, unknown> } | null)?.usage;
  if (!u || typeof u !== 'object') return null;
  const n = (k: string) => (typeof u[k] === 'number' ? (u[k] as number) : 0);
  if (typeof u.total_tokens === 'number') return u.total_tokens;
  const sum = n('prompt_tokens') + n('completion_tokens') + n('input_tokens') + n('output_tokens') + n('cache_creation_input_tokens') + n('cache_read_input_tokens');
  return sum > 0 ? sum : null;
}

/** Input and output tokens of one call: providers price them differently (ops/prices.ts). */
export interface TokenSplit {
  input: number;
  output: number;
}

/**
 * The input/output split of a reported usage. Cache reads and writes count as input (priced at the
 * full input rate: the operator's books err on the side of cost).
 */
export function splitFromJson(body: unknown): TokenSplit | null {
  const u = (body as { usage?: Record<string, unknown> } | null)?.usage;
  if (!u || typeof u !== 'object') return null;
  const n = (k: string) => (typeof u[k] === 'number' ? (u[k] as number) : 0);
  const input = n('prompt_tokens') + n('input_tokens') + n('cache_creation_input_tokens') + n('cache_read_input_tokens');
  const output = n('completion_tokens') + n('output_tokens');
  if (input + output > 0) return { input, output };
  // Only a total: all of it at the output rate (the dearer one).
  return typeof u.total_tokens === 'number' && u.total_tokens > 0 ? { input: 0, output: u.total_tokens } : null;
}

export class SseUsageMeter {
  private buffer = '';
  private readonly decoder = new TextDecoder();
  private inputTokens: number | null = null;
  private outputTokens: number | null = null;
  /** Anthropic's message_delta: the final output count, exact (message_start's is a placeholder). */
  private finalOutputTokens: number | null = null;
  private total: number | null = null;
  private reported: TokenSplit | null = null;
  private streamedChars = 0;

  constructor(private readonly requestChars: number) {}

  feed(chunk: Uint8Array): void {
    this.buffer += this.decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, nl).trim();
      this.buffer = this.buffer.slice(nl + 1);
      if (line.startsWith('data:')) this.onData(line.slice(5).trim());
    }
  }

  private onData(data: string): void {
    if (data === '' || data === '[DONE]') return;
    let ev: Record<string, unknown>;
    try {
      ev = JSON.parse(data) as Record<string, unknown>;
    } catch {
      this.streamedChars += data.length;
      return;
    }
    // OpenAI chat: choices[].delta.content; final chunk: usage.
    const choices = ev.choices as { delta?: { content?: unknown } }[] | undefined;
    for (const ch of choices ?? []) if (typeof ch.delta?.content === 'string') this.streamedChars += ch.delta.content.length;
    // Only OpenAI chunks (no `type`) carry a complete usage; Anthropic's message_delta has output only.
    if (ev.type === undefined && ev.usage && typeof ev.usage === 'object') {
      const t = usageFromJson(ev);
      if (t !== null) this.total = t;
      this.reported = splitFromJson(ev) ?? this.reported;
    }
    // Anthropic messages.
    if (ev.type === 'message_start') {
      const u = (ev.message as { usage?: { input_tokens?: number; output_tokens?: number } } | undefined)?.usage;
      if (u?.input_tokens !== undefined) this.inputTokens = u.input_tokens;
      if (u?.output_tokens !== undefined) this.outputTokens = u.output_tokens;
    }
    if (ev.type === 'content_block_delta') {
      // Text, a tool call's arguments (input_json_delta) and extended thinking are all output tokens.
      const d = ev.delta as { text?: unknown; partial_json?: unknown; thinking?: unknown } | undefined;
      for (const part of [d?.text, d?.partial_json, d?.thinking]) if (typeof part === 'string') this.streamedChars += part.length;
    }
    if (ev.type === 'message_delta') {
      const u = ev.usage as { output_tokens?: number } | undefined;
      if (u?.output_tokens !== undefined) this.finalOutputTokens = u.output_tokens;
    }
    // OpenAI Responses API.
    if (ev.type === 'response.output_text.delta' && typeof ev.delta === 'string') this.streamedChars += ev.delta.length;
    if (ev.type === 'response.completed') {
      const t = usageFromJson(ev.response);
      if (t !== null) this.total = t;
      this.reported = splitFromJson(ev.response) ?? this.reported;
    }
  }

  /** Whether the provider reported final usage (false when the stream was cut early). */
  get complete(): boolean {
    return this.total !== null || (this.inputTokens !== null && this.finalOutputTokens !== null);
  }

  tokens(): number {
    if (this.total !== null) return this.total;
    if (this.inputTokens !== null && this.finalOutputTokens !== null) return this.inputTokens + this.finalOutputTokens;
    const input = this.inputTokens ?? Math.ceil(this.requestChars / 4);
    const estimatedOutput = Math.ceil(this.streamedChars / 4);
    return input + Math.max(this.outputTokens ?? 0, estimatedOutput);
  }

  /** The same tokens as tokens(), split into input and output (estimated alike when the stream was cut). */
  split(): TokenSplit {
    if (this.reported) return this.reported;
    if (this.inputTokens !== null && this.finalOutputTokens !== null) return { input: this.inputTokens, output: this.finalOutputTokens };
    const input = this.inputTokens ?? Math.ceil(this.requestChars / 4);
    return { input, output: Math.max(this.outputTokens ?? 0, Math.ceil(this.streamedChars / 4)) };
  }
}
