/**
 * 党费收缴 (twelve months) and 计划与督办.
 */
import { duesSheet } from '../../../modules/dues/dues.ts';
import { listPlans, supervision } from '../../../modules/routine/plans.ts';
import { defineSource, type FieldValue, orNull } from './types.ts';

const MONTHS = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9', 'm10', 'm11', 'm12'] as const;

/** Money in 元 to the 分, without float noise from summing. */
function money(value: number): number {
  return Math.round(value * 100) / 100;
}

function monthValues(months: ReadonlyArray<number | null>): Record<(typeof MONTHS)[number], FieldValue> {
  return Object.fromEntries(MONTHS.map((key, i) => [key, months[i] ?? null])) as Record<
    (typeof MONTHS)[number],
    FieldValue
  >;
}

export const dues = defineSource(
  ['seq', 'name', 'category', 'base', 'monthlyDue', ...MONTHS, 'paidToDate', 'dueToDate', 'arrearsStreak', 'flags'],
  ({ ledger, branch, year }) => {
    const sheet = duesSheet(ledger, branch.id, year);
    const remitted = sheet.monthTotals.filter((t) => t.remitted !== null);
    return {
      rows: sheet.members.map((m, i) => ({
        id: `member:${m.memberId}`,
        values: {
          seq: i + 1,
          name: m.name,
          category: orNull(m.profile?.category),
          base: orNull(m.profile?.base),
          monthlyDue: orNull(m.profile?.monthlyDue),
          ...monthValues(m.months),
          paidToDate: m.paidToDate,
          dueToDate: m.dueToDate,
          arrearsStreak: m.arrearsStreak,
          flags: orNull(m.flags.join('；')),
        },
      })),
      totals: {
        ...monthValues(sheet.monthTotals.map((t) => money(t.paid))),
        paidToDate: money(sheet.members.reduce((s, m) => s + m.paidToDate, 0)),
        dueToDate: money(sheet.members.reduce((s, m) => s + m.dueToDate, 0)),
      },
      notes: [
        `单位：元。截至 ${sheet.asOf}。`,
        remitted.length > 0
          ? `已上缴上级党组织：${remitted.map((t) => `${t.month}月 ${money(t.remitted ?? 0).toFixed(2)}${t.remittedOn ? `（${t.remittedOn}）` : ''}`).join('，')}。`
          : '本年度尚无上缴记录。',
      ],
    };
  },
);

export const plans = defineSource(
  ['seq', 'origin', 'text', 'owner', 'dueDate', 'status', 'doneOn', 'feedback'],
  ({ ledger, branch, year, asOf }) => {
    // The annual plan first, then the monthly plans in month order, each plan's items in its order.
    const ordered = listPlans(ledger, branch.id, year).sort((a, b) => (a.month ?? 0) - (b.month ?? 0) || a.id - b.id);
    const planRows = ordered.flatMap((plan) =>
      plan.items.map((item) => ({
        id: `plan-item:${item.id}`,
        values: {
          origin: plan.month === null ? `${year}年度工作计划` : `${year}年${plan.month}月工作计划`,
          text: item.text,
          owner: orNull(item.owner),
          dueDate: orNull(item.dueDate),
          status: item.status,
          doneOn: orNull(item.doneOn),
          feedback: orNull(item.feedback),
        },
      })),
    );
    // Open 决议 and 整改 items from meetings: plan items are already listed above.
    const followUps = supervision(ledger, branch.id, asOf)
      .filter((s) => s.source !== 'plan')
      .map((s) => ({
        id: `${s.source}:${s.sourceId}`,
        values: {
          origin: s.origin,
          text: s.text,
          owner: orNull(s.owner),
          dueDate: orNull(s.dueDate),
          status: s.overdue ? '逾期未办结' : '办理中',
          doneOn: null,
          feedback: null,
        },
      }));
    return {
      rows: [...planRows, ...followUps].map((row, i) => ({ id: row.id, values: { seq: i + 1, ...row.values } })),
      notes: [`会议决议和整改事项列出截至 ${asOf} 尚未办结的，逾期的排在前面。`],
    };
  },
);
