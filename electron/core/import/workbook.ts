/**
 * Our own workbooks into a LedgerBundle: the signed ledger workbook (records carry their ids in
 * the hidden 记录编号 column; the manifest names the ledger they came from) and the filled-in
 * template (no ids: rows go into the branch the caller chooses — or the one the template was made
 * for — and are matched by natural keys). The file is read with the bounded reader verify uses,
 * and verified: the report says whether it is intact, edited (which sheets) or unsigned.
 *
 * Fidelity (layout 2026.2): what the compliance rules and the rubric read must come back — each
 * 党小组会's group, each member's status and its date (and who left during the year), the
 * meetings' 整改事项, 发展党员 with every step's date, 书记项目 with its lists, the committee's term
 * and the assessor's scores, vetoes and stage. Files of the earlier layout import as before.
 */
import type { ImportReport } from '../../api/imports.ts';
import { LedgerError } from '../errors.ts';
import { MANIFEST_MARKER, MANIFEST_SHEET, type Manifest, manifestFromChunks } from '../export/manifest.ts';
import { fillInTemplateLayout, ledgerWorkbookLayout } from '../export/xlsx/layout.ts';
import { type ReadWorkbook, readWorkbook } from '../export/xlsx/read.ts';
import { SOURCE_FIELDS } from '../export/xlsx/sources/index.ts';
import { manifestChunks, verifyReadWorkbook } from '../export/xlsx/verify.ts';
import { type Ledger, today } from '../ledger.ts';
import { activeRubric, rubricRef } from '../modules/assessment/rubric-store.ts';
import { readLedgerId, readPublicSigningKey } from '../signing/keys.ts';
import { type BundleUnit, emptyBundle, type LedgerBundle } from './bundle.ts';
import { ID_FIELD, readTable, type SheetTable } from './sheet-table.ts';
import {
  LocalIds,
  type Reading,
  readAssessment,
  readAttendance,
  readDevelopment,
  readDues,
  readMeetings,
  readPlans,
  readProjects,
  readRoster,
  readTalks,
  readTerm,
} from './workbook-sheets.ts';

export interface ReadBundle {
  bundle: LedgerBundle;
  integrity: ImportReport['integrity'];
  /** Sheets with records that this version does not import. */
  notImported: string[];
  /** The branch a filled-in template goes to (the caller's, else the one it was made for). */
  branchId?: number;
}

function manifestOf(read: ReadWorkbook): Manifest | null {
  const sheet = read.sheets.find((s) => s.name === MANIFEST_SHEET);
  if (sheet?.rows.find((r) => r.row === 1)?.cells[0] !== MANIFEST_MARKER) return null;
  const parsed = manifestFromChunks(manifestChunks(sheet));
  return parsed.ok ? parsed.manifest : null;
}

function sheetOf(read: ReadWorkbook, name: string) {
  return read.sheets.find((s) => s.name === name);
}

/** A sheet we do not import yet, listed when it holds records. */
function hasRecords(table: SheetTable | null): boolean {
  return table?.rows.some((row) => row.id !== null) ?? false;
}

function retitle(error: unknown, fileName: string): unknown {
  if (!(error instanceof LedgerError)) return error;
  return new LedgerError(
    error.code,
    error.message.replace(`无法核验“${fileName}”`, `无法导入“${fileName}”`).replace('后再核验', '后再导入'),
    error.details,
    { cause: error },
  );
}

