import type { DuesCategory } from '../../api/dues.ts';
import { brackets, parameter, type RateBracket, type RuleSet } from '../templates/ruleset.ts';
import { monthStart } from './calendar.ts';

/** 元 in the rule set → 分. Amounts in 元 have at most two decimals, so rounding only removes float noise. */
const yuanToCents = (yuan: number) => Math.round(yuan * 100);

/** 3200 分 → '32.00'. */
export function centsText(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Rates as integer parts per million, so base × rate is exact integer arithmetic (0.015 is not exact in binary). */
const PPM = 1_000_000;
const ratePpm = (rate: number) => Math.round(rate * PPM);

function percentText(rate: number): string {
  return `${Math.round(rate * PPM) / (PPM / 100)}%`;
}

/** base × rate, rounded to the fen half up (中组发〔2008〕3号 sets no rounding; 分 is RULES.md §4.1's choice). */
function applyRate(baseCents: number, rate: number): number {
  return Math.floor((baseCents * ratePpm(rate) + PPM / 2) / PPM);
}

/**
 * The bracket a base falls in. The rate of that bracket applies to the whole base, a step and not a marginal
 * scale (RULES.md §4.1 rate semantics); `upTo` is inclusive: “3000元以下（含3000元）”.
 */
function bracketFor(list: RateBracket[], baseCents: number): { bracket: RateBracket; lowerCents: number | null } {
  let lowerCents: number | null = null;
  for (const bracket of list) {
    if (bracket.upTo === null || baseCents <= yuanToCents(bracket.upTo)) return { bracket, lowerCents };
    lowerCents = yuanToCents(bracket.upTo);
  }
  // A rule set whose last bracket has an upper bound: above it the last rate still applies.
  const last = list[list.length - 1] as RateBracket;
  return { bracket: last, lowerCents };
}

/** The bracket in the wording of 中组发〔2008〕3号: 3000元以下（含3000元）, 3000元以上至5000元（含5000元）, 10000元以上. */
function bracketText(bracket: RateBracket, lowerCents: number | null): string {
  const yuan = (cents: number) => (cents % 100 === 0 ? String(cents / 100) : centsText(cents));
  if (bracket.upTo === null) return lowerCents === null ? '不分档' : `${yuan(lowerCents)}元以上`;
  const upper = yuan(yuanToCents(bracket.upTo));
  if (lowerCents === null) return `${upper}元以下（含${upper}元）`;
  return `${yuan(lowerCents)}元以上至${upper}元（含${upper}元）`;
}

export interface MonthlyDueInput {
  category: DuesCategory;
  /** 计算基数 in 分: after-tax regular monthly pay, or the pension for 离退休; null for fixed-amount categories. */
  baseCents: number | null;
  /** 农民: the amount the branch set (0.2–1 元); 困难减免: the amount the next-level 党委 approved. */
  fixedMonthlyCents?: number | null;
}

export interface MonthlyDue {
  cents: number;
  /** How the amount was found, e.g. 3200.00 元 × 1% = 32.00 元. */
  explanation: string;
  /** What the clerk must correct, in Chinese; null when the input is complete and lawful. */
  problem: string | null;
}

const FIXED_CATEGORY_BASIS: Partial<Record<DuesCategory, string>> = {
  学生: '学生党员',
  下岗失业: '下岗失业党员',
  低保: '享受低保的党员',
};

function byBracket(category: DuesCategory, baseCents: number | null, ruleSet: RuleSet): MonthlyDue {
  // 中组发〔2008〕3号 第一至四条 (在职/年薪制/个体经营) and 第五条 (离退休): different tables.
  const key = category === '离退休' ? 'dues.retired' : 'dues.salaried';
  const baseLabel = category === '离退休' ? '离退休费' : '月收入（税后）';
  if (baseCents === null || !Number.isFinite(baseCents)) {
    return { cents: 0, explanation: `${category}党员按${baseLabel}计算`, problem: `请填写交纳基数：${baseLabel}` };
  }
  if (baseCents < 0 || !Number.isInteger(baseCents)) {
    return {
      cents: 0,
      explanation: `${category}党员按${baseLabel}计算`,
      problem: '交纳基数应为不小于 0 的金额（到分）',
    };
  }
  const { bracket, lowerCents } = bracketFor(brackets(ruleSet, key), baseCents);
  const cents = applyRate(baseCents, bracket.rate);
  return {
    cents,
    explanation: `${centsText(baseCents)} 元 × ${percentText(bracket.rate)} = ${centsText(cents)} 元（${category}：${baseLabel}${bracketText(bracket, lowerCents)}）`,
    problem: null,
  };
}

function farmer(fixed: number | null | undefined, ruleSet: RuleSet): MonthlyDue {
  // 中组发〔2008〕3号 第六条: 农民党员每月交纳党费0.2元至1元.
  const min = yuanToCents(parameter(ruleSet, 'dues.farmer.min'));
  const max = yuanToCents(parameter(ruleSet, 'dues.farmer.max'));
  const range = `${centsText(min)}–${centsText(max)} 元`;
  if (fixed === null || fixed === undefined) {
    return { cents: min, explanation: `农民党员每月 ${range}，未填写金额，按最低 ${centsText(min)} 元`, problem: null };
  }
  if (fixed >= min && fixed <= max && Number.isInteger(fixed)) {
    return { cents: fixed, explanation: `农民党员每月 ${range}，支部确定 ${centsText(fixed)} 元`, problem: null };
  }
  // Out of range: keep the ledger lawful (the nearest bound) and tell the clerk; more than the maximum is a
  // voluntary extra payment (第十一条), recorded as a payment, not as the monthly due.
  const cents = Math.min(max, Math.max(min, Math.round(fixed)));
  return {
    cents,
    explanation: `农民党员每月 ${range}，按 ${centsText(cents)} 元计`,
    problem: `农民党员每月交纳 ${range}，填写的 ${centsText(fixed)} 元超出范围`,
  };
}

/** 月应交党费 of one member (中组发〔2008〕3号, RULES.md §4.1), in 分. */
export function monthlyDueCents(input: MonthlyDueInput, ruleSet: RuleSet): MonthlyDue {
  const { category, baseCents, fixedMonthlyCents } = input;
  switch (category) {
    case '在职':
    case '年薪制':
    case '个体经营':
    case '离退休':
      return byBracket(category, baseCents, ruleSet);
    case '农民':
      return farmer(fixedMonthlyCents, ruleSet);
    case '学生':
    case '下岗失业':
    case '低保': {
      const cents = yuanToCents(parameter(ruleSet, 'dues.minimal'));
      return { cents, explanation: `${FIXED_CATEGORY_BASIS[category]}每月交纳 ${centsText(cents)} 元`, problem: null };
    }
    case '困难减免': {
      // 第七条: 少交/免交 needs the branch's study and the next-level 党委's approval; 0 (免交) is lawful.
      if (fixedMonthlyCents === null || fixedMonthlyCents === undefined) {
        return { cents: 0, explanation: '困难减免', problem: '请填写上级党委批准的每月交纳金额（免交填 0）' };
      }
      if (fixedMonthlyCents < 0 || !Number.isInteger(fixedMonthlyCents)) {
        return { cents: 0, explanation: '困难减免', problem: '批准的每月交纳金额应为不小于 0 的金额（到分）' };
      }
      const what =
        fixedMonthlyCents === 0 ? '经上级党委批准免交' : `经上级党委批准每月交纳 ${centsText(fixedMonthlyCents)} 元`;
      return { cents: fixedMonthlyCents, explanation: `困难减免：${what}`, problem: null };
    }
  }
}

export interface DuesStatusInput {
  year: number;
  /** Today, 'YYYY-MM-DD'. */
  asOf: string;
  /** 1–12: the first month the member owes this year (e.g. joined, or transferred in). */
  dueFromMonth: number;
  /** 1–12: the last month the member owes this year (e.g. transferred out); 12 otherwise. */
  dueToMonth: number;
  monthlyDueCents: number;
  /** Index 0 = January: paid amount in 分, or null when nothing was paid for that month. */
  paidCentsByMonth: Array<number | null>;
}

export interface DuesStatus {
  dueToDateCents: number;
  /** Paid for the months that have begun (advance payments for later months are not included). */
  paidToDateCents: number;
  /** Longest run of consecutive due months not paid in full. */
  arrearsStreak: number;
  flags: string[];
}

/**
 * Dues owed and paid so far in one year, and the arrears streak (党章第九条: 连续6个月不交纳党费 → 自行脱党).
 * A month is due once it has begun: dues are collected during the month (a fixed 党费日), so on 3 July the
 * July dues are already owed and an unpaid July counts in the streak. The streak alert is a reminder to
 * collect, never a decision: 自行脱党 is decided by the branch.
 */
export function duesStatus(input: DuesStatusInput, ruleSet: RuleSet): DuesStatus {
  const { year, asOf, dueFromMonth, dueToMonth, monthlyDueCents: due, paidCentsByMonth } = input;
  if (paidCentsByMonth.length !== 12) {
    throw new Error(`duesStatus: paidCentsByMonth must have 12 months, got ${paidCentsByMonth.length}`);
  }
  const alertMonths = parameter(ruleSet, 'dues.arrearsAlertMonths');
  const monthFlags: string[] = [];
  let dueToDateCents = 0;
  let paidToDateCents = 0;
  let run = 0;
  let arrearsStreak = 0;

  for (let month = 1; month <= 12; month += 1) {
    const paid = paidCentsByMonth[month - 1] ?? null;
    const begun = monthStart(year, month) <= asOf;
    const owed = month >= dueFromMonth && month <= dueToMonth;
    if (begun && paid !== null) paidToDateCents += paid;

    if (!owed) {
      if (paid !== null && paid > 0) monthFlags.push(`${month}月不在应交月份内，却有交纳记录 ${centsText(paid)} 元`);
      continue;
    }
    if (paid !== null && paid !== due) {
      monthFlags.push(`${month}月实交与应交不符（应交 ${centsText(due)} 元，实交 ${centsText(paid)} 元）`);
    }
    if (!begun) continue;
    dueToDateCents += due;
    // A partial payment leaves the month unpaid: 按月足额交纳.
    if ((paid ?? 0) >= due) {
      run = 0;
    } else {
      run += 1;
      arrearsStreak = Math.max(arrearsStreak, run);
    }
  }

  const flags = arrearsStreak >= alertMonths ? [`连续 ${arrearsStreak} 个月未交党费`, ...monthFlags] : monthFlags;
  return { dueToDateCents, paidToDateCents, arrearsStreak, flags };
}
