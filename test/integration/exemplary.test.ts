import { afterEach, describe, expect, it } from 'vitest';
import type { StarBoard, StarRow } from '../../electron/api/exemplary.ts';
import { exemplaryYearSummary } from '../../electron/core/modules/exemplary/summary.ts';
import type { LedgerService } from '../../electron/core/service.ts';
import { openTestService, SAMPLE_MEMBER, tempLedgerDir } from '../helpers/ledger.ts';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

/**
 * A branch of four on 2026-11-23 (period 2026-H2): 李娜 paid dues for July only (4 months unpaid since),
 * 刘洋 was absent without leave from the 党员大会 in August and the 党课 in September, 王芳 was on leave.
 */
async function branch() {
  const t = tempLedgerDir('exemplary-test-');
  cleanups.push(t.cleanup);
  const service = openTestService(t.dbPath);
  cleanups.push(() => service.close());
  const units = await service.call('org.setup', {
    committee: { name: '中共测试公司委员会' },
    branches: [{ name: '第一党支部', groups: [] }],
  });
  const branchId = units.find((u) => u.kind === '党支部')?.id ?? 0;
  const ids: Record<string, number> = {};
  for (const [i, name] of ['张伟', '王芳', '李娜', '刘洋'].entries()) {
    const m = await service.call('member.create', {
      ...SAMPLE_MEMBER,
      name,
      idNumber: undefined,
      gender: i % 2 ? '女' : '男',
      branchId,
    });
    ids[name] = m.id;
  }
  for (const name of ['张伟', '李娜']) {
    await service.call('dues.setProfile', { memberId: ids[name] ?? 0, year: 2026, category: '在职', base: 3000 });
  }
  for (let month = 1; month <= 11; month += 1) {
    const paidOn = `2026-${String(month).padStart(2, '0')}-15`;
    await service.call('dues.recordPayment', { memberId: ids.张伟 ?? 0, year: 2026, month, amount: 15, paidOn });
    if (month <= 7)
      await service.call('dues.recordPayment', { memberId: ids.李娜 ?? 0, year: 2026, month, amount: 15, paidOn });
  }
  const attendance = (absent: string, onLeave?: string) =>
    Object.entries(ids).map(([name, memberId]) => ({
      memberId,
      name,
      status: name === absent ? ('缺席' as const) : name === onLeave ? ('请假' as const) : ('出席' as const),
      ...(name === onLeave ? { reason: '出差' } : {}),
    }));
  const meeting = { branchId, host: '张伟', recorder: '王芳' };
  await service.call('life.save', {
    ...meeting,
    kind: '党员大会',
    title: '学习贯彻全会精神',
    heldOn: '2026-08-10',
    attendance: attendance('刘洋', '王芳'),
  });
  await service.call('life.save', {
    ...meeting,
    kind: '党课',
    title: '书记讲党课',
    heldOn: '2026-09-15',
    lecturer: '张伟',
    extra: { form: '讲授' },
    studyHours: 2,
    attendance: attendance('刘洋'),
  });
  return { service, branchId, ids };
}

function auditCount(service: LedgerService, actionPrefix = 'exemplary.'): number {
  return (
    service.ledger.db.raw
      .prepare('SELECT COUNT(*) AS n FROM audit_log WHERE action LIKE ?')
      .get(`${actionPrefix}%`) as { n: number }
  ).n;
}

function row(board: StarBoard, name: string): StarRow {
  const found = board.rows.find((r) => r.name === name);
  if (!found) throw new Error(`no row for ${name}`);
  return found;
}

