/**
 * Writing rows into a streaming worksheet while keeping the canonical value of every row written,
 * so that the manifest hashes exactly what the file holds — computed from the values handed to
 * exceljs, through the same canonicalCell the verifier uses on the file read back.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  type CanonicalRow,
  type ColumnType,
  MANIFEST_MARKER,
  MANIFEST_SHEET,
  type Manifest,
  manifestToChunks,
  rowHash,
  rowsHash,
} from '../manifest.ts';
import { canonicalCell, trimRow, type WrittenValue } from './canonical.ts';

export interface CellSpec {
  col: number;
  value: WrittenValue;
  style?: Partial<ExcelJS.Style>;
}

export interface RowOptions {
  height?: number;
  /** The record's id: the row counts as a record row (per-row hash) rather than frame. */
  id?: string;
  /** Merge the row's first cell across columns 1…mergeTo. */
  mergeTo?: number;
}

export interface SheetHashes {
  hash: string;
  frameHashes: string[];
  rowIds: string[];
  rowHashes: string[];
}

/** A streaming worksheet written top to bottom, one committed row at a time. */
export class TrackedSheet {
  private next = 1;
  private readonly rows: CanonicalRow[] = [];
  private readonly frameHashes: string[] = [];
  private readonly rowIds: string[] = [];
  private readonly rowHashes: string[] = [];

  constructor(
    readonly worksheet: ExcelJS.Worksheet,
    /** Column types by position (index 0 = column A); undefined columns are text. */
    private readonly types: ReadonlyArray<ColumnType>,
  ) {}

  get nextRow(): number {
    return this.next;
  }

  /** Writes and commits the next row; returns its number. */
  write(cells: readonly CellSpec[], options: RowOptions = {}): number {
    const number = this.next;
    this.next += 1;
    const row = this.worksheet.getRow(number);
    const canonical: Array<ReturnType<typeof canonicalCell>> = [];
    for (const cell of cells) {
      const target = row.getCell(cell.col);
      if (cell.style) target.style = cell.style;
      if (cell.value !== null) target.value = cell.value;
      canonical[cell.col - 1] = canonicalCell(cell.value, this.types[cell.col - 1]);
    }
    if (options.mergeTo && options.mergeTo > 1) this.worksheet.mergeCells(number, 1, number, options.mergeTo);
    if (options.height) row.height = options.height;
    row.commit();

    const values = trimRow(Array.from({ length: canonical.length }, (_, i) => canonical[i]));
    if (values.length === 0) return number;
    this.rows.push(values);
    if (options.id) {
      this.rowIds.push(options.id);
      this.rowHashes.push(rowHash(values));
    } else {
      this.frameHashes.push(rowHash(values));
    }
    return number;
  }

  /** Leaves a row empty (it does not count in any hash). */
  skip(): void {
    this.next += 1;
  }

  finish(): SheetHashes {
    this.worksheet.commit();
    return {
      hash: rowsHash(this.rows),
      frameHashes: [...this.frameHashes],
      rowIds: [...this.rowIds],
      rowHashes: [...this.rowHashes],
    };
  }
}

/**
 * A workbook written with the STREAMING writer: the in-memory writer turns characters outside the
 * BMP (𠮷, often in names) into U+FFFD when they straddle a 16 KB zip chunk (DOCUMENTS.md §0.2).
 * Shared strings off keeps memory flat; styles on for print layout.
 */
export async function writeWorkbook(
  properties: { creator: string; created: Date; title: string },
  build: (workbook: ExcelJS.stream.xlsx.WorkbookWriter) => Promise<void> | void,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = properties.creator;
  workbook.lastModifiedBy = properties.creator;
  workbook.created = properties.created;
  workbook.modified = properties.created;
  workbook.title = properties.title;
  await build(workbook);
  await workbook.commit();
  return Buffer.concat(chunks);
}

/**
 * ExcelJS types leave out the streaming worksheet's range validations and the 'any' type (no
 * restriction, only an input message), which its writer supports; this is their real shape.
 */
export type RangeValidation =
  | ExcelJS.DataValidation
  | (Omit<ExcelJS.DataValidation, 'type' | 'formulae'> & { type: 'any'; formulae?: never });

export interface RangeValidations {
  add(range: string, validation: RangeValidation): void;
}

export function rangeValidations(worksheet: ExcelJS.Worksheet): RangeValidations {
  return (worksheet as unknown as { dataValidations: RangeValidations }).dataValidations;
}

/** 1 → A, 27 → AA. */
export function columnLetter(col: number): string {
  let n = col;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** The manifest as cell texts in column A of a veryHidden sheet, after a marker cell. */
export function writeManifestSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, manifest: Manifest): void {
  const sheet = workbook.addWorksheet(MANIFEST_SHEET, { state: 'veryHidden' });
  sheet.columns = [{ width: 40, style: { numFmt: '@' } }];
  const chunks = manifestToChunks(manifest);
  const marker = sheet.getRow(1);
  marker.getCell(1).value = MANIFEST_MARKER;
  marker.getCell(2).value = chunks.length;
  marker.commit();
  chunks.forEach((chunk, i) => {
    const row = sheet.getRow(i + 2);
    row.getCell(1).value = chunk;
    row.commit();
  });
  sheet.commit();
}
