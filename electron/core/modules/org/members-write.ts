import type { MemberDetail, MemberFields, MemberStatus, PartyPost } from '../../../api/org.ts';
import { sql } from '../../db/sql.ts';
import { LedgerError } from '../../errors.ts';
import { type Ledger, today, write } from '../../ledger.ts';
import { parameter } from '../../templates/ruleset.ts';
import { normalizeMemberFields, validateMember } from './member-validation.ts';
import { getMember, nameInitials } from './members-read.ts';
import { getUnit, requireUnitOfKind } from './units.ts';

function memberRules(ledger: Ledger) {
  return { minimumAgeAtJoin: parameter(ledger.ruleSet, 'member.minimumAge') };
}

/** Domain checks of the form, the import and the CLI alike; refuses with every problem named. */
export function assertValidMember(ledger: Ledger, fields: MemberFields, branchId?: number): void {
  const details = validateMember(fields, memberRules(ledger), today(ledger));
  if (fields.groupId !== undefined && fields.groupId !== null) {
    const group = getUnit(ledger, fields.groupId);
    if (group.kind !== '党小组' || (branchId !== undefined && group.parentId !== branchId)) {
      details.push({ field: '所在党小组', message: '所选党小组不属于本支部' });
    }
  }
  if (fields.idNumber) {
    const clash = ledger.db.get<{ name: string }>(
      'member.idClash',
      sql`SELECT name FROM member WHERE id_number = ${fields.idNumber}`,
    );
    if (clash) details.push({ field: '公民身份号码', message: `与已登记的党员“${clash.name}”重复` });
  }
  if (details.length > 0) {
    throw new LedgerError('VALIDATION', `党员信息有 ${details.length} 处需要更正，未保存。`, details);
  }
}

/** Inserts a member and its first status interval. No audit entry: callers run inside `write`. */
export function insertMember(
  ledger: Ledger,
  fields: MemberFields,
  branchId: number,
  since: string,
  status: MemberStatus = '在册',
): number {
  const now = ledger.clock().toISOString();
  const result = ledger.db.run(
    'member.insert',
    sql`INSERT INTO member (name, name_initials, gender, ethnicity, birth_date, id_number, education, person_category,
                            join_date, full_date, group_id, job, phone, address, note, created_at, updated_at)
        VALUES (${fields.name}, ${nameInitials(fields.name)}, ${fields.gender}, ${fields.ethnicity}, ${fields.birthDate},
                ${fields.idNumber}, ${fields.education}, ${fields.personCategory}, ${fields.joinDate}, ${fields.fullDate},
                ${fields.groupId ?? null}, ${fields.job}, ${fields.phone}, ${fields.address}, ${fields.note}, ${now}, ${now})`,
  );
  const id = Number(result.lastInsertRowid);
  ledger.db.run(
    'member.insertStatus',
    sql`INSERT INTO member_status (member_id, status, branch_id, from_date) VALUES (${id}, ${status}, ${branchId}, ${since})`,
  );
  return id;
}

export function createMember(
  ledger: Ledger,
  input: MemberFields & { branchId: number; since?: string; status?: '在册' | '转入' },
): MemberDetail {
  return write(ledger, () => {
    const { branchId, since, status, ...typed } = input;
    const fields = normalizeMemberFields(typed);
    requireUnitOfKind(ledger, branchId, '党支部', '所在党支部');
    assertValidMember(ledger, fields, branchId);
    // Without a stated date the member is on this branch's roll from joining, so back-filled
    // records of earlier meetings still find them in the roster of that day.
    const id = insertMember(ledger, fields, branchId, since ?? fields.joinDate, status ?? '在册');
    const after = getMember(ledger, id);
    return {
      result: after,
      audit: {
        action: 'member.create',
        entity: 'member',
        entityId: id,
        after: fields,
        summary: `新增党员 ${fields.name}`,
      },
    };
  });
}

export function updateMember(ledger: Ledger, input: MemberFields & { id: number }): MemberDetail {
  return write(ledger, () => {
    const { id, ...typed } = input;
    const fields = normalizeMemberFields(typed);
    const before = getMember(ledger, id);
    const details = validateMember(fields, memberRules(ledger), today(ledger));
    if (fields.idNumber) {
      const clash = ledger.db.get<{ name: string }>(
        'member.idClashOther',
        sql`SELECT name FROM member WHERE id_number = ${fields.idNumber} AND id <> ${id}`,
      );
      if (clash) details.push({ field: '公民身份号码', message: `与已登记的党员“${clash.name}”重复` });
    }
    if (fields.groupId) {
      const group = getUnit(ledger, fields.groupId);
      if (group.kind !== '党小组' || group.parentId !== before.branchId) {
        details.push({ field: '所在党小组', message: '所选党小组不属于本支部' });
      }
    }
    if (details.length > 0)
      throw new LedgerError('VALIDATION', `党员信息有 ${details.length} 处需要更正，未保存。`, details);
    ledger.db.run(
      'member.update',
      sql`UPDATE member SET name = ${fields.name}, name_initials = ${nameInitials(fields.name)}, gender = ${fields.gender},
            ethnicity = ${fields.ethnicity}, birth_date = ${fields.birthDate}, id_number = ${fields.idNumber},
            education = ${fields.education}, person_category = ${fields.personCategory}, join_date = ${fields.joinDate},
            full_date = ${fields.fullDate}, group_id = ${fields.groupId ?? null}, job = ${fields.job}, phone = ${fields.phone},
            address = ${fields.address}, note = ${fields.note}, updated_at = ${ledger.clock().toISOString()}
          WHERE id = ${id}`,
    );
    const after = getMember(ledger, id);
    return {
      result: after,
      audit: {
        action: 'member.update',
        entity: 'member',
        entityId: id,
        before,
        after: fields,
        summary: `修改党员 ${fields.name} 的信息`,
      },
    };
  });
}

