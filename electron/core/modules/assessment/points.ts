import type { MemberPoints } from '../../../api/assessment.ts';
import { sql } from '../../db/sql.ts';
import { LedgerError } from '../../errors.ts';
import { type Ledger, today, write } from '../../ledger.ts';
import { memberPoints } from '../../rules/points.ts';
import { duesSheet } from '../dues/dues.ts';
import { listMembers } from '../org/members-read.ts';
import { activePointRules } from './points-store.ts';

/** 党员积分 of a branch-year: automatic events from attendance and dues, hand-entered ones from points_event. */
export function pointsYear(ledger: Ledger, branchId: number, year: number): MemberPoints[] {
  const yearEnd = `${year}-12-31`;
  const asOf = today(ledger) < yearEnd ? today(ledger) : yearEnd;
  const members = listMembers(ledger, { branchId, asOf }).map((m) => ({ id: m.id, name: m.name }));
  const attendance = ledger.db
    .all<{
      member_id: number;
      meeting_id: number;
      kind: string;
      also: string;
      held_on: string;
      status: '出席' | '请假' | '缺席' | '列席';
    }>(
      'points.attendance',
      sql`SELECT a.member_id, m.id AS meeting_id, m.kind, m.also_counts_as AS also, m.held_on, a.status
          FROM attendance a JOIN meeting m ON m.id = a.meeting_id
          WHERE m.branch_id = ${branchId} AND m.held_on BETWEEN ${`${year}-01-01`} AND ${yearEnd} AND a.member_id IS NOT NULL`,
    )
    // A 套会 is one row per kind it counts as, with its meeting id so a rule counts it once.
    .flatMap((a) =>
      [a.kind, ...(JSON.parse(a.also) as string[])].map((kind) => ({
        memberId: a.member_id,
        meetingId: a.meeting_id,
        meetingKind: kind,
        date: a.held_on,
        status: a.status,
      })),
    );
  const talks = ledger.db
    .all<{ id: number; talkee_id: number; held_on: string }>(
      'points.talks',
      sql`SELECT id, talkee_id, held_on FROM talk WHERE branch_id = ${branchId} AND held_on BETWEEN ${`${year}-01-01`} AND ${yearEnd}`,
    )
    .map((t) => ({ memberId: t.talkee_id, date: t.held_on, talkId: t.id }));
  const sheet = duesSheet(ledger, branchId, year);
  const duesPaidMonths: Record<number, number[]> = {};
  const arrearsStreak: Record<number, number> = {};
  for (const m of sheet.members) {
    duesPaidMonths[m.memberId] = m.months.flatMap((v, i) => (v === null ? [] : [i + 1]));
    arrearsStreak[m.memberId] = m.arrearsStreak;
  }
  const manual = ledger.db
    .all<{ id: number; member_id: number; date: string; rule_id: string; note: string | null }>(
      'points.manual',
      sql`SELECT id, member_id, date, rule_id, note FROM points_event WHERE branch_id = ${branchId} AND date BETWEEN ${`${year}-01-01`} AND ${yearEnd}`,
    )
    .map((e) => ({ id: e.id, memberId: e.member_id, date: e.date, ruleId: e.rule_id, note: e.note ?? '' }));
  return memberPoints(activePointRules(ledger), {
    year,
    members,
    attendance,
    duesPaidMonths,
    arrearsStreak,
    talks,
    manual,
  });
}

export function addPoints(
  ledger: Ledger,
  input: { branchId: number; memberId: number; date: string; ruleId: string; note?: string },
): MemberPoints[] {
  write(ledger, () => {
    const rule = activePointRules(ledger).rules.find((r) => r.id === input.ruleId);
    if (!rule || rule.auto)
      throw new LedgerError('VALIDATION', `“${input.ruleId}”不是可以手工登记的积分项。`, [
        { field: '积分项', message: '不可手工登记' },
      ]);
    if (input.date > today(ledger))
      throw new LedgerError('VALIDATION', '日期不能晚于今天。', [{ field: '日期', message: '不能晚于今天' }]);
    const onRoll = listMembers(ledger, { branchId: input.branchId, asOf: input.date }).some(
      (m) => m.id === input.memberId,
    );
    if (!onRoll)
      throw new LedgerError('VALIDATION', `该党员在 ${input.date} 不在本支部花名册中。`, [
        { field: '党员', message: '不在册' },
      ]);
    ledger.db.run(
      'points.add',
      sql`INSERT INTO points_event (member_id, branch_id, date, rule_id, note) VALUES (${input.memberId}, ${input.branchId}, ${input.date}, ${input.ruleId}, ${input.note})`,
    );
    return {
      result: null,
      audit: {
        action: 'points.add',
        entity: 'points_event',
        entityId: input.memberId,
        after: input,
        summary: `登记党员积分：${rule.label}`,
      },
    };
  });
  return pointsYear(ledger, input.branchId, Number(input.date.slice(0, 4)));
}

/**
 * Deletes a hand-entered 党员积分 entry. Automatic points are not stored entries: they follow from the
 * attendance, dues and talk records, so the message says to correct the record instead.
 */
export function deletePointsEntry(ledger: Ledger, id: number): MemberPoints[] {
  const entry = write(ledger, () => {
    const row = ledger.db.get<{
      id: number;
      member_id: number;
      branch_id: number;
      date: string;
      rule_id: string;
      note: string | null;
    }>('points.entry', sql`SELECT id, member_id, branch_id, date, rule_id, note FROM points_event WHERE id = ${id}`);
    if (!row) {
      throw new LedgerError(
        'NOT_FOUND',
        '找不到这条登记积分（可能已被删除）。自动积分由出勤、党费和谈心谈话记录生成，不能在这里删除；如有误，请修改对应的会议、党费或谈话记录。',
        [{ field: '积分记录', message: '不存在或不是手工登记的积分' }],
      );
    }
    ledger.db.run('points.delete', sql`DELETE FROM points_event WHERE id = ${id}`);
    const label = activePointRules(ledger).rules.find((r) => r.id === row.rule_id)?.label ?? row.rule_id;
    return {
      result: row,
      audit: {
        action: 'points.delete',
        entity: 'points_event',
        entityId: id,
        before: row,
        summary: `删除登记积分：${row.date} ${label}${row.note ? `（${row.note}）` : ''}`,
      },
    };
  });
  return pointsYear(ledger, entry.branch_id, Number(entry.date.slice(0, 4)));
}
