import { describe, expect, it } from 'vitest';
import { type MemberFields, memberFieldsSchema } from '../../../electron/api/org.ts';
import { normalizeMemberFields, validateMember } from '../../../electron/core/modules/org/member-validation.ts';

const TODAY = '2024-06-30';
const RULES = { minimumAgeAtJoin: 18 };

// 110101200003010110: born 2000-03-01, 男 (computed by make_fixtures.py's independent id_number).
const base: MemberFields = memberFieldsSchema.parse({
  name: '张三',
  gender: '男',
  birthDate: '2000-03-01',
  idNumber: '110101200003010110',
  joinDate: '2018-03-01',
  fullDate: '2019-03-01',
});

describe('validateMember', () => {
  it('accepts a member who turned 18 exactly on the join date', () => {
    expect(validateMember(base, RULES, TODAY)).toEqual([]);
  });

  it.each<[string, Partial<MemberFields>, string, string]>([
    ['joined one day before turning 18', { joinDate: '2018-02-28' }, '入党时间', '未满 18 周岁'],
    ['转正 before 入党', { fullDate: '2018-02-28' }, '转正时间', '早于入党时间'],
    ['a 29 February that does not exist', { birthDate: '2023-02-29', idNumber: undefined }, '出生日期', '只有 28 天'],
    ['a join date in the future', { joinDate: '2024-07-01', fullDate: undefined }, '入党时间', '晚于今天'],
    ['an ID whose check character is wrong', { idNumber: '110101200003010111' }, '公民身份号码', '校验位不符'],
    ['an ID born on another day', { birthDate: '2000-03-02', joinDate: '2018-03-02' }, '公民身份号码', '不一致'],
    ['an ID of the other gender', { gender: '女' }, '公民身份号码', '性别为“男”'],
    ['a 15-digit ID', { idNumber: '110101000301011' }, '公民身份号码', '15 位的旧身份证号码'],
  ])('refuses %s', (_, change, field, fragment) => {
    const details = validateMember({ ...base, ...change }, RULES, TODAY);
    expect(details).toHaveLength(1);
    expect(details[0]).toMatchObject({ field });
    expect(details[0]?.message).toContain(fragment);
  });

  it('accepts 入党时间 equal to 转正时间', () => {
    expect(validateMember({ ...base, fullDate: base.joinDate }, RULES, TODAY)).toEqual([]);
  });

  it('accepts a date equal to today', () => {
    expect(validateMember({ ...base, fullDate: TODAY }, RULES, TODAY)).toEqual([]);
  });

  it('counts a 29 February birthday as reached on 1 March in a non-leap year', () => {
    const leapling = { ...base, birthDate: '2000-02-29', idNumber: '110101200002290114' };
    expect(validateMember({ ...leapling, joinDate: '2018-02-28' }, RULES, TODAY)[0]?.message).toContain(
      '2018-03-01 才年满 18 周岁',
    );
    expect(validateMember({ ...leapling, joinDate: '2018-03-01' }, RULES, TODAY)).toEqual([]);
  });

  it('follows the rule set, not a hard-coded 18', () => {
    expect(validateMember({ ...base, joinDate: '2018-03-01' }, { minimumAgeAtJoin: 20 }, TODAY)[0]?.field).toBe(
      '入党时间',
    );
  });

  it('reports every problem of a member at once', () => {
    const details = validateMember(
      { ...base, gender: '女', joinDate: '2017-01-01', fullDate: '2016-01-01' },
      RULES,
      TODAY,
    );
    expect(details.map((d) => d.field).sort()).toEqual(['入党时间', '公民身份号码', '转正时间']);
  });

  it('accepts a lowercase x and stores it uppercase', () => {
    const fields = { ...base, birthDate: '1949-12-31', joinDate: '1970-01-01', fullDate: undefined };
    const withX = { ...fields, gender: '女' as const, idNumber: '11010519491231002x' };
    expect(validateMember(withX, RULES, TODAY)).toEqual([]);
    expect(normalizeMemberFields(withX).idNumber).toBe('11010519491231002X');
  });
});
