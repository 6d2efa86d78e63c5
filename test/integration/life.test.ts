import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LedgerService } from '../../electron/core/service.ts';
import { openTestService, SAMPLE_MEMBER, tempLedgerDir } from '../helpers/ledger.ts';

/** A real 1×1 PNG. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

/** A branch of 8 members on 2026-11-23: 书记 and 3 委员, one 预备党员, two 党小组. */
async function branchWithMembers(now = '2026-11-23T09:00:00+08:00') {
  const t = tempLedgerDir('life-test-');
  cleanups.push(t.cleanup);
  const service = openTestService(t.dbPath, now);
  cleanups.push(() => service.close());
  const units = await service.call('org.setup', {
    committee: { name: '中共测试公司委员会' },
    branches: [{ name: '第一党支部', groups: ['第一党小组', '第二党小组'] }],
  });
  const branchId = units.find((u) => u.kind === '党支部')?.id ?? 0;
  const groups = units.filter((u) => u.kind === '党小组').map((u) => u.id);
  const names = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄强'];
  const ids: number[] = [];
  for (const [i, name] of names.entries()) {
    const probationer = i === 7;
    const m = await service.call('member.create', {
      ...SAMPLE_MEMBER,
      name,
      idNumber: undefined,
      gender: i % 2 ? '女' : '男',
      joinDate: probationer ? '2026-01-10' : '2010-07-01',
      fullDate: probationer ? undefined : '2011-07-01',
      groupId: groups[i % 2],
      branchId,
    });
    ids.push(m.id);
  }
  const posts = ['书记', '组织委员', '宣传委员', '纪检委员'] as const;
  for (const [i, post] of posts.entries()) {
    await service.call('member.assignPost', { memberId: ids[i] ?? 0, post, unitId: branchId, fromDate: '2020-01-01' });
  }
  return { service, branchId, groups, ids, dir: t.dir };
}

const base = (branchId: number) => ({
  branchId,
  title: '研究支部工作',
  heldOn: '2026-03-12',
  host: '张伟',
  recorder: '王芳',
});

