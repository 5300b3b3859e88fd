export * from './types';
export { parseRuleSet, defaultRuleSet, withCompetitorBrands } from './ruleSet';
export { screenText, normaliseForScreening, severityRank, blockingViolations } from './screenText';
