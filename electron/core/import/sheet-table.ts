/**
 * One sheet of our workbooks as a table: the header row found by its texts (a person may have
 * inserted a row above it, or a program may have moved it), each field's column, and the record
 * rows under it with their cells read the way people type them — dates in any form, numbers in
 * text cells, full-width digits, trailing spaces, formulas for their cached value only.
 */
import { MEETING_KINDS } from '../../api/life.ts';
import type { ReadSheet } from '../export/xlsx/read.ts';
import { parseLooseDate } from '../modules/org/import/loose-date.ts';
import { columnLetter } from '../modules/org/import/roster-headers.ts';
import type { BundleProblem, BundleRef } from './bundle.ts';
import { fieldLabel } from './context.ts';

export const ID_FIELD = '__id';
const SCAN_ROWS = 15;

export interface TableRow {
  row: number;
  cells: unknown[];
  id: string | null;
}

export interface SheetTable {
  sheet: string;
  headerRow: number;
  /** Field → 1-based column. */
  columns: Map<string, number>;
  /** Field → its header in the layout, to name a field the shared labels do not know. */
  headers?: Map<string, string>;
  rows: TableRow[];
}

/** Header text compared without spaces, line breaks and "（必填）"-style notes. */
function headerKey(value: unknown): string {
  if (typeof value !== 'string') return '';
  return value
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/\((必填|选填|勿改)\)$/, '');
}

/** A cell as a person typed it: a formula's cached result, rich text flattened, errors empty. */
export function cellValue(value: unknown): string | number | boolean | Date | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const text = value.normalize('NFC').replace(/\r\n?/g, '\n').trim();
    return text === '' ? null : text;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value !== 'object') return null;
  const record = value as Record<string, unknown>;
  if (Array.isArray(record.richText)) {
    return cellValue(record.richText.map((run: { text?: unknown }) => String(run?.text ?? '')).join(''));
  }
  // A formula is data from someone else's file: its last computed value, never the formula.
  if ('formula' in record || 'sharedFormula' in record) return cellValue(record.result);
  if ('error' in record) return null;
  if ('text' in record) return cellValue(record.text);
  return null;
}

export function readTable(
  sheet: ReadSheet,
  columns: ReadonlyArray<{ header: string; field: string }>,
  idHeader: string | null,
): SheetTable | null {
  const wanted = new Map(columns.map((c) => [headerKey(c.header), c.field]));
  if (idHeader) wanted.set(headerKey(idHeader), ID_FIELD);
  for (const candidate of sheet.rows.slice(0, SCAN_ROWS)) {
    const found = new Map<string, number>();
    candidate.cells.forEach((cell, i) => {
      const field = wanted.get(headerKey(cell));
      if (field && !found.has(field)) found.set(field, i + 1);
    });
    if (found.size < Math.max(2, Math.ceil(columns.length / 2))) continue;
    const idCol = found.get(ID_FIELD);
    const rows = sheet.rows
      .filter((r) => r.row > candidate.row)
      .map((r) => {
        const id = idCol ? cellValue(r.cells[idCol - 1]) : null;
        return { row: r.row, cells: r.cells, id: typeof id === 'string' ? id : null };
      });
    const headers = new Map(columns.map((c) => [c.field, c.header]));
    return { sheet: sheet.name, headerRow: candidate.row, columns: found, headers, rows };
  }
  return null;
}

/** Reads typed values out of one table row, collecting problems with their cell. */
export class RowReader {
  constructor(
    private readonly table: SheetTable,
    readonly row: TableRow,
    private readonly problems: BundleProblem[],
    private readonly options: { date1904: boolean; today: string },
  ) {}

  get ref(): BundleRef {
    const columns: Record<string, string> = {};
    for (const [field, col] of this.table.columns) columns[field] = columnLetter(col);
    return { sheet: this.table.sheet, row: this.row.row, columns };
  }

  /** The shared Chinese label, else the layout's header (columns added to one layout only). */
  private label(field: string): string {
    const shared = fieldLabel(field);
    return shared === field ? (this.table.headers?.get(field) ?? field) : shared;
  }

  has(field: string): boolean {
    return this.table.columns.has(field);
  }

  raw(field: string): string | number | boolean | Date | null {
    const col = this.table.columns.get(field);
    return col === undefined ? null : cellValue(this.row.cells[col - 1]);
  }

  problem(field: string | null, message: string): void {
    const col = field ? this.table.columns.get(field) : undefined;
    this.problems.push({
      sheet: this.table.sheet,
      row: this.row.row,
      column: col ? columnLetter(col) : null,
      field: field ? this.label(field) : null,
      message,
    });
  }

  text(field: string): string | null {
    const value = this.raw(field);
    if (value === null) return null;
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
    return String(value);
  }

  required(field: string): string {
    const value = this.text(field);
    if (value === null) this.problem(field, `请填写“${this.label(field)}”`);
    return value ?? '';
  }

  date(field: string, required = false): string | null {
    const value = this.raw(field);
    if (value === null) {
      if (required) this.problem(field, `请填写“${this.label(field)}”`);
      return null;
    }
    const parsed = parseLooseDate(value, this.options);
    if (!parsed.ok) {
      // Name what was typed: the person finds the cell by it.
      const typed = value instanceof Date ? '' : String(value).trim();
      this.problem(field, typed && !parsed.message.includes(typed) ? `“${typed}”${parsed.message}` : parsed.message);
      return null;
    }
    return parsed.date;
  }

  /** Numbers typed as text ("1,200.50", "１２", "30 元") are numbers. */
  number(field: string): number | null {
    const value = this.raw(field);
    if (value === null) return null;
    if (typeof value === 'number') return value;
    const text = String(value)
      .normalize('NFKC')
      .replace(/[,\s元]/g, '');
    const n = Number(text);
    if (text === '' || !Number.isFinite(n)) {
      this.problem(field, `“${String(value)}”不是数字`);
      return null;
    }
    return n;
  }

  oneOf<T extends string>(field: string, allowed: readonly T[], required = true): T | null {
    const text = this.text(field)?.replace(/\s+/g, '') ?? null;
    if (text === null) {
      if (required) this.problem(field, `请填写“${this.label(field)}”`);
      return null;
    }
    if (!(allowed as readonly string[]).includes(text)) {
      this.problem(field, `“${text}”不是可选的值（可选：${allowed.join('、')}）`);
      return null;
    }
    return text as T;
  }

  /** "党员大会、主题党日" → the meeting kinds. */
  kinds(field: string): Array<(typeof MEETING_KINDS)[number]> {
    const text = this.text(field);
    if (!text) return [];
    const parts = text.split(/[、，,；;\s]+/).filter((p) => p !== '');
    const bad = parts.filter((p) => !(MEETING_KINDS as readonly string[]).includes(p));
    if (bad.length > 0) this.problem(field, `“${bad.join('、')}”不是会议类型`);
    return parts.filter((p): p is (typeof MEETING_KINDS)[number] => (MEETING_KINDS as readonly string[]).includes(p));
  }

  /** Values in at least two record columns (not 序号, not the id): a record, not a note or a 合计 line. */
  looksLikeRecord(): boolean {
    // The 合计 line of a ledger sheet has its label in the first column.
    const first = cellValue(this.row.cells[0]);
    if (typeof first === 'string' && first.replace(/\s+/g, '') === '合计') return false;
    let count = 0;
    for (const [field, col] of this.table.columns) {
      if (field === 'seq' || field === ID_FIELD) continue;
      if (cellValue(this.row.cells[col - 1]) !== null) count += 1;
    }
    return count >= 2;
  }
}
