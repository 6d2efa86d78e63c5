import { describe, expect, it } from 'vitest';
import { LedgerError } from '../../../electron/core/errors.ts';
import {
  defaultPointRules,
  loadPointsScheme,
  memberPoints,
  type PointsInput,
} from '../../../electron/core/rules/points.ts';
import shipped from '../../../templates/points/default-2026.json' with { type: 'json' };

const scheme = defaultPointRules();
const members = [
  { id: 1, name: '张三' },
  { id: 2, name: '李四' },
];

function input(over: Partial<PointsInput> = {}): PointsInput {
  return { year: 2026, members, attendance: [], duesPaidMonths: {}, arrearsStreak: {}, manual: [], ...over };
}

const attend = (
  memberId: number,
  meetingKind: string,
  months: number[],
  status: '出席' | '请假' | '缺席' | '列席' = '出席',
) =>
  months.map((m, i) => ({
    memberId,
    meetingKind,
    date: `2026-${String(m).padStart(2, '0')}-1${i % 9}`,
    status,
    meetingId: 1000 * memberId + 10 * m + i,
  }));
const one = (rows: ReturnType<typeof memberPoints>, id = 1) => rows.find((r) => r.memberId === id);

describe('the shipped 党员积分 scheme', () => {
  it('is an example with base 60, floor 0 and the four grades', () => {
    expect(scheme).toMatchObject({ example: true, base: 60, floor: 0, grades: { 优秀: 95, 合格: 75, 基本合格: 60 } });
    expect(scheme.name).toContain('示例');
    expect(scheme.rules.find((r) => r.id === 'VETO-ARREARS')).toMatchObject({
      veto: '不合格',
      auto: { source: 'arrears', months: 6 },
    });
  });
});

