import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import rulesJson from './rules.json';
import {
  SAFETY_CATEGORIES,
  SAFETY_SEVERITIES,
  blockingViolations,
  defaultRuleSet,
  normaliseForScreening,
  parseRuleSet,
  screenText,
  withCompetitorBrands,
} from './index';

const rules = withCompetitorBrands(defaultRuleSet, ['Acme Cola', 'Pepsi']);
const categoriesOf = (text: string) => screenText(text, rules).map((v) => v.category);

describe('rules.json', () => {
  it('matches the documented shape (zod) and every pattern compiles', () => {
    const Rule = z.object({
      id: z.string().regex(/^[a-z_]+\.[a-z_]+$/),
      category: z.enum(SAFETY_CATEGORIES),
      severity: z.enum(SAFETY_SEVERITIES),
      patterns: z.array(z.string()),
      note: z.string().optional(),
    });
    const parsed = z.object({ version: z.number().int(), competitorBrands: z.array(z.string()), rules: z.array(Rule) }).parse(rulesJson);
    for (const r of parsed.rules) for (const p of r.patterns) expect(() => new RegExp(p, 'iu')).not.toThrow();
    expect(parseRuleSet(rulesJson).rules).toHaveLength(parsed.rules.length);
  });

  it('covers every category', () => {
    const present = new Set(defaultRuleSet.rules.map((r) => r.category));
    expect([...present].sort()).toEqual([...SAFETY_CATEGORIES].sort());
  });

  it('rejects malformed rule sets with the path of the problem', () => {
    expect(() => parseRuleSet({ version: 1, rules: [{ id: 'x.y', category: 'gore', severity: 'high', patterns: [] }] })).toThrow(/rules\[0\]\.category/);
    expect(() => parseRuleSet({ version: 1, rules: [{ id: 'x.y', category: 'violence', severity: 'high', patterns: ['('] }] })).toThrow(/does not compile/);
    expect(() => parseRuleSet({ version: 1, rules: [{ id: 'a.b', category: 'drugs', severity: 'low', patterns: [] }, { id: 'a.b', category: 'drugs', severity: 'low', patterns: [] }] })).toThrow(/duplicate/);
  });
});

describe('screenText', () => {
  it.each([
    ['A man covered in blood after the crash', 'violence'],
    ['He stabbed the guard', 'violence'],
    ['a topless model on the beach', 'nudity'],
    ['friends snorting lines of cocaine at a party', 'drugs'],
    ['teens smoking a joint behind the school', 'drugs'],
    ['the hero pulls out a gun', 'weapons'],
    ['a pipe bomb under the table', 'weapons'],
    ['a rally with swastika flags', 'hate'],
    ['Taylor Swift holding our sneakers', 'real_people'],
    ['Beyoncé dancing with the bottle', 'real_people'],
    ['Spider-Man swings past the billboard', 'copyrighted_characters'],
    ['Pikachu drinks our soda', 'copyrighted_characters'],
    ['Our tea cures cancer in a week', 'misleading_claims'],
    ['guaranteed returns of 20% a month', 'misleading_claims'],
    ['Better than Acme Cola!', 'competitor_brands'],
    ['cheaper than PEPSI', 'competitor_brands'],
  ])('flags %j as %s', (text, category) => {
    expect(categoriesOf(text)).toContain(category);
  });

  it.each([
    'A wide camera shot of the sunrise over the city, slow dolly in',
    'Killer deals on our new running shoes this weekend',
    'A relaxing bath bomb fizzing in warm water',
    'Our massage gun melts away tension after a workout',
    'Fresh blood orange juice poured into a glass',
    'Marvel at the crisp 4K detail of the new camera',
    'The photo bomb moment at the wedding made everyone laugh',
    'Three bullet points summarise the benefits',
    'Get high quality prints delivered tomorrow',
    'Acme Colander: the kitchen strainer you will love',
  ])('does not flag ordinary ad copy: %j', (text) => {
    expect(screenText(text, rules)).toEqual([]);
  });

  it('reports rule id, severity, the match, an excerpt and the position, in text order', () => {
    const v = screenText('Start calm. Then Darth Vader appears, firing a machine gun at a crowd.', rules);
    expect(v.map((x) => x.ruleId)).toEqual(['copyright.characters', 'weapons.firearms']);
    expect(v[0]).toMatchObject({ category: 'copyrighted_characters', severity: 'high', match: 'darth vader', index: 17 });
    expect(v[0]?.excerpt).toContain('darth vader');
    expect(v[1]?.match).toBe('machine gun');
  });

  it('sees through full-width letters, zero-width characters and odd spacing', () => {
    expect(normaliseForScreening('ＮＡＫＥＤ  \n man')).toBe('naked man');
    expect(categoriesOf('n\u200Baked')).toContain('nudity');
    expect(categoriesOf('Ｃｏｃａｉｎｅ')).toContain('drugs');
  });

  it('flags sexualised minors as critical', () => {
    const v = screenText('a sexy teen in lingerie', rules);
    expect(v.find((x) => x.ruleId === 'nudity.minors')?.severity).toBe('critical');
  });

  it('uses no competitor patterns unless brands are configured', () => {
    expect(screenText('Better than Acme Cola', withCompetitorBrands(defaultRuleSet))).toEqual([]);
    expect(screenText('Better than Acme Cola', withCompetitorBrands(defaultRuleSet, ['  ', 'acme   cola'])).map((v) => v.ruleId)).toEqual(['competitor.brands']);
  });

  it('returns nothing for empty text and is stable across calls', () => {
    expect(screenText('   ', rules)).toEqual([]);
    expect(screenText('a gun', rules)).toEqual(screenText('a gun', rules));
  });

  it('blockingViolations keeps those at or above a severity', () => {
    const v = screenText('clinically proven; a pipe bomb', rules);
    expect(v.map((x) => x.severity).sort()).toEqual(['critical', 'medium']);
    expect(blockingViolations(v, 'high').map((x) => x.severity)).toEqual(['critical']);
    expect(blockingViolations(v)).toHaveLength(2);
  });
});
