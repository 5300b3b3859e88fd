import rulesJson from './rules.json';
import { SAFETY_CATEGORIES, SAFETY_SEVERITIES, type SafetyRule, type SafetyRuleSet } from './types';

function fail(where: string, what: string): never {
  throw new Error(`Invalid safety rules at ${where}: ${what}. Fix src/shared/safety/rules.json (or the rules you passed).`);
}

/** Checks an unknown value is a valid rule set (every pattern compiles). Throws with the path. */
export function parseRuleSet(value: unknown): SafetyRuleSet {
  if (typeof value !== 'object' || value === null) fail('root', 'expected an object');
  const v = value as Record<string, unknown>;
  if (typeof v.version !== 'number') fail('version', 'expected a number');
  const brands = v.competitorBrands ?? [];
  if (!Array.isArray(brands) || brands.some((b) => typeof b !== 'string')) fail('competitorBrands', 'expected an array of strings');
  if (!Array.isArray(v.rules)) fail('rules', 'expected an array');
  const ids = new Set<string>();
  const rules = v.rules.map((raw, i): SafetyRule => {
    const r = raw as Record<string, unknown>;
    const at = `rules[${i}]`;
    if (typeof r.id !== 'string' || r.id === '') fail(`${at}.id`, 'expected a non-empty string');
    if (ids.has(r.id)) fail(`${at}.id`, `duplicate id "${r.id}"`);
    ids.add(r.id);
    if (!SAFETY_CATEGORIES.includes(r.category as never)) fail(`${at}.category`, `expected one of ${SAFETY_CATEGORIES.join(', ')}`);
    if (!SAFETY_SEVERITIES.includes(r.severity as never)) fail(`${at}.severity`, `expected one of ${SAFETY_SEVERITIES.join(', ')}`);
    if (!Array.isArray(r.patterns) || r.patterns.some((p) => typeof p !== 'string')) fail(`${at}.patterns`, 'expected an array of strings');
    for (const p of r.patterns as string[]) {
      try {
        new RegExp(p, 'iu');
      } catch (e) {
        fail(`${at}.patterns`, `"${p}" does not compile (${(e as Error).message})`);
      }
    }
    return {
      id: r.id,
      category: r.category as SafetyRule['category'],
      severity: r.severity as SafetyRule['severity'],
      patterns: [...(r.patterns as string[])],
      ...(typeof r.note === 'string' ? { note: r.note } : {}),
    };
  });
  return {
    version: v.version,
    ...(typeof v.description === 'string' ? { description: v.description } : {}),
    competitorBrands: [...(brands as string[])],
    rules,
  };
}

/** The shipped rules (src/shared/safety/rules.json), validated once at load. */
export const defaultRuleSet: SafetyRuleSet = parseRuleSet(rulesJson);

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Returns the rules with the `competitor_brands` rule's patterns built from `brands` (whole words,
 * case-insensitive, spaces flexible). The brand list is configuration: the user's brand kit on the
 * desktop, an env var on the Worker. Empty names are ignored.
 */
export function withCompetitorBrands(ruleSet: SafetyRuleSet, brands: readonly string[] = ruleSet.competitorBrands): SafetyRule[] {
  const patterns = brands
    .map((b) => b.normalize('NFKC').trim().toLowerCase())
    .filter((b) => b.length > 0)
    .map((b) => `(?<![\\p{L}\\p{N}])${escapeRegExp(b).replace(/\s+/g, '\\s*')}(?![\\p{L}\\p{N}])`);
  const hasRule = ruleSet.rules.some((r) => r.category === 'competitor_brands');
  const rules = ruleSet.rules.map((r) => (r.category === 'competitor_brands' ? { ...r, patterns: [...r.patterns, ...patterns] } : r));
  if (!hasRule && patterns.length > 0) {
    rules.push({ id: 'competitor.brands', category: 'competitor_brands', severity: 'medium', patterns });
  }
  return rules;
}