describe('memberPoints: automatic events and their caps', () => {
  it('gives base points to a member with no events, graded 基本合格 at exactly 60', () => {
    expect(one(memberPoints(scheme, input()))).toEqual({
      memberId: 1,
      name: '张三',
      base: 60,
      auto: 0,
      manual: 0,
      total: 60,
      grade: '基本合格',
      veto: null,
      events: [],
    });
  });

  it.each([
    // rule, attendance kind, times attended, points, events counted at 0
    ['党员大会 +1, cap 4', '党员大会', 4, 4, 0],
    ['党员大会 beyond its cap', '党员大会', 6, 4, 2],
    ['党课 +1, cap 4', '党课', 3, 3, 0],
    ['主题党日 +0.5, cap 6', '主题党日', 12, 6, 0],
    ['党小组会 +0.5, cap 6', '党小组会', 12, 6, 0],
    ['组织生活会 +1, cap 2 (with 民主评议)', '组织生活会', 3, 2, 1],
    ['集中学习 +0.5, cap 3', '集中学习', 7, 3, 1],
  ])('%s', (_, kind, times, points, zero) => {
    const row = one(
      memberPoints(
        scheme,
        input({
          attendance: attend(
            1,
            kind,
            Array.from({ length: times }, (_, i) => (i % 12) + 1),
          ),
        }),
      ),
    );
    expect(row?.auto).toBe(points);
    expect(row?.total).toBe(60 + points);
    expect(row?.events.filter((e) => e.delta === 0)).toHaveLength(zero);
    if (zero > 0) expect(row?.events.at(-1)?.label).toMatch(/（已达年度上限 \d+ 分，不再计分）$/);
  });

  it('counts the event that crosses the cap in part', () => {
    const capped = loadPointsScheme(
      {
        ...shipped,
        rules: [
          {
            id: 'X',
            category: '测试',
            label: '参加党课',
            points: 3,
            capPerYear: 5,
            auto: { source: 'attendance', meetingKinds: ['党课'], statuses: ['出席'] },
          },
        ],
      },
      'x.json',
    );
    const row = one(memberPoints(capped, input({ attendance: attend(1, '党课', [1, 2, 3]) })));
    expect(row?.events.map((e) => [e.delta, e.label])).toEqual([
      [3, '参加党课'],
      [2, '参加党课（计至年度上限 5 分）'],
      [0, '参加党课（已达年度上限 5 分，不再计分）'],
    ]);
  });

  it('deducts for absence without leave, but not for 请假, down to its cap of −20', () => {
    const absent = attend(1, '主题党日', upTo(12), '缺席');
    const row = one(memberPoints(scheme, input({ attendance: [...absent, ...attend(1, '党课', [1, 2], '请假')] })));
    expect(row).toMatchObject({ auto: -20, total: 40, grade: '不合格' });
    expect(row?.events.filter((e) => e.delta === -2)).toHaveLength(10);
  });

  it('counts a meeting recorded under two kinds once per rule', () => {
    const combined = [
      { memberId: 1, meetingKind: '党员大会', date: '2026-03-10', status: '缺席' as const, meetingId: 7 },
      { memberId: 1, meetingKind: '党课', date: '2026-03-10', status: '缺席' as const, meetingId: 7 },
    ];
    expect(one(memberPoints(scheme, input({ attendance: combined })))?.auto).toBe(-2);
  });

  it('gives dues points per month paid, capped, each with its source', () => {
    const row = one(memberPoints(scheme, input({ duesPaidMonths: { 1: [3, 1, 2, 2] } })));
    expect(row?.events).toEqual([
      { date: '2026-01-01', ruleId: 'DUES-PAID', label: '按月交纳党费', delta: 0.5, source: '党费台账：2026年1月已交' },
      { date: '2026-02-01', ruleId: 'DUES-PAID', label: '按月交纳党费', delta: 0.5, source: '党费台账：2026年2月已交' },
      { date: '2026-03-01', ruleId: 'DUES-PAID', label: '按月交纳党费', delta: 0.5, source: '党费台账：2026年3月已交' },
    ]);
    expect(one(memberPoints(scheme, input({ duesPaidMonths: { 1: upTo(12) } })))?.auto).toBe(6);
  });

  it('lists each event with the record it came from', () => {
    const row = one(
      memberPoints(
        scheme,
        input({
          attendance: [{ memberId: 1, meetingKind: '党课', date: '2026-04-20', status: '出席', meetingId: 31 }],
          talks: [{ memberId: 1, date: '2026-05-06', talkId: 9 }],
        }),
      ),
    );
    expect(row?.events).toEqual([
      {
        date: '2026-04-20',
        ruleId: 'ATT-LECTURE',
        label: '参加党课',
        delta: 1,
        source: '会议记录 31：2026-04-20 党课（出席）',
      },
      { date: '2026-05-06', ruleId: 'TALK', label: '参加谈心谈话', delta: 1, source: '谈心谈话记录 9：2026-05-06' },
    ]);
  });

  it('leaves out events of other years and of members not on the list', () => {
    const rows = memberPoints(
      scheme,
      input({
        attendance: [...attend(1, '党课', [1]).map((a) => ({ ...a, date: '2025-12-20' })), ...attend(9, '党课', [1])],
      }),
    );
    expect(rows.map((r) => r.total)).toEqual([60, 60]);
  });
});

