import defaultRubricFile from '../../../templates/rubrics/default-2026.json' with { type: 'json' };
import { type AssessmentResult, type ItemScore, TIERS, type Tier } from '../../api/assessment.ts';
import { LedgerError } from '../errors.ts';
import type { BranchYearFacts } from './assessment-facts.ts';
import { METRICS } from './rubric-metrics.ts';
import {
  LEVELS,
  type Level,
  loadRubric,
  type Rubric,
  type RubricItem,
  type RubricVeto,
  type TierRule,
} from './rubric-schema.ts';

export { METRIC_IDS, METRICS, type Metric, type MetricValue } from './rubric-metrics.ts';
export {
  inspectRubric,
  LEVELS,
  type Level,
  loadRubric,
  type Rubric,
  type RubricItem,
  type RubricProblem,
  type RubricVeto,
  type TierRule,
  VETO_EFFECTS,
  type VetoEffect,
} from './rubric-schema.ts';

let shipped: Rubric | null = null;

/** The shipped example rubric (templates/rubrics/default-2026.json), checked like any imported one on first use. */
export function defaultRubric(): Rubric {
  shipped ??= loadRubric(defaultRubricFile, 'default-2026.json');
  return shipped;
}

export type Grade = Omit<
  AssessmentResult,
  'branchId' | 'branchName' | 'year' | 'stage' | 'selfScoredAt' | 'reviewedAt' | 'publicity'
>;
export type ManualScores = Record<string, { points: number; comment?: string | null }>;
export type VetoReasons = Record<string, string>;

type Proposed = Tier | '未达标';

const EPSILON = 1e-9;
const round2 = (x: number) => Math.round(x * 100) / 100;
const fmt = (x: number) => String(round2(x));
const itemName = (item: { id: string; title: string }) => `“${item.id} ${item.title}”`;

/** The level an assessor's points correspond to: the highest whose share of the maximum they reach. */
export function levelOf(item: Extract<RubricItem, { scoring: 'tiered' }>, points: number): Level {
  return LEVELS.find((level) => points + EPSILON >= item.levels[level] * item.points) ?? '差';
}

function scoreAuto(item: RubricItem & { mode: 'auto' }, facts: BranchYearFacts): ItemScore {
  const metric = METRICS[item.metric];
  // loadRubric refused unknown metrics; a rubric built by hand in code may still name one.
  if (!metric) throw new LedgerError('INTERNAL', `评分项${itemName(item)}引用的指标“${item.metric}”不存在`);
  const { value, evidence, explanation } = metric.compute(facts);
  let points: number;
  let outcome: string;
  switch (item.scoring) {
    case 'deduct': {
      const lost = Math.min(item.points, item.perOccurrence * value);
      points = item.points - lost;
      outcome =
        lost <= 0
          ? '不扣分'
          : `扣 ${fmt(lost)} 分${item.perOccurrence * value > item.points ? '（本项扣完为止）' : ''}`;
      break;
    }
    case 'bonus': {
      const gained = Math.min(item.points, item.perOccurrence * value);
      points = gained;
      outcome =
        gained <= 0
          ? '不加分'
          : `加 ${fmt(gained)} 分${item.perOccurrence * value > item.points ? `（已达上限 ${fmt(item.points)} 分）` : ''}`;
      break;
    }
    case 'threshold': {
      const met = item.compare === 'atLeast' ? value >= item.threshold : value <= item.threshold;
      const rule = `${item.compare === 'atLeast' ? '≥' : '≤'} ${fmt(item.threshold)}`;
      points = met ? item.points : item.partial;
      outcome = met ? `达到 ${rule} 的要求，得 ${fmt(points)} 分` : `未达到 ${rule} 的要求，得 ${fmt(points)} 分`;
      break;
    }
    case 'tiered':
      throw new LedgerError('INTERNAL', `分档评分项${itemName(item)}不能自动计分`);
  }
  return {
    itemId: item.id,
    category: item.category,
    title: item.title,
    maxPoints: item.points,
    mode: 'auto',
    points: round2(points),
    explanation: `${explanation} → ${outcome}`,
    evidence,
    comment: null,
  };
}

function scoreManual(item: RubricItem, entry: ManualScores[string] | undefined): ItemScore {
  const base = {
    itemId: item.id,
    category: item.category,
    title: item.title,
    maxPoints: item.points,
    mode: 'manual' as const,
    evidence: [],
  };
  if (!entry) return { ...base, points: null, explanation: `待评分。评分标准：${item.criteria}`, comment: null };
  const level = item.scoring === 'tiered' ? `评为${levelOf(item, entry.points)}，` : '';
  return {
    ...base,
    points: round2(entry.points),
    explanation: `人工评分：${level}${fmt(entry.points)} 分`,
    comment: entry.comment ?? null,
  };
}

