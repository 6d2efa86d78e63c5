/**
 * Print-ready styles for the workbooks (RULES.md §9.2): 黑体 title and headers, 仿宋 body, thin
 * borders, A4 fitted to one page wide and as many pages tall as needed, header rows repeated and
 * "第 &P 页 共 &N 页" at the foot of every page.
 */
import type ExcelJS from 'exceljs';
import type { ColumnType } from '../manifest.ts';
import type { SheetStyle } from './layout.ts';

/** GB2312 charset: tells Excel and WPS the font is a Chinese one even when it is not installed. */
const CHARSET_GB2312 = 134;

export function font(name: string, size: number, extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> {
  // No `scheme`: a font tied to the theme is replaced by the theme's font in WPS (DOCUMENTS.md §2.3).
  return { name, size, charset: CHARSET_GB2312, ...extra };
}

const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
export const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

export const NUM_FMT = { text: '@', date: 'yyyy-mm-dd' } as const;

export function titleStyle(style: SheetStyle): Partial<ExcelJS.Style> {
  return {
    font: font(style.titleFont, style.titleSize),
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  };
}

export function headerStyle(style: SheetStyle): Partial<ExcelJS.Style> {
  return {
    font: font(style.headerFont, style.headerSize, { bold: true }),
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    border: BORDER,
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: style.headerFill } },
  };
}

/** The format a column's cells carry; text columns are '@' so that values typed later stay text. */
export function columnNumFmt(type: ColumnType, numFmt?: string): string | undefined {
  if (type === 'text') return NUM_FMT.text;
  if (type === 'date') return NUM_FMT.date;
  return numFmt;
}

export function bodyStyle(style: SheetStyle, type: ColumnType, numFmt?: string): Partial<ExcelJS.Style> {
  const fmt = columnNumFmt(type, numFmt);
  return {
    font: font(style.bodyFont, style.bodySize),
    alignment: { horizontal: type === 'text' ? 'left' : 'center', vertical: 'middle', wrapText: true },
    border: BORDER,
    ...(fmt ? { numFmt: fmt } : {}),
  };
}

/** Notes under a table and the 填表人/审核人/日期 line: body font, no border. */
export function plainStyle(style: SheetStyle, extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Style> {
  return {
    font: font(style.bodyFont, style.bodySize, extra),
    alignment: { horizontal: 'left', vertical: 'middle', wrapText: true },
  };
}

/** Inches. Landscape ledgers are wide, so their side margins are narrower. */
const MARGINS = {
  portrait: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
  landscape: { left: 0.4, right: 0.4, top: 0.55, bottom: 0.6, header: 0.25, footer: 0.3 },
} as const;

export interface SheetOptions {
  pageSetup: Partial<ExcelJS.PageSetup>;
  headerFooter: Partial<ExcelJS.HeaderFooter>;
  views: Array<Partial<ExcelJS.WorksheetView>>;
  state?: ExcelJS.WorksheetState;
}

/**
 * A4 (paperSize 9), one page wide and as tall as needed (fitToHeight 0 — exceljs's default of 1
 * would squeeze a long roster onto one page), rows 1…`repeatRows` on every page and frozen on screen.
 */
export function printableSheet(
  style: SheetStyle,
  orientation: 'portrait' | 'landscape',
  repeatRows: number,
): SheetOptions {
  return {
    pageSetup: {
      paperSize: 9,
      orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { ...MARGINS[orientation] },
      printTitlesRow: `1:${repeatRows}`,
    },
    headerFooter: { oddFooter: `&C${style.footer}` },
    views: [
      {
        state: 'frozen',
        xSplit: 0,
        ySplit: repeatRows,
        topLeftCell: `A${repeatRows + 1}`,
        activeCell: `A${repeatRows + 1}`,
      },
    ],
  };
}

/**
 * Pixels a character takes at `fontSize` points (96 dpi): CJK, full-width forms and supplementary
 * ideographs (𠮷) are one em wide; Latin letters and digits in 仿宋/宋体/黑体 are half an em.
 */
function charPixels(ch: string, fontSize: number): number {
  const em = (fontSize * 96) / 72;
  return (ch.codePointAt(0) ?? 0) >= 0x2e80 ? em : em * 0.5;
}

/** Lines a text needs in a column of `width` (Excel units: 7 px each plus 5 px padding at 96 dpi). */
export function wrappedLines(text: string, width: number, fontSize: number): number {
  const usable = Math.max(8, width * 7 + 5 - 4);
  return text.split('\n').reduce((lines, paragraph) => {
    let pixels = 0;
    for (const ch of paragraph) pixels += charPixels(ch, fontSize);
    return lines + Math.max(1, Math.ceil(pixels / usable));
  }, 0);
}

/**
 * Row height in points for wrapped text. Excel does not grow a row for wrapped text written by a
 * program until someone edits it, so we set the height ourselves (LibreOffice and WPS then agree).
 */
export function rowHeight(cells: ReadonlyArray<{ text: string; width: number }>, fontSize: number, min = 18): number {
  const lines = cells.reduce((max, c) => Math.max(max, wrappedLines(c.text, c.width, fontSize)), 1);
  return Math.min(409, Math.max(min, Math.ceil(lines * fontSize * 1.45 + 4)));
}
