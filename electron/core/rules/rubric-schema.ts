import { z } from 'zod';
import { TIERS, type Tier } from '../../api/assessment.ts';
import { LedgerError } from '../errors.ts';
import { METRICS } from './rubric-metrics.ts';

/**
 * A grading rubric is data (RULES.md §6.2: RubricVersion → Category → Item, VetoItem, TierRule), so a party
 * committee can import its own 考核细则. No national rubric exists (§6), so everything here is configurable;
 * loadRubric refuses a file whose numbers do not hold together, naming the category, item, veto or tier.
 */
export const LEVELS = ['好', '较好', '一般', '差'] as const;
export type Level = (typeof LEVELS)[number];
export const VETO_EFFECTS = ['no-tier', 'cap-tier', 'force-unqualified'] as const;
export type VetoEffect = (typeof VETO_EFFECTS)[number];

const levelsSchema = z.strictObject({
  好: z.number().min(0).max(1),
  较好: z.number().min(0).max(1),
  一般: z.number().min(0).max(1),
  差: z.number().min(0).max(1),
});

const itemSchema = z.strictObject({
  id: z.string().trim().min(1).max(20),
  title: z.string().trim().min(1),
  points: z.number().positive('分值须大于 0'),
  scoring: z.enum(['deduct', 'tiered', 'bonus', 'threshold'], {
    error: '计分方式应为 deduct（按次扣分）、tiered（分档）、bonus（加分）或 threshold（达标）',
  }),
  mode: z.enum(['auto', 'manual'], { error: '评分方式应为 auto（自动）或 manual（人工）' }),
  metric: z.string().optional(),
  /** deduct / bonus: points per occurrence of the metric (or per case the assessor finds). */
  perOccurrence: z.number().positive('每次分值须大于 0').optional(),
  /** threshold: the metric must be ≥ threshold (atLeast) or ≤ threshold (atMost) for full points… */
  threshold: z.number().optional(),
  compare: z.enum(['atLeast', 'atMost'], { error: '比较方式应为 atLeast（不少于）或 atMost（不多于）' }).optional(),
  /** …otherwise it earns `partial` points (0 unless given). */
  partial: z.number().min(0).optional(),
  /** tiered: fractions of the item's points for 好/较好/一般/差; the rubric's `levels` unless given. */
  levels: levelsSchema.optional(),
  /** 评分标准 as the assessor reads it. */
  criteria: z.string().trim().min(1),
  source: z.string().optional(),
});

const rubricSchema = z.strictObject({
  id: z.string().trim().min(1),
  name: z.string().trim().min(1),
  issuer: z.string().trim().min(1),
  version: z.string().trim().min(1),
  year: z.number().int().min(2000).max(2100),
  /** True for the shipped default: the UI says it is an example, not any committee's rubric. */
  example: z.boolean().default(false),
  note: z.string().optional(),
  sources: z
    .array(z.strictObject({ id: z.string(), title: z.string(), url: z.string().nullable(), tag: z.string() }))
    .default([]),
  total: z.number().positive('总分须大于 0'),
  levels: levelsSchema.default({ 好: 1, 较好: 0.75, 一般: 0.5, 差: 0 }),
  categories: z
    .array(
      z.strictObject({
        id: z.string().trim().min(1),
        name: z.string().trim().min(1),
        points: z.number().positive('分值须大于 0'),
        items: z.array(itemSchema).min(1, '至少要有一个评分项'),
      }),
    )
    .min(1, '至少要有一个类别'),
  vetoes: z
    .array(
      z.strictObject({
        id: z.string().trim().min(1).max(20),
        title: z.string().trim().min(1),
        effect: z.string(),
        /** cap-tier: the highest tier the branch may still get. */
        tier: z.enum(TIERS, { error: `等级应为 ${TIERS.join('、')} 之一` }).optional(),
        source: z.string().optional(),
      }),
    )
    .default([]),
  tiers: z
    .array(
      z.strictObject({
        tier: z.enum(TIERS, { error: `等级应为 ${TIERS.join('、')} 之一` }),
        minScore: z.number().positive('最低分须大于 0'),
        /** 晋位升级: the tier the branch must have held the year before. */
        prerequisite: z
          .enum(TIERS, { error: `等级应为 ${TIERS.join('、')} 之一` })
          .nullable()
          .default(null),
        /** The ledger has no previous year (first year of use): waive the prerequisite, or block the tier. */
        withoutPreviousYear: z.enum(['waive', 'block']).default('waive'),
        /** Qualitative conditions: a tiered manual item scored at least this level. */
        conditions: z.array(z.strictObject({ itemId: z.string(), atLeast: z.enum(LEVELS) })).default([]),
        source: z.string().optional(),
      }),
    )
    .min(1, '至少要有一个等级'),
});

