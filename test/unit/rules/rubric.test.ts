import { describe, expect, it } from 'vitest';
import { LedgerError } from '../../../electron/core/errors.ts';
import { gradeBranchYear, loadRubric, type Rubric } from '../../../electron/core/rules/rubric.ts';
import { facts, lectures, months } from './rubric-fixtures.ts';

type ItemJson = Record<string, unknown> & { id: string; points: number };

const TIERS_JSON = [
  { tier: '标准型', minScore: 80 },
  { tier: '示范型', minScore: 90, prerequisite: '标准型', withoutPreviousYear: 'waive' },
  {
    tier: '红旗型',
    minScore: 95,
    prerequisite: '示范型',
    withoutPreviousYear: 'block',
    conditions: [{ itemId: 'Q', atLeast: '较好' }],
  },
];

/**
 * A 100-point rubric of the given items plus two manual fillers: S (0–n by hand) so a test can set the total
 * exactly, and Q “示范引领作用” (tiered, 4 points), the 红旗型 condition.
 */
function rubricOf(items: ItemJson[] = [], vetoes: unknown[] = []): Rubric {
  const rest = 100 - 4 - items.reduce((s, i) => s + i.points, 0);
  return loadRubric(
    {
      id: 'test',
      name: '测试细则',
      issuer: '测试',
      version: '1',
      year: 2026,
      total: 100,
      categories: [
        {
          id: 'c',
          name: '测试类',
          points: 100,
          items: [
            ...items,
            {
              id: 'S',
              title: '其他工作',
              points: rest,
              scoring: 'bonus',
              mode: 'manual',
              perOccurrence: 1,
              criteria: '按实际',
            },
            {
              id: 'Q',
              title: '示范引领作用',
              points: 4,
              scoring: 'tiered',
              mode: 'manual',
              criteria: '好 4、较好 3、一般 2、差 0',
            },
          ],
        },
      ],
      vetoes,
      tiers: TIERS_JSON,
    },
    'test.json',
  );
}

const auto = (id: string, over: Record<string, unknown>): ItemJson =>
  ({ id, title: `项目${id}`, points: 5, mode: 'auto', criteria: '见细则', ...over }) as ItemJson;

describe('gradeBranchYear: the scoring modes of automatic items', () => {
  const committee = auto('X', { scoring: 'deduct', metric: 'life.committee.missingMonths', perOccurrence: 0.5 });
  const bonus = auto('X', { points: 3, scoring: 'bonus', metric: 'life.lecture.count', perOccurrence: 1 });
  const atLeast = auto('X', {
    points: 4,
    scoring: 'threshold',
    metric: 'life.lecture.count',
    threshold: 4,
    partial: 2,
  });
  const noPartial = auto('X', { points: 3, scoring: 'threshold', metric: 'life.orgLife.held', threshold: 1 });
  const atMost = auto('X', {
    points: 3,
    scoring: 'threshold',
    metric: 'records.backfilledPercent',
    threshold: 10,
    compare: 'atMost',
    partial: 1,
  });
  const tenRecords = (late: number) => lectures(10).map((m, i) => ({ ...m, backfilled: i < late }));

  it.each([
    // item, facts, points, explanation
    [
      'deduct, nothing missing',
      committee,
      facts({ compliance: { cells: months('MTG-02', []), findings: [] } }),
      5,
      '支委会 12/12 个月召开 → 不扣分',
    ],
    [
      'deduct per missing month',
      committee,
      facts({ compliance: { cells: months('MTG-02', [3, 7]), findings: [] } }),
      4,
      '支委会 10/12 个月召开，缺 3月、7月 → 扣 1 分',
    ],
    [
      'deduct, open months cost nothing',
      committee,
      facts({ compliance: { cells: months('MTG-02', [3], [11, 12]), findings: [] } }),
      4.5,
      '支委会 9/12 个月召开，缺 3月，2 个月尚未结束 → 扣 0.5 分',
    ],
    [
      'deduct floors at 0',
      committee,
      facts({ compliance: { cells: months('MTG-02', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]), findings: [] } }),
      0,
      '→ 扣 5 分（本项扣完为止）',
    ],
    [
      'deduct, exactly used up',
      committee,
      facts({ compliance: { cells: months('MTG-02', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), findings: [] } }),
      0,
      '→ 扣 5 分',
    ],
    ['bonus per occurrence', bonus, facts({ meetings: lectures(2) }), 2, '本年上党课 2 次 → 加 2 分'],
    [
      'bonus stops at its cap',
      bonus,
      facts({ meetings: lectures(5) }),
      3,
      '本年上党课 5 次 → 加 3 分（已达上限 3 分）',
    ],
    ['bonus exactly at cap', bonus, facts({ meetings: lectures(3) }), 3, '→ 加 3 分'],
    ['bonus, nothing', bonus, facts(), 0, '本年未上党课 → 不加分'],
    [
      'threshold met exactly',
      atLeast,
      facts({ meetings: lectures(4) }),
      4,
      '本年上党课 4 次 → 达到 ≥ 4 的要求，得 4 分',
    ],
    ['threshold missed → partial', atLeast, facts({ meetings: lectures(3) }), 2, '→ 未达到 ≥ 4 的要求，得 2 分'],
    [
      'threshold missed → 0 without partial',
      noPartial,
      facts(),
      0,
      '本年未召开组织生活会 → 未达到 ≥ 1 的要求，得 0 分',
    ],
    [
      'atMost met at the boundary',
      atMost,
      facts({ meetings: tenRecords(1) }),
      3,
      '会议记录 10 份，补录 1 份（10%） → 达到 ≤ 10 的要求，得 3 分',
    ],
    [
      'atMost exceeded',
      atMost,
      facts({ meetings: tenRecords(2) }),
      1,
      '补录 2 份（20%） → 未达到 ≤ 10 的要求，得 1 分',
    ],
  ] as const)('%s', (_, item, f, points, explanation) => {
    const score = gradeBranchYear(rubricOf([item]), f, {}, {}).items.find((i) => i.itemId === 'X');
    expect(score).toMatchObject({ mode: 'auto', points, maxPoints: item.points, category: '测试类', title: '项目X' });
    expect(score?.explanation).toContain(explanation);
  });

  it('links the records behind an automatic score', () => {
    const score = gradeBranchYear(
      rubricOf([bonus]),
      facts({
        meetings: lectures(2),
        evidence: { 党课: [{ kind: 'meeting', id: 200, label: '2026-01-10 党课：学习党章' }] },
      }),
      {},
      {},
    ).items[0];
    expect(score?.evidence).toEqual([
      { kind: 'meeting', id: 200, label: '2026-01-10 党课：学习党章' },
      { kind: 'meeting', id: 201, label: '2026-02-10 党课' },
    ]);
  });
});

