import { afterEach, describe, expect, it } from 'vitest';
import { LedgerError } from '../../electron/core/errors.ts';
import { openTestService, SAMPLE_MEMBER, setupBranch, tempLedgerDir } from '../helpers/ledger.ts';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});
async function ledgerWithBranch() {
  const t = tempLedgerDir();
  cleanups.push(t.cleanup);
  const service = openTestService(t.dbPath);
  cleanups.push(() => service.close());
  return { service, ...(await setupBranch(service)) };
}

describe('the roster', () => {
  it('adds a member and lists them with the ID number masked and derived age, 党龄 and 正式/预备', async () => {
    const { service, branchId, groupIds } = await ledgerWithBranch();
    await service.call('member.create', { ...SAMPLE_MEMBER, branchId, groupId: groupIds[0] });
    const [row] = await service.call('member.list', { branchId });
    expect(row).toMatchObject({
      name: '张伟',
      nameInitials: 'zw',
      idNumberMasked: '1101**********0019',
      membership: '正式党员',
      groupName: '第一党小组',
      age: 41,
      partyYears: 15,
      status: '在册',
    });
    const detail = await service.call('member.get', { id: row?.id ?? 0 });
    expect(detail.idNumber).toBe('110101198506150019');
  });

  it('finds members by name or by pinyin initials', async () => {
    const { service, branchId } = await ledgerWithBranch();
    await service.call('member.create', { ...SAMPLE_MEMBER, branchId });
    await service.call('member.create', {
      ...SAMPLE_MEMBER,
      name: '李晓东',
      idNumber: undefined,
      birthDate: '1990-01-02',
      branchId,
    });
    expect((await service.call('member.list', { branchId, search: 'lxd' })).map((m) => m.name)).toEqual(['李晓东']);
    expect((await service.call('member.list', { branchId, search: '晓' })).map((m) => m.name)).toEqual(['李晓东']);
    expect((await service.call('member.list', { branchId, search: '%' })).map((m) => m.name)).toEqual([]);
  });

  it('refuses a wrong ID checksum, naming the field, and saves nothing', async () => {
    const { service, branchId } = await ledgerWithBranch();
    const result = await service.invoke(
      'member.create',
      { ...SAMPLE_MEMBER, idNumber: '110101198506150018', branchId },
      'bridge',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION');
    expect(result.error.details.map((d) => d.field)).toContain('公民身份号码');
    expect(await service.call('member.list', { branchId })).toHaveLength(0);
  });

  it('stores an ID typed with a lower-case x as X, so the same person typed either way is one duplicate', async () => {
    const { service, branchId } = await ledgerWithBranch();
    const id = '11010219850317058x';
    const created = await service.call('member.create', {
      ...SAMPLE_MEMBER,
      name: '李四',
      gender: '女',
      birthDate: '1985-03-17',
      idNumber: id,
      branchId,
    });
    expect((await service.call('member.get', { id: created.id })).idNumber).toBe('11010219850317058X');
    const again = await service.invoke(
      'member.create',
      { ...SAMPLE_MEMBER, name: '李四', gender: '女', birthDate: '1985-03-17', idNumber: id.toUpperCase(), branchId },
      'bridge',
    );
    expect(again.ok ? '' : again.error.details[0]?.message).toContain('重复');
  });

  it('refuses 转正时间 before 入党时间 and a member under 18 on joining', async () => {
    const { service, branchId } = await ledgerWithBranch();
    const early = await service.invoke(
      'member.create',
      { ...SAMPLE_MEMBER, fullDate: '2010-06-30', branchId },
      'bridge',
    );
    expect(early.ok ? [] : early.error.details.map((d) => d.field)).toContain('转正时间');
    const young = await service.invoke(
      'member.create',
      {
        ...SAMPLE_MEMBER,
        idNumber: undefined,
        birthDate: '1992-07-02',
        joinDate: '2010-07-01',
        fullDate: undefined,
        branchId,
      },
      'bridge',
    );
    expect(young.ok ? [] : young.error.details.map((d) => d.field)).toContain('入党时间');
  });

  it('shows the roster as it stood on a date: a transfer out does not change the past', async () => {
    const { service, branchId } = await ledgerWithBranch();
    const member = await service.call('member.create', { ...SAMPLE_MEMBER, branchId });
    await service.call('member.changeStatus', {
      memberId: member.id,
      status: '转出',
      date: '2026-03-01',
      reason: '工作调动',
    });
    expect(await service.call('member.list', { branchId, asOf: '2026-02-28' })).toHaveLength(1);
    expect(await service.call('member.list', { branchId, asOf: '2026-03-01' })).toHaveLength(0);
    expect(await service.call('member.list', { branchId })).toHaveLength(0);
    const all = await service.call('member.list', { branchId, includeOffRoll: true });
    expect(all.map((m) => m.status)).toEqual(['转出']);
    const detail = await service.call('member.get', { id: member.id });
    expect(detail.statusHistory.map((s) => [s.status, s.fromDate, s.toDate])).toEqual([
      ['在册', '2010-07-01', '2026-03-01'],
      ['转出', '2026-03-01', null],
    ]);
  });

  it('counts a member as 预备党员 before 转正 and 正式党员 from that day', async () => {
    const { service, branchId } = await ledgerWithBranch();
    await service.call('member.create', { ...SAMPLE_MEMBER, joinDate: '2025-06-01', fullDate: '2026-06-01', branchId });
    expect((await service.call('member.list', { branchId, asOf: '2026-05-31' }))[0]?.membership).toBe('预备党员');
    expect((await service.call('member.list', { branchId, asOf: '2026-06-01' }))[0]?.membership).toBe('正式党员');
    expect(await service.call('member.list', { branchId, asOf: '2026-05-31', membership: '正式党员' })).toHaveLength(0);
  });

  it('records party posts with dates and refuses a second 书记 while one is in office', async () => {
    const { service, branchId } = await ledgerWithBranch();
    const a = await service.call('member.create', { ...SAMPLE_MEMBER, branchId });
    const b = await service.call('member.create', {
      ...SAMPLE_MEMBER,
      name: '王芳',
      gender: '女',
      idNumber: undefined,
      branchId,
    });
    await service.call('member.assignPost', { memberId: a.id, post: '书记', unitId: branchId, fromDate: '2024-01-01' });
    await expect(
      service.call('member.assignPost', { memberId: b.id, post: '书记', unitId: branchId, fromDate: '2025-01-01' }),
    ).rejects.toThrow(/目前由 张伟 担任/);
    const post = (await service.call('member.get', { id: a.id })).postHistory[0];
    await service.call('member.endPost', { postId: post?.id ?? 0, toDate: '2025-01-01' });
    await service.call('member.assignPost', { memberId: b.id, post: '书记', unitId: branchId, fromDate: '2025-01-01' });
    expect(
      (await service.call('member.list', { branchId, asOf: '2024-06-01' })).find((m) => m.posts.includes('书记'))?.name,
    ).toBe('张伟');
    expect((await service.call('member.list', { branchId })).find((m) => m.posts.includes('书记'))?.name).toBe('王芳');
  });

  it('builds the whole organisation tree in one step and refuses a 党小组 directly under a 党委', async () => {
    const { service } = await ledgerWithBranch();
    const units = await service.call('org.list', {});
    expect(units.map((u) => `${u.kind}:${u.name}`)).toEqual([
      '党委:中共测试公司委员会',
      '党支部:第一党支部',
      '党小组:第一党小组',
      '党小组:第二党小组',
    ]);
    const committee = units[0];
    await expect(
      service.call('org.create', { name: '错位小组', kind: '党小组', parentId: committee?.id }),
    ).rejects.toBeInstanceOf(LedgerError);
    expect(await service.call('org.list', {})).toHaveLength(4);
  });
});
