/**
 * Reads the first visible worksheet of an UNTRUSTED .xlsx into plain cell values.
 * Order matters: magic bytes, then our own zip scan and size verification, then workbook.xml
 * checks, and only then exceljs — whose in-memory loader trusts the zip and expands merges,
 * validations and defined names cell by cell (DOCUMENTS.md §0.3, §2.10).
 *
 * Callers in the app should still run this in a worker with a heap limit: these checks bound the
 * known attacks, not every possible one.
 */
import ExcelJS from 'exceljs';
import { LedgerError } from '../../../errors.ts';
import { checkWorkbookXml } from './workbook-guard.ts';
import { inflateEntry, readCentralDirectory, verifyDeclaredSizes, XLSX_LIMITS, ZipRefusal } from './zip-scan.ts';

/** A cell as the importer sees it: formulas reduced to their result, rich text to plain text. */
export type CellValue = string | number | boolean | Date | null;

export interface SheetRow {
  /** 1-based, as Excel shows it. */
  row: number;
  /** cells[0] is column A; empty cells are null. Rows with no value at all are left out. */
  cells: CellValue[];
}

export interface SheetData {
  sheet: string;
  rows: SheetRow[];
  /** Workbook uses the 1904 date system; numeric date serials must be read with it. */
  date1904: boolean;
}

export const MAX_ROWS = 20_000;
export const MAX_COLS = 100;
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
/** Excel's own limit on the length of a cell's text. */
export const MAX_CELL_CHARS = 32_767;

/** exceljs nodes we never need and that cost time or memory per cell on hostile files. */
const IGNORE_NODES = [
  'dataValidations',
  'conditionalFormatting',
  'mergeCells',
  'extLst',
  'drawing',
  'picture',
  'hyperlinks',
  // <col min="1" max="…"> becomes one Column object per column; max is not bounded by exceljs.
  'cols',
];

const RESAVE = '请在 Excel/WPS 中打开，另存为“Excel 工作簿 (*.xlsx)”后再导入';

