import { describe, expect, it } from 'vitest';
import type { StarStep } from '../../../electron/api/exemplary.ts';
import { LedgerError } from '../../../electron/core/errors.ts';
import {
  averageVotes,
  decisionRefusal,
  disqualifiersFor,
  type MemberFacts,
  parsePeriod,
  periodOn,
  periodsOf,
  ruleText,
  starLabel,
  stepRefusal,
} from '../../../electron/core/rules/exemplary.ts';
import {
  defaultExemplaryScheme,
  type ExemplarySchemeFile,
  loadExemplaryScheme,
} from '../../../electron/core/templates/exemplary.ts';
import shipped from '../../../templates/exemplary/default-2026.json' with { type: 'json' };

/** A scheme with round thresholds, so the boundaries below read plainly: 3 months, 2 absences. */
const scheme: Pick<ExemplarySchemeFile, 'disqualifiers'> = {
  disqualifiers: [
    { id: 'DQ-DUES', kind: 'dues-arrears', title: '欠缴党费', months: 3, source: 's', tag: 'LOCAL' },
    {
      id: 'DQ-ABSENCE',
      kind: 'unexcused-absence',
      title: '无故缺席组织生活',
      times: 2,
      meetingKinds: ['党员大会', '党课', '主题党日'],
      source: 's',
      tag: 'LOCAL',
    },
    {
      id: 'DQ-APPRAISAL',
      kind: 'appraisal-grade',
      title: '民主评议不合格',
      grades: ['不合格'],
      source: 's',
      tag: 'LOCAL',
    },
    { id: 'DQ-DISCIPLINE', kind: 'manual', title: '受到党纪处分', source: 's', tag: 'LOCAL' },
  ],
};

const H1 = parsePeriod('半年', '2026-H1');
const H2 = parsePeriod('半年', '2026-H2');
const YEAR = parsePeriod('年度', '2026');
const none: MemberFacts = { unpaidMonths: [], absences: [], appraisals: [], manual: {} };
const ids = (facts: Partial<MemberFacts>, period = H1) =>
  disqualifiersFor(scheme, period, { ...none, ...facts }).map((h) => h.id);

describe('award periods', () => {
  it.each([
    ['半年', '2026-H1', '2026年上半年', '2026-01-01', '2026-06-30'],
    ['半年', '2026-H2', '2026年下半年', '2026-07-01', '2026-12-31'],
    ['年度', '2026', '2026年度', '2026-01-01', '2026-12-31'],
  ] as const)('%s %s is %s, %s to %s', (cadence, key, label, from, to) => {
    expect(parsePeriod(cadence, key)).toMatchObject({ key, label, from, to, year: 2026 });
  });

  it.each([
    ['半年', '2026'],
    ['年度', '2026-H1'],
  ] as const)('refuses a %s key %s that does not fit the cadence, naming what fits', (cadence, key) => {
    expect(() => parsePeriod(cadence, key)).toThrow(LedgerError);
    expect(() => parsePeriod(cadence, key)).toThrow(`本办法按${cadence}评定`);
  });

  it.each([
    ['2026-06-30', '2026-H1'],
    ['2026-07-01', '2026-H2'],
    ['2026-01-01', '2026-H1'],
    ['2026-12-31', '2026-H2'],
  ])('puts %s in %s', (date, key) => {
    expect(periodOn('半年', date).key).toBe(key);
  });

  it('has one period a year under 年度 and two under 半年', () => {
    expect(periodsOf('年度', 2025).map((p) => p.key)).toEqual(['2025']);
    expect(periodsOf('半年', 2025).map((p) => p.key)).toEqual(['2025-H1', '2025-H2']);
  });
});

