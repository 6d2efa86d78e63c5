/**
 * Font settings of a ledger's Word documents, and the GB2312 coverage check.
 *
 * Every run names its fonts in all slots (DOCUMENTS.md §1.2): Latin letters and digits in Times New
 * Roman, Chinese in the configured face, `hint: eastAsia` so quotes and dashes take the Chinese glyph.
 */

export interface FontSettings {
  /** 正文: 仿宋_GB2312, 仿宋, 方正仿宋_GBK … whatever the unit's PCs really have. */
  body: string;
  /** 标题 (cover and document titles): 方正小标宋简体 by convention. */
  title: string;
  /** 一级标题: 黑体. */
  heading1: string;
  /** 二级标题: 楷体_GB2312 / 楷体. */
  heading2: string;
  /** 三级、四级标题: 仿宋 like the body (GB/T 9704 §7.3.3), often bold. */
  heading3: string;
  /** 页码 "— 1 —": 4号半角宋体 (GB/T 9704 §7.5). */
  pageNumber: string;
}

/** The slots in the order a clerk reads them, with their Chinese names. */
export const FONT_SLOTS = ['body', 'title', 'heading1', 'heading2', 'heading3', 'pageNumber'] as const;
export type FontSlot = (typeof FONT_SLOTS)[number];

/**
 * 仿宋 and 楷体 (not the _GB2312 products) by default: Windows 7 and later ship them, and they cover
 * the rare name characters (镕 喆 堃) that the GB2312-only fonts lack (DOCUMENTS.md §1.2, §4 notes).
 */
export const DEFAULT_FONTS: FontSettings = {
  body: '仿宋',
  title: '方正小标宋简体',
  heading1: '黑体',
  heading2: '楷体',
  heading3: '仿宋',
  pageNumber: '宋体',
};

export const LATIN_FONT = 'Times New Roman';
/** 4号半角宋体 page numbers (GB/T 9704 §7.5). */
export const PAGE_NUMBER_FONT = DEFAULT_FONTS.pageNumber;

export type FontRole = keyof FontSettings;

export interface RunFont {
  ascii: string;
  hAnsi: string;
  eastAsia: string;
  cs: string;
  hint: 'eastAsia';
}

export function resolveFonts(partial?: Partial<FontSettings> | null): FontSettings {
  return resolveFontsWith(partial);
}

/**
 * The fonts of one export: the explicit override of this call, then the ledger's stored settings
 * (ledger_meta 'document_fonts', read by modules/settings/document-settings.ts), then the defaults —
 * slot by slot, so a ledger that set only 正文 keeps the default 标题.
 */
export function resolveFontsWith(
  stored?: Partial<FontSettings> | null,
  override?: Partial<FontSettings> | null,
): FontSettings {
  const pick = (...values: Array<string | undefined>) => values.map((v) => v?.trim()).find((v) => v) ?? '';
  const fonts = { ...DEFAULT_FONTS };
  for (const slot of FONT_SLOTS) fonts[slot] = pick(override?.[slot], stored?.[slot], DEFAULT_FONTS[slot]);
  return fonts;
}

export function runFont(fonts: FontSettings, role: FontRole): RunFont {
  const eastAsia = fonts[role];
  // 页码 digits are 半角宋体 too, so the page-number face fills the Latin slots as well.
  const latin = role === 'pageNumber' ? eastAsia : LATIN_FONT;
  return { ascii: latin, hAnsi: latin, eastAsia, cs: latin, hint: 'eastAsia' };
}

/** Font names offices commonly have, for the settings page; GB2312-only ones are marked there. */
export const COMMON_FONT_NAMES: readonly string[] = [
  '仿宋_GB2312',
  '仿宋',
  '方正仿宋_GBK',
  '方正仿宋_GB18030',
  'FangSong',
  '宋体',
  'SimSun',
  '方正小标宋简体',
  '方正小标宋_GBK',
  '华文中宋',
  '黑体',
  'SimHei',
  '方正黑体_GBK',
  '楷体_GB2312',
  '楷体',
  'KaiTi',
  '方正楷体_GBK',
];

/** A font whose character set is GB2312 only (仿宋_GB2312, 楷体_GB2312 …). */
export function isGb2312Font(name: string): boolean {
  return /gb2312/i.test(name);
}

let gb2312: Set<number> | null = null;

/**
 * The GB2312 character set, built offline by decoding every EUC-CN double-byte code (rows 0xA1–0xF7,
 * cells 0xA1–0xFE) with the WHATWG GBK decoder: GBK is a superset of GB2312 and maps that region
 * identically, while codes GB2312 leaves empty decode to characters GBK added — so only rows GB2312
 * actually fills are taken (symbols 0xA1–0xA9, level-1 hanzi 0xB0–0xD7, level-2 hanzi 0xD8–0xF7).
 */
function gb2312Set(): Set<number> {
  if (gb2312) return gb2312;
  const decoder = new TextDecoder('gbk', { fatal: false });
  const set = new Set<number>();
  const rows = [...range(0xa1, 0xa9), ...range(0xb0, 0xf7)];
  for (const row of rows) {
    for (const cell of range(0xa1, 0xfe)) {
      // D7FA–D7FE are unassigned in GB2312 (level 1 ends at 座 D7F9); GBK fills them with other characters.
      if (row === 0xd7 && cell > 0xf9) continue;
      const text = decoder.decode(new Uint8Array([row, cell]));
      const cp = text.codePointAt(0);
      if (text.length === 1 && cp !== undefined && cp !== 0xfffd && !(cp >= 0xe000 && cp <= 0xf8ff)) set.add(cp);
    }
  }
  gb2312 = set;
  return set;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** The characters of `text` that a GB2312-only font cannot draw (ASCII is always drawable). */
export function outsideGb2312(text: string): string[] {
  const set = gb2312Set();
  const found: string[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    // The middle dot of minority names is typed as U+00B7 or U+30FB; GB2312 has it (A1A4).
    if (cp < 0x80 || cp === 0x30fb || set.has(cp)) continue;
    if (!found.includes(ch)) found.push(ch);
  }
  return found;
}

/**
 * Warnings for names with characters outside GB2312 when a GB2312-only font is chosen for a role that
 * prints names (body, headings). Empty when no such font is chosen.
 */
export function gb2312Warnings(names: readonly string[], fonts: FontSettings): string[] {
  const gbFonts = [...new Set([fonts.body, fonts.heading1, fonts.heading2, fonts.heading3].filter(isGb2312Font))];
  if (gbFonts.length === 0) return [];
  const warnings: string[] = [];
  for (const name of [...new Set(names)]) {
    const missing = outsideGb2312(name);
    if (missing.length === 0) continue;
    warnings.push(
      `“${name}”中的“${missing.join('、')}”不在 GB2312 字符集中，所选字体“${gbFonts.join('、')}”没有这些字，Word/WPS 会用其他字体代替显示。建议改用“仿宋”“楷体”等字库更全的字体。`,
    );
  }
  return warnings;
}
