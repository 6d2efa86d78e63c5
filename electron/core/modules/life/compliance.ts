import type { ComplianceFinding, ComplianceReport } from '../../../api/compliance.ts';
import type { AppraisalGrade, AttendanceStatus, MeetingKind } from '../../../api/life.ts';
import { sql } from '../../db/sql.ts';
import { type Ledger, today } from '../../ledger.ts';
import { type ComplianceInput, checkCompliance } from '../../rules/compliance.ts';
import { parameter, sourceOf } from '../../templates/ruleset.ts';
import { developmentBoard } from '../development/people.ts';
import { duesSheet } from '../dues/dues.ts';
import { getTerm } from '../elections/elections.ts';
import { COMMITTEE_POSTS_SQL, ON_ROLL_SQL } from '../org/roll.ts';
import { listUnits, requireUnitOfKind } from '../org/units.ts';

/** Gathers a branch-year from the ledger in a few set queries and hands it to the pure rules. */
export function complianceInput(ledger: Ledger, branchId: number, year: number): ComplianceInput {
  const branch = requireUnitOfKind(ledger, branchId, '党支部', '党支部');
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const meetings = ledger.db.all<{
    id: number;
    kind: MeetingKind;
    also_counts_as: string;
    held_on: string;
    group_id: number | null;
    study_hours: number | null;
  }>(
    'compliance.meetings',
    sql`SELECT id, kind, also_counts_as, held_on, group_id, study_hours FROM meeting
        WHERE branch_id = ${branchId} AND held_on BETWEEN ${from} AND ${to} ORDER BY held_on`,
  );
  const attendance = ledger.db.all<{ meeting_id: number; member_id: number | null; status: AttendanceStatus }>(
    'compliance.attendance',
    sql`SELECT a.meeting_id, a.member_id, a.status FROM attendance a JOIN meeting m ON m.id = a.meeting_id
        WHERE m.branch_id = ${branchId} AND m.held_on BETWEEN ${from} AND ${to}`,
  );
  const grades = ledger.db.all<{ meeting_id: number; member_id: number; grade: AppraisalGrade }>(
    'compliance.grades',
    sql`SELECT g.meeting_id, g.member_id, g.grade FROM appraisal_grade g JOIN meeting m ON m.id = g.meeting_id
        WHERE m.branch_id = ${branchId} AND m.held_on BETWEEN ${from} AND ${to}`,
  );
  const byMeeting = <T extends { meeting_id: number }>(rows: T[]) => {
    const map = new Map<number, T[]>();
    for (const row of rows) map.set(row.meeting_id, [...(map.get(row.meeting_id) ?? []), row]);
    return map;
  };
  const attendanceOf = byMeeting(attendance);
  const gradesOf = byMeeting(grades);
  const intervals = ledger.db.all<{ member_id: number; name: string; from_date: string; to_date: string | null }>(
    'compliance.intervals',
    sql`SELECT s.member_id, m.name, s.from_date, s.to_date FROM member_status s JOIN member m ON m.id = s.member_id
        WHERE s.branch_id = ${branchId} AND s.status IN ${ON_ROLL_SQL}
          AND s.from_date <= ${to} AND (s.to_date IS NULL OR s.to_date > ${from})`,
  );
  const leaders = new Set(
    ledger.db
      .all<{ member_id: number }>(
        'compliance.leaders',
        sql`SELECT DISTINCT member_id FROM member_post WHERE unit_id = ${branchId} AND post IN ${COMMITTEE_POSTS_SQL}
            AND from_date <= ${to} AND (to_date IS NULL OR to_date > ${from})`,
      )
      .map((r) => r.member_id),
  );
  const members = new Map<number, ComplianceInput['members'][number]>();
  for (const i of intervals) {
    const member = members.get(i.member_id) ?? {
      id: i.member_id,
      name: i.name,
      onRoll: [],
      leader: leaders.has(i.member_id),
    };
    member.onRoll.push({ from: i.from_date, to: i.to_date });
    members.set(i.member_id, member);
  }
  // A 支委会 exists where committee posts beyond the 书记 are held, or the branch is large enough to need one.
  const committeePosts = ledger.db.get<{ n: number }>(
    'compliance.committee',
    sql`SELECT COUNT(DISTINCT post) AS n FROM member_post WHERE unit_id = ${branchId} AND post IN ('组织委员', '宣传委员', '纪检委员')
        AND from_date <= ${to} AND (to_date IS NULL OR to_date > ${from})`,
  );
  const talks = ledger.db.all<{ id: number; held_on: string; talker_id: number; talkee_id: number }>(
    'compliance.talks',
    sql`SELECT id, held_on, talker_id, talkee_id FROM talk WHERE branch_id = ${branchId} AND held_on BETWEEN ${from} AND ${to}`,
  );
  return {
    year,
    asOf: today(ledger),
    branch: { id: branch.id, name: branch.name },
    hasCommittee:
      (committeePosts?.n ?? 0) > 0 || members.size >= parameter(ledger.ruleSet, 'branch.committeeThreshold'),
    groups: listUnits(ledger)
      .filter((u) => u.kind === '党小组' && u.parentId === branchId)
      .map((u) => ({ id: u.id, name: u.name })),
    meetings: meetings.map((m) => ({
      id: m.id,
      kinds: [m.kind, ...(JSON.parse(m.also_counts_as) as MeetingKind[])],
      heldOn: m.held_on,
      groupId: m.group_id,
      studyHours: m.study_hours,
      attendance: (attendanceOf.get(m.id) ?? []).map((a) => ({ memberId: a.member_id, status: a.status })),
      appraisal: (gradesOf.get(m.id) ?? []).map((g) => ({ memberId: g.member_id, grade: g.grade })),
    })),
    talks: talks.map((t) => ({ id: t.id, heldOn: t.held_on, talkerId: t.talker_id, talkeeId: t.talkee_id })),
    members: [...members.values()],
  };
}

