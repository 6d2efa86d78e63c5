import type { Commitment, CommitmentStatus, ExemplaryPost } from '../../../api/exemplary.ts';
import { sql } from '../../db/sql.ts';
import { LedgerError } from '../../errors.ts';
import { type Ledger, today, write } from '../../ledger.ts';
import { defaultExemplaryScheme } from '../../templates/exemplary.ts';
import { requireUnitOfKind } from '../org/units.ts';
import { requireOnRoll } from './roll.ts';

interface PostRow {
  id: number;
  branch_id: number;
  kind: string;
  name: string;
  scope: string | null;
  duty: string | null;
  holder_id: number;
  holder_name: string;
  from_date: string;
  to_date: string | null;
}

const toPost = (r: PostRow): ExemplaryPost => ({
  id: r.id,
  branchId: r.branch_id,
  kind: r.kind,
  name: r.name,
  scope: r.scope,
  duty: r.duty,
  holderId: r.holder_id,
  holderName: r.holder_name,
  fromDate: r.from_date,
  toDate: r.to_date,
});

/** Posts of the branch held at some time in `year` (all without a year), open ones first. */
export function listPosts(ledger: Ledger, branchId: number, year?: number): ExemplaryPost[] {
  requireUnitOfKind(ledger, branchId, '党支部', '党支部');
  const inYear =
    year === undefined
      ? sql`1 = 1`
      : sql`p.from_date <= ${`${year}-12-31`} AND (p.to_date IS NULL OR p.to_date >= ${`${year}-01-01`})`;
  return ledger.db
    .all<PostRow>(
      'exemplary.posts',
      sql`SELECT p.*, m.name AS holder_name FROM exemplary_post p JOIN member m ON m.id = p.holder_id
          WHERE p.branch_id = ${branchId} AND ${inYear}
          ORDER BY p.to_date IS NOT NULL, p.kind, p.from_date, p.id`,
    )
    .map(toPost);
}

function postById(ledger: Ledger, id: number): ExemplaryPost {
  const row = ledger.db.get<PostRow>(
    'exemplary.post',
    sql`SELECT p.*, m.name AS holder_name FROM exemplary_post p JOIN member m ON m.id = p.holder_id WHERE p.id = ${id}`,
  );
  if (!row) throw new LedgerError('NOT_FOUND', `找不到编号为 ${id} 的示范岗（责任区）。`);
  return toPost(row);
}

export function savePost(
  ledger: Ledger,
  input: {
    id?: number;
    branchId: number;
    kind: string;
    name: string;
    scope?: string;
    duty?: string;
    holderId: number;
    fromDate: string;
    toDate?: string;
  },
): ExemplaryPost {
  return write(ledger, () => {
    requireUnitOfKind(ledger, input.branchId, '党支部', '党支部');
    const kind = defaultExemplaryScheme().postKinds.find((k) => k.kind === input.kind);
    const problems: Array<{ field: string; message: string }> = [];
    if (!kind)
      problems.push({
        field: '类别',
        message: `应为 ${defaultExemplaryScheme()
          .postKinds.map((k) => k.kind)
          .join('、')} 之一`,
      });
    if (kind?.scopeLabel && !input.scope) problems.push({ field: kind.scopeLabel, message: `${kind.kind}须写明范围` });
    if (input.toDate && input.toDate < input.fromDate)
      problems.push({ field: '结束日期', message: '结束日期不能早于设岗日期' });
    if (input.fromDate > today(ledger)) problems.push({ field: '设岗日期', message: '设岗日期不能晚于今天' });
    if (input.toDate && input.toDate > today(ledger))
      problems.push({ field: '结束日期', message: '结束日期不能晚于今天' });
    if (problems.length > 0)
      throw new LedgerError('VALIDATION', `示范岗有 ${problems.length} 处需要更正，未保存。`, problems);
    const holder = requireOnRoll(ledger, {
      branchId: input.branchId,
      memberId: input.holderId,
      from: input.fromDate,
      to: input.fromDate,
      field: '岗位党员',
      when: `在 ${input.fromDate}`,
    });
    const before = input.id === undefined ? undefined : postById(ledger, input.id);
    if (before && before.branchId !== input.branchId) throw new LedgerError('NOT_FOUND', '本支部没有这个岗位。');
    let id = input.id;
    if (id === undefined) {
      id = Number(
        ledger.db.run(
          'exemplary.insertPost',
          sql`INSERT INTO exemplary_post (branch_id, kind, name, scope, duty, holder_id, from_date, to_date)
              VALUES (${input.branchId}, ${input.kind}, ${input.name}, ${input.scope}, ${input.duty}, ${input.holderId}, ${input.fromDate}, ${input.toDate})`,
        ).lastInsertRowid,
      );
    } else {
      ledger.db.run(
        'exemplary.updatePost',
        sql`UPDATE exemplary_post SET kind = ${input.kind}, name = ${input.name}, scope = ${input.scope}, duty = ${input.duty},
              holder_id = ${input.holderId}, from_date = ${input.fromDate}, to_date = ${input.toDate} WHERE id = ${id}`,
      );
    }
    const post = postById(ledger, id);
    return {
      result: post,
      audit: {
        action: before ? 'exemplary.updatePost' : 'exemplary.createPost',
        entity: 'exemplary_post',
        entityId: id,
        before,
        after: post,
        summary: `${before ? '修改' : '设立'}${input.kind}“${input.name}”，${holder} 上岗`,
      },
    };
  });
}

