import type { DutyHolder, DutyTask, DutyTaskStatus, HeldPost } from '../../../api/duties.ts';
import { PARTY_POSTS, type PartyPost } from '../../../api/org.ts';
import { sql } from '../../db/sql.ts';
import { type ErrorDetail, LedgerError } from '../../errors.ts';
import { type Ledger, today, write } from '../../ledger.ts';
import { requireUnitOfKind } from '../org/units.ts';

interface TaskRow {
  id: number;
  branch_id: number;
  year: number;
  member_id: number;
  text: string;
  source: string | null;
  plan_item_id: number | null;
  plan_item_text: string | null;
  assigned_on: string | null;
  due_date: string | null;
  status: DutyTaskStatus;
  done_on: string | null;
  note: string | null;
  sort_order: number;
}

const OPEN: readonly DutyTaskStatus[] = ['未开始', '进行中'];

/** 逾期: still open after its 完成时限 (the day itself still counts as on time). */
export function isOverdue(task: { status: DutyTaskStatus; dueDate: string | null }, asOf: string): boolean {
  return OPEN.includes(task.status) && task.dueDate !== null && task.dueDate < asOf;
}

const toTask = (r: TaskRow, asOf: string): DutyTask => ({
  id: r.id,
  branchId: r.branch_id,
  year: r.year,
  memberId: r.member_id,
  text: r.text,
  source: r.source,
  planItemId: r.plan_item_id,
  planItemText: r.plan_item_text,
  assignedOn: r.assigned_on,
  dueDate: r.due_date,
  status: r.status,
  doneOn: r.done_on,
  note: r.note,
  sortOrder: r.sort_order,
  overdue: isOverdue({ status: r.status, dueDate: r.due_date }, asOf),
});

const TASK_SELECT = sql`SELECT t.*, CASE WHEN i.id IS NULL THEN NULL
      ELSE p.title || '：' || i.text END AS plan_item_text
    FROM duty_task t LEFT JOIN plan_item i ON i.id = t.plan_item_id LEFT JOIN plan p ON p.id = i.plan_id`;

function taskRow(ledger: Ledger, id: number): TaskRow | undefined {
  return ledger.db.get<TaskRow>('duties.task', sql`${TASK_SELECT} WHERE t.id = ${id}`);
}

interface PostRow {
  id: number;
  member_id: number;
  name: string;
  post: PartyPost;
  unit_id: number;
  unit_name: string;
  from_date: string;
  to_date: string | null;
}

/** Posts of the branch and of its 党小组 (党小组长) held at some time in the year. */
function postsInYear(ledger: Ledger, branchId: number, year: number, memberId?: number): PostRow[] {
  return ledger.db.all<PostRow>(
    'duties.posts',
    sql`SELECT p.id, p.member_id, m.name, p.post, p.unit_id, u.name AS unit_name, p.from_date, p.to_date
        FROM member_post p JOIN member m ON m.id = p.member_id JOIN org_unit u ON u.id = p.unit_id
        WHERE (p.unit_id = ${branchId} OR (u.kind = '党小组' AND u.parent_id = ${branchId}))
          AND p.from_date <= ${`${year}-12-31`} AND (p.to_date IS NULL OR p.to_date >= ${`${year}-01-01`})
          AND (${memberId ?? null} IS NULL OR p.member_id = ${memberId ?? null})
        ORDER BY p.from_date, p.id`,
  );
}

const rank = (post: PartyPost) => PARTY_POSTS.indexOf(post);

