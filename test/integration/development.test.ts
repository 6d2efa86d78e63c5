import { afterEach, describe, expect, it } from 'vitest';
import type { LedgerService } from '../../electron/core/service.ts';
import { openTestService, SAMPLE_MEMBER, tempLedgerDir } from '../helpers/ledger.ts';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

/** A branch of 9 正式党员 and 1 预备党员, on 2026-11-23. */
async function branch(now = '2026-11-23T09:00:00+08:00') {
  const t = tempLedgerDir('dev-test-');
  cleanups.push(t.cleanup);
  const service = openTestService(t.dbPath, now);
  cleanups.push(() => service.close());
  const units = await service.call('org.setup', {
    committee: { name: '中共测试公司委员会' },
    branches: [{ name: '第一党支部', groups: [] }],
  });
  const branchId = units.find((u) => u.kind === '党支部')?.id ?? 0;
  const ids: number[] = [];
  const names = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄强', '周杰', '吴倩'];
  for (const [i, name] of names.entries()) {
    const probationer = i === 9;
    const m = await service.call('member.create', {
      ...SAMPLE_MEMBER,
      name,
      idNumber: undefined,
      joinDate: probationer ? '2023-12-01' : '2005-07-01',
      fullDate: probationer ? undefined : '2006-07-01',
      branchId,
    });
    ids.push(m.id);
  }
  return { service, branchId, ids };
}

async function step(
  service: LedgerService,
  personId: number,
  stepNo: number,
  doneOn: string,
  extra: Record<string, unknown> = {},
) {
  return service.call('dev.recordStep', { personId, stepNo, doneOn, ...extra });
}

