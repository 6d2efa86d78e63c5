import { describe, expect, it } from 'vitest';
import type { DevStepDetails } from '../../../electron/api/development.ts';
import {
  allowedSteps,
  archiveChecklist,
  type CheckStepContext,
  checkStep,
  type DevStepRecordLike,
  deadlines,
  type NewStep,
  nextStep,
  probationEnd,
  probationEndOf,
  type SponsorCandidate,
  stageOf,
  statusOf,
} from '../../../electron/core/rules/development.ts';
import { defaultRuleSet, withOverrides } from '../../../electron/core/templates/ruleset.ts';

/** One person taken through all 25 steps, each date lawful. */
const TIMELINE: Array<[number, string, DevStepDetails?]> = [
  [1, '2023-03-01'],
  [2, '2023-03-20', { talker: '张伟' }],
  [3, '2023-04-10'],
  [4, '2023-04-15'],
  [5, '2023-04-15', { memberIds: [1, 2] }],
  [6, '2023-10-15'],
  [7, '2024-04-10'],
  [8, '2024-04-15'],
  [9, '2024-04-20', { memberIds: [1, 2] }],
  [10, '2024-05-10'],
  [11, '2024-05-20', { trainingDays: 3 }],
  [12, '2024-06-01'],
  [13, '2024-06-10'],
  [14, '2024-06-15'],
  [15, '2024-06-28', { vote: { eligible: 10, presentEligible: 8, writtenOpinions: 0, yes: 8, no: 0, abstain: 0 } }],
  [16, '2024-07-10', { talker: '组织员' }],
  [17, '2024-08-20'],
  [18, '2024-08-30'],
  [19, '2024-09-01'],
  [20, '2024-09-05'],
  [21, '2024-12-20'],
  [22, '2025-05-28'],
  [
    23,
    '2025-06-30',
    { outcome: '按期转正', vote: { eligible: 10, presentEligible: 9, writtenOpinions: 0, yes: 9, no: 0, abstain: 0 } },
  ],
  [24, '2025-08-15'],
  [25, '2025-09-01'],
];

const record = ([stepNo, doneOn, details]: [number, string, DevStepDetails?]): DevStepRecordLike => ({
  stepNo,
  doneOn,
  details: details ?? {},
});

/** The timeline's records of steps 1…n. */
const upTo = (n: number) => TIMELINE.filter(([no]) => no <= n).map(record);
const at = (no: number) => TIMELINE.find(([n]) => n === no) as [number, string, DevStepDetails?];

const SPONSORS: SponsorCandidate[] = [
  { memberId: 1, name: '张伟', fullMember: true, onRoll: true },
  { memberId: 2, name: '王芳', fullMember: true, onRoll: true },
  { memberId: 3, name: '吴倩', fullMember: false, onRoll: true },
  { memberId: 4, name: '李娜', fullMember: true, onRoll: false },
  { memberId: 5, name: '刘洋', fullMember: true, onRoll: true },
];

const ctx = (over: Partial<CheckStepContext> = {}): CheckStepContext => ({
  ruleSet: defaultRuleSet,
  today: '2026-11-23',
  birthDate: '1998-05-06',
  eligibleSponsors: SPONSORS,
  ...over,
});

const rules = (violations: Array<{ rule: string }>) => violations.map((v) => v.rule);

describe('probationEnd: 预备期满 = the 支部大会 date + 1 year, same calendar day (党章第七条)', () => {
  it.each([
    ['2024-06-28', 0, '2025-06-28'],
    ['2024-03-01', 0, '2025-03-01'],
    ['2023-02-28', 0, '2024-02-28'],
    ['2023-12-31', 0, '2024-12-31'],
    // 29 February: no such day next year → the month's last day (民法典第二百零二条), not 1 March.
    ['2024-02-29', 0, '2025-02-28'],
    // Extensions run on from the original end.
    ['2024-06-28', 6, '2025-12-28'],
    ['2024-06-28', 12, '2026-06-28'],
    ['2024-02-29', 6, '2025-08-28'],
    ['2024-08-31', 6, '2026-02-28'],
  ])('accepted %s, extended %i months → %s', (acceptedOn, months, end) => {
    expect(probationEnd(acceptedOn, months)).toBe(end);
  });

  it('reads the probation length from the rule set', () => {
    expect(probationEnd('2024-06-28', 0, withOverrides(defaultRuleSet, { 'dev.probationMonths': 6 }))).toBe(
      '2024-12-28',
    );
  });

  it('probationEndOf follows the extension of the first 转正 meeting', () => {
    expect(probationEndOf(upTo(14))).toBeNull();
    expect(probationEndOf(upTo(22))).toBe('2025-06-28');
    const extended = [
      ...upTo(22),
      { stepNo: 23, doneOn: '2025-06-30', details: { outcome: '延长预备期' as const, extensionMonths: 6 } },
    ];
    expect(probationEndOf(extended)).toBe('2025-12-28');
  });
});

