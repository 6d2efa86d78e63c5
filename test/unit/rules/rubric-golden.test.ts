import { describe, expect, it } from 'vitest';
import type { ComplianceCell, ComplianceFinding } from '../../../electron/api/compliance.ts';
import type { BranchYearFacts } from '../../../electron/core/rules/assessment-facts.ts';
import { defaultRubric, gradeBranchYear } from '../../../electron/core/rules/rubric.ts';

/*
 * GOLDEN: 第一党支部, 2026, graded by hand against templates/rubrics/default-2026.json (year over, asOf 2027-01-15).
 *
 * The ledger (built below): 20 members, 2 党小组, last year 标准型.
 *   党员大会 Feb/May/Aug/Nov · 支委会 every month but March (Jan–Jun entered late: 5 records 补录)
 *   第一党小组 12 months · 第二党小组 all but May and September (its 10 records have no photos)
 *   党课 Mar/Jun/Sep/Dec · 主题党日 all but February · one 组织生活会 that is also the 民主评议 (December)
 *   → 4 + 11 + 12 + 10 + 4 + 11 + 1 = 53 records; 5 补录; 43 with attachments
 *   谈心谈话 18 of 20 members · 1 member short of study hours · nobody absent 6 months
 *   党费 236 of 240 member-months paid, 1 member in arrears (2 months) · 发展党员 nothing overdue · term ok
 *   书记项目 3 of 4 targets met · 整改 5 of 5 closed · annual plan, 1 plan item overdue
 *
 * 班子建设 (12)
 *   A1 manual 好                                   4
 *   A2 term ok: 0 × 4 deducted                     4
 *   A3 manual                                      3      = 11
 * 组织生活 (30)
 *   B1 党员大会 4/4 quarters: 6 − 0 × 2             6
 *   B2 支委会 missing 3月: 5 − 1 × 0.5              4.5
 *   B3 党小组会 missing 2 group-months: 3 − 2 × 0.5  2
 *   B4 党课 4 ≥ 4                                   4
 *   B5 主题党日 missing 2月: 5 − 1 × 0.5             4.5
 *   B6 组织生活会 1 ≥ 1                              3
 *   B7 民主评议 1 ≥ 1                                2
 *   B8 谈心谈话 18/20 = 90% < 100 → partial          1      = 27
 * 党员教育管理 (14)
 *   C1 1 member short: 4 − 1 × 0.5                 3.5
 *   C2 0 absence alerts: 3 − 0                      3
 *   C3 manual 较好                                  3
 *   C4 manual 较好                                  2.25   = 11.75
 * 发展党员 (8)
 *   D1 0 overdue: 6 − 0                             6
 *   D2 manual                                       1.5    = 7.5
 * 党费管理 (8)
 *   E1 236/240 = 98.33% < 100 → partial             2
 *   E2 1 member in arrears: 2 − 1 × 1               1
 *   E3 manual                                       2      = 5
 * 基础工作和台账 (14)
 *   F1 annual plan 1 ≥ 1                            2
 *   F2 1 overdue: 2 − 1 × 0.5                       1.5
 *   F3 补录 5/53 = 9.43% ≤ 10                        3
 *   F4 attachments 43/53 = 81.13% ≥ 80              3
 *   F5 manual                                       3      = 12.5
 * 工作成效 (14)
 *   G1 targets 3/4 = 75% < 100 → partial            2
 *   G2 整改 5/5 = 100% ≥ 100                         3
 *   G3 manual 较好                                   3
 *   G4 manual bonus, not yet scored                 (0)    = 8
 *
 * Total 11 + 27 + 11.75 + 7.5 + 5 + 12.5 + 8 = 82.75 → ≥ 80: 标准型. 示范型 needs 90: 7.25 short; last year's
 * 标准型 meets its prerequisite. Blockers: 距示范型还差 7.25 分; 尚有 1 个人工评分项未评分.
 * Scoring G4 at 3 later: 85.75, still 标准型, 距示范型还差 4.25 分.
 */

let nextId = 1;
const mm = (m: number) => String(m).padStart(2, '0');
const upTo12 = Array.from({ length: 12 }, (_, i) => i + 1);
const except = (...skip: number[]) => upTo12.filter((m) => !skip.includes(m));

function held(kinds: string[], monthList: number[], over: Partial<BranchYearFacts['meetings'][number]> = {}) {
  return monthList.map((m) => ({
    id: nextId++,
    kinds,
    heldOn: `2026-${mm(m)}-15`,
    expected: 20,
    present: 18,
    backfilled: false,
    attachments: 2,
    ...over,
  }));
}

