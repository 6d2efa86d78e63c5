import { sql } from '../../db/sql.ts';
import { LedgerError } from '../../errors.ts';
import type { Ledger } from '../../ledger.ts';
import { ON_ROLL_SQL } from '../org/roll.ts';

/** The member's name when they were on the branch's roll at some time in [from, to]; refused otherwise. */
export function requireOnRoll(
  ledger: Ledger,
  input: { branchId: number; memberId: number; from: string; to: string; field: string; when: string },
): string {
  const row = ledger.db.get<{ name: string; on_roll: number }>(
    'exemplary.onRoll',
    sql`SELECT m.name, EXISTS (
          SELECT 1 FROM member_status s WHERE s.member_id = m.id AND s.branch_id = ${input.branchId}
            AND s.status IN ${ON_ROLL_SQL} AND s.from_date <= ${input.to} AND (s.to_date IS NULL OR s.to_date > ${input.from})
        ) AS on_roll
        FROM member m WHERE m.id = ${input.memberId}`,
  );
  if (!row) throw new LedgerError('NOT_FOUND', `找不到编号为 ${input.memberId} 的党员。`);
  if (!row.on_roll)
    throw new LedgerError('VALIDATION', `${row.name}${input.when}不在本支部花名册中。`, [
      { field: input.field, message: '不在本支部花名册中' },
    ]);
  return row.name;
}
