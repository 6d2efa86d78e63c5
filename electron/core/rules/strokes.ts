import cnchar from 'cnchar';
import order from 'cnchar-order';

/**
 * 姓氏笔画 order for candidate lists (RULES.md §5.1 step 6), from the stroke data of cnchar and
 * cnchar-order (bundled data; no network).
 *
 * The usual rule: fewer strokes in the surname first; equal counts by the strokes in writing order,
 * compared as 横、竖、撇、点、折; then the same for the next character. Stroke kinds fold into the five
 * as 《通用规范汉字笔顺规范》 does: 提 → 横, 竖钩 → 竖, 捺 and 点 variants → 点, every turning stroke → 折.
 *
 * Decisions:
 * - Compound surnames (欧阳、司马、诸葛…) need no table: a name is compared character by character, so
 *   欧阳 files under 欧 (8 strokes) and then by 阳 — the first character of the surname decides, as in
 *   printed lists. Names of the same surname then go by the given name; a shorter name sorts before a
 *   longer one that begins the same way (王一 before 王一明).
 * - Two different characters with the same count and the same strokes (己/已/巳) are ordered by code
 *   point, so the order never depends on input order.
 * - A character the data does not cover (𠮷, Latin letters, the · in transliterated names) sorts after
 *   every covered character of any stroke count, by code point.
 * - Whitespace is ignored (clerks pad two-character names with a full-width space: “王　芳”).
 */

cnchar.use(order);

/** 横 1, 竖 2, 撇 3, 点 4, 折 5, from cnchar-order's stroke letters. */
const STROKE_CLASS: Record<string, string> = {
  j: '1', // 横
  i: '1', // 提
  f: '2', // 竖
  g: '2', // 竖钩
  s: '3', // 撇
  k: '4', // 点
  d: '4', // 点 (the 提-shaped 点 of 冫、氵 etc.)
  l: '4', // 捺
};
const FOLD = '5';
const UNCOVERED = '99';

const codePoint = (ch: string) => (ch.codePointAt(0) ?? 0).toString(16).padStart(6, '0');

function lettersOf(ch: string): string | null {
  const result = cnchar.stroke(ch, 'order') as unknown;
  const letters = Array.isArray(result) ? result[0] : null;
  return typeof letters === 'string' && /^[a-z]+$/.test(letters) ? letters : null;
}

/**
 * One character's key: two-digit stroke count, the strokes as digits 1–5, then the code point — so
 * keys of the same count have the same length and compare as strings.
 */
function characterKey(ch: string): string {
  const letters = lettersOf(ch);
  if (!letters || letters.length > 98) return `${UNCOVERED}${codePoint(ch)}`;
  const strokes = [...letters].map((l) => STROKE_CLASS[l] ?? FOLD).join('');
  return `${String(strokes.length).padStart(2, '0')}${strokes}${codePoint(ch)}`;
}

/** Whether cnchar-order has the strokes of every character of a name (false: that part falls back to code points). */
export function strokesCovered(name: string): boolean {
  return [...name.replace(/\s/g, '')].every((ch) => lettersOf(ch) !== null);
}

/** A string key: comparing two keys as plain strings gives 姓氏笔画 order. */
export function strokeKey(name: string): string {
  return [...name.replace(/\s/g, '')].map(characterKey).join(' ');
}

/** Names (or records with a name) in 姓氏笔画 order; equal names keep their input order. */
export function sortBySurnameStrokes<T extends string | { name: string }>(items: readonly T[]): T[] {
  const keyed = items.map((item, index) => ({
    item,
    index,
    key: strokeKey(typeof item === 'string' ? item : item.name),
  }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index));
  return keyed.map((k) => k.item);
}
