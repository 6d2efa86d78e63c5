import { describe, expect, it } from 'vitest';
import { evaluateVote, type VoteCounts } from '../../../electron/core/rules/vote.ts';
import { defaultRuleSet, withOverrides } from '../../../electron/core/templates/ruleset.ts';

const counts = (over: Partial<VoteCounts>): VoteCounts => ({
  eligible: 10,
  presentEligible: 7,
  writtenOpinions: 0,
  yes: 6,
  no: 1,
  abstain: 0,
  ...over,
});

describe('evaluateVote: quorum is strictly more than half of the eligible roll (支部工作条例第十一条)', () => {
  it.each([
    // eligible, present, quorum
    [10, 5, false],
    [10, 6, true],
    [9, 4, false],
    [9, 5, true],
    [1, 1, true],
    [3, 1, false],
    [3, 2, true],
  ])('%i eligible, %i present → quorum %s', (eligible, presentEligible, quorumMet) => {
    const verdict = evaluateVote(counts({ eligible, presentEligible, yes: 0, no: 0 }), defaultRuleSet);
    expect(verdict.quorumMet).toBe(quorumMet);
  });
});

describe('evaluateVote: passes on more than half of the eligible roll, not of those present (第十四条)', () => {
  it.each([
    // eligible, present, written, yes, passed
    [10, 7, 0, 6, true],
    [10, 7, 0, 5, false],
    [10, 10, 0, 5, false],
    [9, 5, 0, 5, true],
    [9, 5, 0, 4, false],
    // Written opinions of absent members count in the tally: 5 present + 1 written, 6 yes.
    [10, 6, 1, 6, true],
    // Quorum not met: never passes, however the votes went.
    [10, 5, 3, 6, false],
  ])(
    '%i eligible, %i present, %i written, %i yes → passed %s',
    (eligible, presentEligible, writtenOpinions, yes, passed) => {
      const verdict = evaluateVote(counts({ eligible, presentEligible, writtenOpinions, yes, no: 0 }), defaultRuleSet);
      expect(verdict.passed).toBe(passed);
      expect(verdict.problems).toEqual([]);
    },
  );

  it('explains the count in the words of the minutes', () => {
    expect(evaluateVote(counts({}), defaultRuleSet).explanation).toBe(
      '应到会有表决权党员 10 人，实到 7 人（超过半数，有效）；赞成 6 票，超过应到会人数的半数（5），通过',
    );
    expect(evaluateVote(counts({ yes: 5 }), defaultRuleSet).explanation).toBe(
      '应到会有表决权党员 10 人，实到 7 人（超过半数，有效）；赞成 5 票，未超过应到会人数的半数（5），未通过',
    );
    expect(evaluateVote(counts({ presentEligible: 5, yes: 5 }), defaultRuleSet).explanation).toBe(
      '应到会有表决权党员 10 人，实到 5 人（未超过半数，不足法定人数）；表决无效，不能通过',
    );
    expect(
      evaluateVote(counts({ eligible: 9, presentEligible: 5, writtenOpinions: 2, yes: 5 }), defaultRuleSet).explanation,
    ).toBe(
      '应到会有表决权党员 9 人，实到 5 人（超过半数，有效），书面意见 2 份；赞成 5 票，超过应到会人数的半数（4.5），通过',
    );
  });

  it('refuses to vote on an empty roll', () => {
    const verdict = evaluateVote(counts({ eligible: 0, presentEligible: 0, yes: 0, no: 0 }), defaultRuleSet);
    expect(verdict).toMatchObject({
      quorumMet: false,
      passed: false,
      explanation: '应到会有表决权党员 0 人，不能表决',
    });
    expect(verdict.problems[0]).toContain('只有正式党员有表决权');
  });

  it('reads both fractions from the rule set (a stricter local 2/3 rule)', () => {
    const strict = withOverrides(defaultRuleSet, { 'vote.quorumFraction': 2 / 3, 'vote.passFraction': 2 / 3 });
    expect(evaluateVote(counts({ eligible: 9, presentEligible: 6, yes: 6, no: 0 }), strict).quorumMet).toBe(false);
    const verdict = evaluateVote(counts({ eligible: 9, presentEligible: 7, yes: 7, no: 0 }), strict);
    expect(verdict.passed).toBe(true);
    expect(verdict.explanation).toContain('超过2/3，有效');
  });
});

describe('evaluateVote: counts that cannot all be true are reported and never pass', () => {
  it.each([
    [{ presentEligible: 11, yes: 6 }, '实到会有表决权党员 11 人，多于应到会的 10 人'],
    [{ presentEligible: 7, yes: 6, no: 2, abstain: 1 }, '合计 9 票，多于实到会有表决权党员与书面意见合计 7 人'],
    [{ presentEligible: 8, writtenOpinions: 3, yes: 6 }, '书面意见 3 份，多于未到会的有表决权党员 2 人'],
    [{ yes: -1 }, '赞成票应为不小于 0 的整数'],
    [{ no: 1.5 }, '反对票应为不小于 0 的整数'],
  ])('%o → %s', (over, fragment) => {
    const verdict = evaluateVote(counts(over), defaultRuleSet);
    expect(verdict.problems.join('\n')).toContain(fragment);
    expect(verdict.passed).toBe(false);
  });

  it('accepts votes up to those present plus the written opinions', () => {
    const verdict = evaluateVote(
      counts({ presentEligible: 7, writtenOpinions: 3, yes: 8, no: 1, abstain: 1 }),
      defaultRuleSet,
    );
    expect(verdict.problems).toEqual([]);
    expect(verdict.passed).toBe(true);
  });
});
