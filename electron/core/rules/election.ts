import type { ElectionCandidate, ElectionTally } from '../../api/elections.ts';
import { defaultRuleSet, parameter, type RuleSet, sourceOf } from '../templates/ruleset.ts';
import { strokeKey } from './strokes.ts';

/**
 * Branch election rules (RULES.md §5.2), on counts typed in from the 计票单. Every fraction comes from
 * the rule set; "more than" is strict everywhere (超过), so a tolerance guards the floating products.
 */
const EPSILON = 1e-9;

/** The fewest of `base` that is strictly more than `fraction` of it: more than 4/5 of 10 → 9, of 25 → 21. */
function moreThan(fraction: number, base: number): number {
  return Math.floor(fraction * base + EPSILON) + 1;
}

const CHINESE_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 0.5 → 半数, 0.8 → 五分之四, 2/3 → 三分之二: the words of the regulations, whatever the rule set holds. */
function fractionText(fraction: number): string {
  for (let denominator = 2; denominator <= 10; denominator += 1) {
    const numerator = Math.round(fraction * denominator);
    if (numerator > 0 && numerator < denominator && Math.abs(numerator / denominator - fraction) < EPSILON) {
      if (numerator * 2 === denominator) return '半数';
      return `${CHINESE_DIGITS[denominator]}分之${CHINESE_DIGITS[numerator]}`;
    }
  }
  return `${Math.round(fraction * 1000) / 10}%`;
}

/** 选举工作条例(2020): the election may proceed only with more than 4/5 of those due present. */
export function attendanceValid(due: number, present: number, ruleSet: RuleSet): boolean {
  return due > 0 && present >= moreThan(parameter(ruleSet, 'election.attendanceFraction'), due);
}

/** 差额: candidates − seats ≥ 20% of seats, i.e. ceil(seats × 1.2): 3 → 4, 5 → 6, 7 → 9. */
export function minimumCandidates(seats: number, ruleSet: RuleSet): number {
  return seats + Math.ceil(seats * parameter(ruleSet, 'election.differentialRatio') - EPSILON);
}

/** The rule set's default base for the election threshold (RULES.md §11 item 1: 应到会 unless configured). */
export function defaultThresholdBase(ruleSet: RuleSet): '应到会' | '实到会' {
  return parameter(ruleSet, 'election.thresholdBase') === 1 ? '实到会' : '应到会';
}

/** Candidates in 姓氏笔画 order, numbered from 1, as the 候选人名单 prints them. */
export function orderCandidates(people: ReadonlyArray<{ memberId: number; name: string }>): ElectionCandidate[] {
  return people
    .map((p) => ({ memberId: p.memberId, name: p.name, strokeKey: strokeKey(p.name) }))
    .sort((a, b) => (a.strokeKey < b.strokeKey ? -1 : a.strokeKey > b.strokeKey ? 1 : a.memberId - b.memberId))
    .map((c, i) => ({ ...c, order: i + 1 }));
}

interface Person {
  memberId: number;
  name?: string;
}

/**
 * The candidate list before the vote: 差额 at least the rule set's ratio (2020 第十三条), nobody twice,
 * and no 监票人 among the candidates. Messages in Chinese; empty when the list may be used.
 */
export function checkCandidates(
  candidates: readonly Person[],
  seats: number,
  scrutineers: readonly Person[] = [],
  ruleSet: RuleSet = defaultRuleSet,
): string[] {
  const problems: string[] = [];
  const ids = candidates.map((c) => c.memberId);
  const distinct = new Set(ids);
  if (distinct.size !== ids.length) problems.push('候选人名单中有同一人重复');
  const minimum = minimumCandidates(seats, ruleSet);
  if (distinct.size < minimum) {
    const ratio = Math.round(parameter(ruleSet, 'election.differentialRatio') * 100);
    problems.push(
      `应选 ${seats} 名，实行差额选举，候选人应多于应选人数的 ${ratio}%，至少 ${minimum} 名，现有 ${distinct.size} 名（${sourceOf(ruleSet, 'election.differentialRatio')}）`,
    );
  }
  const both = scrutineers.filter((s) => distinct.has(s.memberId));
  if (both.length > 0) {
    const who = both.map((s) => s.name ?? `党员编号 ${s.memberId}`).join('、');
    problems.push(`${who} 是候选人，不能担任监票人`);
  }
  return problems;
}

