import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  ImageRun,
  LeaderType,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  SectionType,
  ShadingType,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import type { Align, Cell, ImageBlock, ParaBlock, Row } from './blocks.ts';
import { type FontRole, type FontSettings, runFont } from './fonts.ts';
import {
  A4,
  BODY_LINE,
  BODY_SIZE_PT,
  CELL_MARGIN,
  FOOTER_DISTANCE,
  HEADER_DISTANCE,
  LANDSCAPE_MARGIN,
  MARGIN,
  TEXT_WIDTH,
} from './page.ts';
import type { PagedFlow, Pagination, Placed, TableSlice } from './paginate.ts';

/** Turns paginated blocks into a .docx: every page after a section's first starts with a page break. */

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  both: AlignmentType.BOTH,
} as const;

function align(value: Align | undefined) {
  return ALIGN[value ?? 'left'];
}

function run(text: string, fonts: FontSettings, role: FontRole, sizePt: number, bold = false): TextRun {
  return new TextRun({ text, font: runFont(fonts, role), size: Math.round(sizePt * 2), bold });
}

function paragraph(block: ParaBlock, fonts: FontSettings, breakBefore: boolean, pageNumbers: Map<string, number>) {
  const children = [run(block.text, fonts, block.role, block.sizePt, block.bold)];
  if (block.pageRef !== undefined) {
    children.push(
      new TextRun({
        children: [new Tab(), String(pageNumbers.get(block.pageRef) ?? '')],
        font: runFont(fonts, block.role),
        size: Math.round(block.sizePt * 2),
      }),
    );
  }
  return new Paragraph({
    children,
    alignment: align(block.align),
    pageBreakBefore: breakBefore,
    widowControl: false,
    spacing: { line: block.line, lineRule: LineRuleType.EXACT, before: block.spaceBefore ?? 0, after: 0 },
    indent: { firstLine: block.firstLine ?? 0, left: block.indentLeft ?? 0 },
    tabStops:
      block.pageRef !== undefined
        ? [{ type: TabStopType.RIGHT, position: TEXT_WIDTH.portrait, leader: LeaderType.DOT }]
        : undefined,
  });
}

function image(block: ImageBlock, breakBefore: boolean): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    pageBreakBefore: breakBefore,
    // A picture in a line of exact height would be clipped: this line grows with the picture.
    spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
    children: [
      new ImageRun({
        type: block.format,
        data: block.data,
        transformation: { width: block.widthPx, height: block.heightPx },
      }),
    ],
  });
}

/** A zero-height paragraph carrying the page break before a table that starts a page. */
function breakParagraph(): Paragraph {
  return new Paragraph({
    pageBreakBefore: true,
    spacing: { line: 20, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    children: [new TextRun({ text: '', size: 2 })],
  });
}

function cell(table: TableSlice, row: Row, index: number, header: boolean, fonts: FontSettings): TableCell {
  const c = row.cells[index] as Cell;
  let column = 0;
  for (let i = 0; i < index; i += 1) column += row.cells[i]?.span ?? 1;
  const width = table.widths.slice(column, column + (c.span ?? 1)).reduce((a, b) => a + b, 0);
  const role = c.role ?? (header ? 'heading1' : 'body');
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    columnSpan: c.span && c.span > 1 ? c.span : undefined,
    verticalAlign: VerticalAlignTable.CENTER,
    shading: c.shade ? { type: ShadingType.CLEAR, fill: 'F2F2F2', color: 'auto' } : undefined,
    borders: c.underline ? { bottom: LINE } : undefined,
    children: (c.paras.length > 0 ? c.paras : [{ text: '' }]).map(
      (p) =>
        new Paragraph({
          alignment: align(c.align ?? (header ? 'center' : 'left')),
          widowControl: false,
          spacing: { line: table.line, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
          indent: { firstLine: p.indent ? Math.round(table.sizePt * 40) : 0 },
          children: [run(p.text, fonts, role, table.sizePt, c.bold)],
        }),
    ),
  });
}

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'auto' } as const;
const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;

