import { type AuditRecord, appendAudit } from './db/audit.ts';
import type { Db } from './db/sql.ts';
import type { RuleSet } from './templates/ruleset.ts';
import { type Clock, localDate } from './time.ts';

/** Everything a module needs to read and write one ledger. */
export interface Ledger {
  readonly db: Db;
  readonly path: string;
  readonly actor: string;
  readonly clock: Clock;
  readonly ruleSet: RuleSet;
}

export function today(ledger: Ledger): string {
  return localDate(ledger.clock());
}

/**
 * The only way to change a ledger: one transaction holding the change and its audit entry.
 * If `change` throws, nothing is written — neither the data nor the audit entry.
 */
export function write<T>(ledger: Ledger, change: () => { result: T; audit: AuditRecord }): T {
  return ledger.db.transaction(() => {
    const { result, audit } = change();
    appendAudit(ledger.db, ledger.actor, ledger.clock(), audit);
    return result;
  });
}