describe('checkStep: the whole timeline is lawful step by step', () => {
  it.each(TIMELINE.map((t) => [t[0], t]))('step %i passes every check', (no, step) => {
    const [stepNo, doneOn, details] = step as [number, string, DevStepDetails?];
    expect(checkStep(upTo(no - 1), { stepNo, doneOn, details: details ?? {} }, ctx())).toEqual([]);
  });
});

describe('checkStep: order and dates (refused, never overridable)', () => {
  it('refuses a step out of order, naming the step that comes first', () => {
    const [v] = checkStep(upTo(1), { stepNo: 3, doneOn: '2023-04-10' }, ctx());
    expect(v).toMatchObject({ rule: 'DEV-ORDER', overridable: false });
    expect(v?.message).toContain('第 2 步“党组织派人谈话”');
  });

  it('refuses recording a step twice', () => {
    const [v] = checkStep(upTo(3), { stepNo: 2, doneOn: '2023-04-20' }, ctx());
    expect(v?.rule).toBe('DEV-ORDER');
    expect(v?.message).toContain('已于 2023年3月20日 登记');
  });

  it('refuses a date before the previous step', () => {
    const [v] = checkStep(upTo(1), { stepNo: 2, doneOn: '2023-02-28', details: { talker: '张伟' } }, ctx());
    expect(v).toMatchObject({ rule: 'DEV-DATE', overridable: false });
    expect(v?.message).toContain('早于上一步第 1 步“递交入党申请书”的日期 2023年3月1日');
  });

  it('accepts the same day as the previous step', () => {
    expect(checkStep(upTo(4), { stepNo: 5, doneOn: '2023-04-15', details: { memberIds: [1] } }, ctx())).toEqual([]);
  });

  it('refuses a date in the future and a date that does not exist', () => {
    expect(rules(checkStep(upTo(1), { stepNo: 2, doneOn: '2026-11-24' }, ctx()))).toContain('DEV-FUTURE');
    expect(rules(checkStep(upTo(1), { stepNo: 2, doneOn: '2023-02-29' }, ctx()))).toEqual(['DEV-DATE']);
    expect(rules(checkStep(upTo(1), { stepNo: 26, doneOn: '2023-04-01' }, ctx()))).toEqual(['DEV-ORDER']);
  });

  it('lets 半年考察 (6) repeat while the person is an activist, and backfill a missed one', () => {
    const twice = [...upTo(6), { stepNo: 6, doneOn: '2024-03-01' }];
    expect(checkStep(twice, { stepNo: 6, doneOn: '2024-03-20' }, ctx())).toEqual([]);
    // A missed 考察 entered late: not before step 5, but may precede the last 考察.
    expect(checkStep(twice, { stepNo: 6, doneOn: '2023-06-01' }, ctx())).toEqual([]);
    expect(rules(checkStep(twice, { stepNo: 6, doneOn: '2023-04-14' }, ctx()))).toEqual(['DEV-DATE']);
    expect(rules(checkStep(upTo(4), { stepNo: 6, doneOn: '2023-05-01' }, ctx()))).toEqual(['DEV-ORDER']);
    const [after] = checkStep(upTo(8), { stepNo: 6, doneOn: '2024-05-01' }, ctx());
    expect(after?.message).toContain('已确定为发展对象');
  });

  it('refuses naming a 发展对象 before the last 考察 recorded', () => {
    const reviewed = [...upTo(6), { stepNo: 6, doneOn: '2024-04-12' }];
    expect(rules(checkStep(reviewed, { stepNo: 7, doneOn: '2024-04-10' }, ctx()))).toEqual(['DEV-DATE']);
  });

  it('lets 预备期考察 (21) repeat during probation only', () => {
    const twice = [...upTo(21), { stepNo: 21, doneOn: '2025-03-20' }];
    expect(checkStep(twice, { stepNo: 21, doneOn: '2025-04-20' }, ctx())).toEqual([]);
    expect(rules(checkStep(upTo(19), { stepNo: 21, doneOn: '2024-10-01' }, ctx()))).toEqual(['DEV-ORDER']);
    const [v] = checkStep(upTo(23), { stepNo: 21, doneOn: '2025-07-01' }, ctx());
    expect(v?.message).toContain('只在预备期内');
  });
});

