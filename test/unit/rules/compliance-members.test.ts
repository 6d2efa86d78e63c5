import { describe, expect, it } from 'vitest';
import type { AttendanceStatus } from '../../../electron/api/life.ts';
import { defaultRuleSet, withOverrides } from '../../../electron/core/templates/ruleset.ts';
import {
  cellOf,
  check,
  compliantInput,
  type Meeting,
  type Member,
  meeting,
  member,
  messages,
  present,
} from './compliance-fixtures.ts';

describe('MTG-08 谈心谈话: each member on roll takes part in at least one talk a year', () => {
  const members = Array.from({ length: 13 }, (_, i) => member(i + 1, `党员${String.fromCharCode(0x7532 + i)}`));
  const talks = [{ id: 1, heldOn: '2026-05-01', talkerId: 1, talkeeId: 2 }];

  it('lists up to 10 names and counts the rest once the year is over', () => {
    const result = check(compliantInput({ members, talks }));
    expect(cellOf(result, 'MTG-08', '2026')).toMatchObject({ state: 'missing', required: 13, held: 2, evidence: [1] });
    const [message] = messages(result, 'MTG-08');
    expect(message).toMatch(/^2026年 11 名党员谈心谈话不足 1 次：/);
    expect(message).toMatch(/、党员\S等 11 人$/);
    expect(message?.split('、')).toHaveLength(10);
    expect(result.findings.find((f) => f.ruleId === 'MTG-08')?.severity).toBe('warning');
  });

  it('counts the talker as well as the talkee, and only talks of the year', () => {
    const two = [member(1, '张三'), member(2, '李四'), member(3, '王五')];
    const result = check(
      compliantInput({ members: two, talks: [...talks, { id: 2, heldOn: '2025-12-31', talkerId: 1, talkeeId: 3 }] }),
    );
    expect(messages(result, 'MTG-08')).toEqual(['2026年 1 名党员谈心谈话不足 1 次：王五']);
  });

  it('is pending, with no finding, until the year is over', () => {
    const result = check(compliantInput({ members, talks, asOf: '2026-12-31' }));
    expect(cellOf(result, 'MTG-08', '2026').state).toBe('pending');
    expect(messages(result, 'MTG-08')).toEqual([]);
  });

  it('leaves out members not on the roll during the year', () => {
    const gone = [member(1, '张三'), member(2, '李四'), member(3, '王五', [{ from: '2020-01-01', to: '2026-01-01' }])];
    expect(messages(check(compliantInput({ members: gone, talks })), 'MTG-08')).toEqual([]);
  });
});

describe('MTG-09 学时: 32 a year, 56 for 书记 and 委员', () => {
  const lesson = (heldOn: string, hours: number, attendance: Meeting['attendance']) =>
    meeting(heldOn, ['集中学习'], { studyHours: hours, attendance });

  it.each([
    // hours attended, leader, finding
    [32, false, null],
    [31.5, false, '张三 2026年集中学习培训 31.5 学时，少于 32 学时'],
    [55.5, true, '张三 2026年集中学习培训 55.5 学时，少于 56 学时'],
    [56, true, null],
  ])('%f hours, leader %s', (hours, leader, message) => {
    const members = [member(1, '张三', undefined, leader)];
    const meetings = [lesson('2026-03-01', hours - 0.5, present(1)), lesson('2026-09-01', 0.5, present(1))];
    const result = check(compliantInput({ members, meetings, talks: [] }));
    expect(result.studyHours).toEqual([{ memberId: 1, name: '张三', hours, required: leader ? 56 : 32 }]);
    expect(messages(result, 'MTG-09')).toEqual(message === null ? [] : [message]);
    if (message !== null) {
      expect(result.findings.find((f) => f.ruleId === 'MTG-09')).toMatchObject({ memberId: 1, severity: 'warning' });
      expect(result.findings.find((f) => f.ruleId === 'MTG-09')?.source).toContain(leader ? '56学时' : '32学时');
    }
  });

  it('counts only meetings the member attended (出席), and adds tenths without float noise', () => {
    const members = [member(1, '张三'), member(2, '李四')];
    const attendance: Meeting['attendance'] = [
      { memberId: 1, status: '出席' },
      { memberId: 2, status: '请假' },
    ];
    const meetings = [
      lesson('2026-03-01', 0.1, attendance),
      lesson('2026-03-02', 0.2, attendance),
      lesson('2026-03-03', 4, [{ memberId: 2, status: '缺席' }]),
    ];
    const result = check(compliantInput({ members, meetings, asOf: '2026-06-01' }));
    expect(result.studyHours.map((h) => h.hours)).toEqual([0.3, 0]);
    expect(cellOf(result, 'MTG-09', '2026')).toMatchObject({ state: 'pending', evidence: meetings.map((m) => m.id) });
    expect(messages(result, 'MTG-09')).toEqual([]);
  });

  it('lists everyone on roll in the year, but judges only those on roll the whole year', () => {
    const members = [
      member(1, '张三'),
      member(2, '李四', [{ from: '2020-01-01', to: '2026-03-15' }]),
      member(3, '王五', [{ from: '2027-01-01', to: null }]),
      member(4, '赵六', [{ from: '2026-10-08', to: null }]),
      member(5, '钱七', [{ from: '2026-01-01', to: null }]),
    ];
    const result = check(compliantInput({ members, meetings: [lesson('2026-03-01', 32, present(5))] }));
    expect(result.studyHours.map((h) => h.name)).toEqual(['张三', '李四', '赵六', '钱七']);
    expect(messages(result, 'MTG-09')).toEqual(['张三 2026年集中学习培训 0 学时，少于 32 学时']);
    expect(cellOf(result, 'MTG-09', '2026')).toMatchObject({ state: 'missing', required: 2, held: 1 });
  });
});

