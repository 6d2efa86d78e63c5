import { z } from 'zod';
import appraisal from '../../../templates/records/appraisal.json' with { type: 'json' };
import committee from '../../../templates/records/committee.json' with { type: 'json' };
import group from '../../../templates/records/group.json' with { type: 'json' };
import lecture from '../../../templates/records/lecture.json' with { type: 'json' };
import orgLife from '../../../templates/records/org-life.json' with { type: 'json' };
import partyCongress from '../../../templates/records/party-congress.json' with { type: 'json' };
import study from '../../../templates/records/study.json' with { type: 'json' };
import themeDay from '../../../templates/records/theme-day.json' with { type: 'json' };
import { MEETING_KINDS, type MeetingKind, type RecordTemplate } from '../../api/life.ts';
import { LedgerError } from '../errors.ts';

/**
 * Record templates are data (templates/records/*.json): the form and the checks of each record
 * kind come from them, so a party committee can add a field without code.
 */
const fieldSchema = z.object({
  key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/),
  label: z.string().min(1),
  type: z.enum(['text', 'textarea', 'number', 'date', 'select', 'multiselect']),
  required: z.boolean(),
  options: z.array(z.string().min(1)).optional(),
  maxLength: z.number().int().positive().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  placeholder: z.string().optional(),
  help: z.string().optional(),
});

const templateSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(MEETING_KINDS),
  name: z.string().min(1),
  version: z.string().min(1),
  attendanceScope: z.enum(['branch', 'committee', 'group']),
  blocks: z.object({
    lecturer: z.boolean(),
    studyHours: z.boolean(),
    vote: z.boolean(),
    decisions: z.boolean(),
    rectifications: z.boolean(),
    appraisal: z.boolean(),
  }),
  fields: z.array(fieldSchema),
  source: z.string(),
});

export function loadRecordTemplates(data: unknown[]): Map<MeetingKind, RecordTemplate> {
  const byKind = new Map<MeetingKind, RecordTemplate>();
  for (const raw of data) {
    const template = templateSchema.parse(raw);
    byKind.set(template.kind, template);
  }
  for (const kind of MEETING_KINDS) {
    if (!byKind.has(kind)) throw new Error(`template pack lacks the record template of ${kind}`);
  }
  return byKind;
}

export const defaultRecordTemplates = loadRecordTemplates([
  partyCongress,
  committee,
  group,
  lecture,
  themeDay,
  orgLife,
  appraisal,
  study,
]);

type ExtraValue = string | number | string[] | null;

/** Checks the template-defined fields of a record; every problem names its field by label. */
export function validateExtra(template: RecordTemplate, extra: Record<string, ExtraValue>): Record<string, ExtraValue> {
  const details: Array<{ field: string; message: string }> = [];
  const clean: Record<string, ExtraValue> = {};
  for (const field of template.fields) {
    const value = extra[field.key];
    const empty = value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
    if (empty) {
      if (field.required) details.push({ field: field.label, message: `请填写${field.label}` });
      continue;
    }
    const problem = fieldProblem(field, value);
    if (problem) details.push({ field: field.label, message: problem });
    else clean[field.key] = value;
  }
  const unknown = Object.keys(extra).filter((k) => !template.fields.some((f) => f.key === k));
  for (const key of unknown) details.push({ field: key, message: `模板“${template.name}”中没有这个字段` });
  if (details.length > 0)
    throw new LedgerError('VALIDATION', `${template.name}有 ${details.length} 处需要更正，未保存。`, details);
  return clean;
}

function fieldProblem(field: RecordTemplate['fields'][number], value: ExtraValue): string | null {
  switch (field.type) {
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return '应为数字';
      if (field.min !== undefined && value < field.min) return `不能小于 ${field.min}`;
      if (field.max !== undefined && value > field.max) return `不能大于 ${field.max}`;
      return null;
    }
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? null : '日期格式应为 YYYY-MM-DD';
    case 'select':
      return typeof value === 'string' && (field.options ?? []).includes(value)
        ? null
        : `应为：${(field.options ?? []).join('、')}`;
    case 'multiselect':
      return Array.isArray(value) && value.every((v) => (field.options ?? []).includes(v))
        ? null
        : `只能选：${(field.options ?? []).join('、')}`;
    default:
      if (typeof value !== 'string') return '应为文字';
      return field.maxLength !== undefined && value.length > field.maxLength
        ? `不能超过 ${field.maxLength} 个字`
        : null;
  }
}
