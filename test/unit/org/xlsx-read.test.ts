import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LedgerError } from '../../../electron/core/errors.ts';
import {
  cleanText,
  MAX_CELL_CHARS,
  normalizeCellValue,
  readFirstSheetRows,
  type SheetData,
} from '../../../electron/core/modules/org/import/xlsx-read.ts';
import { inflateEntry, readCentralDirectory } from '../../../electron/core/modules/org/import/zip-scan.ts';
import { storedZip } from './zip-helpers.ts';

const FIXTURES = new URL('../../fixtures/rosters/', import.meta.url);
const read = (name: string) => readFirstSheetRows(readFileSync(new URL(name, FIXTURES)), name);
const cell = (sheet: SheetData, row: number, col: string) =>
  sheet.rows.find((r) => r.row === row)?.cells[col.charCodeAt(0) - 65] ?? null;

async function refusal(name: string): Promise<LedgerError> {
  const error = await read(name).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LedgerError);
  return error as LedgerError;
}

describe('readFirstSheetRows on a roster written by openpyxl', () => {
  it('keeps row numbers as Excel shows them and leaves blank rows out', async () => {
    const sheet = await read('clean-roster.xlsx');
    expect(sheet.sheet).toBe('党员花名册');
    expect(sheet.date1904).toBe(false);
    expect(sheet.rows.map((r) => r.row)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 17, 18]);
    expect(cell(sheet, 1, 'A')).toBe('XX公司第一党支部党员花名册');
  });

  it('returns each cell by type: Dates in UTC, CJK built-in formats as serials, formula results', async () => {
    const sheet = await read('clean-roster.xlsx');
    // A custom date format (id ≥ 164) comes back as a Date at UTC midnight …
    expect(cell(sheet, 4, 'E')).toEqual(new Date(Date.UTC(1980, 4, 12)));
    expect(cell(sheet, 8, 'I')).toEqual(new Date(Date.UTC(2010, 5, 18)));
    // … but built-in id 31 (yyyy"年"m"月"d"日") is unknown to exceljs and stays a serial.
    expect(cell(sheet, 9, 'E')).toBe(30568);
    // An 18-digit ID in a number cell has already lost its last digits.
    expect(cell(sheet, 12, 'F')).toBe(110101199003071000);
    expect(cell(sheet, 14, 'O')).toBe('见档案');
    expect(cell(sheet, 4, 'M')).toBe(13800138000);
    // Line breaks inside a header become spaces; full-width text is left to the parser.
    expect(cell(sheet, 3, 'I')).toBe('入党 日期');
    expect(cell(sheet, 6, 'F')).toBe('１１０１０５１９７９１１０３０３５３');
  });

  it('takes the first visible worksheet', async () => {
    const sheet = await read('hidden-first-sheet.xlsx');
    expect(sheet.sheet).toBe('名册');
    expect(cell(sheet, 2, 'A')).toBe('王五');
  });

  it('reports the 1904 date system and converts date-formatted cells with it', async () => {
    const sheet = await read('date1904.xlsx');
    expect(sheet.date1904).toBe(true);
    expect(cell(sheet, 2, 'C')).toBe(27891);
    expect(cell(sheet, 2, 'D')).toEqual(new Date(Date.UTC(2005, 6, 1)));
  });
});

describe('readFirstSheetRows survives hostile workbooks', () => {
  // Without ignoreNodes each of these exhausts a 1 GB heap (DOCUMENTS.md §2.10, and our cols test);
  // finishing inside this test's own timeout is the proof of bounded time.
  it.each(['merge-bomb.xlsx', 'cols-bomb.xlsx'])(
    'loads %s ignoring merges, validations and column ranges',
    async (name) => {
      const sheet = await read(name);
      expect(sheet.rows.map((r) => r.cells[0])).toEqual(['姓名', '张三', '李四']);
    },
    20_000,
  );

  it.each([
    ['renamed-xls.xlsx', '这是 .xls 旧格式或加密的工作簿，请在 Excel/WPS 中另存为 .xlsx 后再导入'],
    ['text-renamed.xlsx', '这不是 Excel 工作簿'],
    ['zip-bomb.xlsx', '解压后有 61 MB，超过上限 50 MB'],
    ['ratio-bomb.xlsx', '压缩比异常'],
    ['lying-size.xlsx', '实际解压大小超过其声明的大小'],
    ['macro.xlsx', '含有宏'],
    ['defined-name-bomb.xlsx', '名称“_FilterDatabase”引用的区域过大'],
    ['too-many-rows.xlsx', '超过 20000 行'],
    ['too-many-cols.xlsx', '超过 100 列'],
  ])('refuses %s with a Chinese message naming the file', async (name, fragment) => {
    const error = await refusal(name);
    expect(error.code).toBe('BAD_FILE');
    expect(error.message).toContain(`“${name}”`);
    expect(error.message).toContain(fragment);
    expect(error.details[0]).toMatchObject({ file: name });
  });

  it('refuses an empty file', async () => {
    await expect(readFirstSheetRows(new Uint8Array(), 'empty.xlsx')).rejects.toThrow('文件是空的');
  });

  it('refuses a zip that is not a workbook', async () => {
    const truncated = readFileSync(new URL('clean-roster.xlsx', FIXTURES)).subarray(0, 200);
    await expect(readFirstSheetRows(truncated, 'cut.xlsx')).rejects.toThrow('文件结构已损坏');
  });
});

