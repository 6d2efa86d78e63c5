/**
 * 组织生活 of a bundle, with attendance, decisions and rectifications. A meeting is matched by id,
 * else by branch + type + date + topic. Attendance a sheet gives by name (who was away, or an
 * 出席登记) is rebuilt on a new meeting from the roster of the meeting date, as the form does, and
 * on an existing one changes only the people whose status differs.
 */
import { sql } from '../db/sql.ts';
import { today } from '../ledger.ts';
import { rosterOn } from '../modules/life/roster-on.ts';
import { defaultRecordTemplates } from '../templates/records.ts';
import type { BundleAttendance, BundleMeeting } from './bundle.ts';
import { type ImportContext, RowRefusal } from './context.ts';

const MEETINGS = '组织生活';
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

interface MeetingRow {
  id: number;
  branch_id: number;
  kind: string;
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
  agenda: string;
  content: string | null;
  extra: string;
  vote: string | null;
  entered_at: string;
}

function branchOf(ctx: ImportContext, sourceBranchId: number): number {
  const local = ctx.mapped('org_unit', sourceBranchId);
  if (local === null) throw new RowRefusal('所属党支部未能导入');
  return local;
}

function findMeeting(ctx: ImportContext, m: BundleMeeting, branchId: number): MeetingRow | undefined {
  const db = ctx.ledger.db;
  const known = ctx.localId('meeting', m.id);
  if (known !== null) return db.get<MeetingRow>('import.meeting', sql`SELECT * FROM meeting WHERE id = ${known}`);
  if (!ctx.naturalMatch(m.id)) return undefined;
  const matches = db.all<MeetingRow>(
    'import.meetingByKey',
    sql`SELECT * FROM meeting WHERE branch_id = ${branchId} AND kind = ${m.kind} AND held_on = ${m.heldOn} AND title = ${m.title}`,
  );
  return matches.length === 1 ? matches[0] : undefined;
}

interface AttendanceRow {
  member_id: number | null;
  name: string;
  status: BundleAttendance['status'];
  reason: string | null;
  membership: BundleAttendance['membership'];
}

function storedAttendance(ctx: ImportContext, meetingId: number): AttendanceRow[] {
  return ctx.ledger.db.all<AttendanceRow>(
    'import.attendance',
    sql`SELECT member_id, name, status, reason, membership FROM attendance WHERE meeting_id = ${meetingId} ORDER BY id`,
  );
}

function writeAttendance(ctx: ImportContext, meetingId: number, rows: readonly AttendanceRow[]): void {
  ctx.ledger.db.run('import.clearAttendance', sql`DELETE FROM attendance WHERE meeting_id = ${meetingId}`);
  for (const a of rows) {
    ctx.ledger.db.run(
      'import.attendanceInsert',
      sql`INSERT INTO attendance (meeting_id, member_id, name, status, reason, membership)
          VALUES (${meetingId}, ${a.member_id}, ${a.name}, ${a.status}, ${a.reason}, ${a.membership})`,
    );
  }
}

/** Full attendance rows of the file, with member ids made local. */
function fullAttendance(ctx: ImportContext, list: readonly BundleAttendance[]): AttendanceRow[] {
  return list.map((a) => {
    const local = a.memberId === null ? null : ctx.mapped('member', a.memberId);
    if (a.memberId !== null && local === null)
      throw new RowRefusal(`出席人员“${a.name}”不在导入的花名册中`, 'attendance');
    return { member_id: local, name: a.name, status: a.status, reason: a.reason, membership: a.membership };
  });
}

/** The attendance of a new meeting: the roster on its date, with the statuses the file gives by name. */
function snapshotWithMarks(
  ctx: ImportContext,
  m: BundleMeeting,
  branchId: number,
  groupId: number | null,
): AttendanceRow[] {
  const marks = m.marks ?? { marks: [], othersAre: '出席' as const };
  const template = defaultRecordTemplates.get(m.kind);
  const scope = template?.attendanceScope ?? 'branch';
  const expected = rosterOn(ctx.ledger, {
    branchId,
    date: m.heldOn,
    scope,
    ...(groupId !== null ? { groupId } : {}),
  });
  const onRoll = rosterOn(ctx.ledger, { branchId, date: m.heldOn, scope: 'branch' });
  const byName = new Map(marks.marks.map((a) => [a.name, a]));
  const rows: AttendanceRow[] = expected.map((e) => {
    const mark = byName.get(e.name);
    return {
      member_id: e.memberId,
      name: e.name,
      // Someone expected who is marked 列席 simply attended, as the form records it.
      status: mark ? (mark.status === '列席' ? '出席' : mark.status) : marks.othersAre,
      reason: mark?.reason ?? null,
      membership: e.membership,
    };
  });
  for (const mark of marks.marks) {
    if (expected.some((e) => e.name === mark.name)) continue;
    const member = onRoll.find((o) => o.name === mark.name);
    if (member)
      rows.push({
        member_id: member.memberId,
        name: member.name,
        status: '列席',
        reason: mark.reason,
        membership: member.membership,
      });
    else if (mark.status === '列席')
      rows.push({ member_id: null, name: mark.name, status: '列席', reason: mark.reason, membership: '非党员' });
    else if (ctx.partialRoster) {
      ctx.notice(
        m.ref,
        MEETINGS,
        `“${mark.name}”已不在本支部花名册中，工作簿不含其信息，未计入本次会议的出席情况`,
        'absent',
      );
    } else {
      throw new RowRefusal(`“${mark.name}”在 ${m.heldOn} 不在本支部应到会人员中，只能登记为列席`, 'name', mark.ref);
    }
  }
  return rows;
}

