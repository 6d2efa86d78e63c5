/**
 * The renderer's copy of the core's rule (electron/core/export/docx/fonts.ts isGb2312Font): a font
 * whose name says GB2312 has that character set only. Kept here so the warning follows what the clerk
 * types before saving; test/unit/renderer-contract.test.ts checks both agree.
 */
export function isGb2312Only(name: string): boolean {
  return /gb2312/i.test(name);
}
