/**
 * The ad's language: the brief's `language` (BCP-47) or, without one, a guess from the brief's own
 * words (common function words of English, Spanish, French and German), else English. The offline
 * writer has templates in those four; the voice speaks the language when the machine has it.
 */
import type { Brief } from '../brief';

export type TemplateLanguage = 'en' | 'es' | 'fr' | 'de';

const MARKERS: Record<TemplateLanguage, string[]> = {
  en: ['the', 'and', 'with', 'for', 'your', 'of', 'to', 'is', 'our', 'in'],
  es: ['el', 'la', 'los', 'las', 'y', 'con', 'para', 'tu', 'de', 'que', 'en', 'sin', 'del', 'nuestro', 'nuestra'],
  fr: ['le', 'la', 'les', 'et', 'avec', 'pour', 'votre', 'de', 'des', 'du', 'sans', 'est', 'notre', 'une'],
  de: ['der', 'die', 'das', 'und', 'mit', 'für', 'ihr', 'ihre', 'von', 'ohne', 'ist', 'unser', 'ein', 'eine'],
};

/** The template language whose function words dominate `text`, or null when none clearly does. */
export function detectLanguage(text: string): TemplateLanguage | null {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  const score = (Object.keys(MARKERS) as TemplateLanguage[]).map((lang) => ({ lang, n: words.filter((w) => MARKERS[lang].includes(w)).length }));
  score.sort((a, b) => b.n - a.n);
  return score[0]!.n >= 2 && score[0]!.n > score[1]!.n ? score[0]!.lang : null;
}

/** The ad's language tag: the brief's, else detected from its text, else "en". */
export function briefLanguage(brief: Pick<Brief, 'language' | 'brand' | 'product' | 'cta'>): string {
  if (brief.language) return brief.language;
  return detectLanguage([brief.brand.description, brief.product.description, brief.product.benefit, brief.product.audience, brief.cta ?? ''].join(' ')) ?? 'en';
}

/** The offline writer's template language for a tag (other languages get English templates). */
export function templateLanguage(tag: string): TemplateLanguage | null {
  const base = tag.toLowerCase().split('-')[0]!;
  return base === 'en' || base === 'es' || base === 'fr' || base === 'de' ? base : null;
}

const DEFAULT_CTA: Record<TemplateLanguage, string> = { en: 'Get yours today', es: 'Consíguelo hoy', fr: 'Commandez dès aujourd’hui', de: 'Jetzt bestellen' };

/** The brief's call to action, or a default one in the ad's language. */
export function ctaOf(brief: Pick<Brief, 'language' | 'brand' | 'product' | 'cta'>): string {
  return brief.cta?.trim() || DEFAULT_CTA[templateLanguage(briefLanguage(brief)) ?? 'en'];
}
