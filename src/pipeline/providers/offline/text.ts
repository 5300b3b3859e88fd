/**
 * The offline "language model": deterministic templates filled from the brief. It answers the
 * same tasks, in the same JSON shapes, as a real model would (so the stages do not know the
 * difference) — but it only knows what the brief and the local pixel analysis tell it.
 */
import { offlineVariantLines, type VariantLinesInput } from '../../variants/lines';
import type { ResolvedBrief } from '../../brief';
import { colorDistance } from '../../stages/colors';
import { firstSentence, sentence, shortenLine, shortName, trimChars } from '../../stages/copy';
import type { ContinuityInput, PromptsInput, SafetyInput, StoryboardInput, BibleInput, VoiceoverInput } from '../../stages/text-inputs';
import type { CreativeBible, StoryScene } from '../../stages/schemas';
import type { TextProvider, TextRequest, TextResult } from '../types';
import { CROSSFADE_SECONDS } from '../../stages/plan';
import { lineWindows } from '../../stages/voice-fit';
import { briefLanguage, ctaOf, templateLanguage, type TemplateLanguage } from '../../stages/language';

/** The few words the templates add around the brief's own (the brief's language, else English). */
const COPY: Record<TemplateLanguage, { meet: (product: string, brand: string) => string; madeFor: (who: string) => string }> = {
  en: { meet: (p, b) => `Meet ${p}, from ${b}`, madeFor: (w) => `Made for ${w}.` },
  es: { meet: (p, b) => `Descubre ${p}, de ${b}`, madeFor: (w) => `Pensado para ${w}.` },
  fr: { meet: (p, b) => `Découvrez ${p}, par ${b}`, madeFor: (w) => `Conçu pour ${w}.` },
  de: { meet: (p, b) => `Entdecke ${p} von ${b}`, madeFor: (w) => `Gemacht für ${w}.` },
};
const copyFor = (brief: ResolvedBrief) => COPY[templateLanguage(briefLanguage(brief)) ?? 'en'];

const NEGATIVE =
  'violence, gore, weapons, nudity, sexual content, drugs, smoking, alcohol, hate symbols, real people, celebrities, copyrighted characters, trademarked logos, competitor brands, text artifacts, watermark, low quality, distorted product';

/** The tone words say (a calm brief wins over the word "energy" in its benefit: "calm, steady energy"). */
function toneOf(words: string): { calm: boolean; energetic: boolean; premium: boolean } {
  const calm = /(calm|relax|gentle|soft|organic|natural|cozy|mindful|smooth|quiet|serene|slow)/.test(words);
  const energetic = !calm && /(energetic|bold|fast|power|sport|active|fun|vibrant|exciting|hype|punchy|upbeat)/.test(words);
  return { calm, energetic, premium: /(premium|luxur|crafted|artisan|elegant|refined)/.test(words) };
}

/** Light the creator's direction asks for, when it names one. */
function lightingOf(direction: string): string | undefined {
  if (/(sunrise|sunset|golden|dawn|dusk)/.test(direction)) return 'golden-hour light, warm tones';
  if (/(night|neon|moody|noir|after dark)/.test(direction)) return 'low-key moody light, deep shadows';
  if (/(bright|airy|sunny|daylight)/.test(direction)) return 'bright airy daylight, soft shadows';
  return undefined;
}

