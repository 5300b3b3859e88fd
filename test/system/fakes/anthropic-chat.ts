/**
 * The fake Anthropic's Messages API rules and its chat "model" (issue 22), used by
 * media-upstreams.ts.
 *
 * `checkMessagesRequest` refuses what the real API refuses, with its status and error body
 * (400 `invalid_request_error`, the field path first, as the API words it): a missing model /
 * max_tokens / messages, messages that are not a list or empty, an unknown role, a `tool_use`
 * without its `tool_result` in the next message, `tools` that is not a list, a custom tool without
 * a valid name or input_schema (type must be "object"; no anyOf/oneOf/allOf at the top), duplicate
 * tool names, and a `tool_choice` without tools or naming a tool that was not given.
 *
 * `chatAnswer` plays the model for requests that offer the app's `update_state` tool: it reads the
 * system prompt's "Next missing item" and "State (JSON)" like a model would, and answers with a
 * `tool_use` content block and stop_reason "tool_use". Deterministic, so tests can script a
 * conversation: "Direction: …" sets the direction, "Scene ideas: a; b" the ordered ideas,
 * "Actually, scene 2: …" changes one idea, a question gets an answer and the same question again,
 * anything else answers the missing item. `breakNext` makes the next n chat answers break the
 * schema (a length of 45 s and an empty reply). Offered `revise_storyboard` too, it answers
 * revision requests ("make scene 3 shorter, swap 4 and 5, rewrite the line of scene 2") with that
 * tool, reading the storyboard from the system prompt; offered `revise_ad` (a finished ad), it
 * answers "the call to action should be '…'", "shorten line N" and "title of scene N: …" with it. Image blocks are checked like the API
 * checks them (media type, base64, bytes of that type, 5 MB, 8000 px / 2000 px with > 20 images).
 */
import { randomUUID } from 'node:crypto';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface AnthropicRefusal {
  status: 400;
  body: { type: 'error'; error: { type: 'invalid_request_error'; message: string }; request_id: string };
}

const refuse = (message: string): AnthropicRefusal => ({ status: 400, body: { type: 'error', error: { type: 'invalid_request_error', message }, request_id: `req_${randomUUID().replaceAll('-', '').slice(0, 24)}` } });

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,128}$/;

const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];
/** The API's per-image limit: 5 MB, counted here on the base64 text (the stricter reading). */
const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/u;

/** The type an image's bytes say it is (never the name or the declared type). */
function sniffImage(b: Buffer): string | null {
  if (b.length > 8 && b.readUInt32BE(0) === 0x89504e47) return 'image/png';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.subarray(0, 6).toString('latin1') === 'GIF87a' || b.subarray(0, 6).toString('latin1') === 'GIF89a') return 'image/gif';
  if (b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return null;
}

/** Width and height from the header (PNG IHDR, JPEG SOFn, GIF screen, WebP VP8/VP8L/VP8X). */
function imageDims(b: Buffer, type: string): { w: number; h: number } | null {
  if (type === 'image/png' && b.length > 24) return { w: b.readUInt32BE(16), h: b.readUInt32BE(20) };
  if (type === 'image/gif' && b.length > 10) return { w: b.readUInt16LE(6), h: b.readUInt16LE(8) };
  if (type === 'image/webp' && b.length > 30) {
    const chunk = b.subarray(12, 16).toString('latin1');
    if (chunk === 'VP8 ') return { w: b.readUInt16LE(26) & 0x3fff, h: b.readUInt16LE(28) & 0x3fff };
    if (chunk === 'VP8L') {
      const bits = b.readUInt32LE(21);
      return { w: (bits & 0x3fff) + 1, h: ((bits >> 14) & 0x3fff) + 1 };
    }
    if (chunk === 'VP8X') return { w: 1 + b.readUIntLE(24, 3), h: 1 + b.readUIntLE(27, 3) };
    return null;
  }
  if (type === 'image/jpeg') {
    for (let p = 2; p + 9 < b.length; ) {
      if (b[p] !== 0xff) return null;
      const marker = b[p + 1]!;
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return { w: b.readUInt16BE(p + 7), h: b.readUInt16BE(p + 5) };
      p += 2 + b.readUInt16BE(p + 2);
    }
  }
  return null;
}

