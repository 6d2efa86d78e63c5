import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DutiesOverview } from '../../electron/api/duties.ts';
import { sql } from '../../electron/core/db/sql.ts';
import { generateDemo } from '../../electron/core/demo/generate.ts';
import { LedgerError } from '../../electron/core/errors.ts';
import { isOverdue } from '../../electron/core/modules/duties/tasks.ts';
import type { LedgerService } from '../../electron/core/service.ts';
import { loadDutiesTemplate } from '../../electron/core/templates/duties.ts';
import { PROJECT_ROOT } from '../e2e/harness.ts';
import { openTestService, SAMPLE_MEMBER, setupBranch, tempLedgerDir } from '../helpers/ledger.ts';
import { unzipDocx } from '../render/docx-helpers.ts';

/** The shipped template, read from disk: the expected lists are the file's, not a copy in the test. */
const ROLES = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'templates/duties/roles.json'), 'utf8')) as {
  roles: Array<{ post: string; items: Array<{ text: string; source: string }> }>;
};
const templateItems = (post: string) => ROLES.roles.find((r) => r.post === post)?.items.map((i) => i.text) ?? [];

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

interface Fixture {
  service: LedgerService;
  branchId: number;
  groupIds: number[];
  /** 书记 all year; 组织委员 until 2026-06-30 then 宣传委员 from 07-01; 党小组长; an ordinary member; a 纪检委员 whose post ended in 2025. */
  ids: { secretary: number; organiser: number; groupLeader: number; ordinary: number; former: number };
}

let idSeq = 0;
async function member(service: LedgerService, branchId: number, name: string): Promise<number> {
  idSeq += 1;
  const detail = await service.call('member.create', {
    ...SAMPLE_MEMBER,
    name,
    idNumber: undefined,
    birthDate: `1980-01-${String(idSeq).padStart(2, '0')}`,
    branchId,
  });
  return detail.id;
}

/** A branch whose committee changed during 2026 (clock: 2026-11-23). */
async function fixture(): Promise<Fixture> {
  const t = tempLedgerDir('duties-test-');
  cleanups.push(t.cleanup);
  const service = openTestService(t.dbPath);
  cleanups.push(() => service.close());
  const { branchId, groupIds } = await setupBranch(service);
  const secretary = await member(service, branchId, '王书记');
  const organiser = await member(service, branchId, '李组织');
  const groupLeader = await member(service, branchId, '赵组长');
  const ordinary = await member(service, branchId, '钱普通');
  const former = await member(service, branchId, '孙前任');
  await service.call('member.assignPost', {
    memberId: secretary,
    post: '书记',
    unitId: branchId,
    fromDate: '2024-03-01',
  });
  const org = await service.call('member.assignPost', {
    memberId: organiser,
    post: '组织委员',
    unitId: branchId,
    fromDate: '2024-03-01',
  });
  const orgPost = org.postHistory.find((p) => p.post === '组织委员');
  await service.call('member.endPost', { postId: orgPost?.id ?? 0, toDate: '2026-06-30' });
  await service.call('member.assignPost', {
    memberId: organiser,
    post: '宣传委员',
    unitId: branchId,
    fromDate: '2026-07-01',
  });
  await service.call('member.assignPost', {
    memberId: groupLeader,
    post: '党小组长',
    unitId: groupIds[0] ?? 0,
    fromDate: '2025-01-01',
  });
  const old = await service.call('member.assignPost', {
    memberId: former,
    post: '纪检委员',
    unitId: branchId,
    fromDate: '2023-01-01',
  });
  await service.call('member.endPost', { postId: old.postHistory[0]?.id ?? 0, toDate: '2025-12-31' });
  return { service, branchId, groupIds, ids: { secretary, organiser, groupLeader, ordinary, former } };
}

function counts(service: LedgerService): { tasks: number; overrides: number; audit: number } {
  const n = (q: ReturnType<typeof sql>) => service.ledger.db.get<{ n: number }>('test.count', q)?.n ?? -1;
  return {
    tasks: n(sql`SELECT COUNT(*) AS n FROM duty_task`),
    overrides: n(sql`SELECT COUNT(*) AS n FROM duty_role_override`),
    audit: n(sql`SELECT COUNT(*) AS n FROM audit_log`),
  };
}

