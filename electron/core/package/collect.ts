/**
 * Reads the records of the chosen branches (one year, or all years) out of the ledger as a
 * LedgerBundle with this ledger's own row ids — the package's data, every column kept.
 *
 * Year-bound records (meetings, talks, plans, dues, projects, points, assessments) follow the year;
 * people and their histories (members, statuses, posts, 发展党员, elections, terms) are always whole,
 * because a year's records refer to them and a partial history would be a false one.
 */

import { type SqlQuery, sql } from '../db/sql.ts';
import { PACK } from '../export/xlsx/layout.ts';
import type {
  BundleAssessment,
  BundleDevPerson,
  BundleDuties,
  BundleElection,
  BundleExemplary,
  BundleLedgerSettings,
  BundleMeeting,
  BundleMember,
  BundlePlan,
  BundleProject,
  BundleTalk,
  BundleUnit,
  LedgerBundle,
} from '../import/bundle.ts';
import type { Ledger } from '../ledger.ts';
import { readLedgerId } from '../signing/keys.ts';

export interface CollectOptions {
  branchIds: number[];
  year: number | null;
  exportedAt: string;
}

type Row = Record<string, string | number | null>;

function json<T>(text: string | number | null | undefined, fallback: T): T {
  if (typeof text !== 'string') return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

const str = (v: string | number | null | undefined): string => (v === null || v === undefined ? '' : String(v));
const opt = (v: string | number | null | undefined): string | null =>
  v === null || v === undefined ? null : String(v);
const num = (v: string | number | null | undefined): number => Number(v ?? 0);
const optNum = (v: string | number | null | undefined): number | null =>
  v === null || v === undefined ? null : Number(v);

/** `column BETWEEN 'YYYY-01-01' AND 'YYYY-12-31'`, or always true when every year is wanted. */
function inYear(column: string, year: number | null): SqlQuery {
  if (year === null) return sql`1 = 1`;
  return sql`${sql.raw(column)} BETWEEN ${`${year}-01-01`} AND ${`${year}-12-31`}`;
}

function yearIs(column: string, year: number | null): SqlQuery {
  return year === null ? sql`1 = 1` : sql`${sql.raw(column)} = ${year}`;
}

function units(ledger: Ledger, branchIds: number[], extraUnitIds: number[]): BundleUnit[] {
  const all = ledger.db.all<Row>('package.units', sql`SELECT id, parent_id, kind, name, sort_order FROM org_unit`);
  const byId = new Map(all.map((u) => [Number(u.id), u]));
  const wanted = new Set<number>();
  const withAncestors = (id: number) => {
    for (let at: number | null = id; at !== null && !wanted.has(at); ) {
      wanted.add(at);
      at = optNum(byId.get(at)?.parent_id);
    }
  };
  for (const id of [...branchIds, ...extraUnitIds]) withAncestors(id);
  // The branches' 党小组 (and any unit below them).
  for (let grew = true; grew; ) {
    grew = false;
    for (const u of all) {
      const parent = optNum(u.parent_id);
      if (parent !== null && branchIds.includes(parent) && !wanted.has(Number(u.id))) {
        wanted.add(Number(u.id));
        grew = true;
      }
    }
  }
  const namesAbove = (id: number): string[] => {
    const names: string[] = [];
    for (let at = optNum(byId.get(id)?.parent_id); at !== null; at = optNum(byId.get(at)?.parent_id)) {
      names.unshift(str(byId.get(at)?.name));
    }
    return names;
  };
  return all
    .filter((u) => wanted.has(Number(u.id)))
    .map((u) => ({
      id: num(u.id),
      parentId: optNum(u.parent_id),
      kind: str(u.kind) as BundleUnit['kind'],
      name: str(u.name),
      sortOrder: num(u.sort_order),
      parentNames: namesAbove(Number(u.id)),
    }));
}

function members(ledger: Ledger, branchIds: number[]): BundleMember[] {
  const ids = ledger.db
    .all<{ member_id: number }>(
      'package.memberIds',
      sql`SELECT DISTINCT member_id FROM member_status WHERE branch_id IN ${sql.in(branchIds)} ORDER BY member_id`,
    )
    .map((r) => r.member_id);
  if (ids.length === 0) return [];
  const statuses = ledger.db.all<Row>(
    'package.statuses',
    sql`SELECT member_id, status, branch_id, from_date, to_date, reason FROM member_status
        WHERE member_id IN ${sql.in(ids)} ORDER BY member_id, from_date, id`,
  );
  const posts = ledger.db.all<Row>(
    'package.posts',
    sql`SELECT member_id, unit_id, post, from_date, to_date FROM member_post
        WHERE member_id IN ${sql.in(ids)} ORDER BY member_id, from_date, id`,
  );
  const rows = ledger.db.all<Row>('package.members', sql`SELECT * FROM member WHERE id IN ${sql.in(ids)} ORDER BY id`);
  return rows.map((m) => {
    const own = statuses.filter((s) => s.member_id === m.id);
    const current = own.find((s) => s.to_date === null) ?? own[own.length - 1];
    return {
      id: num(m.id),
      name: str(m.name),
      gender: str(m.gender) as BundleMember['gender'],
      ethnicity: opt(m.ethnicity),
      birthDate: str(m.birth_date),
      idNumber: opt(m.id_number),
      education: opt(m.education),
      personCategory: opt(m.person_category),
      joinDate: str(m.join_date),
      fullDate: opt(m.full_date),
      groupId: optNum(m.group_id),
      job: opt(m.job),
      phone: opt(m.phone),
      address: opt(m.address),
      note: opt(m.note),
      statuses: own.map((s) => ({
        status: str(s.status) as NonNullable<BundleMember['statuses']>[number]['status'],
        branchId: num(s.branch_id),
        fromDate: str(s.from_date),
        toDate: opt(s.to_date),
        reason: opt(s.reason),
      })),
      posts: posts
        .filter((p) => p.member_id === m.id)
        .map((p) => ({
          unitId: num(p.unit_id),
          post: str(p.post) as NonNullable<BundleMember['posts']>[number]['post'],
          fromDate: str(p.from_date),
          toDate: opt(p.to_date),
        })),
      branchId: num(current?.branch_id),
    };
  });
}

function byMeeting<T>(rows: Row[], map: (r: Row) => T): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    const id = num(r.meeting_id);
    const list = out.get(id) ?? [];
    list.push(map(r));
    out.set(id, list);
  }
  return out;
}

