/**
 * The blank fill-in workbook (issue #7 "A blank fill-in workbook"): the roster, meeting,
 * attendance and dues sheets with drop-down lists, an explanation on every header cell and one
 * example row.
 *
 * Layout of each sheet: row 1 title, row 2 the example, row 3 the headers, records from row 4.
 * The example sits ABOVE the headers on purpose: it stays in view (frozen) while a clerk fills in
 * rows far down, and any reader that starts below the header row — the existing roster importer
 * included — skips it without having to recognise it.
 *
 * Drop-downs reference a veryHidden list sheet (a literal list over 255 characters corrupts the
 * file: 民族 alone is 56 names), one validation per column range (DOCUMENTS.md §2.5).
 *
 * Each column's explanation is a data-validation input message (shown when the header cell or a
 * cell below it is selected, in Excel, WPS and LibreOffice), not a cell comment: openpyxl — and so
 * the hand-made Python scripts committees use — re-saves comments as xl/comments/commentN.xml with
 * absolute targets, and exceljs 4.4.0 then cannot load the file at all ("reading 'comments'",
 * exceljs#2797), so a filled-in template would no longer import.
 */
import type ExcelJS from 'exceljs';
import { DUES_CATEGORIES } from '../../../api/dues.ts';
import { ATTENDANCE_STATUSES, MEETING_KINDS } from '../../../api/life.ts';
import type { Ledger } from '../../ledger.ts';
import { listUnits, requireUnitOfKind } from '../../modules/org/units.ts';
import { MANIFEST_FORMAT, MANIFEST_VERSION, type TemplateManifest } from '../manifest.ts';
import { writtenValue } from './canonical.ts';
import {
  fillInTemplateLayout,
  fillPlaceholders,
  ledgerWorkbookLayout,
  PACK,
  type SheetStyle,
  safeFileName,
  type TemplateWorkbookLayout,
} from './layout.ts';
import { columnLetter, rangeValidations, writeManifestSheet, writeWorkbook } from './sheet-writer.ts';
import { SOURCE_FIELDS } from './sources/index.ts';
import {
  bodyStyle,
  columnNumFmt,
  font,
  headerStyle,
  plainStyle,
  printableSheet,
  rowHeight,
  titleStyle,
} from './styles.ts';

const EXAMPLE_ROW = 2;
const HEADER_ROW = 3;
const FIRST_DATA_ROW = 4;
const LISTS_SHEET = '_lists';

export interface FillInTemplateOptions {
  /** With a branch, the 党小组 drop-down lists its groups and the title names it. */
  branchId?: number;
}

type ListRefs = Map<string, string>;

function nonEmpty(lists: ReadonlyMap<string, readonly string[]>): Array<[string, readonly string[]]> {
  return [...lists].filter(([, values]) => values.length > 0);
}

/**
 * Where each list will sit on the hidden sheet (one column per non-empty list, values from row 2),
 * known before that sheet is written, so the data sheets can come first in the workbook.
 */
function listRefs(lists: ReadonlyMap<string, readonly string[]>): ListRefs {
  return new Map(
    nonEmpty(lists).map(([name, values], i) => {
      const col = columnLetter(i + 1);
      return [name, `'${LISTS_SHEET}'!$${col}$2:$${col}$${values.length + 1}`];
    }),
  );
}

/** One column per list on the hidden sheet: row 1 the list's name, its values below. */
function writeListsSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  lists: ReadonlyMap<string, readonly string[]>,
): void {
  const sheet = workbook.addWorksheet(LISTS_SHEET, { state: 'veryHidden' });
  const entries = nonEmpty(lists);
  const longest = Math.max(0, ...entries.map(([, values]) => values.length));
  for (let r = 1; r <= longest + 1; r += 1) {
    const row = sheet.getRow(r);
    entries.forEach(([name, values], i) => {
      const value = r === 1 ? name : values[r - 2];
      if (value !== undefined) row.getCell(i + 1).value = value;
    });
    row.commit();
  }
  sheet.commit();
}

function writeTemplateSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  layout: TemplateWorkbookLayout,
  sheet: TemplateWorkbookLayout['sheets'][number],
  title: string,
  refs: ListRefs,
  style: SheetStyle,
): void {
  const worksheet = workbook.addWorksheet(sheet.name, printableSheet(style, sheet.orientation, HEADER_ROW));
  worksheet.columns = sheet.columns.map((c) => {
    const numFmt = columnNumFmt(c.type, c.numFmt);
    return { width: c.width, style: { font: font(style.bodyFont, style.bodySize), ...(numFmt ? { numFmt } : {}) } };
  });
  const n = sheet.columns.length;

  const titleRow = worksheet.getRow(1);
  titleRow.getCell(1).style = titleStyle(style);
  titleRow.getCell(1).value = title;
  worksheet.mergeCells(1, 1, 1, n);
  titleRow.height = 32;
  titleRow.commit();

  const exampleRow = worksheet.getRow(EXAMPLE_ROW);
  const exampleFont = font(style.bodyFont, 9, { italic: true, color: { argb: 'FF808080' } });
  sheet.columns.forEach((c, i) => {
    const value = i === 0 ? layout.exampleLabel : writtenValue(c.example ?? null, c.type);
    const cell = exampleRow.getCell(i + 1);
    cell.style = { ...bodyStyle(style, i === 0 ? 'text' : c.type, c.numFmt), font: exampleFont };
    if (value !== null) cell.value = value;
  });
  exampleRow.height = rowHeight([{ text: layout.exampleLabel, width: sheet.columns[0]?.width ?? 9 }], 9, 20);
  exampleRow.commit();

  const headerRow = worksheet.getRow(HEADER_ROW);
  const header = headerStyle(style);
  sheet.columns.forEach((c, i) => {
    const cell = headerRow.getCell(i + 1);
    cell.style = header;
    cell.value = c.header;
  });
  headerRow.height = rowHeight(
    sheet.columns.map((c) => ({ text: c.header, width: c.width })),
    style.headerSize,
    24,
  );
  headerRow.commit();

  const lastRow = FIRST_DATA_ROW + layout.dataRows - 1;
  const validations = rangeValidations(worksheet);
  sheet.columns.forEach((c, i) => {
    const letter = columnLetter(i + 1);
    // Excel's limits: 32 characters of title, 255 of message.
    const prompt = { showInputMessage: true, promptTitle: c.header.slice(0, 32), prompt: c.note.slice(0, 255) };
    validations.add(`${letter}${HEADER_ROW}`, { type: 'any', ...prompt });
    const ref = c.list ? refs.get(c.list) : undefined;
    const range = `${letter}${FIRST_DATA_ROW}:${letter}${lastRow}`;
    if (!ref) {
      validations.add(range, { type: 'any', ...prompt });
      return;
    }
    validations.add(range, {
      type: 'list',
      allowBlank: true,
      formulae: [ref],
      ...prompt,
      showErrorMessage: true,
      // 学历 and the like have more forms than the list: warn, but let the clerk keep their value.
      errorStyle: c.strict === false ? 'warning' : 'stop',
      errorTitle: `${c.header}填写有误`,
      error: c.strict === false ? `建议从下拉列表中选择${c.header}。` : `请从下拉列表中选择${c.header}。`,
    });
  });
  worksheet.commit();
}

function writeInstructions(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  layout: TemplateWorkbookLayout,
  style: SheetStyle,
): void {
  const { instructions } = layout;
  const worksheet = workbook.addWorksheet(instructions.name, {
    ...printableSheet(style, 'portrait', 1),
    views: [{ state: 'normal' }],
  });
  const width = 96;
  worksheet.columns = [{ width }];
  const title = worksheet.getRow(1);
  title.getCell(1).style = titleStyle(style);
  title.getCell(1).value = instructions.title;
  title.height = 36;
  title.commit();
  instructions.paragraphs.forEach((text, i) => {
    const row = worksheet.getRow(i + 2);
    row.getCell(1).style = plainStyle(style);
    row.getCell(1).value = text;
    row.height = rowHeight([{ text, width }], style.bodySize, 22);
    row.commit();
  });
  worksheet.commit();
}

export async function exportFillInTemplate(
  ledger: Ledger,
  options: FillInTemplateOptions = {},
): Promise<{ fileName: string; buffer: Buffer; manifest: TemplateManifest }> {
  const layout = fillInTemplateLayout();
  const { style } = ledgerWorkbookLayout(SOURCE_FIELDS);
  const branch =
    options.branchId === undefined ? null : requireUnitOfKind(ledger, options.branchId, '党支部', '党支部');
  const groups = branch ? listUnits(ledger).filter((u) => u.kind === '党小组' && u.parentId === branch.id) : [];
  const lists = new Map<string, readonly string[]>([
    ...Object.entries(layout.lists),
    ['党小组', groups.map((g) => g.name)],
    ['会议类型', MEETING_KINDS],
    ['出席情况', ATTENDANCE_STATUSES],
    ['党费类别', DUES_CATEGORIES],
  ]);
  const now = ledger.clock();
  const manifest: TemplateManifest = {
    format: MANIFEST_FORMAT,
    version: MANIFEST_VERSION,
    kind: 'fill-in-template',
    pack: { id: PACK.id, version: PACK.version },
    layout: { id: layout.id, version: layout.version },
    branch: branch ? { id: branch.id, name: branch.name } : null,
    createdAt: now.toISOString(),
    sheets: layout.sheets.map((s) => ({
      key: s.key,
      name: s.name,
      headerRow: HEADER_ROW,
      exampleRow: EXAMPLE_ROW,
      firstDataRow: FIRST_DATA_ROW,
      columns: s.columns.map((c) => ({ header: c.header, field: c.field, type: c.type })),
    })),
  };
  const branchName = branch?.name ?? '';
  const buffer = await writeWorkbook(
    { creator: 'Branch Ledger 党支部工作台账', created: now, title: `${branchName}${layout.name}` },
    (workbook) => {
      // Sheet order matters: importers that read "the first visible sheet" find the roster.
      const refs = listRefs(lists);
      for (const sheet of layout.sheets) {
        const title = fillPlaceholders(layout.title, { branch: branchName, sheet: sheet.name });
        writeTemplateSheet(workbook, layout, sheet, title, refs, style);
      }
      writeInstructions(workbook, layout, style);
      writeListsSheet(workbook, lists);
      writeManifestSheet(workbook, manifest);
    },
  );
  return {
    fileName: safeFileName(fillPlaceholders(layout.fileName, { branch: branchName || '党支部' })),
    buffer,
    manifest,
  };
}
