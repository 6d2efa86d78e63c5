import type { RosterImportReport } from '../../../api/org.ts';
import { sql } from '../../db/sql.ts';
import { LedgerError } from '../../errors.ts';
import { type Ledger, today, write } from '../../ledger.ts';
import { parameter } from '../../templates/ruleset.ts';
import { parseRoster } from './import/roster-parse.ts';
import { readFirstSheetRows } from './import/xlsx-read.ts';
import { insertMember } from './members-write.ts';
import { listUnits, requireUnitOfKind } from './units.ts';

export interface RosterImportInput {
  branchId: number;
  fileName: string;
  bytes: Uint8Array;
}

async function analyse(ledger: Ledger, input: RosterImportInput) {
  const branch = requireUnitOfKind(ledger, input.branchId, '党支部', '导入到党支部');
  const sheet = await readFirstSheetRows(input.bytes, input.fileName);
  const groups = listUnits(ledger)
    .filter((u) => u.kind === '党小组' && u.parentId === branch.id)
    .map((u) => ({ id: u.id, name: u.name }));
  // Duplicates are looked for across the whole ledger: one person is on one branch's roll.
  const existing = ledger.db
    .all<{ id: number; name: string; birth_date: string; id_number: string | null }>(
      'member.importExisting',
      sql`SELECT id, name, birth_date, id_number FROM member`,
    )
    .map((m) => ({ id: m.id, name: m.name, birthDate: m.birth_date, idNumber: m.id_number }));
  const parsed = parseRoster(sheet.rows, {
    fileName: input.fileName,
    sheet: sheet.sheet,
    groups,
    existing,
    rules: { minimumAgeAtJoin: parameter(ledger.ruleSet, 'member.minimumAge') },
    today: today(ledger),
    date1904: sheet.date1904,
  });
  return { branch, ...parsed };
}

export async function previewRosterImport(ledger: Ledger, input: RosterImportInput): Promise<RosterImportReport> {
  return (await analyse(ledger, input)).report;
}

/**
 * All-or-nothing by default: any bad row refuses the whole file and changes nothing.
 * With `skipInvalid` the valid rows go in, in one transaction with one audit entry.
 */
export async function commitRosterImport(
  ledger: Ledger,
  input: RosterImportInput & { skipInvalid: boolean },
  backupBeforeImport: () => void,
): Promise<RosterImportReport> {
  const { branch, report, valid } = await analyse(ledger, input);
  const refused = report.invalidRows > 0 || report.duplicates.length > 0;
  if (refused && !input.skipInvalid) {
    const details = [
      ...report.issues.map((i) => ({
        file: input.fileName,
        sheet: report.sheet,
        row: i.row,
        column: i.column,
        field: i.field,
        message: i.message,
      })),
      ...report.duplicates.map((d) => ({ file: input.fileName, sheet: report.sheet, row: d.row, message: d.message })),
    ];
    throw new LedgerError(
      'BAD_FILE',
      `“${input.fileName}”中有 ${report.invalidRows} 行有问题（其中 ${report.duplicates.length} 行与已有党员或本文件其他行重复），整个文件未导入，台账未做任何修改。请更正后重新导入，或选择“仅导入有效行”。`,
      details,
    );
  }
  if (valid.length === 0) {
    throw new LedgerError('BAD_FILE', `“${input.fileName}”中没有可导入的有效行，台账未做任何修改。`, [
      { file: input.fileName, sheet: report.sheet, message: '没有有效行' },
    ]);
  }
  backupBeforeImport();
  const imported = write(ledger, () => {
    for (const row of valid) insertMember(ledger, row.fields, branch.id, row.fields.joinDate);
    return {
      result: valid.length,
      audit: {
        action: 'member.import',
        entity: 'member',
        entityId: null,
        after: { file: input.fileName, sheet: report.sheet, branchId: branch.id, rows: valid.map((r) => r.row) },
        summary: `从“${input.fileName}”导入 ${valid.length} 名党员到${branch.name}`,
      },
    };
  });
  return { ...report, imported, committed: true };
}
