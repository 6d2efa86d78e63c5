/**
 * Finding the header row of a 党员花名册 and mapping its Chinese headers to our fields.
 * Rosters come from many templates (RULES.md §8.2): a title row, blank rows, "（必填）" markers,
 * line breaks inside headers and different words for the same column are all normal.
 */
import type { MemberFields } from '../../../../api/org.ts';
import type { CellValue, SheetRow } from './xlsx-read.ts';

export type RosterField = keyof MemberFields;

/** Header words per field, in normalised form (see normalizeHeader). */
export const HEADER_SYNONYMS: Record<RosterField, readonly string[]> = {
  name: ['姓名', '党员姓名'],
  gender: ['性别'],
  ethnicity: ['民族'],
  birthDate: ['出生日期', '出生年月', '出生年月日', '生日', '出生时间'],
  idNumber: ['公民身份号码', '身份证号', '身份证号码', '身份证', '公民身份证号码', '身份证件号码'],
  education: ['学历', '文化程度', '最高学历'],
  personCategory: ['人员类别', '人员身份'],
  joinDate: ['入党时间', '入党日期', '入党年月', '加入党组织日期', '入党年月日'],
  fullDate: ['转正时间', '转正日期', '转为正式党员日期', '转正年月'],
  groupId: ['所在党小组', '党小组'],
  job: ['工作岗位', '岗位', '职务', '工作单位及职务'],
  phone: ['联系电话', '手机', '手机号码', '电话', '手机号', '联系方式'],
  address: ['家庭住址', '住址', '家庭地址'],
  note: ['备注'],
};

/** Columns that carry no member data and are dropped without being listed as unknown. */
const IGNORED_HEADERS = new Set(['序号', '序', 'NO', 'NO.']);

const SCAN_ROWS = 15;

const SYNONYM_TO_FIELD = new Map<string, RosterField>(
  Object.entries(HEADER_SYNONYMS).flatMap(([field, words]) => words.map((w) => [w, field as RosterField] as const)),
);

export interface MappedColumn {
  field: RosterField;
  /** 1-based column number. */
  col: number;
  /** Column letter as Excel shows it: A, B, …, AA. */
  column: string;
  /** The header text as found in the file. */
  header: string;
}

export interface HeaderMapping {
  /** 1-based row number of the header row. */
  headerRow: number;
  columns: MappedColumn[];
  /** Headers we do not import, as written in the file, with their column letter. */
  unmapped: Array<{ header: string; column: string }>;
}

/** 1 → A, 27 → AA. */
export function columnLetter(col: number): string {
  let n = col;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** Display text of a header cell; headers are text, but a year typed as a header is a number. */
function headerText(value: CellValue): string {
  if (value === null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).trim();
}

/**
 * Full-width → half-width (NFKC), no whitespace or line breaks, no `*` required-markers, and no
 * parenthesised remarks such as （必填）, (YYYY-MM-DD) or 【选填】.
 */
export function normalizeHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[*＊]/g, '')
    .replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】|<[^>]*>/g, '')
    .replace(/[:：]$/, '')
    .toUpperCase();
}

export function fieldForHeader(text: string): RosterField | 'ignored' | null {
  const key = normalizeHeader(text);
  if (key === '') return null;
  if (IGNORED_HEADERS.has(key)) return 'ignored';
  return SYNONYM_TO_FIELD.get(key) ?? null;
}

function mapRow(row: SheetRow): HeaderMapping {
  const columns: MappedColumn[] = [];
  const unmapped: HeaderMapping['unmapped'] = [];
  const taken = new Set<RosterField>();
  row.cells.forEach((value, index) => {
    const header = headerText(value);
    if (header === '') return;
    const column = columnLetter(index + 1);
    const field = fieldForHeader(header);
    if (field === 'ignored') return;
    // A second column for the same field (手机 and 电话) is left out rather than merged: which
    // one is right is the clerk's call, and the report shows it as not imported.
    if (field === null || taken.has(field)) {
      unmapped.push({ header, column });
      return;
    }
    taken.add(field);
    columns.push({ field, col: index + 1, column, header });
  });
  return { headerRow: row.row, columns, unmapped };
}

/**
 * The header row is the one among the first rows with the most recognised headers that has a
 * 姓名 column; null when none has one.
 */
export function findHeaderRow(rows: readonly SheetRow[]): HeaderMapping | null {
  let best: HeaderMapping | null = null;
  for (const row of rows) {
    if (row.row > SCAN_ROWS) break;
    const mapping = mapRow(row);
    if (!mapping.columns.some((c) => c.field === 'name')) continue;
    if (!best || mapping.columns.length > best.columns.length) best = mapping;
  }
  return best;
}

export const HEADER_SCAN_ROWS = SCAN_ROWS;