export function offlineBible({ brief, palette }: BibleInput): CreativeBible {
  const given = brief.brand.colors ?? [];
  const colors = [...given];
  for (const c of palette) if (colors.length < 6 && !colors.some((x) => colorDistance(x, c) < 40)) colors.push(c);
  for (const fill of ['#FFFFFF', '#1A1A1A', '#F2EEE8', '#333333']) if (colors.length < 4 && !colors.includes(fill)) colors.push(fill);
  // The creator's direction decides the tone when it names one; the brief's own words otherwise.
  const direction = (brief.direction ?? '').toLowerCase();
  const said = toneOf(direction);
  const { calm, energetic } = said.calm || said.energetic ? said : toneOf(`${brief.brand.description} ${brief.product.benefit} ${brief.brand.guidelines ?? ''}`.toLowerCase());
  const premium = said.premium || toneOf(`${brief.brand.description} ${brief.product.benefit} ${brief.brand.guidelines ?? ''}`.toLowerCase()).premium;
  const energyLevel = energetic ? 7 : calm ? 3 : 5;
  const style = premium ? 'premium minimalist' : energetic ? 'bold and modern' : 'clean modern';
  return {
    // The direction in the creator's words rides with the style into every image and video prompt.
    brandStyle: brief.direction ? trimChars(`${style}; ${firstSentence(brief.direction, 170).replace(/[.!?]$/u, '')}`, 200) : style,
    vibe: energetic ? 'upbeat and confident' : calm ? 'calm and warm' : 'friendly and clear',
    colors: colors.slice(0, 6),
    lighting: lightingOf(direction) ?? (calm ? 'soft natural light, warm tones' : 'bright studio light, clean shadows'),
    camera: energetic ? 'dynamic slides and quick push-ins' : 'slow push-ins and gentle pans',
    motion: energetic ? 'brisk, rhythmic' : 'slow and deliberate',
    energyLevel,
  };
}

/** Words a punchline never ends on: it would dangle ("Calm, steady energy without", "Brighter skin you can"). */
const DANGLING =
  /\s+(and|or|but|so|than|as|for|with|without|the|a|an|of|to|in|into|at|on|from|by|over|your|our|its|their|my|every|each|all|you|we|it|they|that|which|who|can|will|could|would|is|are|be|just|y|o|de|del|la|el|los|las|con|sin|para|que|et|le|les|du|des|pour|avec|sans|und|oder|der|die|das|mit|ohne|für)$/iu;
/** Words that open a new phrase: a good place to stop before ("Brighter skin | you can see"). */
const PHRASE_START =
  /^(and|or|but|so|because|while|when|that|which|who|with|without|for|in|into|at|on|from|by|over|to|than|you|we|it|they|your|our|y|o|con|sin|para|que|en|et|avec|sans|pour|und|mit|ohne|für)$/iu;

/**
 * A punchline: at most `words` words and `chars` characters, no ellipsis, broken where a phrase
 * ends — at a comma or before a word that opens a new phrase — never in the middle of one, and
 * never ending on a joining word.
 */
export function punch(text: string, words = 4, chars = 28): string {
  return punchline(text, words, chars).text;
}

/** `punch`, and whether it had to stop mid-phrase ("Bread that tastes like": no phrase ends within the budget). */
export function punchline(text: string, words = 4, chars = 28): { text: string; midPhrase: boolean } {
  const all = text.replace(/[.!?。！？]+$/u, '').trim().split(/\s+/u);
  const out: string[] = [];
  for (const w of all) {
    if (out.length >= words || [...[...out, w].join(' ')].length > chars) break;
    out.push(w);
  }
  const strip = (t: string) => {
    let r = t.replace(/[\s,;:–—-]+$/u, '');
    for (let k = 0; k < 3; k++) r = r.replace(DANGLING, '').replace(/[\s,;:–—-]+$/u, '');
    return r;
  };
  let s: string;
  let midPhrase = false;
  if (!out.length) s = all[0]!; // A single word longer than the budget stays whole (the layout shrinks it).
  else if (out.length === all.length) s = strip(out.join(' '));
  else {
    // The longest cut that ends a phrase: before a phrase-opening word, or after a comma.
    let n = 0;
    for (let k = out.length; k >= 1; k--) {
      if (PHRASE_START.test(all[k]!.replace(/[^\p{L}]/gu, '')) || /[,;:–—]$/u.test(out[k - 1]!)) {
        n = k;
        break;
      }
    }
    const cut = n ? strip(out.slice(0, n).join(' ')) : '';
    // A one-word phrase ("Calm,") says less than the budget's words with the dangling tail removed.
    s = cut && (cut.split(/\s+/u).length >= 2 || !strip(out.join(' ')).includes(' ')) ? cut : strip(out.join(' '));
    // Mid-phrase: the kept words end neither a phrase nor before a word that opens one.
    const next = all[s.split(/\s+/u).length]?.replace(/[^\p{L}]/gu, '') ?? '';
    midPhrase = s !== cut && !PHRASE_START.test(next);
  }
  return { text: s.charAt(0).toLocaleUpperCase() + s.slice(1), midPhrase };
}