describe('checkStep: step 1 — the applicant is at least 18 (党章第一条)', () => {
  it.each([
    ['2005-03-02', '2023-03-01', false],
    ['2005-03-01', '2023-03-01', true],
    // Born on 29 February: 18 on 28 February of a common year.
    ['2004-02-29', '2022-02-27', false],
    ['2004-02-29', '2022-02-28', true],
  ])('born %s, applying %s → allowed %s', (birthDate, doneOn, allowed) => {
    const violations = checkStep([], { stepNo: 1, doneOn }, ctx({ birthDate }));
    expect(violations.length === 0).toBe(allowed);
    if (!allowed) expect(violations[0]).toMatchObject({ rule: 'DEV-01', overridable: false });
  });
});

describe('checkStep: step 2 — 谈话 within one month (细则第七条), late only with a written reason', () => {
  it.each([
    ['2023-01-31', '2023-02-28', []],
    ['2023-01-31', '2023-03-01', ['DEV-02']],
    ['2023-03-01', '2023-04-01', []],
    ['2023-03-01', '2023-04-02', ['DEV-02']],
  ])('applied %s, talk %s → %j', (applied, doneOn, expected) => {
    const violations = checkStep([{ stepNo: 1, doneOn: applied }], { stepNo: 2, doneOn }, ctx());
    expect(rules(violations)).toEqual(expected);
    for (const v of violations) expect(v.overridable).toBe(true);
  });

  it('says how late, by when, and which rule', () => {
    const [v] = checkStep([{ stepNo: 1, doneOn: '2023-01-31' }], { stepNo: 2, doneOn: '2023-03-03' }, ctx());
    expect(v?.message).toBe(
      '收到入党申请书（2023年1月31日）后应在 1 个月内派人谈话（最迟 2023年2月28日），本次谈话晚了 3 天；如确有原因，请写明书面理由',
    );
    expect(v?.source).toContain('发展党员工作细则第七条');
  });
});

describe('checkStep: steps 5 and 9 — 培养联系人 1–2, 入党介绍人 exactly 2, all 正式党员 on the roll', () => {
  it.each([
    [5, [1], []],
    [5, [1, 2], []],
    [5, [], ['DEV-05']],
    [5, [1, 2, 5], ['DEV-05']],
    [5, [1, 3], ['DEV-05']],
    [5, [1, 4], ['DEV-05']],
    [5, [1, 99], ['DEV-05']],
    [5, [1, 1], ['DEV-05']],
    [9, [1, 2], []],
    [9, [1], ['DEV-09']],
    [9, [1, 2, 5], ['DEV-09']],
    [9, [1, 3], ['DEV-09']],
  ])('step %i with members %j → %j', (stepNo, memberIds, expected) => {
    const [, doneOn] = at(stepNo);
    const violations = checkStep(upTo(stepNo - 1), { stepNo, doneOn, details: { memberIds } }, ctx());
    expect([...new Set(rules(violations))]).toEqual(expected);
    for (const v of violations) expect(v.overridable).toBe(false);
  });

  it('refuses a 预备党员 as 入党介绍人 by name', () => {
    const [v] = checkStep(upTo(8), { stepNo: 9, doneOn: '2024-04-20', details: { memberIds: [1, 3] } }, ctx());
    expect(v).toMatchObject({ rule: 'DEV-09', overridable: false });
    expect(v?.message).toContain('吴倩 不是正式党员，不能担任入党介绍人');
    expect(v?.source).toContain('党章第五条');
  });

  it('cannot confirm sponsors without the roster', () => {
    const violations = checkStep(
      upTo(8),
      { stepNo: 9, doneOn: '2024-04-20', details: { memberIds: [1, 2] } },
      ctx({ eligibleSponsors: undefined }),
    );
    expect(violations[0]?.message).toContain('没有提供当日的党员名册');
  });
});