async function refusal(promise: Promise<unknown>): Promise<LedgerError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LedgerError);
  return error as LedgerError;
}

describe('支委分工: who held which post in the year', () => {
  it('lists everyone who held a branch or 党小组 post during the year, with 任职起止, 书记 first', async () => {
    const { service, branchId, ids } = await fixture();
    const duties: DutiesOverview = await service.call('duties.get', { branchId, year: 2026 });
    expect(duties.holders.map((h) => h.name)).toEqual(['王书记', '李组织', '赵组长']);
    const organiser = duties.holders.find((h) => h.memberId === ids.organiser);
    expect(organiser?.posts.map((p) => [p.post, p.fromDate, p.toDate])).toEqual([
      ['组织委员', '2024-03-01', '2026-06-30'],
      ['宣传委员', '2026-07-01', null],
    ]);
    const leader = duties.holders.find((h) => h.memberId === ids.groupLeader);
    expect(leader?.posts[0]?.unitName).toBe('第一党小组');
    // The former 纪检委员 served in 2025, not in 2026.
    const lastYear = await service.call('duties.get', { branchId, year: 2025 });
    expect(lastYear.holders.map((h) => h.name)).toContain('孙前任');
    expect(lastYear.holders.map((h) => h.name)).not.toContain('钱普通');
    // Every post's list is the template's until the branch edits it.
    expect(duties.roles.map((r) => r.post)).toEqual(['书记', '副书记', '组织委员', '宣传委员', '纪检委员', '党小组长']);
    for (const role of duties.roles) {
      expect(role.overridden).toBe(false);
      expect(role.items.map((i) => i.text)).toEqual(templateItems(role.post));
      expect(role.items.every((i) => i.source && i.tag)).toBe(true);
    }
  });
});

describe('a post’s responsibility list: edit and 恢复默认', () => {
  it('keeps the branch’s own list with one audit entry each, and restores the template’s', async () => {
    const { service, branchId } = await fixture();
    const before = counts(service);
    const kept = templateItems('宣传委员')[0] ?? '';
    const edited = await service.call('duties.setResponsibilities', {
      branchId,
      post: '宣传委员',
      items: [kept, '  负责支部微信公众号的内容审核  '],
    });
    expect(edited.overridden).toBe(true);
    expect(edited.items.map((i) => i.text)).toEqual([kept, '负责支部微信公众号的内容审核']);
    // An unchanged line keeps its source; the branch's own line has none.
    expect(edited.items[0]?.source).toBeTruthy();
    expect(edited.items[0]?.source).toBe(edited.defaults[0]?.source);
    expect(edited.items[1]?.source).toBeNull();
    expect(edited.defaults.map((i) => i.text)).toEqual(templateItems('宣传委员'));
    const other = await service.call('duties.get', { branchId, year: 2026 });
    expect(other.roles.find((r) => r.post === '书记')?.overridden).toBe(false);
    expect(counts(service)).toEqual({ ...before, overrides: 1, audit: before.audit + 1 });
    let audit = await service.call('audit.recent', { limit: 1 });
    expect(audit[0]?.action).toBe('duties.setResponsibilities');
    expect(audit[0]?.summary).toBe('修改第一党支部宣传委员职责清单（2 条）');

    const restored = await service.call('duties.resetResponsibilities', { branchId, post: '宣传委员' });
    expect(restored.overridden).toBe(false);
    expect(restored.items.map((i) => i.text)).toEqual(templateItems('宣传委员'));
    audit = await service.call('audit.recent', { limit: 1 });
    expect(audit[0]?.action).toBe('duties.resetResponsibilities');
    expect(audit[0]?.summary).toMatch(/^第一党支部宣传委员职责清单恢复为默认/);
    expect(counts(service)).toEqual({ ...before, overrides: 0, audit: before.audit + 2 });

    // Restoring a list that is already the default, or saving a duplicate line, changes nothing.
    const now = counts(service);
    const again = await refusal(service.call('duties.resetResponsibilities', { branchId, post: '宣传委员' }));
    expect(again.message).toContain('本来就是默认清单');
    const duplicate = await refusal(
      service.call('duties.setResponsibilities', { branchId, post: '书记', items: ['抓班子', '抓班子'] }),
    );
    expect(duplicate.details[0]?.field).toBe('第 2 条职责');
    expect(counts(service)).toEqual(now);
  });
});

