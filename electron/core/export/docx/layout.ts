import { z } from 'zod';
import defaultBook from '../../../../templates/documents/ledger-book.json' with { type: 'json' };
import { LedgerError } from '../../errors.ts';
import { TABLE_WIDTH } from './page.ts';
import { COVER_KEYS, MEETING_FIELDS, SECTION_FIELDS, SECTION_SOURCES, type SectionSource } from './types.ts';

/**
 * The ledger book's layout is data (templates/documents/ledger-book.json): a party committee can
 * reorder sections, rename titles, change columns or the 使用说明 without code. Everything is checked
 * here, before a page is composed, and an error names the template and the bad key — a broken
 * template never yields a broken document.
 */

const text = z.string().trim().min(1, '不能为空');

const columnSchema = z.strictObject({
  header: text,
  field: text,
  /** Twips; the composer scales the columns up to the text width when they sum to less. */
  width: z.number().int().min(300, '列宽至少 300 缇').max(16000),
  align: z.enum(['left', 'center', 'right']).default('left'),
});

const sectionSchema = z.strictObject({
  source: z.enum(SECTION_SOURCES as [SectionSource, ...SectionSource[]]),
  title: text,
  orientation: z.enum(['portrait', 'landscape']).default('portrait'),
  fontSizePt: z.number().min(7).max(16).optional(),
  columns: z.array(columnSchema).max(30).default([]),
  options: z.strictObject({ duties: z.record(z.string(), z.string()).optional() }).default({}),
});

const formCellSchema = z.strictObject({ label: text, field: z.enum(MEETING_FIELDS) });

export const bookLayoutSchema = z.strictObject({
  id: text,
  name: text,
  version: text,
  fileName: text,
  table: z.strictObject({
    fontSizePt: z.number().min(7).max(16).default(12),
    lineTwips: z.number().int().min(200).max(800).default(340),
  }),
  emptySection: text,
  cover: z.strictObject({
    organisation: z.string(),
    title: text,
    subtitle: z.string(),
    fields: z.array(z.strictObject({ label: text, value: z.string() })).max(10),
  }),
  contents: z.strictObject({ title: text, depth: z.number().int().min(1).max(3).default(2) }),
  instructions: z.strictObject({ title: text, paragraphs: z.array(text).max(40) }),
  parts: z
    .array(z.strictObject({ title: text, sections: z.array(sectionSchema).min(1).max(20) }))
    .min(1)
    .max(20),
  meetingForm: z.strictObject({
    labelWidth: z.number().int().min(800).max(3000),
    fontSizePt: z.number().min(9).max(16).default(14),
    lineTwips: z.number().int().min(240).max(800).default(440),
    heading: text,
    rows: z.array(z.array(formCellSchema).min(1).max(2)).min(1).max(40),
    photoCaption: text,
  }),
});

export type BookLayout = z.output<typeof bookLayoutSchema>;
export type BookSection = BookLayout['parts'][number]['sections'][number];
export type BookColumn = BookSection['columns'][number];
export type MeetingForm = BookLayout['meetingForm'];

function templateError(name: string, key: string, message: string): LedgerError {
  return new LedgerError('BAD_FILE', `文书模板“${name}”有误：${key}：${message}`, [
    { file: name, field: key, message },
  ]);
}

/** Placeholders a string may use, and those it uses that are unknown. */
function unknownPlaceholders(value: string, known: readonly string[]): string[] {
  return [...value.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)].map((m) => m[1] ?? '').filter((key) => !known.includes(key));
}

/** Fills {{key}} placeholders; the template was checked, so every key is known. */
export function fill(value: string, values: Readonly<Record<string, string | number>>): string {
  return value.replace(/\{\{\s*([^}]*?)\s*\}\}/g, (_, key: string) => String(values[key] ?? ''));
}

/** Scales the template's widths up to the table width: the grid always sums to it exactly. */
export function fitWidths(widths: readonly number[], total: number): number[] {
  const sum = widths.reduce((a, b) => a + b, 0);
  const scaled = widths.map((w) => Math.floor((w * total) / sum));
  const rest = total - scaled.reduce((a, b) => a + b, 0);
  scaled[scaled.length - 1] = (scaled[scaled.length - 1] ?? 0) + rest;
  return scaled;
}

export interface LoadOptions {
  /**
   * A committee's imported layout must give each table's columns exactly the width of the 版心
   * (what it sees is what prints); the shipped template may give less and have it scaled up.
   */
  exactWidths?: boolean;
}

