/**
 * 党员花名册 rows → MemberFields, with every problem named by row (as Excel numbers it), column
 * letter and Chinese field name. Pure: the caller supplies groups, existing members, rules, today.
 * Domain checks come from member-validation.ts, so the form and the import never disagree.
 */
import {
  type ImportRowIssue,
  MEMBER_FIELD_LABELS,
  type MemberFields,
  memberFieldsSchema,
  type RosterImportReport,
} from '../../../../api/org.ts';
import { LedgerError } from '../../../errors.ts';
import { checkMemberFields, type MemberRules } from '../member-validation.ts';
import { normalizeIdNumber, parseIdNumber } from './id-number.ts';
import { isoFromUtcDate, parseLooseDate } from './loose-date.ts';
import { DuplicateFinder, type ExistingMember } from './roster-duplicates.ts';
import {
  findHeaderRow,
  HEADER_SCAN_ROWS,
  HEADER_SYNONYMS,
  type MappedColumn,
  type RosterField,
} from './roster-headers.ts';
import type { CellValue, SheetRow } from './xlsx-read.ts';

export interface RosterParseOptions {
  fileName: string;
  sheet: string;
  groups: Array<{ id: number; name: string }>;
  existing: ExistingMember[];
  rules: MemberRules;
  /** 'YYYY-MM-DD', the ledger's today. */
  today: string;
  /** From SheetData.date1904: numeric date cells of 1904-system workbooks. */
  date1904?: boolean;
}

export interface RosterParseResult {
  report: RosterImportReport;
  valid: Array<{ row: number; fields: MemberFields }>;
  /**
   * Things the clerk should know that do not make a row invalid (a date given to the month only,
   * taken as the 1st). The report contract has no slot for them yet.
   */
  notices: ImportRowIssue[];
}

type RowCells = Partial<Record<RosterField, CellValue>>;
const DATE_FIELDS = ['birthDate', 'joinDate', 'fullDate'] as const;
const TEXT_FIELDS = ['ethnicity', 'education', 'personCategory', 'job', 'phone', 'address', 'note'] as const;
const partialSchema = memberFieldsSchema.partial();

/** "第 5 行 D 列（出生日期）：…" for logs, the CLI and error details. */
export function formatIssue(issue: ImportRowIssue): string {
  const column = issue.column ? ` ${issue.column} 列` : '';
  const field = issue.field ? `（${issue.field}）` : '';
  return `第 ${issue.row} 行${column}${field}：${issue.message}`;
}

function cellText(value: CellValue): string {
  if (value === null) return '';
  if (value instanceof Date) return isoFromUtcDate(value);
  if (typeof value === 'number') {
    // Phones typed into General cells are numbers; 1e21+ would print in exponent form.
    return Number.isInteger(value) ? value.toLocaleString('en-US', { useGrouping: false }) : String(value);
  }
  return String(value).trim();
}

function cleanName(text: string): string {
  // Two-character names are often padded ("张  三") to line up with three-character ones.
  return /[\u3400-\u9fff]/.test(text) ? text.replace(/\s+/g, '') : text.replace(/\s+/g, ' ');
}

function parseGender(text: string): '男' | '女' | null {
  const t = text.normalize('NFKC').replace(/\s+/g, '');
  if (t === '男' || t === '男性') return '男';
  if (t === '女' || t === '女性') return '女';
  return null;
}

function groupKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '');
}

function findGroup(text: string, groups: RosterParseOptions['groups']): number | null {
  const key = groupKey(text);
  const exact = groups.filter((g) => groupKey(g.name) === key);
  if (exact.length === 1) return exact[0]?.id ?? null;
  // "第一小组" for a group named "第一党小组": compare without the suffix when that is unambiguous.
  const stem = (s: string) => s.replace(/(党小组|小组|组)$/, '');
  const loose = groups.filter((g) => stem(groupKey(g.name)) === stem(key));
  return loose.length === 1 ? (loose[0]?.id ?? null) : null;
}

