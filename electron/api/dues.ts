import { z } from 'zod';
import { method } from './contract.ts';

/** 党费 categories of 中组发〔2008〕3号 (RULES.md §4.1). */
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
] as const;
export type DuesCategory = (typeof DUES_CATEGORIES)[number];
export const PAYMENT_KINDS = ['按月', '补交', '预交', '代缴'] as const;

const id = z.number().int().positive();
const year = z.number().int().min(2000).max(2100);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
/** Money is typed in 元 with at most two decimals and stored in 分. */
const yuan = z
  .number()
  .min(0, '金额不能为负数')
  .max(10_000_000)
  .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, '金额最多两位小数（到分）');

export interface DuesProfile {
  memberId: number;
  year: number;
  category: DuesCategory;
  /** 元; null for categories with a fixed amount. */
  base: number | null;
  monthlyDue: number;
  /** How the amount was found, e.g. 3200.00 × 1% = 32.00. */
  explanation: string;
  approvalRef: string | null;
}

export interface DuesPayment {
  id: number;
  memberId: number;
  year: number;
  month: number;
  amount: number;
  paidOn: string;
  handler: string | null;
  kind: (typeof PAYMENT_KINDS)[number];
  note: string | null;
}

export interface DuesMemberYear {
  memberId: number;
  name: string;
  profile: DuesProfile | null;
  /** Index 0 = January: paid amount in 元, or null when nothing was paid for that month. */
  months: Array<number | null>;
  /** The months of the year this member owes dues in this branch ([first, last], 1–12), or null. */
  dueMonths: [number, number] | null;
  dueToDate: number;
  paidToDate: number;
  /** Longest run of consecutive unpaid months that are due (RULES.md §4.1: 6 → 自行脱党 alert). */
  arrearsStreak: number;
  flags: string[];
}

export interface DuesSheet {
  branchId: number;
  year: number;
  asOf: string;
  members: DuesMemberYear[];
  monthTotals: Array<{
    month: number;
    due: number;
    paid: number;
    payers: number;
    remitted: number | null;
    remittedOn: string | null;
  }>;
}

export const duesApi = {
  'dues.sheet': method<DuesSheet>()(z.object({ branchId: id, year })),
  'dues.setProfile': method<DuesProfile>()(
    z.object({
      memberId: id,
      year,
      category: z.enum(DUES_CATEGORIES),
      base: yuan.optional(),
      /** Only for 农民 (0.2–1 元) and 困难减免 (the approved amount). */
      fixedMonthly: yuan.optional(),
      approvalRef: z.string().trim().max(60).optional(),
    }),
  ),
  'dues.recordPayment': method<DuesPayment>()(
    z.object({
      memberId: id,
      year,
      month: z.number().int().min(1).max(12),
      amount: yuan,
      paidOn: isoDate,
      handler: z.string().trim().max(40).optional(),
      kind: z.enum(PAYMENT_KINDS).default('按月'),
      note: z.string().trim().max(200).optional(),
    }),
  ),
  /** One member's payments of a year (or of one month), so a wrong entry can be found and deleted. */
  'dues.payments': method<DuesPayment[]>()(
    z.object({ memberId: id, year, month: z.number().int().min(1).max(12).optional() }),
  ),
  'dues.deletePayment': method<{ deleted: number }>()(z.object({ id })),
  'dues.remit': method<DuesSheet>()(
    z.object({
      branchId: id,
      year,
      month: z.number().int().min(1).max(12),
      amount: yuan,
      remittedOn: isoDate,
      voucherNo: z.string().trim().max(40).optional(),
      handler: z.string().trim().max(40).optional(),
    }),
  ),
};