describe('checkStep: step 7 — a full year as activist before 发展对象 (one year minus one day refused)', () => {
  it.each([
    ['2023-04-10', '2024-04-09', false],
    ['2023-04-10', '2024-04-10', true],
    ['2024-02-29', '2025-02-27', false],
    ['2024-02-29', '2025-02-28', true],
  ])('activist from %s, 发展对象 on %s → allowed %s', (named, doneOn, allowed) => {
    const history = upTo(6).map((r) =>
      r.stepNo === 3 ? { ...r, doneOn: named } : r.stepNo > 3 ? { ...r, doneOn: named } : r,
    );
    const violations = checkStep(history, { stepNo: 7, doneOn }, ctx());
    expect(violations.length === 0).toBe(allowed);
    if (!allowed) {
      expect(violations[0]).toMatchObject({ rule: 'DEV-07', overridable: false });
      expect(violations[0]?.message).toContain('早了 1 天');
    }
  });
});

describe('checkStep: step 11 — training ≥ 3 days or ≥ 24 学时; less only as a 特殊情况 with a reason', () => {
  it.each([
    [{ trainingDays: 3 }, [], false],
    [{ trainingHours: 24 }, [], false],
    [{ trainingDays: 2, trainingHours: 24 }, [], false],
    [{ trainingDays: 2, trainingHours: 23 }, ['DEV-11'], true],
    [{ trainingDays: 2.5 }, ['DEV-11'], true],
    [{}, ['DEV-11'], false],
  ])('%j → %j (overridable %s)', (details, expected, overridable) => {
    const violations = checkStep(upTo(10), { stepNo: 11, doneOn: '2024-05-20', details }, ctx());
    expect(rules(violations)).toEqual(expected);
    if (violations[0]) expect(violations[0].overridable).toBe(overridable);
  });
});

describe('checkStep: steps 15 and 23 — the 支部大会 vote (evaluateVote: quorum, pass, consistent counts)', () => {
  const vote = (over: Partial<NonNullable<NewStep['details']>['vote']> = {}) => ({
    eligible: 10,
    presentEligible: 7,
    writtenOpinions: 0,
    yes: 6,
    no: 1,
    abstain: 0,
    ...over,
  });
  it.each([
    ['6 of 10 eligible', vote(), true],
    ['5 yes-votes of 10 eligible fail', vote({ yes: 5, no: 2 }), false],
    ['5 of 10 present: no quorum', vote({ presentEligible: 5, yes: 5, no: 0 }), false],
    ['more votes than present', vote({ yes: 6, no: 2 }), false],
    ['more present than eligible', vote({ presentEligible: 11, yes: 11, no: 0 }), false],
    ['written opinions of the absent count', vote({ presentEligible: 6, writtenOpinions: 1, yes: 6, no: 1 }), true],
  ])('%s → passed %s', (_label, v, passed) => {
    const violations = checkStep(upTo(14), { stepNo: 15, doneOn: '2024-06-28', details: { vote: v } }, ctx());
    expect(violations.length === 0).toBe(passed);
    for (const x of violations) expect(x).toMatchObject({ rule: 'DEV-15', overridable: false });
  });

  it('explains a failed vote in the words of the minutes', () => {
    const [v] = checkStep(
      upTo(14),
      { stepNo: 15, doneOn: '2024-06-28', details: { vote: vote({ yes: 5, no: 2 }) } },
      ctx(),
    );
    expect(v?.message).toContain('赞成 5 票，未超过应到会人数的半数（5），未通过');
  });

  it('takes the eligible and present counts from the meeting over what was typed', () => {
    const typed = vote({ eligible: 6, presentEligible: 6, yes: 5, no: 1 });
    expect(checkStep(upTo(14), { stepNo: 15, doneOn: '2024-06-28', details: { vote: typed } }, ctx())).toEqual([]);
    const fromMeeting = ctx({ voteBase: { eligible: 10, presentEligible: 6 } });
    expect(
      rules(checkStep(upTo(14), { stepNo: 15, doneOn: '2024-06-28', details: { vote: typed } }, fromMeeting)),
    ).toEqual(['DEV-15']);
  });

  it('refuses a vote without counts', () => {
    expect(rules(checkStep(upTo(14), { stepNo: 15, doneOn: '2024-06-28' }, ctx()))).toEqual(['DEV-15']);
    const noBase = { yes: 6, no: 0, abstain: 0 };
    const [v] = checkStep(upTo(14), { stepNo: 15, doneOn: '2024-06-28', details: { vote: noBase } }, ctx());
    expect(v?.message).toContain('应到会和实到会');
  });
});

