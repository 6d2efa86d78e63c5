import { z } from 'zod';
import devTemplateJson from '../../../../templates/documents/development-record.json' with { type: 'json' };
import { NUMBER_PARAMETERS } from '../../templates/ruleset.ts';
import type { Block } from './blocks.ts';
import type { FontSettings } from './fonts.ts';
import { fill } from './layout.ts';
import type { ComposedDocument } from './meeting-record.ts';
import { BODY_CHAR } from './page.ts';
import {
  type ColumnRow,
  checkColumns,
  checkForm,
  checkPlaceholders,
  columnSchema,
  columnTable,
  documentFileName,
  formSchema,
  formTable,
  para,
  parseTemplate,
  renderSingle,
  signatureBlocks,
  templateError,
  templateHead,
  templateText,
  titleBlocks,
} from './talk-record.ts';

/**
 * 发展党员全程记实表 of one person: the header block (who the person is and the key dates), the five
 * stages and 25 steps in order — each recorded step with its date, who acted and what was recorded,
 * 未办理 for the rest — and the time rules of the procedure, satisfied or not. Labels, columns and
 * the rules' wording come from templates/documents/development-record.json.
 */

export const DEV_HEADER_FIELDS = [
  'name',
  'gender',
  'birthMonth',
  'ethnicity',
  'education',
  'idNumberMasked',
  'job',
  'phone',
  'branch',
  'appliedOn',
  'activistOn',
  'candidateOn',
  'acceptedOn',
  'probationEnd',
  'fullOn',
  'contacts',
  'sponsors',
  'status',
  'today',
] as const;
export type DevHeaderField = (typeof DEV_HEADER_FIELDS)[number];

export const DEV_STEP_FIELDS = ['no', 'name', 'date', 'who', 'record'] as const;
const RULE_PLACEHOLDERS = ['months', 'days', 'hours'] as const;

const ruleSchema = z.strictObject({
  /** within: `to` no later than `from` + N months; atLeast: no earlier; training: days or hours of step `to`. */
  kind: z.enum(['within', 'atLeast', 'training']),
  label: templateText,
  from: z.number().int().min(1).max(25),
  to: z.number().int().min(1).max(25),
  parameter: z.enum(NUMBER_PARAMETERS),
});
export type DevTimeRule = z.output<typeof ruleSchema>;

const devTemplateSchema = z.strictObject({
  ...templateHead,
  fileName: templateText,
  title: templateText,
  subtitle: z.string(),
  header: formSchema,
  steps: z.strictObject({
    heading: templateText,
    fontSizePt: z.number().min(8).max(16).default(12),
    lineTwips: z.number().int().min(200).max(800).default(340),
    notDone: templateText,
    columns: z.array(columnSchema).min(1).max(8),
  }),
  timeRules: z.strictObject({
    heading: templateText,
    satisfied: templateText,
    violated: templateText,
    pending: templateText,
    rules: z.array(ruleSchema).max(20),
  }),
  signature: z.array(z.string()).max(6).default([]),
});
export type DevelopmentTemplate = z.output<typeof devTemplateSchema>;

export function loadDevelopmentTemplate(raw: unknown, name = 'development-record.json'): DevelopmentTemplate {
  const template = parseTemplate(devTemplateSchema, raw, name);
  const label = `${template.name}（${name}）`;
  for (const key of ['fileName', 'title', 'subtitle'] as const)
    checkPlaceholders(label, key, template[key], DEV_HEADER_FIELDS);
  template.signature.forEach((line, i) => {
    checkPlaceholders(label, `signature.${i}`, line, DEV_HEADER_FIELDS);
  });
  checkForm(label, 'header', template.header, DEV_HEADER_FIELDS);
  checkColumns(label, 'steps.columns', template.steps.columns, DEV_STEP_FIELDS, 'portrait');
  template.timeRules.rules.forEach((rule, i) => {
    checkPlaceholders(label, `timeRules.rules.${i}.label`, rule.label, RULE_PLACEHOLDERS);
    if (rule.kind !== 'training' && rule.to <= rule.from)
      throw templateError(label, `timeRules.rules.${i}.to`, '后一步骤的序号应大于前一步骤');
  });
  return template;
}

let cached: DevelopmentTemplate | null = null;
export function defaultDevelopmentTemplate(): DevelopmentTemplate {
  cached ??= loadDevelopmentTemplate(devTemplateJson, 'templates/documents/development-record.json');
  return cached;
}

export interface DevStepLine {
  no: number;
  name: string;
  /** Empty when the step is not done: the table prints the template's 未办理. */
  records: Array<{ date: string; who: string; record: string }>;
}

export interface DevTimeRuleResult {
  label: string;
  source: string;
  verdict: 'satisfied' | 'violated' | 'pending';
  /** The dates compared, in words: 2025年3月1日申请，2025年3月20日办理. */
  detail: string;
}

export interface DevelopmentRecordData {
  header: Record<DevHeaderField, string>;
  stages: Array<{ title: string; steps: DevStepLine[] }>;
  timeRules: DevTimeRuleResult[];
  /** Names printed, for the GB2312 check. */
  names: string[];
}

function stepRows(data: DevelopmentRecordData, notDone: string): ColumnRow[] {
  return data.stages.flatMap((stage): ColumnRow[] => [
    { band: stage.title },
    ...stage.steps.flatMap((step): ColumnRow[] =>
      step.records.length === 0
        ? [{ values: { no: String(step.no), name: step.name, date: '', who: '', record: notDone } }]
        : step.records.map((r, i) => ({
            values: {
              no: String(step.no),
              name: step.records.length > 1 ? `${step.name}（第${i + 1}次）` : step.name,
              date: r.date,
              who: r.who,
              record: r.record,
            },
          })),
    ),
  ]);
}

export async function buildDevelopmentRecord(
  data: DevelopmentRecordData,
  fonts: Partial<FontSettings> = {},
  template: DevelopmentTemplate = defaultDevelopmentTemplate(),
): Promise<ComposedDocument & { fileName: string }> {
  const values = data.header;
  const title = fill(template.title, values);
  const steps = template.steps;
  const verdicts = template.timeRules;
  const blocks: Block[] = [
    ...titleBlocks(title, fill(template.subtitle, values)),
    formTable(template.header, values, `${values.name}　${title}（续）`),
    para(steps.heading, { role: 'heading1', spaceBefore: 280, keepNext: true }),
    columnTable(steps.columns, stepRows(data, steps.notDone), {
      orientation: 'portrait',
      sizePt: steps.fontSizePt,
      line: steps.lineTwips,
      continuation: `${values.name}　${steps.heading}（续）`,
    }),
  ];
  if (data.timeRules.length > 0) {
    blocks.push(para(verdicts.heading, { role: 'heading1', spaceBefore: 280, keepNext: true }));
    data.timeRules.forEach((rule, i) => {
      const word = verdicts[rule.verdict];
      blocks.push(
        para(`${i + 1}. ${rule.label}：${rule.detail ? `${rule.detail}，` : ''}${word}。（依据：${rule.source}）`, {
          sizePt: 14,
          line: 440,
          firstLine: BODY_CHAR * 2,
          align: 'both',
        }),
      );
    });
  }
  blocks.push(...signatureBlocks(template.signature, values));
  const doc = await renderSingle(
    [{ orientation: 'portrait', numbered: true, blocks }],
    { title: `${values.name}${title}`, description: `${template.name} ${template.version}` },
    fonts,
  );
  return { ...doc, fileName: documentFileName(template.fileName, values) };
}
