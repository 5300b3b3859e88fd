/**
 * The offline orchestrator: a scripted interviewer that asks the questions a real model would, in
 * PRODUCT.md's stage order, one missing slot at a time. It never moves past a stage while a slot
 * of that stage is empty, validates the length against the tier, and refuses unsafe answers
 * kindly before steering back to the question it was asking. Pure: state in, reply out.
 */
import { blockingViolations, defaultRuleSet, screenText } from '../../../shared/safety';
import type { ChatMessage, ChatOption, ChatStage, Slots } from '../../../shared/domain/ads';
import type { Aspect } from '../../../shared/domain/aspect';
import type { CaptionLook } from '../../../shared/timeline/model';
import { maxScenesFor } from '../../../pipeline/brief';

/** The slots every brief needs, in the interview's order (direction and scene ideas are optional). */
export type SlotName = Exclude<keyof Slots, 'direction' | 'scenes' | 'asking' | 'captionStyle'>;

export interface InterviewState {
  slots: Slots;
  brandName: string;
  /** Product images the brand has now. */
  imageCount: number;
  /** The tier's longest ad in seconds; null = no limit (offline). */
  maxLengthSeconds: number | null;
  /** The brand's caption highlight colour (the caption pictures under the summary use it); absent: the default. */
  accent?: string;
  /** What to say once the brief is complete (it depends on where the ad is now). */
  afterBrief?: string;
}

export interface Turn {
  slots: Slots;
  stage: ChatStage;
  content: string;
  meta: ChatMessage['meta'];
  /** Everything is collected and confirmed: draft the bible and storyboard now. */
  draft: boolean;
}

const ORDER: { slot: SlotName; stage: ChatStage }[] = [
  { slot: 'brandDescription', stage: 'collect_brand_info' },
  { slot: 'productName', stage: 'collect_product_info' },
  { slot: 'productDescription', stage: 'collect_product_info' },
  { slot: 'audience', stage: 'collect_product_info' },
  { slot: 'benefit', stage: 'collect_product_info' },
  { slot: 'imagesConfirmed', stage: 'collect_assets' },
  { slot: 'lengthSeconds', stage: 'collect_scenes' },
  { slot: 'aspect', stage: 'collect_scenes' },
  { slot: 'tone', stage: 'collect_scenes' },
  { slot: 'cta', stage: 'collect_scenes' },
  { slot: 'confirmed', stage: 'final_review' },
];

const opt = (value: string, labelKey: string): ChatOption => ({ value, labelKey });

const LOOK_NAMES: Record<CaptionLook, string> = { pop: 'pop', boxed: 'boxed', karaoke: 'karaoke' };

/** "Captions: boxed", "karaoke captions please" → the look; null when the answer names none. */
export function parseCaptionLook(text: string): CaptionLook | null {
  const t = text.toLowerCase();
  if (!/\bcaptions?\b|\bsubtitles?\b/u.test(t)) return null;
  if (/\bkaraoke\b/u.test(t)) return 'karaoke';
  if (/\bbox(ed)?\b/u.test(t)) return 'boxed';
  if (/\bpop\b/u.test(t)) return 'pop';
  return null;
}

export function nextMissing(s: Slots): { slot: SlotName; stage: ChatStage } | null {
  return ORDER.find(({ slot }) => s[slot] === undefined || s[slot] === false) ?? null;
}

export function stageOf(s: Slots): ChatStage {
  return nextMissing(s)?.stage ?? 'final_review';
}