describe('star awards: 自评 → 互评 → 支部评定', () => {
  it('takes the steps in order only, one audit entry each, and locks the award once the branch decided', async () => {
    const { service, branchId, ids } = await branch();
    const key = { branchId, memberId: ids.张伟 ?? 0, period: '2026-H2' };
    const before = auditCount(service);
    for (const [method, input, message] of [
      ['exemplary.peerAssess', { ...key, stars: 4 }, '请先完成自评，再进行互评。'],
      ['exemplary.decide', { ...key, stars: 4, decidedOn: '2026-11-20' }, '请先完成自评和互评，再由支部评定。'],
    ] as const) {
      const refused = await service.invoke(method, input, 'bridge');
      expect(refused.ok ? '' : refused.error.message).toBe(`张伟：${message}`);
    }
    expect(auditCount(service)).toBe(before);
    let board = await service.call('exemplary.selfAssess', { ...key, stars: 5, note: '全年无缺勤' });
    board = await service.call('exemplary.selfAssess', { ...key, stars: 4 });
    expect(row(board, '张伟')).toMatchObject({ stage: '自评', selfStars: 4, peerStars: null });
    const early = await service.invoke('exemplary.decide', { ...key, stars: 4, decidedOn: '2026-11-20' }, 'bridge');
    expect(early.ok ? '' : early.error.message).toBe('张伟：请先完成互评，再由支部评定。');
    board = await service.call('exemplary.peerAssess', { ...key, votes: [4, 5, 4] });
    expect(row(board, '张伟')).toMatchObject({ stage: '互评', peerStars: 4.3, peerVotes: [4, 5, 4] });
    const late = await service.invoke('exemplary.selfAssess', { ...key, stars: 5 }, 'bridge');
    expect(late.ok ? '' : late.error.message).toBe('张伟：已完成互评，不能再修改自评。');
    board = await service.call('exemplary.decide', { ...key, stars: 4, decidedOn: '2026-11-20', note: '支委会研究' });
    expect(row(board, '张伟')).toMatchObject({ stage: '支部评定', decidedStars: 4, decidedOn: '2026-11-20' });
    for (const method of ['exemplary.selfAssess', 'exemplary.peerAssess', 'exemplary.decide'] as const) {
      const again = await service.invoke(method, { ...key, stars: 5, decidedOn: '2026-11-21' }, 'bridge');
      expect(again.ok ? '' : again.error.message).toBe('张伟：支部已评定，本期星级不能再修改。');
    }
    // Two 自评 entries, one 互评, one 评定: four writes, four entries, each naming the step.
    const actions = service.ledger.db.raw
      .prepare("SELECT action, after FROM audit_log WHERE action LIKE 'exemplary.%' ORDER BY id")
      .all() as Array<{ action: string; after: string }>;
    expect(actions.map((a) => a.action)).toEqual([
      'exemplary.自评',
      'exemplary.自评',
      'exemplary.互评',
      'exemplary.支部评定',
    ]);
    expect(JSON.parse(actions[3]?.after ?? '{}').summary).toBe('张伟 2026年下半年星级支部评定：四星');
  });

  it('refuses a star to a member whose dues are unpaid, naming the rule, and changes nothing; 不评星 is accepted', async () => {
    const { service, branchId, ids } = await branch();
    const key = { branchId, memberId: ids.李娜 ?? 0, period: '2026-H2' };
    await service.call('exemplary.selfAssess', { ...key, stars: 3 });
    let board = await service.call('exemplary.peerAssess', { ...key, stars: 3 });
    const li = row(board, '李娜');
    expect(li.disqualifiers.map((d) => d.reason)).toEqual(['2026年下半年欠缴党费4个月']);
    expect(li.disqualifiers[0]?.evidence.map((e) => e.label)).toEqual([
      '2026年8月党费未交足',
      '2026年9月党费未交足',
      '2026年10月党费未交足',
      '2026年11月党费未交足',
    ]);
    const audit = auditCount(service, '');
    const refused = await service.invoke('exemplary.decide', { ...key, stars: 2, decidedOn: '2026-11-20' }, 'bridge');
    expect(refused.ok).toBe(false);
    expect(refused.ok ? '' : refused.error.code).toBe('CONFLICT');
    expect(refused.ok ? '' : refused.error.message).toBe(
      '李娜不能评星：2026年下半年欠缴党费4个月（规则：欠缴党费≥3个月不得评星）。如属实，请评定为“不评星”。',
    );
    expect(auditCount(service, '')).toBe(audit);
    board = await service.call('exemplary.stars', { branchId, period: '2026-H2' });
    expect(row(board, '李娜')).toMatchObject({ stage: '互评', decidedStars: null, decidedOn: null });
    board = await service.call('exemplary.decide', { ...key, stars: 0, decidedOn: '2026-11-20' });
    expect(row(board, '李娜')).toMatchObject({ stage: '支部评定', decidedStars: 0 });
    // 张伟 paid every month and missed nothing; 王芳 was on leave, which is not an absence.
    expect(row(board, '张伟').disqualifiers).toEqual([]);
    expect(row(board, '王芳').disqualifiers).toEqual([]);
  });

  it('counts absences without leave from the attendance records, with their dates', async () => {
    const { service, branchId, ids } = await branch();
    const board = await service.call('exemplary.stars', { branchId, period: '2026-H2' });
    const liu = row(board, '刘洋').disqualifiers;
    expect(liu.map((d) => `${d.reason}|${d.rule}`)).toEqual([
      '2026年下半年无故缺席组织生活2次|无故缺席组织生活≥2次不得评星',
    ]);
    expect(liu[0]?.evidence).toEqual([
      { date: '2026-08-10', label: '党员大会（缺席，未请假）' },
      { date: '2026-09-15', label: '党课（缺席，未请假）' },
    ]);
    // The first half had no meetings: nothing against him there.
    const h1 = await service.call('exemplary.stars', { branchId, period: '2026-H1' });
    expect(row(h1, '刘洋').disqualifiers).toEqual([]);
    const key = { branchId, memberId: ids.刘洋 ?? 0, period: '2026-H2' };
    await service.call('exemplary.selfAssess', { ...key, stars: 2 });
    await service.call('exemplary.peerAssess', { ...key, stars: 2 });
    await expect(service.call('exemplary.decide', { ...key, stars: 1, decidedOn: '2026-11-20' })).rejects.toThrow(
      '刘洋不能评星：2026年下半年无故缺席组织生活2次（规则：无故缺席组织生活≥2次不得评星）',
    );
  });

  it('records a 党纪处分 by hand with its reason, blocks the star while it stands, and clears it', async () => {
    const { service, branchId, ids } = await branch();
    const key = { branchId, memberId: ids.王芳 ?? 0, period: '2026-H2' };
    await service.call('exemplary.selfAssess', { ...key, stars: 3 });
    await service.call('exemplary.peerAssess', { ...key, stars: 3 });
    const auto = await service.invoke(
      'exemplary.setCheck',
      { ...key, disqualifierId: 'DQ-DUES', reason: '欠费' },
      'bridge',
    );
    expect(auto.ok ? '' : auto.error.message).toBe('“DQ-DUES”不是由支部登记的否决条件。');
    let board = await service.call('exemplary.setCheck', {
      ...key,
      disqualifierId: 'DQ-DISCIPLINE',
      reason: '2026年9月受到党内警告处分',
    });
    expect(row(board, '王芳').disqualifiers).toMatchObject([
      { id: 'DQ-DISCIPLINE', manual: true, reason: '受到党纪处分或正在接受审查：2026年9月受到党内警告处分' },
    ]);
    await expect(service.call('exemplary.decide', { ...key, stars: 3, decidedOn: '2026-11-20' })).rejects.toThrow(
      '（规则：受到党纪处分或正在接受审查不得评星）',
    );
    board = await service.call('exemplary.setCheck', { ...key, disqualifierId: 'DQ-DISCIPLINE', reason: null });
    expect(row(board, '王芳').disqualifiers).toEqual([]);
    board = await service.call('exemplary.decide', { ...key, stars: 3, decidedOn: '2026-11-20' });
    expect(row(board, '王芳').decidedStars).toBe(3);
    const actions = service.ledger.db.raw
      .prepare("SELECT action FROM audit_log WHERE entity = 'star_check' ORDER BY id")
      .all() as Array<{ action: string }>;
    expect(actions.map((a) => a.action)).toEqual(['exemplary.setCheck', 'exemplary.clearCheck']);
  });

  it('refuses a period that does not fit the half-year cadence the scheme states', async () => {
    const { service, branchId } = await branch();
    const scheme = await service.call('exemplary.scheme', {});
    expect(scheme).toMatchObject({ period: '半年', steps: ['自评', '互评', '支部评定'], example: true });
    expect(scheme.disqualifiers.map((d) => [d.rule, d.manual])).toEqual([
      ['欠缴党费≥3个月不得评星', false],
      ['无故缺席组织生活≥2次不得评星', false],
      ['民主评议评定为不合格不得评星', false],
      ['受到党纪处分或正在接受审查不得评星', true],
    ]);
    await expect(service.call('exemplary.stars', { branchId, period: '2026' })).rejects.toThrow(
      '评定周期“2026”不对：本办法按半年评定，应为“2026-H1”或“2026-H2”。',
    );
  });
});

