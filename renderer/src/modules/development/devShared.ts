import dayjs from 'dayjs';
import type {
  DevDeadline,
  DevStage,
  DevStepDefinition,
  DevStepDetails,
  DevStepRecord,
} from '../../../../electron/api/index.ts';
import type { ApiErrorDetail } from '../../api/client.ts';

/** The five stages as the official flow chart titles them (RULES.md §3.1). */
export const STAGE_TITLES: Record<DevStage, string> = {
  申请入党: '一、申请入党',
  入党积极分子: '二、入党积极分子的确定和培养教育',
  发展对象: '三、发展对象的确定和考察',
  预备党员: '四、预备党员的接收',
  正式党员: '五、预备党员的教育考察和转正',
};

/** Board columns: the stage a person stands in (正式党员 = converted). */
export const BOARD_COLUMNS: Array<{ stage: DevStage; title: string }> = [
  { stage: '申请入党', title: '申请入党' },
  { stage: '入党积极分子', title: '入党积极分子' },
  { stage: '发展对象', title: '发展对象' },
  { stage: '预备党员', title: '预备党员' },
  { stage: '正式党员', title: `正式党员（${dayjs().year()}年）` },
];

export const stepTitle = (no: number, name: string) => `第${no}步 ${name}`;

export function daysFromToday(date: string): number {
  return dayjs(date).startOf('day').diff(dayjs().startOf('day'), 'day');
}

/** How far off a date is, in the clerk's words: 今天 / 还有 5 天 / 已过 3 天. */
export function relativeDays(date: string): string {
  const days = daysFromToday(date);
  if (days === 0) return '今天';
  return days > 0 ? `还有 ${days} 天` : `已过 ${-days} 天`;
}

/** A deadline in a few words for a card; the full sentence from the ledger goes in the tooltip. */
export function shortDeadline(deadline: DevDeadline): string {
  if (deadline.kind === 'probation-end' && deadline.latest)
    return `预备期满 ${deadline.latest}（${relativeDays(deadline.latest)}）`;
  if (deadline.kind === 'review' && deadline.latest) {
    return `${deadline.stepNo === 6 ? '半年考察' : '预备期考察'} 最迟 ${deadline.latest}`;
  }
  if (deadline.kind === 'approval' && deadline.latest) return `上级党委审批 最迟 ${deadline.latest}`;
  if (deadline.earliest && deadline.latest && deadline.earliest !== deadline.latest) {
    return `${deadline.earliest} 至 ${deadline.latest}`;
  }
  if (deadline.latest) return `最迟 ${deadline.latest}`;
  if (deadline.earliest) return `${deadline.earliest} 起`;
  return deadline.label;
}

/** Reminders worth a line on a card: overdue, or due within 30 days. */
export function isPressing(deadline: DevDeadline): boolean {
  if (deadline.overdue) return true;
  if (deadline.kind === 'probation-end') return true;
  return deadline.latest !== null && daysFromToday(deadline.latest) <= 30;
}

/**
 * The steps that may be recorded now, as the ledger decides them (development-progress.ts allowedSteps):
 * the next required step; another 半年考察 while an activist has a 培养联系人; another 预备期考察
 * from the oath until the 转正 meeting; a second 转正申请 after an approved extension.
 */
export function allowedSteps(steps: DevStepRecord[], next: number | null, closed: boolean): number[] {
  if (closed) return next !== null ? [next] : [];
  const count = (n: number) => steps.filter((s) => s.stepNo === n).length;
  const sorted = [...steps].sort((a, b) => a.doneOn.localeCompare(b.doneOn) || a.stepNo - b.stepNo);
  const firstConversion = sorted.find((s) => s.stepNo === 23);
  const extended = firstConversion?.details.outcome === '延长预备期';
  const rounds = extended ? 2 : 1;
  const allowed = new Set<number>();
  if (next !== null) allowed.add(next);
  if (count(5) > 0 && count(7) === 0) allowed.add(6);
  if (next !== null && count(20) > 0 && count(23) < rounds) allowed.add(21);
  if (extended && count(24) >= 1 && count(23) === 1 && count(22) === 1) allowed.add(22);
  // The next required step first: it is what the clerk most likely came to record.
  return [...allowed].sort((a, b) => (a === next ? -1 : b === next ? 1 : a - b));
}

/** The facts a recorded step carries, as lines for the dossier. */
export function detailLines(
  definition: DevStepDefinition | undefined,
  details: DevStepDetails,
  nameOf: (memberId: number) => string,
): string[] {
  const lines: string[] = [];
  const names = (ids: number[] | undefined) => (ids ?? []).map(nameOf).join('、');
  if (details.memberIds && details.memberIds.length > 0) {
    const role = definition?.details.includes('sponsors') ? '入党介绍人' : '培养联系人';
    lines.push(`${role}：${names(details.memberIds)}`);
  }
  if (details.talker) lines.push(`谈话人：${details.talker}`);
  if (details.trainingDays !== undefined || details.trainingHours !== undefined) {
    const parts = [
      details.trainingDays !== undefined ? `${details.trainingDays} 天` : '',
      details.trainingHours !== undefined ? `${details.trainingHours} 学时` : '',
    ].filter(Boolean);
    lines.push(`集中培训：${parts.join('，')}`);
  }
  if (details.vote) {
    const v = details.vote;
    lines.push(
      `表决：应到会有表决权 ${v.eligible} 人，实到 ${v.presentEligible} 人，书面意见 ${v.writtenOpinions} 份；赞成 ${v.yes}、反对 ${v.no}、弃权 ${v.abstain}；表决通过`,
    );
  }
  if (details.outcome) {
    lines.push(
      `结论：${details.outcome}${details.outcome === '延长预备期' && details.extensionMonths ? ` ${details.extensionMonths} 个月` : ''}`,
    );
  }
  return lines;
}

/** The ledger says so in its message when a written reason would let the record through. */
export function isOverridable(detail: ApiErrorDetail): boolean {
  return detail.message.includes('书面理由');
}
