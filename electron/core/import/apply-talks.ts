/**
 * 谈心谈话 of a bundle: matched by id, else by branch + date + the two people. A person is the
 * file's member, else the one on the branch's roll that day with that name.
 */
import { sql } from '../db/sql.ts';
import { today } from '../ledger.ts';
import { rosterOn } from '../modules/life/roster-on.ts';
import type { BundleTalk } from './bundle.ts';
import { type ImportContext, RowRefusal, RowSkip } from './context.ts';

const TALKS = '谈心谈话';

function branchOf(ctx: ImportContext, sourceBranchId: number): number {
  const local = ctx.mapped('org_unit', sourceBranchId);
  if (local === null) throw new RowRefusal('所属党支部未能导入');
  return local;
}

/** A talk's person: by the file's member id, else by a unique name on the branch's roll that day. */
function talkPerson(
  ctx: ImportContext,
  sourceId: number | null,
  name: string,
  branchId: number,
  heldOn: string,
  field: 'talker' | 'talkee',
): number {
  const word = field === 'talker' ? '谈话人' : '谈话对象';
  if (sourceId !== null) {
    const local = ctx.mapped('member', sourceId);
    if (local !== null) return local;
  }
  const onRoll = rosterOn(ctx.ledger, { branchId, date: heldOn, scope: 'branch' }).filter((m) => m.name === name);
  const only = onRoll[0];
  if (onRoll.length === 1 && only) return only.memberId;
  if (onRoll.length > 1) throw new RowRefusal(`${word}“${name}”在本支部有同名党员，无法确定是谁`, field);
  if (ctx.partialRoster && sourceId !== null && !ctx.bundle.members.some((m) => m.id === sourceId)) {
    throw new RowSkip(
      `${word}“${name}”已不在本支部花名册中，工作簿不含其信息，此条未导入（台账包可导入完整记录）`,
      field,
    );
  }
  throw new RowRefusal(`${word}“${name}”在 ${heldOn} 不在本支部花名册中`, field);
}

interface TalkRow {
  id: number;
  branch_id: number;
  held_on: string;
  talker_id: number;
  talkee_id: number;
  type: string;
  mode: string;
  place: string | null;
  content: string;
  follow_up: string | null;
}

function applyTalk(ctx: ImportContext, t: BundleTalk, label: string): void {
  const db = ctx.ledger.db;
  const branchId = branchOf(ctx, t.branchId);
  if (t.heldOn > today(ctx.ledger)) throw new RowRefusal('谈话日期晚于今天', 'heldOn');
  const talkerId = talkPerson(ctx, t.talkerId, t.talkerName, branchId, t.heldOn, 'talker');
  const talkeeId = talkPerson(ctx, t.talkeeId, t.talkeeName, branchId, t.heldOn, 'talkee');
  if (talkerId === talkeeId) throw new RowRefusal('谈话人和谈话对象不能是同一人', 'talkee');
  const known = ctx.localId('talk', t.id);
  const existing =
    known !== null
      ? db.get<TalkRow>('import.talk', sql`SELECT * FROM talk WHERE id = ${known}`)
      : !ctx.naturalMatch(t.id)
        ? undefined
        : db.get<TalkRow>(
            'import.talkByKey',
            sql`SELECT * FROM talk WHERE branch_id = ${branchId} AND held_on = ${t.heldOn}
              AND talker_id = ${talkerId} AND talkee_id = ${talkeeId} ORDER BY id LIMIT 1`,
          );
  const fields = {
    held_on: t.heldOn,
    talker_id: talkerId,
    talkee_id: talkeeId,
    type: t.type,
    mode: t.mode,
    place: t.place,
    content: t.content,
    follow_up: t.followUp,
  };
  if (!existing) {
    const id = Number(
      db.run(
        'import.talkInsert',
        sql`INSERT INTO talk (branch_id, held_on, talker_id, talkee_id, type, mode, place, content, follow_up, entered_at)
            VALUES (${branchId}, ${t.heldOn}, ${talkerId}, ${talkeeId}, ${t.type}, ${t.mode}, ${t.place}, ${t.content},
                    ${t.followUp}, ${t.enteredAt ?? ctx.now})`,
      ).lastInsertRowid,
    );
    ctx.remember('talk', t.id, id);
    ctx.record(t.ref, TALKS, label, 'added');
    return;
  }
  ctx.remember('talk', t.id, existing.id);
  const names: Record<keyof typeof fields, string> = {
    held_on: '日期',
    talker_id: '谈话人',
    talkee_id: '谈话对象',
    type: '谈话类型',
    mode: '方式',
    place: '地点',
    content: '谈话主要内容',
    follow_up: '后续跟进',
  };
  const changed = (Object.keys(fields) as Array<keyof typeof fields>).filter((k) => fields[k] !== existing[k]);
  if (changed.length > 0) {
    db.run(
      'import.talkUpdate',
      sql`UPDATE talk SET held_on = ${t.heldOn}, talker_id = ${talkerId}, talkee_id = ${talkeeId}, type = ${t.type},
            mode = ${t.mode}, place = ${t.place}, content = ${t.content}, follow_up = ${t.followUp} WHERE id = ${existing.id}`,
    );
  }
  ctx.record(
    t.ref,
    TALKS,
    label,
    changed.length > 0 ? 'updated' : 'unchanged',
    changed.map((k) => names[k]),
  );
}

export function applyTalks(ctx: ImportContext): void {
  for (const t of ctx.bundle.talks) {
    const label = `${t.heldOn} ${t.talkerName} 与 ${t.talkeeName}`;
    ctx.guard(t.ref, TALKS, label, () => applyTalk(ctx, t, label));
  }
}