/** The sentences of a brief field (a description's later sentences are often its best lines: "Light, tough, honest."). */
function sentencesOf(text: string): string[] {
  return text.split(/(?<=[.!?。！？])\s+/u).map((s) => s.trim()).filter(Boolean);
}

/**
 * Where a scene's on-screen title may come from, best first: a short punchline from another brief
 * field than the scene's narration (captions carry the narration, so a title never repeats them).
 * The later ones are there so no two scenes share a title: a 60 s ad has three or four scenes that
 * would each want the product's name ("Stride 9" over half the shoe ad).
 */
function titleSources(role: StoryScene['role'], brief: ResolvedBrief, nth: number): string[] {
  const product = brief.product.name;
  const brand = shortName(brief.brand.name);
  const [d0, ...dRest] = sentencesOf(brief.product.description);
  const brandRest = sentencesOf(brief.brand.description).slice(1);
  const d = d0 ? [d0] : [];
  switch (role) {
    case 'setup':
      return [brief.product.benefit, product, ...brandRest];
    case 'exploration':
      // The first speaks the description's first sentence, the third the brand description's.
      if (nth === 0) return [product, ...dRest, ...brandRest, brand];
      if (nth === 1) return [brand, ...brandRest, ...dRest, product, ...d];
      return [...dRest, ...brandRest, ...d, product, brand];
    case 'climax':
      return [product, ...brandRest, ...dRest, ...d, brand];
    case 'resolution':
      return [brand, ...brandRest, ...dRest, ...d, product];
    case 'cta':
      return [ctaOf(brief)];
  }
}

const sameWords = (t: string) => t.toLocaleLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** Words that carry no meaning of their own: two lines that differ only in them say the same. */
const FILLER = new Set(
  'a an the and or but of to in into on at for with without from by over than as so is are be it its you your we our they their my this that which who can will just meet de del la el los las y o en con sin para que le les du des et pour avec sans und oder der die das mit ohne für von'.split(' '),
);

/** The words of a line that carry its meaning (lower-case, no punctuation or filler). */
export function meaningWords(t: string): string[] {
  return sameWords(t)
    .split(' ')
    .filter((w) => w && !FILLER.has(w));
}

/**
 * True when line `a` repeats line `b` (issue 16: "Ledgerly Autopilot" titled the scene right after the
 * caption "Meet Ledgerly Autopilot"; the 60 s SaaS ad had the titles "Get paid 12 days" and "Get paid
 * 12 days faster", and "Ledgerly" after "Ledgerly Autopilot"): every word of one that means something
 * is in the other, or both open with the same two words.
 */
export function repeats(a: string, b: string): boolean {
  const wa = meaningWords(a);
  const wb = meaningWords(b);
  if (!wa.length || !wb.length) return sameWords(a) === sameWords(b);
  const inA = new Set(wa);
  const inB = new Set(wb);
  if (wa.every((w) => inB.has(w)) || wb.every((w) => inA.has(w))) return true;
  const [fa, fb] = [sameWords(a).split(' '), sameWords(b).split(' ')];
  return fa.length >= 2 && fb.length >= 2 && fa[0] === fb[0] && fa[1] === fb[1];
}

/** A sentence's phrases after its first (cut at a comma or before a word that opens a phrase), each with two words or more that mean something. */
function laterPhrases(text: string): string[] {
  const words = text.replace(/[.!?。！？]+$/u, '').trim().split(/\s+/u);
  const starts: number[] = [];
  words.forEach((w, k) => {
    if (k > 0 && (/[,;:–—]$/u.test(words[k - 1]!) || PHRASE_START.test(w.replace(/[^\p{L}]/gu, '')))) starts.push(k);
  });
  return starts.map((k) => words.slice(k).join(' ').replace(/^[,;:–—\s]+/u, '')).filter((p) => meaningWords(p).length >= 2);
}

/**
 * The scene's title: the first of its sources whose punchline repeats no earlier scene's title and
 * none of the captions around it (`around`: its own scene's, the one before and the one after — what
 * the viewer reads under it, has just read and reads next); else one no earlier scene used; else the first source
 * (a brief with few fields).
 */
