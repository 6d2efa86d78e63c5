import type { ComplianceCell } from '../../../../electron/api/index.ts';
import type { MeetingKind } from '../../api/lifeConstants.ts';

export const STATE_LABELS: Record<ComplianceCell['state'], string> = {
  ok: '已达标',
  missing: '缺项',
  pending: '未到期',
  'not-applicable': '不适用',
};

/** Rules judged per member (the counts are people, not meetings). */
const MEMBER_RULES = new Set(['MTG-08', 'MTG-09', 'MTG-10']);
export const isMemberRule = (ruleId: string) => MEMBER_RULES.has(ruleId);

/** The record kind a rule counts (MTG-03:<groupId> is one 党小组's row). */
export function kindOfRule(ruleId: string): MeetingKind | null {
  const base = ruleId.split(':')[0];
  const kinds: Record<string, MeetingKind> = {
    'MTG-01': '党员大会',
    'MTG-02': '支委会',
    'MTG-03': '党小组会',
    'MTG-04': '党课',
    'MTG-05': '主题党日',
    'MTG-06': '组织生活会',
    'MTG-07': '民主评议',
  };
  return base ? (kinds[base] ?? null) : null;
}

/** The months a period covers: 'YYYY-MM' one, 'YYYY-Qn' three, 'YYYY' twelve. */
export function periodSpan(period: string): { start: number; span: number } {
  const part = period.split('-')[1];
  if (part === undefined) return { start: 1, span: 12 };
  if (part.startsWith('Q')) return { start: Number(part.slice(1)) * 3 - 2, span: 3 };
  return { start: Number(part), span: 1 };
}

/** 2026年3月, 2026年第1季度, 2026年. */
export function periodLabel(period: string): string {
  const [year, part] = period.split('-');
  if (part === undefined) return `${year}年`;
  if (part.startsWith('Q')) return `${year}年第${part.slice(1)}季度`;
  return `${year}年${Number(part)}月`;
}

export function cellText(cell: ComplianceCell): string {
  if (isMemberRule(cell.ruleId)) {
    if (cell.state === 'not-applicable') return '不适用';
    return `${cell.held}/${cell.required} 人`;
  }
  if (cell.state === 'not-applicable') return cell.held > 0 ? `${cell.held} 次` : '—';
  return `${cell.held}/${cell.required}`;
}

export function cellTitle(cell: ComplianceCell, label: string): string {
  const when = periodLabel(cell.period);
  if (isMemberRule(cell.ruleId)) {
    return `${when} ${label}：${cell.held}/${cell.required} 人达到要求（${STATE_LABELS[cell.state]}）`;
  }
  const need = cell.required > 0 ? `，应至少 ${cell.required} 次` : '';
  return `${when} ${label}：已开 ${cell.held} 次${need}（${STATE_LABELS[cell.state]}）`;
}

/** The period keys that contain a date: its month, quarter and year. */
export function periodsContaining(date: string): string[] {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  return [`${year}-${date.slice(5, 7)}`, `${year}-Q${Math.ceil(month / 3)}`, year];
}
