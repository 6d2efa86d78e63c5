import { describe, expect, it } from 'vitest';
import { defaultRuleSet, withOverrides } from '../../../electron/core/templates/ruleset.ts';
import {
  cellOf,
  check,
  compliantInput,
  type Meeting,
  meeting,
  member,
  messages,
  present,
} from './compliance-fixtures.ts';

const without = (kind: Meeting['kinds'][number], list: Meeting[]) => list.filter((m) => !m.kinds.includes(kind));

describe('checkCompliance: a compliant year', () => {
  it('has every applicable cell ok and no finding', () => {
    const result = check(compliantInput());
    expect(result.findings).toEqual([]);
    const states = new Set(result.cells.filter((c) => !['MTG-03', 'MTG-04'].includes(c.ruleId)).map((c) => c.state));
    expect([...states]).toEqual(['ok']);
    expect(result.rules.map((r) => r.id)).toEqual([
      'MTG-01',
      'MTG-02',
      'MTG-03',
      'MTG-04',
      'MTG-05',
      'MTG-06',
      'MTG-07',
      'MTG-08',
      'MTG-09',
      'MTG-10',
    ]);
  });

  it('cites the rule set for every rule and finding', () => {
    const result = check(compliantInput({ meetings: [] }));
    expect(result.rules.every((r) => r.source.length > 0 && r.tag.length > 0)).toBe(true);
    expect(result.findings.length).toBeGreaterThan(0);
    expect(result.findings.every((f) => f.source.length > 0)).toBe(true);
    expect(result.findings.find((f) => f.ruleId === 'MTG-01')?.source).toContain('支部工作条例第十一条');
  });
});

describe('MTG-01 党员大会 per calendar quarter: the quarter edge', () => {
  it.each([
    // held on, Q1, Q2
    ['2026-03-31', 'ok', 'missing'],
    ['2026-04-01', 'missing', 'ok'],
    ['2026-01-01', 'ok', 'missing'],
    ['2026-06-30', 'missing', 'ok'],
  ])('a single 党员大会 on %s: Q1 %s, Q2 %s', (heldOn, q1, q2) => {
    const input = compliantInput({ asOf: '2026-07-15', meetings: [meeting(heldOn, ['党员大会'])] });
    const result = check(input);
    expect(cellOf(result, 'MTG-01', '2026-Q1').state).toBe(q1);
    expect(cellOf(result, 'MTG-01', '2026-Q2').state).toBe(q2);
    expect(cellOf(result, 'MTG-01', '2026-Q3').state).toBe('pending');
    expect(cellOf(result, 'MTG-01', '2026-Q4').state).toBe('pending');
    const missing = q1 === 'missing' ? '2026年第1季度 缺支部党员大会' : '2026年第2季度 缺支部党员大会';
    expect(messages(result, 'MTG-01')).toEqual([missing]);
  });
});

describe('periods and asOf: ended and short is missing; running or not begun is pending', () => {
  it.each([
    // asOf, Feb, Mar, Apr
    ['2026-03-15', 'missing', 'pending', 'pending'],
    ['2026-03-31', 'missing', 'pending', 'pending'],
    ['2026-04-01', 'missing', 'missing', 'pending'],
    ['2026-02-01', 'pending', 'pending', 'pending'],
    ['2025-12-31', 'pending', 'pending', 'pending'],
  ])('as of %s: 主题党日 Feb %s, Mar %s, Apr %s', (asOf, feb, mar, apr) => {
    const result = check(compliantInput({ asOf, meetings: [meeting('2026-01-05', ['主题党日'])] }));
    expect([feb, mar, apr]).toEqual(['2026-02', '2026-03', '2026-04'].map((p) => cellOf(result, 'MTG-05', p).state));
    expect(cellOf(result, 'MTG-05', '2026-01').state).toBe('ok');
  });

  it('names each missing month', () => {
    const result = check(compliantInput({ asOf: '2026-04-10', meetings: [meeting('2026-01-05', ['主题党日'])] }));
    expect(messages(result, 'MTG-05')).toEqual(['2026年2月 缺主题党日', '2026年3月 缺主题党日']);
    expect(result.findings.every((f) => f.severity === 'error' || f.ruleId !== 'MTG-05')).toBe(true);
  });

  it('says how many were held when fewer than a stricter local rule requires', () => {
    const twice = withOverrides(defaultRuleSet, { 'life.themeDay.perMonth': 2 });
    const result = check(
      compliantInput({ asOf: '2026-02-10', meetings: [meeting('2026-01-05', ['主题党日'])] }),
      twice,
    );
    expect(messages(result, 'MTG-05')).toEqual(['2026年1月 主题党日仅 1 次，应至少 2 次']);
  });

  it('a period when nobody was on the roll is not applicable (the only member left on 15 March)', () => {
    const members = [member(1, '张三', [{ from: '2020-01-01', to: '2026-03-15' }])];
    const result = check(compliantInput({ members, meetings: [], asOf: '2026-12-31' }));
    expect(cellOf(result, 'MTG-05', '2026-03').state).toBe('missing');
    expect(cellOf(result, 'MTG-05', '2026-04').state).toBe('not-applicable');
    expect(cellOf(result, 'MTG-01', '2026-Q1').state).toBe('missing');
    expect(cellOf(result, 'MTG-01', '2026-Q2').state).toBe('not-applicable');
    expect(messages(result, 'MTG-05')).toEqual([
      '2026年1月 缺主题党日',
      '2026年2月 缺主题党日',
      '2026年3月 缺主题党日',
    ]);
  });
});