describe('责任清单 tasks', () => {
  it('refuses bad tasks naming the field, and changes nothing', async () => {
    const { service, branchId, ids } = await fixture();
    const before = counts(service);
    const base = { branchId, year: 2026, text: '讲授专题党课' };

    const notCommittee = await refusal(service.call('duties.saveTask', { ...base, memberId: ids.ordinary }));
    expect(notCommittee.code).toBe('VALIDATION');
    expect(notCommittee.details).toEqual([
      { field: '责任人', message: '该党员在该年度不在支委会：钱普通在2026年未担任第一党支部的支委或党小组长' },
    ]);
    // The former 纪检委员 was on the committee in 2025 but not in 2026.
    const former = await refusal(service.call('duties.saveTask', { ...base, memberId: ids.former }));
    expect(former.details[0]?.field).toBe('责任人');

    const early = await refusal(
      service.call('duties.saveTask', {
        ...base,
        memberId: ids.secretary,
        assignedOn: '2026-03-10',
        status: '已完成',
        doneOn: '2026-03-01',
      }),
    );
    expect(early.message).toContain('完成日期早于布置日期');
    expect(early.details).toEqual([{ field: '完成日期', message: '完成日期早于布置日期 2026-03-10' }]);

    const dueBefore = await refusal(
      service.call('duties.saveTask', { ...base, memberId: ids.secretary, dueDate: '2025-12-31' }),
    );
    expect(dueBefore.details).toEqual([{ field: '完成时限', message: '完成时限早于2026年，应在该年度内或之后' }]);

    const doneButOpen = await refusal(
      service.call('duties.saveTask', { ...base, memberId: ids.secretary, status: '进行中', doneOn: '2026-05-01' }),
    );
    expect(doneButOpen.details[0]?.field).toBe('完成日期');
    const doneWithoutDate = await refusal(
      service.call('duties.saveTask', { ...base, memberId: ids.secretary, status: '已完成' }),
    );
    expect(doneWithoutDate.details).toEqual([{ field: '完成日期', message: '状态为“已完成”时请填写完成日期' }]);
    const future = await refusal(
      service.call('duties.saveTask', { ...base, memberId: ids.secretary, status: '已完成', doneOn: '2026-12-01' }),
    );
    expect(future.details[0]?.message).toBe('完成日期不能晚于今天');

    // Several faults at once are all named.
    const many = await refusal(
      service.call('duties.saveTask', { ...base, memberId: ids.ordinary, dueDate: '2025-01-01', doneOn: '2026-01-02' }),
    );
    expect(many.details.map((d) => d.field)).toEqual(['责任人', '完成日期', '完成时限']);

    expect(counts(service)).toEqual(before);
  });

  it('saves, marks done, counts overdue, and deletes with an audit entry', async () => {
    const { service, branchId, ids } = await fixture();
    const plan = await service.call('routine.savePlan', {
      branchId,
      year: 2026,
      month: null,
      title: '2026年度工作计划',
    });
    const planItem = await service.call('routine.saveItem', {
      planId: plan.id,
      text: '开展主题教育',
      status: '进行中',
    });

    const lecture = await service.call('duties.saveTask', {
      branchId,
      year: 2026,
      memberId: ids.secretary,
      text: '讲授专题党课',
      assignedOn: '2026-01-10',
      dueDate: '2026-06-30',
    });
    expect(lecture).toMatchObject({ status: '未开始', overdue: true, sortOrder: 0, doneOn: null });
    const study = await service.call('duties.saveTask', {
      branchId,
      year: 2026,
      memberId: ids.secretary,
      text: '组织专题学习',
      planItemId: planItem.id,
      dueDate: '2026-12-31',
      status: '进行中',
    });
    expect(study).toMatchObject({ sortOrder: 1, overdue: false, planItemText: '2026年度工作计划：开展主题教育' });
    // A 党小组长 has a 责任清单 too.
    await service.call('duties.saveTask', {
      branchId,
      year: 2026,
      memberId: ids.groupLeader,
      text: '按月召开党小组会',
    });

    let duties = await service.call('duties.get', { branchId, year: 2026 });
    let secretary = duties.holders.find((h) => h.memberId === ids.secretary);
    expect(secretary?.counts).toEqual({ total: 2, done: 0, overdue: 1, cancelled: 0 });
    expect(duties.planItems).toEqual([{ id: planItem.id, text: '开展主题教育', plan: '2026年度工作计划' }]);

    const done = await service.call('duties.saveTask', {
      id: lecture.id,
      branchId,
      year: 2026,
      memberId: ids.secretary,
      text: '讲授专题党课',
      assignedOn: '2026-01-10',
      dueDate: '2026-06-30',
      status: '已完成',
      doneOn: '2026-06-20',
      note: '党课讲稿及签到表',
    });
    expect(done).toMatchObject({ status: '已完成', doneOn: '2026-06-20', overdue: false, sortOrder: 0 });
    let audit = await service.call('audit.recent', { limit: 1 });
    expect(audit[0]).toMatchObject({ action: 'duties.updateTask', entityId: String(lecture.id) });
    expect(audit[0]?.summary).toBe('更新王书记2026年责任清单任务：讲授专题党课（已完成）');

    duties = await service.call('duties.get', { branchId, year: 2026 });
    secretary = duties.holders.find((h) => h.memberId === ids.secretary);
    expect(secretary?.counts).toEqual({ total: 2, done: 1, overdue: 0, cancelled: 0 });
    expect(secretary?.tasks.map((t) => t.text)).toEqual(['讲授专题党课', '组织专题学习']);

    const before = counts(service);
    expect(await service.call('duties.deleteTask', { id: study.id })).toEqual({ deleted: study.id });
    expect(counts(service)).toEqual({ ...before, tasks: before.tasks - 1, audit: before.audit + 1 });
    audit = await service.call('audit.recent', { limit: 1 });
    expect(audit[0]).toMatchObject({
      action: 'duties.deleteTask',
      summary: '删除王书记2026年责任清单任务：组织专题学习',
    });
    const gone = await refusal(service.call('duties.deleteTask', { id: study.id }));
    expect(gone.code).toBe('NOT_FOUND');
  });

  it('the table itself refuses a done date on an unfinished task and a deadline before the year', async () => {
    const { service, branchId, ids } = await fixture();
    const insert = (status: string, doneOn: string | null, due: string | null) => () =>
      service.ledger.db.run(
        'test.insert',
        sql`INSERT INTO duty_task (branch_id, year, member_id, text, status, done_on, due_date, created_at, updated_at)
            VALUES (${branchId}, 2026, ${ids.secretary}, '任务', ${status}, ${doneOn}, ${due}, 'x', 'x')`,
      );
    expect(insert('进行中', '2026-01-01', null)).toThrow(/CHECK/);
    expect(insert('已完成', null, null)).toThrow(/CHECK/);
    expect(insert('未开始', null, '2025-12-31')).toThrow(/CHECK/);
    expect(insert('未开始', null, '2026-01-01')).not.toThrow();
  });
});