describe('memberPoints: hand-entered events', () => {
  it('adds and deducts by rule, with the note as source, in date order', () => {
    const row = one(
      memberPoints(
        scheme,
        input({
          manual: [
            { memberId: 1, date: '2026-06-01', ruleId: 'TASK-UNDONE', note: '未按时报送材料' },
            { memberId: 1, date: '2026-03-01', ruleId: 'ESSAY', note: '《学习心得》' },
          ],
        }),
      ),
    );
    expect(row).toMatchObject({ manual: 0, total: 60 });
    expect(row?.events.map((e) => [e.date, e.delta, e.source])).toEqual([
      ['2026-03-01', 3, '人工登记：《学习心得》'],
      ['2026-06-01', -3, '人工登记：未按时报送材料'],
    ]);
  });

  it('caps a hand-entered rule too (表彰 +5, cap 10)', () => {
    const manual = [1, 2, 3].map((m) => ({ memberId: 1, date: `2026-0${m}-01`, ruleId: 'HONOUR', note: null }));
    expect(one(memberPoints(scheme, input({ manual })))).toMatchObject({ manual: 10, total: 70 });
  });

  it('keeps an entry whose rule has left the scheme on the list at 0 instead of failing the year', () => {
    const row = one(
      memberPoints(scheme, input({ manual: [{ memberId: 1, date: '2026-02-02', ruleId: 'OLD-RULE', note: '' }] })),
    );
    expect(row?.events).toEqual([
      {
        date: '2026-02-02',
        ruleId: 'OLD-RULE',
        label: '积分规则“OLD-RULE”已不在本办法中，未计分',
        delta: 0,
        source: '人工登记',
      },
    ]);
    expect(row?.total).toBe(60);
  });

  it('never goes below the floor', () => {
    const manual = [1, 2, 3, 4, 5, 6, 7].map((m) => ({
      memberId: 1,
      date: `2026-0${m}-01`,
      ruleId: 'REFUSE',
      note: null,
    }));
    const attendance = attend(1, '党员大会', [1, 2, 3, 4], '缺席');
    const noFloor = {
      ...scheme,
      floor: null,
      rules: scheme.rules.map((r) => (r.id === 'REFUSE' ? { ...r, capPerYear: null } : r)),
    };
    expect(one(memberPoints({ ...scheme, rules: noFloor.rules }, input({ manual, attendance })))).toMatchObject({
      manual: -70,
      auto: -8,
      total: 0,
    });
    expect(one(memberPoints(noFloor, input({ manual, attendance })))?.total).toBe(-18);
  });
});

describe('memberPoints: grades and 一票否决', () => {
  const withManual = (points: number) => {
    // Base 60 plus HONOUR (+5, uncapped here) and ESSAY (+0.5 here) to land on an exact total.
    const rules = scheme.rules.map((r) =>
      r.id === 'HONOUR' ? { ...r, capPerYear: null } : r.id === 'ESSAY' ? { ...r, points: 0.5, capPerYear: null } : r,
    );
    const delta = points - 60;
    const manual = [
      ...Array.from({ length: Math.floor(delta / 5) }, () => ({
        memberId: 1,
        date: '2026-03-01',
        ruleId: 'HONOUR',
        note: null,
      })),
      ...Array.from({ length: Math.round((delta % 5) / 0.5) }, () => ({
        memberId: 1,
        date: '2026-03-02',
        ruleId: 'ESSAY',
        note: null,
      })),
    ];
    return one(memberPoints({ ...scheme, rules }, input({ manual })));
  };

  it.each([
    [95, '优秀'],
    [94.5, '合格'],
    [75, '合格'],
    [74.5, '基本合格'],
    [60, '基本合格'],
  ])('%f points → %s', (total, grade) => {
    expect(withManual(total)).toMatchObject({ total, grade });
  });

  it('grades below 60 不合格', () => {
    expect(one(memberPoints(scheme, input({ attendance: attend(1, '党课', [1], '缺席') })))).toMatchObject({
      total: 58,
      grade: '不合格',
    });
  });

  it.each([
    // run of unpaid months, veto, grade — 75 points from attendance either way
    [5, null, '合格'],
    [6, '连续 6 个月未交纳党费', '不合格'],
    [8, '连续 6 个月未交纳党费', '不合格'],
  ])('a run of %i unpaid months → veto %s, grade %s', (streak, veto, grade) => {
    const attendance = [
      ...attend(1, '党员大会', [1, 2, 3, 4]),
      ...attend(1, '主题党日', upTo(12)),
      ...attend(1, '党课', [1, 2, 3, 4]),
      ...attend(1, '组织生活会', [12]),
    ];
    const row = one(memberPoints(scheme, input({ attendance, arrearsStreak: { 1: streak } })));
    expect(row).toMatchObject({ total: 75, veto, grade });
  });

  it('caps the grade of a high scorer hit by a hand-entered veto, naming the reason', () => {
    const manual = [
      ...[1, 2].map((m) => ({ memberId: 1, date: `2026-0${m}-01`, ruleId: 'HONOUR', note: null })),
      ...[1, 2, 3].map((m) => ({ memberId: 1, date: `2026-0${m}-05`, ruleId: 'ESSAY', note: null })),
      ...[1, 2].map((m) => ({ memberId: 1, date: `2026-0${m}-07`, ruleId: 'MICRO-LECTURE', note: null })),
      ...[1, 2, 3, 4, 5].map((m) => ({ memberId: 1, date: `2026-0${m}-09`, ruleId: 'VOLUNTEER', note: null })),
      { memberId: 1, date: '2026-09-01', ruleId: 'VETO-DISCIPLINE', note: '2026年9月受党内警告处分' },
    ];
    const row = one(memberPoints(scheme, input({ manual })));
    expect(row).toMatchObject({
      total: 95,
      grade: '不合格',
      veto: '受到党纪处分或有违法行为（2026年9月受党内警告处分）',
    });
    expect(one(memberPoints(scheme, input({ manual: manual.slice(0, -1) })))).toMatchObject({
      total: 95,
      grade: '优秀',
      veto: null,
    });
  });
});

