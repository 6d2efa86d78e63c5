import { describe, expect, it } from 'vitest';
import type { DuesCategory } from '../../../electron/api/dues.ts';
import { centsText, type DuesStatusInput, duesStatus, monthlyDueCents } from '../../../electron/core/rules/dues.ts';
import { defaultRuleSet, withOverrides } from '../../../electron/core/templates/ruleset.ts';

const due = (category: DuesCategory, baseCents: number | null, fixedMonthlyCents?: number | null) =>
  monthlyDueCents({ category, baseCents, fixedMonthlyCents }, defaultRuleSet);

describe('monthlyDueCents: the rate of the bracket applies to the whole base (中组发〔2008〕3号 第一至五条)', () => {
  it.each([
    // category, base 分, due 分 — RULES.md §4.1 worked examples and the bracket edges (upTo inclusive)
    ['在职', 320000, 3200],
    ['在职', 540000, 8100],
    ['在职', 1000000, 15000],
    ['在职', 1150000, 23000],
    ['在职', 300000, 1500],
    ['在职', 300001, 3000],
    ['在职', 500000, 5000],
    ['在职', 500001, 7500],
    ['在职', 1000001, 20000],
    ['在职', 0, 0],
    ['在职', 99, 0],
    ['在职', 100, 1],
    // 0.5% of 1.99 元 = 0.00995 元: rounds half up to the fen
    ['在职', 199, 1],
    ['在职', 300, 2],
    ['年薪制', 1150000, 23000],
    ['个体经营', 320000, 3200],
    ['离退休', 500000, 2500],
    ['离退休', 500001, 5000],
    ['离退休', 300000, 1500],
    ['离退休', 1200000, 12000],
  ] as const)('%s, base %i 分 → %i 分', (category, baseCents, cents) => {
    expect(due(category, baseCents)).toMatchObject({ cents, problem: null });
  });

  it('explains the amount in the words of the regulation', () => {
    expect(due('在职', 320000).explanation).toBe(
      '3200.00 元 × 1% = 32.00 元（在职：月收入（税后）3000元以上至5000元（含5000元））',
    );
    expect(due('在职', 300000).explanation).toContain('3000元以下（含3000元）');
    expect(due('在职', 540000).explanation).toContain('× 1.5% = 81.00 元');
    expect(due('在职', 1150000).explanation).toContain('10000元以上');
    expect(due('离退休', 500001).explanation).toBe('5000.01 元 × 1% = 50.00 元（离退休：离退休费5000元以上）');
  });

  it('asks for the base when a salaried member has none', () => {
    expect(due('在职', null)).toMatchObject({ cents: 0, problem: '请填写交纳基数：月收入（税后）' });
    expect(due('离退休', null).problem).toBe('请填写交纳基数：离退休费');
    expect(due('在职', -100).problem).toContain('不小于 0');
  });
});

describe('monthlyDueCents: fixed amounts (第六条、第七条)', () => {
  it.each([
    // category, fixed 分, due 分, problem fragment
    ['农民', undefined, 20, null],
    ['农民', null, 20, null],
    ['农民', 20, 20, null],
    ['农民', 50, 50, null],
    ['农民', 100, 100, null],
    ['农民', 19, 20, '农民党员每月交纳 0.20–1.00 元，填写的 0.19 元超出范围'],
    ['农民', 101, 100, '填写的 1.01 元超出范围'],
    ['学生', undefined, 20, null],
    ['下岗失业', undefined, 20, null],
    ['低保', 500, 20, null],
    ['困难减免', 0, 0, null],
    ['困难减免', 50, 50, null],
    ['困难减免', undefined, 0, '请填写上级党委批准的每月交纳金额（免交填 0）'],
  ] as const)('%s, fixed %s 分 → %i 分', (category, fixed, cents, problem) => {
    const result = due(category, null, fixed);
    expect(result.cents).toBe(cents);
    if (problem === null) expect(result.problem).toBeNull();
    else expect(result.problem).toContain(problem);
  });

  it('explains 免交 and the farmers’ default', () => {
    expect(due('困难减免', null, 0).explanation).toBe('困难减免：经上级党委批准免交');
    expect(due('农民', null).explanation).toBe('农民党员每月 0.20–1.00 元，未填写金额，按最低 0.20 元');
    expect(due('学生', null).explanation).toBe('学生党员每月交纳 0.20 元');
  });

  it('reads the amounts from the rule set', () => {
    const local = withOverrides(defaultRuleSet, { 'dues.minimal': 0.5, 'dues.farmer.min': 0.5 });
    expect(monthlyDueCents({ category: '学生', baseCents: null }, local).cents).toBe(50);
    expect(monthlyDueCents({ category: '农民', baseCents: null, fixedMonthlyCents: 20 }, local).problem).toContain(
      '超出范围',
    );
  });
});

describe('centsText', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [3200, '32.00'],
    [300001, '3000.01'],
    [-150, '-1.50'],
  ])('%i → %s', (cents, text) => expect(centsText(cents)).toBe(text));
});

