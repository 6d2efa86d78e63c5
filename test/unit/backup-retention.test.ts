import { describe, expect, it } from 'vitest';
import type { BackupEntry } from '../../electron/api/system.ts';
import { backupsToPrune, isoWeekKey } from '../../electron/core/db/backup-retention.ts';

const entry = (createdAt: string, reason: BackupEntry['reason'] = 'daily'): BackupEntry => ({
  name: `${createdAt}-${reason}`,
  reason,
  createdAt: `${createdAt}T09:00:00.000Z`,
  sizeBytes: 1,
});
const day = (iso: string) => iso.slice(0, 10);

describe('backup retention: 7 daily and 4 weekly', () => {
  it('keeps the 7 most recent days and one backup for each of the 4 weeks before them', () => {
    // 60 consecutive daily backups ending 2026-11-23 (a Monday).
    const entries = Array.from({ length: 60 }, (_, i) => {
      const d = new Date(Date.UTC(2026, 10, 23 - i));
      return entry(d.toISOString().slice(0, 10));
    });
    const pruned = new Set(backupsToPrune(entries, day).map((e) => e.name));
    const kept = entries.filter((e) => !pruned.has(e.name)).map((e) => day(e.createdAt));
    expect(kept.slice(0, 7)).toEqual([
      '2026-11-23',
      '2026-11-22',
      '2026-11-21',
      '2026-11-20',
      '2026-11-19',
      '2026-11-18',
      '2026-11-17',
    ]);
    expect(kept.slice(7)).toEqual(['2026-11-16', '2026-11-15', '2026-11-08', '2026-11-01']);
    expect(kept).toHaveLength(11);
  });

  it('never prunes manual backups, and keeps a pre-import backup of a recent day', () => {
    const entries = [entry('2025-01-01', 'manual'), entry('2026-11-23', 'pre-import'), entry('2026-11-23')];
    expect(backupsToPrune(entries, day)).toEqual([]);
  });

  it('numbers ISO weeks across the new year', () => {
    expect(isoWeekKey('2026-01-01')).toBe('2026-W01');
    expect(isoWeekKey('2027-01-01')).toBe('2026-W53');
    expect(isoWeekKey('2024-12-30')).toBe('2025-W01');
  });
});