function headline(role: StoryScene['role'], brief: ResolvedBrief, nth: number, used: string[], around: string[]): string {
  if (role === 'cta') return ctaOf(brief);
  // The role's own sources, then any field of the brief (a brief with few sentences runs out).
  const fields = [brief.product.benefit, ...sentencesOf(brief.product.description), ...sentencesOf(brief.brand.description)];
  const anywhere = [brief.product.name, shortName(brief.brand.name), ...fields];
  // Last, the later phrases of the brief's sentences ("Without chasing clients"): a brief with few
  // sentences has fewer titles than a 60 s ad has scenes.
  const options = [...titleSources(role, brief, nth), ...anywhere, ...fields.flatMap(laterPhrases)].map((t) => punchline(t, 5, 32));
  const fresh = (t: string) => !used.some((u) => repeats(t, u)) && !around.some((c) => repeats(t, c));
  const unused = (t: string) => !used.some((u) => sameWords(u) === sameWords(t));
  // A punchline that stops mid-phrase ("Bread that tastes like") only when nothing else is left.
  const title =
    options.find((o) => !o.midPhrase && fresh(o.text))?.text ??
    options.find((o) => fresh(o.text))?.text ??
    options.find((o) => !o.midPhrase && unused(o.text))?.text ??
    options.find((o) => unused(o.text))?.text ??
    options[0]!.text;
  used.push(title);
  return title;
}

/**
 * The brief's audience is a targeting note ("busy professionals aged 25 to 40"); an ad says who
 * it is for, never their age bracket or income: drop demographic tails from the spoken line.
 */
