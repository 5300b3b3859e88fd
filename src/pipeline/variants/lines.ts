/**
 * New hook and CTA lines for a variant set (issue 23): from the text model (through the proxy
 * when signed in) or the offline writer, in one JSON answer checked with zod (one repair). Every
 * line is screened with the shared safety rules and held to the word budget of the line it
 * replaces (so its voice fits the same seconds); a line that fails is replaced by the offline
 * writer's, and the set says so.
 */
import { z } from 'zod';
import { blockingViolations, defaultRuleSet, screenText } from '../../shared/safety';
import { completeJson } from '../engine/model-json';
import type { CallContext, TextProvider } from '../providers/types';

export interface VariantLinesInput {
  brand: string;
  product: string;
  benefit: string;
  audience: string;
  language: string;
  /** The end card's action ("Order today") and address ("luna.coffee"), as the ad has them. */
  cta: { action: string; url: string | null };
  /** The ad's opening: its title card and spoken first line, and the words the new line may use. */
  opening: { title: string; line: string; maxWords: number };
  /** The CTA scene's spoken line (null when the ad speaks none) and its word budget. */
  closing: { line: string | null; maxWords: number };
  /** How many new hooks and CTAs (besides the ad's own). */
  hooks: number;
  ctas: number;
}

export const HookLine = z.object({ title: z.string().trim().min(1).max(40), line: z.string().trim().min(1).max(240) }).strict();
export const CtaLine = z.object({ action: z.string().trim().min(1).max(32), line: z.string().trim().min(1).max(240) }).strict();
export const VariantLines = z.object({ hooks: z.array(HookLine).max(8), ctas: z.array(CtaLine).max(8) }).strict();
export type HookLine = z.infer<typeof HookLine>;
export type CtaLine = z.infer<typeof CtaLine>;
export type VariantLines = z.infer<typeof VariantLines>;

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
const lower1 = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const upper1 = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const clean = (s: string) => s.trim().replace(/[.!?]+$/u, '');

/** The offline writer: plain templates on the brief's words, distinct from the ad's own lines. */
export function offlineVariantLines(input: VariantLinesInput): VariantLines {
  const product = clean(input.product);
  const benefit = clean(input.benefit) || 'something better';
  const audience = clean(input.audience);
  const at = input.cta.url ? ` at ${input.cta.url}` : '';
  // Hooks open differently without repeating the ad's next lines (its benefit is said in scene 2).
  const hookTemplates: HookLine[] = [
    // A long audience ("busy professionals aged 25 to 40") reads as a form field, not a hook: "Made for you".
    { title: audience && audience.length <= 30 ? `For ${lower1(audience)}` : 'Made for you', line: audience && words(audience) <= 3 ? `Made for ${lower1(audience)}. This is ${product}.` : `Made for you. This is ${product}.` },
    { title: 'Why wait?', line: `Why wait? ${product} is here.` },
    { title: `New from ${clean(input.brand)}`.slice(0, 40), line: `New from ${clean(input.brand)}: ${product}.` },
    { title: `Meet ${product}`.slice(0, 40), line: `Say hello to ${product}.` },
    { title: upper1(benefit).slice(0, 40), line: `${upper1(benefit)}. That is ${product}.` },
  ];
  // A CTA's spoken line is its button and address: short enough to finish before the end card.
  const ctaTemplates: CtaLine[] = ['Try it today', 'Get yours now', 'Shop now', 'Order yours'].map((action) => ({ action, line: `${action}${at}.` }));
  const fit = (line: string, max: number) => words(line) <= Math.max(3, max);
  const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
  const hooks = hookTemplates.filter((h) => !same(h.title, input.opening.title) && !same(h.line, input.opening.line));
  const ctas = ctaTemplates.filter((c) => !same(c.action, input.cta.action));
  // Lines within the budget first; the rest keep their order (the voice is then asked to speak faster).
  const pick = <T extends { line: string }>(all: T[], n: number, max: number) => [...all.filter((x) => fit(x.line, max)), ...all.filter((x) => !fit(x.line, max))].slice(0, n);
  return { hooks: pick(hooks, input.hooks, input.opening.maxWords), ctas: pick(ctas, input.ctas, input.closing.maxWords) };
}

