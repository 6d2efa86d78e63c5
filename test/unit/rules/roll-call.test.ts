import { describe, expect, it } from 'vitest';
import { parseRollCall } from '../../../electron/core/rules/roll-call.ts';

const roster = [
  { memberId: 1, name: '张三' },
  { memberId: 2, name: '李四' },
  { memberId: 3, name: '王五' },
  { memberId: 4, name: '赵六' },
  { memberId: 6, name: '孙八' },
  { memberId: 7, name: '周九' },
  { memberId: 8, name: '吴十' },
  { memberId: 9, name: '欧阳娜娜' },
  { memberId: 10, name: '张三丰' },
  { memberId: 11, name: '阿卜杜拉·艾力' },
];

const PASTE =
  '#接龙\n3月主题党日签到\n\n例 XXX\n1. 张三\n2. 李四 请假（出差）\n3. 王五 病假\n4、赵六\n5. 钱七（列席）\n6. 孙八 因公请假\n7. 周九 到\n8. 吴十 缺席';

describe('parseRollCall reads a WeChat 接龙 paste', () => {
  it('skips the header, title and example, and reads each numbered line', () => {
    const lines = parseRollCall(PASTE, roster);
    expect(
      lines.map(({ line, name, memberId, status, reason, problem }) => [line, name, memberId, status, reason, problem]),
    ).toEqual([
      [5, '张三', 1, '出席', null, null],
      [6, '李四', 2, '请假', '出差', null],
      [7, '王五', 3, '请假', '病假', null],
      [8, '赵六', 4, '出席', null, null],
      [9, '钱七', null, '列席', null, null],
      [10, '孙八', 6, '请假', '因公请假', null],
      [11, '周九', 7, '出席', null, null],
      [12, '吴十', 8, '缺席', null, null],
    ]);
    expect(lines[1]?.text).toBe('2. 李四 请假（出差）');
  });

  it.each([
    // line, name, memberId, status, reason
    ['1.张三 已到', '张三', 1, '出席', null],
    ['１．张三', '张三', 1, '出席', null],
    ['1．李四（事假）', '李四', 2, '请假', '事假'],
    ['2、李  四', '李四', 2, '出席', null],
    ['2. 李 四 请假', '李四', 2, '请假', null],
    ['3. 张 三 丰', '张三丰', 10, '出席', null],
    ['3. 张三丰 到', '张三丰', 10, '出席', null],
    ['1. 张三请假', '张三', 1, '请假', null],
    ['1. 张三病假（发烧）', '张三', 1, '请假', '病假，发烧'],
    ['1. 张三 ✅', '张三', 1, '出席', null],
    ['1️⃣ 张三 👍', '张三', 1, '出席', null],
    ['(1) 张三', '张三', 1, '出席', null],
    ['【1】张三', '张三', 1, '出席', null],
    ['12) 王五：出差', '王五', 3, '请假', '出差'],
    ['4. 欧阳娜娜', '欧阳娜娜', 9, '出席', null],
    ['5. 欧阳娜娜请假', '欧阳娜娜', 9, '请假', null],
    ['5. 阿卜杜拉·艾力', '阿卜杜拉·艾力', 11, '出席', null],
    ['8. 吴十 无故缺席', '吴十', 8, '缺席', '无故'],
    ['8. 吴十 未请假 缺席', '吴十', 8, '缺席', '未请假'],
    ['8. 吴十 未到', '吴十', 8, '缺席', null],
    ['1. 张三 线上参加', '张三', 1, '出席', null],
  ] as const)('%s → %s', (text, name, memberId, status, reason) => {
    const [line] = parseRollCall(text, roster);
    expect(line).toMatchObject({ line: 1, name, memberId, status, reason, problem: null });
  });

  it.each([
    '#接龙',
    '3月主题党日签到',
    '2026.3 主题党日',
    '3.8 妇女节活动',
    '例 XXX',
    '例：1. 张三',
    '截止时间：3月5日 18:00',
    '3.',
    '',
  ])('%j is not an entry', (text) => {
    expect(parseRollCall(text, roster)).toEqual([]);
  });
});

describe('parseRollCall matches names against the roll of the meeting date', () => {
  it('marks a name not on the roll, unless the person is a 列席 guest', () => {
    const lines = parseRollCall('1. 钱七\n2. 钱七（列席）\n3. Tom 列席\n4. Tom', roster);
    expect(lines.map((l) => [l.name, l.memberId, l.status, l.problem])).toEqual([
      ['钱七', null, '出席', '花名册中没有此人（当日不在册）'],
      ['钱七', null, '列席', '重复接龙：与第 1 行是同一人'],
      ['Tom', null, '列席', null],
      ['Tom', null, '出席', '重复接龙：与第 3 行是同一人'],
    ]);
  });

  it('marks the second line of a person who signed twice', () => {
    const lines = parseRollCall('1. 张三\n2. 李四\n3. 张  三 到', roster);
    expect(lines.map((l) => l.problem)).toEqual([null, null, '重复接龙：与第 1 行是同一人']);
    expect(lines[2]?.memberId).toBe(1);
  });

  it('asks the clerk to choose between two members with the same name, and does not call the second a repeat', () => {
    const lines = parseRollCall('1. 张伟\n2. 张伟', [
      { memberId: 21, name: '张伟' },
      { memberId: 22, name: '张 伟' },
    ]);
    expect(lines.map((l) => [l.memberId, l.problem])).toEqual([
      [null, '花名册中有 2 人叫“张伟”，请手动选择'],
      [null, '花名册中有 2 人叫“张伟”，请手动选择'],
    ]);
  });

  it.each([
    ['1. 钱七请假', '钱七', '请假'],
    ['1. 钱七已到', '钱七', '出席'],
    ['1. 钱七缺席', '钱七', '缺席'],
    ['1. 周到', '周到', '出席'],
    ['1. 钱七列席', '钱七', '列席'],
  ] as const)('cuts a status word glued to a name not on the roll: %s', (text, name, status) => {
    expect(parseRollCall(text, roster)[0]).toMatchObject({ name, status });
  });

  it('prefers the name as written over a longer roster name it starts (张三 is not 张三丰)', () => {
    const [a, b] = parseRollCall('1. 张三 请假\n2. 张三丰', roster);
    expect([a?.memberId, b?.memberId]).toEqual([1, 10]);
  });

  it('says so when a numbered line has no name', () => {
    const [line] = parseRollCall('1. ？？', roster);
    expect(line).toMatchObject({ name: '', memberId: null, status: '出席', problem: '没有识别出姓名' });
    const [dash] = parseRollCall('1. (请假)', roster);
    expect(dash?.problem).toBe('没有识别出姓名');
  });

  it('keeps line numbers of the paste with Windows line ends', () => {
    const lines = parseRollCall('#接龙\r\n签到\r\n1. 张三\r\n2. 李四', roster);
    expect(lines.map((l) => l.line)).toEqual([3, 4]);
  });
});