/** A branch that holds a 主题党日 every month, with 张三 always there and 李四 as the table says. */
function absenceCase(liSi: Record<number, AttendanceStatus | 'unlisted'>, asOf: string, liSiRoll?: Member['onRoll']) {
  const members = [member(1, '张三'), member(2, '李四', liSiRoll)];
  const meetings = Array.from({ length: 12 }, (_, i) => {
    const status = liSi[i + 1] ?? '出席';
    const attendance: Meeting['attendance'] = [{ memberId: 1, status: '出席' }];
    if (status !== 'unlisted') attendance.push({ memberId: 2, status });
    return meeting(`2026-${String(i + 1).padStart(2, '0')}-05`, ['主题党日'], { attendance });
  });
  return check(compliantInput({ members, meetings, asOf, talks: [] }));
}
const months = (from: number, to: number, status: AttendanceStatus | 'unlisted') =>
  Object.fromEntries(Array.from({ length: to - from + 1 }, (_, i) => [from + i, status]));

describe('MTG-10: absent from organisational life for 6 consecutive full months', () => {
  it.each([
    // 李四's months, asOf, message
    [months(1, 6, '缺席'), '2026-07-01', '李四 已连续 6 个月未参加组织生活（1月至6月）'],
    [months(1, 6, '缺席'), '2026-06-30', null],
    [months(1, 5, '缺席'), '2026-12-31', null],
    [months(1, 6, 'unlisted'), '2026-07-10', '李四 已连续 6 个月未参加组织生活（1月至6月）'],
    [months(2, 7, '缺席'), '2027-01-05', '李四 曾连续 6 个月未参加组织生活（2月至7月）'],
    [{ ...months(1, 6, '缺席'), 3: '请假' }, '2026-12-31', null],
    [months(1, 6, '请假'), '2026-12-31', null],
    [{ ...months(1, 3, '缺席'), ...months(5, 7, '缺席'), 4: '列席' }, '2026-12-31', null],
  ] as const)('%o as of %s', (liSi, asOf, message) => {
    const result = absenceCase(liSi, asOf);
    expect(messages(result, 'MTG-10')).toEqual(message === null ? [] : [message]);
    if (message !== null) {
      expect(result.findings.find((f) => f.ruleId === 'MTG-10')).toMatchObject({ severity: 'warning', memberId: 2 });
      expect(cellOf(result, 'MTG-10', '2026').state).toBe('missing');
    }
  });

  it('does not flag a member on roll for less than 6 full months (transferred in on 10 March)', () => {
    const roll = [{ from: '2026-03-10', to: null }];
    const absent = months(3, 12, 'unlisted');
    expect(messages(absenceCase(absent, '2026-09-15', roll), 'MTG-10')).toEqual([]);
    expect(messages(absenceCase(absent, '2026-10-01', roll), 'MTG-10')).toEqual([
      '李四 已连续 6 个月未参加组织生活（4月至9月）',
    ]);
  });

  it('stops expecting a member once transferred out (on roll until 15 March: not April)', () => {
    const roll = [{ from: '2020-01-01', to: '2026-03-15' }];
    const result = absenceCase(months(1, 12, 'unlisted'), '2027-01-05', roll);
    expect(messages(result, 'MTG-10')).toEqual([]);
  });

  it('skips months in which nothing expected the member: the branch’s lapse is not the member’s', () => {
    const members = [member(1, '张三'), member(2, '李四')];
    const held = [1, 2, 3, 5, 6, 7].map((m) => meeting(`2026-0${m}-05`, ['主题党日'], { attendance: present(1) }));
    // A meeting with no attendance recorded says nothing about who came.
    const unrecorded = meeting('2026-04-05', ['主题党日']);
    const result = check(compliantInput({ members, meetings: [...held, unrecorded], asOf: '2026-08-01', talks: [] }));
    expect(messages(result, 'MTG-10')).toEqual(['李四 已连续 6 个月未参加组织生活（1月至7月）']);
  });

  it('expects members at the group meetings that list them, not at other groups’ meetings', () => {
    const members = [member(1, '张三'), member(2, '李四')];
    const groupMeetings = Array.from({ length: 6 }, (_, i) =>
      meeting(`2026-0${i + 1}-05`, ['党小组会'], { groupId: 7, attendance: present(1) }),
    );
    expect(messages(check(compliantInput({ members, meetings: groupMeetings, asOf: '2026-08-01' })), 'MTG-10')).toEqual(
      [],
    );
  });

  it('reads the threshold from the rule set', () => {
    const strict = withOverrides(defaultRuleSet, { 'life.absenceAlertMonths': 3 });
    const members = [member(1, '张三'), member(2, '李四')];
    const meetings = [1, 2, 3].map((m) => meeting(`2026-0${m}-05`, ['主题党日'], { attendance: present(1) }));
    expect(messages(check(compliantInput({ members, meetings, asOf: '2026-04-01' }), strict), 'MTG-10')).toEqual([
      '李四 已连续 3 个月未参加组织生活（1月至3月）',
    ]);
  });
});

