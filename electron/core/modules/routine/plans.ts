import type { Plan, PlanItem, PlanItemStatus, SupervisionItem } from '../../../api/routine.ts';
import { sql } from '../../db/sql.ts';
import { LedgerError } from '../../errors.ts';
import { type Ledger, today, write } from '../../ledger.ts';
import { requireUnitOfKind } from '../org/units.ts';

interface ItemRow {
  id: number;
  plan_id: number;
  text: string;
  owner: string | null;
  due_date: string | null;
  status: PlanItemStatus;
  done_on: string | null;
  feedback: string | null;
}

const toItem = (r: ItemRow): PlanItem => ({
  id: r.id,
  planId: r.plan_id,
  text: r.text,
  owner: r.owner,
  dueDate: r.due_date,
  status: r.status,
  doneOn: r.done_on,
  feedback: r.feedback,
});

export function listPlans(ledger: Ledger, branchId: number, year: number): Plan[] {
  const plans = ledger.db.all<{ id: number; branch_id: number; year: number; month: number | null; title: string }>(
    'routine.plans',
    sql`SELECT * FROM plan WHERE branch_id = ${branchId} AND year = ${year} ORDER BY COALESCE(month, 0)`,
  );
  const items = ledger.db.all<ItemRow>(
    'routine.items',
    sql`SELECT i.* FROM plan_item i JOIN plan p ON p.id = i.plan_id
        WHERE p.branch_id = ${branchId} AND p.year = ${year} ORDER BY i.due_date IS NULL, i.due_date, i.id`,
  );
  return plans.map((p) => ({
    id: p.id,
    branchId: p.branch_id,
    year: p.year,
    month: p.month,
    title: p.title,
    items: items.filter((i) => i.plan_id === p.id).map(toItem),
  }));
}

export function savePlan(
  ledger: Ledger,
  input: { id?: number; branchId: number; year: number; month: number | null; title: string },
): Plan {
  return write(ledger, () => {
    requireUnitOfKind(ledger, input.branchId, '党支部', '党支部');
    const clash = ledger.db.get<{ id: number }>(
      'routine.planClash',
      sql`SELECT id FROM plan WHERE branch_id = ${input.branchId} AND year = ${input.year}
            AND COALESCE(month, 0) = ${input.month ?? 0} AND id IS NOT ${input.id ?? null}`,
    );
    const period = input.month ? `${input.year}年${input.month}月` : `${input.year}年度`;
    if (clash)
      throw new LedgerError('CONFLICT', `${period}的计划已经建立，请在原计划中添加事项。`, [
        { field: '计划', message: '已存在' },
      ]);
    let id = input.id;
    if (id !== undefined) {
      ledger.db.run(
        'routine.updatePlan',
        sql`UPDATE plan SET title = ${input.title}, month = ${input.month}, year = ${input.year} WHERE id = ${id}`,
      );
    } else {
      id = Number(
        ledger.db.run(
          'routine.insertPlan',
          sql`INSERT INTO plan (branch_id, year, month, title) VALUES (${input.branchId}, ${input.year}, ${input.month}, ${input.title})`,
        ).lastInsertRowid,
      );
    }
    const plan = listPlans(ledger, input.branchId, input.year).find((p) => p.id === id);
    if (!plan) throw new LedgerError('NOT_FOUND', `找不到编号为 ${id} 的计划。`);
    return {
      result: plan,
      audit: {
        action: input.id ? 'routine.updatePlan' : 'routine.createPlan',
        entity: 'plan',
        entityId: id,
        after: input,
        summary: `${input.id ? '修改' : '建立'}${period}计划：${input.title}`,
      },
    };
  });
}

export function saveItem(
  ledger: Ledger,
  input: {
    id?: number;
    planId: number;
    text: string;
    owner?: string;
    dueDate?: string;
    status: PlanItemStatus;
    doneOn?: string;
    feedback?: string;
  },
): PlanItem {
  return write(ledger, () => {
    const plan = ledger.db.get<{ id: number }>('routine.getPlan', sql`SELECT id FROM plan WHERE id = ${input.planId}`);
    if (!plan) throw new LedgerError('NOT_FOUND', `找不到编号为 ${input.planId} 的计划。`);
    const doneOn = input.status === '已完成' ? (input.doneOn ?? today(ledger)) : null;
    if (doneOn && doneOn > today(ledger))
      throw new LedgerError('VALIDATION', '完成日期不能晚于今天。', [{ field: '完成日期', message: '不能晚于今天' }]);
    let id = input.id;
    const before =
      id !== undefined
        ? ledger.db.get<ItemRow>('routine.getItem', sql`SELECT * FROM plan_item WHERE id = ${id}`)
        : undefined;
    if (id !== undefined && !before) throw new LedgerError('NOT_FOUND', `找不到编号为 ${id} 的事项。`);
    if (id !== undefined) {
      ledger.db.run(
        'routine.updateItem',
        sql`UPDATE plan_item SET text = ${input.text}, owner = ${input.owner}, due_date = ${input.dueDate}, status = ${input.status},
              done_on = ${doneOn}, feedback = ${input.feedback} WHERE id = ${id}`,
      );
    } else {
      id = Number(
        ledger.db.run(
          'routine.insertItem',
          sql`INSERT INTO plan_item (plan_id, text, owner, due_date, status, done_on, feedback)
              VALUES (${input.planId}, ${input.text}, ${input.owner}, ${input.dueDate}, ${input.status}, ${doneOn}, ${input.feedback})`,
        ).lastInsertRowid,
      );
    }
    const row = ledger.db.get<ItemRow>('routine.getItem', sql`SELECT * FROM plan_item WHERE id = ${id}`);
    if (!row) throw new Error('item vanished');
    return {
      result: toItem(row),
      audit: {
        action: before ? 'routine.updateItem' : 'routine.createItem',
        entity: 'plan_item',
        entityId: id,
        before,
        after: row,
        summary: `${before ? '更新' : '新增'}工作事项：${input.text}（${input.status}）`,
      },
    };
  });
}