const congress = held(['党员大会'], [2, 5, 8, 11]);
const committee = [
  ...held(['支委会'], [1, 2, 4, 5, 6], { backfilled: true }),
  ...held(['支委会'], except(1, 2, 3, 4, 5, 6)),
];
const group1 = held(['党小组会'], upTo12);
const group2 = held(['党小组会'], except(5, 9), { attachments: 0 });
const lectures = held(['党课'], [3, 6, 9, 12]);
const themeDays = held(['主题党日'], except(2));
const orgLife = held(['组织生活会', '民主评议'], [12]);

type Meeting = BranchYearFacts['meetings'][number];
const monthOf = (m: Meeting) => Number(m.heldOn.slice(5, 7));

function monthCells(ruleId: string, meetings: Meeting[]): ComplianceCell[] {
  return upTo12.map((month) => {
    const evidence = meetings.filter((m) => monthOf(m) === month).map((m) => m.id);
    return {
      ruleId,
      period: `2026-${mm(month)}`,
      required: 1,
      held: evidence.length,
      state: evidence.length > 0 ? 'ok' : 'missing',
      evidence,
    };
  });
}

function quarterCells(ruleId: string, meetings: Meeting[]): ComplianceCell[] {
  return [1, 2, 3, 4].map((q) => {
    const evidence = meetings.filter((m) => Math.ceil(monthOf(m) / 3) === q).map((m) => m.id);
    return {
      ruleId,
      period: `2026-Q${q}`,
      required: 1,
      held: evidence.length,
      state: evidence.length > 0 ? 'ok' : 'missing',
      evidence,
    };
  });
}

const finding = (
  ruleId: string,
  message: string,
  period: string,
  memberId: number | null = null,
): ComplianceFinding => ({
  ruleId,
  severity: 'error',
  message,
  period,
  memberId,
  source: '中国共产党支部工作条例（试行）',
});

const facts: BranchYearFacts = {
  year: 2026,
  asOf: '2027-01-15',
  branch: { id: 1, name: '第一党支部' },
  compliance: {
    cells: [
      ...quarterCells('MTG-01', congress),
      ...monthCells('MTG-02', committee),
      ...monthCells('MTG-03:11', group1),
      ...monthCells('MTG-03:12', group2),
      ...quarterCells('MTG-04', lectures),
      ...monthCells('MTG-05', themeDays),
      { ruleId: 'MTG-06', period: '2026', required: 1, held: 1, state: 'ok', evidence: [orgLife[0]?.id ?? 0] },
      { ruleId: 'MTG-07', period: '2026', required: 1, held: 1, state: 'ok', evidence: [orgLife[0]?.id ?? 0] },
      { ruleId: 'MTG-08', period: '2026', required: 20, held: 18, state: 'missing', evidence: [901, 902] },
      { ruleId: 'MTG-09', period: '2026', required: 20, held: 19, state: 'missing', evidence: [] },
      { ruleId: 'MTG-10', period: '2026', required: 20, held: 20, state: 'ok', evidence: [] },
    ],
    findings: [
      finding('MTG-02', '2026年3月 缺支委会', '2026-03'),
      finding('MTG-03:12', '2026年5月 第二党小组 缺党小组会', '2026-05'),
      finding('MTG-03:12', '2026年9月 第二党小组 缺党小组会', '2026-09'),
      finding('MTG-05', '2026年2月 缺主题党日', '2026-02'),
      finding('MTG-08', '2026年 2 名党员谈心谈话不足 1 次：赵六、钱七', '2026'),
      finding('MTG-09', '王五 2026年集中学习培训 28 学时，少于 32 学时', '2026', 5),
    ],
  },
  meetings: [...congress, ...committee, ...group1, ...group2, ...lectures, ...themeDays, ...orgLife],
  studyHours: [],
  dues: { members: 20, profiled: 20, monthsDue: 240, monthsPaid: 236, longestArrears: 2, membersInArrears: 1 },
  development: { people: 2, overdue: 0, stepsRecorded: 6, stepsWithOverride: 0 },
  term: { state: 'ok', endDate: '2028-06-30' },
  projects: { count: 1, targets: 4, targetsMet: 3, problems: 2, problemsClosed: 2 },
  rectifications: { total: 5, closed: 5, overdue: 0 },
  plans: { annual: true, monthly: 12, items: 30, done: 27, overdue: 1 },
  members: { total: 20, full: 19, committeeSize: 3, groups: 2 },
  previousTier: '标准型',
  evidence: { 书记项目: [{ kind: 'project', id: 1, label: '“党建+安全生产”攻坚' }] },
};