type RawRubric = z.output<typeof rubricSchema>;
type RawItem = z.output<typeof itemSchema>;

interface ItemBase {
  id: string;
  title: string;
  category: string;
  points: number;
  criteria: string;
  source: string | null;
}
type Input = { mode: 'auto'; metric: string } | { mode: 'manual'; metric: null };
type Scoring =
  | { scoring: 'deduct'; perOccurrence: number }
  | { scoring: 'bonus'; perOccurrence: number }
  | { scoring: 'threshold'; threshold: number; compare: 'atLeast' | 'atMost'; partial: number }
  | { scoring: 'tiered'; levels: Record<Level, number> };
export type RubricItem = ItemBase & Input & Scoring;

export interface RubricVeto {
  id: string;
  title: string;
  effect: VetoEffect;
  /** cap-tier only. */
  tier: Tier | null;
  source: string | null;
}

export type TierRule = RawRubric['tiers'][number];

export interface Rubric extends Omit<RawRubric, 'categories' | 'vetoes' | 'tiers'> {
  categories: Array<{ id: string; name: string; points: number; items: RubricItem[] }>;
  vetoes: RubricVeto[];
  /** In the order of TIERS, lowest first. */
  tiers: TierRule[];
}

const EPSILON = 1e-9;
const round2 = (x: number) => Math.round(x * 100) / 100;
const at = (value: unknown, key: PropertyKey): unknown =>
  value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
const str = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

const FIELD: Record<string, string> = {
  points: '分值',
  scoring: '计分方式',
  mode: '评分方式',
  metric: '指标',
  perOccurrence: '每次分值',
  threshold: '达标值',
  compare: '比较方式',
  partial: '未达标得分',
  levels: '分档比例',
  criteria: '评分标准',
  effect: '否决效果',
  tier: '等级',
  minScore: '最低分',
  prerequisite: '上年等级要求',
  conditions: '定性条件',
  total: '总分',
};

/** “组织生活”第 3 项“B3 党小组会…” — where in the file a problem is, as the committee wrote it. */
function placeOf(raw: unknown, path: readonly PropertyKey[]): string {
  const [head, index, sub, subIndex, ...rest] = path;
  const field = (keys: readonly PropertyKey[]) => keys.map((k) => FIELD[str(k)] ?? str(k)).join('.');
  if (head === 'categories' && typeof index === 'number') {
    const category = at(at(raw, 'categories'), index);
    const where = `类别“${str(at(category, 'name')) || index + 1}”`;
    if (sub === 'items' && typeof subIndex === 'number') {
      const item = at(at(category, 'items'), subIndex);
      const tail = rest.length > 0 ? `：${field(rest)}` : '';
      return `${where}第 ${subIndex + 1} 项“${str(at(item, 'id'))} ${str(at(item, 'title'))}”${tail}`;
    }
    return sub === undefined ? where : `${where}：${field([sub, ...(subIndex === undefined ? [] : [subIndex])])}`;
  }
  if (head === 'vetoes' && typeof index === 'number') {
    const veto = at(at(raw, 'vetoes'), index);
    return `否决项“${str(at(veto, 'id'))} ${str(at(veto, 'title'))}”${sub === undefined ? '' : `：${field([sub])}`}`;
  }
  if (head === 'tiers' && typeof index === 'number') {
    const tier = at(at(raw, 'tiers'), index);
    return `等级“${str(at(tier, 'tier')) || index + 1}”${sub === undefined ? '' : `：${field(path.slice(2))}`}`;
  }
  return path.length > 0 ? field(path) : '（整个文件）';
}

function refuse(file: string, place: string, message: string): LedgerError {
  return new LedgerError('BAD_FILE', `考核细则“${file}”有误：${place}：${message}。未导入，请改正后重试。`, [
    { file, field: place, message },
  ]);
}

const itemName = (item: { id: string; title: string }) => `评分项“${item.id} ${item.title}”`;