function meetings(ledger: Ledger, branchIds: number[], year: number | null): BundleMeeting[] {
  const rows = ledger.db.all<Row>(
    'package.meetings',
    sql`SELECT * FROM meeting WHERE branch_id IN ${sql.in(branchIds)} AND ${inYear('held_on', year)} ORDER BY id`,
  );
  if (rows.length === 0) return [];
  const ids = rows.map((r) => num(r.id));
  const child = (name: string, query: SqlQuery) => ledger.db.all<Row>(name, query);
  const attendance = byMeeting(
    child('package.attendance', sql`SELECT * FROM attendance WHERE meeting_id IN ${sql.in(ids)} ORDER BY id`),
    (r) => ({
      memberId: optNum(r.member_id),
      name: str(r.name),
      status: str(r.status) as '出席',
      reason: opt(r.reason),
      membership: str(r.membership) as '正式党员',
    }),
  );
  const decisions = byMeeting(
    child('package.decisions', sql`SELECT * FROM meeting_decision WHERE meeting_id IN ${sql.in(ids)} ORDER BY seq, id`),
    (r) => ({
      seq: num(r.seq),
      text: str(r.text),
      owner: opt(r.owner),
      dueDate: opt(r.due_date),
      doneOn: opt(r.done_on),
    }),
  );
  const rectifications = byMeeting(
    child(
      'package.rectifications',
      sql`SELECT * FROM rectification WHERE meeting_id IN ${sql.in(ids)} ORDER BY seq, id`,
    ),
    (r) => ({
      seq: num(r.seq),
      problem: str(r.problem),
      measure: str(r.measure),
      owner: opt(r.owner),
      dueDate: opt(r.due_date),
      doneOn: opt(r.done_on),
    }),
  );
  const appraisal = byMeeting(
    child(
      'package.appraisal',
      sql`SELECT * FROM appraisal_grade WHERE meeting_id IN ${sql.in(ids)} ORDER BY meeting_id, member_id`,
    ),
    (r) => ({ memberId: num(r.member_id), grade: str(r.grade) as '合格' }),
  );
  const attachments = byMeeting(
    child('package.attachments', sql`SELECT * FROM attachment WHERE meeting_id IN ${sql.in(ids)} ORDER BY id`),
    (r) => ({
      fileName: str(r.file_name),
      mime: str(r.mime),
      sizeBytes: num(r.size_bytes),
      sha256: str(r.sha256),
      caption: opt(r.caption),
      createdAt: str(r.created_at),
    }),
  );
  return rows.map((m) => {
    const id = num(m.id);
    return {
      id,
      branchId: num(m.branch_id),
      kind: str(m.kind) as BundleMeeting['kind'],
      alsoCountsAs: json<string[]>(m.also_counts_as, []),
      seqNo: optNum(m.seq_no),
      title: str(m.title),
      heldOn: str(m.held_on),
      startTime: opt(m.start_time),
      endTime: opt(m.end_time),
      place: opt(m.place),
      host: opt(m.host),
      recorder: opt(m.recorder),
      lecturer: opt(m.lecturer),
      studyHours: optNum(m.study_hours),
      groupId: optNum(m.group_id),
      agenda: json<string[]>(m.agenda, []),
      content: opt(m.content),
      extra: json<Record<string, unknown>>(m.extra, {}),
      vote: json<unknown>(m.vote, null),
      templateVersion: str(m.template_version),
      enteredAt: str(m.entered_at),
      attendance: attendance.get(id) ?? [],
      decisions: decisions.get(id) ?? [],
      rectifications: rectifications.get(id) ?? [],
      appraisal: appraisal.get(id) ?? [],
      attachments: attachments.get(id) ?? [],
    };
  });
}