/** An existing meeting: only the people whose status the file gives differently change. */
function mergeMarks(ctx: ImportContext, stored: readonly AttendanceRow[], m: BundleMeeting): AttendanceRow[] {
  const marks = m.marks ?? { marks: [], othersAre: '出席' as const };
  const byName = new Map(marks.marks.map((a) => [a.name, a]));
  const rows = stored.map((s): AttendanceRow => {
    if (s.status === '列席') return s;
    const mark = byName.get(s.name);
    if (mark) return { ...s, status: mark.status === '列席' ? '出席' : mark.status, reason: mark.reason };
    return s.status === marks.othersAre ? s : { ...s, status: marks.othersAre, reason: null };
  });
  for (const mark of marks.marks) {
    if (stored.some((s) => s.name === mark.name)) continue;
    if (mark.status !== '列席' && ctx.partialRoster) {
      ctx.notice(m.ref, MEETINGS, `“${mark.name}”不在该次会议的应到会人员中，未计入出席情况`, 'absent');
      continue;
    }
    if (mark.status !== '列席') throw new RowRefusal(`“${mark.name}”不在该次会议的应到会人员中`, 'name', mark.ref);
    rows.push({ member_id: null, name: mark.name, status: '列席', reason: mark.reason, membership: '非党员' });
  }
  return rows;
}

function decisionRows(ctx: ImportContext, meetingId: number) {
  return ctx.ledger.db.all<{
    seq: number;
    text: string;
    owner: string | null;
    due_date: string | null;
    done_on: string | null;
  }>(
    'import.decisions',
    sql`SELECT seq, text, owner, due_date, done_on FROM meeting_decision WHERE meeting_id = ${meetingId} ORDER BY seq, id`,
  );
}

function applyDecisions(ctx: ImportContext, m: BundleMeeting, meetingId: number): boolean {
  const stored = decisionRows(ctx, meetingId);
  // Texts only (a workbook): the same texts in the same order are the same decisions.
  if (
    !m.decisions &&
    m.decisionTexts &&
    same(
      m.decisionTexts,
      stored.map((d) => d.text),
    )
  )
    return false;
  const wanted =
    m.decisions?.map((d) => ({ seq: d.seq, text: d.text, owner: d.owner, due_date: d.dueDate, done_on: d.doneOn })) ??
    // Texts only: whatever the ledger knows of the same item (owner, dates) stays with it.
    m.decisionTexts?.map((text, i) => {
      const old = stored.find((s) => s.seq === i + 1);
      return {
        seq: i + 1,
        text,
        owner: old?.owner ?? null,
        due_date: old?.due_date ?? null,
        done_on: old?.done_on ?? null,
      };
    });
  if (!wanted || same(wanted, stored)) return false;
  ctx.ledger.db.run('import.clearDecisions', sql`DELETE FROM meeting_decision WHERE meeting_id = ${meetingId}`);
  for (const d of wanted) {
    ctx.ledger.db.run(
      'import.decision',
      sql`INSERT INTO meeting_decision (meeting_id, seq, text, owner, due_date, done_on)
          VALUES (${meetingId}, ${d.seq}, ${d.text}, ${d.owner}, ${d.due_date}, ${d.done_on})`,
    );
  }
  return true;
}

