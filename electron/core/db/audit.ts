import { createHash } from 'node:crypto';
import type { AuditEntry, AuditVerification } from '../../api/system.ts';
import { type Db, sql } from './sql.ts';

/**
 * The append-only audit log: one entry per write, in the same transaction, each entry's hash
 * covering the previous one so that an edited or deleted entry breaks the chain.
 */
export interface AuditRecord {
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  /** A short Chinese description for the history list, e.g. 新增党员 张三. */
  summary: string;
}

const GENESIS = '0'.repeat(64);

interface StoredEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  before: string | null;
  after: string | null;
  prev_hash: string;
  hash: string;
}

function entryHash(prevHash: string, e: Omit<StoredEntry, 'id' | 'prev_hash' | 'hash'>): string {
  const canonical = JSON.stringify([prevHash, e.at, e.actor, e.action, e.entity, e.entity_id, e.before, e.after]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Must run inside the write's transaction. */
export function appendAudit(db: Db, actor: string, at: Date, record: AuditRecord): void {
  const last = db.get<{ hash: string }>('audit.last', sql`SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1`);
  const prevHash = last?.hash ?? GENESIS;
  const entry = {
    at: at.toISOString(),
    actor,
    action: record.action,
    entity: record.entity,
    entity_id: record.entityId === undefined || record.entityId === null ? null : String(record.entityId),
    before: record.before === undefined ? null : JSON.stringify(record.before),
    after: JSON.stringify({ summary: record.summary, value: record.after ?? null }),
  };
  const hash = entryHash(prevHash, entry);
  db.run(
    'audit.append',
    sql`INSERT INTO audit_log (at, actor, action, entity, entity_id, before, after, prev_hash, hash)
        VALUES (${entry.at}, ${entry.actor}, ${entry.action}, ${entry.entity}, ${entry.entity_id},
                ${entry.before}, ${entry.after}, ${prevHash}, ${hash})`,
  );
}

export function verifyAuditChain(db: Db): AuditVerification {
  let prevHash = GENESIS;
  let entries = 0;
  for (const row of db.raw.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as IterableIterator<StoredEntry>) {
    entries += 1;
    if (row.prev_hash !== prevHash || entryHash(prevHash, row) !== row.hash) {
      return { ok: false, entries, brokenAt: row.id };
    }
    prevHash = row.hash;
  }
  return { ok: true, entries, brokenAt: null };
}

export function recentAudit(db: Db, limit: number): AuditEntry[] {
  const rows = db.all<StoredEntry>('audit.recent', sql`SELECT * FROM audit_log ORDER BY id DESC LIMIT ${limit}`);
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    actor: row.actor,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    summary: summaryOf(row.after),
  }));
}

function summaryOf(after: string | null): string {
  if (!after) return '';
  try {
    const parsed: unknown = JSON.parse(after);
    if (typeof parsed === 'object' && parsed !== null && 'summary' in parsed && typeof parsed.summary === 'string') {
      return parsed.summary;
    }
  } catch {
    // An entry written by a future version may carry another shape; show no summary rather than fail.
  }
  return '';
}