describe('checkStep: step 17 — approval within 3 months, with a reason up to 6, never later', () => {
  it.each([
    ['2024-09-28', [], null],
    ['2024-09-29', ['DEV-17'], true],
    ['2024-12-28', ['DEV-17'], true],
    ['2024-12-29', ['DEV-17'], false],
  ])('accepted 2024-06-28, approved %s → %j', (doneOn, expected, overridable) => {
    const violations = checkStep(upTo(16), { stepNo: 17, doneOn }, ctx());
    expect(rules(violations)).toEqual(expected);
    if (overridable !== null) expect(violations[0]?.overridable).toBe(overridable);
  });
});

describe('checkStep: step 23 — not before 预备期满; extension 6–12 months, once', () => {
  const conversion = (doneOn: string, details: NewStep['details']): NewStep => ({
    stepNo: 23,
    doneOn,
    details: { vote: { eligible: 10, presentEligible: 9, writtenOpinions: 0, yes: 9, no: 0, abstain: 0 }, ...details },
  });

  it.each([
    ['2025-06-27', ['DEV-23']],
    ['2025-06-28', []],
  ])('probation ends 2025-06-28, meeting on %s → %j', (doneOn, expected) => {
    const violations = checkStep(upTo(22), conversion(doneOn, { outcome: '按期转正' }), ctx());
    expect(rules(violations)).toEqual(expected);
    for (const v of violations) expect(v.overridable).toBe(false);
  });

  it('handles a 29 February acceptance: the meeting may be held on 28 February', () => {
    const history = upTo(22).map((r) =>
      r.stepNo === 15
        ? { ...r, doneOn: '2024-02-29' }
        : r.stepNo < 15
          ? { ...r, doneOn: '2024-02-01' }
          : { ...r, doneOn: '2024-12-01' },
    );
    expect(rules(checkStep(history, conversion('2025-02-27', { outcome: '按期转正' }), ctx()))).toEqual(['DEV-23']);
    expect(checkStep(history, conversion('2025-02-28', { outcome: '按期转正' }), ctx())).toEqual([]);
  });

  it.each([
    [5, ['DEV-23']],
    [6, []],
    [12, []],
    [13, ['DEV-23']],
    [undefined, ['DEV-23']],
  ])('an extension of %s months → %j', (extensionMonths, expected) => {
    const violations = checkStep(upTo(22), conversion('2025-06-30', { outcome: '延长预备期', extensionMonths }), ctx());
    expect(rules(violations)).toEqual(expected);
    for (const v of violations) expect(v.overridable).toBe(false);
  });

  it('names the limits when refusing an extension of 5 months', () => {
    const [v] = checkStep(upTo(22), conversion('2025-06-30', { outcome: '延长预备期', extensionMonths: 5 }), ctx());
    expect(v?.message).toBe('延长预备期 5 个月不符合规定：不能少于 6 个月，不能超过 12 个月');
    expect(v?.source).toContain('党章第七条');
  });

  it('refuses a 转正 meeting without a conclusion or with a failed vote', () => {
    expect(rules(checkStep(upTo(22), conversion('2025-06-30', {}), ctx()))).toEqual(['DEV-23']);
    const failed = {
      outcome: '按期转正' as const,
      vote: { eligible: 10, presentEligible: 9, writtenOpinions: 0, yes: 5, no: 4, abstain: 0 },
    };
    expect(rules(checkStep(upTo(22), conversion('2025-06-30', failed), ctx()))).toEqual(['DEV-23']);
  });

  it('after an extension: approval, more 考察, a second 申请, then a second meeting not before the extended end — and no second extension', () => {
    const extended: DevStepRecordLike[] = [
      ...upTo(22),
      { stepNo: 23, doneOn: '2025-06-30', details: { outcome: '延长预备期', extensionMonths: 6 } },
    ];
    expect(nextStep(extended)).toBe(24);
    expect(rules(checkStep(extended, conversion('2025-12-28', { outcome: '按期转正' }), ctx()))).toEqual(['DEV-ORDER']);
    const approved = [...extended, { stepNo: 24, doneOn: '2025-07-20' }];
    expect(nextStep(approved)).toBe(23);
    expect(allowedSteps(approved)).toEqual([21, 22, 23]);
    expect(checkStep(approved, { stepNo: 21, doneOn: '2025-09-20' }, ctx())).toEqual([]);
    expect(checkStep(approved, { stepNo: 22, doneOn: '2025-11-28' }, ctx())).toEqual([]);
    expect(rules(checkStep(approved, conversion('2025-12-27', { outcome: '按期转正' }), ctx()))).toEqual(['DEV-23']);
    expect(checkStep(approved, conversion('2025-12-28', { outcome: '按期转正' }), ctx())).toEqual([]);
    const again = checkStep(approved, conversion('2025-12-28', { outcome: '延长预备期', extensionMonths: 6 }), ctx());
    expect(again.map((v) => v.message)).toContain('预备期已于 2025年6月30日 延长过一次，只能延长一次');
    const converted = [
      ...approved,
      { stepNo: 23, doneOn: '2025-12-28', details: { outcome: '按期转正' as const } },
      { stepNo: 24, doneOn: '2026-01-10' },
    ];
    expect(stageOf(converted)).toBe('正式党员');
    expect(nextStep(converted)).toBe(25);
  });
});