/** Everyone who held a post in the year, 书记 first, each with their posts and their 责任清单. */
export function dutyHolders(
  ledger: Ledger,
  branchId: number,
  year: number,
  asOf: string = today(ledger),
): DutyHolder[] {
  const posts = postsInYear(ledger, branchId, year);
  const tasks = ledger.db.all<TaskRow & { name: string }>(
    'duties.tasks',
    sql`${TASK_SELECT} WHERE t.branch_id = ${branchId} AND t.year = ${year} ORDER BY t.sort_order, t.id`,
  );
  const holders = new Map<number, { name: string; posts: HeldPost[] }>();
  for (const p of posts) {
    const holder = holders.get(p.member_id) ?? { name: p.name, posts: [] };
    holder.posts.push({
      postId: p.id,
      post: p.post,
      unitId: p.unit_id,
      unitName: p.unit_name,
      fromDate: p.from_date,
      toDate: p.to_date,
    });
    holders.set(p.member_id, holder);
  }
  // A task stays visible even if the post behind it was later corrected away.
  const orphanIds = [...new Set(tasks.map((t) => t.member_id))].filter((id) => !holders.has(id));
  if (orphanIds.length > 0) {
    const names = ledger.db.all<{ id: number; name: string }>(
      'duties.orphanNames',
      sql`SELECT id, name FROM member WHERE id IN ${sql.in(orphanIds)}`,
    );
    for (const n of names) holders.set(n.id, { name: n.name, posts: [] });
  }
  const best = (h: { posts: HeldPost[] }) => Math.min(...h.posts.map((p) => rank(p.post)), PARTY_POSTS.length);
  const first = (h: { posts: HeldPost[] }) => h.posts[0]?.fromDate ?? '9999';
  return [...holders.entries()]
    .sort(([, a], [, b]) => best(a) - best(b) || first(a).localeCompare(first(b)))
    .map(([memberId, h]) => {
      const own = tasks.filter((t) => t.member_id === memberId).map((t) => toTask(t, asOf));
      return {
        memberId,
        name: h.name,
        posts: h.posts,
        tasks: own,
        counts: {
          total: own.filter((t) => t.status !== '已取消').length,
          done: own.filter((t) => t.status === '已完成').length,
          overdue: own.filter((t) => t.overdue).length,
          cancelled: own.filter((t) => t.status === '已取消').length,
        },
      };
    });
}

export interface SaveTaskInput {
  id?: number;
  branchId: number;
  year: number;
  memberId: number;
  text: string;
  source?: string;
  planItemId?: number;
  assignedOn?: string;
  dueDate?: string;
  status: DutyTaskStatus;
  doneOn?: string;
  note?: string;
  sortOrder?: number;
}

/** Every reason the task cannot be saved, each naming its field; empty when it can. */
function taskProblems(ledger: Ledger, input: SaveTaskInput, branchName: string): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const now = today(ledger);
  const member = ledger.db.get<{ name: string }>(
    'duties.member',
    sql`SELECT name FROM member WHERE id = ${input.memberId}`,
  );
  if (!member) {
    problems.push({ field: '责任人', message: `找不到编号为 ${input.memberId} 的党员` });
  } else if (postsInYear(ledger, input.branchId, input.year, input.memberId).length === 0) {
    problems.push({
      field: '责任人',
      message: `该党员在该年度不在支委会：${member.name}在${input.year}年未担任${branchName}的支委或党小组长`,
    });
  }
  if (input.status === '已完成' && !input.doneOn)
    problems.push({ field: '完成日期', message: '状态为“已完成”时请填写完成日期' });
  if (input.status !== '已完成' && input.doneOn)
    problems.push({ field: '完成日期', message: `只有“已完成”的任务才填写完成日期（现为“${input.status}”）` });
  if (input.doneOn && input.doneOn > now) problems.push({ field: '完成日期', message: '完成日期不能晚于今天' });
  if (input.doneOn && input.assignedOn && input.doneOn < input.assignedOn)
    problems.push({ field: '完成日期', message: `完成日期早于布置日期 ${input.assignedOn}` });
  if (input.assignedOn && input.assignedOn > `${input.year}-12-31`)
    problems.push({ field: '布置日期', message: `布置日期晚于${input.year}年，不属于该年度的责任清单` });
  if (input.dueDate && input.dueDate < `${input.year}-01-01`)
    problems.push({ field: '完成时限', message: `完成时限早于${input.year}年，应在该年度内或之后` });
  if (input.dueDate && input.assignedOn && input.dueDate < input.assignedOn)
    problems.push({ field: '完成时限', message: `完成时限早于布置日期 ${input.assignedOn}` });
  if (input.planItemId !== undefined) {
    const item = ledger.db.get<{ branch_id: number }>(
      'duties.planItem',
      sql`SELECT p.branch_id FROM plan_item i JOIN plan p ON p.id = i.plan_id WHERE i.id = ${input.planItemId}`,
    );
    if (!item) problems.push({ field: '对应计划事项', message: `找不到编号为 ${input.planItemId} 的计划事项` });
    else if (item.branch_id !== input.branchId)
      problems.push({ field: '对应计划事项', message: '该计划事项不属于本支部' });
  }
  return problems;
}

