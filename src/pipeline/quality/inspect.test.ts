import { describe, expect, it } from 'vitest';
import { PLAN_FACTS_TAG } from '../../shared/quality/facts';
import { readPlanFacts } from './inspect';

const facts = { version: 1, master: null, voice: { lines: 2, cutSeconds: 0, cutLines: [], crossingCuts: [] }, balance: null, layout: null };

describe('readPlanFacts', () => {
  it('reads valid facts, says null when the tag is absent and unreadable when it is broken', () => {
    expect(readPlanFacts({})).toBeNull();
    expect(readPlanFacts({ [PLAN_FACTS_TAG]: JSON.stringify(facts) })).toMatchObject({ voice: { lines: 2 } });
    expect(readPlanFacts({ [PLAN_FACTS_TAG]: '{"voice": ' })).toBe('unreadable');
    expect(readPlanFacts({ [PLAN_FACTS_TAG]: JSON.stringify({ voice: { lines: 'two' } }) })).toBe('unreadable');
  });
});