describe('checkStep: step 24 — 转正 approval within 3 months, later only with a reason', () => {
  it.each([
    ['2025-09-30', []],
    ['2025-10-01', ['DEV-24']],
  ])('meeting 2025-06-30, approval %s → %j', (doneOn, expected) => {
    const violations = checkStep(upTo(23), { stepNo: 24, doneOn }, ctx());
    expect(rules(violations)).toEqual(expected);
    for (const v of violations) expect(v.overridable).toBe(true);
  });
});

describe('stageOf, statusOf, nextStep: where the person stands', () => {
  it.each([
    [0, '申请入党', 1],
    [1, '申请入党', 2],
    [2, '申请入党', 3],
    [3, '入党积极分子', 4],
    [6, '入党积极分子', 7],
    [7, '发展对象', 8],
    [14, '发展对象', 15],
    [15, '预备党员', 16],
    [23, '预备党员', 24],
    [24, '正式党员', 25],
    [25, '正式党员', null],
  ])('after step %i: %s, next %s', (n, stage, next) => {
    expect(stageOf(upTo(n))).toBe(stage);
    expect(nextStep(upTo(n))).toBe(next);
  });

  it('a cancelled 预备党员资格 ends the procedure once approved', () => {
    const cancelled = [
      ...upTo(22),
      { stepNo: 23, doneOn: '2025-06-30', details: { outcome: '取消预备党员资格' as const } },
    ];
    expect(statusOf(cancelled)).toBe('进行中');
    expect(nextStep(cancelled)).toBe(24);
    const approved = [...cancelled, { stepNo: 24, doneOn: '2025-07-30' }];
    expect(statusOf(approved)).toBe('已取消');
    expect(stageOf(approved)).toBe('预备党员');
    expect(nextStep(approved)).toBeNull();
    expect(rules(checkStep(approved, { stepNo: 25, doneOn: '2025-08-01' }, ctx()))).toEqual(['DEV-ORDER']);
    expect(deadlines(approved, '2025-08-01', defaultRuleSet)).toEqual([]);
  });

  it('is 已转正 only once the upper committee approves', () => {
    expect(statusOf(upTo(23))).toBe('进行中');
    expect(statusOf(upTo(24))).toBe('已转正');
    expect(rules(checkStep(upTo(25), { stepNo: 25, doneOn: '2025-09-02' }, ctx()))).toEqual(['DEV-ORDER']);
  });

  it('does not depend on the order the history arrives in', () => {
    expect(nextStep([...upTo(10)].reverse())).toBe(11);
  });
});

