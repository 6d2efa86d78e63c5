import { afterEach, describe, expect, it } from 'vitest';
import { openTestService, setupBranch, tempLedgerDir } from '../helpers/ledger.ts';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

describe('书记项目: four linked lists, closed loop', () => {
  it('closes a problem only with a finished 整改 and a target only with a 成果 that has evidence', async () => {
    const t = tempLedgerDir('project-test-');
    cleanups.push(t.cleanup);
    const service = openTestService(t.dbPath);
    cleanups.push(() => service.close());
    const { branchId } = await setupBranch(service);
    const project = await service.call('project.save', { branchId, year: 2026, title: '“党建+安全生产”融合项目' });
    let p = await service.call('project.saveItem', {
      projectId: project.id,
      kind: '目标',
      text: '全年零安全事故',
      dueDate: '2026-12-31',
    });
    const target = p.items[0]?.id ?? 0;
    p = await service.call('project.saveItem', { projectId: project.id, kind: '问题', text: '班组安全学习流于形式' });
    const problem = p.items[1]?.id ?? 0;
    expect(p.progress).toEqual({ targets: 1, targetsMet: 0, problems: 1, problemsClosed: 0 });
    // A 整改 must name the 问题 it closes.
    await expect(
      service.call('project.saveItem', { projectId: project.id, kind: '整改', text: '每月安全讲评' }),
    ).rejects.toThrow(/对应/);
    p = await service.call('project.saveItem', {
      projectId: project.id,
      kind: '整改',
      text: '每月安全讲评',
      linkedTo: problem,
      owner: '张伟',
    });
    expect(p.progress.problemsClosed).toBe(0);
    p = await service.call('project.saveItem', {
      id: p.items[2]?.id,
      projectId: project.id,
      kind: '整改',
      text: '每月安全讲评',
      linkedTo: problem,
      doneOn: '2026-06-30',
    });
    expect(p.progress.problemsClosed).toBe(1);
    await expect(
      service.call('project.saveItem', {
        projectId: project.id,
        kind: '成果',
        text: '零事故',
        linkedTo: target,
        doneOn: '2026-11-01',
      }),
    ).rejects.toThrow(/佐证/);
    p = await service.call('project.saveItem', {
      projectId: project.id,
      kind: '成果',
      text: '零事故',
      linkedTo: target,
      doneOn: '2026-11-01',
      evidence: '安全生产月报',
    });
    expect(p.progress).toEqual({ targets: 1, targetsMet: 1, problems: 1, problemsClosed: 1 });
  });
});

describe('the rubric and point rules the screens show', () => {
  it('exposes the tiers in ascending order and the manual point rules', async () => {
    const t = tempLedgerDir('rubric-test-');
    cleanups.push(t.cleanup);
    const service = openTestService(t.dbPath);
    cleanups.push(() => service.close());
    const rubric = await service.call('assessment.rubric', {});
    expect(rubric.tiers.map((x) => x.tier)).toEqual(['标准型', '示范型', '红旗型']);
    expect(rubric.tiers.map((x) => x.minScore)).toEqual([...rubric.tiers.map((x) => x.minScore)].sort((a, b) => a - b));
    expect(rubric.vetoes.length).toBeGreaterThan(0);
    const rules = await service.call('points.rules', {});
    expect(rules.some((r) => r.manual) && rules.some((r) => !r.manual)).toBe(true);
  });
});