const manual = {
  A1: { points: 4 },
  A3: { points: 3, comment: '书记述职评议良好' },
  C3: { points: 3 },
  C4: { points: 2.25 },
  D2: { points: 1.5 },
  E3: { points: 2 },
  F5: { points: 3 },
  G3: { points: 3, comment: '安全生产攻坚中作用明显' },
};

describe('golden: a hand-graded branch-year under the shipped rubric', () => {
  const graded = gradeBranchYear(defaultRubric(), facts, manual, {});

  it('scores every item as computed by hand', () => {
    const points = Object.fromEntries(graded.items.map((i) => [i.itemId, i.points]));
    expect(points).toEqual({
      A1: 4,
      A2: 4,
      A3: 3,
      B1: 6,
      B2: 4.5,
      B3: 2,
      B4: 4,
      B5: 4.5,
      B6: 3,
      B7: 2,
      B8: 1,
      C1: 3.5,
      C2: 3,
      C3: 3,
      C4: 2.25,
      D1: 6,
      D2: 1.5,
      E1: 2,
      E2: 1,
      E3: 2,
      F1: 2,
      F2: 1.5,
      F3: 3,
      F4: 3,
      F5: 3,
      G1: 2,
      G2: 3,
      G3: 3,
      G4: null,
    });
  });

  it('adds up per category and in total as computed by hand', () => {
    const byCategory = new Map<string, number>();
    for (const i of graded.items) byCategory.set(i.category, (byCategory.get(i.category) ?? 0) + (i.points ?? 0));
    expect(Object.fromEntries(byCategory)).toEqual({
      班子建设: 11,
      组织生活: 27,
      党员教育管理: 11.75,
      发展党员: 7.5,
      党费管理: 5,
      基础工作和台账: 12.5,
      工作成效: 8,
    });
    expect(graded).toMatchObject({
      total: 82.75,
      maxTotal: 100,
      proposedTier: '标准型',
      previousTier: '标准型',
      pendingItems: 1,
      vetoes: [],
    });
    expect(graded.blockers).toEqual(['距示范型还差 7.25 分', '尚有 1 个人工评分项未评分']);
  });

  it('explains the automatic items from the records', () => {
    const explanation = (id: string) => graded.items.find((i) => i.itemId === id)?.explanation;
    expect(explanation('B2')).toBe('支委会 11/12 个月召开，缺 3月 → 扣 0.5 分');
    expect(explanation('B3')).toBe(
      '党小组会（2 个党小组）应开 24 个月次，已开 22 个月次；2026年5月 第二党小组 缺党小组会；2026年9月 第二党小组 缺党小组会 → 扣 1 分',
    );
    expect(explanation('B8')).toBe(
      '谈心谈话覆盖 18/20 名党员（90%）；2026年 2 名党员谈心谈话不足 1 次：赵六、钱七 → 未达到 ≥ 100 的要求，得 1 分',
    );
    expect(explanation('E1')).toBe('党费应交 240 人·月，已交 236 人·月（98.33%） → 未达到 ≥ 100 的要求，得 2 分');
    expect(explanation('F3')).toBe('会议记录 53 份，补录 5 份（9.43%） → 达到 ≤ 10 的要求，得 3 分');
    expect(explanation('F4')).toBe('会议记录 53 份，附佐证 43 份（81.13%），10 份无附件 → 达到 ≥ 80 的要求，得 3 分');
    expect(explanation('G4')).toBe('待评分。评分标准：每项县级以上表彰或工作经验被推广加 1 分，最多 3 分');
    expect(graded.items.find((i) => i.itemId === 'B1')?.evidence.map((e) => e.id)).toEqual(congress.map((m) => m.id));
    expect(graded.items.find((i) => i.itemId === 'G1')?.evidence).toEqual([
      { kind: 'project', id: 1, label: '“党建+安全生产”攻坚' },
    ]);
    expect(graded.items.find((i) => i.itemId === 'G3')?.comment).toBe('安全生产攻坚中作用明显');
  });

  it('moves by exactly the points of a newly scored item', () => {
    const later = gradeBranchYear(defaultRubric(), facts, { ...manual, G4: { points: 3 } }, {});
    expect(later).toMatchObject({ total: 85.75, proposedTier: '标准型', pendingItems: 0 });
    expect(later.blockers).toEqual(['距示范型还差 4.25 分']);
  });
});