function talks(ledger: Ledger, branchIds: number[], year: number | null): BundleTalk[] {
  return ledger.db
    .all<Row>(
      'package.talks',
      sql`SELECT t.*, a.name AS talker_name, b.name AS talkee_name FROM talk t
          JOIN member a ON a.id = t.talker_id JOIN member b ON b.id = t.talkee_id
          WHERE t.branch_id IN ${sql.in(branchIds)} AND ${inYear('t.held_on', year)} ORDER BY t.id`,
    )
    .map((t) => ({
      id: num(t.id),
      branchId: num(t.branch_id),
      heldOn: str(t.held_on),
      talkerId: num(t.talker_id),
      talkerName: str(t.talker_name),
      talkeeId: num(t.talkee_id),
      talkeeName: str(t.talkee_name),
      type: str(t.type),
      mode: str(t.mode),
      place: opt(t.place),
      content: str(t.content),
      followUp: opt(t.follow_up),
      enteredAt: str(t.entered_at),
    }));
}

function plans(ledger: Ledger, branchIds: number[], year: number | null): BundlePlan[] {
  const rows = ledger.db.all<Row>(
    'package.plans',
    sql`SELECT * FROM plan WHERE branch_id IN ${sql.in(branchIds)} AND ${yearIs('year', year)} ORDER BY id`,
  );
  if (rows.length === 0) return [];
  const items = ledger.db.all<Row>(
    'package.planItems',
    sql`SELECT * FROM plan_item WHERE plan_id IN ${sql.in(rows.map((r) => num(r.id)))} ORDER BY id`,
  );
  return rows.map((p) => ({
    id: num(p.id),
    branchId: num(p.branch_id),
    year: num(p.year),
    month: optNum(p.month),
    title: str(p.title),
    items: items
      .filter((i) => i.plan_id === p.id)
      .map((i) => ({
        id: num(i.id),
        text: str(i.text),
        owner: opt(i.owner),
        dueDate: opt(i.due_date),
        status: str(i.status) as BundlePlan['items'][number]['status'],
        doneOn: opt(i.done_on),
        feedback: opt(i.feedback),
      })),
  }));
}