function toItem(raw: RawItem, category: string, defaultLevels: Record<Level, number>, file: string): RubricItem {
  const where = itemName(raw);
  const fail = (message: string) => refuse(file, where, message);
  let input: Input;
  if (raw.mode === 'auto') {
    if (!raw.metric) throw fail('自动计分项须指定指标（metric）');
    if (!Object.hasOwn(METRICS, raw.metric)) throw fail(`引用的指标“${raw.metric}”不存在`);
    input = { mode: 'auto', metric: raw.metric };
  } else {
    if (raw.metric) throw fail(`人工评分项不能指定指标“${raw.metric}”`);
    input = { mode: 'manual', metric: null };
  }
  const base: ItemBase = {
    id: raw.id,
    title: raw.title,
    category,
    points: raw.points,
    criteria: raw.criteria,
    source: raw.source ?? null,
  };
  switch (raw.scoring) {
    case 'deduct':
    case 'bonus':
      if (raw.perOccurrence === undefined) throw fail('按次扣分或加分项须写明每次分值（perOccurrence）');
      return { ...base, ...input, scoring: raw.scoring, perOccurrence: raw.perOccurrence };
    case 'threshold': {
      if (raw.threshold === undefined) throw fail('达标项须写明达标值（threshold）');
      const partial = raw.partial ?? 0;
      if (partial > raw.points) throw fail(`未达标得分 ${partial} 分超过该项分值 ${raw.points} 分`);
      return {
        ...base,
        ...input,
        scoring: 'threshold',
        threshold: raw.threshold,
        compare: raw.compare ?? 'atLeast',
        partial,
      };
    }
    case 'tiered': {
      // 好/较好/一般/差 is the assessor's judgement (RULES.md §6.2: qualitative items stay manual).
      if (input.mode === 'auto') throw fail('分档（好/较好/一般/差）项只能人工评分');
      const levels = raw.levels ?? defaultLevels;
      checkLevels(levels, (message) => fail(message));
      return { ...base, ...input, scoring: 'tiered', levels };
    }
  }
}

function checkLevels(levels: Record<Level, number>, fail: (message: string) => LedgerError): void {
  for (let i = 1; i < LEVELS.length; i += 1) {
    const upper = LEVELS[i - 1] as Level;
    const lower = LEVELS[i] as Level;
    if (levels[lower] > levels[upper])
      throw fail(`分档比例“${lower}”（${levels[lower]}）高于“${upper}”（${levels[upper]}）`);
  }
}

function checkTiers(rubric: RawRubric, items: Map<string, RubricItem>, file: string): void {
  let previous: TierRule | null = null;
  const seen: Tier[] = [];
  for (const rule of rubric.tiers) {
    const where = `等级“${rule.tier}”`;
    if (seen.includes(rule.tier)) throw refuse(file, where, '重复定义');
    if (previous && TIERS.indexOf(rule.tier) < TIERS.indexOf(previous.tier)) {
      throw refuse(file, where, `应排在“${previous.tier}”之前（等级须按 ${TIERS.join('、')} 的顺序）`);
    }
    if (rule.minScore > rubric.total + EPSILON) {
      throw refuse(file, where, `最低分 ${rule.minScore} 分超过总分 ${rubric.total} 分`);
    }
    if (previous && rule.minScore <= previous.minScore) {
      throw refuse(
        file,
        where,
        `最低分 ${rule.minScore} 分不高于“${previous.tier}”的 ${previous.minScore} 分，等级分数线顺序不对`,
      );
    }
    if (rule.prerequisite && TIERS.indexOf(rule.prerequisite) >= TIERS.indexOf(rule.tier)) {
      throw refuse(file, where, `上年等级要求“${rule.prerequisite}”须低于本等级`);
    }
    for (const condition of rule.conditions) {
      const item = items.get(condition.itemId);
      if (!item) throw refuse(file, where, `定性条件引用的评分项“${condition.itemId}”不存在`);
      if (item.scoring !== 'tiered') throw refuse(file, where, `定性条件引用的${itemName(item)}不是分档评分项`);
    }
    seen.push(rule.tier);
    previous = rule;
  }
}

/** One thing wrong in a rubric file: where (category, item, veto, tier) and what. */
export interface RubricProblem {
  place: string;
  message: string;
}

/** At most this many problems are listed: past that, the committee fixes the first ones and tries again. */
const MAX_PROBLEMS = 30;

/**
 * Checks a rubric file and lists every problem it can find, in file order, without throwing for them: the
 * preview shows them all at once. Structural problems (zod) stop the check there, since the numbers
 * cannot be added up over a file whose shape is wrong. `rubric` is null whenever a problem was found.
 */
