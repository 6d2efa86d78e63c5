import { parameter, type RuleSet } from '../templates/ruleset.ts';

/**
 * Most members a 民主评议 may grade 优秀: floor(appraised / N) with N = life.appraisal.excellentDenominator
 * (12371 专题“民主评议党员”: 优秀一般不超过参评党员的三分之一). 9 appraised → 3; 10 → 3; 2 → 0.
 * A denominator of 0 or less means the rule set sets no cap.
 */
export function excellentCap(appraised: number, ruleSet: RuleSet): number {
  const denominator = parameter(ruleSet, 'life.appraisal.excellentDenominator');
  const n = Math.max(0, Math.floor(appraised));
  if (denominator <= 0) return n;
  return Math.floor(n / denominator);
}