describe('发展党员: the 25 steps as facts, checked as they are entered', () => {
  it('takes a person from application to 正式党员; the roster follows', async () => {
    const { service, branchId, ids } = await branch();
    const p = await service.call('dev.create', {
      branchId,
      name: '孙新',
      gender: '男',
      birthDate: '1998-05-06',
      appliedOn: '2023-03-01',
    });
    expect(p.stage).toBe('申请入党');
    expect(p.nextStep?.no).toBe(2);
    await step(service, p.id, 2, '2023-03-20', { details: { talker: '张伟' } });
    await step(service, p.id, 3, '2023-04-10');
    await step(service, p.id, 4, '2023-04-15');
    await step(service, p.id, 5, '2023-04-15', { details: { memberIds: [ids[0], ids[1]] } });
    await step(service, p.id, 6, '2023-10-15');
    await step(service, p.id, 6, '2024-04-08');
    await step(service, p.id, 7, '2024-04-10');
    await step(service, p.id, 8, '2024-04-15');
    await step(service, p.id, 9, '2024-04-20', { details: { memberIds: [ids[0], ids[1]] } });
    await step(service, p.id, 10, '2024-05-10');
    await step(service, p.id, 11, '2024-05-20', { details: { trainingDays: 3, trainingHours: 24 } });
    await step(service, p.id, 12, '2024-06-01');
    await step(service, p.id, 13, '2024-06-10');
    await step(service, p.id, 14, '2024-06-15');
    await step(service, p.id, 15, '2024-06-28', {
      details: { vote: { eligible: 9, presentEligible: 8, yes: 8, no: 0, abstain: 0, writtenOpinions: 0 } },
    });
    let person = await service.call('dev.get', { id: p.id });
    expect(person.stage).toBe('预备党员');
    expect(person.probationEnd).toBe('2025-06-28');
    const roster = await service.call('member.list', { branchId, asOf: '2024-07-01' });
    expect(roster.find((m) => m.name === '孙新')?.membership).toBe('预备党员');
    for (const [no, date] of [
      [16, '2024-07-10'],
      [17, '2024-08-20'],
      [18, '2024-08-30'],
      [19, '2024-09-01'],
      [20, '2024-09-05'],
      [21, '2024-12-20'],
      [22, '2025-05-28'],
    ] as const) {
      await step(service, p.id, no, date);
    }
    await step(service, p.id, 23, '2025-06-30', {
      details: {
        outcome: '按期转正',
        vote: { eligible: 10, presentEligible: 9, yes: 9, no: 0, abstain: 0, writtenOpinions: 0 },
      },
    });
    expect((await service.call('member.list', { branchId })).find((m) => m.name === '孙新')?.membership).toBe(
      '预备党员',
    );
    await step(service, p.id, 24, '2025-08-15');
    person = await service.call('dev.get', { id: p.id });
    expect(person.status).toBe('已转正');
    const member = (await service.call('member.list', { branchId })).find((m) => m.name === '孙新');
    // 党龄 counts from the end of probation, not from the meeting.
    expect(member?.fullDate).toBe('2025-06-28');
    expect(member?.membership).toBe('正式党员');
  });

  it('refuses steps out of order, a date before the previous step, and a 预备党员 as sponsor — saving nothing', async () => {
    const { service, branchId, ids } = await branch();
    const p = await service.call('dev.create', {
      branchId,
      name: '孙新',
      gender: '男',
      birthDate: '1998-05-06',
      appliedOn: '2026-01-05',
    });
    await expect(step(service, p.id, 3, '2026-02-01')).rejects.toThrow();
    await expect(step(service, p.id, 2, '2026-01-01')).rejects.toThrow();
    await step(service, p.id, 2, '2026-01-20');
    await step(service, p.id, 3, '2026-02-01');
    await step(service, p.id, 4, '2026-02-02');
    const bad = await service.invoke(
      'dev.recordStep',
      { personId: p.id, stepNo: 5, doneOn: '2026-02-03', details: { memberIds: [ids[0], ids[9]] } },
      'bridge',
    );
    expect(bad.ok).toBe(false);
    expect((await service.call('dev.get', { id: p.id })).steps.map((s) => s.stepNo)).toEqual([1, 2, 3, 4]);
  });

  it('an activist becomes 发展对象 only after a full year: one year minus one day is refused', async () => {
    const { service, branchId, ids } = await branch();
    const p = await service.call('dev.create', {
      branchId,
      name: '孙新',
      gender: '男',
      birthDate: '1998-05-06',
      appliedOn: '2025-01-05',
    });
    await step(service, p.id, 2, '2025-01-20');
    await step(service, p.id, 3, '2025-03-01');
    await step(service, p.id, 4, '2025-03-02');
    await step(service, p.id, 5, '2025-03-02', { details: { memberIds: [ids[0]] } });
    await step(service, p.id, 6, '2025-09-01');
    await expect(step(service, p.id, 7, '2026-02-28')).rejects.toThrow();
    await step(service, p.id, 7, '2026-03-01');
  });

  it('a talk later than one month is accepted only with a written reason, which the audit log keeps', async () => {
    const { service, branchId } = await branch();
    const p = await service.call('dev.create', {
      branchId,
      name: '孙新',
      gender: '男',
      birthDate: '1998-05-06',
      appliedOn: '2026-01-05',
    });
    const late = await service.invoke('dev.recordStep', { personId: p.id, stepNo: 2, doneOn: '2026-03-01' }, 'bridge');
    expect(late.ok ? '' : late.error.message).toContain('书面理由');
    await step(service, p.id, 2, '2026-03-01', { overrideReason: '申请人长期出差，返回后即谈话' });
    const [entry] = await service.call('audit.recent', { limit: 1 });
    expect(entry?.summary).toContain('申请人长期出差');
  });

  it('puts the overdue 谈话 of an applicant on the board and in check', async () => {
    const { service, branchId } = await branch();
    const p = await service.call('dev.create', {
      branchId,
      name: '孙新',
      gender: '男',
      birthDate: '1998-05-06',
      appliedOn: '2026-09-01',
    });
    const [summary] = await service.call('dev.board', { branchId });
    expect(summary?.overdue).toBe(true);
    const report = await service.call('compliance.year', { branchId, year: 2026 });
    expect(report.findings.some((f) => f.ruleId.startsWith('DEV-') && f.message.includes('孙新'))).toBe(true);
    expect(p.id).toBeGreaterThan(0);
  });
});
