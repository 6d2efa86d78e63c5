import { z } from 'zod';
import { method } from './contract.ts';
import { PARTY_POSTS, type PartyPost } from './org.ts';
import { PLAN_ITEM_STATUSES, type PlanItemStatus } from './routine.ts';

/** A 责任清单 task moves through the same four states as a plan item. */
export const DUTY_TASK_STATUSES = PLAN_ITEM_STATUSES;
export type DutyTaskStatus = PlanItemStatus;

const id = z.number().int().positive();
const year = z.number().int().min(2000).max(2100);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const text = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字`);
const optionalText = (max: number) =>
  text(max)
    .optional()
    .transform((v) => (v === '' ? undefined : v));

/** One responsibility of a post, with the rule or practice it comes from (template items only). */
export interface Responsibility {
  text: string;
  /** e.g. 《中国共产党支部工作条例（试行）》…; null for a line the branch wrote itself. */
  source: string | null;
  tag: string | null;
}

/** A post's responsibility list as the branch uses it: the template's, or the branch's own edit of it. */
export interface RoleResponsibilities {
  post: PartyPost;
  items: Responsibility[];
  /** True when the branch edited the list; 恢复默认 brings back `defaults`. */
  overridden: boolean;
  defaults: Responsibility[];
  updatedAt: string | null;
}

/** A post a member held during the year: 任职起止 from the roster's post history. */
export interface HeldPost {
  postId: number;
  post: PartyPost;
  unitId: number;
  /** The branch, or the 党小组 for a 党小组长. */
  unitName: string;
  fromDate: string;
  toDate: string | null;
}

export interface DutyTask {
  id: number;
  branchId: number;
  year: number;
  memberId: number;
  text: string;
  /** Free text: 上级部署, 支委会决定 …; or the plan item's text when linked. */
  source: string | null;
  planItemId: number | null;
  /** The linked plan item's text and plan, e.g. 2026年度工作计划：…; null when not linked. */
  planItemText: string | null;
  assignedOn: string | null;
  dueDate: string | null;
  status: DutyTaskStatus;
  doneOn: string | null;
  /** 佐证材料或备注. */
  note: string | null;
  sortOrder: number;
  /** Still open (未开始/进行中) after its 完成时限, as of the answer's date. */
  overdue: boolean;
}

export interface DutyHolder {
  memberId: number;
  name: string;
  posts: HeldPost[];
  tasks: DutyTask[];
  counts: { total: number; done: number; overdue: number; cancelled: number };
}

/** A plan item of the year a task may come from. */
export interface DutyPlanOption {
  id: number;
  text: string;
  plan: string;
}

export interface DutiesOverview {
  branchId: number;
  year: number;
  asOf: string;
  template: { id: string; name: string; version: string };
  /** Everyone who held a post of the branch (or one of its 党小组) at some time in the year. */
  holders: DutyHolder[];
  roles: RoleResponsibilities[];
  planItems: DutyPlanOption[];
}

export const dutiesApi = {
  'duties.get': method<DutiesOverview>()(z.object({ branchId: id, year })),
  'duties.setResponsibilities': method<RoleResponsibilities>()(
    z.object({
      branchId: id,
      post: z.enum(PARTY_POSTS),
      items: z.array(text(200).min(1, '职责不能为空')).min(1, '至少保留一条职责').max(20, '职责最多 20 条'),
    }),
  ),
  'duties.resetResponsibilities': method<RoleResponsibilities>()(z.object({ branchId: id, post: z.enum(PARTY_POSTS) })),
  'duties.saveTask': method<DutyTask>()(
    z.object({
      id: id.optional(),
      branchId: id,
      year,
      memberId: id,
      text: text(300).min(1, '请填写任务内容'),
      source: optionalText(200),
      planItemId: id.optional(),
      assignedOn: isoDate.optional(),
      dueDate: isoDate.optional(),
      status: z.enum(DUTY_TASK_STATUSES).default('未开始'),
      doneOn: isoDate.optional(),
      note: optionalText(500),
      sortOrder: z.number().int().min(0).max(10_000).optional(),
    }),
  ),
  'duties.deleteTask': method<{ deleted: number }>()(z.object({ id })),
};