describe('套会: a meeting counts once for each kind it counts as', () => {
  it('a 党员大会 held as the 主题党日 meets both MTG-01 and MTG-05, with itself as evidence', () => {
    const both = meeting('2026-02-20', ['党员大会', '主题党日', '主题党日'], { studyHours: 2, attendance: present(1) });
    const base = compliantInput();
    const meetings = [
      ...without('主题党日', without('党员大会', base.meetings)).filter((m) => m.heldOn >= '2026-03-01'),
      both,
    ];
    const result = check({ ...base, asOf: '2026-03-10', meetings });
    expect(cellOf(result, 'MTG-01', '2026-Q1')).toMatchObject({ state: 'ok', held: 1, evidence: [both.id] });
    expect(cellOf(result, 'MTG-05', '2026-02')).toMatchObject({ state: 'ok', held: 1, evidence: [both.id] });
    expect(cellOf(result, 'MTG-05', '2026-01').state).toBe('missing');
    // Its study hours count once, not once per kind.
    expect(result.studyHours.find((h) => h.memberId === 1)?.hours).toBe(2);
  });
});

describe('MTG-02 支委会: only for a branch with a 支委会', () => {
  it('is not applicable without a committee, with no finding', () => {
    const result = check(compliantInput({ hasCommittee: false, meetings: [] }));
    expect(result.cells.filter((c) => c.ruleId === 'MTG-02').map((c) => c.state)).toEqual(
      Array(12).fill('not-applicable'),
    );
    expect(messages(result, 'MTG-02')).toEqual([]);
    expect(result.rules.find((r) => r.id === 'MTG-02')?.frequency).toBe('本支部未设支委会，不适用');
  });

  it('is checked monthly with a committee', () => {
    const result = check(compliantInput({ meetings: without('支委会', compliantInput().meetings) }));
    expect(messages(result, 'MTG-02')).toHaveLength(12);
    expect(messages(result, 'MTG-02')[2]).toBe('2026年3月 缺支委会');
  });
});

describe('MTG-03 党小组会: per 党小组, per month', () => {
  const groups = [
    { id: 1, name: '第一党小组' },
    { id: 2, name: '第二党小组' },
  ];
  it('checks each group on its own row and names the group', () => {
    const meetings = [
      meeting('2026-03-12', ['党小组会'], { groupId: 1 }),
      meeting('2026-03-13', ['党小组会'], { groupId: 3 }),
      meeting('2026-04-02', ['党小组会'], { groupId: 2 }),
    ];
    const result = check(compliantInput({ groups, meetings, asOf: '2026-04-05' }));
    expect(result.rules.filter((r) => r.id.startsWith('MTG-03')).map((r) => [r.id, r.label])).toEqual([
      ['MTG-03:1', '党小组会（第一党小组）'],
      ['MTG-03:2', '党小组会（第二党小组）'],
    ]);
    expect(cellOf(result, 'MTG-03:1', '2026-03')).toMatchObject({ state: 'ok', evidence: [meetings[0]?.id] });
    expect(cellOf(result, 'MTG-03:2', '2026-03').state).toBe('missing');
    expect(cellOf(result, 'MTG-03:2', '2026-04').state).toBe('ok');
    expect(cellOf(result, 'MTG-03:1', '2026-04').state).toBe('pending');
    expect(messages(result, 'MTG-03:2')).toEqual([
      '2026年1月 第二党小组 缺党小组会',
      '2026年2月 第二党小组 缺党小组会',
      '2026年3月 第二党小组 缺党小组会',
    ]);
  });

  it('is not applicable to a branch without 党小组', () => {
    const result = check(compliantInput({ groups: [], meetings: [] }));
    expect(result.cells.filter((c) => c.ruleId === 'MTG-03').every((c) => c.state === 'not-applicable')).toBe(true);
    expect(result.rules.find((r) => r.id === 'MTG-03')?.frequency).toBe('本支部未设党小组，不适用');
  });
});