/** Refuses scores and vetoes the rubric does not have, before anything is computed (nothing changes). */
function checkInputs(rubric: Rubric, items: Map<string, RubricItem>, manual: ManualScores, vetoes: VetoReasons): void {
  for (const [id, entry] of Object.entries(manual)) {
    const item = items.get(id);
    const fail = (message: string) =>
      new LedgerError('VALIDATION', message, [{ field: item ? `${item.id} ${item.title}` : id, message }]);
    if (!item) throw fail(`考核细则“${rubric.name}”中没有编号为“${id}”的评分项`);
    if (item.mode === 'auto') throw fail(`评分项${itemName(item)}由台账记录自动计分，不能人工评分`);
    if (!Number.isFinite(entry.points)) throw fail(`评分项${itemName(item)}的分数不是有效数字`);
    if (entry.points > item.points + EPSILON) {
      throw fail(`评分项${itemName(item)}的人工评分 ${fmt(entry.points)} 分超过该项满分 ${fmt(item.points)} 分`);
    }
    if (entry.points < -EPSILON) throw fail(`评分项${itemName(item)}的人工评分 ${fmt(entry.points)} 分低于最低分 0 分`);
  }
  for (const [id, reason] of Object.entries(vetoes)) {
    const veto = rubric.vetoes.find((v) => v.id === id);
    const field = veto ? `${veto.id} ${veto.title}` : id;
    if (!veto)
      throw new LedgerError('VALIDATION', `考核细则“${rubric.name}”中没有编号为“${id}”的否决项`, [
        { field, message: '不存在' },
      ]);
    if (reason.trim() === '') {
      throw new LedgerError('VALIDATION', `请填写否决项${itemName(veto)}的否决理由`, [
        { field, message: '请填写否决理由' },
      ]);
    }
  }
}

const rankOf = (tier: Proposed | null): number => (tier === null || tier === '未达标' ? 0 : TIERS.indexOf(tier) + 1);

/** 否决效果 as a clerk reads it: 最高评为标准型 / 不能评定等级 / 直接定为未达标. */
export function vetoEffect(veto: Pick<RubricVeto, 'effect' | 'tier'>): string {
  if (veto.effect === 'cap-tier') return `最高评为${veto.tier}`;
  return veto.effect === 'no-tier' ? '不能评定等级' : '直接定为未达标';
}

/** 晋位升级: a tier may need the previous year's tier; with no previous year the rule says waive or block. */
function prerequisiteMet(rule: TierRule, previous: BranchYearFacts['previousTier']): boolean {
  if (rule.prerequisite === null) return true;
  if (previous === null) return rule.withoutPreviousYear === 'waive';
  return rankOf(previous) >= rankOf(rule.prerequisite);
}

interface TierContext {
  rubric: Rubric;
  total: number;
  previous: BranchYearFacts['previousTier'];
  scores: Map<string, ItemScore>;
  items: Map<string, RubricItem>;
}

/** Why `rule` is not reached, in the words shown to the branch; empty when it is reached. */
function shortfalls(rule: TierRule, ctx: TierContext): string[] {
  const reasons: string[] = [];
  if (ctx.total + EPSILON < rule.minScore) reasons.push(`距${rule.tier}还差 ${fmt(rule.minScore - ctx.total)} 分`);
  if (!prerequisiteMet(rule, ctx.previous)) {
    let highest: Proposed = '未达标';
    for (const r of ctx.rubric.tiers) {
      if (!prerequisiteMet(r, ctx.previous)) break;
      highest = r.tier;
    }
    const most = highest === '未达标' ? '本年不能评定等级' : `本年最高可评${highest}`;
    reasons.push(ctx.previous === null ? `无上年定级记录，${most}` : `上年未达${rule.prerequisite}，${most}`);
  }
  for (const condition of rule.conditions) {
    const item = ctx.items.get(condition.itemId);
    const points = ctx.scores.get(condition.itemId)?.points ?? null;
    if (item?.scoring !== 'tiered') continue;
    const now = points === null ? '尚未评分' : `现为${levelOf(item, points)}`;
    if (points === null || points + EPSILON < item.levels[condition.atLeast] * item.points) {
      reasons.push(`${rule.tier}须“${item.title}”至少评为${condition.atLeast}（${now}）`);
    }
  }
  return reasons;
}

/**
 * Grades a branch-year against a rubric: automatic items from the facts (with the records behind them),
 * manual items from the assessor's scores, the vetoes ticked with their reasons, the proposed tier, and what
 * keeps the branch from the next tier. Unscored manual items count 0 towards the total and are listed.
 * Throws LedgerError('VALIDATION') naming the item for a score above its maximum or below 0, a score for an
 * automatic or unknown item, or a veto without a reason.
 */