function refuse(fileName: string, message: string, cause?: unknown): LedgerError {
  return new LedgerError('BAD_FILE', `无法导入“${fileName}”：${message}`, [{ file: fileName, message }], { cause });
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/**
 * Text as a clerk means it: NFC, tabs and line breaks as spaces, other control and zero-width
 * characters removed (they break matching and duplicate checks), trimmed, capped at Excel's limit.
 */
export function cleanText(text: string): string {
  let out = text
    .normalize('NFC')
    .replace(/[\t\r\n]+/g, ' ')
    .replace(/[\p{Cc}\u200B-\u200D\u2060\uFEFF]/gu, '')
    .trim();
  if (out.length > MAX_CELL_CHARS) {
    out = out.slice(0, MAX_CELL_CHARS);
    // Do not leave half of a surrogate pair (CJK Ext-B name characters) at the cut.
    if (/[\uD800-\uDBFF]$/.test(out)) out = out.slice(0, -1);
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** One exceljs cell value → CellValue, by shape (cell.type is not reliable for formula results). */
export function normalizeCellValue(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return cleanText(value) || null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (!isObject(value)) return null;
  if (Array.isArray(value.richText)) {
    const text = value.richText.map((run: unknown) => (isObject(run) ? String(run.text ?? '') : '')).join('');
    return cleanText(text) || null;
  }
  // Formulas from other branches are data: keep the cached result, never the formula.
  if ('formula' in value || 'sharedFormula' in value) return normalizeCellValue(value.result);
  if ('hyperlink' in value) return normalizeCellValue(value.text);
  if ('error' in value) return null;
  if ('text' in value) return normalizeCellValue(value.text);
  return null;
}

async function preflight(bytes: Uint8Array, fileName: string): Promise<void> {
  if (bytes.length === 0) throw refuse(fileName, '文件是空的');
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw refuse(fileName, '这是 .xls 旧格式或加密的工作簿，请在 Excel/WPS 中另存为 .xlsx 后再导入');
  }
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    throw refuse(fileName, `这不是 Excel 工作簿（.xlsx）文件。${RESAVE}`);
  }
  if (bytes.length > MAX_FILE_BYTES) {
    throw refuse(
      fileName,
      `文件大小超过 ${MAX_FILE_BYTES / 1024 / 1024} MB，花名册通常不到 1 MB，请只保留名册工作表后再导入`,
    );
  }
  try {
    const entries = readCentralDirectory(bytes, XLSX_LIMITS);
    await verifyDeclaredSizes(bytes, entries);
    const workbook = entries.find((e) => e.name.replace(/^\//, '') === 'xl/workbook.xml');
    if (!workbook) throw new ZipRefusal(`文件中没有工作簿内容（xl/workbook.xml），可能不是 Excel 文件。${RESAVE}`);
    checkWorkbookXml((await inflateEntry(bytes, workbook, true)).toString('utf8'));
  } catch (error) {
    if (error instanceof ZipRefusal) throw refuse(fileName, error.message, error);
    // Out-of-range reads on a mangled directory and the like: still the file's fault.
    throw refuse(fileName, `文件结构已损坏。${RESAVE}`, error);
  }
}

function loaderMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/Max row count/.test(text)) {
    return `工作表超过 ${MAX_ROWS} 行，无法导入。请只保留党员名册的数据行后另存再导入`;
  }
  if (/Max column count/.test(text)) {
    return `工作表中有一行超过 ${MAX_COLS} 列，无法导入。请删除名册以外的列后另存再导入`;
  }
  if (/reading 'sheets'|entity|Unexpected|Invalid|not well-formed/i.test(text)) {
    return `文件内容无法解析，可能已损坏或由其他软件生成。${RESAVE}`;
  }
  return `文件无法读取，可能已损坏。${RESAVE}`;
}

/** The exceljs in-memory loader; maxRows/maxCols are real but undocumented options of 4.4.0. */
async function loadWorkbook(bytes: Uint8Array, fileName: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  const options = { ignoreNodes: IGNORE_NODES, maxRows: MAX_ROWS, maxCols: MAX_COLS };
  try {
    // A copied ArrayBuffer: exceljs's typings declare their own ArrayBuffer-shaped `Buffer`, and
    // JSZip accepts it as is.
    await workbook.xlsx.load(new Uint8Array(bytes).buffer, options);
  } catch (error) {
    throw refuse(fileName, loaderMessage(error), error);
  }
  return workbook;
}

function sheetRows(worksheet: ExcelJS.Worksheet): SheetRow[] {
  const rows: SheetRow[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      // Stray values far to the right cannot be roster columns; dropping them keeps rows dense.
      if (colNumber > MAX_COLS) return;
      const value = normalizeCellValue(cell.value);
      if (value === null) return;
      while (cells.length < colNumber - 1) cells.push(null);
      cells[colNumber - 1] = value;
    });
    if (cells.length > 0) rows.push({ row: rowNumber, cells });
  });
  return rows.sort((a, b) => a.row - b.row);
}

/** Reads the first visible worksheet; every failure is a LedgerError('BAD_FILE') naming the file. */
export async function readFirstSheetRows(bytes: Uint8Array, fileName: string): Promise<SheetData> {
  await preflight(bytes, fileName);
  const workbook = await loadWorkbook(bytes, fileName);
  const worksheet = workbook.worksheets.find((ws) => ws.state !== 'hidden' && ws.state !== 'veryHidden');
  if (!worksheet) throw refuse(fileName, '工作簿中没有可见的工作表');
  try {
    return { sheet: worksheet.name, rows: sheetRows(worksheet), date1904: Boolean(workbook.properties?.date1904) };
  } catch (error) {
    throw refuse(fileName, `读取工作表“${worksheet.name}”时出错。${RESAVE}`, error);
  }
}
