import type { DuesMemberYear, MemberDetail } from '../../../../electron/api/index.ts';
import { ON_ROLL_STATUSES } from '../../api/constants.ts';

export const money = (value: number) => value.toFixed(2);

/** 0 when the year has not begun, 12 when it is over, else the month of asOf. */
export function lastBegunMonth(year: number, asOf: string): number {
  const asOfYear = Number(asOf.slice(0, 4));
  if (year < asOfYear) return 12;
  if (year > asOfYear) return 0;
  return Number(asOf.slice(5, 7));
}

/**
 * The months of `year` a member owed dues in a branch, from their status history: from joining the roll
 * (or 入党) to leaving it, as the ledger counts them (a stay ending on 1 April owes up to March).
 */
export function dueWindow(detail: MemberDetail, branchId: number, year: number): [number, number] | null {
  const yearStart = `${year}-01-01`;
  const yearEnd = `${year}-12-31`;
  let first = 13;
  let last = 0;
  for (const stay of detail.statusHistory) {
    if (stay.branchId !== branchId || !ON_ROLL_STATUSES.includes(stay.status)) continue;
    const from = [stay.fromDate, detail.joinDate, yearStart].sort().at(-1) ?? yearStart;
    const toExclusive = stay.toDate ?? `${year + 1}-01-01`;
    if (from > yearEnd || toExclusive <= from) continue;
    const lastDay = new Date(Date.parse(`${toExclusive}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const end = lastDay > yearEnd ? yearEnd : lastDay;
    first = Math.min(first, Number(from.slice(5, 7)));
    last = Math.max(last, Number(end.slice(5, 7)));
  }
  return first <= last ? [first, last] : null;
}

/**
 * The months a member owed that have begun. The sheet says only how much was due so far (dueToDate), not
 * which months. For a member still on the roll the owed months run up to the last begun month; for one who
 * left, the window comes from their status history.
 */
export function owedBegunMonths(
  row: DuesMemberYear,
  year: number,
  asOf: string,
  window: [number, number] | null | 'on-roll',
): Set<number> {
  const months = new Set<number>();
  const due = row.profile?.monthlyDue ?? 0;
  const last = lastBegunMonth(year, asOf);
  if (due <= 0 || last === 0 || window === null) return months;
  if (window === 'on-roll') {
    const count = Math.round(row.dueToDate / due);
    for (let month = Math.max(1, last - count + 1); month <= last; month += 1) months.add(month);
    return months;
  }
  for (let month = window[0]; month <= Math.min(window[1], last); month += 1) months.add(month);
  return months;
}
