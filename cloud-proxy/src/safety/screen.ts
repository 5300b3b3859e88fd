import type { Context } from 'hono';
import type { AppEnv } from '../app';
import { configOf } from '../env';
import { ProxyError } from '../http/errors';
// The one copy of the rules, shared with the desktop pipeline (wrangler bundles it from here).
import { blockingViolations, defaultRuleSet, screenText, withCompetitorBrands, type SafetyRule } from '../../../src/shared/safety';

let cache: { brands: string; rules: SafetyRule[] } | undefined;

function rulesFor(brands: string): SafetyRule[] {
  if (cache?.brands !== brands) {
    const list = brands.split(',').map((b) => b.trim()).filter(Boolean);
    cache = { brands, rules: withCompetitorBrands(defaultRuleSet, [...defaultRuleSet.competitorBrands, ...list]) };
  }
  return cache.rules;
}

/**
 * A modified client could skip the app's own check, so paid media prompts are screened here too.
 * Every violation is recorded for admins; those at or above SAFETY_MIN_SEVERITY refuse the call.
 */
export async function screenPrompts(c: Context<AppEnv>, route: string, texts: readonly string[]): Promise<void> {
  const config = configOf(c.env);
  const text = texts.filter((t) => t.trim() !== '').join('\n');
  if (text === '') return;
  const violations = screenText(text, rulesFor(config.COMPETITOR_BRANDS));
  if (violations.length === 0) return;
  const userId = c.get('user').id;
  const at = new Date().toISOString();
  await c.env.DB.batch(
    violations.map((v) =>
      c.env.DB.prepare('INSERT INTO violations (id, at, user_id, route, rule_id, category, severity, excerpt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').bind(
        `vio_${crypto.randomUUID()}`,
        at,
        userId,
        route,
        v.ruleId,
        v.category,
        v.severity,
        v.excerpt.slice(0, 200),
      ),
    ),
  );
  const blocking = blockingViolations(violations, config.SAFETY_MIN_SEVERITY);
  if (blocking.length > 0) {
    throw new ProxyError(
      422,
      'SAFETY_BLOCKED',
      `The prompt breaks the content rules (${[...new Set(blocking.map((v) => v.category))].join(', ')}); rewrite it and try again.`,
      blocking.map((v) => ({ ruleId: v.ruleId, category: v.category, severity: v.severity, match: v.match })),
    );
  }
}
