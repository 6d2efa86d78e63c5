import type { ComplianceCell, ComplianceFinding, ComplianceReport } from '../../api/compliance.ts';
import type { AttendanceStatus } from '../../api/life.ts';
import { parameter, type RuleSet, sourceOf } from '../templates/ruleset.ts';
import { monthPeriod, onRollDuring, onRollThroughout, periodPhase, yearMonth, yearPeriod } from './calendar.ts';
import {
  type ComplianceInput,
  type MeetingIndex,
  periodLabel,
  periodState,
  type RuleOutput,
  ruleInfo,
} from './compliance-common.ts';

type Member = ComplianceInput['members'][number];

/** At most this many names are spelled out in one finding; the rest are counted. */
const NAMES_IN_MESSAGE = 10;

function nameList(members: Member[]): string {
  const names = members
    .slice(0, NAMES_IN_MESSAGE)
    .map((m) => m.name)
    .join('、');
  return members.length > NAMES_IN_MESSAGE ? `${names}等 ${members.length} 人` : names;
}

/**
 * MTG-08 谈心谈话 (支部工作条例第十九条): each member on roll during the year takes part in at least
 * life.talk.perYear talks, as talkee or talker. Who must talk with whom is not settled nationally (RULES.md
 * §2.3), so coverage per member is checked, as the parameter's note says. Judged when the year is over.
 */
function talks(input: ComplianceInput, roll: Member[], ruleSet: RuleSet): RuleOutput {
  const required = parameter(ruleSet, 'life.talk.perYear');
  const year = yearPeriod(input.year);
  const inYear = input.talks.filter((t) => t.heldOn >= year.start && t.heldOn < year.end);
  const count = new Map<number, number>();
  for (const talk of inYear) {
    count.set(talk.talkeeId, (count.get(talk.talkeeId) ?? 0) + 1);
    if (talk.talkerId !== talk.talkeeId) count.set(talk.talkerId, (count.get(talk.talkerId) ?? 0) + 1);
  }
  const short = roll.filter((m) => (count.get(m.id) ?? 0) < required);
  const state = periodState(
    periodPhase(year, input.asOf),
    roll.length,
    roll.length - short.length,
    required > 0 && roll.length > 0,
  );
  const cell: ComplianceCell = {
    ruleId: 'MTG-08',
    period: year.key,
    required: roll.length,
    held: roll.length - short.length,
    state,
    evidence: inYear.map((t) => t.id),
  };
  const findings: ComplianceFinding[] =
    state === 'missing'
      ? [
          {
            ruleId: 'MTG-08',
            severity: 'warning',
            message: `${periodLabel(year.key)} ${short.length} 名党员谈心谈话不足 ${required} 次：${nameList(short)}`,
            period: year.key,
            memberId: null,
            source: sourceOf(ruleSet, 'life.talk.perYear'),
          },
        ]
      : [];
  const frequency = required > 0 ? `每名党员每年至少 ${required} 次` : '未规定，不检查';
  return { rules: [ruleInfo(ruleSet, 'MTG-08', '谈心谈话', frequency, 'life.talk.perYear')], cells: [cell], findings };
}

/**
 * MTG-09 集中学习培训学时 (党员教育管理工作条例第二十条; leaders: 2019—2023 规划). Hours are those of meetings
 * the member attended (出席); a 套会 counts its hours once, however many kinds it counts for. Which kinds carry
 * 学时 is the record template's business, so every meeting with hours counts. Members are judged only when the
 * year is over, and only those on roll the whole year: hours earned before a transfer in (or after one out) are
 * recorded by the other branch, and a member admitted mid-year has not had a year to earn them.
 */
