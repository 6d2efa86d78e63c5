import type { RuleParameterInfo } from '../../../api/system.ts';
import type { Db } from '../../db/sql.ts';
import { sql } from '../../db/sql.ts';
import { LedgerError } from '../../errors.ts';
import { type Ledger, write } from '../../ledger.ts';
import { defaultRuleSet, type RuleSet, withOverrides } from '../../templates/ruleset.ts';

const KEY = 'rule_overrides';

export function readOverrides(db: Db): Record<string, number> {
  const row = db.get<{ value: string }>('rules.overrides', sql`SELECT value FROM ledger_meta WHERE key = ${KEY}`);
  return row ? (JSON.parse(row.value) as Record<string, number>) : {};
}

export function effectiveRuleSet(db: Db): RuleSet {
  return withOverrides(defaultRuleSet, readOverrides(db));
}

export function listRuleParameters(ledger: Ledger): RuleParameterInfo[] {
  const overrides = readOverrides(ledger.db);
  return Object.entries(ledger.ruleSet.parameters).map(([key, p]) => {
    const national = defaultRuleSet.parameters[key]?.value;
    return {
      key,
      label: p.label,
      value: typeof p.value === 'number' ? p.value : null,
      nationalValue: typeof national === 'number' ? national : null,
      unit: p.unit,
      source: defaultRuleSet.parameters[key]?.source ?? p.source,
      tag: p.tag,
      overridden: key in overrides,
    };
  });
}

/** Stores a local setting; the caller reloads the rule set. */
export function setOverride(ledger: Ledger, key: string, value: number | null): void {
  const national = defaultRuleSet.parameters[key];
  if (!national || typeof national.value !== 'number') {
    throw new LedgerError('VALIDATION', `没有可设置的规则参数“${key}”。`, [
      { field: '规则参数', message: '不存在或不可设置' },
    ]);
  }
  write(ledger, () => {
    const overrides = readOverrides(ledger.db);
    const before = overrides[key] ?? null;
    if (value === null) delete overrides[key];
    else overrides[key] = value;
    ledger.db.run(
      'rules.setOverrides',
      sql`INSERT INTO ledger_meta (key, value) VALUES (${KEY}, ${JSON.stringify(overrides)})
          ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    );
    return {
      result: null,
      audit: {
        action: 'rules.set',
        entity: 'rule',
        entityId: key,
        before,
        after: value,
        summary:
          value === null
            ? `${national.label}恢复为全国规定 ${national.value}`
            : `${national.label}设为 ${value}${national.unit}（本台账规定）`,
      },
    };
  });
}
