import { describe, expect, it } from 'vitest';
import {
  attendanceValid,
  checkCandidates,
  defaultThresholdBase,
  minimumCandidates,
  orderCandidates,
  type TallyInput,
  tallyElection,
} from '../../../electron/core/rules/election.ts';
import { defaultRuleSet, withOverrides } from '../../../electron/core/templates/ruleset.ts';

describe('attendanceValid: more than 4/5 of 应到会 present, strictly (选举工作条例)', () => {
  it.each([
    [10, 8, false],
    [10, 9, true],
    [25, 20, false],
    [25, 21, true],
    [5, 4, false],
    [5, 5, true],
    [15, 12, false],
    [15, 13, true],
    // 0.8 × 35 is 28.000000000000004 in floating point: 28 must still fail, 29 pass.
    [35, 28, false],
    [35, 29, true],
    [0, 0, false],
  ])('%i due, %i present → %s', (due, present, valid) => {
    expect(attendanceValid(due, present, defaultRuleSet)).toBe(valid);
  });
});

describe('minimumCandidates: 差额 ≥ 20% of the seats, ceil(seats × 1.2) (2020 第十三条)', () => {
  it.each([
    [1, 2],
    [3, 4],
    [5, 6],
    [7, 9],
    [9, 11],
    [10, 12],
    [15, 18],
  ])('%i seats → at least %i candidates', (seats, minimum) => {
    expect(minimumCandidates(seats, defaultRuleSet)).toBe(minimum);
  });

  it('reads the ratio from the rule set', () => {
    expect(minimumCandidates(5, withOverrides(defaultRuleSet, { 'election.differentialRatio': 0.5 }))).toBe(8);
  });
});

describe('checkCandidates: 差额, no duplicates, 监票人 not candidates', () => {
  const people = (n: number) => Array.from({ length: n }, (_, i) => ({ memberId: i + 1, name: `候选人${i + 1}` }));

  it.each([
    [3, 4, 0],
    [3, 3, 1],
    [5, 6, 0],
    [5, 5, 1],
    [7, 8, 1],
    [7, 9, 0],
  ])('%i seats with %i candidates → %i problems', (seats, count, problems) => {
    expect(checkCandidates(people(count), seats, [], defaultRuleSet)).toHaveLength(problems);
  });

  it('names the minimum when there are too few', () => {
    expect(checkCandidates(people(8), 7, [], defaultRuleSet)[0]).toContain(
      '应选 7 名，实行差额选举，候选人应多于应选人数的 20%，至少 9 名，现有 8 名',
    );
  });

  it('refuses a 监票人 who is a candidate, and a candidate listed twice', () => {
    expect(checkCandidates(people(4), 3, [{ memberId: 2, name: '候选人2' }], defaultRuleSet)).toEqual([
      '候选人2 是候选人，不能担任监票人',
    ]);
    const twice = [...people(4), { memberId: 1, name: '候选人1' }];
    expect(checkCandidates(twice, 3, [], defaultRuleSet)).toEqual(['候选人名单中有同一人重复']);
  });
});

describe('orderCandidates: 姓氏笔画 order, numbered from 1', () => {
  it('orders by the surname strokes', () => {
    const ordered = orderCandidates([
      { memberId: 1, name: '张伟' },
      { memberId: 2, name: '王芳' },
      { memberId: 3, name: '丁一' },
      { memberId: 4, name: '李娜' },
    ]);
    expect(ordered.map((c) => `${c.order}${c.name}`)).toEqual(['1丁一', '2王芳', '3李娜', '4张伟']);
  });
});

/** 5 seats, 30 正式党员, 28 present, every ballot back and valid. */
const tally = (over: Partial<TallyInput> = {}): TallyInput => ({
  seats: 5,
  base: '应到会',
  due: 30,
  excluded: 0,
  present: 28,
  ballotsIssued: 28,
  ballotsReturned: 28,
  invalidBallots: 0,
  votes: [
    { memberId: 1, name: '甲', yes: 27 },
    { memberId: 2, name: '乙', yes: 25 },
    { memberId: 3, name: '丙', yes: 22 },
    { memberId: 4, name: '丁', yes: 20 },
    { memberId: 5, name: '戊', yes: 18 },
    { memberId: 6, name: '己', yes: 10 },
  ],
  ...over,
});

const names = (list: Array<{ name: string }>) => list.map((v) => v.name);