/**
 * An image content block as the API checks it (messages refused with its 400 wording, as quoted in
 * public error reports): the media type one of four, the data base64 whose bytes are that type, at
 * most 5 MB, no side over 8000 px (2000 px when the request has more than 20 images).
 */
function checkImage(block: Json, where: string, manyImages: boolean): AnthropicRefusal | null {
  const source = block.source;
  if (!isObj(source)) return refuse(`${where}.image.source: Field required`);
  if (source.type === 'url') return typeof source.url === 'string' ? null : refuse(`${where}.image.source.url.url: Field required`);
  if (source.type !== 'base64') return refuse(`${where}.image.source: Input tag '${String(source.type)}' found using 'type' does not match any of the expected tags: 'base64', 'url'`);
  if (!IMAGE_TYPES.includes(String(source.media_type))) return refuse(`${where}.image.source.base64.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'`);
  if (typeof source.data !== 'string' || !source.data.length) return refuse(`${where}.image.source.base64.data: Field required`);
  if (source.data.length % 4 !== 0 || !BASE64.test(source.data)) return refuse(`${where}.image.source.base64.data: Invalid base64 data`);
  if (source.data.length > MAX_IMAGE_BYTES) return refuse(`${where}.image.source.base64: image exceeds 5 MB maximum: ${source.data.length} bytes > ${MAX_IMAGE_BYTES} bytes`);
  const bytes = Buffer.from(source.data, 'base64');
  const actual = sniffImage(bytes);
  if (!actual) return refuse(`${where}.image.source.base64.data: Could not process image`);
  if (actual !== source.media_type) return refuse(`${where}.image.source.base64.data: Image does not match the provided media type ${String(source.media_type)}`);
  const dims = imageDims(bytes, actual);
  if (!dims) return refuse(`${where}.image.source.base64.data: Could not process image`);
  if (Math.max(dims.w, dims.h) > 8000) return refuse(`${where}.image.source.base64.data: At least one of the image dimensions exceed max allowed size: 8000 pixels`);
  if (manyImages && Math.max(dims.w, dims.h) > 2000) return refuse(`${where}.image.source.base64.data: At least one of the image dimensions exceed max allowed size for many-image requests: 2000 pixels`);
  return null;
}

