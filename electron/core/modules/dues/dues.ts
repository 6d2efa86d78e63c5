import type { DuesCategory, DuesMemberYear, DuesPayment, DuesProfile, DuesSheet } from '../../../api/dues.ts';
import { sql } from '../../db/sql.ts';
import { LedgerError } from '../../errors.ts';
import { type Ledger, today, write } from '../../ledger.ts';
import { duesStatus, monthlyDueCents } from '../../rules/dues.ts';
import { parameter } from '../../templates/ruleset.ts';
import { getMember } from '../org/members-read.ts';
import { ON_ROLL_SQL } from '../org/roll.ts';
import { requireUnitOfKind } from '../org/units.ts';

const toYuan = (cents: number) => cents / 100;
const toCents = (yuan: number) => Math.round(yuan * 100);

interface ProfileRow {
  member_id: number;
  year: number;
  category: DuesCategory;
  base_cents: number | null;
  monthly_cents: number;
  explanation: string;
  approval_ref: string | null;
}

const toProfile = (r: ProfileRow): DuesProfile => ({
  memberId: r.member_id,
  year: r.year,
  category: r.category,
  base: r.base_cents === null ? null : toYuan(r.base_cents),
  monthlyDue: toYuan(r.monthly_cents),
  explanation: r.explanation,
  approvalRef: r.approval_ref,
});

/** The base and the amount are fixed once a year (RULES.md §4.1); the amount is computed, never typed. */
export function setProfile(
  ledger: Ledger,
  input: {
    memberId: number;
    year: number;
    category: DuesCategory;
    base?: number;
    fixedMonthly?: number;
    approvalRef?: string;
  },
): DuesProfile {
  return write(ledger, () => {
    const member = getMember(ledger, input.memberId);
    const baseCents = input.base === undefined ? null : toCents(input.base);
    const needsBase = ['在职', '年薪制', '个体经营', '离退休'].includes(input.category);
    if (needsBase && baseCents === null) {
      throw new LedgerError('VALIDATION', `${input.category}党员须填写交纳基数（税后月收入）。`, [
        { field: '交纳基数', message: '请填写' },
      ]);
    }
    if (input.category === '困难减免' && !input.approvalRef) {
      throw new LedgerError('VALIDATION', '困难减免须经上级党委批准，请填写批准文号。', [
        { field: '批准文号', message: '请填写' },
      ]);
    }
    const due = monthlyDueCents(
      {
        category: input.category,
        baseCents,
        fixedMonthlyCents: input.fixedMonthly === undefined ? null : toCents(input.fixedMonthly),
      },
      ledger.ruleSet,
    );
    if (due.problem) throw new LedgerError('VALIDATION', due.problem, [{ field: '月交纳额', message: due.problem }]);
    const before = ledger.db.get<ProfileRow>(
      'dues.getProfile',
      sql`SELECT * FROM dues_profile WHERE member_id = ${input.memberId} AND year = ${input.year}`,
    );
    ledger.db.run(
      'dues.upsertProfile',
      sql`INSERT INTO dues_profile (member_id, year, category, base_cents, monthly_cents, explanation, approval_ref)
          VALUES (${input.memberId}, ${input.year}, ${input.category}, ${baseCents}, ${due.cents}, ${due.explanation}, ${input.approvalRef})
          ON CONFLICT (member_id, year) DO UPDATE SET category = excluded.category, base_cents = excluded.base_cents,
            monthly_cents = excluded.monthly_cents, explanation = excluded.explanation, approval_ref = excluded.approval_ref`,
    );
    const profile: DuesProfile = {
      memberId: input.memberId,
      year: input.year,
      category: input.category,
      base: baseCents === null ? null : toYuan(baseCents),
      monthlyDue: toYuan(due.cents),
      explanation: due.explanation,
      approvalRef: input.approvalRef ?? null,
    };
    return {
      result: profile,
      audit: {
        action: 'dues.setProfile',
        entity: 'dues_profile',
        entityId: input.memberId,
        before,
        after: profile,
        summary: `${member.name} ${input.year}年党费：${due.explanation}`,
      },
    };
  });
}

