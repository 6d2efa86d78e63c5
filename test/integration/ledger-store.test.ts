import { existsSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../electron/core/db/audit.ts';
import { listBackups } from '../../electron/core/db/backup.ts';
import { LATEST_SCHEMA_VERSION } from '../../electron/core/db/migrations/index.ts';
import { LedgerError } from '../../electron/core/errors.ts';
import { write } from '../../electron/core/ledger.ts';
import { openTestService, SAMPLE_MEMBER, setupBranch, tempLedgerDir } from '../helpers/ledger.ts';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});
function temp() {
  const t = tempLedgerDir();
  cleanups.push(t.cleanup);
  return t;
}

describe('opening a ledger', () => {
  it('creates a WAL ledger with foreign keys, STRICT tables and the latest schema', () => {
    const { dbPath } = temp();
    const service = openTestService(dbPath);
    const { db } = service.ledger;
    expect(db.pragma('journal_mode')).toBe('wal');
    expect(db.pragma('foreign_keys')).toBe(1);
    expect(db.pragma('user_version')).toBe(LATEST_SCHEMA_VERSION);
    const tables = db.raw.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all() as Array<{
      name: string;
      sql: string;
    }>;
    for (const table of tables) expect(table.sql, table.name).toMatch(/STRICT\s*$/);
    service.close();
  });

  it('refuses a ledger written by a newer version, names both versions, and changes nothing', () => {
    const { dbPath } = temp();
    openTestService(dbPath).close();
    const raw = new Database(dbPath);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    raw.close();
    let error: unknown;
    try {
      openTestService(dbPath);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LedgerError);
    expect((error as LedgerError).code).toBe('LEDGER_TOO_NEW');
    expect((error as LedgerError).message).toContain(`第 ${LATEST_SCHEMA_VERSION + 1} 版`);
    const check = new Database(dbPath, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION + 1);
    check.close();
  });

  it('refuses a file that is not a ledger with a clear message', () => {
    const { dir } = temp();
    const path = `${dir}/not-a-ledger.sqlite`;
    writeFileSync(path, '这不是数据库'.repeat(200));
    expect(() => openTestService(path)).toThrow(/不是有效的台账文件/);
  });

  it('takes a daily backup on the first open of a day that has data, and only one', async () => {
    const { dbPath } = temp();
    const first = openTestService(dbPath, '2026-11-23T08:00:00+08:00');
    await setupBranch(first);
    first.close();
    expect(listBackups(dbPath)).toHaveLength(0);
    openTestService(dbPath, '2026-11-24T08:00:00+08:00').close();
    openTestService(dbPath, '2026-11-24T15:00:00+08:00').close();
    const backups = listBackups(dbPath);
    expect(backups.map((b) => b.reason)).toEqual(['daily']);
  });
});

describe('writes and the audit log', () => {
  it('records one chained audit entry per write, and the chain verifies', async () => {
    const { dbPath } = temp();
    const service = openTestService(dbPath);
    const { branchId } = await setupBranch(service);
    await service.call('member.create', { ...SAMPLE_MEMBER, branchId });
    const entries = service.ledger.db.raw.prepare('SELECT action FROM audit_log ORDER BY id').all();
    expect(entries).toEqual([{ action: 'ledger.migrate' }, { action: 'org.setup' }, { action: 'member.create' }]);
    expect(await service.call('audit.verify', {})).toEqual({ ok: true, entries: 3, brokenAt: null });
    service.close();
  });

  it('a failed write leaves neither data nor an audit entry', async () => {
    const { dbPath } = temp();
    const service = openTestService(dbPath);
    const ledger = service.ledger;
    const before = ledger.db.raw.prepare('SELECT COUNT(*) AS n FROM audit_log').get();
    expect(() =>
      write(ledger, () => {
        ledger.db.raw
          .prepare("INSERT INTO org_unit (kind, name, created_at, updated_at) VALUES ('党委', 'x', 'a', 'a')")
          .run();
        throw new LedgerError('VALIDATION', '故意失败');
      }),
    ).toThrow('故意失败');
    expect(ledger.db.raw.prepare('SELECT COUNT(*) AS n FROM org_unit').get()).toEqual({ n: 0 });
    expect(ledger.db.raw.prepare('SELECT COUNT(*) AS n FROM audit_log').get()).toEqual(before);
    service.close();
  });

  it('refuses to update or delete audit entries, and detects an entry edited behind its back', async () => {
    const { dbPath } = temp();
    const service = openTestService(dbPath);
    await setupBranch(service);
    const { raw } = service.ledger.db;
    expect(() => raw.prepare("UPDATE audit_log SET actor = 'x' WHERE id = 2").run()).toThrow(/append-only/);
    expect(() => raw.prepare('DELETE FROM audit_log WHERE id = 1').run()).toThrow(/append-only/);
    // Someone with a SQLite editor drops the guard and rewrites history:
    raw.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = '篡改者' WHERE id = 2");
    expect(verifyAuditChain(service.ledger.db)).toEqual({ ok: false, entries: 2, brokenAt: 2 });
    service.close();
  });
});

describe('backup and restore through the API', () => {
  it('restores a backup, keeps the replaced ledger as a backup, and the restored ledger works', async () => {
    const { dbPath } = temp();
    const service = openTestService(dbPath);
    const { branchId } = await setupBranch(service);
    const backup = await service.call('backup.create', {});
    await service.call('member.create', { ...SAMPLE_MEMBER, branchId });
    expect(await service.call('member.list', { branchId })).toHaveLength(1);

    const result = await service.call('backup.restore', { name: backup.name });
    expect(result.restored).toBe(backup.name);
    expect(await service.call('member.list', { branchId })).toHaveLength(0);
    expect(existsSync(`${dbPath.replace('ledger.sqlite', 'backups')}/${result.keptAs}`)).toBe(true);
    expect((await service.call('audit.verify', {})).ok).toBe(true);
    const [latest] = await service.call('audit.recent', { limit: 1 });
    expect(latest?.summary).toContain(`从备份“${backup.name}”恢复台账`);
    // The ledger is writable after the restore.
    await service.call('member.create', { ...SAMPLE_MEMBER, branchId });
    expect(await service.call('member.list', { branchId })).toHaveLength(1);
    service.close();
  });

  it('refuses to restore a file that is not a ledger backup and changes nothing', async () => {
    const { dbPath } = temp();
    const service = openTestService(dbPath);
    await setupBranch(service);
    const result = await service.invoke(
      'backup.restore',
      { name: 'ledger-20260101-000000-000-manual.sqlite' },
      'bridge',
    );
    expect(result.ok).toBe(false);
    expect(await service.call('org.list', {})).toHaveLength(4);
    service.close();
  });
});
