import type { OrgKind, OrgUnit } from '../../../api/org.ts';
import { sql } from '../../db/sql.ts';
import { LedgerError } from '../../errors.ts';
import { type Ledger, write } from '../../ledger.ts';

/** Which kind may sit under which (党委 → 党总支 → 党支部 → 党小组; a 党支部 may sit directly under a 党委). */
export const ALLOWED_PARENTS: Record<OrgKind, ReadonlyArray<OrgKind | null>> = {
  党委: [null, '党委'],
  党总支: ['党委'],
  党支部: ['党委', '党总支'],
  党小组: ['党支部'],
};

interface UnitRow {
  id: number;
  parent_id: number | null;
  kind: OrgKind;
  name: string;
  sort_order: number;
}

const toUnit = (row: UnitRow): OrgUnit => ({
  id: row.id,
  parentId: row.parent_id,
  kind: row.kind,
  name: row.name,
  sortOrder: row.sort_order,
});

export function listUnits(ledger: Ledger): OrgUnit[] {
  return ledger.db
    .all<UnitRow>('org.list', sql`SELECT id, parent_id, kind, name, sort_order FROM org_unit ORDER BY sort_order, id`)
    .map(toUnit);
}

export function getUnit(ledger: Ledger, id: number): OrgUnit {
  const row = ledger.db.get<UnitRow>(
    'org.get',
    sql`SELECT id, parent_id, kind, name, sort_order FROM org_unit WHERE id = ${id}`,
  );
  if (!row) throw new LedgerError('NOT_FOUND', `找不到编号为 ${id} 的组织。`);
  return toUnit(row);
}

export function requireUnitOfKind(ledger: Ledger, id: number, kind: OrgKind, field: string): OrgUnit {
  const unit = getUnit(ledger, id);
  if (unit.kind !== kind) {
    throw new LedgerError('VALIDATION', `“${unit.name}”是${unit.kind}，这里需要${kind}。`, [
      { field, message: `应选择${kind}` },
    ]);
  }
  return unit;
}

/** Inserts one unit without its own audit entry: callers write within `write`. */
function insertUnit(ledger: Ledger, name: string, kind: OrgKind, parentId: number | null): OrgUnit {
  const parent = parentId === null ? null : getUnit(ledger, parentId);
  if (!ALLOWED_PARENTS[kind].includes(parent?.kind ?? null)) {
    const where = parent ? `“${parent.name}”（${parent.kind}）之下` : '最上级';
    throw new LedgerError('VALIDATION', `${kind}不能设在${where}。`, [
      { field: '上级组织', message: '上级组织不合适' },
    ]);
  }
  const clash = ledger.db.get<{ id: number }>(
    'org.nameClash',
    sql`SELECT id FROM org_unit WHERE name = ${name} AND parent_id IS ${parentId}`,
  );
  if (clash) {
    throw new LedgerError('CONFLICT', `同一上级下已有名为“${name}”的组织。`, [{ field: '名称', message: '名称重复' }]);
  }
  const now = ledger.clock().toISOString();
  const sibling = ledger.db.get<{ n: number }>(
    'org.nextOrder',
    sql`SELECT COALESCE(MAX(sort_order), 0) + 1 AS n FROM org_unit WHERE parent_id IS ${parentId}`,
  );
  const result = ledger.db.run(
    'org.insert',
    sql`INSERT INTO org_unit (parent_id, kind, name, sort_order, created_at, updated_at)
        VALUES (${parentId}, ${kind}, ${name}, ${sibling?.n ?? 1}, ${now}, ${now})`,
  );
  return getUnit(ledger, Number(result.lastInsertRowid));
}

export function createUnit(ledger: Ledger, input: { name: string; kind: OrgKind; parentId?: number | null }): OrgUnit {
  return write(ledger, () => {
    const unit = insertUnit(ledger, input.name, input.kind, input.parentId ?? null);
    return {
      result: unit,
      audit: {
        action: 'org.create',
        entity: 'org_unit',
        entityId: unit.id,
        after: unit,
        summary: `新增${unit.kind} ${unit.name}`,
      },
    };
  });
}

export function renameUnit(ledger: Ledger, input: { id: number; name: string }): OrgUnit {
  return write(ledger, () => {
    const before = getUnit(ledger, input.id);
    const clash = ledger.db.get<{ id: number }>(
      'org.nameClash',
      sql`SELECT id FROM org_unit WHERE name = ${input.name} AND parent_id IS ${before.parentId} AND id <> ${input.id}`,
    );
    if (clash)
      throw new LedgerError('CONFLICT', `同一上级下已有名为“${input.name}”的组织。`, [
        { field: '名称', message: '名称重复' },
      ]);
    ledger.db.run(
      'org.rename',
      sql`UPDATE org_unit SET name = ${input.name}, updated_at = ${ledger.clock().toISOString()} WHERE id = ${input.id}`,
    );
    const after = getUnit(ledger, input.id);
    return {
      result: after,
      audit: {
        action: 'org.rename',
        entity: 'org_unit',
        entityId: after.id,
        before,
        after,
        summary: `${before.name} 更名为 ${after.name}`,
      },
    };
  });
}

export interface SetupInput {
  committee: { name: string };
  generalBranch?: { name: string } | null;
  branches: Array<{ name: string; groups: string[] }>;
}

/** The first-run tree in one transaction: all of it or none of it. */
export function setupOrganisation(ledger: Ledger, input: SetupInput): OrgUnit[] {
  return write(ledger, () => {
    const committee = insertUnit(ledger, input.committee.name, '党委', null);
    const branchParent = input.generalBranch
      ? insertUnit(ledger, input.generalBranch.name, '党总支', committee.id)
      : committee;
    for (const branch of input.branches) {
      const unit = insertUnit(ledger, branch.name, '党支部', branchParent.id);
      for (const group of branch.groups) insertUnit(ledger, group, '党小组', unit.id);
    }
    const units = listUnits(ledger);
    return {
      result: units,
      audit: {
        action: 'org.setup',
        entity: 'org_unit',
        entityId: committee.id,
        after: input,
        summary: `建立组织：${input.committee.name}，${input.branches.length} 个党支部`,
      },
    };
  });
}
