import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ImportRowIssue } from '../../../electron/api/org.ts';
import { LedgerError } from '../../../electron/core/errors.ts';
import {
  formatIssue,
  parseRoster,
  type RosterParseOptions,
} from '../../../electron/core/modules/org/import/roster-parse.ts';
import {
  type CellValue,
  readFirstSheetRows,
  type SheetRow,
} from '../../../electron/core/modules/org/import/xlsx-read.ts';

const FIXTURES = new URL('../../fixtures/rosters/', import.meta.url);
const TODAY = '2024-06-30';
const GROUPS = [
  { id: 1, name: '第一党小组' },
  { id: 2, name: '第二党小组' },
];
// 110101199003071233: born 1990-03-07, 男. 110101197001150772: born 1970-01-15, 男.
const ID_1990 = '110101199003071233';

function options(overrides: Partial<RosterParseOptions> = {}): RosterParseOptions {
  return {
    fileName: '花名册.xlsx',
    sheet: 'Sheet1',
    groups: GROUPS,
    existing: [],
    rules: { minimumAgeAtJoin: 18 },
    today: TODAY,
    ...overrides,
  };
}

const HEADER: CellValue[] = ['序号', '姓名', '性别', '出生日期', '公民身份号码', '入党时间', '转正时间', '党小组'];

/** Data rows start at row 2, under HEADER in row 1. */
function sheet(...data: CellValue[][]): SheetRow[] {
  return [{ row: 1, cells: HEADER }, ...data.map((cells, i) => ({ row: i + 2, cells }))];
}

const issuesOf = (list: ImportRowIssue[], row: number) => list.filter((i) => i.row === row).map(formatIssue);

async function parseFixture(name: string, overrides: Partial<RosterParseOptions> = {}) {
  const data = await readFirstSheetRows(readFileSync(new URL(name, FIXTURES)), name);
  return parseRoster(data.rows, options({ fileName: name, sheet: data.sheet, date1904: data.date1904, ...overrides }));
}

describe('parseRoster on a clean roster written by openpyxl', () => {
  it('maps synonym headers under a merged title row and reads every date form', async () => {
    const { report, valid, notices } = await parseFixture('clean-roster.xlsx');
    expect(report).toMatchObject({ sheet: '党员花名册', headerRow: 3, totalRows: 12, validRows: 11, invalidRows: 1 });
    expect(report.committed).toBe(false);
    expect(report.unmappedHeaders).toEqual(['籍贯']);
    expect(report.mappedColumns).toContainEqual({ field: '姓名', header: '*姓名（必填）', column: 'B' });
    expect(report.mappedColumns).toContainEqual({ field: '入党时间', header: '入党 日期', column: 'I' });
    expect(report.duplicates).toEqual([]);

    const byName = new Map(valid.map((v) => [v.fields.name, v]));
    expect(byName.get('张三')?.fields).toMatchObject({
      gender: '男',
      birthDate: '1980-05-12',
      joinDate: '2005-07-01',
      fullDate: '2006-07-01',
      groupId: 1,
      phone: '13800138000',
    });
    // "李  四", "1985.03" with an ID ending in a lowercase x: name unpadded, date completed from the ID.
    expect(byName.get('李四')?.fields).toMatchObject({ birthDate: '1985-03-17', idNumber: '11010219850317058X' });
    // Full-width ID digits, 2001年6月 (month only).
    expect(byName.get('王五')?.fields).toMatchObject({ idNumber: '110105197911030353', joinDate: '2001-06-01' });
    // "19900307" as text and 20150701 as a number.
    expect(byName.get('赵六')?.fields).toMatchObject({ birthDate: '1990-03-07', joinDate: '2015-07-01' });
    // Full-width 出生 text, 入党 in a yyyy"年"m"月"d"日" cell.
    expect(byName.get('钱七')?.fields).toMatchObject({ birthDate: '1988-08-08', joinDate: '2010-06-18' });
    // Birth date in a built-in CJK format cell (numFmtId 31): a bare serial to exceljs.
    expect(byName.get('孙八')?.fields).toMatchObject({ birthDate: '1983-09-09', fullDate: '2013-10-01' });
    // 1975.06 typed into a General cell, completed from the ID; "2000-07-01 00:00:00".
    expect(byName.get('周九')?.fields).toMatchObject({ birthDate: '1975-06-21', joinDate: '2000-07-01' });
    // Gender and birth date left blank: both read from the ID number.
    expect(byName.get('冯十二')?.fields).toMatchObject({ gender: '女', birthDate: '1987-01-02' });
    // "第一小组" matches the group named 第一党小组.
    expect(byName.get('褚十四')?.fields.groupId).toBe(1);
    // A formula's cached result is imported as text.
    expect(byName.get('陈十三')?.fields.note).toBe('见档案');

    expect(notices.map(formatIssue)).toEqual([
      '第 6 行 I 列（入党时间）：只填到了月份，已按当月 1 日记为 2001-06-01',
      '第 6 行 J 列（转正时间）：只填到了月份，已按当月 1 日记为 2002-06-01',
    ]);
  });

  it('names the ID that Excel stored as a number and what to do about it', async () => {
    const { report } = await parseFixture('clean-roster.xlsx');
    expect(report.issues).toEqual([
      {
        row: 12,
        column: 'F',
        field: '公民身份号码',
        message:
          '公民身份号码被 Excel 存成了数字，第 15 位以后的数字已丢失（现在是 110101199003071000）。请把该列设置为“文本”格式后重新输入完整的 18 位号码',
      },
    ]);
    expect(report.preview.find((p) => p.row === 12)).toEqual({
      row: 12,
      name: '郑十一',
      gender: '男',
      birthDate: '1990-03-07',
      joinDate: '2012-07-01',
      valid: false,
    });
  });
});

