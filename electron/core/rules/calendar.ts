/**
 * Calendar helpers for the rules. Dates are local calendar strings 'YYYY-MM-DD', which compare correctly
 * as strings, so no Date objects (and no time zones) are involved.
 */

/** A stay on a branch roll: from `from` (inclusive) to `to` (exclusive; null = still on roll). */
export interface RollInterval {
  from: string;
  to: string | null;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** First day of month `month` (1–12) of `year`; month 13 is January of the next year. */
export function monthStart(year: number, month: number): string {
  const y = year + Math.floor((month - 1) / 12);
  const m = ((((month - 1) % 12) + 12) % 12) + 1;
  return `${y}-${pad2(m)}-01`;
}

/** 'YYYY-MM' */
export function monthKey(year: number, month: number): string {
  return `${year}-${pad2(month)}`;
}

/** 'YYYY-Qn' */
export function quarterKey(year: number, quarter: number): string {
  return `${year}-Q${quarter}`;
}

export function quarterOfMonth(month: number): number {
  return Math.floor((month - 1) / 3) + 1;
}

/** Year and month (1–12) of a 'YYYY-MM-DD' date. */
export function yearMonth(date: string): { year: number; month: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)) };
}

/** A calendar period: [start, end) as dates. */
export interface Period {
  key: string;
  start: string;
  end: string;
}

export function monthPeriod(year: number, month: number): Period {
  return { key: monthKey(year, month), start: monthStart(year, month), end: monthStart(year, month + 1) };
}

export function quarterPeriod(year: number, quarter: number): Period {
  const first = (quarter - 1) * 3 + 1;
  return { key: quarterKey(year, quarter), start: monthStart(year, first), end: monthStart(year, first + 3) };
}

export function yearPeriod(year: number): Period {
  return { key: String(year), start: monthStart(year, 1), end: monthStart(year, 13) };
}

/** Where asOf stands relative to a period: not begun, running (asOf inside it), or over. */
export function periodPhase(period: Period, asOf: string): 'future' | 'current' | 'over' {
  if (asOf < period.start) return 'future';
  if (asOf >= period.end) return 'over';
  return 'current';
}

export function onRollOn(intervals: readonly RollInterval[], date: string): boolean {
  return intervals.some((i) => i.from <= date && (i.to === null || date < i.to));
}

/** On roll on at least one day of [start, end). */
export function onRollDuring(intervals: readonly RollInterval[], start: string, end: string): boolean {
  return intervals.some((i) => i.from < end && (i.to === null || i.to > start));
}

/** On roll on every day of [start, end); back-to-back stays (转出 then 转回 the same day) join up. */
export function onRollThroughout(intervals: readonly RollInterval[], start: string, end: string): boolean {
  const sorted = [...intervals].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  let covered = start;
  for (const i of sorted) {
    if (i.from > covered) break;
    if (i.to === null) return true;
    if (i.to > covered) covered = i.to;
    if (covered >= end) return true;
  }
  return false;
}
