import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../../electron/core/db/audit.ts';
import { backupsDir, listBackups } from '../../../electron/core/db/backup.ts';
import { LATEST_SCHEMA_VERSION, migrations } from '../../../electron/core/db/migrations/index.ts';
import { Db } from '../../../electron/core/db/sql.ts';
import { openTestService, tempLedgerDir } from '../../helpers/ledger.ts';

/**
 * Installing a newer version over an older one keeps the ledger file where it is (the installers
 * never touch %APPDATA%\branch-ledger, see nsis.test.ts), so the new app opens a ledger written
 * by every older release. Each one must be migrated after a backup of it as it was.
 *
 * An older ledger is made the way that older release made it: migrations are append-only and
 * never edited once released, so migrations 1…v plus the creation entries are the ledger of
 * schema version v. (An older app refusing a newer ledger: test/integration/ledger-store.test.ts.)
 */

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

const CREATED = new Date('2026-01-05T09:00:00+08:00');
const LEDGER_ID = 'a-ledger-made-by-an-older-release';

function ledgerOfVersion(dbPath: string, version: number): void {
  const raw = new Database(dbPath);
  const db = new Db(raw);
  raw.pragma('journal_mode = WAL');
  db.transaction(() => {
    const applied = migrations.filter((m) => m.version <= version);
    for (const m of applied) raw.exec(m.sql);
    const insertMeta = raw.prepare('INSERT INTO ledger_meta (key, value) VALUES (?, ?)');
    insertMeta.run('ledger_id', LEDGER_ID);
    insertMeta.run('created_at', CREATED.toISOString());
    insertMeta.run('created_by', `branch-ledger (schema ${version})`);
    raw.pragma(`user_version = ${version}`);
    appendAudit(db, 'older-release', CREATED, {
      action: 'ledger.migrate',
      entity: 'ledger',
      before: { schemaVersion: 0 },
      after: { schemaVersion: version, applied: applied.map((m) => m.name) },
      summary: '建立台账',
    });
  });
  raw.close();
}

const OLDER_VERSIONS = migrations.map((m) => m.version).filter((v) => v < LATEST_SCHEMA_VERSION);

describe('a newer app opening a ledger of an older release', () => {
  it('has older releases to test against', () => {
    expect(OLDER_VERSIONS.length).toBeGreaterThan(0);
  });

  it('numbers the migrations 1, 2, 3 … in order, each named after its number', () => {
    // The schema version is the last migration's: a gap or a duplicate would skip or re-run one.
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    for (const m of migrations) expect(m.name.startsWith(String(m.version).padStart(4, '0'))).toBe(true);
  });

  it.each(OLDER_VERSIONS)('migrates a schema-%i ledger after backing it up as it was', (version) => {
    const temp = tempLedgerDir('upgrade-');
    cleanups.push(temp.cleanup);
    ledgerOfVersion(temp.dbPath, version);

    const service = openTestService(temp.dbPath);
    const { db } = service.ledger;
    expect(db.pragma('user_version')).toBe(LATEST_SCHEMA_VERSION);
    expect(db.raw.prepare("SELECT value FROM ledger_meta WHERE key = 'ledger_id'").pluck().get()).toBe(LEDGER_ID);
    expect(verifyAuditChain(db)).toMatchObject({ ok: true, entries: 2 });
    const migrated = db.raw.prepare('SELECT after FROM audit_log ORDER BY id DESC LIMIT 1').pluck().get() as string;
    expect(JSON.parse(migrated).summary).toBe(`台账数据格式由第 ${version} 版升级到第 ${LATEST_SCHEMA_VERSION} 版`);
    service.close();

    const backups = listBackups(temp.dbPath);
    expect(backups.map((b) => b.reason)).toEqual(['pre-migration']);
    const backup = new Database(join(backupsDir(temp.dbPath), backups[0]?.name ?? ''), { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(version);
    expect(backup.prepare("SELECT value FROM ledger_meta WHERE key = 'ledger_id'").pluck().get()).toBe(LEDGER_ID);
    backup.close();

    // Opening the migrated ledger again migrates nothing and backs nothing up.
    openTestService(temp.dbPath).close();
    expect(listBackups(temp.dbPath)).toHaveLength(1);
  });
});
