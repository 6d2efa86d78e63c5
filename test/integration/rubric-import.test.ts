import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../electron/cli/main.ts';
import { sql } from '../../electron/core/db/sql.ts';
import type { LedgerService } from '../../electron/core/service.ts';
import { openTestService, SAMPLE_MEMBER, setupBranch, tempLedgerDir } from '../helpers/ledger.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'rubrics');
const file = (fileName: string) => ({ fileName, content: readFileSync(join(FIXTURES, fileName), 'utf8') });

let service: LedgerService;
let branchId = 0;
let dbPath = '';
let cleanup: () => void = () => {};

beforeEach(async () => {
  const temp = tempLedgerDir('rubric-import-');
  dbPath = temp.dbPath;
  service = openTestService(temp.dbPath, '2026-11-23T09:00:00+08:00');
  cleanup = () => {
    service.close();
    temp.cleanup();
  };
  branchId = (await setupBranch(service)).branchId;
});
afterEach(() => cleanup());

/** Everything an import could touch: the ledger's settings, the assessments and the audit log. */
function snapshot() {
  const db = service.ledger.db;
  return {
    meta: db.all<{ key: string; value: string }>('t.meta', sql`SELECT key, value FROM ledger_meta ORDER BY key`),
    assessments: db.all<Record<string, unknown>>(
      't.assessments',
      sql`SELECT * FROM assessment ORDER BY branch_id, year`,
    ),
    audit: db.get<{ n: number }>('t.audit', sql`SELECT COUNT(*) AS n FROM audit_log`)?.n,
  };
}

async function refusal(method: 'assessment.importRubric', input: { fileName: string; content: string }) {
  const answer = await service.invoke(method, input, 'bridge');
  if (answer.ok) throw new Error('the file was accepted');
  return answer.error;
}