describe('readFirstSheetRows on damaged copies of a real roster', () => {
  it('either reads the file or refuses it as BAD_FILE — never another kind of error', async () => {
    const original = readFileSync(new URL('clean-roster.xlsx', FIXTURES));
    let seed = 20240630;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const outcomes = new Set<string>();
    for (let i = 0; i < 150; i++) {
      const copy = new Uint8Array(original);
      const damaged =
        i % 3 === 0
          ? copy.subarray(0, Math.floor(random() * copy.length))
          : copy.map((b) => (random() < 0.002 ? b ^ 0xff : b));
      const outcome = await readFirstSheetRows(damaged, 'damaged.xlsx').then(
        () => 'read',
        (e: unknown) => (e instanceof LedgerError ? e.code : String(e)),
      );
      outcomes.add(outcome);
    }
    expect([...outcomes].filter((o) => o !== 'read' && o !== 'BAD_FILE')).toEqual([]);
    expect(outcomes).toContain('BAD_FILE');
  });
});

describe('readFirstSheetRows on workbooks with damaged XML', () => {
  async function partsOf(name: string) {
    const bytes = readFileSync(new URL(name, FIXTURES));
    const parts: Array<{ name: string; data: Uint8Array }> = [];
    for (const entry of readCentralDirectory(bytes))
      parts.push({ name: entry.name, data: await inflateEntry(bytes, entry, true) });
    return parts;
  }

  it('reads a re-zipped copy of the roster (the hand-made zip is sound)', async () => {
    const rows = await readFirstSheetRows(storedZip(await partsOf('clean-roster.xlsx')), 'copy.xlsx');
    expect(rows.rows).toHaveLength(17);
  });

  it('either reads the file or refuses it as BAD_FILE when exceljs meets broken XML', async () => {
    const parts = await partsOf('clean-roster.xlsx');
    const targets = parts.filter((p) => /workbook\.xml$|sheet1\.xml$|styles\.xml$|workbook\.xml\.rels$/.test(p.name));
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return Math.floor((seed / 2 ** 31) * n);
    };
    const outcomes = new Set<string>();
    for (let i = 0; i < 120; i++) {
      const target = targets[i % targets.length];
      if (!target) continue;
      const text = Buffer.from(target.data).toString('utf8');
      const at = random(text.length);
      const junk = ['', '<', '"', '&', '</x>', '<row r="-1">'][random(6)];
      const mangled = text.slice(0, at) + junk + text.slice(at + random(40));
      const zip = storedZip(
        parts.map((p) => (p === target ? { name: p.name, data: Buffer.from(mangled, 'utf8') } : p)),
      );
      outcomes.add(
        await readFirstSheetRows(zip, 'broken.xlsx').then(
          () => 'read',
          (e: unknown) => (e instanceof LedgerError && /[\u4e00-\u9fff]/.test(e.message) ? e.code : String(e)),
        ),
      );
    }
    expect([...outcomes].filter((o) => o !== 'read' && o !== 'BAD_FILE')).toEqual([]);
    expect(outcomes).toContain('BAD_FILE');
  });

  it('refuses a workbook with more than 200 parts', async () => {
    const parts = await partsOf('clean-roster.xlsx');
    const padding = Array.from({ length: 200 }, (_, i) => ({ name: `xl/media/pad${i}.bin`, data: new Uint8Array(1) }));
    await expect(readFirstSheetRows(storedZip([...parts, ...padding]), 'many.xlsx')).rejects.toThrow('超过上限 200 个');
  });
});

describe('normalizeCellValue', () => {
  const when = new Date(Date.UTC(2024, 2, 1));
  it.each<[string, unknown, unknown]>([
    ['empty', null, null],
    ['undefined', undefined, null],
    ['a number', 42, 42],
    ['a boolean', true, true],
    ['a Date', when, when],
    ['an invalid Date', new Date(Number.NaN), null],
    ['a padded string', '  张三\u3000', '张三'],
    ['a blank string', ' \t ', null],
    ['a formula → its result', { formula: 'A1+1', result: 7 }, 7],
    ['a formula without a result', { formula: 'NOW()' }, null],
    ['a formula with an error result', { formula: '1/0', result: { error: '#DIV/0!' } }, null],
    ['a shared formula', { sharedFormula: 'B2', result: '王五' }, '王五'],
    ['rich text', { richText: [{ text: '张' }, { text: '三', font: { bold: true } }] }, '张三'],
    ['a hyperlink', { text: '见档案', hyperlink: 'https://example.com' }, '见档案'],
    ['a hyperlink with rich text', { text: { richText: [{ text: '链接' }] }, hyperlink: 'x' }, '链接'],
    ['an error', { error: '#N/A' }, null],
    ['a leading = is kept as data', '=HYPERLINK("http://x")', '=HYPERLINK("http://x")'],
  ])('%s', (_, input, expected) => {
    expect(normalizeCellValue(input)).toEqual(expected);
  });

  it('NFC-normalises, turns line breaks into spaces and strips control and zero-width characters', () => {
    expect(cleanText('Jose\u0301')).toBe('José');
    expect(cleanText('北京市\r\n东城区')).toBe('北京市 东城区');
    expect(cleanText('张\u0000三\u200B\u0007')).toBe('张三');
  });

  it('caps text at 32 767 characters without splitting a CJK Ext-B character', () => {
    expect(cleanText('a'.repeat(40_000))).toHaveLength(MAX_CELL_CHARS);
    const capped = cleanText(`${'a'.repeat(MAX_CELL_CHARS - 1)}𠮷`);
    expect(capped).toHaveLength(MAX_CELL_CHARS - 1);
  });
});
