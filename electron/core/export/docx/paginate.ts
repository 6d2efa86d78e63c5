import type { Block, Cell, CellPara, Flow, ImageBlock, ParaBlock, Row, TableBlock } from './blocks.ts';
import { roomEm, wrapLines } from './measure.ts';
import { CELL_MARGIN, type Orientation, TEXT_HEIGHT } from './page.ts';

/**
 * Our own page breaks. The contents list must show the same page numbers in Word, WPS and
 * LibreOffice, and none of them lays pages out exactly like another; so we decide where every page
 * ends, from pessimistic heights (measure.ts), and start each page with an explicit break. A page we
 * fill never overflows in a reader, so the page a heading lands on is the page we computed.
 */

/** Kept free at the foot of every page: absorbs rounding, and the empty paragraph that ends a section. */
const PAGE_RESERVE = 600;
/** Table borders (½ pt) and rounding, per row. */
const ROW_EXTRA = 20;
/** A long text row is cut only if at least this many of its lines fit on the page. */
const MIN_SPLIT_LINES = 2;

export interface TableSlice extends TableBlock {
  /** Whether this slice continues a table begun on an earlier page. */
  continued: boolean;
}

export type Placed = ParaBlock | ImageBlock | TableSlice;

export interface Page {
  /** The page's number in the document, counted from 1 (the cover). */
  number: number;
  blocks: Placed[];
}

export interface PagedFlow extends Omit<Flow, 'blocks'> {
  pages: Page[];
}

export interface Pagination {
  flows: PagedFlow[];
  pages: number;
  /** The page each anchored heading is on. */
  anchors: Map<string, number>;
  /** Things that could not be placed as estimated (a row taller than a page). */
  problems: string[];
}

export function imageHeight(block: ImageBlock): number {
  // The picture sits on the baseline of a single-spaced line: add the descent of the line.
  // Pictures are sized in pixels at 96 dpi: 1 px = 15 twips.
  return block.heightPx * 15 + 280;
}

export function paraLines(block: ParaBlock, width: number): string[] {
  const room = roomEm(width - (block.indentLeft ?? 0), block.sizePt);
  const indent = (block.firstLine ?? 0) / (block.sizePt * 20);
  // A contents entry keeps room for its leader and a page number of up to three digits.
  const text = block.pageRef ? `${block.text}……000` : block.text;
  return wrapLines(text, room, indent);
}

export function paraHeight(block: ParaBlock, width: number): number {
  return (block.spaceBefore ?? 0) + paraLines(block, width).length * block.line;
}

function cellWidth(table: TableBlock, row: Row, index: number): number {
  let column = 0;
  for (let i = 0; i < index; i += 1) column += row.cells[i]?.span ?? 1;
  const span = row.cells[index]?.span ?? 1;
  return table.widths.slice(column, column + span).reduce((a, b) => a + b, 0);
}

function cellLines(paras: CellPara[], width: number, sizePt: number): string[][] {
  const room = roomEm(width - CELL_MARGIN.left - CELL_MARGIN.right, sizePt);
  return paras.map((p) => wrapLines(p.text, room, p.indent ? 2 : 0));
}

export function rowHeight(table: TableBlock, row: Row): number {
  let lines = 1;
  row.cells.forEach((cell, i) => {
    const count = cellLines(cell.paras, cellWidth(table, row, i), table.sizePt).reduce((n, l) => n + l.length, 0);
    lines = Math.max(lines, count);
  });
  return lines * table.line + CELL_MARGIN.top + CELL_MARGIN.bottom + ROW_EXTRA;
}

/** Cuts a long text row so its head fits in `room` twips; null when not even two lines fit. */
function splitRow(table: TableBlock, row: Row, room: number): { head: Row; tail: Row } | null {
  const last = row.cells.length - 1;
  const text = row.cells[last];
  if (!text || last < 1) return null;
  const maxLines = Math.floor((room - CELL_MARGIN.top - CELL_MARGIN.bottom - ROW_EXTRA) / table.line);
  if (maxLines < MIN_SPLIT_LINES) return null;
  const wrapped = cellLines(text.paras, cellWidth(table, row, last), table.sizePt);
  const head: CellPara[] = [];
  const tail: CellPara[] = [];
  let left = maxLines;
  wrapped.forEach((lines, i) => {
    const para = text.paras[i] as CellPara;
    if (left <= 0) tail.push(para);
    else if (lines.length <= left) {
      head.push(para);
      left -= lines.length;
    } else {
      head.push({ text: lines.slice(0, left).join(''), indent: para.indent });
      tail.push({ text: lines.slice(left).join('') });
      left = 0;
    }
  });
  if (head.length === 0 || tail.length === 0) return null;
  const withText = (paras: CellPara[]): Cell => ({ ...text, paras });
  const headRow: Row = { ...row, cells: [...row.cells.slice(0, last), withText(head)] };
  const tailRow: Row = {
    ...row,
    cells: [
      ...row.cells
        .slice(0, last)
        .map((c, i) => (i === 0 ? { ...c, paras: [{ text: `${c.paras.map((p) => p.text).join('')}（续）` }] } : c)),
      withText(tail),
    ],
  };
  if (rowHeight(table, headRow) > room) return null;
  return { head: headRow, tail: tailRow };
}