/**
 * Closes the open status interval on `date` and opens the new one. Dates are exclusive ends:
 * on `date` the member already has the new status.
 */
export function changeStatus(
  ledger: Ledger,
  input: { memberId: number; status: MemberStatus; date: string; branchId?: number; reason?: string },
): MemberDetail {
  return write(ledger, () => {
    const before = getMember(ledger, input.memberId);
    const open = ledger.db.get<{ id: number; from_date: string; branch_id: number; status: MemberStatus }>(
      'member.openStatus',
      sql`SELECT id, from_date, branch_id, status FROM member_status WHERE member_id = ${input.memberId} AND to_date IS NULL`,
    );
    if (!open) throw new LedgerError('CONFLICT', `${before.name} 没有当前的组织关系记录，无法变更。`);
    if (input.date <= open.from_date) {
      throw new LedgerError('VALIDATION', `变更日期须晚于当前状态“${open.status}”的开始日期 ${open.from_date}。`, [
        { field: '变更日期', message: `须晚于 ${open.from_date}` },
      ]);
    }
    if (input.date > today(ledger)) {
      throw new LedgerError('VALIDATION', '变更日期不能晚于今天。', [{ field: '变更日期', message: '不能晚于今天' }]);
    }
    const branchId = input.branchId ?? open.branch_id;
    requireUnitOfKind(ledger, branchId, '党支部', '党支部');
    ledger.db.run('member.closeStatus', sql`UPDATE member_status SET to_date = ${input.date} WHERE id = ${open.id}`);
    ledger.db.run(
      'member.openStatus',
      sql`INSERT INTO member_status (member_id, status, branch_id, from_date, reason)
          VALUES (${input.memberId}, ${input.status}, ${branchId}, ${input.date}, ${input.reason ?? null})`,
    );
    if (branchId !== open.branch_id) {
      // A 党小组 belongs to one branch: moving branches leaves the old group.
      ledger.db.run('member.leaveGroup', sql`UPDATE member SET group_id = NULL WHERE id = ${input.memberId}`);
    }
    const after = getMember(ledger, input.memberId);
    return {
      result: after,
      audit: {
        action: 'member.changeStatus',
        entity: 'member',
        entityId: input.memberId,
        before: { status: open.status, branchId: open.branch_id, since: open.from_date },
        after: { status: input.status, branchId, since: input.date, reason: input.reason ?? null },
        summary: `${before.name} ${input.date} 起 ${input.status}`,
      },
    };
  });
}

export function assignPost(
  ledger: Ledger,
  input: { memberId: number; post: PartyPost; unitId: number; fromDate: string },
): MemberDetail {
  return write(ledger, () => {
    const member = getMember(ledger, input.memberId);
    const unit = getUnit(ledger, input.unitId);
    const expectedKind = input.post === '党小组长' ? '党小组' : '党支部';
    if (unit.kind !== expectedKind) {
      throw new LedgerError('VALIDATION', `${input.post}应任职于${expectedKind}，“${unit.name}”是${unit.kind}。`, [
        { field: '任职组织', message: `应选择${expectedKind}` },
      ]);
    }
    // A 支部 has one 书记, one 组织委员 …; several 副书记 are possible.
    const holder =
      input.post === '副书记'
        ? undefined
        : ledger.db.get<{ name: string }>(
            'member.postHolder',
            sql`SELECT m.name FROM member_post p JOIN member m ON m.id = p.member_id
                WHERE p.unit_id = ${input.unitId} AND p.post = ${input.post} AND p.to_date IS NULL`,
          );
    if (holder) {
      throw new LedgerError('CONFLICT', `${unit.name}的${input.post}目前由 ${holder.name} 担任，请先办理免职。`, [
        { field: '职务', message: '该职务已有人担任' },
      ]);
    }
    const result = ledger.db.run(
      'member.assignPost',
      sql`INSERT INTO member_post (member_id, unit_id, post, from_date)
          VALUES (${input.memberId}, ${input.unitId}, ${input.post}, ${input.fromDate})`,
    );
    return {
      result: getMember(ledger, input.memberId),
      audit: {
        action: 'member.assignPost',
        entity: 'member_post',
        entityId: Number(result.lastInsertRowid),
        after: input,
        summary: `${member.name} 任 ${unit.name}${input.post}（${input.fromDate} 起）`,
      },
    };
  });
}

export function endPost(ledger: Ledger, input: { postId: number; toDate: string }): MemberDetail {
  return write(ledger, () => {
    const post = ledger.db.get<{ member_id: number; post: PartyPost; from_date: string; to_date: string | null }>(
      'member.getPost',
      sql`SELECT member_id, post, from_date, to_date FROM member_post WHERE id = ${input.postId}`,
    );
    if (!post) throw new LedgerError('NOT_FOUND', `找不到编号为 ${input.postId} 的任职记录。`);
    if (post.to_date !== null) throw new LedgerError('CONFLICT', `该职务已于 ${post.to_date} 免职。`);
    if (input.toDate < post.from_date) {
      throw new LedgerError('VALIDATION', `免职日期不能早于任职日期 ${post.from_date}。`, [
        { field: '免职日期', message: `不能早于 ${post.from_date}` },
      ]);
    }
    ledger.db.run('member.endPost', sql`UPDATE member_post SET to_date = ${input.toDate} WHERE id = ${input.postId}`);
    const member = getMember(ledger, post.member_id);
    return {
      result: member,
      audit: {
        action: 'member.endPost',
        entity: 'member_post',
        entityId: input.postId,
        before: post,
        after: { toDate: input.toDate },
        summary: `${member.name} 免去${post.post}（${input.toDate}）`,
      },
    };
  });
}
