/**
 * The workbooks' layouts are data (templates/workbooks/ledger.json and fill-in.json): a party
 * committee can rename sheets, reorder or drop columns, change titles and widths without code.
 * Everything is checked here before a cell is written, and an error names the file and the key —
 * a broken layout never yields a broken workbook.
 */
import { z } from 'zod';
import packJson from '../../../../templates/pack.json' with { type: 'json' };
import fillInLayoutJson from '../../../../templates/workbooks/fill-in.json' with { type: 'json' };
import ledgerLayoutJson from '../../../../templates/workbooks/ledger.json' with { type: 'json' };
import { LedgerError } from '../../errors.ts';
import { localDate } from '../../time.ts';
import { COLUMN_TYPES, MANIFEST_SHEET } from '../manifest.ts';

/** The template pack the workbooks belong to; every export names it (ARCHITECTURE.md, templates as data). */
export const PACK = { id: packJson.id, version: packJson.version, name: packJson.name } as const;

const text = z.string().trim().min(1, '不能为空');

/** Excel's rules for sheet names; names starting with "_" are ours (manifest, lists). */
const sheetName = z
  .string()
  .min(1)
  .max(31, '工作表名称不超过 31 个字符')
  .refine((s) => !/[[\]:*?/\\]/.test(s), '工作表名称不能含有 [ ] : * ? / \\')
  .refine((s) => !s.startsWith('_'), '工作表名称不能以“_”开头（保留给程序使用）');

const columnSchema = z.strictObject({
  header: text,
  field: text,
  /** Excel column width (characters of the default font; a Chinese character is about 2). */
  width: z.number().min(2).max(100),
  type: z.enum(COLUMN_TYPES),
  /** Number format for number columns, e.g. "0.00" for money. */
  numFmt: z.string().min(1).max(40).optional(),
});
export type ColumnLayout = z.infer<typeof columnSchema>;

const styleSchema = z.strictObject({
  titleFont: text,
  titleSize: z.number().min(10).max(28),
  headerFont: text,
  headerSize: z.number().min(8).max(16),
  bodyFont: text,
  bodySize: z.number().min(8).max(16),
  /** ARGB, e.g. FFE8E8E8: light enough to print in black and white. */
  headerFill: z.string().regex(/^[0-9A-Fa-f]{8}$/),
  /** Excel footer codes: &P page, &N pages. */
  footer: z.string().min(1).max(200),
});
export type SheetStyle = z.infer<typeof styleSchema>;

function uniqueBy<T>(items: T[], key: (item: T) => string): boolean {
  return new Set(items.map(key)).size === items.length;
}

const ledgerSheetSchema = z.strictObject({
  key: text,
  source: text,
  name: sheetName,
  title: text,
  orientation: z.enum(['portrait', 'landscape']),
  columns: z
    .array(columnSchema)
    .min(1)
    .max(60)
    .refine((cols) => uniqueBy(cols, (c) => c.field), '同一字段出现了两次'),
});
export type LedgerSheetLayout = z.infer<typeof ledgerSheetSchema>;

const ledgerLayoutSchema = z.strictObject({
  id: text,
  name: text,
  version: text,
  fileName: text,
  style: styleSchema,
  emptyRow: text,
  totalsLabel: text,
  signatureLine: text,
  idHeader: text,
  cover: z.strictObject({ name: sheetName, title: text }),
  sheets: z
    .array(ledgerSheetSchema)
    .min(1)
    .max(40)
    .refine((s) => uniqueBy(s, (x) => x.key), '工作表 key 重复')
    .refine((s) => uniqueBy(s, (x) => x.name), '工作表名称重复'),
});
export type LedgerWorkbookLayout = z.infer<typeof ledgerLayoutSchema>;

const templateColumnSchema = columnSchema.extend({
  /** Shown when the header or a cell of the column is selected: what goes in it, in which form. */
  note: text.max(255, '填写说明不超过 255 个字符（Excel 的限制）'),
  /** A list name from `lists`, or one the program supplies (党小组, 会议类型, 出席情况, 党费类别). */
  list: z.string().min(1).optional(),
  /** Refuse other values (true) or only warn (false, e.g. 学历 has more forms than the list). */
  strict: z.boolean().optional(),
  example: z.union([z.string(), z.number()]).optional(),
});
export type TemplateColumnLayout = z.infer<typeof templateColumnSchema>;

