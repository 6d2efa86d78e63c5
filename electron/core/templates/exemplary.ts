import { z } from 'zod';
import defaultExemplaryFile from '../../../templates/exemplary/default-2026.json' with { type: 'json' };
import { STAR_STEPS } from '../../api/exemplary.ts';
import { APPRAISAL_GRADES, MEETING_KINDS } from '../../api/life.ts';
import { LedgerError } from '../errors.ts';

/**
 * 党员示范岗 / 责任区, 承诺践诺 and star awards as data (RULES.md §7.2): the national rule only asks for posts
 * and commitments (党员教育管理工作条例第二十二条); the star scale, the cadence and the disqualifiers are local
 * practice, so a committee writes its own file and every threshold in it carries its source.
 */
const text = z.string().trim().min(1, '不能为空');
const tag = z.enum(['REG', 'REG*', 'LOCAL', 'UNCONFIRMED']);
const common = { id: z.string().trim().min(1).max(40), title: text, source: text, tag };

const disqualifierSchema = z.discriminatedUnion(
  'kind',
  [
    /** Months of the period with dues owed and not paid in full (dues sheet). */
    z.strictObject({ ...common, kind: z.literal('dues-arrears'), months: z.number().int().positive('月数须大于 0') }),
    /** 缺席 (not 请假) at meetings of these kinds held in the period (attendance records). */
    z.strictObject({
      ...common,
      kind: z.literal('unexcused-absence'),
      times: z.number().int().positive('次数须大于 0'),
      meetingKinds: z.array(z.enum(MEETING_KINDS, { error: `会议类型应为 ${MEETING_KINDS.join('、')} 之一` })).min(1),
    }),
    /** A 民主评议 grade among these, given at an appraisal held in the period's year. */
    z.strictObject({
      ...common,
      kind: z.literal('appraisal-grade'),
      grades: z.array(z.enum(APPRAISAL_GRADES, { error: `评议等次应为 ${APPRAISAL_GRADES.join('、')} 之一` })).min(1),
    }),
    /** Ticked by the branch with a reason: the ledger holds no record of it (e.g. 党纪处分). */
    z.strictObject({ ...common, kind: z.literal('manual') }),
  ],
  { error: '否决条件的类别应为 dues-arrears、unexcused-absence、appraisal-grade 或 manual' },
);

const STEPS_MESSAGE = `评定步骤应为 ${STAR_STEPS.join(' → ')}`;

const schemeSchema = z.strictObject({
  id: text,
  name: text,
  issuer: text,
  version: text,
  year: z.number().int().min(2000).max(2100),
  example: z.boolean().default(false),
  note: z.string().optional(),
  sources: z.array(z.strictObject({ id: z.string(), title: z.string(), url: z.string().nullable(), tag })).default([]),
  postKinds: z
    .array(
      z.strictObject({ kind: z.string().trim().min(1).max(20), hint: z.string(), scopeLabel: z.string().nullable() }),
    )
    .min(1, '至少要有一种岗位类别'),
  period: z.enum(['年度', '半年'], { error: '评定周期应为“年度”或“半年”' }),
  steps: z.tuple(
    [
      z.literal(STAR_STEPS[0], { error: STEPS_MESSAGE }),
      z.literal(STAR_STEPS[1], { error: STEPS_MESSAGE }),
      z.literal(STAR_STEPS[2], { error: STEPS_MESSAGE }),
    ],
    { error: STEPS_MESSAGE },
  ),
  stars: z
    .array(z.strictObject({ stars: z.number().int().min(1).max(5), label: text, name: text, criteria: text }))
    .length(5, '星级应为一星至五星共 5 级'),
  disqualifiers: z.array(disqualifierSchema),
});

export type ExemplarySchemeFile = z.output<typeof schemeSchema>;
export type Disqualifier = ExemplarySchemeFile['disqualifiers'][number];

function refuse(file: string, place: string, message: string): LedgerError {
  return new LedgerError(
    'BAD_FILE',
    `示范岗与星级评定办法“${file}”有误：${place}：${message}。未导入，请改正后重试。`,
    [{ file, field: place, message }],
  );
}

/** Parses and checks a scheme file; every refusal is a LedgerError('BAD_FILE') naming the key at fault. */
export function loadExemplaryScheme(raw: unknown, name: string): ExemplarySchemeFile {
  const parsed = schemeSchema.safeParse(raw, { error: z.locales.zhCN().localeError });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path ?? [];
    throw refuse(name, path.length > 0 ? path.map(String).join('.') : '（整个文件）', issue?.message ?? '格式不对');
  }
  const scheme = parsed.data;
  scheme.stars.forEach((level, i) => {
    if (level.stars !== i + 1) throw refuse(name, `stars.${i}`, `应为第 ${i + 1} 级，现为 ${level.stars}`);
  });
  const ids = new Set<string>();
  for (const d of scheme.disqualifiers) {
    if (ids.has(d.id)) throw refuse(name, `否决条件“${d.id}”`, '编号重复');
    ids.add(d.id);
  }
  const kinds = new Set<string>();
  for (const k of scheme.postKinds) {
    if (kinds.has(k.kind)) throw refuse(name, `岗位类别“${k.kind}”`, '重复');
    kinds.add(k.kind);
  }
  return scheme;
}

let shipped: ExemplarySchemeFile | null = null;

/** The shipped example (templates/exemplary/default-2026.json), checked like an imported one on first use. */
export function defaultExemplaryScheme(): ExemplarySchemeFile {
  shipped ??= loadExemplaryScheme(defaultExemplaryFile, 'default-2026.json');
  return shipped;
}