describe('gradeBranchYear: manual items', () => {
  it.each([
    [4, '评为好，4 分'],
    [3.5, '评为较好，3.5 分'],
    [3, '评为较好，3 分'],
    [2, '评为一般，2 分'],
    [0, '评为差，0 分'],
  ])('a tiered item scored %f reads “%s”', (points, text) => {
    const q = gradeBranchYear(rubricOf(), facts(), { Q: { points, comment: '经查阅材料' } }, {}).items.find(
      (i) => i.itemId === 'Q',
    );
    expect(q).toMatchObject({ mode: 'manual', points, comment: '经查阅材料', explanation: `人工评分：${text}` });
  });

  it('leaves an unscored item open, counts it as 0 and says what is missing', () => {
    const graded = gradeBranchYear(rubricOf(), facts(), { S: { points: 85 } }, {});
    expect(graded.items.find((i) => i.itemId === 'Q')).toMatchObject({
      points: null,
      explanation: '待评分。评分标准：好 4、较好 3、一般 2、差 0',
    });
    expect(graded).toMatchObject({ total: 85, pendingItems: 1, proposedTier: '标准型' });
    expect(graded.blockers).toContain('尚有 1 个人工评分项未评分');
  });

  it.each([
    ['above the maximum', { Q: { points: 5 } }, '评分项“Q 示范引领作用”的人工评分 5 分超过该项满分 4 分'],
    ['below 0', { Q: { points: -1 } }, '评分项“Q 示范引领作用”的人工评分 -1 分低于最低分 0 分'],
    ['not a number', { Q: { points: Number.NaN } }, '评分项“Q 示范引领作用”的分数不是有效数字'],
    ['for an automatic item', { X: { points: 1 } }, '评分项“X 项目X”由台账记录自动计分，不能人工评分'],
    ['for an item the rubric lacks', { Z9: { points: 1 } }, '考核细则“测试细则”中没有编号为“Z9”的评分项'],
  ])('refuses a manual score %s, naming the item', (_, manual, message) => {
    const rubric = rubricOf([auto('X', { scoring: 'deduct', metric: 'term.expired', perOccurrence: 5 })]);
    const attempt = () => gradeBranchYear(rubric, facts(), manual, {});
    expect(attempt).toThrow(LedgerError);
    expect(attempt).toThrow(message);
    try {
      attempt();
    } catch (error) {
      expect((error as LedgerError).code).toBe('VALIDATION');
    }
  });

  it('accepts a score of exactly the maximum and exactly 0', () => {
    expect(gradeBranchYear(rubricOf(), facts(), { Q: { points: 4 }, S: { points: 0 } }, {}).total).toBe(4);
  });
});

const VETOES = [
  { id: 'V1', title: '支委成员违纪', effect: 'force-unqualified' },
  { id: 'V2', title: '发生重大事故', effect: 'no-tier' },
  { id: 'V3', title: '未完成经营目标', effect: 'cap-tier', tier: '标准型' },
  { id: 'V4', title: '发生一般事故', effect: 'cap-tier', tier: '示范型' },
];