describe('tallyElection: a valid vote', () => {
  it('elects those above half of 应到会, by votes, up to the seats', () => {
    const result = tallyElection(tally(), defaultRuleSet);
    expect(result).toMatchObject({
      attendanceValid: true,
      batchValid: true,
      threshold: 16,
      ties: [],
      shortfall: 0,
      problems: [],
    });
    expect(names(result.elected)).toEqual(['甲', '乙', '丙', '丁', '戊']);
    expect(result.explanation).toEqual([
      '有选举权的党员 30 人，应到会 30 人，实到会 28 人，超过应到会人数的五分之四（至少 25 人），可以进行选举',
      '发出选票 28 张，收回 28 张，收回数不多于发出数，选举有效；其中无效票 0 张，有效票 28 张',
      '当选须获得超过应到会有选举权人数（30 人）半数的赞成票，即至少 16 票',
      '1. 甲 27 票，当选',
      '2. 乙 25 票，当选',
      '3. 丙 22 票，当选',
      '4. 丁 20 票，当选',
      '5. 戊 18 票，当选',
      '6. 己 10 票，未过半数，未当选',
      '当选 甲、乙、丙、丁、戊，共 5 名',
    ]);
  });

  it('5 yes-votes of 10 due fail; 6 pass', () => {
    const small = (yes: number) =>
      tallyElection(
        tally({
          seats: 1,
          due: 10,
          present: 9,
          ballotsIssued: 9,
          ballotsReturned: 9,
          votes: [
            { memberId: 1, name: '甲', yes },
            { memberId: 2, name: '乙', yes: 9 - yes },
          ],
        }),
        defaultRuleSet,
      );
    expect(small(5).threshold).toBe(6);
    expect(names(small(5).elected)).toEqual([]);
    expect(small(5).shortfall).toBe(1);
    expect(names(small(6).elected)).toEqual(['甲']);
  });

  it('counts the threshold on 应到会 after lawful exclusions, or on 实到会 when configured', () => {
    const excluded = tallyElection(tally({ excluded: 2 }), defaultRuleSet);
    expect(excluded.threshold).toBe(15);
    expect(excluded.explanation[0]).toContain('不计入应到会人数 2 人，应到会 28 人');
    expect(tallyElection(tally({ base: '实到会' }), defaultRuleSet).threshold).toBe(15);
    expect(
      tallyElection(tally({ base: '实到会', present: 27, ballotsIssued: 27, ballotsReturned: 27 }), defaultRuleSet)
        .threshold,
    ).toBe(14);
  });

  it('defaults the base to 应到会, as the rule set says', () => {
    expect(defaultThresholdBase(defaultRuleSet)).toBe('应到会');
    expect(defaultThresholdBase(withOverrides(defaultRuleSet, { 'election.thresholdBase': 1 }))).toBe('实到会');
  });

  it('lets a written-in name (no member id) be elected like any candidate', () => {
    const votes = [...tally().votes.slice(0, 4), { memberId: null, name: '另选人', yes: 19 }];
    expect(names(tallyElection(tally({ votes }), defaultRuleSet).elected)).toContain('另选人');
  });
});

describe('tallyElection: ties at the cut-off and shortfalls', () => {
  it('flags a tie at the cut-off for a re-vote among the tied', () => {
    const votes = [
      { memberId: 1, name: '甲', yes: 27 },
      { memberId: 2, name: '乙', yes: 25 },
      { memberId: 3, name: '丙', yes: 22 },
      { memberId: 4, name: '丁', yes: 20 },
      { memberId: 5, name: '戊', yes: 20 },
      { memberId: 6, name: '己', yes: 20 },
    ];
    const result = tallyElection(tally({ votes }), defaultRuleSet);
    expect(names(result.elected)).toEqual(['甲', '乙', '丙']);
    expect(result.ties).toEqual(['丁', '戊', '己']);
    expect(result.shortfall).toBe(0);
    expect(result.explanation).toContain(
      '丁、戊、己 得票相等（各 20 票），争 2 个名额，应就他们再次投票，以得票多的当选',
    );
  });

  it('is no tie when the tied all fit in the seats', () => {
    const votes = [
      ...tally().votes.slice(0, 3),
      { memberId: 4, name: '丁', yes: 18 },
      { memberId: 5, name: '戊', yes: 18 },
      { memberId: 6, name: '己', yes: 17 },
    ];
    const result = tallyElection(tally({ votes }), defaultRuleSet);
    expect(result.ties).toEqual([]);
    expect(names(result.elected)).toEqual(['甲', '乙', '丙', '丁', '戊']);
  });

  it('flags the seats nobody won for 另行选举', () => {
    const votes = [
      { memberId: 1, name: '甲', yes: 27 },
      { memberId: 2, name: '乙', yes: 25 },
      { memberId: 3, name: '丙', yes: 15 },
      { memberId: 4, name: '丁', yes: 12 },
      { memberId: 5, name: '戊', yes: 16 },
      { memberId: 6, name: '己', yes: 10 },
    ];
    const result = tallyElection(tally({ votes }), defaultRuleSet);
    expect(names(result.elected)).toEqual(['甲', '乙', '戊']);
    expect(result.shortfall).toBe(2);
    expect(result.explanation.at(-1)).toBe(
      '当选 3 名，少于应选名额 5 名，不足的 2 名应另行选举（如接近应选名额，经超过半数的选举人同意，也可不再选举）',
    );
  });
});