/** Excel keeps 15 significant digits, so an 18-digit ID typed into a number cell is already damaged. */
function idNumberProblem(value: CellValue): string | null {
  const lost = (shown: string) =>
    `公民身份号码被 Excel 存成了数字，第 15 位以后的数字已丢失（现在是 ${shown}）。请把该列设置为“文本”格式后重新输入完整的 18 位号码`;
  if (typeof value === 'number' && value >= 1e15) {
    return lost(value.toLocaleString('en-US', { useGrouping: false, maximumSignificantDigits: 15 }));
  }
  if (typeof value === 'string' && /^\d(\.\d+)?E\+?\d+$/i.test(value.normalize('NFKC').trim())) return lost(value);
  if (value instanceof Date) return '公民身份号码被 Excel 当成了日期，请把该列设置为“文本”格式后重新输入';
  return null;
}

interface RowContext {
  row: number;
  columnOf: (field: RosterField) => string | undefined;
  issues: ImportRowIssue[];
  notices: ImportRowIssue[];
}

function issue(ctx: RowContext, field: RosterField, message: string, into: 'issues' | 'notices' = 'issues'): void {
  const column = ctx.columnOf(field);
  ctx[into].push({ row: ctx.row, ...(column ? { column } : {}), field: MEMBER_FIELD_LABELS[field], message });
}

interface ParsedRow {
  fields: Partial<MemberFields>;
  /** Text shown in the preview even when a value could not be read. */
  shown: Record<'name' | 'gender' | 'birthDate' | 'joinDate', string>;
}

interface RowState {
  fields: Partial<MemberFields>;
  /** Cells that had a value we could not read; they get their own issue, not "请填写". */
  unreadable: Set<RosterField>;
  /** Dates given to the month only. */
  dayAssumed: Set<RosterField>;
}

/** Reads the ID cell; a valid ID fills in blank 性别/出生日期 and completes a month-only birth date. */
function readIdNumber(idCell: CellValue, state: RowState, ctx: RowContext, today: string): void {
  const { fields, unreadable, dayAssumed } = state;
  const problem = idNumberProblem(idCell);
  if (problem) {
    unreadable.add('idNumber');
    issue(ctx, 'idNumber', problem);
    return;
  }
  if (idCell === null) return;
  fields.idNumber = normalizeIdNumber(cellText(idCell));
  const id = parseIdNumber(fields.idNumber, today);
  if (!id.ok) return; // reported by checkMemberFields, in the same words as the form
  if (!fields.gender && !unreadable.has('gender')) fields.gender = id.gender;
  const birth = fields.birthDate;
  if (!birth) {
    if (!unreadable.has('birthDate')) fields.birthDate = id.birthDate;
    return;
  }
  // "出生年月 1990.03", or a date cell where Excel stored the 1st for "1990-3": the ID's full
  // date in the same month is the better value, not a contradiction.
  if (birth.slice(0, 7) === id.birthDate.slice(0, 7) && (dayAssumed.has('birthDate') || birth.endsWith('-01'))) {
    fields.birthDate = id.birthDate;
    dayAssumed.delete('birthDate');
  }
}

function readGroup(text: string, fields: Partial<MemberFields>, ctx: RowContext, groups: RosterParseOptions['groups']) {
  const groupId = findGroup(text, groups);
  if (groupId !== null) {
    fields.groupId = groupId;
    return;
  }
  issue(
    ctx,
    'groupId',
    groups.length === 0
      ? `本支部还没有设立党小组，找不到“${text}”。请先在组织设置中添加党小组，或清空此列`
      : `党小组“${text}”不存在。本支部的党小组有：${groups.map((g) => g.name).join('、')}。请改成其中之一`,
  );
}