export function endPost(ledger: Ledger, input: { id: number; toDate: string }): ExemplaryPost {
  return write(ledger, () => {
    const before = postById(ledger, input.id);
    if (before.toDate)
      throw new LedgerError('CONFLICT', `“${before.name}”已于 ${before.toDate} 撤岗。`, [
        { field: '撤岗日期', message: '已撤岗' },
      ]);
    if (input.toDate < before.fromDate)
      throw new LedgerError('VALIDATION', `撤岗日期不能早于设岗日期 ${before.fromDate}。`, [
        { field: '撤岗日期', message: '早于设岗日期' },
      ]);
    if (input.toDate > today(ledger))
      throw new LedgerError('VALIDATION', '撤岗日期不能晚于今天。', [{ field: '撤岗日期', message: '不能晚于今天' }]);
    ledger.db.run('exemplary.endPost', sql`UPDATE exemplary_post SET to_date = ${input.toDate} WHERE id = ${input.id}`);
    const post = postById(ledger, input.id);
    return {
      result: post,
      audit: {
        action: 'exemplary.endPost',
        entity: 'exemplary_post',
        entityId: input.id,
        before,
        after: post,
        summary: `${before.kind}“${before.name}”于 ${input.toDate} 撤岗`,
      },
    };
  });
}

export function deletePost(ledger: Ledger, id: number): { deleted: number } {
  return write(ledger, () => {
    const before = postById(ledger, id);
    const used = ledger.db.get<{ n: number }>(
      'exemplary.postUsed',
      sql`SELECT COUNT(*) AS n FROM exemplary_commitment WHERE post_id = ${id}`,
    );
    if ((used?.n ?? 0) > 0)
      throw new LedgerError(
        'CONFLICT',
        `“${before.name}”下有 ${used?.n} 条承诺，不能删除；岗位不再设立时请用“撤岗”，承诺记录会保留。`,
      );
    ledger.db.run('exemplary.deletePost', sql`DELETE FROM exemplary_post WHERE id = ${id}`);
    return {
      result: { deleted: id },
      audit: {
        action: 'exemplary.deletePost',
        entity: 'exemplary_post',
        entityId: id,
        before,
        summary: `删除${before.kind}“${before.name}”`,
      },
    };
  });
}

interface CommitmentRow {
  id: number;
  branch_id: number;
  member_id: number;
  member_name: string;
  post_id: number | null;
  post_name: string | null;
  year: number;
  text: string;
  made_on: string;
  fulfilment: string | null;
  status: CommitmentStatus;
  checked_on: string | null;
}

const toCommitment = (r: CommitmentRow): Commitment => ({
  id: r.id,
  branchId: r.branch_id,
  memberId: r.member_id,
  memberName: r.member_name,
  postId: r.post_id,
  postName: r.post_name,
  year: r.year,
  text: r.text,
  madeOn: r.made_on,
  fulfilment: r.fulfilment,
  status: r.status,
  checkedOn: r.checked_on,
});

const COMMITMENT_SELECT = sql`SELECT c.*, m.name AS member_name, p.name AS post_name
  FROM exemplary_commitment c JOIN member m ON m.id = c.member_id LEFT JOIN exemplary_post p ON p.id = c.post_id`;

export function listCommitments(ledger: Ledger, branchId: number, year: number): Commitment[] {
  requireUnitOfKind(ledger, branchId, '党支部', '党支部');
  return ledger.db
    .all<CommitmentRow>(
      'exemplary.commitments',
      sql`${COMMITMENT_SELECT} WHERE c.branch_id = ${branchId} AND c.year = ${year} ORDER BY m.name, c.made_on, c.id`,
    )
    .map(toCommitment);
}

function commitmentById(ledger: Ledger, id: number): Commitment {
  const row = ledger.db.get<CommitmentRow>('exemplary.commitment', sql`${COMMITMENT_SELECT} WHERE c.id = ${id}`);
  if (!row) throw new LedgerError('NOT_FOUND', `找不到编号为 ${id} 的承诺。`);
  return toCommitment(row);
}

