import type { TalkRecord } from '../../../api/life.ts';
import { sql } from '../../db/sql.ts';
import { type ErrorDetail, LedgerError } from '../../errors.ts';
import { type Ledger, today, write } from '../../ledger.ts';
import { requireUnitOfKind } from '../org/units.ts';
import { rosterOn } from './roster-on.ts';

export interface TalkInput {
  id?: number;
  branchId: number;
  heldOn: string;
  talkerId: number;
  talkeeId: number;
  type: string;
  mode: TalkRecord['mode'];
  place?: string;
  content: string;
  followUp?: string;
}

interface TalkRow {
  id: number;
  branch_id: number;
  held_on: string;
  talker_id: number;
  talker_name: string;
  talkee_id: number;
  talkee_name: string;
  type: string;
  mode: TalkRecord['mode'];
  place: string | null;
  content: string;
  follow_up: string | null;
  entered_at: string;
}

const SELECT = sql`SELECT t.*, a.name AS talker_name, b.name AS talkee_name
  FROM talk t JOIN member a ON a.id = t.talker_id JOIN member b ON b.id = t.talkee_id`;

const toTalk = (r: TalkRow): TalkRecord => ({
  id: r.id,
  branchId: r.branch_id,
  heldOn: r.held_on,
  talkerId: r.talker_id,
  talkerName: r.talker_name,
  talkeeId: r.talkee_id,
  talkeeName: r.talkee_name,
  type: r.type,
  mode: r.mode,
  place: r.place,
  content: r.content,
  followUp: r.follow_up,
  enteredAt: r.entered_at,
});

export function listTalks(ledger: Ledger, branchId: number, year: number): TalkRecord[] {
  return ledger.db
    .all<TalkRow>(
      'talk.list',
      sql`${SELECT} WHERE t.branch_id = ${branchId} AND t.held_on BETWEEN ${`${year}-01-01`} AND ${`${year}-12-31`} ORDER BY t.held_on, t.id`,
    )
    .map(toTalk);
}

function getTalk(ledger: Ledger, id: number): TalkRecord {
  const row = ledger.db.get<TalkRow>('talk.get', sql`${SELECT} WHERE t.id = ${id}`);
  if (!row) throw new LedgerError('NOT_FOUND', `找不到编号为 ${id} 的谈心谈话记录。`);
  return toTalk(row);
}

export function saveTalk(ledger: Ledger, input: TalkInput): TalkRecord {
  return write(ledger, () => {
    requireUnitOfKind(ledger, input.branchId, '党支部', '党支部');
    const details: ErrorDetail[] = [];
    if (input.heldOn > today(ledger)) details.push({ field: '谈话时间', message: '谈话日期不能晚于今天' });
    if (input.talkerId === input.talkeeId) details.push({ field: '谈话对象', message: '谈话人和谈话对象不能是同一人' });
    const onRoll = new Set(
      rosterOn(ledger, { branchId: input.branchId, date: input.heldOn, scope: 'branch' }).map((m) => m.memberId),
    );
    if (!onRoll.has(input.talkerId))
      details.push({ field: '谈话人', message: `谈话人在 ${input.heldOn} 不在本支部花名册中` });
    if (!onRoll.has(input.talkeeId))
      details.push({ field: '谈话对象', message: `谈话对象在 ${input.heldOn} 不在本支部花名册中` });
    if (details.length > 0)
      throw new LedgerError('VALIDATION', `谈心谈话记录有 ${details.length} 处需要更正，未保存。`, details);
    const before = input.id !== undefined ? getTalk(ledger, input.id) : null;
    let id = input.id;
    if (before) {
      ledger.db.run(
        'talk.update',
        sql`UPDATE talk SET held_on = ${input.heldOn}, talker_id = ${input.talkerId}, talkee_id = ${input.talkeeId}, type = ${input.type},
              mode = ${input.mode}, place = ${input.place}, content = ${input.content}, follow_up = ${input.followUp} WHERE id = ${before.id}`,
      );
    } else {
      id = Number(
        ledger.db.run(
          'talk.insert',
          sql`INSERT INTO talk (branch_id, held_on, talker_id, talkee_id, type, mode, place, content, follow_up, entered_at)
              VALUES (${input.branchId}, ${input.heldOn}, ${input.talkerId}, ${input.talkeeId}, ${input.type}, ${input.mode},
                      ${input.place}, ${input.content}, ${input.followUp}, ${ledger.clock().toISOString()})`,
        ).lastInsertRowid,
      );
    }
    const after = getTalk(ledger, id ?? 0);
    return {
      result: after,
      audit: {
        action: before ? 'talk.update' : 'talk.create',
        entity: 'talk',
        entityId: after.id,
        before,
        after,
        summary: `${after.talkerName} 与 ${after.talkeeName} 谈心谈话（${after.heldOn}）`,
      },
    };
  });
}

export function deleteTalk(ledger: Ledger, id: number): { deleted: number } {
  return write(ledger, () => {
    const before = getTalk(ledger, id);
    ledger.db.run('talk.delete', sql`DELETE FROM talk WHERE id = ${id}`);
    return {
      result: { deleted: id },
      audit: {
        action: 'talk.delete',
        entity: 'talk',
        entityId: id,
        before,
        summary: `删除谈心谈话记录（${before.heldOn}）`,
      },
    };
  });
}