/** The real API's request checks this fake enforces; null when the request is acceptable. */
export function checkMessagesRequest(body: unknown): AnthropicRefusal | null {
  if (!isObj(body)) return refuse('Input should be a valid dictionary');
  for (const f of ['model', 'messages', 'max_tokens']) if (body[f] === undefined) return refuse(`${f}: Field required`);
  if (typeof body.max_tokens !== 'number' || !Number.isInteger(body.max_tokens) || body.max_tokens < 1) return refuse('max_tokens: Input should be a valid integer greater than or equal to 1');
  if (!Array.isArray(body.messages)) return refuse('messages: Input should be a valid list');
  if (body.messages.length === 0) return refuse('messages: at least one message is required');
  const images = body.messages.flatMap((m) => (isObj(m) && Array.isArray(m.content) ? m.content.filter((b) => isObj(b) && b.type === 'image') : []));
  for (const [i, m] of body.messages.entries()) {
    if (!isObj(m)) return refuse(`messages.${i}: Input should be a valid dictionary`);
    if (m.role !== 'user' && m.role !== 'assistant') return refuse(`messages.${i}.role: Input should be 'user' or 'assistant'`);
    if (m.content === undefined) return refuse(`messages.${i}.content: Field required`);
    for (const [j, b] of (Array.isArray(m.content) ? m.content : []).entries()) {
      if (!isObj(b) || b.type !== 'image') continue;
      if (m.role !== 'user') return refuse(`messages.${i}.content.${j}: image content blocks are only allowed in user messages`);
      const bad = checkImage(b, `messages.${i}.content.${j}`, images.length > 20);
      if (bad) return bad;
    }
    const uses = Array.isArray(m.content) ? m.content.filter((b) => isObj(b) && b.type === 'tool_use').map((b) => String((b as Json).id)) : [];
    if (uses.length) {
      const next = body.messages[i + 1] as Json | undefined;
      const results = new Set(Array.isArray(next?.content) ? next.content.filter((b) => isObj(b) && b.type === 'tool_result').map((b) => String((b as Json).tool_use_id)) : []);
      const missing = uses.filter((id) => !results.has(id));
      if (missing.length) return refuse(`messages.${i}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`);
    }
  }
  const tools = body.tools;
  if (tools !== undefined) {
    if (!Array.isArray(tools)) return refuse('tools: Input should be a valid list');
    const names = new Set<string>();
    for (const [i, t] of tools.entries()) {
      if (!isObj(t)) return refuse(`tools.${i}: Input should be a valid dictionary`);
      if (t.type !== undefined && t.type !== 'custom') continue; // server tools have their own shapes
      if (t.name === undefined) return refuse(`tools.${i}.custom.name: Field required`);
      if (typeof t.name !== 'string' || !TOOL_NAME.test(t.name)) return refuse(`tools.${i}.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'`);
      if (t.input_schema === undefined) return refuse(`tools.${i}.custom.input_schema: Field required`);
      if (!isObj(t.input_schema)) return refuse(`tools.${i}.custom.input_schema: Input should be a valid dictionary`);
      if (t.input_schema.type !== 'object') return refuse(`tools.${i}.custom.input_schema.type: Input should be 'object'`);
      if (['anyOf', 'oneOf', 'allOf'].some((k) => k in (t.input_schema as Json))) return refuse(`tools.${i}.custom.input_schema: input_schema does not support oneOf, allOf, or anyOf at the top level`);
      if (names.has(t.name)) return refuse('tools: Tool names must be unique.');
      names.add(t.name);
    }
  }
  const choice = body.tool_choice;
  if (choice !== undefined) {
    if (!isObj(choice) || !['auto', 'any', 'tool', 'none'].includes(String(choice.type))) return refuse("tool_choice: Input tag does not match any of the expected tags: 'auto', 'any', 'tool', 'none'");
    if (choice.type !== 'none' && !(Array.isArray(tools) && tools.length)) return refuse('tool_choice may only be specified while providing tools.');
    if (choice.type === 'tool' && !(tools as Json[]).some((t) => t.name === choice.name)) return refuse(`tool_choice.name: Tool '${String(choice.name)}' not found in provided tools`);
  }
  return null;
}

/** The app's chat requests: they offer the orchestrator's tool. */
export function isChatRequest(body: Json): boolean {
  return Array.isArray(body.tools) && body.tools.some((t) => isObj(t) && t.name === 'update_state');
}

export interface ChatStats {
  /**
   * Each chat request: the creator's last words, whether it was a repair, whether the answer broke
   * the schema, the tools offered and the one answered, and the image blocks the request carried.
   */
  turns: { user: string; repair: boolean; broken: boolean; nextMissing: string; tools: string[]; tool: string; images: { mediaType: string; width: number; height: number }[] }[];
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  // The creator's words are the last text block (the app may open the first turn with its own notes).
  return content.filter((b) => isObj(b) && b.type === 'text').map((b) => String((b as Json).text)).at(-1) ?? '';
}

/** The image blocks a request carried (already checked by checkMessagesRequest). */
function imagesOf(messages: Json[]): ChatStats['turns'][number]['images'] {
  return messages.flatMap((m) =>
    (Array.isArray(m.content) ? (m.content as Json[]) : [])
      .filter((b) => b.type === 'image' && isObj(b.source) && b.source.type === 'base64')
      .map((b) => {
        const src = b.source as Json;
        const type = String(src.media_type);
        const d = imageDims(Buffer.from(String(src.data), 'base64'), type)!;
        return { mediaType: type, width: d.w, height: d.h };
      }),
  );
}

type StoryRow = { scene: number; title: string; seconds: number; line: string };