describe('a party committee imports its own 考核细则', () => {
  it('grades with the imported rubric, and the shipped example again after reset', async () => {
    const shipped = await service.call('assessment.rubric', {});
    expect(shipped.example).toBe(true);
    expect(shipped.origin.kind).toBe('shipped');
    const before = await service.call('assessment.get', { branchId, year: 2026 });
    expect(before.rubric.id).toBe(shipped.id);

    const preview = await service.call('assessment.previewRubric', file('county-2026.json'));
    expect(preview.problems).toEqual([]);
    expect(preview.rubric?.name).toBe('某县委党支部考核细则（测试用）');
    expect(preview.rubric?.categories.map((c) => [c.name, c.points, c.itemCount])).toEqual([
      ['组织生活', 60, 2],
      ['评议', 40, 2],
    ]);
    expect(preview.rubric?.vetoes).toEqual([
      { id: 'V9', title: '支部班子成员受到党纪处分', effect: 'cap-tier', effectText: '最高评为标准型' },
    ]);
    // The preview saved nothing.
    expect((await service.call('assessment.rubric', {})).id).toBe(shipped.id);

    const info = await service.call('assessment.importRubric', file('county-2026.json'));
    expect(info).toMatchObject({ id: 'test-county.rubric', version: '2026.1', example: false });
    expect(info.origin).toMatchObject({ kind: 'imported', fileName: 'county-2026.json' });
    expect(info.items.map((i) => [i.id, i.mode, i.maxPoints, i.metric])).toEqual([
      ['L1', 'auto', 30, 'plan.annual'],
      ['L2', 'auto', 30, 'life.lecture.count'],
      ['R1', 'manual', 20, null],
      ['R2', 'manual', 20, null],
    ]);
    expect(info.items.find((i) => i.id === 'R1')?.scoringText).toBe('好 20、较好 15、一般 10、差 0');

    await service.call('assessment.scoreItem', { branchId, year: 2026, itemId: 'R1', points: 15 });
    const graded = await service.call('assessment.scoreItem', { branchId, year: 2026, itemId: 'R2', points: 5 });
    // By hand, for a branch with no records: L1 no annual plan → 0 of 30; L2 0 党课 (< 4) → partial 10;
    // R1 较好 15; R2 one commendation 5. Total 30 of 100, below 标准型 (60) → 未达标.
    expect(graded.rubric).toEqual({
      id: 'test-county.rubric',
      name: '某县委党支部考核细则（测试用）',
      version: '2026.1',
    });
    expect(graded.items.map((i) => [i.itemId, i.points])).toEqual([
      ['L1', 0],
      ['L2', 10],
      ['R1', 15],
      ['R2', 5],
    ]);
    expect(graded.total).toBe(30);
    expect(graded.maxTotal).toBe(100);
    expect(graded.proposedTier).toBe('未达标');
    expect(graded.total).not.toBe(before.total);
    const row = service.ledger.db.get<{ rubric_version: string }>(
      't.row',
      sql`SELECT rubric_version FROM assessment WHERE branch_id = ${branchId} AND year = 2026`,
    );
    expect(row?.rubric_version).toBe('test-county.rubric@2026.1');

    // The committee comparison and the CLI's grade go through the same rubric.
    const committee = await service.call('assessment.committee', { year: 2026 });
    expect(committee[0]?.total).toBe(30);
    let out = '';
    const code = await main(['grade', '--db', dbPath, '--year', '2026', '--json'], {
      out: (text) => {
        out += text;
      },
      err: () => {},
    });
    expect(code).toBe(0);
    const cli = JSON.parse(out) as Array<{ rubric: { id: string }; total: number }>;
    expect(cli.map((r) => [r.rubric.id, r.total])).toEqual([['test-county.rubric', 30]]);

    const reset = await service.call('assessment.resetRubric', {});
    expect(reset).toMatchObject({ id: shipped.id, example: true, origin: { kind: 'shipped' } });
    const back = await service.call('assessment.get', { branchId, year: 2026 });
    expect(back.rubric.id).toBe(shipped.id);
    // The custom rubric's scores stay in the record, shown as 不在当前细则 and not counted.
    expect(back.stale).toEqual([
      { itemId: 'R1', kind: '评分项', points: 15, comment: null, reason: '不在当前细则' },
      { itemId: 'R2', kind: '评分项', points: 5, comment: null, reason: '不在当前细则' },
    ]);
    expect(back.total).toBe(before.total);
    const actions = service.ledger.db
      .all<{ action: string }>('t.actions', sql`SELECT action FROM audit_log WHERE action LIKE 'rubric.%' ORDER BY id`)
      .map((a) => a.action);
    expect(actions).toEqual(['rubric.import', 'rubric.reset']);
  });

  it('keeps a published result as published, and re-scores drafts: a score above the new maximum is flagged', async () => {
    const shipped = await service.call('assessment.rubric', {});
    // 2025: every manual item of the example scored at its maximum, then published.
    for (const item of shipped.items.filter((i) => i.mode === 'manual')) {
      await service.call('assessment.scoreItem', { branchId, year: 2025, itemId: item.id, points: item.maxPoints });
    }
    await service.call('assessment.advance', { branchId, year: 2025, stage: '上级评审' });
    const published = await service.call('assessment.advance', {
      branchId,
      year: 2025,
      stage: '已公示',
      publicityFrom: '2026-01-10',
      publicityTo: '2026-01-16',
    });
    await service.call('assessment.importRubric', file('county-2026.json'));
    await service.call('assessment.scoreItem', { branchId, year: 2026, itemId: 'R1', points: 15 });

    const after = await service.call('assessment.get', { branchId, year: 2025 });
    expect(after.stage).toBe('已公示');
    expect(after.total).toBe(published.total);
    expect(after.proposedTier).toBe(published.proposedTier);
    expect(after.rubric.id).toBe(shipped.id);
    expect(after.items.map((i) => i.itemId)).toEqual(published.items.map((i) => i.itemId));
    expect(after.stale).toEqual([]);

    // v2 lowers R1 to 10 points: the stored 15 is above it, so it is not counted and asks to be scored again.
    const preview = await service.call('assessment.previewRubric', file('county-2026-v2.json'));
    expect(preview.impact).toEqual({ drafts: 1, published: 1 });
    await service.call('assessment.importRubric', file('county-2026-v2.json'));
    const draft = await service.call('assessment.get', { branchId, year: 2026 });
    const r1 = draft.items.find((i) => i.itemId === 'R1');
    expect(r1?.points).toBeNull();
    expect(r1?.flag).toBe('原评分 15 分超过现行细则该项满分 10 分，未计入，请重新评分');
    expect(draft.pendingItems).toBe(2);
    // L1 0 of 40 + L2 10 + R1 not counted + R2 unscored = 10.
    expect(draft.total).toBe(10);
    expect((await service.call('assessment.get', { branchId, year: 2025 })).total).toBe(published.total);
    // Publishing the draft is blocked until R1 is scored again within its new maximum.
    await expect(
      service.call('assessment.scoreItem', { branchId, year: 2026, itemId: 'R1', points: 15 }),
    ).rejects.toThrow(/R1 示范引领作用.*超过该项满分 10 分/);
    const rescored = await service.call('assessment.scoreItem', { branchId, year: 2026, itemId: 'R1', points: 7.5 });
    expect(rescored.items.find((i) => i.itemId === 'R1')).toMatchObject({ points: 7.5 });
    expect(rescored.total).toBe(17.5);
  });

  it.each([
    ['bad-sum.json', '类别“组织生活”：各评分项分值合计 70 分，与该类别的 60 分不符'],
    ['bad-metric.json', '评分项“L1 制定年度工作计划”：引用的指标“plan.written”不存在'],
    ['bad-tiers.json', '等级“示范型”：最低分 55 分不高于“标准型”的 60 分，等级分数线顺序不对'],
    // bad-json.json lacks the comma after "version" (line 5): the parser stops at the next key, line 6.
    ['bad-json.json', '（整个文件）：不是有效的 JSON 文件，第 6 行第 3 列附近有格式错误'],
  ])('refuses %s naming the place, and changes nothing', async (fileName, named) => {
    await service.call('assessment.scoreItem', { branchId, year: 2026, itemId: 'G3', points: 3 });
    const before = snapshot();
    const preview = await service.call('assessment.previewRubric', file(fileName));
    expect(preview.rubric).toBeNull();
    expect(preview.problems.length).toBeGreaterThan(0);
    const error = await refusal('assessment.importRubric', file(fileName));
    expect(error.code).toBe('BAD_FILE');
    expect(error.message).toContain(`考核细则“${fileName}”有误：${named}`);
    expect(error.message).toContain('未导入');
    expect(error.details[0]?.file).toBe(fileName);
    expect(snapshot()).toEqual(before);
    expect((await service.call('assessment.rubric', {})).example).toBe(true);
  });

  it('lists every problem of a file in the preview, each with its place', async () => {
    const raw = JSON.parse(file('county-2026.json').content) as {
      categories: Array<{ items: Array<{ metric?: string }> }>;
      tiers: Array<{ minScore: number }>;
    };
    const l1 = raw.categories[0]?.items[0];
    const second = raw.tiers[1];
    if (!l1 || !second) throw new Error('fixture changed');
    l1.metric = 'plan.written';
    second.minScore = 55;
    const preview = await service.call('assessment.previewRubric', {
      fileName: 'two.json',
      content: JSON.stringify(raw),
    });
    expect(preview.rubric).toBeNull();
    expect(preview.problems.map((p) => p.place)).toEqual(['评分项“L1 制定年度工作计划”', '等级“示范型”']);
  });

  it('refuses a manual score above the imported item maximum, naming the item, and changes nothing', async () => {
    await service.call('assessment.importRubric', file('county-2026.json'));
    const before = snapshot();
    const answer = await service.invoke(
      'assessment.scoreItem',
      { branchId, year: 2026, itemId: 'R2', points: 25 },
      'bridge',
    );
    expect(answer.ok ? '' : answer.error.message).toContain(
      '评分项“R2 创新创优、获得表彰”的人工评分 25 分超过该项满分 20 分',
    );
    expect(snapshot()).toEqual(before);
  });

  it('refuses a changed rubric that keeps the id and version of one already imported', async () => {
    await service.call('assessment.importRubric', file('county-2026.json'));
    const changed = JSON.parse(file('county-2026-v2.json').content) as { version: string };
    changed.version = '2026.1';
    const before = snapshot();
    const error = await refusal('assessment.importRubric', {
      fileName: 'changed.json',
      content: JSON.stringify(changed),
    });
    expect(error.message).toContain('版本（version）：已有编号“test-county.rubric”、版本“2026.1”的另一份考核细则');
    expect(snapshot()).toEqual(before);
  });
});

