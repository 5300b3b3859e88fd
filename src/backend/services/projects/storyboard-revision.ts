/**
 * Storyboard revisions asked for in the chat (issue 22): "make scene 3 shorter, swap 4 and 5,
 * rewrite the line of scene 2". The model proposes typed operations through the
 * `revise_storyboard` tool (checked with zod); the scripted path reads a few plain forms into the
 * same operations. Our code applies them: scene numbers are the ones the creator sees before the
 * revision, durations the creator asked for are kept while the other scenes make room so the
 * lengths still add up to the ad's length, new words are screened by the safety rules, and the
 * result must be a storyboard the approve button would take — else nothing changes and the
 * creator hears why. Pure.
 */
import { z } from 'zod';
import type { StoryboardSceneInput } from '../../../shared/domain/ads';
import { blockingViolations, defaultRuleSet, screenText } from '../../../shared/safety';
import { fitToLength, MAX_SCENE, MIN_SCENE } from '../../../shared/storyboard/fit';
import type { StoryScene } from '../../../pipeline/stages/schemas';
import { approvalProblem, fromInputs, sceneLimits, storyboardView, toInput } from './storyboard';

export const REVISE_TOOL = 'revise_storyboard';

const SceneNo = z.number().int().min(1).max(10).describe('a scene number as the creator sees it now (1 = first), before this revision');
const Seconds = z.number().int().min(MIN_SCENE).max(MAX_SCENE);

export const RevisionOp = z.discriminatedUnion('op', [
  z.object({ op: z.literal('move'), scene: SceneNo, to: z.number().int().min(1).max(10).describe('its new position, 1 = first') }).strict(),
  z.object({ op: z.literal('swap'), scene: SceneNo, with: SceneNo }).strict(),
  z.object({ op: z.literal('set_duration'), scene: SceneNo, seconds: Seconds }).strict(),
  z.object({ op: z.literal('set_line'), scene: SceneNo, line: z.string().trim().min(1).max(400).describe('the new voiceover line, spoken words only') }).strict(),
  z.object({ op: z.literal('set_title'), scene: SceneNo, title: z.string().trim().min(1).max(120) }).strict(),
  z.object({ op: z.literal('set_description'), scene: SceneNo, description: z.string().trim().min(1).max(1200).describe('what the scene shows') }).strict(),
  z.object({ op: z.literal('delete'), scene: SceneNo }).strict(),
  z
    .object({
      op: z.literal('insert'),
      after: z.number().int().min(0).max(10).describe('the scene it follows (0 = the new first scene)'),
      title: z.string().trim().min(1).max(120),
      description: z.string().trim().min(1).max(1200),
      line: z.string().trim().max(400).optional(),
      seconds: Seconds.optional(),
    })
    .strict(),
]);
export type RevisionOp = z.infer<typeof RevisionOp>;

/** What the model proposes: the reply and the operations, applied in order. */
export const StoryboardRevision = z
  .object({
    reply: z.string().trim().min(1).max(2000).describe('What you say to the creator about the change (short).'),
    ops: z.array(RevisionOp).min(1).max(12),
  })
  .strict();
export type StoryboardRevision = z.infer<typeof StoryboardRevision>;

export type Revised = { scenes: StoryScene[]; summary: string; notes: string[] } | { problem: string };

interface Card {
  /** The scene's number before the revision; null for an inserted one. */
  was: number | null;
  input: StoryboardSceneInput;
  pinned: boolean;
  changedText: boolean;
}