function dues(ledger: Ledger, branchIds: number[], memberIds: number[], year: number | null): LedgerBundle['dues'] {
  const people = memberIds.length > 0 ? memberIds : [-1];
  const profiles = ledger.db
    .all<Row>(
      'package.duesProfiles',
      sql`SELECT * FROM dues_profile WHERE member_id IN ${sql.in(people)} AND ${yearIs('year', year)}
          ORDER BY member_id, year`,
    )
    .map((r) => ({
      memberId: num(r.member_id),
      year: num(r.year),
      category: str(r.category),
      baseCents: optNum(r.base_cents),
      monthlyCents: num(r.monthly_cents),
      explanation: str(r.explanation),
      approvalRef: opt(r.approval_ref),
    }));
  const payments = ledger.db
    .all<Row>(
      'package.duesPayments',
      sql`SELECT * FROM dues_payment WHERE member_id IN ${sql.in(people)} AND ${yearIs('year', year)} ORDER BY id`,
    )
    .map((r) => ({
      id: num(r.id),
      memberId: num(r.member_id),
      year: num(r.year),
      month: num(r.month),
      cents: num(r.cents),
      paidOn: str(r.paid_on),
      handler: opt(r.handler),
      kind: str(r.kind) as '按月',
      note: opt(r.note),
    }));
  const remittances = ledger.db
    .all<Row>(
      'package.duesRemittances',
      sql`SELECT * FROM dues_remittance WHERE branch_id IN ${sql.in(branchIds)} AND ${yearIs('year', year)}
          ORDER BY branch_id, year, month`,
    )
    .map((r) => ({
      branchId: num(r.branch_id),
      year: num(r.year),
      month: num(r.month),
      cents: num(r.cents),
      remittedOn: str(r.remitted_on),
      voucherNo: opt(r.voucher_no),
      handler: opt(r.handler),
    }));
  // Payments travel one by one with their dates; month totals are for workbooks, which lack them.
  return { profiles, payments, remittances, monthTotals: [] };
}

function development(ledger: Ledger, branchIds: number[]): BundleDevPerson[] {
  const people = ledger.db.all<Row>(
    'package.devPeople',
    sql`SELECT * FROM dev_person WHERE branch_id IN ${sql.in(branchIds)} ORDER BY id`,
  );
  if (people.length === 0) return [];
  const steps = ledger.db.all<Row>(
    'package.devSteps',
    sql`SELECT * FROM dev_step WHERE person_id IN ${sql.in(people.map((p) => num(p.id)))} ORDER BY person_id, step_no, ordinal`,
  );
  return people.map((p) => ({
    id: num(p.id),
    branchId: num(p.branch_id),
    name: str(p.name),
    gender: str(p.gender) as '男',
    birthDate: str(p.birth_date),
    idNumber: opt(p.id_number),
    phone: opt(p.phone),
    job: opt(p.job),
    memberId: optNum(p.member_id),
    cancelledOn: opt(p.cancelled_on),
    cancelReason: opt(p.cancel_reason),
    createdAt: str(p.created_at),
    steps: steps
      .filter((s) => s.person_id === p.id)
      .map((s) => ({
        stepNo: num(s.step_no),
        ordinal: num(s.ordinal),
        doneOn: str(s.done_on),
        decidedBy: opt(s.decided_by),
        docNo: opt(s.doc_no),
        note: opt(s.note),
        details: json<Record<string, unknown>>(s.details, {}),
        overrideReason: opt(s.override_reason),
        enteredAt: str(s.entered_at),
      })),
  }));
}

