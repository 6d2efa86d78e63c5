import type {
  AppraisalGrade,
  AttachmentInfo,
  AttendanceEntry,
  Decision,
  MeetingDetail,
  MeetingKind,
  MeetingSummary,
  Rectification,
  VoteBlock,
} from '../../../api/life.ts';
import { sql } from '../../db/sql.ts';
import { LedgerError } from '../../errors.ts';
import type { Ledger } from '../../ledger.ts';
import { parameter } from '../../templates/ruleset.ts';
import { localDate } from '../../time.ts';

export interface MeetingRecord {
  id: number;
  branch_id: number;
  kind: MeetingKind;
  also_counts_as: string;
  seq_no: number;
  title: string;
  held_on: string;
  start_time: string | null;
  end_time: string | null;
  place: string | null;
  host: string | null;
  recorder: string | null;
  lecturer: string | null;
  study_hours: number | null;
  group_id: number | null;
  group_name: string | null;
  agenda: string;
  content: string | null;
  extra: string;
  vote: string | null;
  template_version: string;
  entered_at: string;
  expected: number;
  present: number;
  attachments: number;
  open_decisions: number;
}

const DAY_MS = 86_400_000;

/** 补录: entered more than the rule set's number of days after the meeting was held. */
export function isBackfilled(ledger: Ledger, heldOn: string, enteredAt: string): boolean {
  const entered = localDate(new Date(enteredAt));
  const days = (Date.parse(`${entered}T00:00:00Z`) - Date.parse(`${heldOn}T00:00:00Z`)) / DAY_MS;
  return days > parameter(ledger.ruleSet, 'life.backfillDays');
}

const SELECT = sql`
  SELECT m.*, g.name AS group_name,
    (SELECT COUNT(*) FROM attendance a WHERE a.meeting_id = m.id AND a.status <> '列席') AS expected,
    (SELECT COUNT(*) FROM attendance a WHERE a.meeting_id = m.id AND a.status = '出席') AS present,
    (SELECT COUNT(*) FROM attachment f WHERE f.meeting_id = m.id) AS attachments,
    (SELECT COUNT(*) FROM meeting_decision d WHERE d.meeting_id = m.id AND d.done_on IS NULL) AS open_decisions
  FROM meeting m LEFT JOIN org_unit g ON g.id = m.group_id`;

function toSummary(ledger: Ledger, r: MeetingRecord): MeetingSummary {
  return {
    id: r.id,
    branchId: r.branch_id,
    kind: r.kind,
    alsoCountsAs: JSON.parse(r.also_counts_as) as MeetingKind[],
    seqNo: r.seq_no,
    title: r.title,
    heldOn: r.held_on,
    enteredAt: r.entered_at,
    backfilled: isBackfilled(ledger, r.held_on, r.entered_at),
    expected: r.expected,
    present: r.present,
    groupId: r.group_id,
    groupName: r.group_name,
    studyHours: r.study_hours,
    attachments: r.attachments,
    openDecisions: r.open_decisions,
  };
}

export function listMeetings(
  ledger: Ledger,
  input: { branchId: number; year: number; kind?: MeetingKind },
): MeetingSummary[] {
  const conditions = [
    sql`m.branch_id = ${input.branchId}`,
    sql`m.held_on >= ${`${input.year}-01-01`}`,
    sql`m.held_on <= ${`${input.year}-12-31`}`,
  ];
  // A 套会 counts for its other kinds too, so a list of one kind shows it.
  if (input.kind) conditions.push(sql`(m.kind = ${input.kind} OR m.also_counts_as LIKE ${`%"${input.kind}"%`})`);
  return ledger.db
    .all<MeetingRecord>('life.list', sql`${SELECT} WHERE ${sql.join(conditions, ' AND ')} ORDER BY m.held_on, m.id`)
    .map((r) => toSummary(ledger, r));
}

export function getMeeting(ledger: Ledger, id: number): MeetingDetail {
  const r = ledger.db.get<MeetingRecord>('life.get', sql`${SELECT} WHERE m.id = ${id}`);
  if (!r) throw new LedgerError('NOT_FOUND', `找不到编号为 ${id} 的记录。`);
  const attendance = ledger.db
    .all<{
      member_id: number | null;
      name: string;
      status: AttendanceEntry['status'];
      reason: string | null;
      membership: AttendanceEntry['membership'];
    }>(
      'life.attendance',
      sql`SELECT member_id, name, status, reason, membership FROM attendance WHERE meeting_id = ${id} ORDER BY id`,
    )
    .map((a) => ({
      memberId: a.member_id,
      name: a.name,
      status: a.status,
      reason: a.reason,
      membership: a.membership,
    }));
  const decisions = ledger.db
    .all<{ id: number; text: string; owner: string | null; due_date: string | null; done_on: string | null }>(
      'life.decisions',
      sql`SELECT id, text, owner, due_date, done_on FROM meeting_decision WHERE meeting_id = ${id} ORDER BY seq`,
    )
    .map((d): Decision => ({ id: d.id, text: d.text, owner: d.owner, dueDate: d.due_date, doneOn: d.done_on }));
  const rectifications = ledger.db
    .all<{
      id: number;
      problem: string;
      measure: string;
      owner: string | null;
      due_date: string | null;
      done_on: string | null;
    }>(
      'life.rectifications',
      sql`SELECT id, problem, measure, owner, due_date, done_on FROM rectification WHERE meeting_id = ${id} ORDER BY seq`,
    )
    .map(
      (x): Rectification => ({
        id: x.id,
        problem: x.problem,
        measure: x.measure,
        owner: x.owner,
        dueDate: x.due_date,
        doneOn: x.done_on,
      }),
    );
  const appraisal = ledger.db
    .all<{ member_id: number; name: string; grade: AppraisalGrade }>(
      'life.appraisal',
      sql`SELECT g.member_id, m.name, g.grade FROM appraisal_grade g JOIN member m ON m.id = g.member_id
          WHERE g.meeting_id = ${id} ORDER BY m.id`,
    )
    .map((g) => ({ memberId: g.member_id, name: g.name, grade: g.grade }));
  const attachmentList = ledger.db
    .all<{ id: number; file_name: string; mime: string; size_bytes: number; sha256: string; caption: string | null }>(
      'life.attachments',
      sql`SELECT id, file_name, mime, size_bytes, sha256, caption FROM attachment WHERE meeting_id = ${id} ORDER BY id`,
    )
    .map(
      (f): AttachmentInfo => ({
        id: f.id,
        fileName: f.file_name,
        mime: f.mime,
        sizeBytes: f.size_bytes,
        sha256: f.sha256,
        caption: f.caption,
      }),
    );
  return {
    ...toSummary(ledger, r),
    startTime: r.start_time,
    endTime: r.end_time,
    place: r.place,
    host: r.host,
    recorder: r.recorder,
    lecturer: r.lecturer,
    agenda: JSON.parse(r.agenda) as string[],
    content: r.content,
    extra: JSON.parse(r.extra) as MeetingDetail['extra'],
    attendance,
    decisions,
    rectifications,
    vote: r.vote ? (JSON.parse(r.vote) as VoteBlock) : null,
    appraisal,
    attachmentList,
    templateVersion: r.template_version,
  };
}

export function previousMeeting(ledger: Ledger, branchId: number, kind: MeetingKind): MeetingDetail | null {
  const row = ledger.db.get<{ id: number }>(
    'life.previous',
    sql`SELECT id FROM meeting WHERE branch_id = ${branchId} AND kind = ${kind} ORDER BY held_on DESC, id DESC LIMIT 1`,
  );
  return row ? getMeeting(ledger, row.id) : null;
}