function question(state: InterviewState, slot: SlotName): { content: string; meta: ChatMessage['meta'] } {
  const s = state.slots;
  const product = s.productName ?? 'your product';
  switch (slot) {
    case 'brandDescription':
      return { content: `Tell me about ${state.brandName}: what does it make, and what does it stand for?`, meta: {} };
    case 'productName':
      return { content: 'Which product is this ad for? Give me its name.', meta: {} };
    case 'productDescription':
      return { content: `Describe ${product} in a sentence or two: what is it, and what makes it special?`, meta: {} };
    case 'audience':
      return { content: `Who is ${product} for? Describe the people you want to reach.`, meta: {} };
    case 'benefit':
      return { content: 'What is the one benefit they should remember after watching?', meta: {} };
    case 'imagesConfirmed':
      return state.imageCount > 0
        ? {
            content: `I found ${state.imageCount} product image${state.imageCount === 1 ? '' : 's'} for ${state.brandName}. I'll build the ad around ${state.imageCount === 1 ? 'it' : 'them'}. Shall I use ${state.imageCount === 1 ? 'it' : 'them'}?`,
            meta: { options: [opt('Yes, use them', 'useImages')], needsImages: true },
          }
        : {
            content: `I need at least one product image of ${product} to build the scenes around. Add one or more images, then tell me when you're done.`,
            meta: { options: [opt("I've added them", 'imagesAdded')], needsImages: true },
          };
    case 'lengthSeconds':
      return {
        content: 'How long should your ad be? 15 s works best for Stories, Reels and TikTok; 30 s for feed posts; 60 s for YouTube pre-roll.',
        meta: { options: [opt('15 seconds', 'length15'), opt('30 seconds', 'length30'), opt('60 seconds', 'length60')] },
      };
    case 'aspect': {
      const tip = s.lengthSeconds === 15 ? ' For a 15 s ad I recommend 9:16.' : s.lengthSeconds === 60 ? ' For YouTube pre-roll I recommend 16:9.' : '';
      return {
        content: `Which format? 9:16 vertical for Stories, Reels and TikTok; 16:9 landscape for YouTube; 1:1 square for feeds.${tip}`,
        meta: { options: [opt('9:16', 'aspectVertical'), opt('16:9', 'aspectLandscape'), opt('1:1', 'aspectSquare')] },
      };
    }
    case 'tone':
      return {
        content: 'What tone should it have? For example warm and calm, bold and energetic, or playful.',
        meta: { options: [opt('Warm and calm', 'toneWarm'), opt('Bold and energetic', 'toneBold'), opt('Playful', 'tonePlayful')] },
      };
    case 'cta':
      return { content: 'Last question: what should viewers do at the end? For example "Shop now at example.com".', meta: {} };
    case 'confirmed':
      if (s.asking === 'direction') {
        return { content: 'Describe the look and feel you want in your own words — for example "golden hour by the water, slow and warm". Or skip it.', meta: { options: [opt('Skip', 'skip')] } };
      }
      if (s.asking === 'scenes') {
        return {
          content: `List your scene ideas in the order they should play, one per line (or separated by ";") — at most ${maxScenesFor(s.lengthSeconds ?? 60)} for a ${s.lengthSeconds} s ad. For example: "Open on a sunrise over the harbour; the bottle in a runner's hand". Or skip it.`,
          meta: { options: [opt('Skip', 'skip')] },
        };
      }
      return {
        content: [
          "Here's the brief:",
          `• Product: ${s.productName} — ${s.productDescription}`,
          `• Audience: ${s.audience}`,
          `• Benefit: ${s.benefit}`,
          `• ${s.lengthSeconds} s, ${s.aspect}, tone: ${s.tone}`,
          `• Captions: ${LOOK_NAMES[s.captionStyle ?? 'pop']} (pick another look below)`,
          `• Call to action: ${s.cta}`,
          ...(s.direction ? [`• Direction: ${s.direction}`] : []),
          ...(s.scenes?.length ? [`• Your scenes: ${s.scenes.map((x, i) => `${i + 1}. ${x.idea}`).join(' ')}`] : []),
          'Shall I draft the creative bible and storyboard? You can also tell me what to change (for example "change the length"), or add your own creative direction and scene ideas.',
        ].join('\n'),
        meta: {
          captionLooks: { current: s.captionStyle ?? 'pop', ...(state.accent ? { accent: state.accent } : {}) },
          options: [
            opt('Looks good, draft it', 'confirm'),
            opt('Add a creative direction', s.direction ? 'changeDirection' : 'addDirection'),
            opt('Add my scene ideas', s.scenes?.length ? 'changeScenes' : 'addScenes'),
            opt('Change the length', 'changeLength'),
            opt('Change the tone', 'changeTone'),
          ],
        },
      };
  }
}