function studyHours(
  input: ComplianceInput,
  index: MeetingIndex,
  roll: Member[],
  ruleSet: RuleSet,
): RuleOutput & { studyHours: ComplianceReport['studyHours'] } {
  const memberHours = parameter(ruleSet, 'life.studyHours.member');
  const leaderHours = parameter(ruleSet, 'life.studyHours.leader');
  const hours = new Map<number, number>();
  const evidence: number[] = [];
  for (const meeting of index.meetings) {
    if (!meeting.studyHours || meeting.studyHours <= 0) continue;
    evidence.push(meeting.id);
    const attended = new Set<number>();
    for (const row of meeting.attendance) {
      if (row.status === '出席' && row.memberId !== null) attended.add(row.memberId);
    }
    for (const id of attended) hours.set(id, (hours.get(id) ?? 0) + meeting.studyHours);
  }
  const rows = roll.map((m) => ({
    member: m,
    entry: {
      memberId: m.id,
      name: m.name,
      // Fractional hours add up with float noise (0.1 + 0.2); 学时 are reported to two decimals.
      hours: Math.round((hours.get(m.id) ?? 0) * 100) / 100,
      required: m.leader ? leaderHours : memberHours,
    },
  }));
  const year = yearPeriod(input.year);
  const judged = rows.filter(
    ({ member, entry }) => onRollThroughout(member.onRoll, year.start, year.end) && entry.required > 0,
  );
  const short = judged.filter(({ entry }) => entry.hours < entry.required);
  const state = periodState(
    periodPhase(year, input.asOf),
    judged.length,
    judged.length - short.length,
    judged.length > 0,
  );
  const findings: ComplianceFinding[] =
    state === 'missing'
      ? short.map(({ member, entry }) => ({
          ruleId: 'MTG-09',
          severity: 'warning',
          message: `${entry.name} ${periodLabel(year.key)}集中学习培训 ${entry.hours} 学时，少于 ${entry.required} 学时`,
          period: year.key,
          memberId: entry.memberId,
          source: sourceOf(ruleSet, member.leader ? 'life.studyHours.leader' : 'life.studyHours.member'),
        }))
      : [];
  // The 56-hour figure is UNCONFIRMED after 2023 (RULES.md §2.1): the row keeps the 32-hour rule's tag and says so.
  const leaderNote = ruleSet.parameters['life.studyHours.leader']?.tag === 'UNCONFIRMED' ? '（待核实）' : '';
  const frequency = `党员每年 ${memberHours} 学时，书记和支委 ${leaderHours} 学时${leaderNote}`;
  const info = ruleInfo(ruleSet, 'MTG-09', '集中学习培训学时', frequency, 'life.studyHours.member');
  info.source = `${info.source}；${sourceOf(ruleSet, 'life.studyHours.leader')}`;
  const cell: ComplianceCell = {
    ruleId: 'MTG-09',
    period: year.key,
    required: judged.length,
    held: judged.length - short.length,
    state,
    evidence,
  };
  return { rules: [info], cells: [cell], findings, studyHours: rows.map((r) => r.entry) };
}

/** Best showing of a member at the meetings of one month: took part, excused (请假), or absent. */
const RANK: Record<AttendanceStatus, number> = { 缺席: 1, 请假: 2, 出席: 3, 列席: 3 };

/**
 * MTG-10 (党员教育管理工作条例第三十一条; 党章第九条): absent from organisational life for
 * life.absenceAlertMonths consecutive full months without good reason. Per month a member on roll the whole
 * month is present (出席/列席), excused (请假 is a good reason), absent (缺席, or not listed at a branch-wide
 * meeting), or untested (nothing was held that expected them: the branch's lapse, not the member's, so the
 * month neither counts nor breaks the run). A month on roll only in part breaks the run, so members on roll
 * for less than the threshold are never flagged. Meetings without any attendance recorded prove nothing and
 * are ignored. The run is the longest in the year up to the last full month before asOf.
 */
