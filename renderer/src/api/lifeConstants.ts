/**
 * Code lists of 组织生活, 例行工作 and 党费, copied from the contract so the bundle does not pull in
 * zod through electron/api. The `satisfies` clauses make `tsc` fail when a copy drifts (same items, same order).
 */
import type {
  DUES_CATEGORIES as ContractDuesCategories,
  APPRAISAL_GRADES as ContractGrades,
  MEETING_KINDS as ContractKinds,
  PAYMENT_KINDS as ContractPaymentKinds,
  PLAN_ITEM_STATUSES as ContractPlanStatuses,
  TALK_TYPES as ContractTalkTypes,
} from '../../../electron/api/index.ts';

export const MEETING_KINDS = [
  '党员大会',
  '支委会',
  '党小组会',
  '党课',
  '主题党日',
  '组织生活会',
  '民主评议',
  '集中学习',
] as const satisfies typeof ContractKinds;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export const APPRAISAL_GRADES = ['优秀', '合格', '基本合格', '不合格'] as const satisfies typeof ContractGrades;
export type AppraisalGrade = (typeof APPRAISAL_GRADES)[number];

export const TALK_TYPES = [
  '日常谈心',
  '提醒谈话',
  '组织生活会前谈心',
  '困难帮扶',
  '任前谈话',
  '其他',
] as const satisfies typeof ContractTalkTypes;
export const TALK_MODES = ['面谈', '电话', '书面', '视频'] as const;

export const PLAN_ITEM_STATUSES = [
  '未开始',
  '进行中',
  '已完成',
  '已取消',
] as const satisfies typeof ContractPlanStatuses;
export type PlanItemStatus = (typeof PLAN_ITEM_STATUSES)[number];

export const DUES_CATEGORIES = [
  '在职',
  '年薪制',
  '个体经营',
  '离退休',
  '农民',
  '学生',
  '下岗失业',
  '低保',
  '困难减免',
] as const satisfies typeof ContractDuesCategories;
export type DuesCategory = (typeof DUES_CATEGORIES)[number];
export const PAYMENT_KINDS = ['按月', '补交', '预交', '代缴'] as const satisfies typeof ContractPaymentKinds;
export type PaymentKind = (typeof PAYMENT_KINDS)[number];

/** Categories whose amount comes from a base (税后月收入 or 离退休费); the others have a fixed amount. */
export const BASED_CATEGORIES: readonly DuesCategory[] = ['在职', '年薪制', '个体经营', '离退休'];
/** Categories where the clerk types the monthly amount (农民 0.2–1 元; 困难减免 the approved amount). */
export const FIXED_AMOUNT_CATEGORIES: readonly DuesCategory[] = ['农民', '困难减免'];

/** Posts that make a member part of the 支委会 (mirrors the core's list). */
export const COMMITTEE_POSTS: readonly string[] = ['书记', '副书记', '组织委员', '宣传委员', '纪检委员'];

/** Short colour per kind for tags, calm and distinguishable. */
export const KIND_COLORS: Record<MeetingKind, string> = {
  党员大会: 'red',
  支委会: 'volcano',
  党小组会: 'orange',
  党课: 'gold',
  主题党日: 'magenta',
  组织生活会: 'purple',
  民主评议: 'geekblue',
  集中学习: 'cyan',
};

export const SCOPE_LABELS = { branch: '全体党员', committee: '支委会委员', group: '党小组党员' } as const;