function parseRow(cells: RowCells, ctx: RowContext, options: RosterParseOptions): ParsedRow {
  const raw = (field: RosterField): CellValue => cells[field] ?? null;
  const fields: Partial<MemberFields> = {};
  const unreadable = new Set<RosterField>();
  const dayAssumed = new Set<RosterField>();

  const name = cleanName(cellText(raw('name')));
  if (name) fields.name = name;
  for (const field of TEXT_FIELDS) {
    const text = cellText(raw(field));
    if (text) fields[field] = text;
  }

  const genderText = cellText(raw('gender'));
  if (genderText) {
    const gender = parseGender(genderText);
    if (gender) fields.gender = gender;
    else {
      unreadable.add('gender');
      issue(ctx, 'gender', `性别“${genderText}”无法识别，应为“男”或“女”`);
    }
  }

  for (const field of DATE_FIELDS) {
    if (raw(field) === null) continue;
    const parsed = parseLooseDate(raw(field), { today: options.today, date1904: options.date1904 });
    if (!parsed.ok) {
      unreadable.add(field);
      issue(ctx, field, parsed.message);
      continue;
    }
    fields[field] = parsed.date;
    if (parsed.dayAssumed) dayAssumed.add(field);
  }

  readIdNumber(raw('idNumber'), { fields, unreadable, dayAssumed }, ctx, options.today);
  const groupText = cellText(raw('groupId'));
  if (groupText) readGroup(groupText, fields, ctx, options.groups);

  const required: Array<[RosterField, string]> = [
    ['name', '请填写姓名'],
    ['gender', '请填写性别（或填写公民身份号码，由号码识别）'],
    ['birthDate', '请填写出生日期（或填写公民身份号码，由号码识别）'],
    ['joinDate', '请填写入党时间'],
  ];
  for (const [field, message] of required) {
    if (fields[field] === undefined && !unreadable.has(field)) issue(ctx, field, message);
  }

  for (const field of dayAssumed) {
    issue(ctx, field, `只填到了月份，已按当月 1 日记为 ${fields[field]}`, 'notices');
  }
  const assumedHint = (field: RosterField) => (dayAssumed.has(field) ? '（该日期只填到月份，已按 1 日计算）' : '');
  for (const d of checkMemberFields(fields, options.rules, options.today)) {
    const field = fieldForLabel(d.field);
    if (field) issue(ctx, field, `${d.message}${assumedHint(field)}`);
    else ctx.issues.push({ row: ctx.row, message: d.message });
  }
  const shape = partialSchema.safeParse(fields);
  if (!shape.success) {
    for (const problem of shape.error.issues) {
      const field = problem.path[0];
      if (typeof field === 'string' && field in MEMBER_FIELD_LABELS) issue(ctx, field as RosterField, problem.message);
    }
  }

  const shownDate = (field: 'birthDate' | 'joinDate') => fields[field] ?? cellText(raw(field));
  return {
    fields,
    shown: {
      name: name,
      gender: fields.gender ?? genderText,
      birthDate: shownDate('birthDate'),
      joinDate: shownDate('joinDate'),
    },
  };
}