describe('disqualifiers checked against the ledger', () => {
  it.each<[string, Partial<MemberFacts>, typeof H1, string[]]>([
    ['nothing recorded', {}, H1, []],
    ['2 unpaid months: one short of 3', { unpaidMonths: [2, 3] }, H1, []],
    ['exactly 3 unpaid months', { unpaidMonths: [1, 2, 3] }, H1, ['DQ-DUES']],
    ['3 unpaid months but one in the other half', { unpaidMonths: [5, 6, 7] }, H1, []],
    ['the same 3 months counted in the year', { unpaidMonths: [5, 6, 7] }, YEAR, ['DQ-DUES']],
    ['a month listed twice counts once', { unpaidMonths: [4, 4, 5] }, H1, []],
    ['one absence', { absences: [{ meetingId: 1, date: '2026-03-05', kind: '党员大会' }] }, H1, []],
    [
      'exactly 2 absences',
      {
        absences: [
          { meetingId: 1, date: '2026-03-05', kind: '党员大会' },
          { meetingId: 2, date: '2026-04-05', kind: '党课' },
        ],
      },
      H1,
      ['DQ-ABSENCE'],
    ],
    [
      'a 套会 missed once is one absence, not two',
      {
        absences: [
          { meetingId: 1, date: '2026-03-05', kind: '党员大会' },
          { meetingId: 1, date: '2026-03-05', kind: '党课' },
        ],
      },
      H1,
      [],
    ],
    [
      'absences at kinds the rule leaves out (支委会) do not count',
      {
        absences: [
          { meetingId: 1, date: '2026-03-05', kind: '支委会' },
          { meetingId: 2, date: '2026-04-05', kind: '支委会' },
        ],
      },
      H1,
      [],
    ],
    [
      'absences on the last day of H1 and the first of H2 fall in different halves',
      {
        absences: [
          { meetingId: 1, date: '2026-06-30', kind: '主题党日' },
          { meetingId: 2, date: '2026-07-01', kind: '主题党日' },
        ],
      },
      H2,
      [],
    ],
    [
      '民主评议 基本合格 is not 不合格',
      { appraisals: [{ meetingId: 9, date: '2026-01-20', grade: '基本合格' }] },
      H2,
      [],
    ],
    [
      '民主评议 不合格 early in the year stands for the second half too',
      { appraisals: [{ meetingId: 9, date: '2026-01-20', grade: '不合格' }] },
      H2,
      ['DQ-APPRAISAL'],
    ],
    [
      '民主评议 不合格 of last year does not count',
      { appraisals: [{ meetingId: 9, date: '2025-12-20', grade: '不合格' }] },
      H1,
      [],
    ],
    [
      'a 党纪处分 ticked with a reason',
      { manual: { 'DQ-DISCIPLINE': '2026年3月受到党内警告处分' } },
      H1,
      ['DQ-DISCIPLINE'],
    ],
    ['a tick for a rule the scheme does not have', { manual: { 'DQ-OTHER': '某事' } }, H1, []],
  ])('%s', (_name, facts, period, expected) => {
    expect(ids(facts, period)).toEqual(expected);
  });

  it('names the period, the count and the records, and states the rule', () => {
    const [dues, absence] = disqualifiersFor(scheme, H1, {
      ...none,
      unpaidMonths: [6, 3, 4, 5],
      absences: [
        { meetingId: 2, date: '2026-04-05', kind: '党课' },
        { meetingId: 1, date: '2026-03-05', kind: '党员大会' },
      ],
    });
    expect(dues).toMatchObject({
      reason: '2026年上半年欠缴党费4个月',
      rule: '欠缴党费≥3个月不得评星',
      manual: false,
    });
    expect(dues?.evidence.map((e) => e.label)).toEqual([
      '2026年3月党费未交足',
      '2026年4月党费未交足',
      '2026年5月党费未交足',
      '2026年6月党费未交足',
    ]);
    expect(absence?.reason).toBe('2026年上半年无故缺席组织生活2次');
    expect(absence?.rule).toBe('无故缺席组织生活≥2次不得评星');
    expect(absence?.evidence).toEqual([
      { date: '2026-03-05', label: '党员大会（缺席，未请假）' },
      { date: '2026-04-05', label: '党课（缺席，未请假）' },
    ]);
  });
});