function absence(input: ComplianceInput, index: MeetingIndex, roll: Member[], ruleSet: RuleSet): RuleOutput {
  const threshold = parameter(ruleSet, 'life.absenceAlertMonths');
  const source = sourceOf(ruleSet, 'life.absenceAlertMonths');
  const best = new Map<number, number[]>();
  const branchWide = new Array<number>(13).fill(0);
  const evidence: number[] = [];
  for (const meeting of index.meetings) {
    if (meeting.attendance.length === 0) continue;
    evidence.push(meeting.id);
    const { month } = yearMonth(meeting.heldOn);
    // A meeting of the whole branch expects everyone on roll; 支委会 and 党小组会 expect those they list.
    if (meeting.groupId === null && meeting.kinds.some((k) => k !== '支委会'))
      branchWide[month] = (branchWide[month] ?? 0) + 1;
    for (const row of meeting.attendance) {
      if (row.memberId === null) continue;
      let months = best.get(row.memberId);
      if (!months) {
        months = new Array<number>(13).fill(0);
        best.set(row.memberId, months);
      }
      months[month] = Math.max(months[month] ?? 0, RANK[row.status]);
    }
  }

  let fullMonths = 0;
  while (fullMonths < 12 && monthPeriod(input.year, fullMonths + 1).end <= input.asOf) fullMonths += 1;

  const findings: ComplianceFinding[] = [];
  for (const member of roll) {
    const shown = best.get(member.id);
    let run = 0;
    let runStart = 0;
    let longest = { length: 0, from: 0, to: 0 };
    for (let month = 1; month <= fullMonths; month += 1) {
      const { start, end } = monthPeriod(input.year, month);
      const rank = shown?.[month] ?? 0;
      const absent = rank === 1 || (rank === 0 && (branchWide[month] ?? 0) > 0);
      if (!onRollThroughout(member.onRoll, start, end) || rank >= 2) {
        run = 0;
      } else if (absent) {
        if (run === 0) runStart = month;
        run += 1;
        if (run >= longest.length) longest = { length: run, from: runStart, to: month };
      }
    }
    if (threshold <= 0 || longest.length < threshold) continue;
    // Still running at the last full month (untested months since then do not end it): 已; otherwise 曾.
    const ongoing = run > 0 && run === longest.length;
    const span = `${longest.from}月至${longest.to}月`;
    findings.push({
      ruleId: 'MTG-10',
      severity: 'warning',
      message: `${member.name} ${ongoing ? '已' : '曾'}连续 ${longest.length} 个月未参加组织生活（${span}）`,
      period: monthPeriod(input.year, longest.to).key,
      memberId: member.id,
      source,
    });
  }
  const year = yearPeriod(input.year);
  const phase = periodPhase(year, input.asOf);
  const state: ComplianceCell['state'] =
    roll.length === 0 || threshold <= 0
      ? 'not-applicable'
      : findings.length > 0
        ? 'missing'
        : phase === 'over'
          ? 'ok'
          : 'pending';
  const cell: ComplianceCell = {
    ruleId: 'MTG-10',
    period: year.key,
    required: roll.length,
    held: roll.length - findings.length,
    state,
    evidence,
  };
  const info = ruleInfo(
    ruleSet,
    'MTG-10',
    '连续未参加组织生活',
    `连续 ${threshold} 个月未参加即提醒`,
    'life.absenceAlertMonths',
  );
  return { rules: [info], cells: [cell], findings };
}

/** MTG-08…MTG-10: the rules about each member on roll during the year. */
export function memberRules(
  input: ComplianceInput,
  index: MeetingIndex,
  ruleSet: RuleSet,
): RuleOutput & { studyHours: ComplianceReport['studyHours'] } {
  const year = yearPeriod(input.year);
  const roll = input.members.filter((m) => onRollDuring(m.onRoll, year.start, year.end));
  const talk = talks(input, roll, ruleSet);
  const hours = studyHours(input, index, roll, ruleSet);
  const absent = absence(input, index, roll, ruleSet);
  return {
    rules: [...talk.rules, ...hours.rules, ...absent.rules],
    cells: [...talk.cells, ...hours.cells, ...absent.cells],
    findings: [...talk.findings, ...hours.findings, ...absent.findings],
    studyHours: hours.studyHours,
  };
}