export function deleteItem(ledger: Ledger, id: number): { deleted: number } {
  return write(ledger, () => {
    const before = ledger.db.get<ItemRow>('routine.getItem', sql`SELECT * FROM plan_item WHERE id = ${id}`);
    if (!before) throw new LedgerError('NOT_FOUND', `找不到编号为 ${id} 的事项。`);
    ledger.db.run('routine.deleteItem', sql`DELETE FROM plan_item WHERE id = ${id}`);
    return {
      result: { deleted: id },
      audit: {
        action: 'routine.deleteItem',
        entity: 'plan_item',
        entityId: id,
        before,
        summary: `删除工作事项：${before.text}`,
      },
    };
  });
}

/** The weekly 督办 list: every open item from plans, meeting 决议 and 整改清单, overdue first. */
export function supervision(ledger: Ledger, branchId: number, asOf: string = today(ledger)): SupervisionItem[] {
  const planItems = ledger.db.all<{
    id: number;
    text: string;
    owner: string | null;
    due_date: string | null;
    year: number;
    month: number | null;
    title: string;
  }>(
    'routine.openItems',
    sql`SELECT i.id, i.text, i.owner, i.due_date, p.year, p.month, p.title FROM plan_item i JOIN plan p ON p.id = i.plan_id
        WHERE p.branch_id = ${branchId} AND i.status IN ('未开始', '进行中')`,
  );
  const decisions = ledger.db.all<{
    id: number;
    text: string;
    owner: string | null;
    due_date: string | null;
    held_on: string;
    kind: string;
  }>(
    'routine.openDecisions',
    sql`SELECT d.id, d.text, d.owner, d.due_date, m.held_on, m.kind FROM meeting_decision d JOIN meeting m ON m.id = d.meeting_id
        WHERE m.branch_id = ${branchId} AND d.done_on IS NULL`,
  );
  const rectifications = ledger.db.all<{
    id: number;
    problem: string;
    measure: string;
    owner: string | null;
    due_date: string | null;
    held_on: string;
  }>(
    'routine.openRectifications',
    sql`SELECT r.id, r.problem, r.measure, r.owner, r.due_date, m.held_on FROM rectification r JOIN meeting m ON m.id = r.meeting_id
        WHERE m.branch_id = ${branchId} AND r.done_on IS NULL`,
  );
  const overdue = (due: string | null) => due !== null && due < asOf;
  const items: SupervisionItem[] = [
    ...planItems.map((i) => ({
      source: 'plan' as const,
      sourceId: i.id,
      text: i.text,
      owner: i.owner,
      dueDate: i.due_date,
      overdue: overdue(i.due_date),
      origin: i.month ? `${i.year}年${i.month}月计划` : `${i.year}年度工作计划`,
    })),
    ...decisions.map((d) => ({
      source: 'decision' as const,
      sourceId: d.id,
      text: d.text,
      owner: d.owner,
      dueDate: d.due_date,
      overdue: overdue(d.due_date),
      origin: `${d.held_on} ${d.kind}决议`,
    })),
    ...rectifications.map((r) => ({
      source: 'rectification' as const,
      sourceId: r.id,
      text: `${r.problem}——${r.measure}`,
      owner: r.owner,
      dueDate: r.due_date,
      overdue: overdue(r.due_date),
      origin: `${r.held_on} 组织生活会整改`,
    })),
  ];
  return items.sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') ||
      a.sourceId - b.sourceId,
  );
}

export function closeFollowUp(
  ledger: Ledger,
  input: { branchId: number; source: 'decision' | 'rectification'; sourceId: number; doneOn: string },
): SupervisionItem[] {
  write(ledger, () => {
    if (input.doneOn > today(ledger))
      throw new LedgerError('VALIDATION', '完成日期不能晚于今天。', [{ field: '完成日期', message: '不能晚于今天' }]);
    const table = input.source === 'decision' ? sql.raw('meeting_decision') : sql.raw('rectification');
    const row = ledger.db.get<{ id: number; branch_id: number }>(
      'routine.followUp',
      sql`SELECT x.id, m.branch_id FROM ${table} x JOIN meeting m ON m.id = x.meeting_id WHERE x.id = ${input.sourceId}`,
    );
    if (!row || row.branch_id !== input.branchId) throw new LedgerError('NOT_FOUND', '找不到这条督办事项。');
    ledger.db.run('routine.close', sql`UPDATE ${table} SET done_on = ${input.doneOn} WHERE id = ${input.sourceId}`);
    return {
      result: null,
      audit: {
        action: 'routine.close',
        entity: input.source,
        entityId: input.sourceId,
        after: input,
        summary: `督办事项销号（${input.doneOn}）`,
      },
    };
  });
  return supervision(ledger, input.branchId);
}
