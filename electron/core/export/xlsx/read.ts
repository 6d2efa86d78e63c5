/**
 * Reads every sheet of a workbook handed in for verification into canonical rows. The file may
 * come from anywhere, so the same order as the roster importer: magic bytes, our own bounded zip
 * scan (zip bombs, lying sizes), the workbook.xml checks, and only then exceljs's in-memory loader
 * with merges, validations and other per-cell expansions switched off (DOCUMENTS.md §2.10).
 */
import ExcelJS from 'exceljs';
import { LedgerError } from '../../errors.ts';
import { checkWorkbookXml } from '../../modules/org/import/workbook-guard.ts';
import {
  inflateEntry,
  readCentralDirectory,
  verifyDeclaredSizes,
  XLSX_LIMITS,
  ZipRefusal,
} from '../../modules/org/import/zip-scan.ts';
import type { CanonicalRow, ColumnType } from '../manifest.ts';
import { canonicalCell, trimRow } from './canonical.ts';

/** A ledger workbook has a few thousand rows; this bounds a hostile one. */
const MAX_ROWS = 100_000;
const MAX_COLS = 200;
const MAX_FILE_BYTES = 100 * 1024 * 1024;
const IGNORE_NODES = [
  'dataValidations',
  'conditionalFormatting',
  'mergeCells',
  'extLst',
  'drawing',
  'picture',
  'hyperlinks',
  'cols',
];
const RESAVE = '请在 Excel/WPS 中打开，另存为“Excel 工作簿 (*.xlsx)”后再核验';

export interface ReadSheet {
  name: string;
  state: string;
  /** Cell values by row number, exceljs-shaped (typed later, per the manifest's columns). */
  rows: Array<{ row: number; cells: unknown[] }>;
}

export interface ReadWorkbook {
  sheets: ReadSheet[];
  date1904: boolean;
}

function refuse(fileName: string, message: string, cause?: unknown): LedgerError {
  return new LedgerError('BAD_FILE', `无法核验“${fileName}”：${message}`, [{ file: fileName, message }], { cause });
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

async function preflight(bytes: Uint8Array, fileName: string): Promise<void> {
  if (bytes.length === 0) throw refuse(fileName, '文件是空的');
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw refuse(fileName, `这是 .xls 旧格式或加密的工作簿。${RESAVE}`);
  }
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) throw refuse(fileName, `这不是 Excel 工作簿（.xlsx）文件。`);
  if (bytes.length > MAX_FILE_BYTES) throw refuse(fileName, `文件超过 ${MAX_FILE_BYTES / 1024 / 1024} MB`);
  try {
    const entries = readCentralDirectory(bytes, XLSX_LIMITS);
    await verifyDeclaredSizes(bytes, entries);
    const workbook = entries.find((e) => e.name.replace(/^\//, '') === 'xl/workbook.xml');
    if (!workbook) throw new ZipRefusal(`文件中没有工作簿内容（xl/workbook.xml）。${RESAVE}`);
    checkWorkbookXml((await inflateEntry(bytes, workbook, true)).toString('utf8'));
  } catch (error) {
    if (error instanceof ZipRefusal) throw refuse(fileName, error.message, error);
    throw refuse(fileName, `文件结构已损坏。${RESAVE}`, error);
  }
}

export async function readWorkbook(bytes: Uint8Array, fileName: string): Promise<ReadWorkbook> {
  await preflight(bytes, fileName);
  const workbook = new ExcelJS.Workbook();
  try {
    // maxRows/maxCols are real but undocumented options of exceljs 4.4.0's loader.
    const options = { ignoreNodes: IGNORE_NODES, maxRows: MAX_ROWS, maxCols: MAX_COLS };
    await workbook.xlsx.load(new Uint8Array(bytes).buffer, options);
  } catch (error) {
    throw refuse(fileName, `文件内容无法读取，可能已损坏或由其他软件生成。${RESAVE}`, error);
  }
  const sheets = workbook.worksheets.map((worksheet) => {
    const rows: ReadSheet['rows'] = [];
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: unknown[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        if (col <= MAX_COLS) cells[col - 1] = cell.value;
      });
      rows.push({ row: rowNumber, cells });
    });
    rows.sort((a, b) => a.row - b.row);
    return { name: worksheet.name, state: worksheet.state, rows };
  });
  return { sheets, date1904: Boolean(workbook.properties?.date1904) };
}

/** One sheet's rows as canonical rows, typed by column position (index 0 = column A). */
export function canonicalRows(
  sheet: ReadSheet,
  types: ReadonlyArray<ColumnType | undefined>,
  date1904: boolean,
): Array<{ row: number; values: CanonicalRow }> {
  return sheet.rows
    .map(({ row, cells }) => ({
      row,
      values: trimRow(Array.from({ length: cells.length }, (_, i) => canonicalCell(cells[i], types[i], date1904))),
    }))
    .filter((r) => r.values.length > 0);
}
