/**
 * Page geometry of GB/T 9704-2012 in twips (1/20 pt), DOCUMENTS.md §1.4 and §4: exact A4 (never
 * convertMillimetersToTwip, which floors 210 mm to 11905), margins 37/35/28/26 mm, 版心 156 × 225 mm.
 */
export const A4 = { width: 11906, height: 16838 } as const;

export const MARGIN = { top: 2098, bottom: 1984, left: 1587, right: 1474 } as const;

/**
 * Landscape pages (wide tables) keep the 版心 turned by 90°: the binding edge (28 mm) is at the top of
 * the turned page, the cut edge (26 mm) at its bottom, so the 版心 is 225 × 156 mm.
 */
export const LANDSCAPE_MARGIN = { top: 1587, bottom: 1474, left: 2098, right: 1984 } as const;

/** Distance from the paper's bottom edge to the footer: puts "— 1 —" about 7 mm below the 版心. */
export const FOOTER_DISTANCE = 1304;
export const HEADER_DISTANCE = 851;

export type Orientation = 'portrait' | 'landscape';

export const TEXT_WIDTH: Record<Orientation, number> = {
  portrait: A4.width - MARGIN.left - MARGIN.right,
  landscape: A4.height - LANDSCAPE_MARGIN.left - LANDSCAPE_MARGIN.right,
};

export const TEXT_HEIGHT: Record<Orientation, number> = {
  portrait: A4.height - MARGIN.top - MARGIN.bottom,
  landscape: A4.width - LANDSCAPE_MARGIN.top - LANDSCAPE_MARGIN.bottom,
};

/** Tables are one twip narrower than the 版心 (≤ 8844 for WPS, DOCUMENTS.md §1.7). */
export const TABLE_WIDTH: Record<Orientation, number> = {
  portrait: TEXT_WIDTH.portrait - 1,
  landscape: TEXT_WIDTH.landscape - 1,
};

/** 3号 = 16 pt body text on a 28 pt exact line: 22 lines in the 225 mm 版心. */
export const BODY_SIZE_PT = 16;
export const BODY_LINE = 560;
/** One character of 3号 text, for two-character first-line indents. */
export const BODY_CHAR = 320;

/** Cell margins of every table: 1.5 mm left and right, 1 pt above and below. */
export const CELL_MARGIN = { left: 85, right: 85, top: 20, bottom: 20 } as const;