/** A → 1, AA → 27; issues without a column sort last. */
function columnIndex(letters: string | undefined): number {
  if (!letters) return Number.MAX_SAFE_INTEGER;
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

const LABEL_TO_FIELD = new Map(Object.entries(MEMBER_FIELD_LABELS).map(([k, v]) => [v, k as RosterField]));
function fieldForLabel(label: string | undefined): RosterField | undefined {
  return label === undefined ? undefined : LABEL_TO_FIELD.get(label);
}

function requireColumns(columns: readonly MappedColumn[], options: RosterParseOptions, headerRow: number): void {
  const has = (field: RosterField) => columns.some((c) => c.field === field);
  const missing: string[] = [];
  if (!has('joinDate')) missing.push('入党时间');
  // Gender and birth date can be read from the ID number, so either column may be absent then.
  if (!has('idNumber')) {
    if (!has('gender')) missing.push('性别');
    if (!has('birthDate')) missing.push('出生日期');
  }
  if (missing.length === 0) return;
  const message = `表头（第 ${headerRow} 行）缺少“${missing.join('”“')}”列。请在名册中加上这些列后再导入（性别和出生日期可由公民身份号码代替）`;
  throw new LedgerError('BAD_FILE', `无法导入“${options.fileName}”：${message}`, [
    { file: options.fileName, sheet: options.sheet, row: headerRow, message },
  ]);
}

function isRepeatedHeader(cells: RowCells): boolean {
  const name = cells.name;
  return typeof name === 'string' && HEADER_SYNONYMS.name.includes(name.replace(/\s+/g, ''));
}

/** Parses roster rows (from readFirstSheetRows) into a report and the rows that may be imported. */
export function parseRoster(rows: readonly SheetRow[], options: RosterParseOptions): RosterParseResult {
  const mapping = findHeaderRow(rows);
  if (!mapping) {
    const message = `前 ${HEADER_SCAN_ROWS} 行中没有找到表头：至少需要一列“姓名”，以及“性别”“出生日期”“入党时间”（或“公民身份号码”）`;
    throw new LedgerError('BAD_FILE', `无法导入“${options.fileName}”工作表“${options.sheet}”：${message}`, [
      { file: options.fileName, sheet: options.sheet, message },
    ]);
  }
  requireColumns(mapping.columns, options, mapping.headerRow);
  const columnByField = new Map(mapping.columns.map((c) => [c.field, c.column]));

  const issues: ImportRowIssue[] = [];
  const notices: ImportRowIssue[] = [];
  const duplicates: RosterImportReport['duplicates'] = [];
  const preview: RosterImportReport['preview'] = [];
  const valid: RosterParseResult['valid'] = [];
  const finder = new DuplicateFinder(options.existing);
  let totalRows = 0;

  for (const sheetRow of rows) {
    if (sheetRow.row <= mapping.headerRow) continue;
    const cells: RowCells = {};
    for (const c of mapping.columns) {
      const value = sheetRow.cells[c.col - 1] ?? null;
      if (value !== null) cells[c.field] = value;
    }
    // A row with nothing in any imported column (only 序号, or a footer in an unknown column) is blank.
    if (Object.keys(cells).length === 0 || isRepeatedHeader(cells)) continue;
    totalRows++;

    const ctx: RowContext = { row: sheetRow.row, columnOf: (f) => columnByField.get(f), issues: [], notices: [] };
    const parsed = parseRow(cells, ctx, options);
    const idOk = parsed.fields.idNumber ? parseIdNumber(parsed.fields.idNumber, options.today).ok : false;
    const duplicate = parsed.fields.name
      ? finder.check({
          row: sheetRow.row,
          name: parsed.fields.name,
          birthDate: parsed.fields.birthDate ?? null,
          idNumber: idOk ? (parsed.fields.idNumber ?? null) : null,
        })
      : null;
    if (duplicate) duplicates.push({ row: sheetRow.row, message: duplicate });

    let ok = ctx.issues.length === 0 && !duplicate;
    if (ok) {
      const full = memberFieldsSchema.safeParse(parsed.fields);
      if (full.success) valid.push({ row: sheetRow.row, fields: full.data });
      else {
        ok = false;
        ctx.issues.push({ row: sheetRow.row, message: full.error.issues.map((i) => i.message).join('；') });
      }
    }
    issues.push(...ctx.issues.sort((a, b) => columnIndex(a.column) - columnIndex(b.column)));
    notices.push(...ctx.notices);
    preview.push({ row: sheetRow.row, ...parsed.shown, valid: ok });
  }

  if (totalRows === 0) {
    issues.push({ row: mapping.headerRow, message: '表头下面没有党员数据' });
  }

  const report: RosterImportReport = {
    file: options.fileName,
    sheet: options.sheet,
    headerRow: mapping.headerRow,
    mappedColumns: mapping.columns.map((c) => ({
      field: MEMBER_FIELD_LABELS[c.field],
      header: c.header,
      column: c.column,
    })),
    unmappedHeaders: mapping.unmapped.map((u) => u.header),
    totalRows,
    validRows: valid.length,
    invalidRows: totalRows - valid.length,
    issues,
    notices,
    duplicates,
    preview,
    committed: false,
  };
  return { report, valid, notices };
}