/** Applies operations to the current scenes; the new scenes, or why nothing changed. */
export function applyRevision(current: StoryScene[], ops: RevisionOp[], lengthSeconds: number, opts: { productName: string; tone: string }): Revised {
  const cards: Card[] = current.map((s, i) => ({ was: i + 1, input: toInput(s), pinned: false, changedText: false }));
  const find = (n: number): number => {
    const at = cards.findIndex((c) => c.was === n);
    if (at < 0) throw new RevisionProblem(n <= current.length ? `Scene ${n} was already deleted in this change.` : `There is no scene ${n}; the storyboard has ${current.length}.`);
    return at;
  };
  const asked: { card: Card; seconds: number }[] = [];
  try {
    for (const op of ops) {
      if (op.op === 'insert') {
        const at = op.after === 0 ? 0 : find(op.after) + 1;
        const card: Card = {
          was: null,
          input: { title: op.title, description: op.description, voiceover: op.line ?? '', durationSeconds: op.seconds ?? 3, role: 'exploration', productOverlay: false },
          pinned: op.seconds !== undefined,
          changedText: true,
        };
        cards.splice(at, 0, card);
        if (op.seconds !== undefined) asked.push({ card, seconds: op.seconds });
        continue;
      }
      const i = find(op.scene);
      const card = cards[i]!;
      switch (op.op) {
        case 'move': {
          cards.splice(i, 1);
          cards.splice(Math.min(op.to, cards.length + 1) - 1, 0, card);
          break;
        }
        case 'swap': {
          const j = find(op.with);
          [cards[i], cards[j]] = [cards[j]!, card];
          break;
        }
        case 'set_duration':
          card.input = { ...card.input, durationSeconds: op.seconds };
          card.pinned = true;
          asked.push({ card, seconds: op.seconds });
          break;
        case 'set_line':
          card.input = { ...card.input, voiceover: op.line };
          card.changedText = true;
          break;
        case 'set_title':
          card.input = { ...card.input, title: op.title };
          card.changedText = true;
          break;
        case 'set_description':
          card.input = { ...card.input, description: op.description };
          card.changedText = true;
          break;
        case 'delete':
          cards.splice(i, 1);
          break;
      }
    }
  } catch (e) {
    if (e instanceof RevisionProblem) return { problem: `${e.message} Nothing was changed.` };
    throw e;
  }
  const { min, max } = sceneLimits(lengthSeconds);
  if (cards.length < min || cards.length > max) return { problem: `A ${lengthSeconds} s ad needs ${min}–${max} scenes; this change would leave ${cards.length}. Nothing was changed.` };
  for (const c of cards) {
    if (!c.changedText) continue;
    const blocked = blockingViolations(screenText([c.input.title, c.input.description, c.input.voiceover].join('\n'), defaultRuleSet.rules));
    if (blocked.length) return { problem: `I can't write that into the storyboard: it breaks the content rules (${[...new Set(blocked.map((v) => v.category.replace(/_/gu, ' ')))].join(', ')}). Nothing was changed.` };
  }
  const pinned = new Set(cards.flatMap((c, i) => (c.pinned ? [i] : [])));
  const fitted = fitToLength(
    cards.map((c) => c.input),
    lengthSeconds,
    pinned,
  );
  const notes = asked.flatMap(({ card, seconds }) => {
    const got = fitted[cards.indexOf(card)]?.durationSeconds;
    return got !== undefined && got !== seconds ? [`Scene "${card.input.title}" is ${got} s, not ${seconds} s: the other scenes need at least ${MIN_SCENE} s each and the ad is ${lengthSeconds} s.`] : [];
  });
  const scenes = fromInputs(fitted, current, opts.tone);
  const problem = approvalProblem(storyboardView(scenes, lengthSeconds, opts.productName, { version: 0, approvedAt: null }));
  // A scene that already broke the rules before this change is the storyboard's own problem (the card shows it), not this change's.
  if (problem && !problem.includes('content rules')) return { problem: `${problem} Nothing was changed.` };
  return { scenes, summary: summarise(scenes), notes };
}

class RevisionProblem extends Error {}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The storyboard in a few lines, as the chat shows it back. */
export function summarise(scenes: StoryScene[]): string {
  return scenes.map((s, i) => `${i + 1}. ${s.title} — ${s.durationSeconds} s${s.voiceover.trim() ? `: “${clip(s.voiceover.trim(), 70)}”` : ''}`).join('\n');
}

/** The storyboard as the model reads it in the system prompt (numbers, titles, lengths, lines). */
export function storyboardForPrompt(scenes: StoryScene[]): string {
  return JSON.stringify(scenes.map((s, i) => ({ scene: i + 1, title: s.title, seconds: s.durationSeconds, line: s.voiceover, shows: clip(s.description, 160) })));
}

// ——— The scripted path: a few plain forms, read into the same operations ———

