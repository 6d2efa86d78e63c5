/**
 * 计划与督办 and 党费 of a bundle. A plan is its branch's plan of that year (and month) — the table
 * allows one — and its items are matched by id, else by text. Dues profiles are one per member and
 * year; payments by id, or, where a workbook shows only each month's total, month by month.
 */
import { sql } from '../db/sql.ts';
import type { BundleDuesMonth, BundleDuesPayment, BundleDuesProfile, BundlePlan, BundlePlanItem } from './bundle.ts';
import { type ImportContext, RowRefusal } from './context.ts';

const PLANS = '计划与督办';
const DUES = '党费收缴';

function localBranch(ctx: ImportContext, sourceId: number): number {
  const local = ctx.mapped('org_unit', sourceId);
  if (local === null) throw new RowRefusal('所属党支部未能导入');
  return local;
}

function localMember(ctx: ImportContext, ref: { memberId: number; memberName?: string }): number {
  const branch = ctx.bundle.units.find((u) => u.kind === '党支部');
  const branchId = branch ? ctx.mapped('org_unit', branch.id) : (ctx.options.branchId ?? null);
  return ctx.member(ref.memberId, ref.memberName, branchId, 'name');
}

function planTitle(plan: BundlePlan): string {
  return plan.title ?? (plan.month === null ? `${plan.year}年度工作计划` : `${plan.year}年${plan.month}月工作计划`);
}

/** The local plan of the period; created (and counted as added) when the branch has none yet. */
function planId(ctx: ImportContext, plan: BundlePlan, branchId: number): number {
  const db = ctx.ledger.db;
  const existing = db.get<{ id: number; title: string }>(
    'import.plan',
    sql`SELECT id, title FROM plan WHERE branch_id = ${branchId} AND year = ${plan.year} AND COALESCE(month, 0) = ${plan.month ?? 0}`,
  );
  if (existing) {
    if (plan.title !== null && plan.title !== existing.title) {
      db.run('import.planTitle', sql`UPDATE plan SET title = ${plan.title} WHERE id = ${existing.id}`);
      ctx.record(plan.ref, PLANS, planTitle(plan), 'updated', ['计划名称']);
    } else ctx.record(plan.ref, PLANS, planTitle(plan), 'unchanged');
    return existing.id;
  }
  const id = Number(
    db.run(
      'import.planInsert',
      sql`INSERT INTO plan (branch_id, year, month, title) VALUES (${branchId}, ${plan.year}, ${plan.month}, ${planTitle(plan)})`,
    ).lastInsertRowid,
  );
  ctx.record(plan.ref, PLANS, planTitle(plan), 'added');
  return id;
}

interface ItemRow {
  id: number;
  plan_id: number;
  text: string;
  owner: string | null;
  due_date: string | null;
  status: string;
  done_on: string | null;
  feedback: string | null;
}