/**
 * The "model" revising a storyboard: "make scene N shorter", "swap A and B", "rewrite the line of
 * scene N", "delete scene N", "scene N to S s", several at once separated by commas. Null when the
 * words ask for none of these (update_state answers).
 */
function decideRevision(user: string, board: StoryRow[]): { reply: string; ops: Json[] } | null {
  const ops: Json[] = [];
  for (const clause of user.split(/,|;|\bthen\b/iu)) {
    let m: RegExpExecArray | null;
    if ((m = /make scene (\d+) (shorter|longer)/iu.exec(clause))) {
      const now = board.find((r) => r.scene === Number(m![1]))?.seconds ?? 4;
      ops.push({ op: 'set_duration', scene: Number(m[1]), seconds: Math.max(2, m[2]!.toLowerCase() === 'shorter' ? now - 2 : now + 2) });
    } else if ((m = /swap (?:scenes? )?(\d+) and (\d+)/iu.exec(clause))) ops.push({ op: 'swap', scene: Number(m[1]), with: Number(m[2]) });
    else if ((m = /rewrite the line of scene (\d+)/iu.exec(clause))) {
      const row = board.find((r) => r.scene === Number(m![1]));
      ops.push({ op: 'set_line', scene: Number(m[1]), line: `${row?.title ?? 'This moment'}, made simple.` });
    } else if ((m = /delete scene (\d+)/iu.exec(clause))) ops.push({ op: 'delete', scene: Number(m[1]) });
    else if ((m = /scene (\d+) to (\d+) ?s/iu.exec(clause))) ops.push({ op: 'set_duration', scene: Number(m[1]), seconds: Number(m[2]) });
  }
  return ops.length ? { reply: `Done — ${ops.length} change${ops.length === 1 ? '' : 's'} to the storyboard.`, ops } : null;
}

type AdRow = { scenes: { scene: number; title: string; line: string; seconds_for_line: number | null }[]; cta: string };

/**
 * The "model" revising a finished ad (issue 19 #4): "the call to action should be 'X'", "shorten
 * line N" (the model writes the shorter line: the first half of its words), "title of scene N: X".
 * Null when the words ask for none of these (update_state answers).
 */
function decideAdRevision(user: string, ad: AdRow): { reply: string; changes: Json[] } | null {
  const changes: Json[] = [];
  for (const clause of user.split(/;|\bthen\b/iu)) {
    let m: RegExpExecArray | null;
    if ((m = /call to action (?:should be|to) ["'“]([^"'”]+)["'”]/iu.exec(clause))) changes.push({ op: 'set_cta', action: m[1]!.trim() });
    else if ((m = /shorten line (\d+)/iu.exec(clause))) {
      const words = (ad.scenes.find((r) => r.scene === Number(m![1]))?.line ?? '').split(/\s+/u).filter(Boolean);
      changes.push({ op: 'set_line', scene: Number(m[1]), line: `${words.slice(0, Math.max(2, Math.ceil(words.length / 2))).join(' ').replace(/[,.;:!?]+$/u, '')}.` });
    } else if ((m = /title of scene (\d+):\s*(.+)$/iu.exec(clause))) changes.push({ op: 'set_title', scene: Number(m[1]), title: m[2]!.trim() });
  }
  return changes.length ? { reply: `On it — ${changes.length} change${changes.length === 1 ? '' : 's'} to your ad.`, changes } : null;
}

const WORDS: Record<string, string> = { brandDescription: 'brand story', productName: 'product name', productDescription: 'product description', audience: 'audience', benefit: 'benefit', tone: 'tone', cta: 'call to action' };

const YES = /^\s*(y(es|ep|eah)?|ok(ay)?|sure|go|looks good|perfect|great|do it|draft it|use them|approved?)\b/iu;