const SKIP = /^\s*(skip|no(ne)?|nope|not now|no thanks)\b/iu;

/** The scripted answer to "Add a creative direction" / "Add my scene ideas" (optional; "skip" keeps what was there). */
function optionalAnswer(slots: Slots, value: string): string {
  const asking = slots.asking!;
  delete slots.asking;
  if (SKIP.test(value)) return 'No problem.';
  if (asking === 'direction') {
    if (value.length > 1000) {
      slots.asking = 'direction';
      return `That direction is ${value.length} characters; keep it under 1,000.`;
    }
    slots.direction = value;
    return 'Love it — that look goes into every scene.';
  }
  const ideas = value
    .split(/\n|;/u)
    .map((x) => x.replace(/^\s*(\d+[.)]|[-•*])\s*/u, '').trim())
    .filter((x) => x.length >= 2);
  const max = maxScenesFor(slots.lengthSeconds ?? 60);
  const long = ideas.find((x) => x.length > 300);
  if (!ideas.length || ideas.length > max || long) {
    slots.asking = 'scenes';
    return !ideas.length ? 'I did not find a scene idea there.' : long ? `Scene ideas are at most 300 characters each ("${long.slice(0, 40)}…" is ${long.length}).` : `A ${slots.lengthSeconds} s ad holds at most ${max} scenes; you gave ${ideas.length}. Merge some, or make the ad longer.`;
  }
  slots.scenes = ideas.map((idea) => ({ idea }));
  return `Noted ${ideas.length === 1 ? 'your scene' : `your ${ideas.length} scenes, in this order`}.`;
}

const WORD_LENGTHS: [RegExp, 15 | 30 | 60][] = [
  [/\b(60|sixty)(?!\d)|\b(one|a|1)\s*min/iu, 60],
  [/\b(30|thirty)(?!\d)|half\s+a\s+min/iu, 30],
  [/\b(15|fifteen)(?!\d)/iu, 15],
];

export function parseLength(text: string): 15 | 30 | 60 | null {
  for (const [re, v] of WORD_LENGTHS) if (re.test(text)) return v;
  return null;
}

export function parseAspect(text: string): Aspect | null {
  const t = text.toLowerCase();
  if (/9\s*[:x/]\s*16|vertical|portrait|stor(y|ies)|reels?|tiktok/u.test(t)) return '9:16';
  if (/16\s*[:x/]\s*9|landscape|wide|youtube|horizontal/u.test(t)) return '16:9';
  if (/1\s*[:x/]\s*1|square/u.test(t)) return '1:1';
  return null;
}