function applyItem(ctx: ImportContext, item: BundlePlanItem, localPlan: number, label: string): void {
  const db = ctx.ledger.db;
  const known = ctx.localId('plan_item', item.id);
  const existing =
    known !== null
      ? db.get<ItemRow>('import.item', sql`SELECT * FROM plan_item WHERE id = ${known}`)
      : !ctx.naturalMatch(item.id)
        ? undefined
        : db.get<ItemRow>(
            'import.itemByText',
            sql`SELECT * FROM plan_item WHERE plan_id = ${localPlan} AND text = ${item.text} ORDER BY id LIMIT 1`,
          );
  const fields = {
    plan_id: localPlan,
    text: item.text,
    owner: item.owner,
    due_date: item.dueDate,
    status: item.status,
    done_on: item.doneOn,
    feedback: item.feedback,
  };
  if (!existing) {
    const id = Number(
      db.run(
        'import.itemInsert',
        sql`INSERT INTO plan_item (plan_id, text, owner, due_date, status, done_on, feedback)
            VALUES (${localPlan}, ${item.text}, ${item.owner}, ${item.dueDate}, ${item.status}, ${item.doneOn}, ${item.feedback})`,
      ).lastInsertRowid,
    );
    ctx.remember('plan_item', item.id, id);
    ctx.record(item.ref, PLANS, label, 'added');
    return;
  }
  ctx.remember('plan_item', item.id, existing.id);
  const names: Record<keyof typeof fields, string> = {
    plan_id: '来源',
    text: '工作事项',
    owner: '责任人',
    due_date: '完成时限',
    status: '状态',
    done_on: '完成日期',
    feedback: '落实情况',
  };
  const changed = (Object.keys(fields) as Array<keyof typeof fields>).filter((k) => fields[k] !== existing[k]);
  if (changed.length > 0) {
    db.run(
      'import.itemUpdate',
      sql`UPDATE plan_item SET plan_id = ${localPlan}, text = ${item.text}, owner = ${item.owner}, due_date = ${item.dueDate},
            status = ${item.status}, done_on = ${item.doneOn}, feedback = ${item.feedback} WHERE id = ${existing.id}`,
    );
  }
  ctx.record(
    item.ref,
    PLANS,
    label,
    changed.length > 0 ? 'updated' : 'unchanged',
    changed.map((k) => names[k]),
  );
}

export function applyPlans(ctx: ImportContext): void {
  for (const plan of ctx.bundle.plans) {
    let localPlan: number | null = null;
    ctx.guard(plan.ref, PLANS, planTitle(plan), () => {
      localPlan = planId(ctx, plan, localBranch(ctx, plan.branchId));
    });
    for (const item of plan.items) {
      const label = `工作事项 ${item.text.slice(0, 30)}`;
      ctx.guard(item.ref, PLANS, label, () => {
        if (localPlan === null) throw new RowRefusal('所属计划未能导入', 'origin');
        applyItem(ctx, item, localPlan, label);
      });
    }
  }
}

type Outcome = { outcome: 'added' | 'updated' | 'unchanged'; changed: string[] };

function applyProfile(ctx: ImportContext, p: BundleDuesProfile): Outcome {
  const db = ctx.ledger.db;
  const memberId = localMember(ctx, p);
  const existing = db.get<{
    category: string;
    base_cents: number | null;
    monthly_cents: number;
    explanation: string;
    approval_ref: string | null;
  }>('import.profile', sql`SELECT * FROM dues_profile WHERE member_id = ${memberId} AND year = ${p.year}`);
  if (!existing) {
    db.run(
      'import.profileInsert',
      sql`INSERT INTO dues_profile (member_id, year, category, base_cents, monthly_cents, explanation, approval_ref)
          VALUES (${memberId}, ${p.year}, ${p.category}, ${p.baseCents}, ${p.monthlyCents},
                  ${p.explanation ?? `按导入文件“${ctx.options.fileName}”登记`}, ${p.approvalRef})`,
    );
    return { outcome: 'added', changed: [] };
  }
  const changed: string[] = [];
  if (existing.category !== p.category) changed.push('类别');
  if (existing.base_cents !== p.baseCents) changed.push('基数');
  if (existing.monthly_cents !== p.monthlyCents) changed.push('月应交');
  if (p.explanation !== null && existing.explanation !== p.explanation) changed.push('计算说明');
  if (p.explanation !== null && existing.approval_ref !== p.approvalRef) changed.push('批准文号');
  if (changed.length > 0) {
    db.run(
      'import.profileUpdate',
      sql`UPDATE dues_profile SET category = ${p.category}, base_cents = ${p.baseCents}, monthly_cents = ${p.monthlyCents},
            explanation = ${p.explanation ?? existing.explanation}, approval_ref = ${p.explanation === null ? existing.approval_ref : p.approvalRef}
          WHERE member_id = ${memberId} AND year = ${p.year}`,
    );
  }
  return { outcome: changed.length > 0 ? 'updated' : 'unchanged', changed };
}

