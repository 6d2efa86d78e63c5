import type { AttendanceEntry, MeetingDetail, MeetingInput, RosterCandidate, VoteBlock } from '../../../api/life.ts';
import { sql } from '../../db/sql.ts';
import { type ErrorDetail, LedgerError } from '../../errors.ts';
import { type Ledger, today, write } from '../../ledger.ts';
import { excellentCap } from '../../rules/appraisal.ts';
import { evaluateVote } from '../../rules/vote.ts';
import { defaultRecordTemplates, validateExtra } from '../../templates/records.ts';
import { requireUnitOfKind } from '../org/units.ts';
import { getMeeting } from './meetings-read.ts';
import { rosterOn } from './roster-on.ts';

function refuse(message: string, details: ErrorDetail[]): never {
  throw new LedgerError('VALIDATION', message, details);
}

/**
 * The attendance as stored: every person the meeting expected on its date (the roster snapshot),
 * with the status the clerk gave, plus 列席 guests. Expected and present are counted from it,
 * never typed.
 */
function snapshotAttendance(
  input: MeetingInput,
  expected: RosterCandidate[],
  onRoll: RosterCandidate[],
): AttendanceEntry[] {
  const details: ErrorDetail[] = [];
  const byId = new Map(onRoll.map((m) => [m.memberId, m]));
  const given = new Map<number, MeetingInput['attendance'][number]>();
  const guests: AttendanceEntry[] = [];
  for (const entry of input.attendance) {
    if (entry.memberId === null) {
      if (entry.status !== '列席')
        details.push({ field: '出席情况', message: `“${entry.name}”不在花名册中，只能登记为列席` });
      else
        guests.push({
          memberId: null,
          name: entry.name,
          status: '列席',
          reason: entry.reason ?? null,
          membership: '非党员',
        });
      continue;
    }
    const member = byId.get(entry.memberId);
    // RULES.md §2.2: 缺席人员及原因 — a leave of absence is recorded with its reason.
    if (entry.status === '请假' && !entry.reason)
      details.push({ field: '出席情况', message: `“${entry.name}”请假，请填写请假原因` });
    if (!member) {
      details.push({
        field: '出席情况',
        message: `“${entry.name}”在 ${input.heldOn} 不在本支部花名册中，不能登记出席`,
      });
      continue;
    }
    if (given.has(entry.memberId)) details.push({ field: '出席情况', message: `“${member.name}”登记了两次` });
    given.set(entry.memberId, entry);
  }
  if (details.length > 0) refuse(`出席情况有 ${details.length} 处需要更正，未保存。`, details);
  const expectedIds = new Set(expected.map((m) => m.memberId));
  const rows: AttendanceEntry[] = expected.map((m) => {
    const entry = given.get(m.memberId);
    return {
      memberId: m.memberId,
      name: m.name,
      status: entry?.status === '列席' ? '出席' : (entry?.status ?? '缺席'),
      reason: entry?.reason ?? null,
      membership: m.membership,
    };
  });
  // Members outside the meeting's scope (e.g. a 党员 at a 支委会) may attend as 列席.
  for (const [memberId, entry] of given) {
    if (expectedIds.has(memberId)) continue;
    const member = byId.get(memberId);
    if (member)
      rows.push({
        memberId,
        name: member.name,
        status: '列席',
        reason: entry.reason ?? null,
        membership: member.membership,
      });
  }
  return [...rows, ...guests];
}

function computeVote(ledger: Ledger, input: MeetingInput, attendance: AttendanceEntry[]): VoteBlock | null {
  if (!input.vote) return null;
  // 预备党员 attend but have no vote (RULES.md §1): the base is the 正式党员 expected.
  const eligible = attendance.filter((a) => a.status !== '列席' && a.membership === '正式党员');
  const presentEligible = eligible.filter((a) => a.status === '出席').length;
  const counts = {
    eligible: eligible.length,
    presentEligible,
    writtenOpinions: input.vote.writtenOpinions,
    yes: input.vote.yes,
    no: input.vote.no,
    abstain: input.vote.abstain,
  };
  const verdict = evaluateVote(counts, ledger.ruleSet);
  if (verdict.problems.length > 0) {
    refuse(
      '表决票数有误，未保存。',
      verdict.problems.map((message) => ({ field: '表决', message })),
    );
  }
  return {
    subject: input.vote.subject,
    method: input.vote.method,
    ...counts,
    quorumMet: verdict.quorumMet,
    passed: verdict.passed,
    explanation: verdict.explanation,
  };
}

