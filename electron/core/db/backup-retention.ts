import type { BackupEntry } from '../../api/system.ts';

/**
 * Which automatic backups to keep: every backup of the 7 most recent days that have any (so a
 * bad import this morning can be undone from the one taken just before it), plus the newest
 * backup of each of the 4 most recent ISO weeks before those. Manual backups are never pruned.
 */
export const RETENTION = { days: 7, weeks: 4, perDay: 12 } as const;

export function isoWeekKey(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export function backupsToPrune(entries: BackupEntry[], localDateOf: (iso: string) => string): BackupEntry[] {
  const automatic = entries.filter((e) => e.reason !== 'manual').sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const keep = new Set<string>();
  const days: string[] = [];
  const perDay = new Map<string, number>();
  const weeks = new Set<string>();
  for (const entry of automatic) {
    const day = localDateOf(entry.createdAt);
    if (!days.includes(day) && days.length < RETENTION.days) days.push(day);
    if (days.includes(day)) {
      const count = perDay.get(day) ?? 0;
      if (count < RETENTION.perDay) keep.add(entry.name);
      perDay.set(day, count + 1);
      continue;
    }
    const week = isoWeekKey(day);
    if (!weeks.has(week) && weeks.size < RETENTION.weeks) {
      weeks.add(week);
      keep.add(entry.name);
    }
  }
  return automatic.filter((e) => !keep.has(e.name));
}
