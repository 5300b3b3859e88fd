import { SAFETY_SEVERITIES, type SafetyRule, type SafetySeverity, type SafetyViolation } from './types';

const EXCERPT_RADIUS = 30;

/**
 * NFKC folds look-alike characters (full-width letters, ligatures); zero-width characters are
 * dropped so "n\u200Bude" cannot slip past; whitespace collapses so patterns can use single spaces.
 */
export function normaliseForScreening(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '')
    .replace(/[\u2018\u2019\u02BC]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

// Compiling ~300 patterns per call would dominate; rule arrays are long-lived, so cache per array.
const compiled = new WeakMap<readonly SafetyRule[], { rule: SafetyRule; res: RegExp[] }[]>();

function compile(rules: readonly SafetyRule[]): { rule: SafetyRule; res: RegExp[] }[] {
  let c = compiled.get(rules);
  if (!c) {
    c = rules.map((rule) => ({ rule, res: rule.patterns.map((p) => new RegExp(p, 'iu')) }));
    compiled.set(rules, c);
  }
  return c;
}

/**
 * Screens text against the rules. Pure: no I/O, same answer everywhere (desktop pipeline and
 * Worker). Reports at most one violation per rule (its first match), ordered by position.
 */
export function screenText(text: string, rules: readonly SafetyRule[]): SafetyViolation[] {
  const norm = normaliseForScreening(text);
  if (norm === '') return [];
  const out: SafetyViolation[] = [];
  for (const { rule, res } of compile(rules)) {
    let best: RegExpExecArray | null = null;
    for (const re of res) {
      const m = re.exec(norm);
      if (m && (best === null || m.index < best.index)) best = m;
    }
    if (best) {
      const start = Math.max(0, best.index - EXCERPT_RADIUS);
      const end = Math.min(norm.length, best.index + best[0].length + EXCERPT_RADIUS);
      out.push({
        ruleId: rule.id,
        category: rule.category,
        severity: rule.severity,
        match: best[0],
        excerpt: `${start > 0 ? '…' : ''}${norm.slice(start, end)}${end < norm.length ? '…' : ''}`,
        index: best.index,
      });
    }
  }
  return out.sort((a, b) => a.index - b.index || a.ruleId.localeCompare(b.ruleId));
}

export function severityRank(s: SafetySeverity): number {
  return SAFETY_SEVERITIES.indexOf(s);
}

/** Violations at or above `minSeverity` (the ones a caller should refuse). */
export function blockingViolations(violations: readonly SafetyViolation[], minSeverity: SafetySeverity = 'medium'): SafetyViolation[] {
  const min = severityRank(minSeverity);
  return violations.filter((v) => severityRank(v.severity) >= min);
}
