import { Tag } from 'antd';
import dayjs from 'dayjs';
import type {
  AssessmentResult,
  ItemScore,
  ProjectList,
  RubricInfo,
  SecretaryProject,
} from '../../../../electron/api/index.ts';

export type TierName = AssessmentResult['proposedTier'];
export type Stage = AssessmentResult['stage'];

/** The stages of a branch-year's assessment, in order. */
export const STAGES: Stage[] = ['自评', '上级评审', '已公示'];

/** Tier colours shared by tags and chart bars: calm, from grey (未达标) to 党徽红 (红旗型). */
export const TIER_COLORS: Record<TierName, string> = {
  未达标: '#8C8C8C',
  标准型: '#2F5E8E',
  示范型: '#B7791F',
  红旗型: '#C8161D',
};

export function TierTag({ tier, large = false }: { tier: TierName | null; large?: boolean }) {
  if (tier === null) return <span className="muted">无记录</span>;
  return (
    <Tag
      color={TIER_COLORS[tier]}
      variant="solid"
      className={large ? 'tier-tag tier-tag-large' : 'tier-tag'}
      data-tier={tier}
    >
      {tier}
    </Tag>
  );
}

/** 0 for 未达标 or no record, then 1, 2, 3 in the rubric's order of tiers. */
export function tierRank(rubric: RubricInfo | undefined, tier: TierName | null): number {
  if (!rubric || tier === null || tier === '未达标') return 0;
  return rubric.tiers.findIndex((t) => t.tier === tier) + 1;
}

/** The tier above `tier` in the rubric, or null at the top. */
export function nextTier(rubric: RubricInfo | undefined, tier: TierName): string | null {
  if (!rubric) return null;
  const rank = tierRank(rubric, tier);
  return rubric.tiers[rank]?.tier ?? null;
}

/** 4 → "4", 2.25 → "2.25": points as the rubric writes them. */
export function pts(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return String(Math.round(value * 100) / 100);
}

/** A signed difference with an arrow: ↑ 3.5 / ↓ 2 / = . */
export function delta(now: number, before: number | null | undefined): { text: string; sign: -1 | 0 | 1 } {
  if (before === null || before === undefined) return { text: '—', sign: 0 };
  const diff = Math.round((now - before) * 100) / 100;
  if (diff > 0) return { text: `↑ ${pts(diff)}`, sign: 1 };
  if (diff < 0) return { text: `↓ ${pts(-diff)}`, sign: -1 };
  return { text: '=', sign: 0 };
}

/**
 * The assessor's quick levels for a tiered item. The shares are the rubric's default `levels`
 * (好 1 / 较好 0.75 / 一般 0.5 / 差 0); the API does not yet say an item's own shares, so the
 * server's answer ("评为较好，3 分") is what the assessor reads back after saving.
 */
export const LEVEL_SHARES = [
  { level: '好', share: 1 },
  { level: '较好', share: 0.75 },
  { level: '一般', share: 0.5 },
  { level: '差', share: 0 },
] as const;

export function levelPoints(maxPoints: number, share: number): number {
  return Math.floor(maxPoints * share * 4) / 4;
}

/**
 * Whether a manual item is scored in levels (好/较好/一般/差) rather than as a capped bonus.
 * Stopgap until the API gives each item its `scoring`: the server's own text says so — the criteria
 * of an unscored item name the levels, a scored tiered item reads "评为…".
 */
export function isTiered(item: ItemScore): boolean {
  return /评为(好|较好|一般|差)|较好/.test(item.explanation);
}

/** The criteria of a manual item while it is unscored ("待评分。评分标准：…"). */
export function criteriaOf(item: ItemScore): string | null {
  const match = /评分标准：(.+)$/.exec(item.explanation);
  return match?.[1] ?? null;
}

/** Where an evidence record lives in the app; null when there is no page for it. */
export function evidenceHref(branchId: number, year: number, evidence: ItemScore['evidence'][number]): string | null {
  const base = `/branch/${branchId}`;
  switch (evidence.kind) {
    case 'meeting':
      return `${base}/life/${evidence.id}`;
    case 'talk':
      return `${base}/talks?year=${year}`;
    case 'dues':
      return `${base}/dues?year=${year}`;
    case 'development':
      return `${base}/development`;
    case 'project':
      return `${base}/projects?year=${year}`;
    case 'plan':
      return `${base}/routine?year=${year}`;
    default:
      return null;
  }
}

export function todayIso(): string {
  return dayjs().format('YYYY-MM-DD');
}

/** Days past `due` (YYYY-MM-DD) as of today; 0 when not yet due. */
export function daysOverdue(due: string | null): number {
  if (!due) return 0;
  return Math.max(0, dayjs().startOf('day').diff(dayjs(due), 'day'));
}

/**
 * The closed loop of the four lists (the ledger's own rule): a 目标 is met by a finished 成果 with
 * evidence, a 问题 closed by a finished 整改; a 整改 or 成果 is done when it has its date.
 */
export function isDone(items: ProjectList[], item: ProjectList): boolean {
  if (item.kind === '整改' || item.kind === '成果') return item.doneOn !== null;
  const kind = item.kind === '目标' ? '成果' : '整改';
  return items.some(
    (i) => i.kind === kind && i.linkedTo === item.id && i.doneOn !== null && (kind === '整改' || !!i.evidence),
  );
}

/** Entries past their deadline and not done. */
export function lateCount(project: SecretaryProject): number {
  return project.items.filter((i) => !isDone(project.items, i) && daysOverdue(i.dueDate) > 0).length;
}