describe('the Word book’s 支委会组成与分工', () => {
  it('prints the branch’s own responsibility list and each person’s 责任清单 of the year', async () => {
    const { service, branchId, ids } = await fixture();
    await service.call('duties.setResponsibilities', {
      branchId,
      post: '书记',
      items: ['主持支部全面工作', '每季度向党员报告一次支部工作'],
    });
    await service.call('duties.saveTask', {
      branchId,
      year: 2026,
      memberId: ids.secretary,
      text: '推进“党建+安全”书记项目',
      source: '支委会决定',
      dueDate: '2026-09-30',
      status: '已完成',
      doneOn: '2026-09-20',
    });
    const book = await service.call('export.ledgerDocx', { branchId, year: 2026 });
    const parts = await unzipDocx(Buffer.from(book.dataBase64, 'base64'));
    const text = (parts.xml.get('word/document.xml') ?? '').replace(/<[^>]+>/g, '');
    const section = text.slice(text.indexOf('支委会组成与分工', text.indexOf('支委会组成与分工') + 1));
    expect(section).toContain('1. 主持支部全面工作');
    expect(section).toContain('2. 每季度向党员报告一次支部工作');
    // The default list of a post the branch left alone still comes from the duties template.
    expect(section).toContain(`1. ${templateItems('宣传委员')[0]}`);
    // A 党小组长's 任职时间 comes from the post in the 党小组.
    expect(section).toContain('党小组长赵组长2025.1.1');
    expect(section).toContain('王书记（书记）2026年度责任清单');
    expect(section).toContain('推进“党建+安全”书记项目');
    expect(section).toContain('支委会决定');
    expect(section).toContain('已完成（2026.9.20）');
  });
});