/** The "model": what a sensible assistant would record for this turn (see the header). */
function decide(user: string, next: string, nextWords: string, state: Json): { reply: string; set: Json; clear?: string[] } {
  const t = user.trim();
  let m: RegExpExecArray | null;
  if (t.endsWith('?')) {
    return { reply: `Good question. On TikTok, vertical 9:16 and 15 seconds work best: open with motion in the first second and keep the product in frame. Now, back to your ad: ${next === 'none' ? 'anything else?' : `what about ${nextWords}?`}`, set: {} };
  }
  if ((m = /^direction:\s*(.+)$/isu.exec(t))) return { reply: `Love it: "${m[1]!.trim()}". I'll carry that look through every scene.`, set: { direction: m[1]!.trim() } };
  if ((m = /^scene ideas?:\s*(.+)$/isu.exec(t))) {
    const ideas = m[1]!.split(/;|\n/u).map((s) => s.trim()).filter(Boolean);
    return { reply: `Noted ${ideas.length} scene ideas, in your order.`, set: { scenes: ideas.map((idea) => ({ idea })) } };
  }
  if ((m = /^actually,?\s*scene (\d)\s*(?:should be)?:?\s*(.+)$/isu.exec(t))) {
    const scenes = [...((state.scenes as { idea: string }[] | undefined) ?? [])];
    scenes[Number(m[1]) - 1] = { idea: m[2]!.trim() };
    return { reply: `Changed scene ${m[1]}: ${m[2]!.trim()}.`, set: { scenes } };
  }
  switch (next) {
    case 'imagesConfirmed':
      return YES.test(t) ? { reply: 'Great, I will use them.', set: { imagesConfirmed: true } } : { reply: 'Shall I use the product images?', set: {} };
    case 'lengthSeconds': {
      const n = /\b(15|30|60)\b/u.exec(t);
      return n ? { reply: `${n[1]} seconds it is.`, set: { lengthSeconds: Number(n[1]) } } : { reply: 'Pick 15, 30 or 60 seconds.', set: {} };
    }
    case 'aspect': {
      const a = /\b(9:16|16:9|1:1)\b/u.exec(t);
      return a ? { reply: `${a[1]} it is.`, set: { aspect: a[1] } } : { reply: 'Which format: 9:16, 16:9 or 1:1?', set: {} };
    }
    case 'confirmed':
      return YES.test(t) ? { reply: 'Drafting your creative bible and storyboard now…', set: { confirmed: true } } : { reply: 'Tell me what to change.', set: {} };
    case 'none':
      return { reply: 'Your brief is complete.', set: {} };
    default:
      return { reply: `Thanks, I noted the ${WORDS[next] ?? next}.`, set: { [next]: t } };
  }
}