export function inspectRubric(raw: unknown, name: string): { rubric: Rubric | null; problems: RubricProblem[] } {
  const zh = z.locales.zhCN();
  const parsed = rubricSchema.safeParse(raw, { error: zh.localeError });
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, MAX_PROBLEMS)
      .map((issue) => ({ place: placeOf(raw, issue.path), message: issue.message }));
    return { rubric: null, problems };
  }
  const problems: RubricProblem[] = [];
  // Each check refuses with a BAD_FILE LedgerError naming its place; collect it and go on to the next check.
  const attempt = <T>(check: () => T): T | undefined => {
    try {
      return check();
    } catch (error) {
      if (!(error instanceof LedgerError) || error.code !== 'BAD_FILE') throw error;
      for (const d of error.details) problems.push({ place: d.field ?? '（整个文件）', message: d.message });
      return undefined;
    }
  };
  const data = parsed.data;
  const file = name;
  const items = new Map<string, RubricItem>();
  const categories: Rubric['categories'] = [];
  for (const category of data.categories) {
    const list: RubricItem[] = [];
    let complete = true;
    for (const rawItem of category.items) {
      const item = attempt(() => {
        if (items.has(rawItem.id)) throw refuse(file, itemName(rawItem), '编号与其他评分项重复');
        return toItem(rawItem, category.name, data.levels, file);
      });
      if (!item) {
        complete = false;
        continue;
      }
      items.set(item.id, item);
      list.push(item);
    }
    const sum = round2(category.items.reduce((s, i) => s + i.points, 0));
    if (Math.abs(sum - category.points) > EPSILON) {
      attempt(() => {
        throw refuse(
          file,
          `类别“${category.name}”`,
          `各评分项分值合计 ${sum} 分，与该类别的 ${category.points} 分不符`,
        );
      });
    }
    if (complete) categories.push({ id: category.id, name: category.name, points: category.points, items: list });
  }
  const sum = round2(data.categories.reduce((s, c) => s + c.points, 0));
  if (Math.abs(sum - data.total) > EPSILON) {
    const parts = data.categories.map((c) => `${c.name} ${c.points}`).join(' + ');
    attempt(() => {
      throw refuse(file, '总分', `各类别分值合计 ${sum} 分（${parts}），与总分 ${data.total} 分不符`);
    });
  }
  attempt(() => checkLevels(data.levels, (message) => refuse(file, '分档比例', message)));
  const vetoes: RubricVeto[] = [];
  for (const veto of data.vetoes) {
    const checked = attempt(() => toVeto(veto, data, items, vetoes, file));
    if (checked) vetoes.push(checked);
  }
  attempt(() => checkTiers(data, items, file));
  if (problems.length > 0) return { rubric: null, problems: problems.slice(0, MAX_PROBLEMS) };
  return { rubric: { ...data, categories, vetoes, tiers: data.tiers }, problems };
}

function toVeto(
  veto: RawRubric['vetoes'][number],
  data: RawRubric,
  items: Map<string, RubricItem>,
  earlier: RubricVeto[],
  file: string,
): RubricVeto {
  const where = `否决项“${veto.id} ${veto.title}”`;
  if (items.has(veto.id) || earlier.some((v) => v.id === veto.id))
    throw refuse(file, where, '编号与其他评分项或否决项重复');
  if (!(VETO_EFFECTS as readonly string[]).includes(veto.effect)) {
    throw refuse(
      file,
      where,
      `否决效果“${veto.effect}”无法识别（可用 no-tier 不能评定等级、cap-tier 限定最高等级、force-unqualified 直接定为未达标）`,
    );
  }
  const effect = veto.effect as VetoEffect;
  if (effect === 'cap-tier' && !veto.tier) throw refuse(file, where, '限定最高等级（cap-tier）须写明等级（tier）');
  if (effect === 'cap-tier' && veto.tier && !data.tiers.some((t) => t.tier === veto.tier)) {
    throw refuse(file, where, `限定的等级“${veto.tier}”不在本细则的等级中`);
  }
  return {
    id: veto.id,
    title: veto.title,
    effect,
    tier: effect === 'cap-tier' ? (veto.tier ?? null) : null,
    source: veto.source ?? null,
  };
}

/**
 * Parses and checks a rubric file. `name` is the file name shown in the message. Every refusal is a
 * LedgerError('BAD_FILE') whose message names the category, item, veto or tier at fault (the first one
 * found); its details list every problem found, one per place.
 */
export function loadRubric(raw: unknown, name: string): Rubric {
  const { rubric, problems } = inspectRubric(raw, name);
  const first = problems[0];
  if (rubric && !first) return rubric;
  const error = refuse(name, first?.place ?? '（整个文件）', first?.message ?? '格式不对');
  throw new LedgerError(
    'BAD_FILE',
    error.message,
    problems.map((p) => ({ file: name, field: p.place, message: p.message })),
  );
}