describe('示范岗 / 责任区 and 承诺践诺', () => {
  it('sets up a post with its holder, ends it, and keeps it while commitments point to it', async () => {
    const { service, branchId, ids } = await branch();
    const noScope = await service.invoke(
      'exemplary.savePost',
      { branchId, kind: '党员责任区', name: '一号车间', holderId: ids.张伟 ?? 0, fromDate: '2026-03-01' },
      'bridge',
    );
    expect(noScope.ok ? [] : noScope.error.details).toEqual([{ field: '责任区范围', message: '党员责任区须写明范围' }]);
    const badKind = await service.invoke(
      'exemplary.savePost',
      { branchId, kind: '先进岗', name: '一号车间', holderId: ids.张伟 ?? 0, fromDate: '2026-03-01' },
      'bridge',
    );
    expect(badKind.ok ? '' : badKind.error.details[0]?.field).toBe('类别');
    expect(await service.call('exemplary.posts', { branchId })).toEqual([]);

    const post = await service.call('exemplary.savePost', {
      branchId,
      kind: '党员责任区',
      name: '一号车间安全责任区',
      scope: '一号车间 3 条生产线',
      holderId: ids.张伟 ?? 0,
      fromDate: '2026-03-01',
    });
    expect(post).toMatchObject({ holderName: '张伟', scope: '一号车间 3 条生产线', toDate: null });

    const noCheck = await service.invoke(
      'exemplary.saveCommitment',
      {
        branchId,
        memberId: ids.张伟 ?? 0,
        postId: post.id,
        year: 2026,
        text: '责任区全年零事故',
        madeOn: '2026-03-01',
        status: '已践诺',
      },
      'bridge',
    );
    expect(noCheck.ok ? [] : noCheck.error.details.map((d) => d.field)).toEqual(['核实日期', '践诺情况']);
    const wrongHolder = await service.invoke(
      'exemplary.saveCommitment',
      {
        branchId,
        memberId: ids.王芳 ?? 0,
        postId: post.id,
        year: 2026,
        text: '带头学习',
        madeOn: '2026-03-01',
        status: '践诺中',
      },
      'bridge',
    );
    expect(wrongHolder.ok ? '' : wrongHolder.error.message).toBe('“一号车间安全责任区”不是王芳所在的岗位。');
    const commitment = await service.call('exemplary.saveCommitment', {
      branchId,
      memberId: ids.张伟 ?? 0,
      postId: post.id,
      year: 2026,
      text: '责任区全年零事故',
      madeOn: '2026-03-01',
      fulfilment: '截至11月零事故，隐患整改 12 项',
      status: '已践诺',
      checkedOn: '2026-11-20',
    });
    expect(commitment).toMatchObject({ memberName: '张伟', postName: '一号车间安全责任区', status: '已践诺' });
    const board = await service.call('exemplary.stars', { branchId, period: '2026-H2' });
    expect(row(board, '张伟')).toMatchObject({
      commitments: { total: 1, kept: 1, broken: 0 },
      posts: ['党员责任区：一号车间安全责任区'],
    });

    const audit = auditCount(service, '');
    const del = await service.invoke('exemplary.deletePost', { id: post.id }, 'bridge');
    expect(del.ok ? '' : del.error.message).toContain('下有 1 条承诺，不能删除');
    expect(auditCount(service, '')).toBe(audit);
    const ended = await service.call('exemplary.endPost', { id: post.id, toDate: '2026-11-01' });
    expect(ended.toDate).toBe('2026-11-01');
    const twice = await service.invoke('exemplary.endPost', { id: post.id, toDate: '2026-11-02' }, 'bridge');
    expect(twice.ok ? '' : twice.error.message).toBe('“一号车间安全责任区”已于 2026-11-01 撤岗。');
    expect(await service.call('exemplary.posts', { branchId, year: 2025 })).toEqual([]);
    expect((await service.call('exemplary.posts', { branchId, year: 2026 })).map((p) => p.id)).toEqual([post.id]);

    await service.call('exemplary.deleteCommitment', { id: commitment.id });
    await service.call('exemplary.deletePost', { id: post.id });
    expect(await service.call('exemplary.posts', { branchId })).toEqual([]);
    const actions = service.ledger.db.raw
      .prepare("SELECT action FROM audit_log WHERE action LIKE 'exemplary.%' ORDER BY id")
      .all() as Array<{ action: string }>;
    expect(actions.map((a) => a.action)).toEqual([
      'exemplary.createPost',
      'exemplary.createCommitment',
      'exemplary.endPost',
      'exemplary.deleteCommitment',
      'exemplary.deletePost',
    ]);
  });
});