export function recordPayment(
  ledger: Ledger,
  input: {
    memberId: number;
    year: number;
    month: number;
    amount: number;
    paidOn: string;
    handler?: string;
    kind: DuesPayment['kind'];
    note?: string;
  },
): DuesPayment {
  return write(ledger, () => {
    const member = getMember(ledger, input.memberId);
    const now = today(ledger);
    const problems: Array<{ field: string; message: string }> = [];
    if (input.paidOn > now) problems.push({ field: '交纳日期', message: '交纳日期不能晚于今天' });
    const monthStart = `${input.year}-${String(input.month).padStart(2, '0')}-01`;
    if (input.kind !== '预交' && monthStart > now)
      problems.push({ field: '所属月份', message: '尚未到的月份只能登记为“预交”' });
    // 补交 is allowed up to the rule set's number of months after the month it pays for (第十二条).
    const backPay = parameter(ledger.ruleSet, 'dues.backPayMonths');
    const lateBy =
      (Number(input.paidOn.slice(0, 4)) - input.year) * 12 + Number(input.paidOn.slice(5, 7)) - input.month;
    if (lateBy > backPay)
      problems.push({
        field: '交纳日期',
        message: `补交超过 ${backPay} 个月，须经支部研究并说明原因（请在备注中写明后由书记登记）`,
      });
    if (problems.length > 0 && !(lateBy > backPay && problems.length === 1 && input.note && input.note.length >= 4)) {
      throw new LedgerError('VALIDATION', `党费登记有 ${problems.length} 处需要更正，未保存。`, problems);
    }
    const id = Number(
      ledger.db.run(
        'dues.insertPayment',
        sql`INSERT INTO dues_payment (member_id, year, month, cents, paid_on, handler, kind, note)
            VALUES (${input.memberId}, ${input.year}, ${input.month}, ${toCents(input.amount)}, ${input.paidOn}, ${input.handler}, ${input.kind}, ${input.note})`,
      ).lastInsertRowid,
    );
    const payment: DuesPayment = { id, ...input, handler: input.handler ?? null, note: input.note ?? null };
    return {
      result: payment,
      audit: {
        action: 'dues.recordPayment',
        entity: 'dues_payment',
        entityId: id,
        after: payment,
        summary: `${member.name} 交纳 ${input.year}年${input.month}月党费 ${input.amount.toFixed(2)} 元`,
      },
    };
  });
}

interface PaymentRow {
  id: number;
  member_id: number;
  year: number;
  month: number;
  cents: number;
  paid_on: string;
  handler: string | null;
  kind: DuesPayment['kind'];
  note: string | null;
}

export function listPayments(ledger: Ledger, input: { memberId: number; year: number; month?: number }): DuesPayment[] {
  getMember(ledger, input.memberId);
  const rows = ledger.db.all<PaymentRow>(
    'dues.listPayments',
    sql`SELECT id, member_id, year, month, cents, paid_on, handler, kind, note FROM dues_payment
        WHERE member_id = ${input.memberId} AND year = ${input.year}
          AND (${input.month ?? null} IS NULL OR month = ${input.month ?? null})
        ORDER BY month, paid_on, id`,
  );
  return rows.map((r) => ({
    id: r.id,
    memberId: r.member_id,
    year: r.year,
    month: r.month,
    amount: toYuan(r.cents),
    paidOn: r.paid_on,
    handler: r.handler,
    kind: r.kind,
    note: r.note,
  }));
}