const N = String.raw`(\d{1,2})`;
const FORMS: [RegExp, (m: RegExpExecArray, scenes: StoryScene[]) => RevisionOp][] = [
  [new RegExp(String.raw`\bswap\s+(?:scenes?\s*)?${N}\s*(?:and|&|with)\s*(?:scene\s*)?${N}`, 'iu'), (m) => ({ op: 'swap', scene: +m[1]!, with: +m[2]! })],
  [
    new RegExp(String.raw`\bmove\s+scene\s*${N}\s+(?:to\s+)?(?:(?:the\s+)?(start|beginning|front|end)|(?:position|place|slot)?\s*${N})`, 'iu'),
    (m, scenes) => ({ op: 'move', scene: +m[1]!, to: m[2] ? (/end/iu.test(m[2]) ? scenes.length : 1) : +m[3]! }),
  ],
  [
    new RegExp(String.raw`\bmake\s+scene\s*${N}\s+(shorter|longer)(?:\s+by\s+${N}\s*(?:s|sec(?:ond)?s?)?)?`, 'iu'),
    (m, scenes) => {
      const now = scenes[+m[1]! - 1]?.durationSeconds ?? 3;
      const by = m[3] ? +m[3] : 2;
      return { op: 'set_duration', scene: +m[1]!, seconds: Math.min(MAX_SCENE, Math.max(MIN_SCENE, /shorter/iu.test(m[2]!) ? now - by : now + by)) };
    },
  ],
  [new RegExp(String.raw`\bscene\s*${N}\s+(?:to\s+|should\s+be\s+|=\s*)?${N}\s*(?:s|sec(?:ond)?s?)\b`, 'iu'), (m) => ({ op: 'set_duration', scene: +m[1]!, seconds: Math.min(MAX_SCENE, Math.max(MIN_SCENE, +m[2]!)) })],
  [new RegExp(String.raw`\b(?:delete|remove|drop|cut)\s+scene\s*${N}`, 'iu'), (m) => ({ op: 'delete', scene: +m[1]! })],
  [new RegExp(String.raw`\b(?:line|voice-?\s?over)\s+(?:of|for|in)\s+scene\s*${N}\s*(?:to|:|=)\s*["“]?(.+?)["”]?\s*$`, 'iu'), (m) => ({ op: 'set_line', scene: +m[1]!, line: m[2]!.trim().slice(0, 400) })],
  [new RegExp(String.raw`\btitle\s+(?:of|for)\s+scene\s*${N}\s*(?:to|:|=)\s*["“]?(.+?)["”]?\s*$`, 'iu'), (m) => ({ op: 'set_title', scene: +m[1]!, title: m[2]!.trim().slice(0, 120) })],
];

/** A clause boundary: ";", a new line, "then", or a comma before the next command. */
const CLAUSES = /;|\n|\bthen\b|,\s*(?=(?:and\s+)?(?:make|swap|move|delete|remove|drop|cut|set|change|the\s+line|the\s+title|line|title|scene)\b)/iu;

/** The plain forms the offline chat understands; `unread` holds clauses about scenes it could not read. */
export function parseRevision(text: string, scenes: StoryScene[]): { ops: RevisionOp[]; unread: string[] } {
  const ops: RevisionOp[] = [];
  const unread: string[] = [];
  for (const clause of text.split(CLAUSES).map((c) => c.trim()).filter(Boolean)) {
    const hit = FORMS.map(([re, make]) => {
      const m = re.exec(clause);
      return m ? make(m, scenes) : null;
    }).find((x) => x !== null);
    if (hit) {
      const parsed = RevisionOp.safeParse(hit);
      if (parsed.success) ops.push(parsed.data);
      else unread.push(clause);
    } else if (/\bscenes?\b/iu.test(clause)) unread.push(clause);
  }
  return { ops, unread };
}

/** What the offline chat says about the storyboard when it cannot read a request. */
export const REVISION_HELP =
  'Here I can swap, move, shorten, lengthen or delete scenes and set a line or a title — for example "swap 2 and 3", "make scene 1 shorter", "delete scene 4" or "line of scene 2: Calm focus, all night". For anything else, edit the cards of the storyboard on the right: drag to reorder, change a duration, rewrite a line.';
