import type { FontRole } from './fonts.ts';
import type { Orientation } from './page.ts';

/**
 * What a document is made of before it becomes docx objects: paragraphs, pictures and tables with
 * everything the paginator needs to estimate their height (font size, exact line pitch, widths).
 */

export type Align = 'left' | 'center' | 'right' | 'both';

export interface ParaBlock {
  type: 'para';
  text: string;
  role: FontRole;
  sizePt: number;
  /** Exact line pitch in twips. */
  line: number;
  align: Align;
  bold?: boolean;
  /** First-line indent in twips (two characters for body text). */
  firstLine?: number;
  indentLeft?: number;
  spaceBefore?: number;
  /** Contents entries: the page number after a right tab with a dot leader. */
  pageRef?: string;
  /** A heading the contents points to. */
  anchor?: string;
  /** Start a new page before it (a divider, a record). */
  newPage?: boolean;
  /** A heading: never the last thing on a page, it goes with what follows. */
  keepNext?: boolean;
}

export interface ImageBlock {
  type: 'image';
  data: Uint8Array;
  format: 'png' | 'jpg' | 'gif' | 'bmp';
  widthPx: number;
  heightPx: number;
  newPage?: boolean;
  /** Keeps the picture on the page of its caption. */
  keepNext?: boolean;
}

export interface CellPara {
  text: string;
  /** Two-character first-line indent (running text in a form). */
  indent?: boolean;
}

export interface Cell {
  paras: CellPara[];
  span?: number;
  align?: Align;
  role?: FontRole;
  bold?: boolean;
  shade?: boolean;
  /** A line under the cell only (the fill-in fields of a cover). */
  underline?: boolean;
}

export interface Row {
  cells: Cell[];
  /** A long text row that may be cut between pages: first cell a label, last cell the text. */
  splittable?: boolean;
}

export interface TableBlock {
  type: 'table';
  /** Column widths in twips; they sum to the table width. */
  widths: number[];
  header: Row[];
  rows: Row[];
  sizePt: number;
  line: number;
  /** Printed above the table on a page it continues on, e.g. 党员花名册（续）. */
  continuation: string;
  borders?: boolean;
  newPage?: boolean;
}

export type Block = ParaBlock | ImageBlock | TableBlock;

/** A run of pages with one orientation and one footer kind: one docx section. */
export interface Flow {
  orientation: Orientation;
  /** Page numbers in the footer (the cover and the contents have none). */
  numbered: boolean;
  blocks: Block[];
}