function elections(ledger: Ledger, branchIds: number[]): BundleElection[] {
  const rows = ledger.db.all<Row>(
    'package.elections',
    sql`SELECT * FROM election WHERE branch_id IN ${sql.in(branchIds)} ORDER BY id`,
  );
  if (rows.length === 0) return [];
  const ids = rows.map((r) => num(r.id));
  const steps = ledger.db.all<Row>(
    'package.electionSteps',
    sql`SELECT * FROM election_step WHERE election_id IN ${sql.in(ids)} ORDER BY election_id, step_no`,
  );
  const persons = ledger.db.all<Row>(
    'package.electionPersons',
    sql`SELECT * FROM election_person WHERE election_id IN ${sql.in(ids)} ORDER BY election_id, role, member_id`,
  );
  return rows.map((e) => ({
    id: num(e.id),
    branchId: num(e.branch_id),
    seats: num(e.seats),
    plannedOn: opt(e.planned_on),
    base: str(e.base) as '应到会',
    tally: json<unknown>(e.tally, null),
    finishedOn: opt(e.finished_on),
    createdAt: str(e.created_at),
    steps: steps
      .filter((s) => s.election_id === e.id)
      .map((s) => ({ stepNo: num(s.step_no), doneOn: str(s.done_on), docNo: opt(s.doc_no), note: opt(s.note) })),
    persons: persons
      .filter((p) => p.election_id === e.id)
      .map((p) => ({ memberId: num(p.member_id), role: str(p.role) as '候选人' })),
  }));
}

function projects(ledger: Ledger, branchIds: number[], year: number | null): BundleProject[] {
  const rows = ledger.db.all<Row>(
    'package.projects',
    sql`SELECT * FROM secretary_project WHERE branch_id IN ${sql.in(branchIds)} AND ${yearIs('year', year)} ORDER BY id`,
  );
  if (rows.length === 0) return [];
  const items = ledger.db.all<Row>(
    'package.projectItems',
    sql`SELECT * FROM project_item WHERE project_id IN ${sql.in(rows.map((r) => num(r.id)))} ORDER BY id`,
  );
  return rows.map((p) => ({
    id: num(p.id),
    branchId: num(p.branch_id),
    year: num(p.year),
    title: str(p.title),
    background: opt(p.background),
    items: items
      .filter((i) => i.project_id === p.id)
      .map((i) => ({
        id: num(i.id),
        kind: str(i.kind) as '目标',
        text: str(i.text),
        owner: opt(i.owner),
        dueDate: opt(i.due_date),
        doneOn: opt(i.done_on),
        linkedTo: optNum(i.linked_to),
        evidence: opt(i.evidence),
      })),
  }));
}

function assessments(ledger: Ledger, branchIds: number[], year: number | null): BundleAssessment[] {
  return ledger.db
    .all<Row>(
      'package.assessments',
      sql`SELECT * FROM assessment WHERE branch_id IN ${sql.in(branchIds)} AND ${yearIs('year', year)}
          ORDER BY branch_id, year`,
    )
    .map((a) => ({
      branchId: num(a.branch_id),
      year: num(a.year),
      rubricVersion: str(a.rubric_version),
      manual: json<Record<string, unknown>>(a.manual, {}),
      vetoes: json<Record<string, unknown>>(a.vetoes, {}),
      stage: str(a.stage) as '自评',
      selfScoredAt: opt(a.self_scored_at),
      reviewedAt: opt(a.reviewed_at),
      publicityFrom: opt(a.publicity_from),
      publicityTo: opt(a.publicity_to),
      finalTier: opt(a.final_tier),
      finalTotal: optNum(a.final_total),
    }));
}