describe('parseRoster on a roster with bad rows', () => {
  it('names every bad row by row number, column letter and field', async () => {
    const existing = [{ id: 9, name: '已在册', birthDate: '1970-01-15', idNumber: '110101197001150772' }];
    const { report, valid } = await parseFixture('bad-roster.xlsx', { existing });
    expect(report).toMatchObject({ headerRow: 1, totalRows: 16, validRows: 2, invalidRows: 14 });
    // 刚满: exactly 18 on the join date; 同日: 入党时间 == 转正时间.
    expect(valid.map((v) => [v.row, v.fields.name])).toEqual([
      [6, '刚满'],
      [8, '同日'],
    ]);
    expect(issuesOf(report.issues, 2)).toEqual([
      '第 2 行 E 列（公民身份号码）：公民身份号码校验位不符，号码中可能有数字抄错，请对照身份证核对',
    ]);
    expect(issuesOf(report.issues, 3)[0]).toContain('E 列（公民身份号码）：这是 15 位的旧身份证号码');
    expect(issuesOf(report.issues, 4)[0]).toContain('F 列（入党时间）：2024-12-01 晚于今天');
    expect(issuesOf(report.issues, 5)[0]).toContain('F 列（入党时间）：入党时间 2018-02-28 时未满 18 周岁');
    expect(issuesOf(report.issues, 7)[0]).toContain('G 列（转正时间）：转正时间 2010-06-30 早于入党时间');
    expect(issuesOf(report.issues, 9)[0]).toContain('D 列（出生日期）：不是有效日期：2023 年 2 月只有 28 天');
    expect(issuesOf(report.issues, 10)).toEqual(['第 10 行 B 列（姓名）：请填写姓名']);
    expect(issuesOf(report.issues, 11)).toEqual([
      '第 11 行 E 列（公民身份号码）：号码中的出生日期是 1990-03-07，与填写的出生日期 1990-03-08 不一致，请核对',
      '第 11 行 E 列（公民身份号码）：号码显示性别为“男”，与填写的性别“女”不一致，请核对',
    ]);
    expect(issuesOf(report.issues, 14)).toEqual([
      '第 14 行 H 列（所在党小组）：党小组“第三党小组”不存在。本支部的党小组有：第一党小组、第二党小组。请改成其中之一',
    ]);
    expect(issuesOf(report.issues, 18)).toEqual([
      '第 18 行 C 列（性别）：性别“M”无法识别，应为“男”或“女”',
      '第 18 行 F 列（入党时间）：请填写入党时间',
    ]);
    expect(issuesOf(report.issues, 19)[0]).toContain('D 列（出生日期）：“1990.1”无法确定是 1 月还是 10 月');
    // Rows 15 (empty) and 16 (only 序号) are blank and neither counted nor reported.
    expect(report.preview.map((p) => p.row)).not.toContain(15);
    expect(report.preview.map((p) => p.row)).not.toContain(16);
  });

  it('reports duplicates within the file and against members already in the ledger', async () => {
    const existing = [{ id: 9, name: '已在册', birthDate: '1970-01-15', idNumber: '110101197001150772' }];
    const { report } = await parseFixture('bad-roster.xlsx', { existing });
    expect(report.duplicates).toEqual([
      { row: 12, message: '与第 6 行的公民身份号码相同，同一人重复填写' },
      { row: 13, message: '与第 6 行的姓名和出生日期相同，同一人可能重复填写' },
      { row: 17, message: '公民身份号码与台账中已有的党员“已在册”（1101**********0772）相同，此人可能已登记' },
    ]);
    expect(report.preview.find((p) => p.row === 17)?.valid).toBe(false);
  });
});

