import { sql } from '../../db/sql.ts';
import type { Ledger } from '../../ledger.ts';
import type { BranchYearFacts, Evidence } from '../../rules/assessment-facts.ts';
import { developmentBoard } from '../development/people.ts';
import { duesSheet } from '../dues/dues.ts';
import { getTerm } from '../elections/elections.ts';
import { complianceYear } from '../life/compliance.ts';
import { listMeetings } from '../life/meetings-read.ts';
import { listMembers } from '../org/members-read.ts';
import { listUnits, requireUnitOfKind } from '../org/units.ts';
import { listPlans, supervision } from '../routine/plans.ts';
import { listProjects } from './projects.ts';

/** One branch-year of the ledger as the rubric sees it, every number with the records behind it. */
export function gatherFacts(
  ledger: Ledger,
  branchId: number,
  year: number,
  previousTier: BranchYearFacts['previousTier'],
): BranchYearFacts {
  const branch = requireUnitOfKind(ledger, branchId, '党支部', '党支部');
  const compliance = complianceYear(ledger, branchId, year);
  const meetings = listMeetings(ledger, { branchId, year });
  const dues = duesSheet(ledger, branchId, year);
  const board = developmentBoard(ledger, branchId, true);
  const projects = listProjects(ledger, branchId, year);
  const plans = listPlans(ledger, branchId, year);
  const open = supervision(ledger, branchId);
  const yearEnd = `${year}-12-31`;
  const asOf = compliance.asOf < yearEnd ? compliance.asOf : yearEnd;
  const members = listMembers(ledger, { branchId, asOf });
  const rect = ledger.db.get<{ total: number; closed: number; overdue: number }>(
    'facts.rectifications',
    sql`SELECT COUNT(*) AS total, COALESCE(SUM(r.done_on IS NOT NULL), 0) AS closed,
          COALESCE(SUM(r.done_on IS NULL AND r.due_date < ${asOf}), 0) AS overdue
        FROM rectification r JOIN meeting m ON m.id = r.meeting_id
        WHERE m.branch_id = ${branchId} AND m.held_on BETWEEN ${`${year}-01-01`} AND ${yearEnd}`,
  );
  const steps = ledger.db.get<{ n: number; overridden: number }>(
    'facts.devSteps',
    sql`SELECT COUNT(*) AS n, COALESCE(SUM(s.override_reason IS NOT NULL), 0) AS overridden FROM dev_step s
        JOIN dev_person p ON p.id = s.person_id WHERE p.branch_id = ${branchId} AND s.done_on BETWEEN ${`${year}-01-01`} AND ${yearEnd}`,
  );
  const term = getTerm(ledger, branchId);
  const items = plans.flatMap((p) => p.items);
  const meetingEvidence = (kind: string): Evidence[] =>
    meetings
      .filter((m) => m.kind === kind || m.alsoCountsAs.includes(kind as never))
      .map((m) => ({ kind: 'meeting', id: m.id, label: `${m.heldOn} ${m.title}` }));
  const monthsDue = dues.members.reduce(
    (sum, m) => sum + (m.profile ? Math.round(m.dueToDate / Math.max(m.profile.monthlyDue, 0.01)) : 0),
    0,
  );
  return {
    year,
    asOf,
    branch: { id: branch.id, name: branch.name },
    compliance: { cells: compliance.cells, findings: compliance.findings },
    meetings: meetings.map((m) => ({
      id: m.id,
      kinds: [m.kind, ...m.alsoCountsAs],
      heldOn: m.heldOn,
      expected: m.expected,
      present: m.present,
      backfilled: m.backfilled,
      attachments: m.attachments,
    })),
    studyHours: compliance.studyHours.map((s) => ({ memberId: s.memberId, hours: s.hours, required: s.required })),
    dues: {
      members: dues.members.length,
      profiled: dues.members.filter((m) => m.profile).length,
      monthsDue,
      monthsPaid: dues.members.reduce((sum, m) => sum + m.months.filter((v) => v !== null).length, 0),
      longestArrears: Math.max(0, ...dues.members.map((m) => m.arrearsStreak)),
      membersInArrears: dues.members.filter((m) => m.arrearsStreak > 0).length,
    },
    development: {
      people: board.length,
      overdue: board.filter((p) => p.overdue).length,
      stepsRecorded: steps?.n ?? 0,
      stepsWithOverride: steps?.overridden ?? 0,
    },
    term: { state: term.state, endDate: term.endDate },
    projects: {
      count: projects.length,
      targets: projects.reduce((s, p) => s + p.progress.targets, 0),
      targetsMet: projects.reduce((s, p) => s + p.progress.targetsMet, 0),
      problems: projects.reduce((s, p) => s + p.progress.problems, 0),
      problemsClosed: projects.reduce((s, p) => s + p.progress.problemsClosed, 0),
    },
    rectifications: { total: rect?.total ?? 0, closed: rect?.closed ?? 0, overdue: rect?.overdue ?? 0 },
    plans: {
      annual: plans.some((p) => p.month === null),
      monthly: plans.filter((p) => p.month !== null).length,
      items: items.length,
      done: items.filter((i) => i.status === '已完成').length,
      overdue: open.filter((i) => i.source === 'plan' && i.overdue).length,
    },
    members: {
      total: members.length,
      full: members.filter((m) => m.membership === '正式党员').length,
      committeeSize: members.filter((m) => m.posts.some((p) => p !== '党小组长')).length,
      groups: listUnits(ledger).filter((u) => u.kind === '党小组' && u.parentId === branchId).length,
    },
    previousTier,
    evidence: {
      党员大会: meetingEvidence('党员大会'),
      支委会: meetingEvidence('支委会'),
      党课: meetingEvidence('党课'),
      主题党日: meetingEvidence('主题党日'),
      组织生活会: meetingEvidence('组织生活会'),
      民主评议: meetingEvidence('民主评议'),
      书记项目: projects.map((p) => ({ kind: 'project', id: p.id, label: p.title })),
    },
  };
}