interface PaymentRow {
  id: number;
  member_id: number;
  year: number;
  month: number;
  cents: number;
  paid_on: string;
  handler: string | null;
  kind: string;
  note: string | null;
}

function applyPayment(ctx: ImportContext, p: BundleDuesPayment, label: string): void {
  const db = ctx.ledger.db;
  const memberId = localMember(ctx, p);
  const known = p.id === null ? null : ctx.localId('dues_payment', p.id);
  const existing =
    known !== null
      ? db.get<PaymentRow>('import.payment', sql`SELECT * FROM dues_payment WHERE id = ${known}`)
      : db.get<PaymentRow>(
          'import.paymentByKey',
          sql`SELECT * FROM dues_payment WHERE member_id = ${memberId} AND year = ${p.year} AND month = ${p.month}
              AND paid_on = ${p.paidOn} AND cents = ${p.cents} ORDER BY id LIMIT 1`,
        );
  if (!existing) {
    const id = Number(
      db.run(
        'import.paymentInsert',
        sql`INSERT INTO dues_payment (member_id, year, month, cents, paid_on, handler, kind, note)
            VALUES (${memberId}, ${p.year}, ${p.month}, ${p.cents}, ${p.paidOn}, ${p.handler}, ${p.kind}, ${p.note})`,
      ).lastInsertRowid,
    );
    if (p.id !== null) ctx.remember('dues_payment', p.id, id);
    ctx.record(p.ref, DUES, label, 'added');
    return;
  }
  if (p.id !== null) ctx.remember('dues_payment', p.id, existing.id);
  const fields = {
    month: p.month,
    year: p.year,
    cents: p.cents,
    paid_on: p.paidOn,
    handler: p.handler,
    kind: p.kind,
    note: p.note,
  };
  const changed = (Object.keys(fields) as Array<keyof typeof fields>).filter((k) => fields[k] !== existing[k]);
  if (changed.length > 0) {
    db.run(
      'import.paymentUpdate',
      sql`UPDATE dues_payment SET year = ${p.year}, month = ${p.month}, cents = ${p.cents}, paid_on = ${p.paidOn},
            handler = ${p.handler}, kind = ${p.kind}, note = ${p.note} WHERE id = ${existing.id}`,
    );
  }
  ctx.record(p.ref, DUES, label, changed.length > 0 ? 'updated' : 'unchanged', changed);
}

/** One member's month as a workbook shows it: the total paid for that month. */
function applyMonth(ctx: ImportContext, m: BundleDuesMonth, label: string): 'added' | 'updated' | 'unchanged' {
  const db = ctx.ledger.db;
  const memberId = localMember(ctx, m);
  const paid = db.all<{ id: number; cents: number }>(
    'import.monthPayments',
    sql`SELECT id, cents FROM dues_payment WHERE member_id = ${memberId} AND year = ${m.year} AND month = ${m.month}`,
  );
  const total = paid.reduce((s, p) => s + p.cents, 0);
  if (paid.length > 0 && total === m.cents) return 'unchanged';
  if (m.cents < 0) throw new RowRefusal(`${label}的金额不能为负数`, `m${m.month}`);
  db.run(
    'import.clearMonth',
    sql`DELETE FROM dues_payment WHERE member_id = ${memberId} AND year = ${m.year} AND month = ${m.month}`,
  );
  // The file gives no payment date: the month itself is the best knowledge we have.
  const paidOn = `${m.year}-${String(m.month).padStart(2, '0')}-01`;
  db.run(
    'import.monthInsert',
    sql`INSERT INTO dues_payment (member_id, year, month, cents, paid_on, handler, kind, note)
        VALUES (${memberId}, ${m.year}, ${m.month}, ${m.cents}, ${paidOn}, NULL, '按月', ${`按导入文件“${ctx.options.fileName}”登记`})`,
  );
  return paid.length > 0 ? 'updated' : 'added';
}