describe('demo data', () => {
  it('gives every committee member of every branch-year a 责任清单, some done and some overdue', async () => {
    const t = tempLedgerDir('duties-demo-');
    cleanups.push(t.cleanup);
    const service = openTestService(t.dbPath);
    cleanups.push(() => service.close());
    generateDemo(service.ledger, { branches: 2, members: 24, years: 2, seed: 7 });
    const branches = (await service.call('org.list', {})).filter((u) => u.kind === '党支部');
    for (const branch of branches) {
      for (const year of [2025, 2026]) {
        const duties = await service.call('duties.get', { branchId: branch.id, year });
        expect(duties.holders.length).toBeGreaterThan(0);
        for (const holder of duties.holders) expect(holder.tasks.length).toBeGreaterThan(0);
        const done = duties.holders.reduce((n, h) => n + h.counts.done, 0);
        expect(done).toBeGreaterThan(0);
        if (year === 2026) expect(duties.holders.reduce((n, h) => n + h.counts.overdue, 0)).toBeGreaterThan(0);
        else expect(duties.holders.reduce((n, h) => n + h.counts.overdue, 0)).toBe(0);
      }
    }
    expect((await service.call('audit.verify', {})).ok).toBe(true);
  });
});

describe('the duties template (templates/duties/roles.json)', () => {
  const file = () => JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'templates/duties/roles.json'), 'utf8'));
  const refusedWith = (raw: unknown): string => {
    try {
      loadDutiesTemplate(raw, 'roles.json');
    } catch (error) {
      expect(error).toBeInstanceOf(LedgerError);
      return (error as LedgerError).message;
    }
    throw new Error('the template was accepted');
  };

  it('lists every post once, each line with a source the file names', () => {
    const template = loadDutiesTemplate(file(), 'roles.json');
    expect(template.roles.map((r) => r.post).sort()).toEqual(
      ['书记', '副书记', '组织委员', '宣传委员', '纪检委员', '党小组长'].sort(),
    );
    for (const role of template.roles) expect(role.items.length).toBeGreaterThanOrEqual(4);
  });

  it('refuses a file without a post, with an unknown source, or with a task table wider than the page', () => {
    const noLeader = file();
    noLeader.roles = noLeader.roles.filter((r: { post: string }) => r.post !== '党小组长');
    expect(refusedWith(noLeader)).toBe('支委职责模板“roles.json”有误：roles（党小组长）：缺少该职务的职责清单。');
    const badSource = file();
    badSource.roles[1].items[0].source = '某文件';
    expect(refusedWith(badSource)).toContain('副书记第 1 条职责：来源“某文件”不在 sources 中');
    const wide = file();
    wide.book.taskColumns[1].width = 9000;
    expect(refusedWith(wide)).toMatch(/book\.taskColumns：各列宽度之和 \d+ 缇超过纵向页面的版心宽度 8844 缇/);
    const placeholder = file();
    placeholder.book.taskHeading = '{{name}}{{unit}}';
    expect(refusedWith(placeholder)).toContain('未知的占位符 {{unit}}');
  });
});

describe('逾期: a task still open after its deadline', () => {
  it.each([
    ['未开始', '2026-11-22', true],
    ['进行中', '2026-11-22', true],
    ['进行中', '2026-11-23', false],
    ['未开始', null, false],
    ['已完成', '2026-01-01', false],
    ['已取消', '2026-01-01', false],
  ] as const)('%s due %s on 2026-11-23 → overdue %s', (status, dueDate, expected) => {
    expect(isOverdue({ status, dueDate }, '2026-11-23')).toBe(expected);
  });
});