describe('tallyElection: a vote that is void', () => {
  it.each([
    [10, 8, false],
    [10, 9, true],
    [25, 20, false],
    [25, 21, true],
  ])('%i due, %i present → attendance valid %s; void elects nobody', (due, present, valid) => {
    const votes = [
      { memberId: 1, name: '甲', yes: present },
      { memberId: 2, name: '乙', yes: 0 },
    ];
    const result = tallyElection(
      tally({ seats: 1, due, present, ballotsIssued: present, ballotsReturned: present, votes }),
      defaultRuleSet,
    );
    expect(result.attendanceValid).toBe(valid);
    expect(result.elected).toHaveLength(valid ? 1 : 0);
    expect(result.problems).toEqual([]);
  });

  it('more ballots returned than issued voids the vote: re-vote', () => {
    const result = tallyElection(tally({ ballotsIssued: 27, present: 28 }), defaultRuleSet);
    expect(result).toMatchObject({ batchValid: false, elected: [], shortfall: 5, problems: [] });
    expect(result.explanation[1]).toBe('发出选票 27 张，收回 28 张，收回数多于发出数，本次选举无效，应重新投票');
  });
});

describe('tallyElection: totals that do not add up are problems (the tally is not saved)', () => {
  it.each([
    ['more present than due', tally({ present: 31, ballotsIssued: 28 }), '实到会 31 人，多于应到会的 30 人'],
    ['more present than due after exclusions', tally({ excluded: 3 }), '实到会 28 人，多于应到会的 27 人'],
    [
      'more ballots issued than present',
      tally({ ballotsIssued: 29, ballotsReturned: 28 }),
      '发出选票 29 张，多于实到会有选举权的 28 人',
    ],
    ['more invalid than returned', tally({ invalidBallots: 29 }), '无效票 29 张，多于收回的选票 28 张'],
    ['a candidate with more votes than valid ballots', tally({ invalidBallots: 2 }), '甲 得 27 票，多于有效选票 26 张'],
    [
      'more yes-votes than the valid ballots can carry',
      tally({
        seats: 1,
        votes: [
          { memberId: 1, name: '甲', yes: 20 },
          { memberId: 2, name: '乙', yes: 20 },
        ],
      }),
      '赞成票合计 40 票，超过有效选票 28 张 × 应选 1 名 = 28 票',
    ],
    ['a negative count', tally({ present: -1 }), '实到会人数应为不小于 0 的整数，现为 -1'],
    [
      'a person twice',
      tally({
        votes: [
          { memberId: 1, name: '甲', yes: 20 },
          { memberId: 1, name: '甲', yes: 2 },
        ],
      }),
      '得票名单中有同一人出现两次',
    ],
  ])('%s', (_label, input, message) => {
    const result = tallyElection(input, defaultRuleSet);
    expect(result.problems.join('\n')).toContain(message);
    expect(result.elected).toEqual([]);
  });
});

describe('tallyElection: a stricter local rule is explained in its own words', () => {
  it('2/3 attendance reads 三分之二', () => {
    const strict = withOverrides(defaultRuleSet, { 'election.attendanceFraction': 2 / 3 });
    const result = tallyElection(
      tally({ present: 21, ballotsIssued: 21, ballotsReturned: 21, votes: [{ memberId: 1, name: '甲', yes: 20 }] }),
      strict,
    );
    expect(result.attendanceValid).toBe(true);
    expect(result.explanation[0]).toContain('超过应到会人数的三分之二（至少 21 人）');
  });
});
