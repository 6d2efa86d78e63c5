import type { Responsibility, RoleResponsibilities } from '../../../api/duties.ts';
import { PARTY_POSTS, type PartyPost } from '../../../api/org.ts';
import { sql } from '../../db/sql.ts';
import { LedgerError } from '../../errors.ts';
import { type Ledger, write } from '../../ledger.ts';
import { defaultDutiesTemplate, templateResponsibilities } from '../../templates/duties.ts';
import { requireUnitOfKind } from '../org/units.ts';

interface OverrideRow {
  post: PartyPost;
  items: string;
  updated_at: string;
}

function defaultsOf(post: PartyPost): Responsibility[] {
  return templateResponsibilities(post).map((r) => ({ text: r.text, source: r.source.title, tag: r.source.tag }));
}

function parseItems(json: string): string[] {
  const value: unknown = JSON.parse(json);
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
    throw new Error('duty_role_override.items is not an array of strings');
  return value;
}

/** A branch's line keeps the template's source when the clerk left its wording unchanged. */
function toRole(post: PartyPost, row: OverrideRow | undefined): RoleResponsibilities {
  const defaults = defaultsOf(post);
  if (!row) return { post, items: defaults, overridden: false, defaults, updatedAt: null };
  const items = parseItems(row.items).map(
    (text): Responsibility => defaults.find((d) => d.text === text) ?? { text, source: null, tag: null },
  );
  return { post, items, overridden: true, defaults, updatedAt: row.updated_at };
}

/** Every post's list as the branch uses it: its own edit where it made one, the template's elsewhere. */
export function branchResponsibilities(ledger: Ledger, branchId: number): RoleResponsibilities[] {
  const rows = ledger.db.all<OverrideRow>(
    'duties.overrides',
    sql`SELECT post, items, updated_at FROM duty_role_override WHERE branch_id = ${branchId}`,
  );
  return PARTY_POSTS.map((post) =>
    toRole(
      post,
      rows.find((r) => r.post === post),
    ),
  );
}

function roleOf(ledger: Ledger, branchId: number, post: PartyPost): RoleResponsibilities {
  const row = ledger.db.get<OverrideRow>(
    'duties.override',
    sql`SELECT post, items, updated_at FROM duty_role_override WHERE branch_id = ${branchId} AND post = ${post}`,
  );
  return toRole(post, row);
}

export function setResponsibilities(
  ledger: Ledger,
  input: { branchId: number; post: PartyPost; items: string[] },
): RoleResponsibilities {
  return write(ledger, () => {
    const branch = requireUnitOfKind(ledger, input.branchId, '党支部', '党支部');
    const items = input.items.map((t) => t.trim());
    const blank = items.indexOf('');
    if (blank >= 0)
      throw new LedgerError('VALIDATION', `${input.post}的第 ${blank + 1} 条职责是空的，请填写或删去。`, [
        { field: `第 ${blank + 1} 条职责`, message: '不能为空' },
      ]);
    const seen = new Set<string>();
    items.forEach((t, i) => {
      if (seen.has(t))
        throw new LedgerError('VALIDATION', `${input.post}的第 ${i + 1} 条职责与前面重复：“${t}”。`, [
          { field: `第 ${i + 1} 条职责`, message: '与前面重复' },
        ]);
      seen.add(t);
    });
    const before = roleOf(ledger, input.branchId, input.post);
    ledger.db.run(
      'duties.setOverride',
      sql`INSERT INTO duty_role_override (branch_id, post, items, updated_at)
          VALUES (${input.branchId}, ${input.post}, ${JSON.stringify(items)}, ${ledger.clock().toISOString()})
          ON CONFLICT (branch_id, post) DO UPDATE SET items = excluded.items, updated_at = excluded.updated_at`,
    );
    return {
      result: roleOf(ledger, input.branchId, input.post),
      audit: {
        action: 'duties.setResponsibilities',
        entity: 'duty_role_override',
        entityId: `${input.branchId}:${input.post}`,
        before: { overridden: before.overridden, items: before.items.map((i) => i.text) },
        after: { items },
        summary: `修改${branch.name}${input.post}职责清单（${items.length} 条）`,
      },
    };
  });
}

export function resetResponsibilities(
  ledger: Ledger,
  input: { branchId: number; post: PartyPost },
): RoleResponsibilities {
  return write(ledger, () => {
    const branch = requireUnitOfKind(ledger, input.branchId, '党支部', '党支部');
    const before = roleOf(ledger, input.branchId, input.post);
    if (!before.overridden)
      throw new LedgerError('CONFLICT', `${branch.name}的${input.post}职责清单本来就是默认清单，无需恢复。`, [
        { field: `${input.post}职责`, message: '已是默认清单' },
      ]);
    ledger.db.run(
      'duties.resetOverride',
      sql`DELETE FROM duty_role_override WHERE branch_id = ${input.branchId} AND post = ${input.post}`,
    );
    const template = defaultDutiesTemplate();
    return {
      result: roleOf(ledger, input.branchId, input.post),
      audit: {
        action: 'duties.resetResponsibilities',
        entity: 'duty_role_override',
        entityId: `${input.branchId}:${input.post}`,
        before: { items: before.items.map((i) => i.text) },
        after: { template: `${template.id} ${template.version}` },
        summary: `${branch.name}${input.post}职责清单恢复为默认（${template.name} ${template.version}）`,
      },
    };
  });
}
