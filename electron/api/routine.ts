import { z } from 'zod';
import { method } from './contract.ts';

export const PLAN_ITEM_STATUSES = ['未开始', '进行中', '已完成', '已取消'] as const;
export type PlanItemStatus = (typeof PLAN_ITEM_STATUSES)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const id = z.number().int().positive();
const text = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字`);

export interface PlanItem {
  id: number;
  planId: number;
  text: string;
  owner: string | null;
  dueDate: string | null;
  status: PlanItemStatus;
  doneOn: string | null;
  feedback: string | null;
}

export interface Plan {
  id: number;
  branchId: number;
  year: number;
  /** null: the annual plan; 1–12: a monthly plan. */
  month: number | null;
  title: string;
  items: PlanItem[];
}

/** One open item on the weekly 督办 list: from a plan or from a meeting's 决议. */
export interface SupervisionItem {
  source: 'plan' | 'decision' | 'rectification';
  sourceId: number;
  text: string;
  owner: string | null;
  dueDate: string | null;
  overdue: boolean;
  /** Where it came from, e.g. 2026年度工作计划 or 2026-03-12 支委会. */
  origin: string;
}

export const routineApi = {
  'routine.plans': method<Plan[]>()(z.object({ branchId: id, year: z.number().int().min(2000).max(2100) })),
  'routine.savePlan': method<Plan>()(
    z.object({
      id: id.optional(),
      branchId: id,
      year: z.number().int().min(2000).max(2100),
      month: z.number().int().min(1).max(12).nullable(),
      title: text(120).min(1, '请填写计划名称'),
    }),
  ),
  'routine.saveItem': method<PlanItem>()(
    z.object({
      id: id.optional(),
      planId: id,
      text: text(300).min(1, '请填写工作事项'),
      owner: text(40).optional(),
      dueDate: isoDate.optional(),
      status: z.enum(PLAN_ITEM_STATUSES).default('未开始'),
      doneOn: isoDate.optional(),
      feedback: text(500).optional(),
    }),
  ),
  'routine.deleteItem': method<{ deleted: number }>()(z.object({ id })),
  'routine.supervision': method<SupervisionItem[]>()(z.object({ branchId: id, asOf: isoDate.optional() })),
  /** Closes a meeting 决议 or a 整改 item from the 督办 list. */
  'routine.closeFollowUp': method<SupervisionItem[]>()(
    z.object({ branchId: id, source: z.enum(['decision', 'rectification']), sourceId: id, doneOn: isoDate }),
  ),
};