export function variantLinesPrompt(input: VariantLinesInput): { system: string; user: string } {
  const system =
    'You write alternative hooks and calls to action for a short video ad, for A/B tests. Answer with JSON only: ' +
    '{"hooks":[{"title":"…","line":"…"}],"ctas":[{"action":"…","line":"…"}]}. A hook is the first 2–3 seconds: "title" is the on-screen title card (at most 5 words), ' +
    '"line" is what the voice says (at most the word budget). A CTA is the end card\'s button text ("action", at most 4 words) and the spoken closing line, which ends with the web address when there is one. ' +
    'Each hook and CTA must differ clearly from the ad\'s own and from each other. No claims the brief does not make, no prices, no superlatives about health, no real people. Write in the brief\'s language.';
  const user = JSON.stringify({
    brand: input.brand,
    product: input.product,
    benefit: input.benefit,
    audience: input.audience,
    language: input.language,
    adOpening: { title: input.opening.title, line: input.opening.line, wordBudget: input.opening.maxWords },
    adClosing: { action: input.cta.action, url: input.cta.url, line: input.closing.line, wordBudget: input.closing.maxWords },
    newHooks: input.hooks,
    newCtas: input.ctas,
  });
  return { system, user };
}

export interface WrittenLines extends VariantLines {
  via: 'model' | 'offline';
  costCents: number;
  /** What was replaced and why (unsafe, too long, too few), for the set's report. */
  notes: string[];
}

function unsafe(text: string): string | null {
  const v = blockingViolations(screenText(text, defaultRuleSet.rules));
  return v.length ? v.map((x) => x.category).join(', ') : null;
}

/**
 * Writes `input.hooks` hooks and `input.ctas` CTAs with the text model, keeping only lines that
 * are safe, new and within budget; the offline writer fills the rest.
 */
export async function writeVariantLines(text: TextProvider, input: VariantLinesInput, ctx: CallContext): Promise<WrittenLines> {
  const offline = offlineVariantLines(input);
  const notes: string[] = [];
  if (input.hooks === 0 && input.ctas === 0) return { hooks: [], ctas: [], via: 'offline', costCents: 0, notes };
  const { system, user } = variantLinesPrompt(input);
  const r = await completeJson('variants', text, { task: 'variants', system, user, input }, VariantLines, ctx);
  const seen = new Set([input.opening.title, input.opening.line, input.cta.action].map((s) => s.trim().toLowerCase()));
  const accept = (kind: string, key: string, all: string, budget: number, line: string): boolean => {
    const why = unsafe(all);
    if (why) notes.push(`${kind} "${key}" was not used: it breaks the content rules (${why}).`);
    else if (seen.has(key.trim().toLowerCase())) notes.push(`${kind} "${key}" was not used: it repeats a line the set already has.`);
    else if (words(line) > budget + 2) notes.push(`${kind} "${key}" was not used: ${words(line)} words, its voice has time for ${budget}.`);
    else {
      seen.add(key.trim().toLowerCase());
      return true;
    }
    return false;
  };
  const hooks = r.value.hooks.filter((h) => accept('Hook', h.title, `${h.title}. ${h.line}`, input.opening.maxWords, h.line)).slice(0, input.hooks);
  const ctas = r.value.ctas.filter((c) => accept('CTA', c.action, `${c.action}. ${c.line}`, input.closing.maxWords, c.line)).slice(0, input.ctas);
  const fill = <T extends { line: string }>(have: T[], from: T[], n: number, kind: string, key: (x: T) => string) => {
    for (const x of from) {
      if (have.length >= n) break;
      if (seen.has(key(x).trim().toLowerCase())) continue;
      seen.add(key(x).trim().toLowerCase());
      have.push(x);
      if (!text.model.startsWith('offline')) notes.push(`${kind} "${key(x)}" is the offline writer's (the model gave too few usable ones).`);
    }
    return have;
  };
  fill(hooks, offline.hooks, input.hooks, 'Hook', (h) => h.title);
  fill(ctas, offline.ctas, input.ctas, 'CTA', (c) => c.action);
  // Every line that reaches a variant passed the rules — the offline writer's too (it uses the brief's words).
  for (const l of [...hooks.map((h) => `${h.title}. ${h.line}`), ...ctas.map((c) => `${c.action}. ${c.line}`)]) {
    const why = unsafe(l);
    if (why) throw new Error(`The new line "${l}" breaks the content rules (${why}); change the brief's wording and try again.`);
  }
  return { hooks, ctas, via: text.model.startsWith('offline') ? 'offline' : 'model', costCents: r.costCents, notes };
}
