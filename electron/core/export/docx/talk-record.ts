import { z } from 'zod';
import talkTemplateJson from '../../../../templates/documents/talk-record.json' with { type: 'json' };
import { LedgerError } from '../../errors.ts';
import { safeFileName } from '../file-name.ts';
import type { Block, Cell, Flow, ParaBlock, Row, TableBlock } from './blocks.ts';
import { fitWidths } from './book.ts';
import { type FontSettings, resolveFonts } from './fonts.ts';
import { fill } from './layout.ts';
import type { ComposedDocument } from './meeting-record.ts';
import { BODY_CHAR, BODY_LINE, BODY_SIZE_PT, type Orientation, TABLE_WIDTH, TEXT_WIDTH } from './page.ts';
import { paginate } from './paginate.ts';
import { renderDocx } from './render.ts';

/**
 * The kit of the single documents (谈心谈话记录, 发展党员全程记实表, 换届选举文书, 考核评分表): template
 * checks that name the template and the key, form and column tables, titles and signature lines —
 * all on the ledger book's blocks, page setup and renderer. Then the 谈心谈话记录 itself, the simplest
 * of them.
 */

export const templateText = z.string().trim().min(1, '不能为空');

export function templateError(name: string, key: string, message: string): LedgerError {
  return new LedgerError('BAD_FILE', `文书模板“${name}”有误：${key}：${message}`, [
    { file: name, field: key, message },
  ]);
}

/** Parses a template; the first problem is reported with its key path. */
export function parseTemplate<S extends z.ZodType>(schema: S, raw: unknown, name: string): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw templateError(name, issue?.path.map(String).join('.') || '(根)', issue?.message ?? '格式不对');
  }
  return parsed.data;
}

/** Throws when a text uses a {{placeholder}} the document does not provide. */
export function checkPlaceholders(template: string, key: string, value: string, known: readonly string[]): void {
  const unknown = [...value.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)]
    .map((m) => m[1] ?? '')
    .filter((k) => !known.includes(k));
  if (unknown.length > 0) throw templateError(template, key, `未知的占位符 {{${unknown.join('}}、{{')}}}`);
}

/** Throws when a column or form cell names a field the document does not have. */
export function checkField(template: string, key: string, field: string, known: readonly string[]): void {
  if (!known.includes(field)) throw templateError(template, key, `没有字段“${field}”（可用：${known.join('、')}）`);
}

export const formCellSchema = z.strictObject({
  label: templateText,
  field: templateText,
  /** Running text: each paragraph indented two characters. */
  running: z.boolean().default(false),
});

export const formSchema = z.strictObject({
  labelWidth: z.number().int().min(800).max(3000),
  fontSizePt: z.number().min(9).max(16).default(14),
  lineTwips: z.number().int().min(240).max(800).default(440),
  rows: z.array(z.array(formCellSchema).min(1).max(2)).min(1).max(40),
});
export type FormLayout = z.output<typeof formSchema>;

export const columnSchema = z.strictObject({
  header: templateText,
  field: templateText,
  /** Twips; scaled to the text width, so only the proportions matter once they fit. */
  width: z.number().int().min(300, '列宽至少 300 缇').max(16000),
  align: z.enum(['left', 'center', 'right']).default('left'),
});
export type ColumnLayout = z.output<typeof columnSchema>;

export function checkForm(template: string, key: string, form: FormLayout, known: readonly string[]): void {
  form.rows.forEach((cells, r) => {
    cells.forEach((cell, c) => {
      checkField(template, `${key}.rows.${r}.${c}.field`, cell.field, known);
    });
  });
}

export function checkColumns(
  template: string,
  key: string,
  columns: readonly ColumnLayout[],
  known: readonly string[],
  orientation: Orientation,
): void {
  columns.forEach((column, c) => {
    checkField(template, `${key}.${c}.field`, column.field, known);
  });
  const sum = columns.reduce((total, c) => total + c.width, 0);
  if (sum > TABLE_WIDTH[orientation])
    throw templateError(template, key, `各列宽度之和 ${sum} 缇超过版心宽度 ${TABLE_WIDTH[orientation]} 缇`);
}

export function para(text: string, options: Partial<ParaBlock> = {}): ParaBlock {
  return { type: 'para', text, role: 'body', sizePt: BODY_SIZE_PT, line: BODY_LINE, align: 'left', ...options };
}

/** 2号小标宋 title, centred, with an optional 楷体 line under it and a half line of space. */
export function titleBlocks(title: string, subtitle = '', newPage = false): Block[] {
  const blocks: Block[] = [para(title, { role: 'title', sizePt: 22, line: 720, align: 'center', newPage })];
  if (subtitle) blocks.push(para(subtitle, { role: 'heading2', align: 'center' }));
  blocks.push(para('', { line: 280 }));
  return blocks;
}

/** Body paragraph of running text: two-character indent, justified. */
export function bodyPara(text: string, options: Partial<ParaBlock> = {}): ParaBlock {
  return para(text, { firstLine: BODY_CHAR * 2, align: 'both', ...options });
}

/** Signature lines under a form: 14 pt, a little space above the first. */
export function signatureBlocks(lines: readonly string[], values: Readonly<Record<string, string>>): Block[] {
  return lines.map((line, i) =>
    para(fill(line, values), { sizePt: 14, line: 440, spaceBefore: i === 0 ? 400 : 120, indentLeft: BODY_CHAR * 2 }),
  );
}

function textParas(text: string, running: boolean) {
  return text === '' ? [{ text: '' }] : text.split('\n').map((t) => ({ text: t, indent: running }));
}

