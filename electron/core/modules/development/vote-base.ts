import { sql } from '../../db/sql.ts';
import { LedgerError } from '../../errors.ts';
import type { Ledger } from '../../ledger.ts';

/**
 * The eligible roll and those present for a 支部大会 vote on a person: taken from the meeting's
 * attendance snapshot when the record names it (预备党员 present but not counted), otherwise
 * as the clerk typed them — never more present than eligible.
 */
export function voteBaseOf(
  ledger: Ledger,
  branchId: number,
  date: string,
  vote: { meetingId?: number; eligible?: number; presentEligible?: number },
): { eligible: number; presentEligible: number } {
  if (vote.meetingId !== undefined) {
    const meeting = ledger.db.get<{ branch_id: number; held_on: string; kind: string }>(
      'dev.voteMeeting',
      sql`SELECT branch_id, held_on, kind FROM meeting WHERE id = ${vote.meetingId}`,
    );
    if (!meeting || meeting.branch_id !== branchId)
      throw new LedgerError('NOT_FOUND', '找不到所选的支部党员大会记录。');
    if (meeting.held_on !== date) {
      throw new LedgerError('VALIDATION', `所选会议的日期（${meeting.held_on}）与本步骤日期（${date}）不一致。`, [
        { field: '支部大会', message: '日期不一致' },
      ]);
    }
    const counts = ledger.db.get<{ eligible: number; present: number }>(
      'dev.voteCounts',
      sql`SELECT SUM(status <> '列席') AS eligible, SUM(status = '出席') AS present FROM attendance
          WHERE meeting_id = ${vote.meetingId} AND membership = '正式党员'`,
    );
    return { eligible: counts?.eligible ?? 0, presentEligible: counts?.present ?? 0 };
  }
  if (vote.eligible === undefined || vote.presentEligible === undefined) {
    throw new LedgerError('VALIDATION', '请选择该次支部党员大会的记录，或填写应到会和实到会有表决权的正式党员人数。', [
      { field: '表决', message: '缺少应到、实到人数' },
    ]);
  }
  return { eligible: vote.eligible, presentEligible: vote.presentEligible };
}