export async function readOurWorkbook(
  ledger: Ledger,
  bytes: Uint8Array,
  fileName: string,
  options: { branchId?: number },
): Promise<ReadBundle> {
  let read: ReadWorkbook;
  try {
    read = await readWorkbook(bytes, fileName);
  } catch (error) {
    throw retitle(error, fileName);
  }
  const key = readPublicSigningKey(ledger);
  const ledgerId = readLedgerId(ledger);
  const verified = verifyReadWorkbook(fileName, read, {
    thisLedger: key && ledgerId ? { ledgerId, publicKey: key.publicKey } : null,
  });
  const integrity: ImportReport['integrity'] = {
    status: verified.status,
    message: verified.message,
    editedSheets: [...verified.sheets.filter((s) => s.status !== 'intact').map((s) => s.name), ...verified.addedSheets],
  };
  const manifest = manifestOf(read);
  const ledgerLayout = ledgerWorkbookLayout(SOURCE_FIELDS);
  const templateLayout = fillInTemplateLayout();
  const idHeader = ledgerLayout.idHeader;
  const rosterName = ledgerLayout.sheets.find((s) => s.key === 'roster')?.name ?? '党员花名册';
  const rosterSheet = sheetOf(read, rosterName);
  // Without a manifest, the hidden id column tells an export (whose manifest was removed) from a template.
  const exportedTable = rosterSheet
    ? readTable(rosterSheet, ledgerLayout.sheets.find((s) => s.key === 'roster')?.columns ?? [], idHeader)
    : null;
  const exported =
    manifest?.kind === 'ledger-workbook' || (manifest === null && (exportedTable?.columns.has(ID_FIELD) ?? false));
  const isTemplate = manifest?.kind === 'fill-in-template' || (!exported && templateSheetsPresent(read));
  if (!exported && !isTemplate) {
    throw new LedgerError(
      'BAD_FILE',
      `无法导入“${fileName}”：这不是本程序导出的台账工作簿或填报模板（没有找到“${rosterName}”等工作表及其表头）。其他来源的党员名册请在“党员管理”中用“导入花名册”导入。`,
      [{ file: fileName, message: '不是本程序的工作簿' }],
    );
  }
  const signed = manifest?.kind === 'ledger-workbook' ? manifest : null;
  const bundle = emptyBundle({
    ledgerId: signed?.ledgerId ?? null,
    exportedAt: signed?.exportedAt ?? (manifest?.kind === 'fill-in-template' ? manifest.createdAt : ''),
    pack: manifest?.pack ?? { id: '', version: '' },
    kind: exported ? 'ledger-workbook' : 'fill-in-template',
    identity: signed ? 'ids' : 'natural',
  });
  const local = new LocalIds();
  const templateBranch = manifest?.kind === 'fill-in-template' ? manifest.branch : null;
  const targetBranch = options.branchId ?? (signed ? undefined : templateBranch?.id);
  if (!signed && targetBranch === undefined) {
    throw new LedgerError('VALIDATION', `“${fileName}”没有注明党支部，请选择要导入到哪个党支部。`, [
      { file: fileName, field: '党支部', message: '请选择' },
    ]);
  }
  // A signed export names its branch and its committee; a template goes where the caller says.
  const parentName = signed ? coverValue(read, ledgerLayout.cover.name, '上级党组织') : null;
  const branch: BundleUnit = signed
    ? {
        id: signed.branch.id,
        parentId: parentName ? -1000 : null,
        kind: '党支部',
        name: signed.branch.name,
        sortOrder: 0,
        parentNames: parentName ? [parentName] : [],
      }
    : {
        id: local.take(),
        parentId: null,
        kind: '党支部',
        name: templateBranch?.name ?? '',
        sortOrder: 0,
        parentNames: [],
      };
  if (signed && parentName) {
    bundle.units.push({ id: -1000, parentId: null, kind: '党委', name: parentName, sortOrder: 0, parentNames: [] });
  }
  bundle.units.push(branch);
  const r: Reading = {
    bundle,
    options: { date1904: read.date1904, today: today(ledger) },
    local,
    branch,
    groups: new Map(),
    memberByName: new Map(),
  };
  const notImported: string[] = [];
  const layoutSheets = exported
    ? ledgerLayout.sheets.map((s) => ({ key: s.key, name: s.name, columns: s.columns }))
    : templateLayout.sheets.map((s) => ({ key: s.key, name: s.name, columns: s.columns }));
  const tableOf = (key: string) => {
    const layout = layoutSheets.find((s) => s.key === key);
    const sheet = layout ? sheetOf(read, layout.name) : undefined;
    return layout && sheet ? readTable(sheet, layout.columns, exported ? idHeader : null) : null;
  };
  const masked = signed ? signed.idNumbers === 'masked' : false;
  const year = signed?.year ?? null;
  const roster = tableOf('roster');
  if (roster) readRoster(r, roster, masked);
  const meetings = tableOf('meetings');
  if (meetings) readMeetings(r, meetings);
  const attendance = tableOf('attendance');
  if (attendance) readAttendance(r, attendance);
  const talks = tableOf('talks');
  if (talks) readTalks(r, talks);
  const plans = tableOf('plans');
  if (plans) readPlans(r, plans);
  const dues = tableOf('dues');
  if (dues) readDues(r, dues, year);
  const assessment = tableOf('assessment');
  if (assessment && year !== null) readAssessment(r, assessment, year, rubricRef(activeRubric(ledger)));
  const development = tableOf('development');
  // Before layout 2026.2 the sheet shows only milestone dates: too little to rebuild the deadlines.
  const stepLog = development?.columns.has('stepLog') ?? false;
  if (development && stepLog) readDevelopment(r, development);
  const elections = tableOf('elections');
  if (elections && exported) readTerm(r, elections);
  const projects = tableOf('projects');
  if (projects && year !== null) readProjects(r, projects, year);
  // 换届选举 shows candidates and tallies by name and 示范岗与积分 only totals: neither rebuilds its records.
  // Without the manifest's year, the year-bound 考核评分 and 书记项目 cannot be placed either.
  const yearBound = year === null ? ['projects', 'assessment'] : [];
  for (const key of [...(stepLog ? [] : ['development']), 'elections', ...yearBound, 'points']) {
    const layout = layoutSheets.find((s) => s.key === key);
    if (layout && hasRecords(tableOf(key))) notImported.push(layout.name);
  }
  return { bundle, integrity, notImported, ...(targetBranch !== undefined ? { branchId: targetBranch } : {}) };
}

function templateSheetsPresent(read: ReadWorkbook): boolean {
  const layout = fillInTemplateLayout();
  return layout.sheets.some((s) => {
    const sheet = sheetOf(read, s.name);
    return sheet ? readTable(sheet, s.columns, null) !== null : false;
  });
}

/** A value from the 说明 sheet ("上级党组织" → its name). */
function coverValue(read: ReadWorkbook, coverName: string, label: string): string | null {
  const cover = sheetOf(read, coverName);
  const row = cover?.rows.find((r) => r.cells[0] === label);
  const value = row?.cells[1];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}