export function continuationCaption(table: TableBlock): ParaBlock {
  return {
    type: 'para',
    text: table.continuation,
    role: 'heading2',
    sizePt: table.sizePt,
    line: table.line,
    align: 'left',
  };
}

class Pager {
  readonly pages: Page[] = [];
  readonly anchors = new Map<string, number>();
  readonly problems: string[] = [];
  private page: Page;
  private used = 0;

  constructor(
    private readonly width: number,
    private readonly capacity: number,
    private readonly firstNumber: number,
  ) {
    this.page = { number: firstNumber, blocks: [] };
    this.pages.push(this.page);
  }

  get room(): number {
    return this.capacity - this.used;
  }

  newPage(): void {
    this.page = { number: this.firstNumber + this.pages.length, blocks: [] };
    this.pages.push(this.page);
    this.used = 0;
  }

  place(block: Placed, height: number): void {
    if (this.page.blocks.length > 0 && height > this.room) this.newPage();
    if (height > this.capacity) this.problems.push(`第 ${this.page.number} 页有一块内容高于一页`);
    this.page.blocks.push(block);
    this.used += height;
    if (block.type === 'para' && block.anchor) this.anchors.set(block.anchor, this.page.number);
  }

  /** The least height of a block that must share the page with the heading before it. */
  private leastHeight(blocks: readonly Block[]): number {
    const [next, ...rest] = blocks;
    if (!next) return 0;
    if (next.type === 'image') return imageHeight(next);
    if (next.type === 'para') {
      const first = (next.spaceBefore ?? 0) + next.line;
      return next.keepNext ? paraHeight(next, this.width) + this.leastHeight(rest) : first;
    }
    const header = next.header.reduce((h, r) => h + rowHeight(next, r), 0);
    const row = next.rows[0];
    if (!row) return header;
    const height = rowHeight(next, row);
    return header + (row.splittable ? Math.min(height, next.line * (MIN_SPLIT_LINES + 1)) : height);
  }

  block(block: Block, following: readonly Block[]): void {
    if (block.newPage && this.page.blocks.length > 0) this.newPage();
    if (block.type === 'table') {
      this.table(block);
      return;
    }
    const height = block.type === 'para' ? paraHeight(block, this.width) : imageHeight(block);
    if (block.keepNext && this.page.blocks.length > 0) {
      const need = height + this.leastHeight(following);
      if (need > this.room && need <= this.capacity) this.newPage();
    }
    this.place(block, height);
  }

  private table(table: TableBlock): void {
    const headerHeight = table.header.reduce((h, r) => h + rowHeight(table, r), 0);
    const caption = continuationCaption(table);
    const captionHeight = paraHeight(caption, this.width);
    const first = table.rows[0];
    const firstHeight = first ? rowHeight(table, first) : 0;
    const firstNeed = first?.splittable ? Math.min(firstHeight, table.line * (MIN_SPLIT_LINES + 1)) : firstHeight;
    // Never leave a header row alone at the foot of a page.
    if (this.page.blocks.length > 0 && headerHeight + firstNeed > this.room) this.newPage();
    let slice: TableSlice = { ...table, rows: [], continued: false };
    this.place(slice, headerHeight);
    const queue = [...table.rows];
    while (queue.length > 0) {
      const row = queue.shift() as Row;
      const height = rowHeight(table, row);
      if (height <= this.room) {
        slice.rows.push(row);
        this.used += height;
        continue;
      }
      const cut = row.splittable ? splitRow(table, row, this.room) : null;
      if (cut) {
        slice.rows.push(cut.head);
        this.used += rowHeight(table, cut.head);
        queue.unshift(cut.tail);
      } else if (slice.rows.length === 0 && slice.continued) {
        // Taller than a whole page and not cuttable: place it and say so.
        slice.rows.push(row);
        this.used += height;
        this.problems.push(`第 ${this.page.number} 页的表格行高于一页`);
        continue;
      } else queue.unshift(row);
      slice = this.continueTable(table, caption, captionHeight, headerHeight);
    }
  }

  private continueTable(
    table: TableBlock,
    caption: ParaBlock,
    captionHeight: number,
    headerHeight: number,
  ): TableSlice {
    this.newPage();
    this.place(caption, captionHeight);
    const slice: TableSlice = { ...table, rows: [], continued: true };
    this.place(slice, headerHeight);
    return slice;
  }
}

const CAPACITY: Record<Orientation, number> = {
  portrait: TEXT_HEIGHT.portrait - PAGE_RESERVE,
  landscape: TEXT_HEIGHT.landscape - PAGE_RESERVE,
};

export function paginate(flows: Flow[], textWidth: Record<Orientation, number>): Pagination {
  const anchors = new Map<string, number>();
  const problems: string[] = [];
  const paged: PagedFlow[] = [];
  let next = 1;
  for (const flow of flows) {
    const pager = new Pager(textWidth[flow.orientation], CAPACITY[flow.orientation], next);
    flow.blocks.forEach((block, i) => {
      pager.block(block, flow.blocks.slice(i + 1, i + 4));
    });
    const pages = pager.pages.filter((p, i) => i === 0 || p.blocks.length > 0);
    for (const [key, page] of pager.anchors) anchors.set(key, page);
    problems.push(...pager.problems);
    paged.push({ orientation: flow.orientation, numbered: flow.numbered, pages });
    next += pages.length;
  }
  return { flows: paged, pages: next - 1, anchors, problems };
}
