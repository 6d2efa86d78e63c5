import { describe, expect, it } from 'vitest';
import {
  addYearsIso,
  excelSerialToIso,
  isRealIsoDate,
  parseLooseDate,
} from '../../../electron/core/modules/org/import/loose-date.ts';

const TODAY = '2024-06-30';
const parse = (value: unknown, date1904 = false) => parseLooseDate(value, { today: TODAY, date1904 });

describe('parseLooseDate reads every form clerks type', () => {
  it.each<[unknown, string]>([
    ['2024-03-01', '2024-03-01'],
    ['2024/3/1', '2024-03-01'],
    ['2024.03.01', '2024-03-01'],
    ['2024.3.1', '2024-03-01'],
    ['2024年3月1日', '2024-03-01'],
    ['2024年3月1号', '2024-03-01'],
    ['2024 年 3 月 1 日', '2024-03-01'],
    ['20240301', '2024-03-01'],
    ['２０２４年３月１日', '2024-03-01'],
    ['２０２４．０３．０１', '2024-03-01'],
    ['2024-03-01   ', '2024-03-01'],
    ['2024-03-01 00:00:00', '2024-03-01'],
    ['2024-02-29', '2024-02-29'],
    [45352, '2024-03-01'],
    [45352.75, '2024-03-01'],
    [20240301, '2024-03-01'],
    [new Date(Date.UTC(2024, 2, 1)), '2024-03-01'],
    // exceljs builds UTC instants; reading local parts would shift this one in UTC+8.
    [new Date(Date.UTC(2024, 1, 29, 16)), '2024-02-29'],
  ])('%s → %s', (input, expected) => {
    expect(parse(input)).toEqual({ ok: true, date: expected, dayAssumed: false });
  });

  it.each<[unknown, string]>([
    ['2024.3', '2024-03-01'],
    ['2024-03', '2024-03-01'],
    ['2024/03', '2024-03-01'],
    ['2024年3月', '2024-03-01'],
    ['２０２４年１２月', '2024-12-01'],
    ['202403', '2024-03-01'],
    [199003, '1990-03-01'],
    [1990.05, '1990-05-01'],
    [1990.3, '1990-03-01'],
    [1990.11, '1990-11-01'],
    [1990.12, '1990-12-01'],
  ])('%s → %s with the day assumed', (input, expected) => {
    expect(parse(input)).toEqual({ ok: true, date: expected, dayAssumed: true });
  });

  it('reads serials in the 1904 date system when told to', () => {
    expect(parse(45352 - 1462, true)).toEqual({ ok: true, date: '2024-03-01', dayAssumed: false });
  });
});

describe('parseLooseDate refuses impossible and implausible dates in Chinese', () => {
  it.each<[unknown, string]>([
    ['2023-02-29', '2023 年 2 月只有 28 天'],
    ['2024-04-31', '2024 年 4 月只有 30 天'],
    ['2024-13-01', '月份“13”不存在'],
    ['1899-12-31', '早于 1900 年'],
    ['2026-01-01', '晚于 2025 年'],
    [1990.1, '无法确定是 1 月还是 10 月'],
    [1990, '只有年份'],
    ['1990', '只有年份'],
    ['24.3.1', '年份应写 4 位'],
    ['三月一日', '无法识别日期'],
    ['', '未填写日期'],
    [null, '未填写日期'],
    [new Date(Number.NaN), '日期无效'],
  ])('%s → %s', (input, fragment) => {
    const result = parse(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(fragment);
  });

  it('accepts next year (a planned date) but not the year after', () => {
    expect(parse('2025-12-31').ok).toBe(true);
    expect(parse('2026-01-01').ok).toBe(false);
  });
});

describe('date helpers', () => {
  it.each([
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [61, '1900-03-01'],
    [45352, '2024-03-01'],
  ])('1900-system serial %i is %s', (serial, iso) => {
    expect(excelSerialToIso(serial)).toBe(iso);
  });

  it.each([
    ['2000-03-01', 18, '2018-03-01'],
    ['2000-02-29', 18, '2018-03-01'],
    ['2004-02-29', 20, '2024-02-29'],
    ['1999-12-31', 18, '2017-12-31'],
  ])('%s + %i years is %s', (from, years, expected) => {
    expect(addYearsIso(from, years)).toBe(expected);
  });

  it('tells real ISO dates from look-alikes', () => {
    expect(isRealIsoDate('2024-02-29')).toBe(true);
    expect(isRealIsoDate('2023-02-29')).toBe(false);
    expect(isRealIsoDate('2024-3-1')).toBe(false);
  });
});