export function fakeChatModel() {
  let breakNext = 0;
  let failNext: { n: number; status: number } = { n: 0, status: 529 };
  let inputTokensNext: number | null = null;
  const stats: ChatStats = { turns: [] };
  return {
    stats,
    /** The next chat answer reports this many input tokens (a very long conversation; a test control). */
    reportInputTokens(n: number | null) {
      inputTokensNext = n;
    },
    /** The pace of a streamed chat answer: ms between server-sent events (a test control). */
    eventMs: 10,
    /** The next n chat answers break the state schema (a test control). */
    breakNext(n: number) {
      breakNext = n;
    },
    /** The next n chat requests fail upstream with this status (529: Anthropic's "Overloaded"). */
    failNext(n: number, status = 529) {
      failNext = { n, status };
    },
    /** A failure the next chat request gets, if any: the API's status and error body. */
    failure(): { status: number; body: Json } | null {
      if (failNext.n <= 0) return null;
      failNext.n -= 1;
      const type = failNext.status === 529 ? 'overloaded_error' : failNext.status === 429 ? 'rate_limit_error' : 'api_error';
      return { status: failNext.status, body: { type: 'error', error: { type, message: failNext.status === 529 ? 'Overloaded' : 'Internal server error' } } };
    },
    answer(body: Json): Json {
      const system = typeof body.system === 'string' ? body.system : Array.isArray(body.system) ? body.system.map((b) => (isObj(b) ? String(b.text ?? '') : '')).join('\n') : '';
      const messages = body.messages as Json[];
      const last = messages.at(-1)!;
      const repair = Array.isArray(last.content) && last.content.some((b) => isObj(b) && b.type === 'tool_result' && b.is_error === true);
      // On a repair the creator's words are the user turn before the model's broken answer.
      const userTurn = repair ? messages.at(-3) : last;
      const user = textOf(userTurn?.content);
      // "Next missing item: <words> (field <name>)." — the words are what a model says to the creator.
      const item = /Next missing item: (?:(.+?) \(field (\w+)\)|none)\./u.exec(system);
      const next = item?.[2] ?? 'none';
      const nextWords = item?.[1] ?? 'anything else';
      const state = JSON.parse(/State \(JSON\): (.*)$/mu.exec(system)?.[1] ?? '{}') as Json;
      const broken = breakNext > 0;
      if (broken) breakNext -= 1;
      const tools = (body.tools as Json[]).map((t) => String(t.name));
      const board = tools.includes('revise_storyboard') ? (JSON.parse(/Storyboard \(JSON\): (.*)$/mu.exec(system)?.[1] ?? '[]') as StoryRow[]) : null;
      const revision = board && !broken ? decideRevision(user, board) : null;
      const ad = tools.includes('revise_ad') ? (JSON.parse(/Ad \(JSON\): (.*)$/mu.exec(system)?.[1] ?? '{"scenes":[],"cta":""}') as AdRow) : null;
      const adRevision = ad && !broken ? decideAdRevision(user, ad) : null;
      const tool = revision ? 'revise_storyboard' : adRevision ? 'revise_ad' : 'update_state';
      stats.turns.push({ user, repair, broken, nextMissing: next, tools, tool, images: imagesOf(messages) });
      const input = broken ? { reply: '', set: { lengthSeconds: 45 } } : (revision ?? adRevision ?? decide(user, next, nextWords, state));
      const out = JSON.stringify(input);
      const inputTokens = inputTokensNext ?? Math.ceil(JSON.stringify(body).length / 4);
      inputTokensNext = null;
      return {
        id: `msg_${randomUUID().replaceAll('-', '')}`,
        type: 'message',
        role: 'assistant',
        model: body.model,
        content: [{ type: 'tool_use', id: `toolu_${randomUUID().replaceAll('-', '').slice(0, 24)}`, name: tool, input }],
        stop_reason: 'tool_use',
        stop_sequence: null,
        usage: { input_tokens: inputTokens, output_tokens: Math.ceil(out.length / 4) },
      };
    },
  };
}

/**
 * A finished message as the Messages API streams it (`stream: true`): message_start, then per block
 * content_block_start / deltas (text_delta, or input_json_delta for a tool_use's input in a few
 * slices) / content_block_stop, then message_delta (stop_reason, output tokens) and message_stop.
 */
export function sseOfMessage(msg: Json): string {
  return sseEventsOfMessage(msg).join('');
}

/** The same stream as separate events (the fake writes them apart, as a model writes). */
export function sseEventsOfMessage(msg: Json): string[] {
  const ev = (type: string, data: Json) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
  const usage = msg.usage as { input_tokens: number; output_tokens: number };
  const slices = (text: string) => (text.length ? (text.match(/[\s\S]{1,24}/gu) ?? []) : []);
  const out = [ev('message_start', { message: { ...msg, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: usage.input_tokens, output_tokens: 1 } } })];
  out.push(ev('ping', {}));
  for (const [index, block] of (msg.content as Json[]).entries()) {
    if (block.type === 'tool_use') {
      out.push(ev('content_block_start', { index, content_block: { ...block, input: {} } }));
      for (const partial_json of slices(JSON.stringify(block.input))) out.push(ev('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json } }));
    } else {
      out.push(ev('content_block_start', { index, content_block: { type: 'text', text: '' } }));
      for (const text of slices(String(block.text))) out.push(ev('content_block_delta', { index, delta: { type: 'text_delta', text } }));
    }
    out.push(ev('content_block_stop', { index }));
  }
  out.push(ev('message_delta', { delta: { stop_reason: msg.stop_reason, stop_sequence: null }, usage: { output_tokens: usage.output_tokens } }));
  out.push(ev('message_stop', {}));
  return out;
}
