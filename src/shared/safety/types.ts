/**
 * Shapes of the content-safety rules (rules.json) and of what the matcher reports. Kept free of
 * zod and Node so the cloud-proxy Worker can bundle this folder as-is; `parseRuleSet` checks the
 * JSON shape by hand for the same reason.
 */
export const SAFETY_CATEGORIES = [
  'violence',
  'nudity',
  'drugs',
  'weapons',
  'hate',
  'real_people',
  'copyrighted_characters',
  'competitor_brands',
  'misleading_claims',
] as const;
export type SafetyCategory = (typeof SAFETY_CATEGORIES)[number];

/** Same values as the `safety_violations.severity` CHECK in the desktop schema. */
export const SAFETY_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type SafetySeverity = (typeof SAFETY_SEVERITIES)[number];

export interface SafetyRule {
  id: string;
  category: SafetyCategory;
  severity: SafetySeverity;
  /** Case-insensitive RegExp sources, matched against normalised text. */
  patterns: string[];
  note?: string;
}

export interface SafetyRuleSet {
  version: number;
  description?: string;
  /** Default competitor brand names; callers may pass their own list to withCompetitorBrands. */
  competitorBrands: string[];
  rules: SafetyRule[];
}

export interface SafetyViolation {
  ruleId: string;
  category: SafetyCategory;
  severity: SafetySeverity;
  /** The matched words as they appear in the normalised text. */
  match: string;
  /** A short window of normalised text around the match, for logs and admin review. */
  excerpt: string;
  /** Offset of the match in the normalised text. */
  index: number;
}
