import { describe, expect, it } from 'vitest';
import { LedgerError } from '../../../electron/core/errors.ts';
import { defaultRubric, loadRubric, METRICS } from '../../../electron/core/rules/rubric.ts';
import shipped from '../../../templates/rubrics/default-2026.json' with { type: 'json' };

type Json = Record<string, unknown>;
const clone = (): Json => structuredClone(shipped) as Json;
const list = (value: unknown) => value as Json[];
const category = (raw: Json, i: number) => list(raw.categories)[i] as Json;
const item = (raw: Json, c: number, i: number) => list(category(raw, c).items)[i] as Json;
const tier = (raw: Json, i: number) => list(raw.tiers)[i] as Json;

function refusal(raw: unknown): LedgerError {
  try {
    loadRubric(raw, 'my-rubric.json');
  } catch (error) {
    if (error instanceof LedgerError) return error;
    throw error;
  }
  throw new Error('the rubric was accepted');
}

describe('the shipped rubric', () => {
  const rubric = defaultRubric();

  it('is marked as an example built from the published rubrics A–I', () => {
    expect(rubric.example).toBe(true);
    expect(rubric.name).toBe('党支部标准化规范化建设考核细则（示例，据公开细则整理）');
    expect(rubric.sources.map((s) => s.id)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I']);
  });

  it('adds up to 100 over its categories and items, every automatic item on a known metric', () => {
    expect(rubric.total).toBe(100);
    expect(rubric.categories.reduce((s, c) => s + c.points, 0)).toBe(100);
    for (const c of rubric.categories) expect(c.items.reduce((s, i) => s + i.points, 0)).toBe(c.points);
    for (const i of rubric.categories.flatMap((c) => c.items))
      if (i.mode === 'auto') expect(Object.keys(METRICS)).toContain(i.metric);
  });

  it('has the three tiers at 80 / 90 / 95 and one veto of each effect', () => {
    expect(rubric.tiers.map((t) => [t.tier, t.minScore, t.prerequisite])).toEqual([
      ['标准型', 80, null],
      ['示范型', 90, '标准型'],
      ['红旗型', 95, '示范型'],
    ]);
    expect(rubric.vetoes.map((v) => v.effect).sort()).toEqual(['cap-tier', 'force-unqualified', 'no-tier']);
  });
});

describe('loadRubric refuses a file that does not hold together, naming the place', () => {
  it.each([
    [
      'categories that do not add up to the total',
      (r: Json) => {
        item(r, 1, 0).points = 7;
        category(r, 1).points = 31;
      },
      '考核细则“my-rubric.json”有误：总分：各类别分值合计 101 分（班子建设 12 + 组织生活 31 + 党员教育管理 14 + 发展党员 8 + 党费管理 8 + 基础工作和台账 14 + 工作成效 14），与总分 100 分不符。未导入，请改正后重试。',
    ],
    [
      'items that do not add up to their category',
      (r: Json) => {
        item(r, 1, 0).points = 7;
      },
      '类别“组织生活”：各评分项分值合计 31 分，与该类别的 30 分不符',
    ],
    [
      'an item on a metric that does not exist',
      (r: Json) => {
        item(r, 1, 3).metric = 'life.lectures';
      },
      '评分项“B4 党课全年至少 4 次”：引用的指标“life.lectures”不存在',
    ],
    [
      'an automatic item without a metric',
      (r: Json) => {
        delete item(r, 1, 3).metric;
      },
      '评分项“B4 党课全年至少 4 次”：自动计分项须指定指标（metric）',
    ],
    [
      'tier thresholds out of order',
      (r: Json) => {
        tier(r, 1).minScore = 80;
      },
      '等级“示范型”：最低分 80 分不高于“标准型”的 80 分，等级分数线顺序不对',
    ],
    [
      'a tier above the total',
      (r: Json) => {
        tier(r, 2).minScore = 101;
      },
      '等级“红旗型”：最低分 101 分超过总分 100 分',
    ],
    [
      'tiers listed out of order',
      (r: Json) => {
        r.tiers = [tier(r, 1), tier(r, 0), tier(r, 2)];
      },
      '等级“标准型”：应排在“示范型”之前',
    ],
    [
      'an unknown veto effect',
      (r: Json) => {
        list(r.vetoes)[1] = { ...list(r.vetoes)[1], effect: 'demote' };
      },
      '否决项“V2 发生严重违法违纪、重大安全质量事故或群体性事件”：否决效果“demote”无法识别',
    ],
    [
      'a cap-tier veto without its tier',
      (r: Json) => {
        delete list(r.vetoes)[2]?.tier;
      },
      '否决项“V3 未完成年度生产经营（业务）目标任务”：限定最高等级（cap-tier）须写明等级（tier）',
    ],
    [
      'an unknown scoring mode',
      (r: Json) => {
        item(r, 1, 0).scoring = 'percent';
      },
      '类别“组织生活”第 1 项“B1 支部党员大会每季度至少召开 1 次”：计分方式：计分方式应为 deduct（按次扣分）、tiered（分档）、bonus（加分）或 threshold（达标）',
    ],
    [
      'a tiered item scored automatically',
      (r: Json) => {
        Object.assign(item(r, 0, 0), { mode: 'auto', metric: 'term.expired' });
      },
      '评分项“A1 支部委员会健全、分工明确”：分档（好/较好/一般/差）项只能人工评分',
    ],
    [
      'a deduct item without points per occurrence',
      (r: Json) => {
        delete item(r, 1, 1).perOccurrence;
      },
      '评分项“B2 支委会每月至少召开 1 次”：按次扣分或加分项须写明每次分值（perOccurrence）',
    ],
    [
      'a threshold item whose partial points exceed the item',
      (r: Json) => {
        item(r, 1, 3).partial = 5;
      },
      '评分项“B4 党课全年至少 4 次”：未达标得分 5 分超过该项分值 4 分',
    ],
    [
      'two items with one id',
      (r: Json) => {
        item(r, 1, 1).id = 'B1';
      },
      '评分项“B1 支委会每月至少召开 1 次”：编号与其他评分项重复',
    ],
    [
      'a qualitative condition on an item that is not tiered',
      (r: Json) => {
        tier(r, 2).conditions = [{ itemId: 'B1', atLeast: '较好' }];
      },
      '等级“红旗型”：定性条件引用的评分项“B1 支部党员大会每季度至少召开 1 次”不是分档评分项',
    ],
    [
      'a qualitative condition on a missing item',
      (r: Json) => {
        tier(r, 2).conditions = [{ itemId: 'Z1', atLeast: '较好' }];
      },
      '等级“红旗型”：定性条件引用的评分项“Z1”不存在',
    ],
    [
      'levels out of order',
      (r: Json) => {
        r.levels = { 好: 1, 较好: 0.5, 一般: 0.75, 差: 0 };
      },
      '分档比例“一般”（0.75）高于“较好”（0.5）',
    ],
    [
      'a missing total',
      (r: Json) => {
        delete r.total;
      },
      '总分：',
    ],
  ])('%s', (_, mutate, message) => {
    const raw = clone();
    mutate(raw);
    const error = refusal(raw);
    expect(error.code).toBe('BAD_FILE');
    expect(error.message).toContain(message);
    expect(error.details[0]?.file).toBe('my-rubric.json');
  });

  it('refuses something that is not a rubric at all', () => {
    expect(refusal(null).message).toContain('（整个文件）');
    expect(refusal([]).code).toBe('BAD_FILE');
  });
});
