import type { PointsSchemeInfo } from '../../../api/assessment.ts';
import type { Db } from '../../db/sql.ts';
import { sql } from '../../db/sql.ts';
import { LedgerError } from '../../errors.ts';
import { type Ledger, write } from '../../ledger.ts';
import { defaultPointRules, loadPointsScheme, type PointsScheme } from '../../rules/points.ts';
import { parseRulesFile } from './rules-file.ts';

/**
 * The ledger's 党员积分办法: the shipped example until the branch or its committee imports its own, kept
 * whole in ledger_meta 'points_rules'. Points are computed on reading, so every year is scored with the
 * scheme in force; a hand-entered entry whose rule the new scheme lacks is listed at 0 with the reason.
 */
const KEY = 'points_rules';

interface Stored {
  raw: unknown;
  fileName: string;
  importedAt: string;
}

function readStored(db: Db): Stored | null {
  const value = db.get<{ value: string }>(
    'points.scheme',
    sql`SELECT value FROM ledger_meta WHERE key = ${KEY}`,
  )?.value;
  return value ? (JSON.parse(value) as Stored) : null;
}

let cache: { text: string; scheme: PointsScheme } | null = null;

/** The 党员积分 scheme in force in this ledger. */
export function activePointRules(ledger: Ledger): PointsScheme {
  const stored = readStored(ledger.db);
  if (!stored) return defaultPointRules();
  const text = JSON.stringify(stored.raw);
  if (cache?.text !== text) cache = { text, scheme: loadPointsScheme(stored.raw, stored.fileName) };
  return cache.scheme;
}

export function pointsSchemeInfo(ledger: Ledger): PointsSchemeInfo {
  const stored = readStored(ledger.db);
  const scheme = activePointRules(ledger);
  return {
    id: scheme.id,
    name: scheme.name,
    version: scheme.version,
    issuer: scheme.issuer,
    example: scheme.example === true,
    base: scheme.base,
    grades: { ...scheme.grades },
    ruleCount: scheme.rules.length,
    origin: stored
      ? { kind: 'imported', fileName: stored.fileName, importedAt: stored.importedAt }
      : { kind: 'shipped', fileName: null, importedAt: null },
  };
}

/** Makes a 党员积分办法 file the one in force; a file that does not hold together is refused naming the rule. */
export function importPointRules(ledger: Ledger, input: { fileName: string; content: string }): PointsSchemeInfo {
  const json = parseRulesFile(input.content);
  if (!json.ok) {
    const { place, message } = json.problem;
    throw new LedgerError(
      'BAD_FILE',
      `党员积分办法“${input.fileName}”有误：${place}：${message}。未导入，请改正后重试。`,
      [{ file: input.fileName, field: place, message }],
    );
  }
  const scheme = loadPointsScheme(json.value, input.fileName);
  write(ledger, () => {
    const before = readStored(ledger.db);
    const stored: Stored = { raw: json.value, fileName: input.fileName, importedAt: ledger.clock().toISOString() };
    ledger.db.run(
      'points.importScheme',
      sql`INSERT INTO ledger_meta (key, value) VALUES (${KEY}, ${JSON.stringify(stored)})
          ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    );
    return {
      result: null,
      audit: {
        action: 'points.importRules',
        entity: 'points_rules',
        entityId: `${scheme.id}@${scheme.version}`,
        before: before ? { fileName: before.fileName } : null,
        after: { fileName: input.fileName, name: scheme.name, version: scheme.version },
        summary: `导入党员积分办法“${scheme.name}”（${scheme.version}，文件 ${input.fileName}）`,
      },
    };
  });
  return pointsSchemeInfo(ledger);
}

export function resetPointRules(ledger: Ledger): PointsSchemeInfo {
  write(ledger, () => {
    const before = readStored(ledger.db);
    ledger.db.run('points.resetScheme', sql`DELETE FROM ledger_meta WHERE key = ${KEY}`);
    const shipped = defaultPointRules();
    return {
      result: null,
      audit: {
        action: 'points.resetRules',
        entity: 'points_rules',
        entityId: `${shipped.id}@${shipped.version}`,
        before: before ? { fileName: before.fileName } : null,
        after: { version: shipped.version },
        summary: `恢复示例党员积分办法（${shipped.version}）`,
      },
    };
  });
  return pointsSchemeInfo(ledger);
}
