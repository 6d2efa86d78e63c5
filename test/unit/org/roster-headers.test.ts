import { describe, expect, it } from 'vitest';
import {
  columnLetter,
  fieldForHeader,
  findHeaderRow,
  normalizeHeader,
} from '../../../electron/core/modules/org/import/roster-headers.ts';
import type { CellValue, SheetRow } from '../../../electron/core/modules/org/import/xlsx-read.ts';

const row = (n: number, ...cells: CellValue[]): SheetRow => ({ row: n, cells });

describe('findHeaderRow', () => {
  it('finds the header under a title row and blank rows, with column letters', () => {
    const mapping = findHeaderRow([
      row(1, 'XX党支部党员花名册'),
      row(2, '填报单位：第一党支部'),
      row(4, '序号', '姓名', '性别', '出生年月', '入党日期', '籍贯'),
      row(5, 1, '张三', '男', '1980-01', '2005-07-01', '北京'),
    ]);
    expect(mapping?.headerRow).toBe(4);
    expect(mapping?.columns.map((c) => [c.field, c.column, c.header])).toEqual([
      ['name', 'B', '姓名'],
      ['gender', 'C', '性别'],
      ['birthDate', 'D', '出生年月'],
      ['joinDate', 'E', '入党日期'],
    ]);
    // 序号 is dropped silently; 籍贯 is reported as not imported.
    expect(mapping?.unmapped).toEqual([{ header: '籍贯', column: 'F' }]);
  });

  it('prefers the row with the most recognised headers', () => {
    const mapping = findHeaderRow([row(1, '姓名'), row(2, '姓名', '性别', '民族')]);
    expect(mapping?.headerRow).toBe(2);
  });

  it('requires a 姓名 column', () => {
    expect(findHeaderRow([row(1, '性别', '出生日期', '入党时间')])).toBeNull();
  });

  it('only scans the first 15 rows', () => {
    expect(findHeaderRow([row(16, '姓名', '性别')])).toBeNull();
    expect(findHeaderRow([row(15, '姓名', '性别')])?.headerRow).toBe(15);
  });

  it('keeps the first of two columns for one field and lists the second', () => {
    const mapping = findHeaderRow([row(1, '姓名', '手机', '电话')]);
    expect(mapping?.columns.find((c) => c.field === 'phone')?.column).toBe('B');
    expect(mapping?.unmapped).toEqual([{ header: '电话', column: 'C' }]);
  });
});

describe('header synonyms and normalisation', () => {
  it.each([
    ['姓名', 'name'],
    ['党员姓名', 'name'],
    ['*姓名（必填）', 'name'],
    ['姓  名', 'name'],
    ['姓\u3000名', 'name'],
    ['性别', 'gender'],
    ['民族', 'ethnicity'],
    ['出生日期', 'birthDate'],
    ['出生年月', 'birthDate'],
    ['出生年月日', 'birthDate'],
    ['生日', 'birthDate'],
    ['出生日期(YYYY-MM-DD)', 'birthDate'],
    ['公民身份号码', 'idNumber'],
    ['身份证号', 'idNumber'],
    ['身份证号码', 'idNumber'],
    ['身份证', 'idNumber'],
    ['公民身份号码【必填】', 'idNumber'],
    ['学历', 'education'],
    ['文化程度', 'education'],
    ['最高学历', 'education'],
    ['人员类别', 'personCategory'],
    ['人员身份', 'personCategory'],
    ['入党时间', 'joinDate'],
    ['入党日期', 'joinDate'],
    ['入党年月', 'joinDate'],
    ['加入党组织日期', 'joinDate'],
    ['入党\n时间', 'joinDate'],
    ['转正时间', 'fullDate'],
    ['转正日期', 'fullDate'],
    ['转为正式党员日期', 'fullDate'],
    ['所在党小组', 'groupId'],
    ['党小组', 'groupId'],
    ['工作岗位', 'job'],
    ['岗位', 'job'],
    ['职务', 'job'],
    ['工作单位及职务', 'job'],
    ['联系电话', 'phone'],
    ['手机', 'phone'],
    ['手机号码', 'phone'],
    ['电话', 'phone'],
    ['联系电话：', 'phone'],
    ['家庭住址', 'address'],
    ['住址', 'address'],
    ['备注', 'note'],
    ['序号', 'ignored'],
    ['籍贯', null],
    ['', null],
  ])('%j → %s', (header, field) => {
    expect(fieldForHeader(header)).toBe(field);
  });

  it('normalises full-width letters and parentheses', () => {
    expect(normalizeHeader('ＮＯ．')).toBe('NO.');
    expect(normalizeHeader(' 入党时间（选填） ')).toBe('入党时间');
  });

  it.each([
    [1, 'A'],
    [26, 'Z'],
    [27, 'AA'],
    [52, 'AZ'],
    [53, 'BA'],
    [702, 'ZZ'],
    [703, 'AAA'],
  ])('column %i is %s', (col, letter) => {
    expect(columnLetter(col)).toBe(letter);
  });
});
