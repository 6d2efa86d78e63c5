/** How dates and money are printed: Arabic numerals, full year, no zero padding (GB/T 9704 §7.3.5). */

/** '2026-01-08' → '2026年1月8日'. */
export function dateCn(iso: string | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** '2026-01-08' → '2026.1.8', for narrow table columns. */
export function dateDot(iso: string | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}.${m}.${d}`;
}

/** 元 with two decimals; blank for nothing. */
export function yuan(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : value.toFixed(2);
}