/** A form of label | value (| label | value) rows, like the meeting record; every row printed. */
export function formTable(
  form: FormLayout,
  values: Readonly<Record<string, string>>,
  continuation: string,
): TableBlock {
  const total = TABLE_WIDTH.portrait;
  const value = Math.floor((total - 2 * form.labelWidth) / 2);
  const widths = [form.labelWidth, value, form.labelWidth, total - 2 * form.labelWidth - value];
  const label = (text: string): Cell => ({ paras: [{ text }], align: 'center', role: 'heading1' });
  const rows: Row[] = form.rows.flatMap((cells): Row[] => {
    const [a, b] = cells;
    if (!a) return [];
    if (b) {
      return [
        {
          cells: [
            label(a.label),
            { paras: textParas(values[a.field] ?? '', a.running) },
            label(b.label),
            { paras: textParas(values[b.field] ?? '', b.running) },
          ],
        },
      ];
    }
    return [
      {
        cells: [label(a.label), { paras: textParas(values[a.field] ?? '', a.running), span: 3 }],
        splittable: true,
      },
    ];
  });
  return {
    type: 'table',
    widths,
    header: [],
    rows,
    sizePt: form.fontSizePt,
    line: form.lineTwips,
    continuation,
  };
}

export interface ColumnTableOptions {
  orientation: Orientation;
  sizePt: number;
  line: number;
  continuation: string;
}

/** A line of a column table: a row of values, or a band across the table (a stage, a category). */
export type ColumnRow = { values: Readonly<Record<string, string>>; bold?: boolean } | { band: string };

/** A table of the template's columns: header row repeated on every page, rows never split. */
export function columnTable(
  columns: readonly ColumnLayout[],
  rows: readonly ColumnRow[],
  options: ColumnTableOptions,
): TableBlock {
  const toRow = (row: ColumnRow): Row =>
    'band' in row
      ? { cells: [{ paras: [{ text: row.band }], span: columns.length, bold: true, shade: true, role: 'heading2' }] }
      : {
          cells: columns.map(
            (c): Cell => ({ paras: textParas(row.values[c.field] ?? '', false), align: c.align, bold: row.bold }),
          ),
        };
  return {
    type: 'table',
    widths: fitWidths(
      columns.map((c) => c.width),
      TABLE_WIDTH[options.orientation],
    ),
    header: [{ cells: columns.map((c): Cell => ({ paras: [{ text: c.header }], align: 'center' })) }],
    rows: rows.map(toRow),
    sizePt: options.sizePt,
    line: options.line,
    continuation: options.continuation,
  };
}

/** Lays out and renders a single document. */
export async function renderSingle(
  flows: Flow[],
  meta: { title: string; description: string },
  fonts: Partial<FontSettings>,
): Promise<ComposedDocument> {
  const pagination = paginate(flows, TEXT_WIDTH);
  const buffer = await renderDocx(pagination, { ...meta, fonts: resolveFonts(fonts) });
  return { buffer, pages: pagination.pages, problems: pagination.problems };
}

/** A file name from the template's pattern, without characters Windows refuses. */
export function documentFileName(pattern: string, values: Readonly<Record<string, string>>): string {
  return safeFileName(fill(pattern, values));
}

// ————— 谈心谈话记录 —————

export const TALK_FIELDS = [
  'branch',
  'heldOn',
  'heldOnText',
  'talker',
  'talkee',
  'type',
  'mode',
  'place',
  'content',
  'followUp',
  'enteredOn',
] as const;
export type TalkField = (typeof TALK_FIELDS)[number];

/** What every document template starts with: who it is, and where its texts come from. */
export const templateHead = {
  id: templateText,
  name: templateText,
  version: templateText,
  source: z.string().optional(),
};

const talkTemplateSchema = z.strictObject({
  ...templateHead,
  fileName: templateText,
  title: templateText,
  subtitle: z.string(),
  form: formSchema,
  signature: z.array(z.string()).max(6).default([]),
});
export type TalkTemplate = z.output<typeof talkTemplateSchema>;

export function loadTalkTemplate(raw: unknown, name = 'talk-record.json'): TalkTemplate {
  const template = parseTemplate(talkTemplateSchema, raw, name);
  const label = `${template.name}（${name}）`;
  for (const key of ['fileName', 'title', 'subtitle'] as const)
    checkPlaceholders(label, key, template[key], TALK_FIELDS);
  template.signature.forEach((line, i) => {
    checkPlaceholders(label, `signature.${i}`, line, TALK_FIELDS);
  });
  checkForm(label, 'form', template.form, TALK_FIELDS);
  return template;
}

let talkCached: TalkTemplate | null = null;
export function defaultTalkTemplate(): TalkTemplate {
  talkCached ??= loadTalkTemplate(talkTemplateJson, 'templates/documents/talk-record.json');
  return talkCached;
}

export interface TalkRecordData {
  fields: Record<TalkField, string>;
  /** Names printed, for the GB2312 check. */
  names: string[];
}

export async function buildTalkRecord(
  data: TalkRecordData,
  fonts: Partial<FontSettings> = {},
  template: TalkTemplate = defaultTalkTemplate(),
): Promise<ComposedDocument & { fileName: string }> {
  const values = data.fields;
  const title = fill(template.title, values);
  const blocks: Block[] = [
    ...titleBlocks(title, fill(template.subtitle, values)),
    formTable(template.form, values, `${title}（续）`),
    ...signatureBlocks(template.signature, values),
  ];
  const doc = await renderSingle(
    [{ orientation: 'portrait', numbered: true, blocks }],
    {
      title,
      description: `${template.name} ${template.version}`,
    },
    fonts,
  );
  return { ...doc, fileName: documentFileName(template.fileName, values) };
}