describe('deadlines: what is due, and what is overdue', () => {
  const find = (list: ReturnType<typeof deadlines>, stepNo: number, kind?: string) =>
    list.find((d) => d.stepNo === stepNo && (kind === undefined || d.kind === kind));

  it('谈话 due within a month of the application, overdue the day after', () => {
    expect(find(deadlines(upTo(1), '2023-04-01', defaultRuleSet), 2)).toMatchObject({
      latest: '2023-04-01',
      overdue: false,
      kind: 'next-step',
    });
    expect(find(deadlines(upTo(1), '2023-04-02', defaultRuleSet), 2)?.overdue).toBe(true);
  });

  it('half-yearly 考察 of an activist, from the last 考察, and the earliest day to name a 发展对象', () => {
    const list = deadlines(upTo(6), '2024-04-01', defaultRuleSet);
    expect(find(list, 6, 'review')).toMatchObject({ latest: '2024-04-15', overdue: false });
    expect(find(list, 7)).toMatchObject({ earliest: '2024-04-10', latest: null, overdue: false });
    expect(find(deadlines(upTo(6), '2024-04-16', defaultRuleSet), 6)?.overdue).toBe(true);
    expect(find(deadlines(upTo(3), '2023-10-11', defaultRuleSet), 6)).toMatchObject({
      latest: '2023-10-10',
      overdue: true,
    });
    expect(find(deadlines(upTo(7), '2024-05-01', defaultRuleSet), 6)).toBeUndefined();
  });

  it('the upper committee approval is overdue after 3 months', () => {
    expect(find(deadlines(upTo(16), '2024-09-28', defaultRuleSet), 17)).toMatchObject({
      kind: 'approval',
      overdue: false,
    });
    const late = find(deadlines(upTo(16), '2024-09-29', defaultRuleSet), 17);
    expect(late).toMatchObject({ latest: '2024-09-28', overdue: true });
    expect(late?.label).toContain('特殊原因最长至 2024年12月28日');
  });

  it('the probation ending within 30 days appears, and is overdue once ended without a meeting', () => {
    expect(find(deadlines(upTo(21), '2025-05-28', defaultRuleSet), 23)).toBeUndefined();
    expect(find(deadlines(upTo(21), '2025-05-29', defaultRuleSet), 23)).toMatchObject({
      kind: 'probation-end',
      earliest: '2025-06-28',
      overdue: false,
      label: '预备期将于 2025年6月28日 届满，届满之日起召开支部大会讨论能否转正',
    });
    const ended = find(deadlines(upTo(22), '2025-07-08', defaultRuleSet), 23);
    expect(ended).toMatchObject({
      overdue: true,
      label: '预备期已于 2025年6月28日 届满 10 天，应及时召开支部大会讨论能否转正',
    });
  });

  it('the 转正 approval is overdue after 3 months; a finished procedure has no deadlines', () => {
    expect(find(deadlines(upTo(23), '2025-10-01', defaultRuleSet), 24)).toMatchObject({
      kind: 'approval',
      overdue: true,
    });
    expect(deadlines(upTo(25), '2026-01-01', defaultRuleSet)).toEqual([]);
  });

  it('reminds of 预备党员 考察 only where a local rule sets a frequency', () => {
    expect(find(deadlines(upTo(21), '2025-01-01', defaultRuleSet), 21)).toBeUndefined();
    const quarterly = withOverrides(defaultRuleSet, { 'dev.probationReviewEveryMonths': 3 });
    expect(find(deadlines(upTo(21), '2025-01-01', quarterly), 21)).toMatchObject({
      latest: '2025-03-20',
      kind: 'review',
    });
  });
});

describe('archiveChecklist: RULES.md §3.3, present once the producing step is recorded', () => {
  it('lists what a new 预备党员 has and lacks', () => {
    const list = archiveChecklist(upTo(15));
    const has = (item: string) => list.find((i) => i.item === item)?.present;
    expect(has('入党申请书')).toBe(true);
    expect(has('入党志愿书')).toBe(true);
    expect(has('政治审查材料及结论')).toBe(true);
    expect(has('转正申请书')).toBe(false);
    expect(has('归档移交清单')).toBe(false);
    expect(archiveChecklist(upTo(25)).every((i) => i.present)).toBe(true);
  });
});
