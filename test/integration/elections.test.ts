import { afterEach, describe, expect, it } from 'vitest';
import { openTestService, SAMPLE_MEMBER, tempLedgerDir } from '../helpers/ledger.ts';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

async function branchOf(size: number) {
  const t = tempLedgerDir('election-test-');
  cleanups.push(t.cleanup);
  const service = openTestService(t.dbPath);
  cleanups.push(() => service.close());
  const units = await service.call('org.setup', {
    committee: { name: '中共测试公司委员会' },
    branches: [{ name: '第一党支部', groups: [] }],
  });
  const branchId = units.find((u) => u.kind === '党支部')?.id ?? 0;
  const surnames = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙'];
  const ids: number[] = [];
  for (let i = 0; i < size; i += 1) {
    const m = await service.call('member.create', {
      ...SAMPLE_MEMBER,
      name: `${surnames[i % 12]}${'一二三四五六七八九十'[i % 10]}`,
      idNumber: undefined,
      branchId,
    });
    ids.push(m.id);
  }
  return { service, branchId, ids };
}

describe('换届选举', () => {
  it('warns six months before the term ends and alarms once it has', async () => {
    const { service, branchId } = await branchOf(3);
    expect((await service.call('term.get', { branchId })).state).toBe('unknown');
    expect((await service.call('term.set', { branchId, startDate: '2023-12-01', years: 3 })).state).toBe('warning');
    expect((await service.call('term.set', { branchId, startDate: '2023-11-01', years: 3 })).state).toBe('expired');
    const report = await service.call('compliance.year', { branchId, year: 2026 });
    expect(report.findings.some((f) => f.ruleId === 'TERM-01')).toBe(true);
  });

  it('orders candidates by 姓氏笔画 and refuses too few candidates for the seats', async () => {
    const { service, branchId, ids } = await branchOf(10);
    const election = await service.call('election.create', { branchId, seats: 3 });
    expect(election.minimumCandidates).toBe(4);
    await expect(
      service.call('election.setCandidates', { electionId: election.id, memberIds: ids.slice(0, 3) }),
    ).rejects.toThrow();
    const withCandidates = await service.call('election.setCandidates', {
      electionId: election.id,
      memberIds: ids.slice(0, 4),
    });
    // 王(4) 李(7) 张(7) 刘(6): 王, 刘, then 李/张 by stroke order.
    expect(withCandidates.candidates[0]?.name.startsWith('王')).toBe(true);
    expect(withCandidates.candidates[1]?.name.startsWith('刘')).toBe(true);
  });

  it('runs an election from 请示 to 报批: the tally elects, the committee and the term change', async () => {
    const { service, branchId, ids } = await branchOf(10);
    await service.call('term.set', { branchId, startDate: '2023-09-01', years: 3 });
    const election = await service.call('election.create', { branchId, seats: 3 });
    for (const [no, date] of [
      [1, '2026-07-01'],
      [2, '2026-07-05'],
      [3, '2026-07-15'],
      [4, '2026-07-20'],
      [5, '2026-07-25'],
      [6, '2026-08-01'],
      [7, '2026-08-10'],
    ] as const) {
      await service.call('election.recordStep', { electionId: election.id, stepNo: no, doneOn: date });
    }
    await service.call('election.setCandidates', { electionId: election.id, memberIds: ids.slice(0, 4) });
    await service.call('election.setScrutineers', { electionId: election.id, memberIds: [ids[8] ?? 0] });
    // 10 due, 8 present: not more than 4/5 → the election is not valid.
    const invalid = await service
      .call('election.tally', {
        electionId: election.id,
        heldOn: '2026-08-20',
        present: 8,
        ballotsIssued: 8,
        ballotsReturned: 8,
        votes: [{ memberId: ids[0] ?? 0, name: 'a', yes: 8 }],
      })
      .catch((e: Error) => e);
    const tally = invalid instanceof Error ? null : invalid.tally;
    expect(invalid instanceof Error || tally?.attendanceValid === false).toBe(true);
    const result = await service.call('election.tally', {
      electionId: election.id,
      heldOn: '2026-08-20',
      present: 9,
      ballotsIssued: 9,
      ballotsReturned: 9,
      votes: [
        { memberId: ids[0] ?? 0, name: '王一', yes: 9 },
        { memberId: ids[1] ?? 0, name: '李二', yes: 8 },
        { memberId: ids[2] ?? 0, name: '张三', yes: 7 },
        { memberId: ids[3] ?? 0, name: '刘四', yes: 3 },
      ],
    });
    expect(result.tally?.elected.map((e) => e.memberId)).toEqual(ids.slice(0, 3));
    await service.call('election.recordStep', { electionId: election.id, stepNo: 8, doneOn: '2026-08-20' });
    await service.call('election.recordStep', { electionId: election.id, stepNo: 9, doneOn: '2026-08-21' });
    await service.call('election.recordStep', { electionId: election.id, stepNo: 10, doneOn: '2026-08-25' });
    const done = await service.call('election.finish', {
      electionId: election.id,
      firstMeetingOn: '2026-08-21',
      posts: [
        { memberId: ids[0] ?? 0, post: '书记' },
        { memberId: ids[1] ?? 0, post: '组织委员' },
        { memberId: ids[2] ?? 0, post: '宣传委员' },
      ],
    });
    expect(done.status).toBe('已完成');
    const members = await service.call('member.list', { branchId });
    expect(members.find((m) => m.posts.includes('书记'))?.id).toBe(ids[0]);
    const term = await service.call('term.get', { branchId });
    expect(term).toMatchObject({ startDate: '2026-08-20', state: 'ok' });
  });
});