describe('gradeBranchYear: tiers (标准型 ≥ 80, 示范型 ≥ 90 after 标准型, 红旗型 ≥ 95 after 示范型 and Q ≥ 较好)', () => {
  const rubric = rubricOf([], VETOES);
  it.each([
    // previous tier, S, Q (null: unscored), tier, blockers
    ['示范型', 76, 4, '标准型', ['距示范型还差 10 分']],
    ['示范型', 75.5, 4, '未达标', ['距标准型还差 0.5 分']],
    ['示范型', 75.99, 4, '未达标', ['距标准型还差 0.01 分']],
    ['示范型', 86, 4, '示范型', ['距红旗型还差 5 分']],
    ['示范型', 85.5, 4, '标准型', ['距示范型还差 0.5 分']],
    ['示范型', 91, 4, '红旗型', []],
    ['红旗型', 96, 3, '红旗型', []],
    ['示范型', 93, 2, '示范型', ['红旗型须“示范引领作用”至少评为较好（现为一般）']],
    ['示范型', 96, null, '示范型', ['红旗型须“示范引领作用”至少评为较好（尚未评分）', '尚有 1 个人工评分项未评分']],
    ['标准型', 92, 4, '示范型', ['上年未达示范型，本年最高可评示范型']],
    ['未达标', 92, 4, '标准型', ['上年未达标准型，本年最高可评标准型']],
    // First year in the ledger: 示范型 waives its prerequisite, 红旗型 does not (the rubric says so per tier).
    [null, 92, 4, '示范型', ['无上年定级记录，本年最高可评示范型']],
    [null, 86, 4, '示范型', ['距红旗型还差 5 分', '无上年定级记录，本年最高可评示范型']],
    // 降级: last year's 红旗型 does not hold a branch up.
    ['红旗型', 70, 4, '未达标', ['距标准型还差 6 分']],
  ] as const)('previous %s, total %f + %s → %s', (previousTier, s, q, tier, blockers) => {
    const manual = { S: { points: s }, ...(q === null ? {} : { Q: { points: q } }) };
    const graded = gradeBranchYear(rubric, facts({ previousTier }), manual, {});
    expect(graded.proposedTier).toBe(tier);
    expect(graded.blockers).toEqual(blockers);
    expect(graded.previousTier).toBe(previousTier);
  });

  it('reports the total, the maximum and the rubric it used', () => {
    const graded = gradeBranchYear(rubric, facts(), { S: { points: 80 }, Q: { points: 4 } }, {});
    expect(graded).toMatchObject({
      total: 84,
      maxTotal: 100,
      rubric: { id: 'test', name: '测试细则', version: '1' },
      vetoes: [],
      pendingItems: 0,
    });
  });
});

describe('gradeBranchYear: 一票否决', () => {
  const rubric = rubricOf([], VETOES);
  const full = { S: { points: 96 }, Q: { points: 4 } };
  it.each([
    // vetoes ticked, S, tier, blockers
    [{ V2: '3月发生重大安全事故' }, 96, '未达标', ['一票否决：发生重大事故（不能评定等级）']],
    [{ V1: '组织委员受警告处分' }, 96, '未达标', ['一票否决：支委成员违纪（直接定为未达标）']],
    [{ V3: '经营目标完成 85%' }, 96, '标准型', ['一票否决：未完成经营目标（最高评为标准型）']],
    [{ V3: '经营目标完成 85%' }, 70, '未达标', ['一票否决：未完成经营目标（最高评为标准型）', '距标准型还差 6 分']],
    [{ V4: '轻伤事故' }, 96, '示范型', ['一票否决：发生一般事故（最高评为示范型）']],
    [
      { V3: '甲', V4: '乙' },
      96,
      '标准型',
      ['一票否决：未完成经营目标（最高评为标准型）', '一票否决：发生一般事故（最高评为示范型）'],
    ],
    [
      { V2: '甲', V3: '乙' },
      96,
      '未达标',
      ['一票否决：发生重大事故（不能评定等级）', '一票否决：未完成经营目标（最高评为标准型）'],
    ],
  ] as const)('%j with %f → %s', (vetoes, s, tier, blockers) => {
    const graded = gradeBranchYear(rubric, facts(), { ...full, S: { points: s } }, vetoes);
    expect(graded.proposedTier).toBe(tier);
    expect(graded.blockers).toEqual(blockers);
    // A veto changes the tier, never the score.
    expect(graded.total).toBe(s + 4);
  });

  it('lists each veto with its effect and reason', () => {
    expect(gradeBranchYear(rubric, facts(), full, { V3: '  经营目标完成 85% ' }).vetoes).toEqual([
      { itemId: 'V3', title: '未完成经营目标', effect: '最高评为标准型', reason: '经营目标完成 85%' },
    ]);
  });

  it.each([
    [{ V9: '理由' }, '考核细则“测试细则”中没有编号为“V9”的否决项'],
    [{ V1: '  ' }, '请填写否决项“V1 支委成员违纪”的否决理由'],
  ])('refuses %j', (vetoes, message) => {
    expect(() => gradeBranchYear(rubric, facts(), full, vetoes)).toThrow(message);
  });
});
