/**
 * Checks on xl/workbook.xml that exceljs would otherwise fail on badly:
 * - a defined name over a huge range (e.g. _FilterDatabase on $A$1:$XFD$1048576) is expanded by
 *   exceljs into one object per cell even with ignoreNodes — a 6 KB file ran a 1 GB heap out of
 *   memory in our test; Print_Area/Print_Titles are exempt because exceljs never expands them;
 * - Strict Open XML and namespace-prefixed workbooks (<x:workbook>) are not readable by exceljs
 *   (DOCUMENTS.md §2.9) and should be re-saved rather than reported as "corrupt".
 */
import { ZipRefusal } from './zip-scan.ts';

/** Cells exceljs may materialise for defined names; 2 M cells measured at ~150 MB and 0.3 s. */
export const MAX_DEFINED_NAME_CELLS = 2_000_000;

const RESAVE = '请在 Excel/WPS 中打开，另存为“Excel 工作簿 (*.xlsx)”后再导入';
const DEFINED_NAME = /<(?:[\w.-]+:)?definedName\b([^>]*)>([\s\S]*?)<\/(?:[\w.-]+:)?definedName>/g;
const AREA = /\$?([A-Z]{1,3})\$?(\d{1,7})\s*:\s*\$?([A-Z]{1,3})\$?(\d{1,7})/g;
const NOT_EXPANDED = new Set(['_xlnm.Print_Area', '_xlnm.Print_Titles']);

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function decodeXmlText(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) =>
    e === 'amp' ? '&' : e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : "'",
  );
}

/** Throws a ZipRefusal when exceljs could not read this workbook.xml safely or at all. */
export function checkWorkbookXml(xml: string): void {
  if (xml.includes('http://purl.oclc.org/ooxml/spreadsheetml/main')) {
    throw new ZipRefusal(`这是“Strict Open XML”格式的工作簿，无法读取。${RESAVE}`);
  }
  if (/<[\w.-]+:workbook[\s>]/.test(xml)) {
    throw new ZipRefusal(`该工作簿由其他软件生成，内部格式无法读取。${RESAVE}`);
  }
  let total = 0;
  for (const match of xml.matchAll(DEFINED_NAME)) {
    const name = decodeXmlText(/\bname="([^"]*)"/.exec(match[1] ?? '')?.[1] ?? '');
    if (NOT_EXPANDED.has(name)) continue;
    for (const area of (match[2] ?? '').matchAll(AREA)) {
      const cols = Math.abs(columnNumber(area[3] ?? '') - columnNumber(area[1] ?? '')) + 1;
      const rows = Math.abs(Number(area[4]) - Number(area[2])) + 1;
      total += cols * rows;
      if (total > MAX_DEFINED_NAME_CELLS) {
        const shown = name.replace(/^_xlnm\./, '');
        throw new ZipRefusal(
          `工作簿中的名称“${shown}”引用的区域过大（${area[0]}），无法安全读取。请在 Excel 的“公式 → 名称管理器”中删除该名称（或取消筛选），另存后再导入`,
        );
      }
    }
  }
}
