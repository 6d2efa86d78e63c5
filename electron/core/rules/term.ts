import type { TermInfo } from '../../api/elections.ts';
import { parameter, type RuleSet } from '../templates/ruleset.ts';
import { addMonths, chineseDate, wholeMonthsBetween } from './development-dates.ts';

/**
 * The 支委会's term (RULES.md §1, §5.1 step 1): it ends on the same calendar day `years` later
 * (支部工作条例第二十一条: 3 years, 5 for 村/社区); from term.warnMonths before the end the branch is
 * told to prepare the election, and once past the end that it is overdue. The end date itself still
 * belongs to the term, as with the probation (development-dates.ts, 民法典第二百零二条).
 */
export function termStatus(
  input: { startDate: string | null; years: number; asOf: string },
  ruleSet: RuleSet,
): Omit<TermInfo, 'branchId'> {
  const { startDate, years, asOf } = input;
  if (!startDate) {
    return { startDate: null, years, endDate: null, state: 'unknown', message: '尚未登记本届支委会的任期起始日期' };
  }
  const endDate = addMonths(startDate, years * 12);
  const end = chineseDate(endDate);
  const warnFrom = addMonths(endDate, -parameter(ruleSet, 'term.warnMonths'));
  if (asOf > endDate) {
    const months = wholeMonthsBetween(endDate, asOf);
    const maxDelay = parameter(ruleSet, 'term.maxDelayMonths');
    const over = months > 0 ? `届满 ${months} 个月` : '届满';
    const beyond = months >= maxDelay ? `，已超过经批准延期换届最长 ${maxDelay} 个月的期限` : '';
    return { startDate, years, endDate, state: 'expired', message: `任期已于 ${end} ${over}${beyond}，应尽快换届` };
  }
  if (asOf >= warnFrom) {
    return { startDate, years, endDate, state: 'warning', message: `任期将于 ${end} 届满，应在届满前做好换届准备` };
  }
  return { startDate, years, endDate, state: 'ok', message: `本届任期 ${chineseDate(startDate)} 至 ${end}` };
}