describe('loadPointsScheme refuses a scheme that does not hold together, naming the rule', () => {
  const mutate = (change: (raw: Record<string, unknown>) => void) => {
    const raw = structuredClone(shipped) as Record<string, unknown>;
    change(raw);
    return raw;
  };
  const rules = (raw: Record<string, unknown>) => raw.rules as Array<Record<string, unknown>>;
  it.each([
    [
      'grades out of order',
      (r: Record<string, unknown>) => {
        r.grades = { 优秀: 70, 合格: 75, 基本合格: 60 };
      },
      '等次分数线：应为 优秀 > 合格 > 基本合格，现为 70、75、60',
    ],
    [
      'a duplicate rule id',
      (r: Record<string, unknown>) => {
        (rules(r)[1] as Record<string, unknown>).id = 'ATT-CONGRESS';
      },
      '积分规则“ATT-CONGRESS 参加党课”：编号与其他积分规则重复',
    ],
    [
      'an unknown meeting kind',
      (r: Record<string, unknown>) => {
        (rules(r)[0] as Record<string, unknown>).auto = {
          source: 'attendance',
          meetingKinds: ['茶话会'],
          statuses: ['出席'],
        };
      },
      '积分规则“ATT-CONGRESS 参加支部党员大会”：auto.meetingKinds.0：会议类型应为',
    ],
    [
      'an unknown auto source',
      (r: Record<string, unknown>) => {
        (rules(r)[0] as Record<string, unknown>).auto = { source: 'weather' };
      },
      '自动来源应为 attendance',
    ],
    [
      'a cap of 0',
      (r: Record<string, unknown>) => {
        (rules(r)[0] as Record<string, unknown>).capPerYear = 0;
      },
      '年度上限须大于 0',
    ],
    [
      'a rule worth nothing',
      (r: Record<string, unknown>) => {
        (rules(r)[0] as Record<string, unknown>).points = 0;
      },
      '分值为 0 且不是否决条款',
    ],
    [
      'a floor above the base',
      (r: Record<string, unknown>) => {
        r.floor = 70;
      },
      '最低分 70 分高于基础分 60 分',
    ],
  ])('%s', (_, change, message) => {
    const attempt = () => loadPointsScheme(mutate(change), 'points.json');
    expect(attempt).toThrow(LedgerError);
    expect(attempt).toThrow(message);
    expect(attempt).toThrow('党员积分办法“points.json”有误');
  });
});

function upTo(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}
