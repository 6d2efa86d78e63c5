import { z } from 'zod';
import catalogFile from '../../../../templates/documents/placeholders.json' with { type: 'json' };
import type { PlaceholderInfo } from '../../../api/document-settings.ts';
import type { MeetingDetail, MeetingKind, RecordTemplate } from '../../../api/life.ts';
import { dateCn } from '../../export/docx/format.ts';
import { fill } from '../../export/docx/layout.ts';
import { MEETING_FIELDS, type MeetingField } from '../../export/docx/types.ts';
import { defaultRecordTemplates } from '../../templates/records.ts';

/**
 * The placeholders a committee's .docx may use for a record kind (templates/documents/placeholders.json):
 * the common ones, keyed in Chinese ({{会议时间}}), each defined by the printed meeting fields it
 * shows; then the kind's own fields from its record template, keyed by their labels ({{会议类别}}).
 */

const SOURCES = [...MEETING_FIELDS, 'branchName'] as const;
const BLOCKS = ['lecturer', 'studyHours', 'vote', 'decisions', 'rectifications', 'appraisal'] as const;

const catalogSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  version: z.string().min(1),
  publisher: z.string().min(1),
  source: z.string().min(1),
  kindFields: z.string().min(1),
  common: z
    .array(
      z.strictObject({
        key: z.string().regex(/^[^{}\s]+$/, '占位符名称不能含空格或花括号'),
        value: z.string().min(1),
        description: z.string().min(1),
        block: z.enum(BLOCKS).optional(),
      }),
    )
    .min(1),
});

type Catalog = z.output<typeof catalogSchema>;

export function loadPlaceholderCatalog(raw: unknown, name = 'placeholders.json'): Catalog {
  const catalog = catalogSchema.parse(raw);
  const seen = new Set<string>();
  for (const entry of catalog.common) {
    if (seen.has(entry.key)) throw new Error(`${name}: placeholder {{${entry.key}}} is defined twice`);
    seen.add(entry.key);
    for (const m of entry.value.matchAll(/\{\{([^}]*)\}\}/g)) {
      if (!(SOURCES as readonly string[]).includes(m[1] ?? ''))
        throw new Error(`${name}: {{${entry.key}}} uses unknown source {{${m[1]}}}`);
    }
  }
  return catalog;
}

const catalog = loadPlaceholderCatalog(catalogFile, 'templates/documents/placeholders.json');

function recordTemplate(kind: MeetingKind): RecordTemplate {
  const template = defaultRecordTemplates.get(kind);
  if (!template) throw new Error(`no record template for ${kind}`);
  return template;
}

/** The catalog of one kind: common placeholders whose block the kind uses, then the kind's own fields. */
export function placeholdersOf(kind: MeetingKind): PlaceholderInfo[] {
  const template = recordTemplate(kind);
  const common: PlaceholderInfo[] = catalog.common
    .filter((entry) => !entry.block || template.blocks[entry.block])
    .map((entry) => ({ key: entry.key, description: entry.description, scope: 'common' }));
  const taken = new Set(common.map((p) => p.key));
  const own: PlaceholderInfo[] = template.fields
    .filter((field) => !taken.has(field.label))
    .map((field) => ({ key: field.label, description: `${template.name}的“${field.label}”`, scope: 'kind' }));
  return [...common, ...own];
}

type ExtraValue = MeetingDetail['extra'][string];

function extraText(type: RecordTemplate['fields'][number]['type'], value: ExtraValue | undefined): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join('、');
  if (type === 'date' && typeof value === 'string') return dateCn(value);
  return String(value);
}

/** The value of every placeholder of the kind, for one meeting. */
export function placeholderValues(
  kind: MeetingKind,
  branchName: string,
  fields: Partial<Record<MeetingField, string>>,
  extra: MeetingDetail['extra'],
): Map<string, string> {
  const template = recordTemplate(kind);
  const sources: Record<string, string> = { ...fields, branchName };
  const values = new Map<string, string>();
  for (const entry of catalog.common) {
    // Trimmed, so 会议时间 without a time does not end in a dangling space.
    values.set(entry.key, fill(entry.value, sources).replace(/^[\s\u3000]+|[\s\u3000]+$/g, ''));
  }
  for (const field of template.fields) {
    if (!values.has(field.label)) values.set(field.label, extraText(field.type, extra[field.key]));
  }
  return values;
}
