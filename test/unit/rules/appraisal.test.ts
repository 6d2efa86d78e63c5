import { describe, expect, it } from 'vitest';
import { excellentCap } from '../../../electron/core/rules/appraisal.ts';
import { defaultRuleSet, withOverrides } from '../../../electron/core/templates/ruleset.ts';

describe('excellentCap: 优秀 ≤ floor(参评人数 / 3)', () => {
  it.each([
    [0, 0],
    [2, 0],
    [3, 1],
    [8, 2],
    [9, 3],
    [10, 3],
    [11, 3],
    [12, 4],
    [50, 16],
  ])('%i appraised → at most %i 优秀', (appraised, cap) => {
    expect(excellentCap(appraised, defaultRuleSet)).toBe(cap);
  });

  it('reads the denominator from the rule set; 0 sets no cap', () => {
    expect(excellentCap(10, withOverrides(defaultRuleSet, { 'life.appraisal.excellentDenominator': 4 }))).toBe(2);
    expect(excellentCap(10, withOverrides(defaultRuleSet, { 'life.appraisal.excellentDenominator': 0 }))).toBe(10);
  });
});