describe('organisational-life records', () => {
  it('records a 支委会: the expected list is the committee on that day, counts are computed, a photo is kept by its hash', async () => {
    const { service, branchId, ids, dir } = await branchWithMembers();
    const saved = await service.call('life.save', {
      ...base(branchId),
      kind: '支委会',
      attendance: [
        { memberId: ids[0] ?? 0, name: '张伟', status: '出席' },
        { memberId: ids[1] ?? 0, name: '王芳', status: '出席' },
        { memberId: ids[2] ?? 0, name: '李娜', status: '请假', reason: '出差' },
        { memberId: null, name: '上级联系人', status: '列席' },
      ],
      decisions: [{ text: '4月底前完成积极分子培养考察', owner: '王芳', dueDate: '2026-04-30' }],
    });
    expect(saved).toMatchObject({ kind: '支委会', seqNo: 1, expected: 4, present: 2, openDecisions: 1 });
    // 纪检委员 刘洋 was not listed: the snapshot still expects them, as absent.
    expect(saved.attendance.map((a) => `${a.name}:${a.status}`).sort()).toEqual(
      ['张伟:出席', '王芳:出席', '李娜:请假', '刘洋:缺席', '上级联系人:列席'].sort(),
    );

    const photo = await service.call('life.attach', {
      meetingId: saved.id,
      fileName: '会议照片.png',
      dataBase64: PNG,
      caption: '会议现场',
    });
    expect(photo.mime).toBe('image/png');
    expect(existsSync(join(dir, 'attachments', photo.sha256))).toBe(true);
    expect((await service.call('life.attachmentData', { attachmentId: photo.id })).dataBase64).toBe(PNG);
    expect((await service.call('life.get', { id: saved.id })).attachmentList).toHaveLength(1);
  });

  it('refuses a future date, a person not on the roll that day, and a file that is not an image — saving nothing', async () => {
    const { service, branchId, ids } = await branchWithMembers();
    const future = await service.invoke(
      'life.save',
      { ...base(branchId), kind: '主题党日', heldOn: '2026-12-01', extra: { monthTheme: '学习' } },
      'bridge',
    );
    expect(future.ok ? [] : future.error.details.map((d) => d.message)).toContain(
      '会议日期不能晚于今天（不能登记尚未召开的会议）',
    );
    // 黄强 joined on 2026-01-10, so on 2025-12-20 he was not on the roll.
    const early = await service.invoke(
      'life.save',
      {
        ...base(branchId),
        kind: '主题党日',
        heldOn: '2025-12-20',
        extra: { monthTheme: '学习' },
        attendance: [{ memberId: ids[7] ?? 0, name: '黄强', status: '出席' }],
      },
      'bridge',
    );
    expect(early.ok ? '' : early.error.details[0]?.message).toContain('不在本支部花名册中');
    expect(await service.call('life.list', { branchId, year: 2026 })).toHaveLength(0);
    const meeting = await service.call('life.save', {
      ...base(branchId),
      kind: '主题党日',
      extra: { monthTheme: '学习' },
    });
    const text = await service.invoke(
      'life.attach',
      { meetingId: meeting.id, fileName: 'photo.jpg', dataBase64: Buffer.from('不是图片').toString('base64') },
      'bridge',
    );
    expect(text.ok ? '' : text.error.message).toContain('不是可以附加的文件类型');
  });

  it('names the missing template field by its label', async () => {
    const { service, branchId } = await branchWithMembers();
    const result = await service.invoke('life.save', { ...base(branchId), kind: '主题党日', extra: {} }, 'bridge');
    expect(result.ok ? [] : result.error.details.map((d) => d.field)).toContain('当月主题');
  });

  it('computes the vote of a 党员大会: 预备党员 do not vote, the base is the eligible roll', async () => {
    const { service, branchId, ids } = await branchWithMembers();
    const attendance = ids.map((id, i) => ({
      memberId: id,
      name: String(i),
      status: i < 5 ? ('出席' as const) : ('缺席' as const),
    }));
    const meeting = await service.call('life.save', {
      ...base(branchId),
      kind: '党员大会',
      attendance,
      vote: { subject: '接收预备党员', method: '举手', yes: 4, no: 1, abstain: 0 },
    });
    // 7 正式党员 eligible (黄强 is 预备), 5 present: quorum met; 4 yes > 3.5 → passed.
    expect(meeting.vote).toMatchObject({ eligible: 7, presentEligible: 5, quorumMet: true, passed: true });
    const bad = await service.invoke(
      'life.save',
      {
        ...base(branchId),
        kind: '党员大会',
        attendance,
        vote: { subject: '接收预备党员', method: '举手', yes: 5, no: 3, abstain: 0 },
      },
      'bridge',
    );
    expect(bad.ok).toBe(false);
  });

  it('a 主题党日 held together with a 党员大会 counts for both kinds', async () => {
    const { service, branchId } = await branchWithMembers();
    await service.call('life.save', { ...base(branchId), kind: '党员大会', alsoCountsAs: ['主题党日'], extra: {} });
    expect(await service.call('life.list', { branchId, year: 2026, kind: '主题党日' })).toHaveLength(1);
    const report = await service.call('compliance.year', { branchId, year: 2026 });
    const march = report.cells.filter((c) => c.period === '2026-03' && c.ruleId === 'MTG-05');
    expect(march[0]?.state).toBe('ok');
    const q1 = report.cells.find((c) => c.period === '2026-Q1' && c.ruleId === 'MTG-01');
    expect(q1?.state).toBe('ok');
  });

  it('marks a record entered long after the meeting as 补录, keeping both dates', async () => {
    const { service, branchId } = await branchWithMembers();
    const late = await service.call('life.save', {
      ...base(branchId),
      kind: '党课',
      lecturer: '张伟',
      studyHours: 3,
      extra: { form: '讲授' },
    });
    expect(late.backfilled).toBe(true);
    expect(late.heldOn).toBe('2026-03-12');
    const fresh = await service.call('life.save', {
      ...base(branchId),
      heldOn: '2026-11-20',
      kind: '党课',
      lecturer: '张伟',
      studyHours: 3,
      extra: { form: '讲授' },
    });
    expect(fresh.backfilled).toBe(false);
  });

  it('parses a pasted WeChat 接龙 into attendance lines against the roster of that day', async () => {
    const { service, branchId } = await branchWithMembers();
    const lines = await service.call('life.parseRollCall', {
      branchId,
      date: '2026-03-12',
      text: '#接龙\n3月主题党日签到\n\n1. 张伟\n2. 王芳 请假（出差）\n3. 路人甲（列席）\n4. 黄强',
    });
    expect(lines.map((l) => [l.name, l.status, l.memberId !== null])).toEqual([
      ['张伟', '出席', true],
      ['王芳', '请假', true],
      ['路人甲', '列席', false],
      ['黄强', '出席', true],
    ]);
  });
});

