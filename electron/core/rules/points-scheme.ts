import { z } from 'zod';
import type { MemberPoints } from '../../api/assessment.ts';
import { ATTENDANCE_STATUSES, MEETING_KINDS } from '../../api/life.ts';
import { LedgerError } from '../errors.ts';

/**
 * 党员积分 rules are data (RULES.md §7.1 PointRule: category, event, points, cap per period, evidence): no
 * national scheme exists, so a branch or committee writes its own. A rule either fires from the ledger
 * (`auto`) or is entered by hand with evidence; a rule with `veto` is a 一票否决 clause capping the grade.
 */
export type PointsGrade = MemberPoints['grade'];
export const POINTS_GRADES = ['优秀', '合格', '基本合格', '不合格'] as const satisfies readonly PointsGrade[];

const autoSchema = z.discriminatedUnion(
  'source',
  [
    /** One event per meeting the member attended (or missed) with one of these statuses. */
    z.strictObject({
      source: z.literal('attendance'),
      meetingKinds: z.array(z.enum(MEETING_KINDS, { error: `会议类型应为 ${MEETING_KINDS.join('、')} 之一` })).min(1),
      statuses: z
        .array(z.enum(ATTENDANCE_STATUSES, { error: `出勤状态应为 ${ATTENDANCE_STATUSES.join('、')} 之一` }))
        .min(1),
    }),
    /** One event per month of the year for which the member's dues are paid. */
    z.strictObject({ source: z.literal('dues') }),
    /** One event per 谈心谈话 the member took part in. */
    z.strictObject({ source: z.literal('talk') }),
    /** One event in the year when the member's run of unpaid months reaches `months` (党章第九条: 6). */
    z.strictObject({ source: z.literal('arrears'), months: z.number().int().positive('月数须大于 0') }),
  ],
  { error: '自动来源应为 attendance（出勤）、dues（党费）、talk（谈心谈话）或 arrears（连续欠交党费）' },
);

const ruleSchema = z.strictObject({
  id: z.string().trim().min(1).max(40),
  category: z.string().trim().min(1),
  label: z.string().trim().min(1),
  /** Per event; negative for a deduction. 0 for a pure veto clause. */
  points: z.number(),
  /** Most the rule adds (or takes away) in a year; null: no cap. */
  capPerYear: z.number().positive('年度上限须大于 0').nullable().default(null),
  /** What the clerk keeps as proof of a hand-entered event. */
  evidence: z.string().nullable().default(null),
  auto: autoSchema.nullable().default(null),
  /** 一票否决: the member's grade is at most this one when the rule fires. */
  veto: z
    .enum(POINTS_GRADES, { error: `否决后的等次应为 ${POINTS_GRADES.join('、')} 之一` })
    .nullable()
    .default(null),
});

const schemeSchema = z.strictObject({
  id: z.string().trim().min(1),
  name: z.string().trim().min(1),
  issuer: z.string().trim().min(1),
  version: z.string().trim().min(1),
  year: z.number().int().min(2000).max(2100),
  example: z.boolean().default(false),
  note: z.string().optional(),
  sources: z
    .array(z.strictObject({ id: z.string(), title: z.string(), url: z.string().nullable(), tag: z.string() }))
    .default([]),
  base: z.number().min(0, '基础分不能为负'),
  /** Lowest total (市外办 scheme: 0); null: none. */
  floor: z.number().nullable().default(0),
  /** Lowest total of each grade; below 基本合格 is 不合格. */
  grades: z.strictObject({ 优秀: z.number(), 合格: z.number(), 基本合格: z.number() }),
  rules: z.array(ruleSchema).min(1, '至少要有一条积分规则'),
});

export type PointsScheme = z.output<typeof schemeSchema>;
export type PointRule = PointsScheme['rules'][number];

const at = (value: unknown, key: PropertyKey): unknown =>
  value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;

function refuse(file: string, place: string, message: string): LedgerError {
  return new LedgerError('BAD_FILE', `党员积分办法“${file}”有误：${place}：${message}。未导入，请改正后重试。`, [
    { file, field: place, message },
  ]);
}

const ruleName = (rule: { id: unknown; label: unknown }) =>
  `积分规则“${String(rule.id ?? '')} ${String(rule.label ?? '')}”`;

/** Parses and checks a 党员积分 file; every refusal is a LedgerError('BAD_FILE') naming the rule at fault. */
export function loadPointsScheme(raw: unknown, name: string): PointsScheme {
  const parsed = schemeSchema.safeParse(raw, { error: z.locales.zhCN().localeError });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path ?? [];
    let place = path.length > 0 ? path.map(String).join('.') : '（整个文件）';
    if (path[0] === 'rules' && typeof path[1] === 'number') {
      const rule = at(at(raw, 'rules'), path[1]);
      place = `${ruleName({ id: at(rule, 'id'), label: at(rule, 'label') })}${path.length > 2 ? `：${path.slice(2).map(String).join('.')}` : ''}`;
    }
    throw refuse(name, place, issue?.message ?? '格式不对');
  }
  const scheme = parsed.data;
  const seen = new Set<string>();
  for (const rule of scheme.rules) {
    if (seen.has(rule.id)) throw refuse(name, ruleName(rule), '编号与其他积分规则重复');
    seen.add(rule.id);
    if (rule.points === 0 && rule.veto === null)
      throw refuse(name, ruleName(rule), '分值为 0 且不是否决条款，没有作用');
  }
  const { 优秀: excellent, 合格: pass, 基本合格: basic } = scheme.grades;
  if (!(excellent > pass && pass > basic)) {
    throw refuse(name, '等次分数线', `应为 优秀 > 合格 > 基本合格，现为 ${excellent}、${pass}、${basic}`);
  }
  if (scheme.floor !== null && scheme.floor > scheme.base) {
    throw refuse(name, '最低分', `最低分 ${scheme.floor} 分高于基础分 ${scheme.base} 分`);
  }
  return scheme;
}