export function gradeBranchYear(
  rubric: Rubric,
  facts: BranchYearFacts,
  manual: ManualScores,
  vetoes: VetoReasons,
): Grade {
  const items = new Map(rubric.categories.flatMap((c) => c.items.map((i) => [i.id, i] as const)));
  checkInputs(rubric, items, manual, vetoes);
  const scores = new Map<string, ItemScore>();
  for (const item of items.values()) {
    scores.set(item.id, item.mode === 'auto' ? scoreAuto(item, facts) : scoreManual(item, manual[item.id]));
  }
  const scored = [...scores.values()];
  const total = round2(scored.reduce((s, i) => s + (i.points ?? 0), 0));
  const pendingItems = scored.filter((i) => i.points === null).length;

  const ticked = rubric.vetoes.filter((v) => Object.hasOwn(vetoes, v.id));
  const vetoList = ticked.map((v) => ({
    itemId: v.id,
    title: v.title,
    effect: vetoEffect(v),
    reason: (vetoes[v.id] ?? '').trim(),
  }));
  const noTier = ticked.some((v) => v.effect !== 'cap-tier');
  const capRank = Math.min(TIERS.length, ...ticked.filter((v) => v.tier !== null).map((v) => rankOf(v.tier)));
  const ctx: TierContext = { rubric, total, previous: facts.previousTier, scores, items };

  // Tiers are cumulative: each tier needs its own rule and every rule below it (TIERS order, checked on load).
  let proposedTier: Proposed = '未达标';
  let next: TierRule | null = null;
  for (const rule of rubric.tiers) {
    if (noTier || rankOf(rule.tier) > capRank || shortfalls(rule, ctx).length > 0) {
      next = rule;
      break;
    }
    proposedTier = rule.tier;
  }

  const blockers = ticked.map((v) => `一票否决：${v.title}（${vetoEffect(v)}）`);
  if (next && !noTier && rankOf(next.tier) <= capRank) blockers.push(...shortfalls(next, ctx));
  if (pendingItems > 0) blockers.push(`尚有 ${pendingItems} 个人工评分项未评分`);

  return {
    rubric: { id: rubric.id, name: rubric.name, version: rubric.version },
    items: rubric.categories.flatMap((c) => c.items.map((i) => scores.get(i.id) as ItemScore)),
    vetoes: vetoList,
    total,
    maxTotal: rubric.total,
    proposedTier,
    blockers,
    previousTier: facts.previousTier,
    pendingItems,
    stale: [],
  };
}

export type StaleEntry = AssessmentResult['stale'][number];

/**
 * Splits what an assessment stored (manual scores, vetoes) by what the rubric in force still has. A score
 * or veto for an item the rubric no longer has, or one that became automatic, is kept in the record and
 * listed as 不在当前细则 but not counted; a score above the item's new maximum is not counted either and the
 * item asks to be scored again. Nothing is thrown: a rubric change must never make a branch-year unreadable.
 */
export function partitionStored(
  rubric: Rubric,
  manual: ManualScores,
  vetoes: VetoReasons,
): { manual: ManualScores; vetoes: VetoReasons; stale: StaleEntry[]; over: Map<string, number> } {
  const items = new Map(rubric.categories.flatMap((c) => c.items.map((i) => [i.id, i] as const)));
  const kept: ManualScores = {};
  const stale: StaleEntry[] = [];
  const over = new Map<string, number>();
  for (const [id, entry] of Object.entries(manual)) {
    const item = items.get(id);
    const comment = entry.comment ?? null;
    if (!item) stale.push({ itemId: id, kind: '评分项', points: entry.points, comment, reason: '不在当前细则' });
    else if (item.mode === 'auto')
      stale.push({ itemId: id, kind: '评分项', points: entry.points, comment, reason: '当前细则中该项由台账自动计分' });
    else if (entry.points > item.points + EPSILON) over.set(id, entry.points);
    else kept[id] = entry;
  }
  const keptVetoes: VetoReasons = {};
  for (const [id, reason] of Object.entries(vetoes)) {
    if (rubric.vetoes.some((v) => v.id === id)) keptVetoes[id] = reason;
    else stale.push({ itemId: id, kind: '否决项', points: null, comment: reason, reason: '不在当前细则' });
  }
  return { manual: kept, vetoes: keptVetoes, stale, over };
}

/**
 * Grades what an assessment stored against `rubric` after a possible rubric change (partitionStored): the
 * entries the rubric no longer has are listed in `stale`, a score above an item's new maximum leaves the
 * item unscored with a flag saying so.
 */
export function gradeStored(rubric: Rubric, facts: BranchYearFacts, manual: ManualScores, vetoes: VetoReasons): Grade {
  const parts = partitionStored(rubric, manual, vetoes);
  const graded = gradeBranchYear(rubric, facts, parts.manual, parts.vetoes);
  const items = graded.items.map((score) => {
    const was = parts.over.get(score.itemId);
    if (was === undefined) return score;
    const flag = `原评分 ${fmt(was)} 分超过现行细则该项满分 ${fmt(score.maxPoints)} 分，未计入，请重新评分`;
    return { ...score, flag, explanation: `${flag}。${score.explanation}` };
  });
  return { ...graded, items, stale: parts.stale };
}