export function applyDues(ctx: ImportContext): void {
  const { profiles, payments, monthTotals, remittances } = ctx.bundle.dues;
  const nameOf = (r: { memberId: number; memberName?: string }) =>
    r.memberName ?? ctx.bundle.members.find((m) => m.id === r.memberId)?.name ?? `党员 ${r.memberId}`;
  for (const p of payments) {
    const label = `${nameOf(p)} ${p.year}年${p.month}月党费`;
    ctx.guard(p.ref, DUES, label, () => applyPayment(ctx, p, label));
  }
  // A workbook row holds one member's 基数 and twelve months: one report line per sheet row.
  const rows = new Map<string, { profile?: BundleDuesProfile; months: BundleDuesMonth[] }>();
  const rowOf = (r: { memberId: number; year: number; ref?: BundleDuesMonth['ref'] }) => {
    const key = `${r.memberId}:${r.year}:${r.ref?.sheet ?? ''}:${r.ref?.row ?? ''}`;
    const entry = rows.get(key) ?? { months: [] };
    rows.set(key, entry);
    return entry;
  };
  for (const p of profiles) rowOf(p).profile = p;
  for (const m of monthTotals) rowOf(m).months.push(m);
  for (const { profile, months } of rows.values()) {
    const first = profile ?? months[0];
    if (!first) continue;
    const label = `${nameOf(first)} ${first.year}年党费`;
    ctx.guard(first.ref, DUES, label, () => {
      const result: Outcome = profile ? applyProfile(ctx, profile) : { outcome: 'unchanged', changed: [] };
      const changed = [...result.changed];
      const newMonths: string[] = [];
      for (const m of months) {
        const outcome = applyMonth(ctx, m, `${m.month}月`);
        if (outcome === 'updated') changed.push(`${m.month}月`);
        if (outcome === 'added') newMonths.push(`${m.month}月`);
      }
      // New to the ledger: a new 基数, or months of a member-year it knew nothing of.
      const isNew =
        result.outcome === 'added' || (!profile && changed.length === 0 && newMonths.length === months.length);
      if (isNew) ctx.record(first.ref, DUES, label, 'added');
      else {
        const fields = [...changed, ...newMonths];
        ctx.record(first.ref, DUES, label, fields.length > 0 ? 'updated' : 'unchanged', fields);
      }
    });
  }
  for (const r of remittances) {
    const label = `${r.year}年${r.month}月上缴`;
    ctx.guard(r.ref, DUES, label, () => {
      const branchId = localBranch(ctx, r.branchId);
      const existing = ctx.ledger.db.get<{
        cents: number;
        remitted_on: string;
        voucher_no: string | null;
        handler: string | null;
      }>(
        'import.remittance',
        sql`SELECT * FROM dues_remittance WHERE branch_id = ${branchId} AND year = ${r.year} AND month = ${r.month}`,
      );
      const same =
        existing &&
        existing.cents === r.cents &&
        existing.remitted_on === r.remittedOn &&
        existing.voucher_no === r.voucherNo &&
        existing.handler === r.handler;
      if (!same) {
        ctx.ledger.db.run(
          'import.remit',
          sql`INSERT INTO dues_remittance (branch_id, year, month, cents, remitted_on, voucher_no, handler)
              VALUES (${branchId}, ${r.year}, ${r.month}, ${r.cents}, ${r.remittedOn}, ${r.voucherNo}, ${r.handler})
              ON CONFLICT (branch_id, year, month) DO UPDATE SET cents = excluded.cents, remitted_on = excluded.remitted_on,
                voucher_no = excluded.voucher_no, handler = excluded.handler`,
        );
      }
      ctx.record(
        r.ref,
        DUES,
        label,
        same ? 'unchanged' : existing ? 'updated' : 'added',
        same || !existing ? [] : ['上缴'],
      );
    });
  }
}
