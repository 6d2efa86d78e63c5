import { describe, expect, it } from 'vitest';
import {
  idNumberCheckChar,
  maskIdNumber,
  normalizeIdNumber,
  parseIdNumber,
} from '../../../electron/core/modules/org/import/id-number.ts';

const TODAY = '2024-06-30';

// Valid numbers were computed by an independent implementation (make_fixtures.py's id_number);
// 11010519491231002X is the worked example of GB 11643-1999.
describe('parseIdNumber accepts valid 公民身份号码 and reads birth date and gender', () => {
  it.each([
    ['11010519491231002X', '11010519491231002X', '1949-12-31', '女'],
    ['11010519491231002x', '11010519491231002X', '1949-12-31', '女'],
    ['１１０１０５１９４９１２３１００２Ｘ', '11010519491231002X', '1949-12-31', '女'],
    [' 110101199003071233 ', '110101199003071233', '1990-03-07', '男'],
    ['110101199003071241', '110101199003071241', '1990-03-07', '女'],
    ['32010219881008009X', '32010219881008009X', '1988-10-08', '男'],
    ['110101200002290114', '110101200002290114', '2000-02-29', '男'],
  ])('%s', (input, idNumber, birthDate, gender) => {
    expect(parseIdNumber(input, TODAY)).toEqual({ ok: true, idNumber, birthDate, gender });
  });
});

describe('parseIdNumber refuses with a message that says what is wrong', () => {
  it.each([
    ['110101199003071234', '校验位不符'],
    ['11010519491231002Y', '最后一位是数字或 X'],
    ['110101199003071230', '校验位不符'],
    ['110101800101001', '15 位的旧身份证号码'],
    ['11010119900307123', '应为 18 位，现在是 17 位'],
    ['1101011990030712333', '应为 18 位，现在是 19 位'],
    ['A10101199003071233', '前 17 位应是数字'],
    ['110101199902290110', '“19990229”不是有效日期'],
    ['110101199013010110', '“19901301”不是有效日期'],
    ['110101203001010011', '晚于今天'],
    ['', '未填写'],
  ])('%s → %s', (input, fragment) => {
    const result = parseIdNumber(input, TODAY);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(fragment);
  });

  it('accepts a birth date equal to today and refuses the day after', () => {
    const first17 = '11010120240630011';
    expect(parseIdNumber(first17 + idNumberCheckChar(first17), TODAY).ok).toBe(true);
    expect(parseIdNumber(first17 + idNumberCheckChar(first17), '2024-06-29').ok).toBe(false);
  });
});

describe('ID helpers', () => {
  it('masks the middle ten characters', () => {
    expect(maskIdNumber('110101199003071234')).toBe('1101**********1234');
    expect(maskIdNumber('1234')).toBe('****');
  });

  it('normalises full-width digits, spaces and a lowercase x', () => {
    expect(normalizeIdNumber('１１０１０５ １９４９１２３１ ００２ｘ')).toBe('11010519491231002X');
  });

  it('computes the check character with weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(idNumberCheckChar('11010119900307123')).toBe('3');
  });
});
