import { parameter, type RuleSet } from '../templates/ruleset.ts';

export interface VoteCounts {
  /** 应到会有表决权党员 (正式党员 on the roll on the meeting date). */
  eligible: number;
  /** 实到会有表决权党员. */
  presentEligible: number;
  /** Written opinions handed in before the meeting by eligible members who were absent. */
  writtenOpinions: number;
  yes: number;
  no: number;
  abstain: number;
}

export interface VoteVerdict {
  quorumMet: boolean;
  passed: boolean;
  explanation: string;
  /** Counts that cannot all be true, in Chinese; a vote with problems is never reported as passed. */
  problems: string[];
}

/** 0.5 → 半数, 2/3 → 三分之二-style text for explanations; the threshold itself always comes from the rule set. */
function fractionText(fraction: number): string {
  if (fraction === 0.5) return '半数';
  for (let denominator = 2; denominator <= 10; denominator += 1) {
    const numerator = Math.round(fraction * denominator);
    if (numerator > 0 && Math.abs(numerator / denominator - fraction) < 1e-9) return `${numerator}/${denominator}`;
  }
  return `${Math.round(fraction * 10000) / 100}%`;
}

function numberText(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}

function countProblems(c: VoteCounts): string[] {
  const problems: string[] = [];
  const fields: Array<[keyof VoteCounts, string]> = [
    ['eligible', '应到会有表决权人数'],
    ['presentEligible', '实到会有表决权人数'],
    ['writtenOpinions', '书面意见人数'],
    ['yes', '赞成票'],
    ['no', '反对票'],
    ['abstain', '弃权票'],
  ];
  for (const [key, label] of fields) {
    if (!Number.isInteger(c[key]) || c[key] < 0) problems.push(`${label}应为不小于 0 的整数，现为 ${c[key]}`);
  }
  if (problems.length > 0) return problems;
  if (c.presentEligible > c.eligible) {
    problems.push(`实到会有表决权党员 ${c.presentEligible} 人，多于应到会的 ${c.eligible} 人，请核对人数`);
  }
  const absent = Math.max(0, c.eligible - c.presentEligible);
  if (c.writtenOpinions > absent) {
    problems.push(
      `书面意见 ${c.writtenOpinions} 份，多于未到会的有表决权党员 ${absent} 人（只有未到会的党员才提交书面意见）`,
    );
  }
  const votes = c.yes + c.no + c.abstain;
  const voters = c.presentEligible + c.writtenOpinions;
  if (votes > voters) {
    problems.push(`赞成、反对、弃权合计 ${votes} 票，多于实到会有表决权党员与书面意见合计 ${voters} 人，请核对票数`);
  }
  return problems;
}

/**
 * Quorum and pass rule for a vote of the 支部党员大会 (RULES.md §2.1).
 * 支部工作条例第十一条: a vote needs more than the quorum fraction of the eligible roll present (applied strictly:
 * exactly half is not enough, see vote.quorumFraction's note).
 * 支部工作条例第十四条: the pass base is the eligible roll, not those present.
 * 发展党员工作细则第二十条: written opinions of absent members count in the tally, not in the quorum.
 */
export function evaluateVote(counts: VoteCounts, ruleSet: RuleSet): VoteVerdict {
  const quorumFraction = parameter(ruleSet, 'vote.quorumFraction');
  const passFraction = parameter(ruleSet, 'vote.passFraction');
  const problems = countProblems(counts);
  const { eligible, presentEligible, writtenOpinions, yes } = counts;

  if (eligible <= 0) {
    return {
      quorumMet: false,
      passed: false,
      explanation: '应到会有表决权党员 0 人，不能表决',
      problems: problems.length > 0 ? problems : ['应到会有表决权党员为 0 人：只有正式党员有表决权，请核对到会名单'],
    };
  }

  const quorumLine = quorumFraction * eligible;
  const passLine = passFraction * eligible;
  const quorumMet = presentEligible > quorumLine;
  const majority = yes > passLine;
  const passed = quorumMet && majority && problems.length === 0;

  const quorumText = fractionText(quorumFraction);
  const passText = fractionText(passFraction);
  const written = writtenOpinions > 0 ? `，书面意见 ${writtenOpinions} 份` : '';
  const head = `应到会有表决权党员 ${eligible} 人，实到 ${presentEligible} 人`;
  if (!quorumMet) {
    return {
      quorumMet,
      passed: false,
      explanation: `${head}（未超过${quorumText}，不足法定人数）${written}；表决无效，不能通过`,
      problems,
    };
  }
  const tally = `赞成 ${yes} 票，${majority ? '超过' : '未超过'}应到会人数的${passText}（${numberText(passLine)}）`;
  const verdict = problems.length > 0 ? '票数与人数不符，请核对后再判定' : majority ? '通过' : '未通过';
  return {
    quorumMet,
    passed,
    explanation: `${head}（超过${quorumText}，有效）${written}；${tally}，${verdict}`,
    problems,
  };
}