describe('MTG-04 党课: national rules set no frequency; a stricter local rule turns it on', () => {
  it('is not applicable under the national rule set', () => {
    const result = check(compliantInput({ meetings: [] }));
    expect(result.cells.filter((c) => c.ruleId === 'MTG-04').map((c) => c.state)).toEqual(
      Array(4).fill('not-applicable'),
    );
    expect(messages(result, 'MTG-04')).toEqual([]);
  });

  it('is checked per quarter with 党课 every quarter set locally', () => {
    const local = withOverrides(defaultRuleSet, { 'life.lecture.perQuarter': 1 });
    const meetings = [...compliantInput().meetings, meeting('2026-05-08', ['党课'])];
    const result = check(compliantInput({ meetings, asOf: '2026-10-08' }), local);
    expect(result.cells.filter((c) => c.ruleId === 'MTG-04').map((c) => c.state)).toEqual([
      'missing',
      'ok',
      'missing',
      'pending',
    ]);
    expect(messages(result, 'MTG-04')).toEqual(['2026年第1季度 缺党课', '2026年第3季度 缺党课']);
    expect(result.rules.find((r) => r.id === 'MTG-04')).toMatchObject({ tag: 'LOCAL', frequency: '每季度至少 1 次' });
  });
});

describe('MTG-06 组织生活会: once a year, generally in Q4', () => {
  const noOrgLife = compliantInput().meetings.map((m) => ({ ...m, kinds: m.kinds.filter((k) => k !== '组织生活会') }));
  it.each([
    // asOf, cell state, messages
    ['2026-09-30', 'pending', []],
    ['2026-10-01', 'pending', ['2026年 尚未召开组织生活会，第四季度应召开组织生活会']],
    ['2026-12-31', 'pending', ['2026年 尚未召开组织生活会，第四季度应召开组织生活会']],
    ['2027-01-01', 'missing', ['2026年 缺组织生活会']],
  ])('not held, as of %s: %s', (asOf, state, expected) => {
    const result = check(compliantInput({ meetings: noOrgLife, asOf }));
    expect(cellOf(result, 'MTG-06', '2026').state).toBe(state);
    expect(messages(result, 'MTG-06')).toEqual(expected);
  });

  it('gives a warning in Q4 and an error once the year is over', () => {
    const q4 = check(compliantInput({ meetings: noOrgLife, asOf: '2026-11-01' })).findings.find(
      (f) => f.ruleId === 'MTG-06',
    );
    const over = check(compliantInput({ meetings: noOrgLife })).findings.find((f) => f.ruleId === 'MTG-06');
    expect([q4?.severity, over?.severity]).toEqual(['warning', 'error']);
  });

  it('gives no warning once held, even early in the year', () => {
    const result = check(compliantInput({ meetings: [meeting('2026-07-01', ['组织生活会'])], asOf: '2026-10-15' }));
    expect(cellOf(result, 'MTG-06', '2026').state).toBe('ok');
    expect(messages(result, 'MTG-06')).toEqual([]);
  });
});

describe('MTG-07 民主评议: once a year, and 优秀 ≤ floor(N/3) of those appraised', () => {
  const appraisal = (n: number, excellent: number) =>
    Array.from({ length: n }, (_, i) => ({
      memberId: i + 1,
      grade: i < excellent ? ('优秀' as const) : ('合格' as const),
    }));
  it.each([
    [9, 3, null],
    [9, 4, '2026年12月15日 民主评议“优秀” 4 人，超过参评 9 人的 1/3（最多 3 人）'],
    [10, 3, null],
    [10, 4, '2026年12月15日 民主评议“优秀” 4 人，超过参评 10 人的 1/3（最多 3 人）'],
    [3, 1, null],
    [2, 1, '2026年12月15日 民主评议“优秀” 1 人，超过参评 2 人的 1/3（最多 0 人）'],
    [12, 0, null],
  ])('%i appraised, %i 优秀', (n, excellent, message) => {
    const result = check(
      compliantInput({ meetings: [meeting('2026-12-15', ['民主评议'], { appraisal: appraisal(n, excellent) })] }),
    );
    expect(messages(result, 'MTG-07')).toEqual(message === null ? [] : [message]);
    expect(cellOf(result, 'MTG-07', '2026').state).toBe('ok');
    if (message !== null)
      expect(result.findings.find((f) => f.ruleId === 'MTG-07')).toMatchObject({
        severity: 'error',
        period: '2026-12',
      });
  });

  it('is missing when the year ended without one', () => {
    const meetings = compliantInput().meetings.map((m) => ({ ...m, kinds: m.kinds.filter((k) => k !== '民主评议') }));
    expect(messages(check(compliantInput({ meetings })), 'MTG-07')).toEqual(['2026年 缺民主评议党员']);
  });
});

describe('meetings outside the year are ignored', () => {
  it('a 主题党日 on 2025-12-31 or 2027-01-01 does not count for 2026', () => {
    const meetings = [meeting('2025-12-31', ['主题党日']), meeting('2027-01-01', ['主题党日'])];
    const result = check(compliantInput({ meetings }));
    expect(result.cells.filter((c) => c.ruleId === 'MTG-05').every((c) => c.state === 'missing' && c.held === 0)).toBe(
      true,
    );
  });
});