export interface TallyInput {
  seats: number;
  base: '应到会' | '实到会';
  /** 有选举权的党员 (正式党员 on the roll on the day), before exclusions. */
  due: number;
  /** How many were lawfully excluded from 应到会 (upper-level consent and a 党员大会 resolution). */
  excluded: number;
  present: number;
  ballotsIssued: number;
  ballotsReturned: number;
  invalidBallots: number;
  votes: ReadonlyArray<{ memberId: number | null; name: string; yes: number }>;
}

export type TallyResult = Omit<ElectionTally, 'heldOn' | 'excluded'> & { problems: string[] };

function countProblems(input: TallyInput): string[] {
  const problems: string[] = [];
  const fields: Array<[number, string]> = [
    [input.seats, '应选名额'],
    [input.due, '有选举权的党员人数'],
    [input.excluded, '不计入应到会的人数'],
    [input.present, '实到会人数'],
    [input.ballotsIssued, '发出选票数'],
    [input.ballotsReturned, '收回选票数'],
    [input.invalidBallots, '无效票数'],
    ...input.votes.map((v): [number, string] => [v.yes, `${v.name} 的得票数`]),
  ];
  for (const [value, label] of fields) {
    if (!Number.isInteger(value) || value < 0) problems.push(`${label}应为不小于 0 的整数，现为 ${value}`);
  }
  if (input.seats < 1) problems.push('应选名额至少为 1 名');
  if (problems.length > 0) return problems;

  const due = input.due - input.excluded;
  if (input.excluded > input.due) {
    problems.push(`不计入应到会的 ${input.excluded} 人，多于有选举权的党员 ${input.due} 人`);
  } else if (input.present > due) {
    problems.push(`实到会 ${input.present} 人，多于应到会的 ${due} 人，请核对人数`);
  }
  if (input.ballotsIssued > input.present) {
    problems.push(`发出选票 ${input.ballotsIssued} 张，多于实到会有选举权的 ${input.present} 人（不得委托投票）`);
  }
  const valid = input.ballotsReturned - input.invalidBallots;
  if (input.invalidBallots > input.ballotsReturned) {
    problems.push(`无效票 ${input.invalidBallots} 张，多于收回的选票 ${input.ballotsReturned} 张`);
  } else {
    for (const v of input.votes) {
      if (v.yes > valid) problems.push(`${v.name} 得 ${v.yes} 票，多于有效选票 ${valid} 张`);
    }
    const total = input.votes.reduce((sum, v) => sum + v.yes, 0);
    if (total > valid * input.seats) {
      problems.push(
        `赞成票合计 ${total} 票，超过有效选票 ${valid} 张 × 应选 ${input.seats} 名 = ${valid * input.seats} 票（每张有效选票最多赞成 ${input.seats} 人），请核对计票单`,
      );
    }
  }
  const names = input.votes.map((v) => (v.memberId === null ? `name:${v.name}` : `id:${v.memberId}`));
  if (new Set(names).size !== names.length) problems.push('得票名单中有同一人出现两次，请合并后再登记');
  return problems;
}

/**
 * The count of a branch election (RULES.md §5.2): attendance > 4/5 of 应到会 (due − excluded);
 * ballots returned ≤ issued or the whole vote is void; elected = yes-votes above the threshold
 * (> half of 应到会 by default, of 实到会 when the election's base says so), by votes, up to the seats.
 *
 * - threshold is the fewest yes-votes that elect.
 * - ties: the names tied at the cut-off when they are more than the seats left — a re-vote among them.
 * - shortfall: seats that neither the elected nor a tie re-vote fill (另行选举); all seats when the vote
 *   is void.
 * - problems: counts that cannot all be true (the tally must not be saved).
 */