function checkAppraisal(ledger: Ledger, input: MeetingInput, onRoll: RosterCandidate[]): void {
  if (input.appraisal.length === 0) return;
  const ids = new Set(onRoll.map((m) => m.memberId));
  const strangers = input.appraisal.filter((a) => !ids.has(a.memberId));
  if (strangers.length > 0)
    refuse('评议名单中有人当日不在本支部花名册中，未保存。', [
      { field: '评议结果', message: `${strangers.length} 人不在册` },
    ]);
  const excellent = input.appraisal.filter((a) => a.grade === '优秀').length;
  const cap = excellentCap(input.appraisal.length, ledger.ruleSet);
  if (excellent > cap) {
    refuse(`评为“优秀”的 ${excellent} 人，超过参评 ${input.appraisal.length} 人可评优秀的上限 ${cap} 人，未保存。`, [
      { field: '评议结果', message: `“优秀”最多 ${cap} 人` },
    ]);
  }
}

export function saveMeeting(ledger: Ledger, input: MeetingInput): MeetingDetail {
  return write(ledger, () => {
    const template = defaultRecordTemplates.get(input.kind);
    if (!template) throw new Error(`no template for ${input.kind}`);
    const branch = requireUnitOfKind(ledger, input.branchId, '党支部', '党支部');
    const details: ErrorDetail[] = [];
    if (input.heldOn > today(ledger))
      details.push({ field: '时间', message: '会议日期不能晚于今天（不能登记尚未召开的会议）' });
    if (input.startTime && input.endTime && input.endTime <= input.startTime)
      details.push({ field: '结束时间', message: '结束时间应晚于开始时间' });
    if (template.attendanceScope === 'group') {
      if (input.groupId === undefined) details.push({ field: '党小组', message: '请选择党小组' });
      else if (requireUnitOfKind(ledger, input.groupId, '党小组', '党小组').parentId !== branch.id) {
        details.push({ field: '党小组', message: '所选党小组不属于本支部' });
      }
    }
    if (template.blocks.studyHours && input.studyHours === undefined && input.kind === '党课')
      details.push({ field: '学时', message: '请填写学时' });
    if (input.alsoCountsAs.includes(input.kind))
      details.push({ field: '同时计为', message: '不能与本身的会议类型相同' });
    if (details.length > 0) refuse(`${template.name}有 ${details.length} 处需要更正，未保存。`, details);
    const extra = validateExtra(template, input.extra);

    const onRoll = rosterOn(ledger, { branchId: branch.id, date: input.heldOn, scope: 'branch' });
    const expected = rosterOn(ledger, {
      branchId: branch.id,
      date: input.heldOn,
      scope: template.attendanceScope,
      ...(input.groupId !== undefined ? { groupId: input.groupId } : {}),
    });
    const attendance = snapshotAttendance(input, expected, onRoll);
    const vote = template.blocks.vote ? computeVote(ledger, input, attendance) : null;
    if (template.blocks.appraisal) checkAppraisal(ledger, input, onRoll);

    const now = ledger.clock().toISOString();
    const before = input.id !== undefined ? getMeeting(ledger, input.id) : null;
    if (before && before.branchId !== branch.id)
      refuse('不能把记录移到另一个支部。', [{ field: '党支部', message: '与原记录不同' }]);
    const columns = {
      title: input.title,
      held_on: input.heldOn,
      also: JSON.stringify(input.alsoCountsAs),
      agenda: JSON.stringify(input.agenda),
      extra: JSON.stringify(extra),
      vote: vote ? JSON.stringify(vote) : null,
    };
    let id: number;
    if (before) {
      id = before.id;
      ledger.db.run(
        'life.update',
        sql`UPDATE meeting SET kind = ${input.kind}, also_counts_as = ${columns.also}, title = ${columns.title}, held_on = ${columns.held_on},
              start_time = ${input.startTime}, end_time = ${input.endTime}, place = ${input.place}, host = ${input.host},
              recorder = ${input.recorder}, lecturer = ${input.lecturer}, study_hours = ${input.studyHours}, group_id = ${input.groupId},
              agenda = ${columns.agenda}, content = ${input.content}, extra = ${columns.extra}, vote = ${columns.vote},
              template_version = ${template.version}, updated_at = ${now}
            WHERE id = ${id}`,
      );
      for (const table of ['attendance', 'meeting_decision', 'rectification', 'appraisal_grade']) {
        ledger.db.run(`life.clear.${table}`, sql`DELETE FROM ${sql.raw(table)} WHERE meeting_id = ${id}`);
      }
    } else {
      const year = input.heldOn.slice(0, 4);
      const next = ledger.db.get<{ n: number }>(
        'life.nextSeq',
        sql`SELECT COALESCE(MAX(seq_no), 0) + 1 AS n FROM meeting
            WHERE branch_id = ${branch.id} AND kind = ${input.kind} AND substr(held_on, 1, 4) = ${year}`,
      );
      id = Number(
        ledger.db.run(
          'life.insert',
          sql`INSERT INTO meeting (branch_id, kind, also_counts_as, seq_no, title, held_on, start_time, end_time, place, host, recorder,
                lecturer, study_hours, group_id, agenda, content, extra, vote, template_version, entered_at, updated_at)
              VALUES (${branch.id}, ${input.kind}, ${columns.also}, ${next?.n ?? 1}, ${columns.title}, ${columns.held_on}, ${input.startTime},
                ${input.endTime}, ${input.place}, ${input.host}, ${input.recorder}, ${input.lecturer}, ${input.studyHours}, ${input.groupId},
                ${columns.agenda}, ${input.content}, ${columns.extra}, ${columns.vote}, ${template.version}, ${now}, ${now})`,
        ).lastInsertRowid,
      );
    }
    for (const a of attendance) {
      ledger.db.run(
        'life.insertAttendance',
        sql`INSERT INTO attendance (meeting_id, member_id, name, status, reason, membership)
            VALUES (${id}, ${a.memberId}, ${a.name}, ${a.status}, ${a.reason}, ${a.membership})`,
      );
    }
    if (template.blocks.decisions) {
      for (const [seq, d] of input.decisions.entries()) {
        ledger.db.run(
          'life.insertDecision',
          sql`INSERT INTO meeting_decision (meeting_id, seq, text, owner, due_date, done_on)
              VALUES (${id}, ${seq}, ${d.text}, ${d.owner}, ${d.dueDate}, ${d.doneOn})`,
        );
      }
    }
    if (template.blocks.rectifications) {
      for (const [seq, r] of input.rectifications.entries()) {
        ledger.db.run(
          'life.insertRectification',
          sql`INSERT INTO rectification (meeting_id, seq, problem, measure, owner, due_date, done_on)
              VALUES (${id}, ${seq}, ${r.problem}, ${r.measure}, ${r.owner}, ${r.dueDate}, ${r.doneOn})`,
        );
      }
    }
    if (template.blocks.appraisal) {
      for (const a of input.appraisal) {
        ledger.db.run(
          'life.insertGrade',
          sql`INSERT INTO appraisal_grade (meeting_id, member_id, grade) VALUES (${id}, ${a.memberId}, ${a.grade})`,
        );
      }
    }
    const after = getMeeting(ledger, id);
    return {
      result: after,
      audit: {
        action: before ? 'life.update' : 'life.create',
        entity: 'meeting',
        entityId: id,
        before,
        after: input,
        summary: `${before ? '修改' : '登记'}${input.kind}：${input.heldOn} ${input.title}`,
      },
    };
  });
}

export function deleteMeeting(ledger: Ledger, id: number): { deleted: number } {
  return write(ledger, () => {
    const before = getMeeting(ledger, id);
    ledger.db.run('life.delete', sql`DELETE FROM meeting WHERE id = ${id}`);
    return {
      result: { deleted: id },
      audit: {
        action: 'life.delete',
        entity: 'meeting',
        entityId: id,
        before,
        summary: `删除${before.kind}：${before.heldOn} ${before.title}`,
      },
    };
  });
}
