/**
 * A deliberately pessimistic line-count estimate, so page breaks we insert ourselves are never
 * overtaken by the reader's own layout (Word, WPS or LibreOffice).
 *
 * Why this works: every hanzi and full-width mark is exactly one em wide in any CJK font, and Latin
 * text is in Times New Roman (Liberation Serif is metric-compatible), whose widths are bounded above
 * here. A text that fits the line at those widths takes one line everywhere. A text that wraps is
 * wrapped at one em less than the room it has, which absorbs the reader's line-breaking rules
 * (禁则: a closing mark pushed down with the character before it). So a paragraph never takes more
 * lines than estimated, and a page we fill to the estimate never overflows.
 */

/** Upper bounds of Times New Roman advance widths, in em. */
function latinWidth(code: number): number {
  if (code === 0x20) return 0.25;
  if (code >= 0x30 && code <= 0x39) return 0.5;
  if (code === 0x4d || code === 0x57) return 0.95; // M W
  if (code >= 0x41 && code <= 0x5a) return 0.75;
  if (code === 0x6d || code === 0x77) return 0.8; // m w
  if (code >= 0x61 && code <= 0x7a) return 0.55;
  if (code === 0x40 || code === 0x25) return 0.95; // @ %
  if (code === 0x2e || code === 0x2c) return 0.25; // . ,
  if (code === 0x3a || code === 0x3b || code === 0x2f) return 0.28; // : ; /
  if (code === 0x2d || code === 0x28 || code === 0x29) return 0.34; // - ( )
  return 0.5;
}

/** Width of one character in em: ASCII from the Latin table, everything else full width. */
export function charWidth(ch: string): number {
  const code = ch.codePointAt(0) ?? 0;
  return code < 0x80 ? latinWidth(code) : 1;
}

/** Word and LibreOffice put a quarter em between hanzi and Latin letters or digits (autoSpaceDE/DN). */
const AUTO_SPACE = 0.25;

function isLatinAlnum(ch: string): boolean {
  return /^[A-Za-z0-9]$/.test(ch);
}

function isWide(ch: string): boolean {
  return (ch.codePointAt(0) ?? 0) >= 0x80;
}

/** Width in em, with the automatic space where hanzi meet Latin letters or digits. */
export function textWidth(text: string, before = ''): number {
  let width = 0;
  let previous = before;
  for (const ch of text) {
    width += charWidth(ch);
    if (previous && ((isWide(previous) && isLatinAlnum(ch)) || (isLatinAlnum(previous) && isWide(ch))))
      width += AUTO_SPACE;
    previous = ch;
  }
  return width;
}

/** Pieces that never break inside: a run of Latin letters/digits, one space, or one other character. */
function tokens(text: string): string[] {
  return text.match(/[\x21-\x7e]+| |[^\x20-\x7e]/gu) ?? [];
}

/**
 * Splits a paragraph into the lines it is estimated to take (never fewer than the reader's).
 * @param roomEm  the width of the line in em of the paragraph's font size
 * @param indentEm  the first line's indent in em
 */
export function wrapLines(text: string, roomEm: number, indentEm = 0): string[] {
  if (text.length === 0) return [''];
  if (textWidth(text) + indentEm <= roomEm) return [text];
  const capacity = Math.max(1, roomEm - 1);
  const lines: string[] = [];
  let line = '';
  let width = indentEm;
  const push = () => {
    lines.push(line);
    line = '';
    width = 0;
  };
  for (const token of tokens(text)) {
    const w = textWidth(token, line.slice(-1));
    if (width + w <= capacity) {
      line += token;
      width += w;
      continue;
    }
    if (token === ' ') {
      push();
      continue;
    }
    if (line.length > 0) push();
    if (w <= capacity) {
      line = token;
      width = w;
      continue;
    }
    // A Latin word longer than the line: readers break it anywhere.
    for (const ch of token) {
      const c = charWidth(ch) + AUTO_SPACE;
      if (width + c > capacity && line.length > 0) push();
      line += ch;
      width += c;
    }
  }
  if (line.length > 0 || lines.length === 0) lines.push(line);
  return lines;
}

export function lineCount(text: string, roomEm: number, indentEm = 0): number {
  return wrapLines(text, roomEm, indentEm).length;
}

/** Room of a line in em: a width in twips less indents, at a font size in points. */
export function roomEm(widthTwips: number, sizePt: number): number {
  return widthTwips / (sizePt * 20);
}
