/**
 * One definition of "the value of a cell", used both when writing (to hash what we wrote) and when
 * verifying (to hash what a file holds now). It is deliberately blind to what Excel, WPS and
 * LibreOffice change on a re-save without changing a value: shared vs inline strings, number
 * formats, styles, date serials vs Date objects, CR/LF line ends, float noise in the 16th digit.
 */
import type { CanonicalCell, ColumnType } from '../manifest.ts';

export type FieldValue = string | number | null;
/** What goes into an exceljs cell. */
export type WrittenValue = string | number | Date | null;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
/** Excel's day 0 in the 1900 system, as used for serials after 1900-02-28 (the fake 29 Feb is day 60). */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
/** Excel's limit on the length of a cell's text. */
const MAX_CELL_CHARS = 32_767;

/**
 * Text an .xlsx can carry unchanged: characters XML 1.0 forbids are dropped (exceljs would write
 * them and the file would not open), lone surrogates too, and line ends become LF — XML parsers
 * turn CR into LF anyway, so writing CR would make a fresh export look edited.
 */
export function xlsxText(text: string): string {
  let out = text
    .replace(/\r\n?/g, '\n')
    .replace(/\p{Cc}/gu, (c) => (c === '\t' || c === '\n' || c > '\u007e' ? c : ''))
    .replace(/[\uFFFE\uFFFF]/g, '')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
  if (out.length > MAX_CELL_CHARS) {
    out = out.slice(0, MAX_CELL_CHARS);
    if (/[\uD800-\uDBFF]$/.test(out)) out = out.slice(0, -1);
  }
  return out;
}

/**
 * A ledger value as it is written into a column of the given type. Dates become UTC midnight
 * (exceljs writes a Date's UTC instant; local midnight would show the previous day east of UTC);
 * a text column gets every value as a string — never a formula, whatever the text starts with.
 */
export function writtenValue(value: FieldValue, type: ColumnType): WrittenValue {
  if (value === null) return null;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    return type === 'text' ? String(value) : value;
  }
  const text = xlsxText(value);
  if (text === '') return null;
  const day = type === 'date' ? ISO_DAY.exec(text) : null;
  if (day) return new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
  return text;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A Date read from a cell is a UTC instant; whole days print as 'YYYY-MM-DD'. */
function dateText(date: Date): string {
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const ms = date.getTime() - Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  if (ms === 0) return day;
  // Times are never written by us; keep them visible (and different from a plain day).
  return `${day}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

/** An Excel serial in a date column: a program that lost the number format gives us the number. */
function serialText(serial: number, date1904: boolean): string {
  const epoch = date1904 ? EPOCH_1904 : EPOCH_1900;
  // Round to the millisecond first: serials carry float noise (45474.99999999999).
  return dateText(new Date(Math.round(epoch + serial * DAY_MS)));
}

/** 15 significant digits, as Excel keeps them: 0.1 + 0.2 and 0.3 are the same value. */
function canonicalNumber(n: number): number {
  const rounded = Number(n.toPrecision(15));
  return Object.is(rounded, -0) ? 0 : rounded;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function textCell(text: string): CanonicalCell {
  const normalized = text.replace(/\r\n?/g, '\n');
  return normalized === '' ? null : normalized;
}

/** An exceljs cell value (written by us or read from any file) → its canonical value. */
export function canonicalCell(value: unknown, type: ColumnType | undefined, date1904 = false): CanonicalCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return textCell(value);
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    return type === 'date' ? serialText(value, date1904) : canonicalNumber(value);
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : dateText(value);
  if (!isRecord(value)) return textCell(String(value));
  if (Array.isArray(value.richText)) {
    return textCell(value.richText.map((run: unknown) => (isRecord(run) ? String(run.text ?? '') : '')).join(''));
  }
  // We never write formulas: one in the file is an edit, whatever its result.
  if ('formula' in value || 'sharedFormula' in value) {
    return { formula: String(value.formula ?? value.sharedFormula ?? '') };
  }
  if ('error' in value) return { error: String(value.error) };
  if ('hyperlink' in value || 'text' in value) return canonicalCell(value.text, type, date1904);
  return textCell(JSON.stringify(value));
}

/** Cells from column A; trailing empties dropped so that an empty styled cell changes nothing. */
export function trimRow(cells: readonly (CanonicalCell | undefined)[]): CanonicalCell[] {
  const row = cells.map((c) => c ?? null);
  while (row.length > 0 && row[row.length - 1] === null) row.pop();
  return row;
}
