import type { StarBoard, StarRow, StarStep } from '../../../api/exemplary.ts';
import type { AppraisalGrade, MeetingKind } from '../../../api/life.ts';
import { sql } from '../../db/sql.ts';
import { LedgerError } from '../../errors.ts';
import { type Ledger, today, write } from '../../ledger.ts';
import {
  type AwardPeriod,
  averageVotes,
  decisionRefusal,
  disqualifiersFor,
  type MemberFacts,
  parsePeriod,
  starLabel,
  stepRefusal,
} from '../../rules/exemplary.ts';
import { defaultExemplaryScheme } from '../../templates/exemplary.ts';
import { duesSheet } from '../dues/dues.ts';
import { listMembers } from '../org/members-read.ts';
import { requireUnitOfKind } from '../org/units.ts';
import { requireOnRoll } from './roll.ts';

interface AwardRow {
  id: number;
  member_id: number;
  branch_id: number;
  name: string;
  stage: StarStep;
  self_stars: number;
  self_note: string | null;
  self_on: string;
  peer_stars: number | null;
  peer_votes: string | null;
  peer_note: string | null;
  peer_on: string | null;
  decided_stars: number | null;
  decided_on: string | null;
  decided_note: string | null;
}

const NO_FACTS: MemberFacts = { unpaidMonths: [], absences: [], appraisals: [], manual: {} };

