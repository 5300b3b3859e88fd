/**
 * Where a caption page may end (issue 16): at punctuation or between phrases, never after a word
 * that leads into the next one ("…batido a / mano con leche de avena." left "a" hanging). A small
 * table of the function words (articles, prepositions, conjunctions, possessives, relatives) of the
 * offline writer's four languages; another language is checked against all four.
 */
import { templateLanguage, type TemplateLanguage } from './language';

const LEADING: Record<TemplateLanguage, string> = {
  en: 'a an the of to in on at for with from by into onto about over under than as and or but nor so if your our my their his her its this that these those who which whose whom every each per no any some is are was where when while because',
  es: 'a al de del el la los las lo un una unos unas y e o u ni en con sin por para que su sus tu tus mi mis nuestro nuestra nuestros nuestras se le les como sobre entre hasta desde hacia cada muy más es son donde cuando porque',
  fr: 'à au aux de du des le la les l un une et ou ni en dans pour par avec sans sur sous chez vers que qui dont ce cet cette ces son sa ses votre vos notre nos mon ma mes ton ta tes leur leurs ne plus très chaque est sont où quand',
  de: 'der die das den dem des ein eine einen einem einer eines und oder aber mit für von vom zu zum zur im in ins an am auf aus bei beim nach ohne über unter um durch gegen dein deine ihr ihre ihren unser unsere sein seine dass als wie jede jeden jedes sehr ist sind wo wenn weil',
};

const SETS = Object.fromEntries(Object.entries(LEADING).map(([k, v]) => [k, new Set(v.split(' '))])) as Record<TemplateLanguage, Set<string>>;
const ALL = new Set(Object.values(SETS).flatMap((s) => [...s]));

/** The word as the table spells it: lower case, without quotes or the elided "l'"/"d'" tail. */
function bare(word: string): string {
  return word.toLowerCase().replace(/^[«"'“‘(¿¡]+/u, '').replace(/['’]$/u, '').replace(/^([a-zà-ÿ]+)['’]$/u, '$1');
}

/** True when `word` leads into the next word and must not end a page ("a", "de", "the", "&", "l'"…). */
export function leadsOn(word: string, language?: string): boolean {
  if (/^[&+@–—-]$/u.test(word)) return true;
  if (/^[a-zà-ÿ]+['’]$/iu.test(word)) return true; // French elision "l'", "d'" written apart
  if (endsClause(word)) return false;
  const lang = language ? templateLanguage(language) : null;
  return (lang ? SETS[lang] : ALL).has(bare(word));
}

/** True when `word` closes a clause or sentence (a page may well end after it). */
export function endsClause(word: string): boolean {
  return /[,;:.!?…。！？、，；：)"”»]$/u.test(word);
}

/** True when `word` is a number that belongs with the next word ("12 / days", "210 / grams"). */
export function countsNext(word: string): boolean {
  return /^\p{Sc}?\p{N}+(?:[.,]\p{N}+)*%?$/u.test(word);
}