function duties(ledger: Ledger, branchIds: number[], year: number | null): BundleDuties {
  const overrides = ledger.db
    .all<Row>(
      'package.dutyOverrides',
      sql`SELECT * FROM duty_role_override WHERE branch_id IN ${sql.in(branchIds)} ORDER BY branch_id, post`,
    )
    .map((o) => ({
      branchId: num(o.branch_id),
      post: str(o.post) as BundleDuties['overrides'][number]['post'],
      items: json<string[]>(o.items, []),
      updatedAt: str(o.updated_at),
    }));
  const tasks = ledger.db
    .all<Row>(
      'package.dutyTasks',
      sql`SELECT * FROM duty_task WHERE branch_id IN ${sql.in(branchIds)} AND ${yearIs('year', year)} ORDER BY id`,
    )
    .map((t) => ({
      id: num(t.id),
      branchId: num(t.branch_id),
      year: num(t.year),
      memberId: num(t.member_id),
      text: str(t.text),
      source: opt(t.source),
      planItemId: optNum(t.plan_item_id),
      assignedOn: opt(t.assigned_on),
      dueDate: opt(t.due_date),
      status: str(t.status) as BundleDuties['tasks'][number]['status'],
      doneOn: opt(t.done_on),
      note: opt(t.note),
      sortOrder: num(t.sort_order),
      createdAt: str(t.created_at),
      updatedAt: str(t.updated_at),
    }));
  return { overrides, tasks };
}

/** Periods are '2026' or '2026-H1': the year is their first four characters. */
function periodInYear(year: number | null): SqlQuery {
  return year === null ? sql`1 = 1` : sql`substr(period, 1, 4) = ${String(year)}`;
}

function exemplary(ledger: Ledger, branchIds: number[], year: number | null): BundleExemplary {
  // Posts are whole, like people: a year's commitments refer to them.
  const posts = ledger.db
    .all<Row>(
      'package.exemplaryPosts',
      sql`SELECT * FROM exemplary_post WHERE branch_id IN ${sql.in(branchIds)} ORDER BY id`,
    )
    .map((p) => ({
      id: num(p.id),
      branchId: num(p.branch_id),
      kind: str(p.kind),
      name: str(p.name),
      scope: opt(p.scope),
      duty: opt(p.duty),
      holderId: num(p.holder_id),
      fromDate: str(p.from_date),
      toDate: opt(p.to_date),
    }));
  const commitments = ledger.db
    .all<Row>(
      'package.commitments',
      sql`SELECT * FROM exemplary_commitment WHERE branch_id IN ${sql.in(branchIds)} AND ${yearIs('year', year)} ORDER BY id`,
    )
    .map((c) => ({
      id: num(c.id),
      branchId: num(c.branch_id),
      memberId: num(c.member_id),
      postId: optNum(c.post_id),
      year: num(c.year),
      text: str(c.text),
      madeOn: str(c.made_on),
      fulfilment: opt(c.fulfilment),
      status: str(c.status) as BundleExemplary['commitments'][number]['status'],
      checkedOn: opt(c.checked_on),
    }));
  const awards = ledger.db
    .all<Row>(
      'package.starAwards',
      sql`SELECT * FROM star_award WHERE branch_id IN ${sql.in(branchIds)} AND ${periodInYear(year)}
          ORDER BY period, member_id`,
    )
    .map((a) => ({
      memberId: num(a.member_id),
      branchId: num(a.branch_id),
      period: str(a.period),
      schemeVersion: str(a.scheme_version),
      stage: str(a.stage) as BundleExemplary['awards'][number]['stage'],
      selfStars: num(a.self_stars),
      selfNote: opt(a.self_note),
      selfOn: str(a.self_on),
      peerStars: optNum(a.peer_stars),
      peerVotes: json<number[] | null>(a.peer_votes, null),
      peerNote: opt(a.peer_note),
      peerOn: opt(a.peer_on),
      decidedStars: optNum(a.decided_stars),
      decidedOn: opt(a.decided_on),
      decidedNote: opt(a.decided_note),
    }));
  const checks = ledger.db
    .all<Row>(
      'package.starChecks',
      sql`SELECT * FROM star_check WHERE branch_id IN ${sql.in(branchIds)} AND ${periodInYear(year)}
          ORDER BY period, member_id, disqualifier_id`,
    )
    .map((c) => ({
      memberId: num(c.member_id),
      branchId: num(c.branch_id),
      period: str(c.period),
      disqualifierId: str(c.disqualifier_id),
      reason: str(c.reason),
      enteredAt: str(c.entered_at),
    }));
  return { posts, commitments, awards, checks };
}

