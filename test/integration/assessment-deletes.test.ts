import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from '../../electron/core/db/sql.ts';
import type { LedgerService } from '../../electron/core/service.ts';
import { openTestService, SAMPLE_MEMBER, setupBranch, tempLedgerDir } from '../helpers/ledger.ts';

let service: LedgerService;
let branchId = 0;
let cleanup: () => void = () => {};

beforeEach(async () => {
  const temp = tempLedgerDir('assessment-deletes-');
  service = openTestService(temp.dbPath, '2026-11-23T09:00:00+08:00');
  cleanup = () => {
    service.close();
    temp.cleanup();
  };
  branchId = (await setupBranch(service)).branchId;
});
afterEach(() => cleanup());

const auditActions = () =>
  service.ledger.db
    .all<{ action: string }>('t.audit', sql`SELECT action FROM audit_log ORDER BY id`)
    .map((a) => a.action);
const rows = (table: 'project_item' | 'points_event') =>
  service.ledger.db.get<{ n: number }>('t.count', sql`SELECT COUNT(*) AS n FROM ${sql.raw(table)}`)?.n;

async function refused(method: 'project.deleteItem' | 'points.deleteEntry', id: number) {
  const answer = await service.invoke(method, { id }, 'bridge');
  if (answer.ok) throw new Error('the delete went through');
  return answer.error.message;
}

describe('deleting 书记项目 list entries keeps the closed loop honest', () => {
  async function project() {
    const p = await service.call('project.save', { branchId, year: 2026, title: '“党建+安全生产”融合项目' });
    const add = (input: Omit<Parameters<typeof service.call<'project.saveItem'>>[1], 'projectId'>) =>
      service.call('project.saveItem', { projectId: p.id, ...input });
    let s = await add({ kind: '问题', text: '班组安全学习流于形式' });
    const problem = s.items[0]?.id ?? 0;
    s = await add({ kind: '整改', text: '每月安全讲评', linkedTo: problem, doneOn: '2026-06-30' });
    const rectification = s.items[1]?.id ?? 0;
    s = await add({ kind: '整改', text: '编印安全学习手册', linkedTo: problem });
    const unfinished = s.items[2]?.id ?? 0;
    return { projectId: p.id, problem, rectification, unfinished };
  }

  it('deletes an unfinished 整改, audited, and the problem stays closed by the finished one', async () => {
    const { unfinished } = await project();
    const before = rows('project_item');
    const after = await service.call('project.deleteItem', { id: unfinished });
    expect(after.items.map((i) => i.text)).toEqual(['班组安全学习流于形式', '每月安全讲评']);
    expect(after.progress).toMatchObject({ problems: 1, problemsClosed: 1 });
    expect(rows('project_item')).toBe((before ?? 0) - 1);
    expect(auditActions().at(-1)).toBe('project.deleteItem');
  });

  it('refuses to delete the only finished 整改 closing a 问题, or a 问题 with 整改 under it; nothing changes', async () => {
    const { problem, rectification, projectId } = await project();
    const count = rows('project_item');
    const audits = auditActions().length;
    expect(await refused('project.deleteItem', rectification)).toBe(
      '这条整改已使问题“班组安全学习流于形式”销号，删除后该问题将变为未销号。如确需删除，请先修改这条整改、清除完成日期，再删除。',
    );
    expect(await refused('project.deleteItem', problem)).toBe(
      '问题“班组安全学习流于形式”下还有 2 条整改，请先删除它们，再删除这条问题。',
    );
    expect(rows('project_item')).toBe(count);
    expect(auditActions().length).toBe(audits);
    // Once its date is cleared (the re-opening is on record), the 整改 can go.
    await service.call('project.saveItem', {
      id: rectification,
      projectId,
      kind: '整改',
      text: '每月安全讲评',
      linkedTo: problem,
    });
    const after = await service.call('project.deleteItem', { id: rectification });
    expect(after.progress).toMatchObject({ problems: 1, problemsClosed: 0 });
  });

  it('refuses a 成果 with evidence that is the only one meeting its 目标', async () => {
    const p = await service.call('project.save', { branchId, year: 2026, title: '先锋岗项目' });
    let s = await service.call('project.saveItem', { projectId: p.id, kind: '目标', text: '设立 3 个党员先锋岗' });
    const target = s.items[0]?.id ?? 0;
    s = await service.call('project.saveItem', {
      projectId: p.id,
      kind: '成果',
      text: '3 个先锋岗挂牌',
      linkedTo: target,
      doneOn: '2026-09-01',
      evidence: '挂牌照片',
    });
    expect(await refused('project.deleteItem', s.items[1]?.id ?? 0)).toContain('已使目标“设立 3 个党员先锋岗”达成');
    expect(await refused('project.deleteItem', 9999)).toBe('找不到这条清单（可能已被删除）。');
  });
});

describe('deleting hand-entered 党员积分', () => {
  it('deletes a hand-entered entry, audited, and the total drops by its points', async () => {
    const member = await service.call('member.create', { ...SAMPLE_MEMBER, branchId });
    const added = await service.call('points.add', {
      branchId,
      memberId: member.id,
      date: '2026-05-04',
      ruleId: 'ESSAY',
      note: '《学习心得》',
    });
    const own = added.find((m) => m.memberId === member.id);
    const essay = own?.events.find((e) => e.ruleId === 'ESSAY');
    expect(essay?.delta).toBe(3);
    expect(essay?.entryId).toBeGreaterThan(0);
    const after = await service.call('points.deleteEntry', { id: essay?.entryId ?? 0 });
    const now = after.find((m) => m.memberId === member.id);
    expect(now?.events.some((e) => e.ruleId === 'ESSAY')).toBe(false);
    expect(now?.total).toBe((own?.total ?? 0) - 3);
    expect(rows('points_event')).toBe(0);
    expect(auditActions().at(-1)).toBe('points.delete');
  });

  it('explains that automatic points cannot be deleted, and changes nothing', async () => {
    const audits = auditActions().length;
    const message = await refused('points.deleteEntry', 12345);
    expect(message).toContain('自动积分由出勤、党费和谈心谈话记录生成，不能在这里删除');
    expect(auditActions().length).toBe(audits);
  });
});