const YES = /^\s*(y(es|ep|eah)?|ok(ay)?|sure|go( ahead)?|looks good|perfect|great|do it|draft it|use them|i've added them|done)\b/iu;

/** Which slot a "change …" request in the final review points at. */
function slotToChange(text: string): SlotName | null {
  const t = text.toLowerCase();
  const table: [RegExp, SlotName][] = [
    [/length|long|seconds|duration/u, 'lengthSeconds'],
    [/aspect|format|vertical|square|landscape|ratio/u, 'aspect'],
    [/tone|mood|feel/u, 'tone'],
    [/cta|call to action|end(ing)?/u, 'cta'],
    [/audience|who/u, 'audience'],
    [/benefit/u, 'benefit'],
    [/description|describe/u, 'productDescription'],
    [/product|name/u, 'productName'],
  ];
  return table.find(([re]) => re.test(t))?.[1] ?? null;
}

const ACKS = ['Got it.', 'Great.', 'Thanks.', 'Nice.', 'Perfect.'];

/** A prefix, then the question for the next missing item (or the draft turn when nothing is missing). */
export function askNext(state: InterviewState, prefix: string): Turn {
  const next = nextMissing(state.slots);
  if (!next) return { slots: state.slots, stage: 'final_review', content: prefix.trim(), meta: {}, draft: true };
  const q = question(state, next.slot);
  return { slots: state.slots, stage: next.stage, content: `${prefix} ${q.content}`.trim(), meta: q.meta, draft: false };
}

/** The first message of a new project. */
export function greeting(state: InterviewState): Turn {
  const next = nextMissing(state.slots)!;
  const q = question(state, next.slot);
  return {
    slots: state.slots,
    stage: next.stage,
    content: `Hi! Let's make an ad for ${state.brandName}. I'll ask a few quick questions, then draft a creative bible and a storyboard for you to review.\n\n${q.content}`,
    meta: q.meta,
    draft: false,
  };
}

/** The user answered; returns the next turn. */
export function answer(state: InterviewState, text: string, turnNo = 0): Turn {
  const slots: Slots = { ...state.slots };
  const pending = nextMissing(slots);
  const ask = (prefix: string, s: Slots = slots): Turn => askNext({ ...state, slots: s }, prefix);

  const blocked = blockingViolations(screenText(text, defaultRuleSet.rules));
  if (blocked.length) {
    const cats = [...new Set(blocked.map((v) => v.category.replace(/_/gu, ' ')))];
    const turn = ask(`I can't help with that: ads with ${cats.join(' or ')} content aren't something Zapcut makes, and nothing was saved. Let's keep the focus on ${slots.productName ?? state.brandName}.`);
    return { ...turn, meta: { ...turn.meta, refused: cats } };
  }
  if (!pending) return { ...ask(state.afterBrief ?? 'Your brief is complete.'), draft: false };

  const ack = ACKS[turnNo % ACKS.length]!;
  const value = text.trim();
  switch (pending.slot) {
    case 'lengthSeconds': {
      const len = parseLength(value);
      if (!len) return ask('Zapcut makes 15, 30 and 60 second ads.');
      if (state.maxLengthSeconds !== null && len > state.maxLengthSeconds) {
        const t = ask(`Your plan allows ads up to ${state.maxLengthSeconds} s. Upgrade for ${len} s ads, or pick a shorter length.`);
        return { ...t, meta: { ...t.meta, upgrade: { maxSeconds: state.maxLengthSeconds } } };
      }
      slots.lengthSeconds = len;
      return ask(`${ack} ${len} seconds it is.`);
    }
    case 'aspect': {
      const a = parseAspect(value);
      if (!a) return ask('I did not catch the format.');
      slots.aspect = a;
      return ask(`${ack} ${a}.`);
    }
    case 'imagesConfirmed':
      if (state.imageCount === 0) return ask("I still don't see any product images.");
      slots.imagesConfirmed = true;
      return ask(ack);
    case 'confirmed': {
      if (slots.asking) return ask(optionalAnswer(slots, value));
      // A caption look picked under the summary (its pictures): saved, and the summary shown again.
      const look = parseCaptionLook(value);
      if (look) {
        slots.captionStyle = look;
        return ask(`${ack} ${LOOK_NAMES[look].charAt(0).toUpperCase()}${LOOK_NAMES[look].slice(1)} captions.`);
      }
      if (/\bdirection\b|\blook and feel\b/iu.test(value)) {
        slots.asking = 'direction';
        return ask('Sure.');
      }
      if (/\bscenes?\b|\bscene ideas?\b/iu.test(value)) {
        slots.asking = 'scenes';
        return ask('Sure.');
      }
      if (YES.test(value)) {
        slots.confirmed = true;
        return { slots, stage: 'final_review', content: `${ack} Drafting your creative bible and storyboard now…`, meta: {}, draft: true };
      }
      const change = slotToChange(value);
      if (!change) return ask('Tell me what to change (the length, format, tone, call to action, audience, benefit or product), or say "looks good".');
      delete slots[change];
      return ask('Sure.');
    }
    default: {
      if (value.length < 2) return ask('Could you tell me a little more?');
      (slots as Record<string, unknown>)[pending.slot] = value;
      return ask(ack);
    }
  }
}