export function saveTask(ledger: Ledger, input: SaveTaskInput): DutyTask {
  return write(ledger, () => {
    const branch = requireUnitOfKind(ledger, input.branchId, '党支部', '党支部');
    const before = input.id !== undefined ? taskRow(ledger, input.id) : undefined;
    if (input.id !== undefined && !before)
      throw new LedgerError('NOT_FOUND', `找不到编号为 ${input.id} 的责任清单任务。`);
    if (before && before.branch_id !== input.branchId)
      throw new LedgerError('VALIDATION', '不能把任务移到其他党支部，请在原支部修改。', [
        { field: '党支部', message: '与原任务不同' },
      ]);
    const problems = taskProblems(ledger, input, branch.name);
    if (problems.length > 0)
      throw new LedgerError(
        'VALIDATION',
        `责任清单任务有误：${problems.map((p) => p.message).join('；')}。未做任何修改。`,
        problems,
      );
    const stamp = ledger.clock().toISOString();
    const doneOn = input.status === '已完成' ? (input.doneOn ?? null) : null;
    let id = input.id;
    if (before && id !== undefined) {
      const order =
        input.sortOrder ??
        (before.member_id === input.memberId && before.year === input.year ? before.sort_order : null);
      ledger.db.run(
        'duties.updateTask',
        sql`UPDATE duty_task SET year = ${input.year}, member_id = ${input.memberId}, text = ${input.text},
              source = ${input.source}, plan_item_id = ${input.planItemId}, assigned_on = ${input.assignedOn},
              due_date = ${input.dueDate}, status = ${input.status}, done_on = ${doneOn}, note = ${input.note},
              sort_order = COALESCE(${order}, (SELECT COALESCE(MAX(sort_order) + 1, 0) FROM duty_task
                WHERE branch_id = ${input.branchId} AND year = ${input.year} AND member_id = ${input.memberId} AND id <> ${id})),
              updated_at = ${stamp}
            WHERE id = ${id}`,
      );
    } else {
      id = Number(
        ledger.db.run(
          'duties.insertTask',
          sql`INSERT INTO duty_task (branch_id, year, member_id, text, source, plan_item_id, assigned_on, due_date,
                status, done_on, note, sort_order, created_at, updated_at)
              VALUES (${input.branchId}, ${input.year}, ${input.memberId}, ${input.text}, ${input.source}, ${input.planItemId},
                ${input.assignedOn}, ${input.dueDate}, ${input.status}, ${doneOn}, ${input.note},
                COALESCE(${input.sortOrder ?? null}, (SELECT COALESCE(MAX(sort_order) + 1, 0) FROM duty_task
                  WHERE branch_id = ${input.branchId} AND year = ${input.year} AND member_id = ${input.memberId})),
                ${stamp}, ${stamp})`,
        ).lastInsertRowid,
      );
    }
    const row = taskRow(ledger, id);
    if (!row) throw new Error(`duty_task ${id} vanished after saving`);
    const name = ledger.db.get<{ name: string }>(
      'duties.member',
      sql`SELECT name FROM member WHERE id = ${row.member_id}`,
    )?.name;
    const { plan_item_text: _before, ...beforeRow } = before ?? { plan_item_text: null };
    const { plan_item_text: _after, ...afterRow } = row;
    return {
      result: toTask(row, today(ledger)),
      audit: {
        action: before ? 'duties.updateTask' : 'duties.createTask',
        entity: 'duty_task',
        entityId: id,
        before: before ? beforeRow : undefined,
        after: afterRow,
        summary: `${before ? '更新' : '登记'}${name ?? ''}${input.year}年责任清单任务：${input.text}（${input.status}）`,
      },
    };
  });
}

export function deleteTask(ledger: Ledger, id: number): { deleted: number } {
  return write(ledger, () => {
    const before = taskRow(ledger, id);
    if (!before) throw new LedgerError('NOT_FOUND', `找不到编号为 ${id} 的责任清单任务，可能已被删除。`);
    const name = ledger.db.get<{ name: string }>(
      'duties.member',
      sql`SELECT name FROM member WHERE id = ${before.member_id}`,
    )?.name;
    ledger.db.run('duties.deleteTask', sql`DELETE FROM duty_task WHERE id = ${id}`);
    const { plan_item_text: _text, ...row } = before;
    return {
      result: { deleted: id },
      audit: {
        action: 'duties.deleteTask',
        entity: 'duty_task',
        entityId: id,
        before: row,
        summary: `删除${name ?? ''}${before.year}年责任清单任务：${before.text}`,
      },
    };
  });
}