function table(slice: TableSlice, fonts: FontSettings): Table {
  const total = slice.widths.reduce((a, b) => a + b, 0);
  const border = slice.borders === false ? NO_BORDER : LINE;
  const rows = [...slice.header.map((r) => ({ r, header: true })), ...slice.rows.map((r) => ({ r, header: false }))];
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: total, type: WidthType.DXA },
    columnWidths: slice.widths,
    margins: { ...CELL_MARGIN },
    borders: {
      top: border,
      bottom: border,
      left: border,
      right: border,
      insideHorizontal: border,
      insideVertical: border,
    },
    rows: rows.map(
      ({ r, header }) =>
        new TableRow({
          tableHeader: header,
          cantSplit: true,
          children: r.cells.map((_, i) => cell(slice, r, i, header, fonts)),
        }),
    ),
  });
}

function pageChildren(block: Placed, first: boolean, fonts: FontSettings, numbers: Map<string, number>) {
  if (block.type === 'para') return [paragraph(block, fonts, first, numbers)];
  if (block.type === 'image') return [image(block, first)];
  return first ? [breakParagraph(), table(block, fonts)] : [table(block, fonts)];
}

/** "— 1 —" in 4号宋体: odd pages right, even pages left, one character in from the edge (GB/T 9704 §7.5). */
function pageNumberFooter(side: 'right' | 'left', fonts: FontSettings): Footer {
  // The ledger's 页码 font (宋体 by default) in every slot: the number is digits and dashes.
  const font = runFont(fonts, 'pageNumber');
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'right' ? { right: 280 } : { left: 280 },
        spacing: { line: 280, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
        children: [
          new TextRun({ text: '— ', font, size: 28 }),
          new TextRun({ children: [PageNumber.CURRENT], font, size: 28 }),
          new TextRun({ text: ' —', font, size: 28 }),
        ],
      }),
    ],
  });
}

function section(flow: PagedFlow, fonts: FontSettings, numbers: Map<string, number>) {
  const landscape = flow.orientation === 'landscape';
  const margin = landscape ? LANDSCAPE_MARGIN : MARGIN;
  // Every section names both footers: a section without them would inherit the previous section's.
  const footers = flow.numbered
    ? { default: pageNumberFooter('right', fonts), even: pageNumberFooter('left', fonts) }
    : { default: new Footer({ children: [] }), even: new Footer({ children: [] }) };
  return {
    properties: {
      type: SectionType.NEXT_PAGE,
      page: {
        // Portrait width and height also for landscape: docx turns them itself (DOCUMENTS.md §1.4).
        size: { width: A4.width, height: A4.height, orientation: landscape ? PageOrientation.LANDSCAPE : undefined },
        margin: { ...margin, header: HEADER_DISTANCE, footer: FOOTER_DISTANCE, gutter: 0 },
      },
    },
    footers,
    children: flow.pages.flatMap((page, p) =>
      page.blocks.flatMap((block, b) => pageChildren(block, p > 0 && b === 0, fonts, numbers)),
    ),
  };
}

export interface RenderOptions {
  title: string;
  description: string;
  fonts: FontSettings;
}

function styles(fonts: FontSettings) {
  const black = (role: FontRole, sizePt: number, bold = false) => ({
    run: { font: runFont(fonts, role), size: sizePt * 2, bold, color: '000000' },
  });
  return {
    default: {
      document: {
        run: {
          font: runFont(fonts, 'body'),
          size: BODY_SIZE_PT * 2,
          language: { value: 'en-US', eastAsia: 'zh-CN' },
          color: '000000',
        },
        paragraph: {
          spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
          widowControl: false,
        },
      },
      // docx's own Title/Heading styles are blue Calibri; we never use them, and they are black here.
      title: black('title', 22),
      heading1: black('heading1', BODY_SIZE_PT),
      heading2: black('heading2', BODY_SIZE_PT),
      heading3: black('heading3', BODY_SIZE_PT, true),
      heading4: black('body', BODY_SIZE_PT),
      heading5: black('body', BODY_SIZE_PT),
      heading6: black('body', BODY_SIZE_PT),
    },
  };
}

export async function renderDocx(pagination: Pagination, options: RenderOptions): Promise<Buffer> {
  const document = new Document({
    creator: '党支部工作台账',
    title: options.title,
    description: options.description,
    evenAndOddHeaderAndFooters: true,
    styles: styles(options.fonts),
    sections: pagination.flows.map((flow) => section(flow, options.fonts, pagination.anchors)),
  });
  return Packer.toBuffer(document);
}
