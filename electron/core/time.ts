/** Calendar dates are local 'YYYY-MM-DD' strings; instants are ISO strings in UTC. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

export function localDate(instant: Date): string {
  const y = instant.getFullYear();
  const m = String(instant.getMonth() + 1).padStart(2, '0');
  const d = String(instant.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** Whole years from `from` to `to` (both 'YYYY-MM-DD'); a birthday on 29 Feb counts on 1 Mar in other years. */
export function wholeYearsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  let years = ty - fy;
  if (tm < fm || (tm === fm && td < fd)) years -= 1;
  return years;
}
