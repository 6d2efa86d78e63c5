import { z } from 'zod';
import { method } from './contract.ts';

export const TIERS = ['标准型', '示范型', '红旗型'] as const;
export type Tier = (typeof TIERS)[number];

const id = z.number().int().positive();
const year = z.number().int().min(2000).max(2100);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const text = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字`);

/** One scored item of a branch-year, with the records behind an automatic score. */
export interface ItemScore {
  itemId: string;
  category: string;
  title: string;
  maxPoints: number;
  mode: 'auto' | 'manual';
  points: number | null;
  /** e.g. 支委会 11/12 个月召开，缺 3月 → 扣 0.5 分. */
  explanation: string;
  evidence: Array<{
    kind: 'meeting' | 'talk' | 'dues' | 'development' | 'project' | 'plan';
    id: number | string;
    label: string;
  }>;
  comment: string | null;
}

export interface AssessmentResult {
  branchId: number;
  branchName: string;
  year: number;
  rubric: { id: string; name: string; version: string };
  items: ItemScore[];
  vetoes: Array<{ itemId: string; title: string; effect: string; reason: string }>;
  total: number;
  maxTotal: number;
  /** 未达标 when below the lowest tier. */
  proposedTier: Tier | '未达标';
  /** What keeps the branch from the next tier: 差 3 分 / 一票否决：… / 上年未达示范型. */
  blockers: string[];
  previousTier: Tier | '未达标' | null;
  stage: '自评' | '上级评审' | '已公示';
  selfScoredAt: string | null;
  reviewedAt: string | null;
  publicity: { from: string; to: string } | null;
  /** Manual items still without a score. */
  pendingItems: number;
}

export interface ProjectList {
  id: number;
  kind: '目标' | '问题' | '整改' | '成果';
  text: string;
  owner: string | null;
  dueDate: string | null;
  doneOn: string | null;
  /** 整改 closes a 问题; 成果 closes a 目标. */
  linkedTo: number | null;
  evidence: string | null;
}

export interface SecretaryProject {
  id: number;
  branchId: number;
  year: number;
  title: string;
  background: string | null;
  items: ProjectList[];
  progress: { targets: number; targetsMet: number; problems: number; problemsClosed: number };
}

export interface MemberPoints {
  memberId: number;
  name: string;
  base: number;
  auto: number;
  manual: number;
  total: number;
  grade: '优秀' | '合格' | '基本合格' | '不合格';
  veto: string | null;
  events: Array<{ date: string; ruleId: string; label: string; delta: number; source: string }>;
}

/** The rubric in force, for the score sheet and the committee chart. */
export interface RubricInfo {
  id: string;
  name: string;
  version: string;
  example: boolean;
  total: number;
  tiers: Array<{ tier: Tier; minScore: number }>;
  vetoes: Array<{ id: string; title: string; effect: string }>;
}

export interface PointRuleInfo {
  id: string;
  category: string;
  label: string;
  points: number;
  /** Hand-entered rules only: automatic ones come from attendance, dues and talks. */
  manual: boolean;
}

export const assessmentApi = {
  'assessment.rubric': method<RubricInfo>()(z.object({})),
  'points.rules': method<PointRuleInfo[]>()(z.object({})),
  'assessment.get': method<AssessmentResult>()(z.object({ branchId: id, year })),
  'assessment.scoreItem': method<AssessmentResult>()(
    z.object({
      branchId: id,
      year,
      itemId: z.string().min(1),
      points: z.number().min(-1000).max(1000),
      comment: text(500).optional(),
    }),
  ),
  'assessment.setVeto': method<AssessmentResult>()(
    z.object({ branchId: id, year, itemId: z.string().min(1), reason: text(500).nullable() }),
  ),
  'assessment.advance': method<AssessmentResult>()(
    z.object({
      branchId: id,
      year,
      stage: z.enum(['上级评审', '已公示']),
      publicityFrom: isoDate.optional(),
      publicityTo: isoDate.optional(),
    }),
  ),
  'assessment.committee': method<AssessmentResult[]>()(z.object({ year })),
  'project.list': method<SecretaryProject[]>()(z.object({ branchId: id, year })),
  'project.save': method<SecretaryProject>()(
    z.object({
      id: id.optional(),
      branchId: id,
      year,
      title: text(120).min(1, '请填写项目名称'),
      background: text(2000).optional(),
    }),
  ),
  'project.saveItem': method<SecretaryProject>()(
    z.object({
      id: id.optional(),
      projectId: id,
      kind: z.enum(['目标', '问题', '整改', '成果']),
      text: text(500).min(1, '请填写内容'),
      owner: text(40).optional(),
      dueDate: isoDate.optional(),
      doneOn: isoDate.optional(),
      linkedTo: id.optional(),
      evidence: text(500).optional(),
    }),
  ),
  'points.year': method<MemberPoints[]>()(z.object({ branchId: id, year })),
  'points.add': method<MemberPoints[]>()(
    z.object({ branchId: id, memberId: id, date: isoDate, ruleId: z.string().min(1), note: text(200).optional() }),
  ),
};