describe('compliance, local rules and the 督办 list', () => {
  async function withMarchMeetings(service: LedgerService, branchId: number) {
    await service.call('life.save', { ...base(branchId), kind: '支委会', heldOn: '2026-01-12' });
    await service.call('life.save', {
      ...base(branchId),
      kind: '支委会',
      heldOn: '2026-02-12',
      decisions: [{ text: '完善台账', owner: '王芳', dueDate: '2026-02-28' }],
    });
  }

  it('names every missing month, and a stricter local 党课 rule is a setting', async () => {
    const { service, branchId } = await branchWithMembers();
    await withMarchMeetings(service, branchId);
    const report = await service.call('compliance.year', { branchId, year: 2026 });
    const messages = report.findings.map((f) => f.message);
    expect(messages).toContain('2026年3月 缺支委会');
    expect(messages.some((m) => m.includes('2026年1月') && m.includes('支委会'))).toBe(false);
    expect(report.findings.some((f) => f.ruleId === 'MTG-04')).toBe(false);
    await service.call('rules.set', { key: 'life.lecture.perQuarter', value: 1 });
    const strict = await service.call('compliance.year', { branchId, year: 2026 });
    expect(strict.findings.some((f) => f.ruleId === 'MTG-04')).toBe(true);
    expect(strict.ruleSet.version).toMatch(/\+local$/);
  });

  it('puts overdue 决议 and plan items on the 督办 list, and closing one takes it off', async () => {
    const { service, branchId } = await branchWithMembers();
    await withMarchMeetings(service, branchId);
    const plan = await service.call('routine.savePlan', {
      branchId,
      year: 2026,
      month: null,
      title: '2026年度党建工作计划',
    });
    await service.call('routine.saveItem', {
      planId: plan.id,
      text: '开展主题教育',
      owner: '张伟',
      dueDate: '2026-12-31',
      status: '进行中',
    });
    const list = await service.call('routine.supervision', { branchId });
    expect(list.map((i) => [i.text, i.overdue])).toEqual([
      ['完善台账', true],
      ['开展主题教育', false],
    ]);
    const decision = list[0];
    const after = await service.call('routine.closeFollowUp', {
      branchId,
      source: 'decision',
      sourceId: decision?.sourceId ?? 0,
      doneOn: '2026-03-01',
    });
    expect(after.map((i) => i.text)).toEqual(['开展主题教育']);
  });
});

describe('党费', () => {
  it('computes the amount from the base, refuses more than two decimals, and shows an arrears streak', async () => {
    const { service, branchId, ids } = await branchWithMembers();
    const profile = await service.call('dues.setProfile', {
      memberId: ids[0] ?? 0,
      year: 2026,
      category: '在职',
      base: 3200,
    });
    expect(profile).toMatchObject({ monthlyDue: 32 });
    const cents = await service.invoke(
      'dues.recordPayment',
      { memberId: ids[0] ?? 0, year: 2026, month: 1, amount: 32.001, paidOn: '2026-01-10' },
      'bridge',
    );
    expect(cents.ok ? '' : cents.error.details[0]?.message).toContain('两位小数');
    for (const month of [1, 2, 3]) {
      await service.call('dues.recordPayment', {
        memberId: ids[0] ?? 0,
        year: 2026,
        month,
        amount: 32,
        paidOn: `2026-0${month}-10`,
      });
    }
    const sheet = await service.call('dues.sheet', { branchId, year: 2026 });
    const row = sheet.members.find((m) => m.memberId === ids[0]);
    expect(row?.months.slice(0, 4)).toEqual([32, 32, 32, null]);
    expect(row?.arrearsStreak).toBeGreaterThanOrEqual(7);
    const report = await service.call('compliance.year', { branchId, year: 2026 });
    expect(report.findings.some((f) => f.ruleId === 'DUES-01' && f.memberId === ids[0])).toBe(true);
  });

  it("lists a member-month's payments and deletes a wrong one with an audit entry naming it", async () => {
    const { service, branchId, ids } = await branchWithMembers();
    const memberId = ids[0] ?? 0;
    await service.call('dues.setProfile', { memberId, year: 2026, category: '在职', base: 3200 });
    await service.call('dues.recordPayment', { memberId, year: 2026, month: 2, amount: 32, paidOn: '2026-02-10' });
    const wrong = await service.call('dues.recordPayment', {
      memberId,
      year: 2026,
      month: 2,
      amount: 320,
      paidOn: '2026-02-11',
    });
    const listed = await service.call('dues.payments', { memberId, year: 2026, month: 2 });
    expect(listed.map((p) => [p.amount, p.paidOn])).toEqual([
      [32, '2026-02-10'],
      [320, '2026-02-11'],
    ]);
    expect(await service.call('dues.payments', { memberId, year: 2026, month: 3 })).toEqual([]);

    await service.call('dues.deletePayment', { id: wrong.id });
    const sheet = await service.call('dues.sheet', { branchId, year: 2026 });
    expect(sheet.members.find((m) => m.memberId === memberId)?.months[1]).toBe(32);
    const [entry] = await service.call('audit.recent', { limit: 1 });
    expect(entry).toMatchObject({ action: 'dues.deletePayment' });
    expect(entry?.summary).toContain('2026年2月党费记录 320.00 元');

    const again = await service.invoke('dues.deletePayment', { id: wrong.id }, 'bridge');
    expect(again.ok ? '' : again.error.code).toBe('NOT_FOUND');
  });
});