/** DUES-01: 6 consecutive months unpaid (党章第九条) belongs on the same list a clerk works through. */
function duesFindings(ledger: Ledger, branchId: number, year: number): ComplianceFinding[] {
  const alertAt = parameter(ledger.ruleSet, 'dues.arrearsAlertMonths');
  return duesSheet(ledger, branchId, year)
    .members.filter((m) => m.arrearsStreak >= alertAt)
    .map((m) => ({
      ruleId: 'DUES-01',
      severity: 'error' as const,
      message: `${m.name} 已连续 ${m.arrearsStreak} 个月未交党费`,
      period: String(year),
      memberId: m.memberId,
      source: sourceOf(ledger.ruleSet, 'dues.arrearsAlertMonths'),
    }));
}

/** What is overdue today in 发展党员 and the term: only the current year's report carries it. */
function currentFindings(ledger: Ledger, branchId: number, year: number): ComplianceFinding[] {
  if (String(year) !== today(ledger).slice(0, 4)) return [];
  const findings: ComplianceFinding[] = [];
  for (const person of developmentBoard(ledger, branchId)) {
    for (const deadline of person.deadlines.filter((d) => d.overdue)) {
      findings.push({
        ruleId: `DEV-${String(deadline.stepNo).padStart(2, '0')}`,
        severity: 'error',
        message: `${person.name}：${deadline.label}${deadline.latest ? `（应于 ${deadline.latest} 前）` : ''}`,
        period: String(year),
        memberId: person.memberId,
        source: '中国共产党发展党员工作细则（2014）',
      });
    }
  }
  const term = getTerm(ledger, branchId);
  if (term.state === 'warning' || term.state === 'expired') {
    findings.push({
      ruleId: 'TERM-01',
      severity: term.state === 'expired' ? 'error' : 'warning',
      message: term.message,
      period: String(year),
      memberId: null,
      source: sourceOf(ledger.ruleSet, 'term.warnMonths'),
    });
  }
  return findings;
}

export function complianceYear(ledger: Ledger, branchId: number, year: number): ComplianceReport {
  const input = complianceInput(ledger, branchId, year);
  const checked = checkCompliance(input, ledger.ruleSet);
  const result = {
    ...checked,
    findings: [
      ...checked.findings,
      ...duesFindings(ledger, branchId, year),
      ...currentFindings(ledger, branchId, year),
    ],
  };
  return {
    branchId,
    branchName: input.branch.name,
    year,
    asOf: input.asOf,
    ruleSet: { id: ledger.ruleSet.id, version: ledger.ruleSet.version },
    ...result,
  };
}