describe('a branch imports its own 党员积分办法', () => {
  it('scores hand-entered points with the imported rules, refuses a scheme out of order, and resets', async () => {
    const member = await service.call('member.create', { ...SAMPLE_MEMBER, branchId });
    const shipped = await service.call('points.scheme', {});
    expect(shipped).toMatchObject({ example: true, origin: { kind: 'shipped' } });
    const before = snapshot();
    const bad = await service.invoke('points.importRules', file('points-bad-grades.json'), 'bridge');
    expect(bad.ok ? '' : bad.error.message).toBe(
      '党员积分办法“points-bad-grades.json”有误：等次分数线：应为 优秀 > 合格 > 基本合格，现为 80、90、60。未导入，请改正后重试。',
    );
    expect(snapshot()).toEqual(before);

    const info = await service.call('points.importRules', file('points-county-2026.json'));
    expect(info).toMatchObject({ id: 'test-county.points', example: false, origin: { kind: 'imported' } });
    // The imported scheme gives 撰写学习心得 4 points (the example: 3).
    const added = await service.call('points.add', {
      branchId,
      memberId: member.id,
      date: '2026-05-04',
      ruleId: 'ESSAY',
    });
    const essay = () => added.find((m) => m.memberId === member.id)?.events.find((e) => e.ruleId === 'ESSAY');
    expect(essay()?.delta).toBe(4);
    await service.call('points.resetRules', {});
    const now = await service.call('points.year', { branchId, year: 2026 });
    expect(now.find((m) => m.memberId === member.id)?.events.find((e) => e.ruleId === 'ESSAY')?.delta).toBe(3);
    expect((await service.call('points.scheme', {})).origin.kind).toBe('shipped');
  });
});
