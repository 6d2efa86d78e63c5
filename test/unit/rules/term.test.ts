import { describe, expect, it } from 'vitest';
import { termStatus } from '../../../electron/core/rules/term.ts';
import { defaultRuleSet, withOverrides } from '../../../electron/core/templates/ruleset.ts';

describe('termStatus: the term ends on the same day N years later; warned 6 months ahead, expired after', () => {
  it.each([
    ['2026-08-31', 'ok', '本届任期 2024年3月1日 至 2027年3月1日'],
    ['2026-09-01', 'warning', '任期将于 2027年3月1日 届满，应在届满前做好换届准备'],
    ['2027-03-01', 'warning', '任期将于 2027年3月1日 届满，应在届满前做好换届准备'],
    ['2027-03-02', 'expired', '任期已于 2027年3月1日 届满，应尽快换届'],
    ['2027-04-01', 'expired', '任期已于 2027年3月1日 届满 1 个月，应尽快换届'],
    ['2027-12-31', 'expired', '任期已于 2027年3月1日 届满 9 个月，应尽快换届'],
    ['2028-03-01', 'expired', '任期已于 2027年3月1日 届满 12 个月，已超过经批准延期换届最长 12 个月的期限，应尽快换届'],
  ])('started 2024-03-01 for 3 years, on %s → %s', (asOf, state, message) => {
    expect(termStatus({ startDate: '2024-03-01', years: 3, asOf }, defaultRuleSet)).toEqual({
      startDate: '2024-03-01',
      years: 3,
      endDate: '2027-03-01',
      state,
      message,
    });
  });

  it('a term from 29 February ends on 28 February', () => {
    expect(termStatus({ startDate: '2024-02-29', years: 5, asOf: '2025-01-01' }, defaultRuleSet).endDate).toBe(
      '2029-02-28',
    );
  });

  it('is unknown without a start date', () => {
    expect(termStatus({ startDate: null, years: 3, asOf: '2025-01-01' }, defaultRuleSet)).toMatchObject({
      state: 'unknown',
      endDate: null,
    });
  });

  it('reads the warning period from the rule set', () => {
    const twoMonths = withOverrides(defaultRuleSet, { 'term.warnMonths': 2 });
    expect(termStatus({ startDate: '2024-03-01', years: 3, asOf: '2026-12-31' }, twoMonths).state).toBe('ok');
    expect(termStatus({ startDate: '2024-03-01', years: 3, asOf: '2027-01-01' }, twoMonths).state).toBe('warning');
  });
});