const monthStart = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}-01`;

/** What the ledger shows about every member of the branch in the period, in a few set queries. */
function gatherFacts(ledger: Ledger, branchId: number, period: AwardPeriod): Map<number, MemberFacts> {
  const facts = new Map<number, MemberFacts>();
  const of = (memberId: number): MemberFacts => {
    let f = facts.get(memberId);
    if (!f) {
      f = { unpaidMonths: [], absences: [], appraisals: [], manual: {} };
      facts.set(memberId, f);
    }
    return f;
  };
  const asOf = today(ledger);
  // The dues sheet already knows each member's owed months and amount; a month counts once it has begun.
  for (const m of duesSheet(ledger, branchId, period.year).members) {
    if (!m.profile || !m.dueMonths) continue;
    const due = Math.round(m.profile.monthlyDue * 100);
    for (let month = m.dueMonths[0]; month <= m.dueMonths[1]; month += 1) {
      if (monthStart(period.year, month) > asOf) break;
      if (Math.round((m.months[month - 1] ?? 0) * 100) < due) of(m.memberId).unpaidMonths.push(month);
    }
  }
  const absences = ledger.db.all<{
    member_id: number;
    meeting_id: number;
    kind: MeetingKind;
    also: string;
    held_on: string;
  }>(
    'exemplary.absences',
    sql`SELECT a.member_id, m.id AS meeting_id, m.kind, m.also_counts_as AS also, m.held_on
        FROM attendance a JOIN meeting m ON m.id = a.meeting_id
        WHERE m.branch_id = ${branchId} AND m.held_on BETWEEN ${period.from} AND ${period.to}
          AND a.status = '缺席' AND a.member_id IS NOT NULL`,
  );
  for (const a of absences) {
    for (const kind of [a.kind, ...(JSON.parse(a.also) as MeetingKind[])])
      of(a.member_id).absences.push({ meetingId: a.meeting_id, date: a.held_on, kind });
  }
  const grades = ledger.db.all<{ member_id: number; meeting_id: number; held_on: string; grade: AppraisalGrade }>(
    'exemplary.appraisals',
    sql`SELECT g.member_id, g.meeting_id, m.held_on, g.grade FROM appraisal_grade g JOIN meeting m ON m.id = g.meeting_id
        WHERE m.branch_id = ${branchId} AND m.held_on BETWEEN ${`${period.year}-01-01`} AND ${`${period.year}-12-31`}`,
  );
  for (const g of grades) of(g.member_id).appraisals.push({ meetingId: g.meeting_id, date: g.held_on, grade: g.grade });
  const checks = ledger.db.all<{ member_id: number; disqualifier_id: string; reason: string }>(
    'exemplary.checks',
    sql`SELECT member_id, disqualifier_id, reason FROM star_check WHERE branch_id = ${branchId} AND period = ${period.key}`,
  );
  for (const c of checks) of(c.member_id).manual[c.disqualifier_id] = c.reason;
  return facts;
}

/** The star awards of a branch for one period: every member on roll in it, their steps and their disqualifiers. */
export function starBoard(ledger: Ledger, branchId: number, periodKey: string): StarBoard {
  requireUnitOfKind(ledger, branchId, '党支部', '党支部');
  const scheme = defaultExemplaryScheme();
  const period = parsePeriod(scheme.period, periodKey);
  const now = today(ledger);
  // The roll at the period's end, or today while it runs (its first day before it begins).
  let asOf = now;
  if (asOf > period.to) asOf = period.to;
  if (asOf < period.from) asOf = period.from;
  const members = listMembers(ledger, { branchId, asOf }).map((m) => ({ id: m.id, name: m.name }));
  const awards = ledger.db.all<AwardRow>(
    'exemplary.awards',
    sql`SELECT a.*, m.name FROM star_award a JOIN member m ON m.id = a.member_id
        WHERE a.branch_id = ${branchId} AND a.period = ${period.key}`,
  );
  // A member who left after being assessed keeps the row: the award is a record of the period.
  for (const a of awards)
    if (!members.some((m) => m.id === a.member_id)) members.push({ id: a.member_id, name: a.name });
  const facts = gatherFacts(ledger, branchId, period);
  const commitments = ledger.db.all<{ member_id: number; status: string; n: number }>(
    'exemplary.commitmentCounts',
    sql`SELECT member_id, status, COUNT(*) AS n FROM exemplary_commitment
        WHERE branch_id = ${branchId} AND year = ${period.year} GROUP BY member_id, status`,
  );
  const posts = ledger.db.all<{ holder_id: number; kind: string; name: string }>(
    'exemplary.postsInPeriod',
    sql`SELECT holder_id, kind, name FROM exemplary_post WHERE branch_id = ${branchId}
        AND from_date <= ${period.to} AND (to_date IS NULL OR to_date >= ${period.from}) ORDER BY from_date, id`,
  );
  const rows: StarRow[] = members.map((member) => {
    const a = awards.find((x) => x.member_id === member.id);
    const own = commitments.filter((c) => c.member_id === member.id);
    const count = (status?: string) => own.filter((c) => !status || c.status === status).reduce((s, c) => s + c.n, 0);
    return {
      memberId: member.id,
      name: member.name,
      stage: a?.stage ?? null,
      selfStars: a?.self_stars ?? null,
      selfNote: a?.self_note ?? null,
      selfOn: a?.self_on ?? null,
      peerStars: a?.peer_stars ?? null,
      peerVotes: a?.peer_votes ? (JSON.parse(a.peer_votes) as number[]) : null,
      peerNote: a?.peer_note ?? null,
      peerOn: a?.peer_on ?? null,
      decidedStars: a?.decided_stars ?? null,
      decidedOn: a?.decided_on ?? null,
      decidedNote: a?.decided_note ?? null,
      disqualifiers: disqualifiersFor(scheme, period, facts.get(member.id) ?? NO_FACTS),
      commitments: { total: count(), kept: count('已践诺'), broken: count('未践诺') },
      posts: posts.filter((p) => p.holder_id === member.id).map((p) => `${p.kind}：${p.name}`),
    };
  });
  return { branchId, period: period.key, periodLabel: period.label, from: period.from, to: period.to, rows };
}

interface StepInput {
  branchId: number;
  memberId: number;
  period: string;
}

/** One step of one member's award: the member must be on roll in the period and the steps go in order. */
function takeStep(
  ledger: Ledger,
  input: StepInput,
  step: StarStep,
  apply: (ctx: { name: string; period: AwardPeriod; row: AwardRow | undefined }) => {
    summary: string;
    after: unknown;
  },
): void {
  write(ledger, () => {
    requireUnitOfKind(ledger, input.branchId, '党支部', '党支部');
    const period = parsePeriod(defaultExemplaryScheme().period, input.period);
    const name = requireOnRoll(ledger, {
      branchId: input.branchId,
      memberId: input.memberId,
      from: period.from,
      to: period.to,
      field: '党员',
      when: period.label,
    });
    const row = ledger.db.get<AwardRow>(
      'exemplary.award',
      sql`SELECT a.*, m.name FROM star_award a JOIN member m ON m.id = a.member_id
          WHERE a.member_id = ${input.memberId} AND a.period = ${period.key}`,
    );
    if (row && row.branch_id !== input.branchId)
      throw new LedgerError('CONFLICT', `${name}${period.label}的星级已在其他支部评定。`);
    const refusal = stepRefusal(row?.stage ?? null, step);
    if (refusal) throw new LedgerError('CONFLICT', `${name}：${refusal}`, [{ field: step, message: refusal }]);
    const { summary, after } = apply({ name, period, row });
    return {
      result: null,
      audit: {
        action: `exemplary.${step}`,
        entity: 'star_award',
        entityId: `${input.memberId}-${period.key}`,
        before: row,
        after,
        summary,
      },
    };
  });
}

export function recordSelf(ledger: Ledger, input: StepInput & { stars: number; note?: string }): void {
  takeStep(ledger, input, '自评', ({ name, period }) => {
    const scheme = defaultExemplaryScheme();
    ledger.db.run(
      'exemplary.self',
      sql`INSERT INTO star_award (member_id, branch_id, period, scheme_version, stage, self_stars, self_note, self_on)
          VALUES (${input.memberId}, ${input.branchId}, ${period.key}, ${scheme.version}, '自评', ${input.stars}, ${input.note}, ${today(ledger)})
          ON CONFLICT (member_id, period) DO UPDATE SET self_stars = excluded.self_stars, self_note = excluded.self_note,
            self_on = excluded.self_on, scheme_version = excluded.scheme_version`,
    );
    return {
      summary: `${name} ${period.label}星级自评：${starLabel(scheme, input.stars)}`,
      after: { stars: input.stars, note: input.note ?? null },
    };
  });
}

export function recordPeer(
  ledger: Ledger,
  input: StepInput & { stars?: number; votes?: number[]; note?: string },
): void {
  if ((input.stars === undefined) === (input.votes === undefined))
    throw new LedgerError('VALIDATION', '互评请录入各票星级，或直接填写互评平均星级（二选一）。', [
      { field: '互评', message: '录入票数或平均星级，二选一' },
    ]);
  const stars = input.votes ? averageVotes(input.votes) : Math.round((input.stars ?? 0) * 10) / 10;
  takeStep(ledger, input, '互评', ({ name, period }) => {
    ledger.db.run(
      'exemplary.peer',
      sql`UPDATE star_award SET stage = '互评', peer_stars = ${stars}, peer_votes = ${input.votes ? JSON.stringify(input.votes) : null},
            peer_note = ${input.note}, peer_on = ${today(ledger)}
          WHERE member_id = ${input.memberId} AND period = ${period.key}`,
    );
    const votes = input.votes ? `（${input.votes.length} 票平均）` : '';
    return {
      summary: `${name} ${period.label}星级互评：${stars} 星${votes}`,
      after: { stars, votes: input.votes ?? null, note: input.note ?? null },
    };
  });
}

/** 支部评定: refused while a disqualifier applies, unless the branch records 不评星 (0). */
export function recordDecision(
  ledger: Ledger,
  input: StepInput & { stars: number; decidedOn: string; note?: string },
): void {
  if (input.decidedOn > today(ledger))
    throw new LedgerError('VALIDATION', '评定日期不能晚于今天。', [{ field: '评定日期', message: '不能晚于今天' }]);
  takeStep(ledger, input, '支部评定', ({ name, period }) => {
    if (input.decidedOn < period.from)
      throw new LedgerError('VALIDATION', `评定日期不能早于${period.label}开始（${period.from}）。`, [
        { field: '评定日期', message: '早于评定周期' },
      ]);
    const hits = disqualifiersFor(
      defaultExemplaryScheme(),
      period,
      gatherFacts(ledger, input.branchId, period).get(input.memberId) ?? NO_FACTS,
    );
    const refusal = decisionRefusal(name, input.stars, hits);
    if (refusal)
      throw new LedgerError(
        'CONFLICT',
        refusal,
        hits.map((h) => ({ field: h.title, message: `${h.reason}（规则：${h.rule}）` })),
      );
    ledger.db.run(
      'exemplary.decide',
      sql`UPDATE star_award SET stage = '支部评定', decided_stars = ${input.stars}, decided_on = ${input.decidedOn},
            decided_note = ${input.note}
          WHERE member_id = ${input.memberId} AND period = ${period.key}`,
    );
    return {
      summary: `${name} ${period.label}星级支部评定：${starLabel(defaultExemplaryScheme(), input.stars)}`,
      after: { stars: input.stars, decidedOn: input.decidedOn, note: input.note ?? null, disqualifiers: hits },
    };
  });
}

/** Ticks (with a reason) or clears a disqualifier the ledger cannot see, such as a 党纪处分. */
export function recordCheck(
  ledger: Ledger,
  input: StepInput & { disqualifierId: string; reason: string | null },
): void {
  write(ledger, () => {
    const scheme = defaultExemplaryScheme();
    const d = scheme.disqualifiers.find((x) => x.id === input.disqualifierId);
    if (d?.kind !== 'manual')
      throw new LedgerError('VALIDATION', `“${input.disqualifierId}”不是由支部登记的否决条件。`, [
        { field: '否决条件', message: '由台账自动判断，不能手工登记' },
      ]);
    requireUnitOfKind(ledger, input.branchId, '党支部', '党支部');
    const period = parsePeriod(scheme.period, input.period);
    const name = requireOnRoll(ledger, {
      branchId: input.branchId,
      memberId: input.memberId,
      from: period.from,
      to: period.to,
      field: '党员',
      when: period.label,
    });
    const stage = ledger.db.get<{ stage: StarStep }>(
      'exemplary.awardStage',
      sql`SELECT stage FROM star_award WHERE member_id = ${input.memberId} AND period = ${period.key}`,
    )?.stage;
    if (stage === '支部评定')
      throw new LedgerError('CONFLICT', `${name}${period.label}的星级已由支部评定，不能再登记否决情形。`);
    const before = ledger.db.get<{ reason: string }>(
      'exemplary.check',
      sql`SELECT reason FROM star_check WHERE member_id = ${input.memberId} AND period = ${period.key} AND disqualifier_id = ${d.id}`,
    );
    if (input.reason === null) {
      if (!before) throw new LedgerError('NOT_FOUND', `${name}${period.label}没有登记“${d.title}”。`);
      ledger.db.run(
        'exemplary.clearCheck',
        sql`DELETE FROM star_check WHERE member_id = ${input.memberId} AND period = ${period.key} AND disqualifier_id = ${d.id}`,
      );
    } else {
      ledger.db.run(
        'exemplary.setCheck',
        sql`INSERT INTO star_check (member_id, branch_id, period, disqualifier_id, reason, entered_at)
            VALUES (${input.memberId}, ${input.branchId}, ${period.key}, ${d.id}, ${input.reason}, ${ledger.clock().toISOString()})
            ON CONFLICT (member_id, period, disqualifier_id) DO UPDATE SET reason = excluded.reason, entered_at = excluded.entered_at`,
      );
    }
    return {
      result: null,
      audit: {
        action: input.reason === null ? 'exemplary.clearCheck' : 'exemplary.setCheck',
        entity: 'star_check',
        entityId: `${input.memberId}-${period.key}-${d.id}`,
        before,
        after: input.reason === null ? null : { reason: input.reason },
        summary: `${name} ${period.label}${input.reason === null ? '撤销' : '登记'}否决情形：${d.title}`,
      },
    };
  });
}

/** The API's steps answer with the whole board, so the table shows every member's standing after the change. */
const thenBoard =
  <I extends StepInput>(step: (ledger: Ledger, input: I) => void) =>
  (ledger: Ledger, input: I): StarBoard => {
    step(ledger, input);
    return starBoard(ledger, input.branchId, input.period);
  };

export const selfAssess = thenBoard(recordSelf);
export const peerAssess = thenBoard(recordPeer);
export const decide = thenBoard(recordDecision);
export const setCheck = thenBoard(recordCheck);
