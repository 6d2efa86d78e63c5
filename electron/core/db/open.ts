import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { LedgerError } from '../errors.ts';
import { appendAudit } from './audit.ts';
import { LATEST_SCHEMA_VERSION, migrations } from './migrations/index.ts';
import { Db } from './sql.ts';

export interface OpenDatabaseOptions {
  /** better-sqlite3 built for Electron's ABI lives in its own folder (ARCHITECTURE.md, two runtimes). */
  nativeBinding?: string;
  readonly?: boolean;
  actor: string;
  appVersion: string;
  now: () => Date;
  /**
   * Check every page (quick_check) rather than the tables that identify the ledger. The service
   * asks for it on the first open of each day, with the daily backup, so a large ledger still
   * opens in milliseconds the rest of the day.
   */
  fullCheck?: boolean;
  /** Called once before migrating an existing ledger, while it is still at its old version. */
  beforeMigrate?: (db: Db, fromVersion: number) => void;
}

export interface OpenedDatabase {
  db: Db;
  migratedFrom: number;
  schemaVersion: number;
}

export function schemaVersionOf(db: Db): number {
  return db.pragma<number>('user_version');
}

function openRaw(path: string, options: OpenDatabaseOptions): Database.Database {
  if (!options.readonly) mkdirSync(dirname(path), { recursive: true });
  try {
    return new Database(path, {
      readonly: options.readonly ?? false,
      fileMustExist: options.readonly ?? false,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
  } catch (cause) {
    throw new LedgerError('LEDGER_CORRUPT', `无法打开台账文件“${path}”：${(cause as Error).message}`, [], { cause });
  }
}

/** Opens (creating or migrating as needed) a ledger file with WAL, foreign keys and an integrity check. */
export function openDatabase(path: string, options: OpenDatabaseOptions): OpenedDatabase {
  const raw = openRaw(path, options);
  const db = new Db(raw);
  try {
    checkIntegrity(db, path, options.fullCheck ?? true);
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const fromVersion = schemaVersionOf(db);
    refuseNewer(fromVersion, path);
    if (fromVersion < LATEST_SCHEMA_VERSION && !options.readonly) {
      if (fromVersion > 0) options.beforeMigrate?.(db, fromVersion);
      migrate(db, fromVersion, options);
    }
    return { db, migratedFrom: fromVersion, schemaVersion: schemaVersionOf(db) };
  } catch (error) {
    raw.close();
    throw error;
  }
}

/** The tables without which a ledger cannot even be shown: its identity, tree, roster and audit chain. */
const CORE_TABLES = ['ledger_meta', 'audit_log', 'org_unit', 'member', 'member_status', 'member_post'];

function checkIntegrity(db: Db, path: string, full: boolean): void {
  let result: string;
  try {
    if (full) {
      result = db.pragma<string>('quick_check');
    } else {
      const present = new Set(
        db.raw
          .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
          .all()
          .map((r) => (r as { name: string }).name),
      );
      result = 'ok';
      for (const table of CORE_TABLES.filter((t) => present.has(t))) {
        result = db.pragma<string>(`quick_check(${table})`);
        if (result !== 'ok') break;
      }
    }
  } catch (cause) {
    throw new LedgerError(
      'LEDGER_CORRUPT',
      `“${path}”不是有效的台账文件，或文件已损坏。台账未做任何修改；请在“数据与备份”中选择一个备份恢复，或运行 branch-ledger restore 备份文件。`,
      [],
      { cause },
    );
  }
  if (result !== 'ok') {
    throw new LedgerError(
      'LEDGER_CORRUPT',
      `台账文件“${path}”完整性检查未通过（${result}）。请在“数据与备份”中选择一个备份恢复，或运行 branch-ledger restore 备份文件。`,
    );
  }
}

export function refuseNewer(version: number, path: string): void {
  if (version > LATEST_SCHEMA_VERSION) {
    throw new LedgerError(
      'LEDGER_TOO_NEW',
      `台账“${path}”由更新版本的软件创建（数据格式第 ${version} 版），本软件只支持到第 ${LATEST_SCHEMA_VERSION} 版。请升级软件后再打开；台账未做任何修改。`,
    );
  }
}

/** All pending migrations in one transaction, with one audit entry; user_version moves with them. */
function migrate(db: Db, fromVersion: number, options: OpenDatabaseOptions): void {
  const pending = migrations.filter((m) => m.version > fromVersion);
  db.transaction(() => {
    for (const m of pending) db.raw.exec(m.sql);
    if (fromVersion === 0) {
      const insertMeta = db.raw.prepare('INSERT INTO ledger_meta (key, value) VALUES (?, ?)');
      insertMeta.run('ledger_id', randomUUID());
      insertMeta.run('created_at', options.now().toISOString());
      insertMeta.run('created_by', `branch-ledger ${options.appVersion}`);
    }
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION}`);
    appendAudit(db, options.actor, options.now(), {
      action: 'ledger.migrate',
      entity: 'ledger',
      before: { schemaVersion: fromVersion },
      after: { schemaVersion: LATEST_SCHEMA_VERSION, applied: pending.map((m) => m.name) },
      summary:
        fromVersion === 0 ? '建立台账' : `台账数据格式由第 ${fromVersion} 版升级到第 ${LATEST_SCHEMA_VERSION} 版`,
    });
  });
}