export function spokenAudience(audience: string): string {
  const cut = audience
    .replace(/[.!?]+$/u, '')
    .replace(/,?\s*\b(aged?|ages|between|from|in their)\b\s*\d.*$/iu, '')
    .replace(/,?\s*\(?\b\d{2}\s*(?:[-–]|to)\s*\d{2}\b.*$/u, '')
    .replace(/,?\s*\b(earning|with (an )?incomes?|income)\b.*$/iu, '')
    .trim();
  return cut || audience.replace(/[.!?]+$/u, '');
}

/**
 * The brief's sentences a scene may speak, in the order scenes take them: a long ad has three or
 * four exploration scenes and a resolution, and each took the brand's first sentence again (the
 * 60 s shoe said "Running gear engineered in Boulder for everyday runners." three times).
 */
function spokenSources(brief: ResolvedBrief): { brand: string[]; all: string[] } {
  const said = (text: string) => sentencesOf(text).map((x) => sentence(shortenLine(x, 24)));
  const brand = said(brief.brand.description);
  return { brand, all: [...said(brief.product.description).slice(1), ...brand] };
}

/** The first of `sources` no scene has spoken yet (null when every one is). */
function unspoken(sources: string[], spoken: Set<string>): string | null {
  return sources.find((x) => !spoken.has(x.toLocaleLowerCase())) ?? null;
}

/** `seconds`: the time the line may take in its scene (voice-fit.ts lineWindows); `spoken`: the brief's sentences earlier scenes said. */
function narration(role: StoryScene['role'], brief: ResolvedBrief, nth: number, seconds: number, spoken: Set<string>): string {
  const budget = Math.max(3, Math.floor(seconds * 2.5));
  const sources = spokenSources(brief);
  const line = (() => {
    switch (role) {
      case 'setup':
        return sentence(copyFor(brief).meet(brief.product.name, shortName(brief.brand.name)));
      case 'exploration': {
        if (nth === 0) return sentence(firstSentence(brief.product.description));
        if (nth === 1) return copyFor(brief).madeFor(spokenAudience(brief.product.audience));
        const next = unspoken(sources.all, spoken);
        if (next) spoken.add(next.toLocaleLowerCase());
        return next ?? sentence(brief.product.benefit);
      }
      case 'climax':
        return sentence(brief.product.benefit);
      case 'resolution': {
        // The product's name, then a sentence not yet said (the brand's first, in a short ad).
        const next = unspoken([...sources.brand, ...sources.all], spoken);
        if (next) spoken.add(next.toLocaleLowerCase());
        return next ? `${brief.product.name}. ${next}` : `${brief.product.name}. ${sentence(shortName(brief.brand.name))}`;
      }
      case 'cta':
        return `${sentence(ctaOf(brief))} ${sentence(shortName(brief.brand.name))}`;
    }
  })();
  // Cut at a sentence or clause when it must be (a voice does not say "…", and the captions are its words).
  return shortenLine(line, budget);
}

const CAMERA: Record<StoryScene['role'], string> = {
  setup: 'slow push-in on the product, centred',
  exploration: 'gentle lateral pan with parallax',
  climax: 'confident push-in, product fills the frame',
  resolution: 'slow pull-back, product at rest',
  cta: 'steady frame, product beside the call to action',
};
const EMOTION: Record<StoryScene['role'], string> = {
  setup: 'curious, inviting',
  exploration: 'interested, warm',
  climax: 'satisfied, confident',
  resolution: 'reassured',
  cta: 'motivated',
};

/**
 * What a scene shows, written per role from the brief and the bible so each scene reads as its
 * own shot (a model would vary them too); the renderer itself works from the structured fields.
 */
function sceneDescription(role: StoryScene['role'], brief: ResolvedBrief, bible: CreativeBible, nth: number): string {
  const product = brief.product.name;
  const light = bible.lighting.split(',')[0]!.trim();
  const palette = 'the brand colours';
  switch (role) {
    case 'setup':
      return `${product} is revealed on a clean surface as ${light} comes up; the backdrop settles into ${palette}.`;
    case 'exploration':
      if (nth === 0) return `Close, tactile details of ${product}: ${trimChars(firstSentence(brief.product.description, 90).replace(/[.!?]$/u, ''), 90).toLocaleLowerCase()}.`;
      if (nth === 1) return `${product} in the hands of ${trimChars(brief.product.audience.replace(/[.!?]$/u, ''), 60)}, part of their day, framed by ${palette}.`;
      return `The world of ${brief.brand.name} around ${product}: textures and shapes in ${palette}.`;
    case 'climax':
      return `The payoff — ${trimChars(brief.product.benefit.replace(/[.!?]$/u, ''), 70).toLocaleLowerCase()}: ${product} fills the frame in ${light}.`;
    case 'resolution':
      return `${product} at rest as the camera eases back; ${brief.brand.name} in ${palette}.`;
    case 'cta':
      return `${product} beside the call to action "${ctaOf(brief)}", steady and clear.`;
  }
}

/**
 * A scene the creator asked for: their words first, then the shot around the product (the
 * renderer draws the idea's pictures; a model family films the words).
 */
function ideaDescription(idea: string, brief: ResolvedBrief, bible: CreativeBible): string {
  const light = bible.lighting.split(',')[0]!.trim();
  return `${sentence(idea)} ${brief.product.name} in ${light}, framed by the brand colours.`;
}

export function offlineStoryboard({ brief, bible, plan }: StoryboardInput): { scenes: StoryScene[] } {
  const seen: Record<string, number> = {};
  // Titles so far: no title repeats another.
  const titles: string[] = [];
  // The brief's sentences spoken so far: no scene says one again.
  const spoken = new Set<string>();
  const images = brief.product.images.length;
  const windows = lineWindows(plan.durations, CROSSFADE_SECONDS);
  // The narration (the captions) first, so each title can stay clear of the captions around it.
  const nths = plan.roles.map((role) => {
    const nth = seen[role] ?? 0;
    seen[role] = nth + 1;
    return nth;
  });
  const lines = plan.roles.map((role, i) => narration(role, brief, nths[i]!, windows[i]!, spoken));
  const scenes = plan.roles.map((role, i): StoryScene => {
    const nth = nths[i]!;
    const d = plan.durations[i]!;
    const voiceover = lines[i]!;
    // Its own caption, the one the viewer has just read and the one they read next (serum 15 s: the
    // title "Brighter, even skin", then the caption "Brighter, even skin in 14 days.").
    const raw = headline(role, brief, nth, titles, lines.slice(Math.max(0, i - 1), i + 2));
    const title = raw.charAt(0).toLocaleUpperCase() + raw.slice(1);
    const showOverlay = role === 'climax' || role === 'cta' || (role === 'exploration' && nth === 0);
    // The creator's scenes come first, one each, in their order (plan.ts makes room for them all).
    const idea = brief.scenes?.[i];
    return {
      index: i + 1,
      title,
      description: idea ? ideaDescription(idea.idea, brief, bible) : sceneDescription(role, brief, bible, nth),
      durationSeconds: d,
      role,
      camera: CAMERA[role],
      emotion: EMOTION[role],
      keyEvents: idea ? [idea.idea, `Show ${brief.product.name}`, title] : [`Show ${brief.product.name}`, title],
      ...(idea ? { idea: i + 1 } : {}),
      voiceover,
      overlay: showOverlay && role !== 'cta' && brief.aspect === '16:9' ? { imageIndex: (i + 1) % images, atSeconds: Math.min(1, d / 4), durationSeconds: Math.min(2, Math.max(1, d - 2)) } : null,
    };
  });
  return { scenes };
}

export function offlinePrompts({ bible, storyboard, negativePrompt }: PromptsInput) {
  const style = `${bible.brandStyle}, ${bible.lighting}, palette ${bible.colors.join(' ')}`;
  return {
    scenes: storyboard.scenes.map((s) => ({
      index: s.index,
      prompt: `${style}. ${s.description} Camera: ${s.camera}. Mood: ${s.emotion}.${s.index > 1 ? ' Continue seamlessly from the previous shot.' : ''}`,
      negativePrompt: negativePrompt || NEGATIVE,
    })),
    music: { prompt: `${bible.vibe} instrumental background music, ${bible.energyLevel}/10 energy, warm chords, no vocals` },
    sfx: { prompt: 'soft airy whoosh for scene transitions' },
  };
}

/**
 * Continuity without a vision model: compare the colours actually seen in the last frame with the
 * bible. Drift = the frame's dominant colours are far from every bible colour, or it went dark.
 */
export function offlineContinuity({ prompt, bible, observed, previous }: ContinuityInput) {
  const far = observed.colors.slice(0, 3).filter((c) => Math.min(...bible.colors.map((b) => colorDistance(b, c))) > 150);
  const drift = far.length >= 2 || observed.brightness < 0.08;
  const carry = `Continue from the previous shot ("${previous.title}"): keep its palette ${observed.colors.slice(0, 3).join(', ')} and lighting (${Math.round(observed.brightness * 100)}% brightness).`;
  const tighten = drift ? ` Stay strictly on the brand palette ${bible.colors.join(', ')}; ${bible.lighting}; keep the product exactly as in the reference images.` : '';
  return {
    updatedPrompt: `${carry}${tighten} ${prompt}`.trim(),
    continuityNotes: drift
      ? `Drift from the creative bible (${far.length ? `colours ${far.join(', ')}` : 'too dark'}): tightened the prompt with explicit brand colours and raised style strength.`
      : 'Palette and lighting match the creative bible: carried them forward.',
    driftDetected: drift,
    styleStrength: drift ? 0.92 : 0.82,
    observedColors: observed.colors.slice(0, 6),
  };
}

export function offlineSafety(_input: SafetyInput) {
  // No model offline: the local rules (run by the safety stage before this) are the whole check.
  return { status: 'approved' as const, violations: [], negativePrompt: NEGATIVE, safeAlternative: null };
}

/** Shorter voice lines without a model: whole sentences, then clauses, then words. */
export function offlineVoiceover({ lines }: VoiceoverInput) {
  return { lines: lines.map((l) => ({ index: l.index, text: shortenLine(l.text, l.maxWords) })) };
}

export class OfflineText implements TextProvider {
  readonly model = 'offline/templates';
  async complete(req: TextRequest): Promise<TextResult> {
    const answer = (() => {
      switch (req.task) {
        case 'bible':
          return offlineBible(req.input as BibleInput);
        case 'storyboard':
          return offlineStoryboard(req.input as StoryboardInput);
        case 'safety':
          return offlineSafety(req.input as SafetyInput);
        case 'prompts':
          return offlinePrompts(req.input as PromptsInput);
        case 'continuity':
          return offlineContinuity(req.input as ContinuityInput);
        case 'voiceover':
          return offlineVoiceover(req.input as VoiceoverInput);
        case 'variants':
          return offlineVariantLines(req.input as VariantLinesInput);
      }
    })();
    return { text: JSON.stringify(answer), costCents: 0 };
  }
}