function applyRectifications(ctx: ImportContext, m: BundleMeeting, meetingId: number): boolean {
  if (!m.rectifications) return false;
  const stored = ctx.ledger.db.all<Record<string, unknown>>(
    'import.rectifications',
    sql`SELECT seq, problem, measure, owner, due_date, done_on FROM rectification WHERE meeting_id = ${meetingId} ORDER BY seq, id`,
  );
  const wanted = m.rectifications.map((r) => ({
    seq: r.seq,
    problem: r.problem,
    measure: r.measure,
    owner: r.owner,
    due_date: r.dueDate,
    done_on: r.doneOn,
  }));
  if (same(wanted, stored)) return false;
  ctx.ledger.db.run('import.clearRectifications', sql`DELETE FROM rectification WHERE meeting_id = ${meetingId}`);
  for (const r of wanted) {
    ctx.ledger.db.run(
      'import.rectification',
      sql`INSERT INTO rectification (meeting_id, seq, problem, measure, owner, due_date, done_on)
          VALUES (${meetingId}, ${r.seq}, ${r.problem}, ${r.measure}, ${r.owner}, ${r.due_date}, ${r.done_on})`,
    );
  }
  return true;
}

function applyAppraisal(ctx: ImportContext, m: BundleMeeting, meetingId: number): boolean {
  if (!m.appraisal) return false;
  const stored = ctx.ledger.db.all<{ member_id: number; grade: string }>(
    'import.appraisal',
    sql`SELECT member_id, grade FROM appraisal_grade WHERE meeting_id = ${meetingId} ORDER BY member_id`,
  );
  const wanted = m.appraisal
    .map((a) => {
      const local = ctx.mapped('member', a.memberId);
      if (local === null) throw new RowRefusal('评议名单中有人不在导入的花名册中', 'appraisal');
      return { member_id: local, grade: a.grade };
    })
    .sort((a, b) => a.member_id - b.member_id);
  if (same(wanted, stored)) return false;
  ctx.ledger.db.run('import.clearAppraisal', sql`DELETE FROM appraisal_grade WHERE meeting_id = ${meetingId}`);
  for (const a of wanted) {
    ctx.ledger.db.run(
      'import.grade',
      sql`INSERT INTO appraisal_grade (meeting_id, member_id, grade) VALUES (${meetingId}, ${a.member_id}, ${a.grade})`,
    );
  }
  return true;
}

function applyAttachments(ctx: ImportContext, m: BundleMeeting, meetingId: number): boolean {
  if (!m.attachments) return false;
  const have = new Set(
    ctx.ledger.db
      .all<{ sha256: string }>('import.attachments', sql`SELECT sha256 FROM attachment WHERE meeting_id = ${meetingId}`)
      .map((a) => a.sha256),
  );
  let added = false;
  // An import never deletes: attachments only the ledger has stay.
  for (const a of m.attachments) {
    if (have.has(a.sha256)) continue;
    ctx.ledger.db.run(
      'import.attachment',
      sql`INSERT INTO attachment (meeting_id, file_name, mime, size_bytes, sha256, caption, created_at)
          VALUES (${meetingId}, ${a.fileName}, ${a.mime}, ${a.sizeBytes}, ${a.sha256}, ${a.caption}, ${a.createdAt})`,
    );
    added = true;
  }
  return added;
}