/** ledger_meta keys that are this ledger's settings (never its identity or signing key). */
const SETTING_KEYS = ['document_fonts', 'rubric', 'points_rules', 'rule_overrides'];

/**
 * The ledger's own settings, carried so the package loses nothing. They are the writing ledger's,
 * not the branch's: an import reports them and leaves the receiving ledger's settings alone.
 */
function settings(ledger: Ledger): BundleLedgerSettings {
  const meta = ledger.db
    .all<{ key: string; value: string }>(
      'package.settings',
      sql`SELECT key, value FROM ledger_meta WHERE key IN ${sql.in(SETTING_KEYS)} OR key LIKE 'rubric:%' ORDER BY key`,
    )
    .map((r) => ({ key: r.key, value: r.value }));
  const docTemplates = ledger.db
    .all<{
      kind: string;
      file_name: string;
      sha256: string;
      size_bytes: number;
      placeholders: string;
      imported_at: string;
      imported_by: string;
      active: number;
      bytes: Uint8Array;
    }>('package.docTemplates', sql`SELECT * FROM doc_template ORDER BY id`)
    .map((t) => ({
      kind: t.kind,
      fileName: t.file_name,
      sha256: t.sha256,
      sizeBytes: t.size_bytes,
      placeholders: json<string[]>(t.placeholders, []),
      importedAt: t.imported_at,
      importedBy: t.imported_by,
      active: t.active === 1,
      dataBase64: Buffer.from(t.bytes).toString('base64'),
    }));
  return { meta, docTemplates };
}

/** The top of the tree (党委) names the ledger for a person. */
export function ledgerName(ledger: Ledger): string {
  return (
    ledger.db.get<{ name: string }>(
      'package.ledgerName',
      sql`SELECT name FROM org_unit WHERE parent_id IS NULL ORDER BY sort_order, id LIMIT 1`,
    )?.name ?? ''
  );
}

export function collectBundle(ledger: Ledger, options: CollectOptions): LedgerBundle {
  const { branchIds, year } = options;
  const people = members(ledger, branchIds);
  const memberIds = people.map((m) => m.id);
  const referencedUnits = people.flatMap((m) => [
    ...(m.statuses ?? []).map((s) => s.branchId),
    ...(m.posts ?? []).map((p) => p.unitId),
    ...(m.groupId === null ? [] : [m.groupId]),
  ]);
  const points = ledger.db
    .all<Row>(
      'package.points',
      sql`SELECT * FROM points_event WHERE branch_id IN ${sql.in(branchIds)} AND ${inYear('date', year)} ORDER BY id`,
    )
    .map((p) => ({
      id: num(p.id),
      memberId: num(p.member_id),
      branchId: num(p.branch_id),
      date: str(p.date),
      ruleId: str(p.rule_id),
      note: opt(p.note),
    }));
  const terms = ledger.db
    .all<Row>(
      'package.terms',
      sql`SELECT * FROM branch_term WHERE branch_id IN ${sql.in(branchIds)} ORDER BY branch_id`,
    )
    .map((t) => ({ branchId: num(t.branch_id), startDate: str(t.start_date), years: num(t.years) }));
  return {
    source: {
      ledgerId: readLedgerId(ledger),
      ledgerName: ledgerName(ledger),
      exportedAt: options.exportedAt,
      pack: { id: PACK.id, version: PACK.version },
      kind: 'ledger-package',
      identity: 'ids',
    },
    units: units(ledger, branchIds, referencedUnits),
    members: people,
    meetings: meetings(ledger, branchIds, year),
    talks: talks(ledger, branchIds, year),
    plans: plans(ledger, branchIds, year),
    dues: dues(ledger, branchIds, memberIds, year),
    development: development(ledger, branchIds),
    terms,
    elections: elections(ledger, branchIds),
    projects: projects(ledger, branchIds, year),
    points,
    assessments: assessments(ledger, branchIds, year),
    problems: [],
    duties: duties(ledger, branchIds, year),
    exemplary: exemplary(ledger, branchIds, year),
    settings: settings(ledger),
  };
}