export const PROGRAM_LISTS = ['党小组', '会议类型', '出席情况', '党费类别'] as const;

const templateLayoutSchema = z
  .strictObject({
    id: text,
    name: text,
    version: text,
    fileName: text,
    title: text,
    dataRows: z.number().int().min(10).max(5000),
    exampleLabel: text,
    lists: z.record(z.string().min(1), z.array(text).min(1).max(500)),
    instructions: z.strictObject({ name: sheetName, title: text, paragraphs: z.array(text).max(30) }),
    sheets: z
      .array(
        z.strictObject({
          key: text,
          name: sheetName,
          orientation: z.enum(['portrait', 'landscape']),
          columns: z
            .array(templateColumnSchema)
            .min(1)
            .max(60)
            .refine((cols) => uniqueBy(cols, (c) => c.field), '同一字段出现了两次'),
        }),
      )
      .min(1)
      .max(20)
      .refine((s) => uniqueBy(s, (x) => x.name), '工作表名称重复'),
  })
  .superRefine((layout, ctx) => {
    const known = new Set<string>([...Object.keys(layout.lists), ...PROGRAM_LISTS]);
    layout.sheets.forEach((sheet, s) => {
      sheet.columns.forEach((column, c) => {
        if (column.list && !known.has(column.list)) {
          ctx.addIssue({
            code: 'custom',
            path: ['sheets', s, 'columns', c, 'list'],
            message: `没有名为“${column.list}”的下拉列表`,
          });
        }
      });
    });
  });
export type TemplateWorkbookLayout = z.infer<typeof templateLayoutSchema>;

function parseLayout<T>(schema: z.ZodType<T>, json: unknown, file: string): T {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((issue) => ({
    file,
    field: issue.path.join('.'),
    message: issue.message,
  }));
  throw new LedgerError(
    'BAD_FILE',
    `工作簿模板“${file}”有误：${details[0]?.field ?? ''} ${details[0]?.message ?? ''}`,
    details,
  );
}

/**
 * The ledger workbook's layout, with each sheet's source and fields checked against what the
 * program can supply (`sources`: source name → its field names).
 */
export function ledgerWorkbookLayout(
  sources: Readonly<Record<string, readonly string[]>>,
  json: unknown = ledgerLayoutJson,
  file = 'templates/workbooks/ledger.json',
): LedgerWorkbookLayout {
  const layout = parseLayout(ledgerLayoutSchema, json, file);
  const names = [layout.cover.name, ...layout.sheets.map((s) => s.name)];
  if (new Set(names).size !== names.length || names.includes(MANIFEST_SHEET)) {
    throw new LedgerError('BAD_FILE', `工作簿模板“${file}”有误：封面与数据表重名。`, [
      { file, field: 'cover.name', message: '名称重复' },
    ]);
  }
  for (const [s, sheet] of layout.sheets.entries()) {
    const fields = sources[sheet.source];
    if (!fields) {
      throw new LedgerError('BAD_FILE', `工作簿模板“${file}”有误：没有数据来源“${sheet.source}”。`, [
        { file, field: `sheets.${s}.source`, message: `可用的来源：${Object.keys(sources).join('、')}` },
      ]);
    }
    for (const [c, column] of sheet.columns.entries()) {
      if (!fields.includes(column.field)) {
        throw new LedgerError(
          'BAD_FILE',
          `工作簿模板“${file}”有误：“${sheet.name}”的列“${column.header}”引用了不存在的字段“${column.field}”。`,
          [{ file, field: `sheets.${s}.columns.${c}.field`, message: `可用的字段：${fields.join('、')}` }],
        );
      }
    }
  }
  return layout;
}

export function fillInTemplateLayout(json: unknown = fillInLayoutJson): TemplateWorkbookLayout {
  return parseLayout(templateLayoutSchema, json, 'templates/workbooks/fill-in.json');
}

/** "{{branch}}{{year}}…" with the given values; unknown placeholders are left out. */
export function fillPlaceholders(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key] ?? ''));
}

/** 'YYYY-MM-DD HH:mm' in this machine's time zone, as a person reads an export time. */
export function localTime(instant: Date): string {
  if (Number.isNaN(instant.getTime())) return '';
  const hh = String(instant.getHours()).padStart(2, '0');
  const mm = String(instant.getMinutes()).padStart(2, '0');
  return `${localDate(instant)} ${hh}:${mm}`;
}

export { safeFileName } from '../file-name.ts';