describe('parseRoster rules on single rows', () => {
  it('derives 性别 and 出生日期 from the ID when those columns are missing', () => {
    const rows: SheetRow[] = [
      { row: 1, cells: ['姓名', '身份证号', '入党时间'] },
      { row: 2, cells: ['张三', ID_1990, '2012-07-01'] },
    ];
    const { valid, report } = parseRoster(rows, options());
    expect(report.issues).toEqual([]);
    expect(valid[0]?.fields).toMatchObject({ gender: '男', birthDate: '1990-03-07', idNumber: ID_1990 });
  });

  it('asks for 性别 and 出生日期 when neither the column nor a valid ID gives them', () => {
    const { report } = parseRoster(sheet([1, '张三', null, null, null, '2012-07-01']), options());
    expect(issuesOf(report.issues, 2)).toEqual([
      '第 2 行 C 列（性别）：请填写性别（或填写公民身份号码，由号码识别）',
      '第 2 行 D 列（出生日期）：请填写出生日期（或填写公民身份号码，由号码识别）',
    ]);
  });

  it('refuses a file whose header lacks a required column, naming the header row', () => {
    const rows: SheetRow[] = [
      { row: 2, cells: ['姓名', '性别', '出生日期'] },
      { row: 3, cells: ['张三', '男', '1990-03-07'] },
    ];
    const error = (() => {
      try {
        parseRoster(rows, options());
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(LedgerError);
    expect((error as LedgerError).code).toBe('BAD_FILE');
    expect((error as LedgerError).message).toContain('表头（第 2 行）缺少“入党时间”列');
    expect((error as LedgerError).details[0]).toMatchObject({ file: '花名册.xlsx', row: 2 });
  });

  it('refuses a sheet with no 姓名 header in the first 15 rows', () => {
    expect(() => parseRoster([{ row: 1, cells: ['名字', '性别'] }], options())).toThrow('前 15 行中没有找到表头');
  });

  it('says so when the header has no data under it', () => {
    const { report } = parseRoster(sheet(), options());
    expect(report.totalRows).toBe(0);
    expect(report.issues).toEqual([{ row: 1, message: '表头下面没有党员数据' }]);
  });

  it('skips a header repeated on every printed page', () => {
    const { report } = parseRoster(sheet([1, '张三', '男', '1990-03-07', null, '2012-07-01'], HEADER), options());
    expect(report.totalRows).toBe(1);
    expect(report.validRows).toBe(1);
  });

  it('hints that a month-only join date was taken as the 1st when the age check fails', () => {
    const { report } = parseRoster(sheet([1, '张三', '男', '1990-03-07', null, '2008.3']), options());
    expect(issuesOf(report.issues, 2)[0]).toContain('（该日期只填到月份，已按 1 日计算）');
  });

  it('does not take namesakes born the same day with different IDs for one person', () => {
    const other = '110101199003071241'; // also born 1990-03-07, 女
    const { report } = parseRoster(
      sheet(
        [1, '张三', '男', '1990-03-07', ID_1990, '2012-07-01'],
        [2, '张三', '女', '1990-03-07', other, '2012-07-01'],
      ),
      options({ existing: [{ id: 5, name: '张三', birthDate: '1990-03-07', idNumber: '110101199003072340' }] }),
    );
    expect(report.duplicates).toEqual([]);
    expect(report.validRows).toBe(2);
  });

  it('finds an existing member by name and birth date when the ledger has no ID for them', () => {
    const { report } = parseRoster(
      sheet([1, '张 三', '男', '1990-03-07', ID_1990, '2012-07-01']),
      options({ existing: [{ id: 5, name: '张三', birthDate: '1990-03-07', idNumber: null }] }),
    );
    expect(report.duplicates).toEqual([
      { row: 2, message: '姓名和出生日期（1990-03-07）与台账中已有的党员“张三”相同，此人可能已登记' },
    ]);
    expect(report.validRows).toBe(0);
  });

  it('tells a branch without groups to set them up first', () => {
    const { report } = parseRoster(
      sheet([1, '张三', '男', '1990-03-07', null, '2012-07-01', null, '一组']),
      options({ groups: [] }),
    );
    expect(issuesOf(report.issues, 2)[0]).toContain('本支部还没有设立党小组');
  });

  it('applies the shape limits of the member form (姓名 at most 40 characters)', () => {
    const { report } = parseRoster(sheet([1, '张'.repeat(41), '男', '1990-03-07', null, '2012-07-01']), options());
    expect(issuesOf(report.issues, 2)).toEqual(['第 2 行 B 列（姓名）：不能超过 40 个字']);
  });

  it('reads numeric date serials with the 1904 system when the workbook uses it', async () => {
    const { valid } = await parseFixture('date1904.xlsx');
    expect(valid[0]?.fields).toMatchObject({ birthDate: '1980-05-12', joinDate: '2005-07-01' });
  });

  it('detects an ID pasted as scientific-notation text', () => {
    const { report } = parseRoster(sheet([1, '张三', '男', '1990-03-07', '1.10101E+17', '2012-07-01']), options());
    expect(issuesOf(report.issues, 2)[0]).toContain('第 15 位以后的数字已丢失（现在是 1.10101E+17）');
  });
});
