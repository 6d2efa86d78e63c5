/**
 * One print-ready ledger sheet: merged title, header row, one row per record (its id in a hidden
 * last column), 合计, notes and the 填表人/审核人/日期 line — and its manifest entry.
 */
import type ExcelJS from 'exceljs';
import type { ColumnType, ManifestSheet } from '../manifest.ts';
import { type FieldValue, writtenValue } from './canonical.ts';
import type { LedgerSheetLayout, LedgerWorkbookLayout, SheetStyle } from './layout.ts';
import { type CellSpec, TrackedSheet } from './sheet-writer.ts';
import type { SourceData } from './sources/index.ts';
import {
  BORDER,
  bodyStyle,
  columnNumFmt,
  font,
  headerStyle,
  plainStyle,
  printableSheet,
  rowHeight,
  titleStyle,
} from './styles.ts';

const HEADER_ROW = 2;
const ID_COLUMN_WIDTH = 18;
/** Points: room to read (and to tick by hand) on paper; Excel's default of 15 is cramped for 11 pt. */
const BODY_ROW_MIN = 20;

function displayText(value: FieldValue): string {
  return value === null ? '' : String(value);
}

/** Explicit heights for rows whose text wraps (see styles.rowHeight). */
function heightFor(
  texts: ReadonlyArray<{ text: string; width: number }>,
  size: number,
  min?: number,
): number | undefined {
  const height = rowHeight(texts, size, min);
  return height > (min ?? 18) ? height : min;
}

function addSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  style: SheetStyle,
  orientation: 'portrait' | 'landscape',
): ExcelJS.Worksheet {
  return workbook.addWorksheet(name, printableSheet(style, orientation, HEADER_ROW));
}

export function writeDataSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  layout: LedgerWorkbookLayout,
  sheet: LedgerSheetLayout,
  title: string,
  data: SourceData,
): ManifestSheet {
  const { style } = layout;
  const columns = sheet.columns;
  const n = columns.length;
  const idCol = n + 1;
  const types: ColumnType[] = [...columns.map((c) => c.type), 'text'];
  const worksheet = addSheet(workbook, sheet.name, style, sheet.orientation);
  worksheet.columns = [
    ...columns.map((c) => {
      const numFmt = columnNumFmt(c.type, c.numFmt);
      return { width: c.width, style: { font: font(style.bodyFont, style.bodySize), ...(numFmt ? { numFmt } : {}) } };
    }),
    // Row ids stay in the file (sorting or inserting rows keeps them with their row) but not on paper.
    { width: ID_COLUMN_WIDTH, hidden: true, style: { numFmt: '@' } },
  ];
  const out = new TrackedSheet(worksheet, types);
  const totalWidth = columns.reduce((s, c) => s + c.width, 0);

  out.write([{ col: 1, value: title, style: titleStyle(style) }], {
    mergeTo: n,
    height: heightFor([{ text: title, width: totalWidth }], style.titleSize, 32),
  });

  const header = headerStyle(style);
  out.write(
    [
      ...columns.map((c, i): CellSpec => ({ col: i + 1, value: c.header, style: header })),
      { col: idCol, value: layout.idHeader, style: header },
    ],
    {
      height: heightFor(
        columns.map((c) => ({ text: c.header, width: c.width })),
        style.headerSize,
        24,
      ),
    },
  );

  const bodies = columns.map((c) => bodyStyle(style, c.type, c.numFmt));
  const idStyle: Partial<ExcelJS.Style> = { font: font(style.bodyFont, 9), numFmt: '@' };
  for (const record of data.rows) {
    const cells = columns.map(
      (c, i): CellSpec => ({
        col: i + 1,
        value: writtenValue(record.values[c.field] ?? null, c.type),
        style: bodies[i],
      }),
    );
    cells.push({ col: idCol, value: record.id, style: idStyle });
    out.write(cells, {
      id: record.id,
      // Only text wraps: Excel shows a number or date that does not fit as ###, never on two lines.
      height: heightFor(
        columns
          .filter((c) => c.type === 'text')
          .map((c) => ({ text: displayText(record.values[c.field] ?? null), width: c.width })),
        style.bodySize,
        BODY_ROW_MIN,
      ),
    });
  }

  if (data.rows.length === 0) {
    out.write(
      [
        {
          col: 1,
          value: layout.emptyRow,
          style: { ...bodyStyle(style, 'text'), alignment: { horizontal: 'center', vertical: 'middle' } },
        },
      ],
      {
        mergeTo: n,
        height: 24,
      },
    );
  }

  const totals = data.totals;
  if (totals && data.rows.length > 0) {
    const totalsFont = font(style.bodyFont, style.bodySize, { bold: true });
    out.write(
      columns.map((c, i): CellSpec => {
        const value = i === 0 ? layout.totalsLabel : (totals[c.field] ?? null);
        return {
          col: i + 1,
          value: writtenValue(value, i === 0 ? 'text' : c.type),
          style: { ...bodies[i], font: totalsFont },
        };
      }),
    );
  }

  for (const note of data.notes ?? []) {
    out.write([{ col: 1, value: note, style: plainStyle(style) }], {
      mergeTo: n,
      height: heightFor([{ text: note, width: totalWidth }], style.bodySize),
    });
  }
  out.skip();
  out.write([{ col: 1, value: layout.signatureLine, style: plainStyle(style) }], { mergeTo: n, height: 28 });

  const hashes = out.finish();
  return {
    key: sheet.key,
    name: sheet.name,
    headerRow: HEADER_ROW,
    columns: columns.map((c) => ({ header: c.header, field: c.field, type: c.type })),
    idColumn: idCol,
    ...hashes,
  };
}

export interface CoverLine {
  label: string;
  value: string;
}

/** The cover 说明: what the file is, and the key fingerprint an auditor compares by phone. */
export function writeCoverSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  layout: LedgerWorkbookLayout,
  title: string,
  lines: readonly CoverLine[],
): ManifestSheet {
  const { style } = layout;
  const worksheet = workbook.addWorksheet(layout.cover.name, {
    ...printableSheet(style, 'portrait', 1),
    views: [{ state: 'normal' }],
  });
  const widths = [18, 66];
  worksheet.columns = widths.map((width) => ({
    width,
    style: { font: font(style.bodyFont, style.bodySize), numFmt: '@' },
  }));
  const out = new TrackedSheet(worksheet, ['text', 'text']);
  out.write([{ col: 1, value: title, style: titleStyle(style) }], { mergeTo: 2, height: 40 });
  out.skip();
  const label: Partial<ExcelJS.Style> = {
    font: font(style.headerFont, style.bodySize, { bold: true }),
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    border: BORDER,
  };
  const value = { ...bodyStyle(style, 'text') };
  for (const line of lines) {
    out.write(
      [
        { col: 1, value: writtenValue(line.label, 'text'), style: label },
        { col: 2, value: writtenValue(line.value, 'text'), style: value },
      ],
      { height: heightFor([{ text: line.value, width: widths[1] ?? 66 }], style.bodySize, 22) },
    );
  }
  out.skip();
  out.write([{ col: 1, value: layout.signatureLine, style: plainStyle(style) }], { mergeTo: 2, height: 28 });
  const hashes = out.finish();
  return {
    key: 'cover',
    name: layout.cover.name,
    headerRow: 1,
    columns: [
      { header: '项目', field: 'label', type: 'text' },
      { header: '内容', field: 'value', type: 'text' },
    ],
    idColumn: null,
    ...hashes,
  };
}