export function deletePayment(ledger: Ledger, id: number): { deleted: number } {
  return write(ledger, () => {
    const before = ledger.db.get<Record<string, unknown>>(
      'dues.getPayment',
      sql`SELECT * FROM dues_payment WHERE id = ${id}`,
    );
    if (!before) throw new LedgerError('NOT_FOUND', `找不到编号为 ${id} 的党费记录。`);
    const member = getMember(ledger, Number(before.member_id));
    ledger.db.run('dues.deletePayment', sql`DELETE FROM dues_payment WHERE id = ${id}`);
    return {
      result: { deleted: id },
      audit: {
        action: 'dues.deletePayment',
        entity: 'dues_payment',
        entityId: id,
        before,
        summary: `删除 ${member.name} ${String(before.year)}年${String(before.month)}月党费记录 ${toYuan(Number(before.cents)).toFixed(2)} 元`,
      },
    };
  });
}

/** The months of `year` a member owed dues in this branch: from joining the roll (or 入党) to leaving it. */
function dueWindow(
  intervals: Array<{ from_date: string; to_date: string | null }>,
  joinDate: string,
  year: number,
): [number, number] | null {
  const yearStart = `${year}-01-01`;
  const yearEnd = `${year}-12-31`;
  let first = 13;
  let last = 0;
  for (const i of intervals) {
    const from = [i.from_date, joinDate, yearStart].sort().at(-1) ?? yearStart;
    // to_date is exclusive: leaving on 1 April means March was the last month owed here.
    const toExclusive = i.to_date ?? `${year + 1}-01-01`;
    if (from > yearEnd || toExclusive <= from) continue;
    const lastDay = new Date(Date.parse(`${toExclusive}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const end = lastDay > yearEnd ? yearEnd : lastDay;
    first = Math.min(first, Number(from.slice(5, 7)));
    last = Math.max(last, Number(end.slice(5, 7)));
  }
  return first <= last ? [first, last] : null;
}

export function duesSheet(ledger: Ledger, branchId: number, year: number): DuesSheet {
  requireUnitOfKind(ledger, branchId, '党支部', '党支部');
  const asOf = today(ledger);
  const members = ledger.db.all<{ id: number; name: string; join_date: string }>(
    'dues.members',
    sql`SELECT DISTINCT m.id, m.name, m.join_date FROM member m JOIN member_status s ON s.member_id = m.id
        WHERE s.branch_id = ${branchId} AND s.status IN ${ON_ROLL_SQL}
          AND s.from_date <= ${`${year}-12-31`} AND (s.to_date IS NULL OR s.to_date > ${`${year}-01-01`})
        ORDER BY m.id`,
  );
  const intervals = ledger.db.all<{ member_id: number; from_date: string; to_date: string | null }>(
    'dues.intervals',
    sql`SELECT member_id, from_date, to_date FROM member_status
        WHERE branch_id = ${branchId} AND status IN ${ON_ROLL_SQL}`,
  );
  const profiles = new Map(
    ledger.db
      .all<ProfileRow>(
        'dues.profiles',
        sql`SELECT * FROM dues_profile WHERE year = ${year}
            AND member_id IN (SELECT member_id FROM member_status WHERE branch_id = ${branchId})`,
      )
      .map((p) => [p.member_id, p]),
  );
  const payments = ledger.db.all<{ member_id: number; month: number; cents: number }>(
    'dues.payments',
    sql`SELECT member_id, month, SUM(cents) AS cents FROM dues_payment
        WHERE year = ${year} AND member_id IN (SELECT member_id FROM member_status WHERE branch_id = ${branchId})
        GROUP BY member_id, month`,
  );
  const paid = new Map<number, Array<number | null>>();
  for (const p of payments) {
    const months = paid.get(p.member_id) ?? Array<number | null>(12).fill(null);
    months[p.month - 1] = p.cents;
    paid.set(p.member_id, months);
  }
  const rows: DuesMemberYear[] = [];
  const monthDue = Array<number>(12).fill(0);
  const monthPaid = Array<number>(12).fill(0);
  const monthPayers = Array<number>(12).fill(0);
  for (const member of members) {
    const window = dueWindow(
      intervals.filter((i) => i.member_id === member.id),
      member.join_date,
      year,
    );
    const profile = profiles.get(member.id);
    const cents = paid.get(member.id) ?? Array<number | null>(12).fill(null);
    const status =
      profile && window
        ? duesStatus(
            {
              year,
              asOf,
              dueFromMonth: window[0],
              dueToMonth: window[1],
              monthlyDueCents: profile.monthly_cents,
              paidCentsByMonth: cents,
            },
            ledger.ruleSet,
          )
        : null;
    cents.forEach((c, i) => {
      if (c !== null) {
        monthPaid[i] = (monthPaid[i] ?? 0) + c;
        monthPayers[i] = (monthPayers[i] ?? 0) + 1;
      }
      if (profile && window && i + 1 >= window[0] && i + 1 <= window[1])
        monthDue[i] = (monthDue[i] ?? 0) + profile.monthly_cents;
    });
    rows.push({
      memberId: member.id,
      name: member.name,
      profile: profile ? toProfile(profile) : null,
      dueMonths: window,
      months: cents.map((c) => (c === null ? null : toYuan(c))),
      dueToDate: toYuan(status?.dueToDateCents ?? 0),
      paidToDate: toYuan(cents.reduce<number>((s, c) => s + (c ?? 0), 0)),
      arrearsStreak: status?.arrearsStreak ?? 0,
      flags: profile ? (status?.flags ?? []) : [`未核定${year}年党费交纳基数`],
    });
  }
  const remittances = new Map(
    ledger.db
      .all<{ month: number; cents: number; remitted_on: string }>(
        'dues.remittances',
        sql`SELECT month, cents, remitted_on FROM dues_remittance WHERE branch_id = ${branchId} AND year = ${year}`,
      )
      .map((r) => [r.month, r]),
  );
  return {
    branchId,
    year,
    asOf,
    members: rows,
    monthTotals: monthDue.map((due, i) => ({
      month: i + 1,
      due: toYuan(due),
      paid: toYuan(monthPaid[i] ?? 0),
      payers: monthPayers[i] ?? 0,
      remitted: remittances.has(i + 1) ? toYuan(remittances.get(i + 1)?.cents ?? 0) : null,
      remittedOn: remittances.get(i + 1)?.remitted_on ?? null,
    })),
  };
}

export function remit(
  ledger: Ledger,
  input: {
    branchId: number;
    year: number;
    month: number;
    amount: number;
    remittedOn: string;
    voucherNo?: string;
    handler?: string;
  },
): DuesSheet {
  write(ledger, () => {
    requireUnitOfKind(ledger, input.branchId, '党支部', '党支部');
    if (input.remittedOn > today(ledger))
      throw new LedgerError('VALIDATION', '上缴日期不能晚于今天。', [{ field: '上缴日期', message: '不能晚于今天' }]);
    ledger.db.run(
      'dues.remit',
      sql`INSERT INTO dues_remittance (branch_id, year, month, cents, remitted_on, voucher_no, handler)
          VALUES (${input.branchId}, ${input.year}, ${input.month}, ${toCents(input.amount)}, ${input.remittedOn}, ${input.voucherNo}, ${input.handler})
          ON CONFLICT (branch_id, year, month) DO UPDATE SET cents = excluded.cents, remitted_on = excluded.remitted_on,
            voucher_no = excluded.voucher_no, handler = excluded.handler`,
    );
    return {
      result: null,
      audit: {
        action: 'dues.remit',
        entity: 'dues_remittance',
        entityId: `${input.branchId}-${input.year}-${input.month}`,
        after: input,
        summary: `上缴 ${input.year}年${input.month}月党费 ${input.amount.toFixed(2)} 元`,
      },
    };
  });
  return duesSheet(ledger, input.branchId, input.year);
}