describe('the one-line summary per member for the 示范岗与积分 sheet', () => {
  it('names the post with its scope, counts commitments by status, and gives each period’s stars or why none', async () => {
    const { service, branchId, ids } = await branch();
    const zhang = ids.张伟 ?? 0;
    const li = ids.李娜 ?? 0;
    await service.call('exemplary.savePost', {
      branchId,
      kind: '党员责任区',
      name: '安全生产责任区',
      scope: '一号车间',
      holderId: zhang,
      fromDate: '2026-03-01',
    });
    for (const status of ['已践诺', '践诺中'] as const)
      await service.call('exemplary.saveCommitment', {
        branchId,
        memberId: zhang,
        year: 2026,
        text: `承诺（${status}）`,
        madeOn: '2026-03-01',
        status,
        ...(status === '已践诺' ? { fulfilment: '已兑现', checkedOn: '2026-10-01' } : {}),
      });
    for (const [memberId, stars] of [
      [zhang, 4],
      [li, 0],
    ] as const) {
      const key = { branchId, memberId, period: '2026-H2' };
      await service.call('exemplary.selfAssess', { ...key, stars: 3 });
      await service.call('exemplary.peerAssess', { ...key, stars: 3.5 });
      await service.call('exemplary.decide', { ...key, stars, decidedOn: '2026-11-20' });
    }
    await service.call('exemplary.selfAssess', { branchId, memberId: ids.王芳 ?? 0, period: '2026-H1', stars: 2 });
    const summary = exemplaryYearSummary(service.ledger, branchId, 2026);
    expect(summary.get(zhang)).toEqual({
      posts: '党员责任区：安全生产责任区（一号车间）',
      commitments: '承诺 2 条：已践诺 1、践诺中 1',
      stars: '下半年：四星',
    });
    expect(summary.get(li)).toEqual({
      posts: null,
      commitments: null,
      stars: '下半年：不评星（2026年下半年欠缴党费4个月）',
    });
    expect(summary.get(ids.王芳 ?? 0)?.stars).toBe('上半年：待互评（自评二星）');
    expect(summary.has(ids.刘洋 ?? 0)).toBe(false);
  });
});