function applyMeeting(ctx: ImportContext, m: BundleMeeting, label: string): void {
  const db = ctx.ledger.db;
  const branchId = branchOf(ctx, m.branchId);
  if (m.heldOn > today(ctx.ledger)) throw new RowRefusal('会议日期晚于今天', 'heldOn');
  const template = defaultRecordTemplates.get(m.kind);
  if (!template) throw new RowRefusal(`“${m.kind}”不是可登记的会议类型`, 'kind');
  const groupId = m.groupId === null || m.groupId === undefined ? m.groupId : ctx.mapped('org_unit', m.groupId);
  if (typeof m.groupId === 'number' && groupId === null) throw new RowRefusal('所在党小组未能导入', 'groupName');
  const existing = findMeeting(ctx, m, branchId);
  const fields = {
    kind: m.kind,
    also_counts_as: JSON.stringify(m.alsoCountsAs),
    title: m.title,
    held_on: m.heldOn,
    start_time: m.startTime,
    end_time: m.endTime,
    place: m.place,
    host: m.host,
    recorder: m.recorder,
    lecturer: m.lecturer,
    study_hours: m.studyHours,
    group_id: groupId,
    agenda: m.agenda === undefined ? undefined : JSON.stringify(m.agenda),
    content: m.content,
    extra: m.extra === undefined ? undefined : JSON.stringify(m.extra),
    vote: m.vote === undefined ? undefined : m.vote === null ? null : JSON.stringify(m.vote),
  };

  if (!existing) {
    const year = m.heldOn.slice(0, 4);
    const seq =
      m.seqNo ??
      db.get<{ n: number }>(
        'import.nextSeq',
        sql`SELECT COALESCE(MAX(seq_no), 0) + 1 AS n FROM meeting
            WHERE branch_id = ${branchId} AND kind = ${m.kind} AND substr(held_on, 1, 4) = ${year}`,
      )?.n ??
      1;
    // Without an entry time, a record shown as 补录 stays 补录 and one that was not stays on time.
    const enteredAt =
      m.enteredAt ?? (m.backfilled === false || m.backfilled === undefined ? `${m.heldOn}T12:00:00.000Z` : ctx.now);
    const id = Number(
      db.run(
        'import.meetingInsert',
        sql`INSERT INTO meeting (branch_id, kind, also_counts_as, seq_no, title, held_on, start_time, end_time, place, host, recorder,
                lecturer, study_hours, group_id, agenda, content, extra, vote, template_version, entered_at, updated_at)
            VALUES (${branchId}, ${m.kind}, ${fields.also_counts_as}, ${seq}, ${m.title}, ${m.heldOn}, ${m.startTime ?? null},
                ${m.endTime ?? null}, ${m.place ?? null}, ${m.host ?? null}, ${m.recorder ?? null}, ${m.lecturer ?? null},
                ${m.studyHours ?? null}, ${groupId ?? null}, ${fields.agenda ?? '[]'},
                ${m.content ?? null}, ${fields.extra ?? '{}'}, ${fields.vote ?? null}, ${m.templateVersion ?? template.version},
                ${enteredAt}, ${ctx.now})`,
      ).lastInsertRowid,
    );
    const attendance = m.attendance
      ? fullAttendance(ctx, m.attendance)
      : snapshotWithMarks(ctx, m, branchId, groupId ?? null);
    writeAttendance(ctx, id, attendance);
    applyDecisions(ctx, m, id);
    applyRectifications(ctx, m, id);
    applyAppraisal(ctx, m, id);
    applyAttachments(ctx, m, id);
    ctx.remember('meeting', m.id, id);
    ctx.record(m.ref, MEETINGS, label, 'added');
    return;
  }

  ctx.remember('meeting', m.id, existing.id);
  if (existing.branch_id !== branchId) throw new RowRefusal('文件中的会议属于另一个党支部，不能移动', 'heldOn');
  const changed: string[] = [];
  const labels: Record<string, string> = {
    kind: '类型',
    also_counts_as: '套会',
    title: '主题',
    held_on: '日期',
    start_time: '开始时间',
    end_time: '结束时间',
    place: '地点',
    host: '主持人',
    recorder: '记录人',
    lecturer: '授课人',
    study_hours: '学时',
    group_id: '党小组',
    agenda: '议程',
    content: '内容',
    extra: '其他内容',
    vote: '表决',
  };
  const updates: Record<string, string | number | null> = {};
  for (const [key, value] of Object.entries(fields)) {
    // Undefined: the file does not carry the field (a workbook has no agenda); keep the ledger's.
    if (value === undefined) continue;
    const current = existing[key as keyof MeetingRow];
    if (value !== current) {
      updates[key] = value;
      changed.push(labels[key] ?? key);
    }
  }
  if (Object.keys(updates).length > 0) {
    const v = { ...existing, ...updates };
    db.run(
      'import.meetingUpdate',
      sql`UPDATE meeting SET kind = ${v.kind}, also_counts_as = ${v.also_counts_as}, title = ${v.title}, held_on = ${v.held_on},
            start_time = ${v.start_time}, end_time = ${v.end_time}, place = ${v.place}, host = ${v.host}, recorder = ${v.recorder},
            lecturer = ${v.lecturer}, study_hours = ${v.study_hours}, group_id = ${v.group_id}, agenda = ${v.agenda},
            content = ${v.content}, extra = ${v.extra}, vote = ${v.vote}, updated_at = ${ctx.now}
          WHERE id = ${existing.id}`,
    );
  }
  const stored = storedAttendance(ctx, existing.id);
  const attendance = m.attendance ? fullAttendance(ctx, m.attendance) : m.marks ? mergeMarks(ctx, stored, m) : null;
  if (attendance && !same(attendance, stored)) {
    writeAttendance(ctx, existing.id, attendance);
    changed.push('出席情况');
  }
  if (applyDecisions(ctx, m, existing.id)) changed.push('决议事项');
  if (applyRectifications(ctx, m, existing.id)) changed.push('整改事项');
  if (applyAppraisal(ctx, m, existing.id)) changed.push('评议结果');
  if (applyAttachments(ctx, m, existing.id)) changed.push('附件');
  ctx.record(m.ref, MEETINGS, label, changed.length > 0 ? 'updated' : 'unchanged', changed);
}

export function applyMeetings(ctx: ImportContext): void {
  for (const m of ctx.bundle.meetings) {
    const label = `${m.heldOn} ${m.kind} ${m.title}`;
    ctx.guard(m.ref, MEETINGS, label, () => applyMeeting(ctx, m, label));
  }
}