const months = (paid: Record<number, number>): Array<number | null> =>
  Array.from({ length: 12 }, (_, i) => paid[i + 1] ?? null);
const status = (over: Partial<DuesStatusInput>) =>
  duesStatus(
    {
      year: 2026,
      asOf: '2026-12-31',
      dueFromMonth: 1,
      dueToMonth: 12,
      monthlyDueCents: 3200,
      paidCentsByMonth: months({}),
      ...over,
    },
    defaultRuleSet,
  );
const allPaid = (from: number, to: number, cents = 3200) =>
  Object.fromEntries(Array.from({ length: to - from + 1 }, (_, i) => [from + i, cents]));

describe('duesStatus: a month is due once it has begun', () => {
  it.each([
    // asOf, months due → due to date
    ['2025-12-31', 0],
    ['2026-01-01', 1],
    ['2026-03-31', 3],
    ['2026-04-01', 4],
    ['2026-12-31', 12],
    ['2027-06-30', 12],
  ])('as of %s, %i months are due', (asOf, n) => {
    expect(status({ asOf }).dueToDateCents).toBe(n * 3200);
  });

  it('counts only the months the member owes (joined in April, transferred out in September)', () => {
    const result = status({ dueFromMonth: 4, dueToMonth: 9, paidCentsByMonth: months(allPaid(4, 9)) });
    expect(result).toEqual({ dueToDateCents: 6 * 3200, paidToDateCents: 6 * 3200, arrearsStreak: 0, flags: [] });
  });

  it('does not count advance payments for months not yet begun as paid to date', () => {
    const result = status({ asOf: '2026-06-15', paidCentsByMonth: months(allPaid(1, 12)) });
    expect(result).toMatchObject({ dueToDateCents: 6 * 3200, paidToDateCents: 6 * 3200, arrearsStreak: 0, flags: [] });
  });
});

describe('duesStatus: the arrears streak (党章第九条: 连续6个月不交纳党费)', () => {
  it.each([
    // paid months, asOf, streak, alert
    [allPaid(1, 12), '2026-12-31', 0, false],
    [allPaid(1, 6), '2026-12-31', 6, true],
    [allPaid(1, 7), '2026-12-31', 5, false],
    [{}, '2026-05-31', 5, false],
    [{}, '2026-06-01', 6, true],
    [{ 1: 3200, 4: 3200, 8: 3200 }, '2026-12-31', 4, false],
    [{ 2: 3200 }, '2026-12-31', 10, true],
  ])('paid %o, as of %s → streak %i', (paid, asOf, streak, alert) => {
    const result = status({ asOf, paidCentsByMonth: months(paid) });
    expect(result.arrearsStreak).toBe(streak);
    expect(result.flags.includes(`连续 ${streak} 个月未交党费`)).toBe(alert);
  });

  it('counts a partial payment as unpaid and flags it', () => {
    const result = status({ asOf: '2026-07-31', paidCentsByMonth: months({ ...allPaid(1, 7, 3000) }) });
    expect(result.arrearsStreak).toBe(7);
    expect(result.paidToDateCents).toBe(7 * 3000);
    expect(result.flags[0]).toBe('连续 7 个月未交党费');
    expect(result.flags).toContain('3月实交与应交不符（应交 32.00 元，实交 30.00 元）');
  });

  it('flags an overpayment but counts the month as paid', () => {
    const result = status({ paidCentsByMonth: months({ ...allPaid(1, 12), 5: 5000 }) });
    expect(result.arrearsStreak).toBe(0);
    expect(result.flags).toEqual(['5月实交与应交不符（应交 32.00 元，实交 50.00 元）']);
  });

  it('flags a payment for a month the member did not owe', () => {
    const result = status({ dueFromMonth: 3, paidCentsByMonth: months({ ...allPaid(3, 12), 1: 3200 }) });
    expect(result.flags).toEqual(['1月不在应交月份内，却有交纳记录 32.00 元']);
    expect(result.dueToDateCents).toBe(10 * 3200);
  });

  it('never puts a member exempted from dues (免交, 0 a month) in arrears', () => {
    expect(status({ monthlyDueCents: 0 })).toEqual({
      dueToDateCents: 0,
      paidToDateCents: 0,
      arrearsStreak: 0,
      flags: [],
    });
  });

  it('reads the alert threshold from the rule set', () => {
    const strict = withOverrides(defaultRuleSet, { 'dues.arrearsAlertMonths': 3 });
    const input = {
      year: 2026,
      asOf: '2026-03-31',
      dueFromMonth: 1,
      dueToMonth: 12,
      monthlyDueCents: 3200,
      paidCentsByMonth: months({}),
    };
    expect(duesStatus(input, strict).flags).toEqual(['连续 3 个月未交党费']);
  });

  it('refuses a year that is not 12 months long', () => {
    expect(() => status({ paidCentsByMonth: [null] })).toThrow(/12 months/);
  });
});