describe('a large branch-year', () => {
  it('checks 100 members, 4 groups and about 200 meetings with full attendance', () => {
    const members = Array.from({ length: 100 }, (_, i) => member(i + 1, `党员${i + 1}`, undefined, i < 5));
    const ids = members.map((m) => m.id);
    const groups = [1, 2, 3, 4].map((id) => ({ id, name: `第${id}党小组` }));
    const meetings: Meeting[] = [];
    for (let month = 1; month <= 12; month += 1) {
      const mm = String(month).padStart(2, '0');
      for (let k = 0; k < 12; k += 1) {
        const groupId = k < 4 ? k + 1 : null;
        const kind = groupId !== null ? '党小组会' : k === 4 ? '支委会' : k === 5 ? '党员大会' : '集中学习';
        const attendees =
          groupId !== null ? ids.filter((id) => id % 4 === k) : kind === '支委会' ? ids.slice(0, 5) : ids;
        meetings.push(
          meeting(`2026-${mm}-${String(k + 1).padStart(2, '0')}`, k === 6 ? ['主题党日', '集中学习'] : [kind], {
            groupId,
            studyHours: groupId === null && kind !== '支委会' ? 1 : null,
            attendance: attendees.map((memberId) => ({ memberId, status: memberId === 100 ? '缺席' : '出席' })),
          }),
        );
      }
    }
    meetings.push(meeting('2026-12-20', ['组织生活会', '民主评议'], { attendance: present(...ids.slice(0, 99)) }));
    const talks = ids.map((id) => ({ id, heldOn: '2026-06-01', talkerId: 1, talkeeId: id }));
    const result = check(compliantInput({ members, groups, meetings, talks }));
    expect(messages(result).filter((m) => !m.startsWith('党员100 '))).toEqual([]);
    expect(messages(result, 'MTG-10')).toEqual(['党员100 已连续 12 个月未参加组织生活（1月至12月）']);
    expect(result.studyHours[0]).toEqual({ memberId: 1, name: '党员1', hours: 84, required: 56 });
    expect(result.cells).toHaveLength(4 + 12 + 4 * 12 + 4 + 12 + 1 + 1 + 3);
  });
});
