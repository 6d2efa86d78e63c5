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
  /** Set when a stored manual score no longer fits the rubric in force (above the item's new maximum). */
  flag?: string;
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
  /**
   * Scores and vetoes kept in the record for items the rubric in force no longer has (不在当前细则):
   * shown, never counted.
   */
  stale: Array<{
    itemId: string;
    kind: '评分项' | '否决项';
    points: number | null;
    /** The assessor's comment, or the veto's reason. */
    comment: string | null;
    reason: string;
  }>;
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
  /** entryId: the hand-entered entry behind an event (it can be deleted); automatic events have none. */
  events: Array<{ date: string; ruleId: string; label: string; delta: number; source: string; entryId?: number }>;
}

/** One item of a rubric as the 考核细则 page lists it. */
export interface RubricItemInfo {
  id: string;
  category: string;
  title: string;
  maxPoints: number;
  /** auto: computed from the ledger's records (metric); manual: scored by the assessor. */
  mode: 'auto' | 'manual';
  scoring: 'deduct' | 'tiered' | 'bonus' | 'threshold';
  /** How the points are given, in words: 每缺 1 次扣 0.5 分，扣完为止 / 好 4、较好 3、一般 2、差 0 … */
  scoringText: string;
  criteria: string;
  metric: string | null;
  /** The metric's name (谈心谈话覆盖率（%）…) for an automatic item. */
  metricLabel: string | null;
  source: string | null;
}

/** The rubric in force, for the score sheet, the committee chart and the 考核细则 page. */
export interface RubricInfo {
  id: string;
  name: string;
  version: string;
  issuer: string;
  year: number;
  note: string | null;
  /** The shipped example (not any committee's rubric). */
  example: boolean;
  total: number;
  categories: Array<{ id: string; name: string; points: number; itemCount: number }>;
  items: RubricItemInfo[];
  /** The score lines, lowest tier first. */
  tiers: Array<{ tier: Tier; minScore: number }>;
  /** What each tier needs beyond its score line (晋位升级, qualitative items), in words; [] when nothing. */
  tierConditions: Array<{ tier: Tier; conditions: string[] }>;
  /** effect is the rubric's code (no-tier / cap-tier / force-unqualified); effectText says it in words. */
  vetoes: Array<{ id: string; title: string; effect: string; effectText: string }>;
  /** Where the rubric came from: shipped with the app, or imported from a file (and when). */
  origin: { kind: 'shipped' | 'imported'; fileName: string | null; importedAt: string | null };
}

/** What a rubric file holds and what is wrong with it, before anything is saved. */
export interface RubricPreview {
  fileName: string;
  /** Null when the file has problems. */
  rubric: RubricInfo | null;
  /** Every problem found, each naming its place (类别、评分项、否决项、等级). */
  problems: Array<{ place: string; message: string }>;
  /** Assessments the import would re-score (not published) and leave standing (已公示). */
  impact: { drafts: number; published: number };
}

/** The 党员积分 scheme in force, with where it came from. */
export interface PointsSchemeInfo {
  id: string;
  name: string;
  version: string;
  issuer: string;
  example: boolean;
  base: number;
  grades: { 优秀: number; 合格: number; 基本合格: number };
  ruleCount: number;
  origin: { kind: 'shipped' | 'imported'; fileName: string | null; importedAt: string | null };
}

export interface PointRuleInfo {
  id: string;
  category: string;
  label: string;
  points: number;
  /** Hand-entered rules only: automatic ones come from attendance, dues and talks. */
  manual: boolean;
}

/** A rules file chosen in the UI: its name (for messages) and its text. */
const rulesFile = z.object({
  fileName: z.string().trim().min(1, '请选择文件').max(255),
  content: z.string().max(2_000_000, '文件过大（超过 2 MB），不像是考核细则'),
});

export const assessmentApi = {
  'assessment.rubric': method<RubricInfo>()(z.object({})),
  'assessment.previewRubric': method<RubricPreview>()(rulesFile),
  'assessment.importRubric': method<RubricInfo>()(rulesFile),
  'assessment.resetRubric': method<RubricInfo>()(z.object({})),
  'points.rules': method<PointRuleInfo[]>()(z.object({})),
  'points.scheme': method<PointsSchemeInfo>()(z.object({})),
  'points.importRules': method<PointsSchemeInfo>()(rulesFile),
  'points.resetRules': method<PointsSchemeInfo>()(z.object({})),
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
  'project.deleteItem': method<SecretaryProject>()(z.object({ id })),
  'points.year': method<MemberPoints[]>()(z.object({ branchId: id, year })),
  'points.deleteEntry': method<MemberPoints[]>()(z.object({ id })),
  'points.add': method<MemberPoints[]>()(
    z.object({ branchId: id, memberId: id, date: isoDate, ruleId: z.string().min(1), note: text(200).optional() }),
  ),
};
