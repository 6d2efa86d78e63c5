import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { BackupEntry } from '../../api/system.ts';
import { LedgerError } from '../errors.ts';
import { localDate } from '../time.ts';
import { backupsToPrune } from './backup-retention.ts';
import { LATEST_SCHEMA_VERSION } from './migrations/index.ts';
import { type Db, sql } from './sql.ts';

export type BackupReason = BackupEntry['reason'];
const REASONS: readonly BackupReason[] = ['daily', 'pre-migration', 'pre-import', 'pre-restore', 'manual'];
const NAME_PATTERN = /^ledger-(\d{8})-(\d{6})-(\d{3})-([a-z-]+)\.sqlite$/;

export function backupsDir(ledgerPath: string): string {
  return join(dirname(ledgerPath), 'backups');
}

function stamp(now: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}-${p(now.getMilliseconds(), 3)}`;
}

function parseName(name: string, fullPath: string): BackupEntry | null {
  const match = NAME_PATTERN.exec(name);
  if (!match) return null;
  const [, ymd, hms, ms, reason] = match as unknown as [string, string, string, string, string];
  if (!REASONS.includes(reason as BackupReason)) return null;
  const created = new Date(
    Number(ymd.slice(0, 4)),
    Number(ymd.slice(4, 6)) - 1,
    Number(ymd.slice(6, 8)),
    Number(hms.slice(0, 2)),
    Number(hms.slice(2, 4)),
    Number(hms.slice(4, 6)),
    Number(ms),
  );
  return { name, reason: reason as BackupReason, createdAt: created.toISOString(), sizeBytes: statSync(fullPath).size };
}

export function listBackups(ledgerPath: string): BackupEntry[] {
  const dir = backupsDir(ledgerPath);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => parseName(name, join(dir, name)))
    .filter((e): e is BackupEntry => e !== null)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/**
 * An online, consistent copy (VACUUM INTO reads one snapshot while writers may go on), then
 * pruning of old automatic backups. Returns the new backup.
 */
export function createBackup(
  db: Db,
  ledgerPath: string,
  reason: BackupReason,
  now: Date,
  target?: string,
): BackupEntry {
  const dir = backupsDir(ledgerPath);
  mkdirSync(dir, { recursive: true });
  let name = `ledger-${stamp(now)}-${reason}.sqlite`;
  // Two backups in the same millisecond (e.g. pre-import right after daily) must not collide.
  for (let bump = 1; existsSync(join(dir, name)); bump += 1) {
    name = `ledger-${stamp(new Date(now.getTime() + bump))}-${reason}.sqlite`;
  }
  const path = target ?? join(dir, name);
  if (target && existsSync(target)) {
    throw new LedgerError('CONFLICT', `文件“${target}”已存在，请换一个文件名。`);
  }
  db.run('backup.vacuumInto', sql`VACUUM INTO ${path}`);
  if (target) return { name: basename(target), reason, createdAt: now.toISOString(), sizeBytes: statSync(target).size };
  pruneBackups(ledgerPath);
  const entry = parseName(name, path);
  if (!entry) throw new Error(`backup name ${name} does not parse`);
  return entry;
}

export function pruneBackups(ledgerPath: string): string[] {
  const doomed = backupsToPrune(listBackups(ledgerPath), (iso) => localDate(new Date(iso)));
  for (const entry of doomed) rmSync(join(backupsDir(ledgerPath), entry.name), { force: true });
  return doomed.map((e) => e.name);
}

export function hasBackupOn(ledgerPath: string, day: string): boolean {
  return listBackups(ledgerPath).some((e) => localDate(new Date(e.createdAt)) === day);
}

/** Checks a file before it may replace the ledger: a readable SQLite ledger of a version we know. */
export function checkRestorable(source: string, nativeBinding?: string): void {
  if (!existsSync(source)) throw new LedgerError('NOT_FOUND', `找不到备份文件“${source}”。`);
  let probe: Database.Database | undefined;
  try {
    // Under Electron the probe must load the same Electron-ABI binary as the ledger itself.
    probe = new Database(source, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    const check = probe.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(String(check));
    const version = probe.pragma('user_version', { simple: true }) as number;
    const hasMeta = probe.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ledger_meta'").get();
    if (!hasMeta || version < 1) throw new Error('not a ledger');
    if (version > LATEST_SCHEMA_VERSION) {
      throw new LedgerError(
        'LEDGER_TOO_NEW',
        `备份“${basename(source)}”由更新版本的软件创建（数据格式第 ${version} 版），本软件不能恢复它。台账未做任何修改。`,
      );
    }
  } catch (error) {
    if (error instanceof LedgerError) throw error;
    throw new LedgerError(
      'BAD_FILE',
      `“${basename(source)}”不是可恢复的台账备份（${(error as Error).message}）。台账未做任何修改。`,
      [{ file: source, message: '不是有效的台账备份' }],
      { cause: error },
    );
  } finally {
    probe?.close();
  }
}

/**
 * Puts `source` in place of the (closed) ledger file. Copy to a temporary file first and rename,
 * so a crash mid-copy leaves the old ledger, never half a file. The -wal/-shm of the old ledger
 * belong to it and go with it.
 */
export function replaceLedgerFile(ledgerPath: string, source: string): void {
  const temporary = `${ledgerPath}.restoring`;
  copyFileSync(source, temporary);
  for (const suffix of ['-wal', '-shm']) rmSync(`${ledgerPath}${suffix}`, { force: true });
  renameSync(temporary, ledgerPath);
}