export function tallyElection(input: TallyInput, ruleSet: RuleSet): TallyResult {
  const problems = countProblems(input);
  const due = Math.max(0, input.due - input.excluded);
  const attendance = attendanceValid(due, input.present, ruleSet);
  const batchValid = input.ballotsReturned <= input.ballotsIssued;
  const passFraction = parameter(ruleSet, 'election.passFraction');
  const baseCount = input.base === '实到会' ? input.present : due;
  const threshold = moreThan(passFraction, baseCount);
  const attendanceFraction = parameter(ruleSet, 'election.attendanceFraction');
  const valid = Math.max(0, input.ballotsReturned - input.invalidBallots);

  const explanation: string[] = [];
  const excludedText =
    input.excluded > 0 ? `，经上级党组织同意并经党员大会通过不计入应到会人数 ${input.excluded} 人` : '';
  explanation.push(
    `有选举权的党员 ${input.due} 人${excludedText}，应到会 ${due} 人，实到会 ${input.present} 人，` +
      (attendance
        ? `超过应到会人数的${fractionText(attendanceFraction)}（至少 ${moreThan(attendanceFraction, due)} 人），可以进行选举`
        : `未超过应到会人数的${fractionText(attendanceFraction)}（至少需 ${moreThan(attendanceFraction, due)} 人），不能进行选举`),
  );
  explanation.push(
    `发出选票 ${input.ballotsIssued} 张，收回 ${input.ballotsReturned} 张，` +
      (batchValid
        ? `收回数不多于发出数，选举有效；其中无效票 ${input.invalidBallots} 张，有效票 ${valid} 张`
        : '收回数多于发出数，本次选举无效，应重新投票'),
  );
  explanation.push(
    `当选须获得超过${input.base}有选举权人数（${baseCount} 人）${fractionText(passFraction)}的赞成票，即至少 ${threshold} 票`,
  );

  const base = {
    due: input.due,
    present: input.present,
    ballotsIssued: input.ballotsIssued,
    ballotsReturned: input.ballotsReturned,
    invalidBallots: input.invalidBallots,
    votes: input.votes.map((v) => ({ memberId: v.memberId, name: v.name, yes: v.yes })),
    attendanceValid: attendance,
    batchValid,
    threshold,
    problems,
  };
  if (problems.length > 0 || !attendance || !batchValid) {
    if (problems.length > 0) explanation.push('计票数据前后不符，请核对计票单后重新登记');
    return { ...base, elected: [], ties: [], shortfall: input.seats, explanation };
  }

  const ranked = [...base.votes].sort((a, b) => b.yes - a.yes);
  const qualified = ranked.filter((v) => v.yes >= threshold);
  let elected = qualified;
  let tied: typeof ranked = [];
  let tieSeats = 0;
  if (qualified.length > input.seats) {
    const cutoff = qualified[input.seats - 1]?.yes ?? 0;
    const above = qualified.filter((v) => v.yes > cutoff);
    const atCutoff = qualified.filter((v) => v.yes === cutoff);
    elected = [...above, ...atCutoff];
    if (elected.length > input.seats) {
      elected = above;
      tied = atCutoff;
      tieSeats = input.seats - above.length;
    }
  }
  const shortfall = input.seats - elected.length - tieSeats;
  const ties = tied.map((v) => v.name);

  for (const [i, v] of ranked.entries()) {
    const verdict = elected.includes(v)
      ? '当选'
      : tied.includes(v)
        ? '得票相等，待再次投票'
        : v.yes >= threshold
          ? '过半数但名额已满'
          : '未过半数，未当选';
    explanation.push(`${i + 1}. ${v.name} ${v.yes} 票，${verdict}`);
  }
  if (ties.length > 0) {
    explanation.push(
      `${ties.join('、')} 得票相等（各 ${qualified[input.seats - 1]?.yes ?? 0} 票），争 ${tieSeats} 个名额，应就他们再次投票，以得票多的当选`,
    );
  }
  if (shortfall > 0) {
    explanation.push(
      `当选 ${elected.length} 名，少于应选名额 ${input.seats} 名，不足的 ${shortfall} 名应另行选举（如接近应选名额，经超过半数的选举人同意，也可不再选举）`,
    );
  }
  if (shortfall === 0 && ties.length === 0)
    explanation.push(`当选 ${elected.map((v) => v.name).join('、')}，共 ${elected.length} 名`);
  return { ...base, elected, ties, shortfall, explanation };
}
