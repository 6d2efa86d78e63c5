import { describe, expect, it } from 'vitest';
import type { ComplianceCell } from '../../../electron/api/compliance.ts';
import type { BranchYearFacts } from '../../../electron/core/rules/assessment-facts.ts';
import { METRICS } from '../../../electron/core/rules/rubric.ts';
import { facts, lectures, months } from './rubric-fixtures.ts';

describe('METRICS', () => {
  const value = (id: string, f: BranchYearFacts) => METRICS[id]?.compute(f);

  it('computes every metric on an empty branch-year without failing', () => {
    for (const [id, metric] of Object.entries(METRICS)) {
      const result = metric.compute(
        facts({
          dues: { members: 0, profiled: 0, monthsDue: 0, monthsPaid: 0, longestArrears: 0, membersInArrears: 0 },
        }),
      );
      expect(Number.isFinite(result.value), id).toBe(true);
      expect(result.explanation, id).not.toBe('');
      expect(metric.label, id).not.toBe('');
    }
  });

  it.each([
    [
      'dues.paidPercent',
      facts({
        dues: { members: 10, profiled: 9, monthsDue: 108, monthsPaid: 110, longestArrears: 0, membersInArrears: 0 },
      }),
      100,
      '党费应交 108 人·月，已交 110 人·月（100%）；另有 1 名党员未核定交纳基数，未计入',
    ],
    [
      'dues.paidPercent',
      facts({
        dues: { members: 3, profiled: 3, monthsDue: 36, monthsPaid: 33, longestArrears: 3, membersInArrears: 1 },
      }),
      91.67,
      '（91.67%）',
    ],
    [
      'dues.paidPercent',
      facts({ dues: { members: 3, profiled: 3, monthsDue: 0, monthsPaid: 0, longestArrears: 0, membersInArrears: 0 } }),
      100,
      '本年尚无应交党费的月份',
    ],
    [
      'term.expired',
      facts({ term: { state: 'expired', endDate: '2025-12-31' } }),
      1,
      '支部委员会任期已于 2025-12-31 届满，尚未换届',
    ],
    ['term.expired', facts({ term: { state: 'unknown', endDate: null } }), 0, '台账未登记换届信息'],
    ['project.targetsMetPercent', facts(), 0, '本年未立书记项目'],
    [
      'project.targetsMetPercent',
      facts({ projects: { count: 1, targets: 4, targetsMet: 3, problems: 0, problemsClosed: 0 } }),
      75,
      '书记项目目标 4 项，已完成 3 项（75%）',
    ],
    ['rectification.closedPercent', facts(), 100, '本年无整改事项'],
    [
      'rectification.closedPercent',
      facts({ rectifications: { total: 3, closed: 2, overdue: 1 } }),
      66.67,
      '整改事项 3 项，已销号 2 项（66.67%），1 项逾期',
    ],
    [
      'plan.annual',
      facts({ plans: { annual: false, monthly: 0, items: 0, done: 0, overdue: 0 } }),
      0,
      '未制定年度工作计划',
    ],
    [
      'records.photoPercent',
      facts({ meetings: [...lectures(3), ...lectures(1, { attachments: 0 })] }),
      75,
      '会议记录 4 份，附佐证 3 份（75%），1 份无附件',
    ],
  ] as const)('%s → %f (%s)', (id, f, expected, text) => {
    expect(value(id, f)?.value).toBe(expected);
    expect(value(id, f)?.explanation).toContain(text);
  });

  it('reads 谈心谈话 coverage, study hours and absences from the compliance report', () => {
    const f = facts({
      compliance: {
        cells: [
          { ruleId: 'MTG-08', period: '2026', required: 20, held: 18, state: 'missing', evidence: [7, 8] },
          { ruleId: 'MTG-09', period: '2026', required: 20, held: 19, state: 'missing', evidence: [] },
        ],
        findings: [
          {
            ruleId: 'MTG-09',
            severity: 'warning',
            message: '张三 2026年集中学习培训 20 学时，少于 32 学时',
            period: '2026',
            memberId: 3,
            source: '',
          },
          {
            ruleId: 'MTG-10',
            severity: 'warning',
            message: '李四 已连续 6 个月未参加组织生活（3月至8月）',
            period: '2026-08',
            memberId: 4,
            source: '',
          },
        ],
      },
    });
    expect(value('life.talk.coveragePercent', f)).toMatchObject({
      value: 90,
      explanation: '谈心谈话覆盖 18/20 名党员（90%）',
    });
    expect(value('life.talk.coveragePercent', f)?.evidence).toEqual([
      { kind: 'talk', id: 7, label: '谈心谈话记录 7' },
      { kind: 'talk', id: 8, label: '谈心谈话记录 8' },
    ]);
    expect(value('life.studyHours.shortMembers', f)).toMatchObject({
      value: 1,
      explanation: '1 名党员学时不足：张三 2026年集中学习培训 20 学时，少于 32 学时',
    });
    expect(value('life.absence.alerts', f)?.value).toBe(1);
  });

  it('does not judge study hours before the year is over', () => {
    const f = facts({
      compliance: {
        cells: [{ ruleId: 'MTG-09', period: '2026', required: 20, held: 0, state: 'pending', evidence: [] }],
        findings: [],
      },
    });
    expect(value('life.studyHours.shortMembers', f)).toMatchObject({
      value: 0,
      explanation: '年度尚未结束，学时于年末判定',
    });
  });

  it('counts 党小组会 per group and names the group from the finding', () => {
    const f = facts({
      compliance: {
        cells: [...months('MTG-03:11', []), ...months('MTG-03:12', [5])],
        findings: [
          {
            ruleId: 'MTG-03:12',
            severity: 'error',
            message: '2026年5月 第二党小组 缺党小组会',
            period: '2026-05',
            memberId: null,
            source: '',
          },
        ],
      },
    });
    expect(value('life.group.missingMonths', f)).toMatchObject({
      value: 1,
      explanation: '党小组会（2 个党小组）应开 24 个月次，已开 23 个月次；2026年5月 第二党小组 缺党小组会',
    });
  });

  it('says a rule does not apply when the branch has no 支委会', () => {
    const cells: ComplianceCell[] = months('MTG-02', []).map((c) => ({ ...c, state: 'not-applicable' }));
    expect(value('life.committee.missingMonths', facts({ compliance: { cells, findings: [] } }))).toMatchObject({
      value: 0,
      explanation: '支委会：不适用',
    });
  });
});