describe('the steps go in order', () => {
  it.each<[StarStep | null, StarStep, string | null]>([
    [null, '自评', null],
    [null, '互评', '请先完成自评，再进行互评。'],
    [null, '支部评定', '请先完成自评和互评，再由支部评定。'],
    ['自评', '自评', null],
    ['自评', '互评', null],
    ['自评', '支部评定', '请先完成互评，再由支部评定。'],
    ['互评', '自评', '已完成互评，不能再修改自评。'],
    ['互评', '互评', null],
    ['互评', '支部评定', null],
    ['支部评定', '自评', '支部已评定，本期星级不能再修改。'],
    ['支部评定', '互评', '支部已评定，本期星级不能再修改。'],
    ['支部评定', '支部评定', '支部已评定，本期星级不能再修改。'],
  ])('at stage %s, %s → %s', (stage, step, refusal) => {
    expect(stepRefusal(stage, step)).toBe(refusal);
  });
});

describe('the branch decision', () => {
  const hits = disqualifiersFor(scheme, H1, { ...none, unpaidMonths: [1, 2, 3, 4] });

  it.each([
    [0, [], null],
    [3, [], null],
    [0, hits, null],
  ] as const)('awards %i stars with %j disqualifiers', (stars, list, expected) => {
    expect(decisionRefusal('张三', stars, [...list])).toBe(expected);
  });

  it('refuses a star while a disqualifier applies, naming it and its rule', () => {
    expect(decisionRefusal('张三', 1, hits)).toBe(
      '张三不能评星：2026年上半年欠缴党费4个月（规则：欠缴党费≥3个月不得评星）。如属实，请评定为“不评星”。',
    );
  });
});

describe('stars', () => {
  it.each([
    [[5], 5],
    [[4, 5], 4.5],
    [[3, 4, 4], 3.7],
    [[1, 1, 2], 1.3],
  ])('averages the votes %j to %d', (votes, average) => {
    expect(averageVotes(votes)).toBe(average);
  });

  it('labels 0 as 不评星 and 1–5 by the scheme', () => {
    const s = defaultExemplaryScheme();
    expect([0, 1, 3, 5].map((n) => starLabel(s, n))).toEqual(['不评星', '一星', '三星', '五星']);
  });
});

describe('the shipped scheme', () => {
  const s = defaultExemplaryScheme();

  it('is marked as an example built from published practice, with its sources', () => {
    expect(s.example).toBe(true);
    expect(s.name).toContain('示例');
    expect(s.sources.map((x) => x.id)).toContain('党员教育管理工作条例第二十二条');
    expect(s.steps).toEqual(['自评', '互评', '支部评定']);
    expect(s.stars.map((x) => x.label)).toEqual(['一星', '二星', '三星', '四星', '五星']);
    expect(s.postKinds.map((k) => k.kind)).toEqual(['党员示范岗', '党员责任区', '党员先锋岗']);
    expect(s.disqualifiers.map(ruleText)).toEqual([
      `欠缴党费≥${shipped.disqualifiers[0]?.months}个月不得评星`,
      `无故缺席组织生活≥${shipped.disqualifiers[1]?.times}次不得评星`,
      '民主评议评定为不合格不得评星',
      '受到党纪处分或正在接受审查不得评星',
    ]);
  });

  it.each<[string, (raw: typeof shipped) => void, string]>([
    [
      'a star scale out of order',
      (raw) => {
        raw.stars.reverse();
      },
      'stars.0：应为第 1 级，现为 5',
    ],
    [
      'a disqualifier of an unknown kind',
      (raw) => {
        (raw.disqualifiers[0] as { kind: string }).kind = 'salary';
      },
      '否决条件的类别应为',
    ],
    [
      'steps out of order',
      (raw) => {
        raw.steps = ['互评', '自评', '支部评定'];
      },
      '评定步骤应为 自评 → 互评 → 支部评定',
    ],
    [
      'a zero month threshold',
      (raw) => {
        (raw.disqualifiers[0] as { months: number }).months = 0;
      },
      '月数须大于 0',
    ],
  ])('refuses a file with %s, naming the place', (_name, spoil, message) => {
    const raw = structuredClone(shipped);
    spoil(raw);
    expect(() => loadExemplaryScheme(raw, 'my.json')).toThrow(message);
    expect(() => loadExemplaryScheme(raw, 'my.json')).toThrow('示范岗与星级评定办法“my.json”有误');
  });
});
