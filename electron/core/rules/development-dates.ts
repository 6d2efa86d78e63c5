/**
 * Date arithmetic for the 发展党员 pipeline and the branch term, on 'YYYY-MM-DD' strings (no time zones).
 *
 * Periods "of N months/years" follow 民法典第二百零二条: a period counted in months or years ends on
 * the corresponding day of the last month, and where that month has no corresponding day, on its
 * last day. So 2024-03-10 + 1 year = 2025-03-10, 2025-01-31 + 1 month = 2025-02-28 and
 * 2024-02-29 + 1 year = 2025-02-28.
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A real calendar day written 'YYYY-MM-DD' (2025-02-29 is not). */
export function isCalendarDate(value: string): boolean {
  const m = ISO.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return year >= 1900 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function parts(date: string): [number, number, number] {
  const m = ISO.exec(date);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** The same day `months` months later (or earlier), or the month's last day where there is no such day. */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = parts(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return `${pad(y, 4)}-${pad(m)}-${pad(Math.min(day, daysInMonth(y, m)))}`;
}

export function addDays(date: string, days: number): string {
  const [year, month, day] = parts(date);
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = parts(from);
  const [y2, m2, d2] = parts(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86_400_000);
}

/** Whole months from `from` to `to`: the largest n with addMonths(from, n) ≤ to (0 when `to` is earlier). */
export function wholeMonthsBetween(from: string, to: string): number {
  if (to <= from) return 0;
  const [y1, m1] = parts(from);
  const [y2, m2] = parts(to);
  let n = (y2 - y1) * 12 + (m2 - m1);
  while (n > 0 && addMonths(from, n) > to) n -= 1;
  return n;
}

/** 2027年3月1日 — the way dates are written in Party documents (GB/T 9704: no zero padding). */
export function chineseDate(date: string): string {
  const [year, month, day] = parts(date);
  return `${year}年${month}月${day}日`;
}