export function loadBookLayout(raw: unknown, name = 'ledger-book.json', options: LoadOptions = {}): BookLayout {
  const parsed = bookLayoutSchema.safeParse(raw);
  if (!parsed.success) {
    const pathOf = (issue: z.core.$ZodIssue) => issue.path.map(String).join('.') || '(根)';
    const [issue, ...more] = parsed.error.issues;
    const error = templateError(name, issue ? pathOf(issue) : '(根)', issue?.message ?? '格式不对');
    // Every problem of the file is listed, so a committee fixes them in one round.
    for (const other of more.slice(0, 19))
      error.details.push({ file: name, field: pathOf(other), message: other.message });
    throw error;
  }
  const layout = parsed.data;
  const label = `${layout.name}（${name}）`;
  const checkPlaceholders = (value: string, key: string, known: readonly string[]) => {
    const unknown = unknownPlaceholders(value, known);
    if (unknown.length > 0) throw templateError(label, key, `未知的占位符 {{${unknown.join('}}、{{')}}}`);
  };
  checkPlaceholders(layout.fileName, 'fileName', COVER_KEYS);
  checkPlaceholders(layout.cover.organisation, 'cover.organisation', COVER_KEYS);
  checkPlaceholders(layout.cover.title, 'cover.title', COVER_KEYS);
  checkPlaceholders(layout.cover.subtitle, 'cover.subtitle', COVER_KEYS);
  layout.cover.fields.forEach((f, i) => {
    checkPlaceholders(f.value, `cover.fields.${i}.value`, COVER_KEYS);
  });
  checkPlaceholders(layout.meetingForm.heading, 'meetingForm.heading', MEETING_FIELDS);
  checkPlaceholders(layout.meetingForm.photoCaption, 'meetingForm.photoCaption', ['n', 'caption', 'fileName']);

  layout.parts.forEach((part, p) => {
    part.sections.forEach((section, s) => {
      const key = `parts.${p}.sections.${s}`;
      const known: readonly string[] = SECTION_FIELDS[section.source];
      if (section.source === 'meetings') {
        if (section.columns.length > 0)
          throw templateError(label, `${key}.columns`, '会议记录按 meetingForm 排版，不用列');
        return;
      }
      if (section.columns.length === 0) throw templateError(label, `${key}.columns`, '至少要有一列');
      section.columns.forEach((column, c) => {
        if (!known.includes(column.field)) {
          throw templateError(
            label,
            `${key}.columns.${c}.field`,
            `“${section.source}”没有字段“${column.field}”（可用：${known.join('、')}）`,
          );
        }
      });
      const sum = section.columns.reduce((total, c) => total + c.width, 0);
      const width = TABLE_WIDTH[section.orientation];
      if (options.exactWidths && sum !== width) {
        throw templateError(
          label,
          `${key}.columns`,
          `“${section.title}”各列宽度之和是 ${sum} 缇，应正好等于${section.orientation === 'landscape' ? '横向' : '纵向'}页面的版心宽度 ${width} 缇（${sum < width ? '少' : '多'} ${Math.abs(width - sum)} 缇）`,
        );
      }
      if (sum > width) {
        throw templateError(
          label,
          `${key}.columns`,
          `各列宽度之和 ${sum} 缇超过${section.orientation === 'landscape' ? '横向' : '纵向'}页面的版心宽度 ${width} 缇`,
        );
      }
    });
  });
  return layout;
}

/**
 * The layout as a committee would write it: every table's widths scaled to the 版心 exactly (as
 * printed), so the downloaded starting point passes the import check unchanged.
 */
export function printedBookLayout(layout: BookLayout): BookLayout {
  return {
    ...layout,
    parts: layout.parts.map((part) => ({
      ...part,
      sections: part.sections.map((section) => {
        if (section.columns.length === 0) return section;
        const widths = fitWidths(
          section.columns.map((c) => c.width),
          TABLE_WIDTH[section.orientation],
        );
        return { ...section, columns: section.columns.map((c, i) => ({ ...c, width: widths[i] ?? c.width })) };
      }),
    })),
  };
}

let cached: BookLayout | null = null;

/** The default layout shipped in templates/documents/ledger-book.json. */
export function defaultBookLayout(): BookLayout {
  cached ??= loadBookLayout(defaultBook, 'templates/documents/ledger-book.json');
  return cached;
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九. */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n] ?? String(n);
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`;
  return String(n);
}

/** GB/T 9704 ordinals by level: 一、 （一） 1. （1）. */
export function ordinal(level: 1 | 2 | 3 | 4, n: number): string {
  switch (level) {
    case 1:
      return `${chineseNumber(n)}、`;
    case 2:
      return `（${chineseNumber(n)}）`;
    case 3:
      return `${n}.`;
    default:
      return `（${n}）`;
  }
}