/** 承诺践诺: a member's commitment for the year, optionally on their post, and how it was kept. */
export function saveCommitment(
  ledger: Ledger,
  input: {
    id?: number;
    branchId: number;
    memberId: number;
    postId?: number;
    year: number;
    text: string;
    madeOn: string;
    fulfilment?: string;
    status: CommitmentStatus;
    checkedOn?: string;
  },
): Commitment {
  return write(ledger, () => {
    requireUnitOfKind(ledger, input.branchId, '党支部', '党支部');
    const now = today(ledger);
    const problems: Array<{ field: string; message: string }> = [];
    if (input.madeOn > now) problems.push({ field: '承诺日期', message: '承诺日期不能晚于今天' });
    if (Math.abs(Number(input.madeOn.slice(0, 4)) - input.year) > 1)
      problems.push({ field: '承诺日期', message: `与承诺年度 ${input.year} 年不符` });
    if (input.status === '践诺中' && input.checkedOn)
      problems.push({ field: '核实日期', message: '践诺中的承诺还没有核实日期；已践诺或未践诺时再填写' });
    if (input.status !== '践诺中' && !input.checkedOn)
      problems.push({ field: '核实日期', message: `${input.status}须填写核实日期` });
    if (input.status !== '践诺中' && !input.fulfilment)
      problems.push({ field: '践诺情况', message: `${input.status}须写明践诺情况` });
    if (input.checkedOn && input.checkedOn < input.madeOn)
      problems.push({ field: '核实日期', message: '核实日期不能早于承诺日期' });
    if (input.checkedOn && input.checkedOn > now) problems.push({ field: '核实日期', message: '核实日期不能晚于今天' });
    if (problems.length > 0)
      throw new LedgerError('VALIDATION', `承诺有 ${problems.length} 处需要更正，未保存。`, problems);
    const name = requireOnRoll(ledger, {
      branchId: input.branchId,
      memberId: input.memberId,
      from: `${input.year}-01-01`,
      to: `${input.year}-12-31`,
      field: '党员',
      when: `${input.year}年`,
    });
    if (input.postId !== undefined) {
      const post = postById(ledger, input.postId);
      if (post.branchId !== input.branchId || post.holderId !== input.memberId)
        throw new LedgerError('VALIDATION', `“${post.name}”不是${name}所在的岗位。`, [
          { field: '岗位', message: '请选择该党员所在的岗位，或不选' },
        ]);
    }
    const before = input.id === undefined ? undefined : commitmentById(ledger, input.id);
    if (before && before.branchId !== input.branchId) throw new LedgerError('NOT_FOUND', '本支部没有这条承诺。');
    let id = input.id;
    if (id === undefined) {
      id = Number(
        ledger.db.run(
          'exemplary.insertCommitment',
          sql`INSERT INTO exemplary_commitment (branch_id, member_id, post_id, year, text, made_on, fulfilment, status, checked_on)
              VALUES (${input.branchId}, ${input.memberId}, ${input.postId}, ${input.year}, ${input.text}, ${input.madeOn},
                      ${input.fulfilment}, ${input.status}, ${input.checkedOn})`,
        ).lastInsertRowid,
      );
    } else {
      ledger.db.run(
        'exemplary.updateCommitment',
        sql`UPDATE exemplary_commitment SET member_id = ${input.memberId}, post_id = ${input.postId}, year = ${input.year},
              text = ${input.text}, made_on = ${input.madeOn}, fulfilment = ${input.fulfilment}, status = ${input.status},
              checked_on = ${input.checkedOn} WHERE id = ${id}`,
      );
    }
    const commitment = commitmentById(ledger, id);
    return {
      result: commitment,
      audit: {
        action: before ? 'exemplary.updateCommitment' : 'exemplary.createCommitment',
        entity: 'exemplary_commitment',
        entityId: id,
        before,
        after: commitment,
        summary: `${name} ${input.year}年承诺（${input.status}）：${input.text.slice(0, 30)}`,
      },
    };
  });
}

export function deleteCommitment(ledger: Ledger, id: number): { deleted: number } {
  return write(ledger, () => {
    const before = commitmentById(ledger, id);
    ledger.db.run('exemplary.deleteCommitment', sql`DELETE FROM exemplary_commitment WHERE id = ${id}`);
    return {
      result: { deleted: id },
      audit: {
        action: 'exemplary.deleteCommitment',
        entity: 'exemplary_commitment',
        entityId: id,
        before,
        summary: `删除 ${before.memberName} 的承诺：${before.text.slice(0, 30)}`,
      },
    };
  });
}