describe('migration 0008', () => {
  it('refuses at the SQL level an award whose stage and figures disagree, and a checked commitment without a date', async () => {
    const { service, branchId, ids } = await branch();
    const raw = service.ledger.db.raw;
    const insert = (stage: string, peer: number | null, decided: number | null, decidedOn: string | null) =>
      raw
        .prepare(
          `INSERT INTO star_award (member_id, branch_id, period, scheme_version, stage, self_stars, self_on, peer_stars, decided_stars, decided_on)
           VALUES (?, ?, '2026-H2', 't', ?, 3, '2026-11-01', ?, ?, ?)`,
        )
        .run(ids.张伟 ?? 0, branchId, stage, peer, decided, decidedOn);
    expect(() => insert('支部评定', 3, null, null)).toThrow(/CHECK constraint failed/);
    expect(() => insert('自评', 3, null, null)).toThrow(/CHECK constraint failed/);
    expect(() => insert('互评', 3, 3, '2026-11-20')).toThrow(/CHECK constraint failed/);
    expect(() => insert('自评', null, null, null)).not.toThrow();
    expect(() =>
      raw
        .prepare(
          `INSERT INTO exemplary_commitment (branch_id, member_id, year, text, made_on, status) VALUES (?, ?, 2026, '承诺', '2026-03-01', '已践诺')`,
        )
        .run(branchId, ids.张伟 ?? 0),
    ).toThrow(/CHECK constraint failed/);
  });
});
