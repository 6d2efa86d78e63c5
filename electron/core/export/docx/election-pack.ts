import { z } from 'zod';
import electionTemplateJson from '../../../../templates/documents/election-pack.json' with { type: 'json' };
import type { Block, Cell, Flow, Row, TableBlock } from './blocks.ts';
import type { FontSettings } from './fonts.ts';
import { fill } from './layout.ts';
import type { ComposedDocument } from './meeting-record.ts';
import { BODY_CHAR, TABLE_WIDTH } from './page.ts';
import {
  bodyPara,
  type ColumnRow,
  checkColumns,
  checkPlaceholders,
  columnSchema,
  columnTable,
  documentFileName,
  para,
  parseTemplate,
  renderSingle,
  signatureBlocks,
  templateHead,
  templateText,
  titleBlocks,
} from './talk-record.ts';

/**
 * The election document pack (RULES.md §5.3) of one election: 请示, 选票 (candidates in 姓氏笔画
 * order), 计票单 and 选举结果报告单.
 *
 * One .docx, each part in its own section (so each starts on a new page), rather than a zip of four
 * files: a clerk opens one file and prints it with one click in Word or WPS; a zip has to be unpacked
 * first, which is where non-technical users get lost, and loose files get separated. A clerk who wants
 * only the ballots prints that page range.
 */

export const ELECTION_FIELDS = [
  'branch',
  'organisation',
  'parentOrganisation',
  'members',
  'fullMembers',
  'probationers',
  'termStart',
  'termEnd',
  'termYears',
  'plannedOn',
  'requestDate',
  'seats',
  'ratio',
  'candidates',
  'difference',
  'base',
  'heldOn',
  'eligible',
  'present',
  'ballotsIssued',
  'ballotsReturned',
  'validBallots',
  'invalidBallots',
  'threshold',
  'attendance',
  'batch',
  'scrutineers',
] as const;
export type ElectionField = (typeof ELECTION_FIELDS)[number];

const TALLY_FIELDS = ['order', 'name', 'strokes', 'yes', 'note'] as const;
const REPORT_FIELDS = ['order', 'name', 'yes', 'result'] as const;

const electionTemplateSchema = z.strictObject({
  ...templateHead,
  fileName: templateText,
  request: z.strictObject({
    title: templateText,
    addressee: z.string(),
    paragraphs: z.array(templateText).min(1).max(30),
    signature: z.string(),
    date: z.string(),
  }),
  ballot: z.strictObject({
    title: templateText,
    titleSizePt: z.number().min(12).max(26).default(18),
    /** Ballots on one printed page, separated by a cut line. */
    perPage: z.number().int().min(1).max(4).default(1),
    /** Candidates per row of the grid; more candidates take more rows. */
    perRow: z.number().int().min(2).max(10).default(6),
    labelWidth: z.number().int().min(800).max(3000).default(1500),
    fontSizePt: z.number().min(9).max(16).default(14),
    lineTwips: z.number().int().min(240).max(800).default(440),
    instructionSizePt: z.number().min(8).max(16).default(10.5),
    instructions: z.array(templateText).max(10),
    candidateLabel: templateText,
    markLabel: templateText,
    writeInLabel: templateText,
    cutLine: templateText,
  }),
  tally: z.strictObject({
    title: templateText,
    summary: z.string(),
    columns: z.array(columnSchema).min(1).max(8),
    signature: z.array(z.string()).max(6).default([]),
  }),
  report: z.strictObject({
    title: templateText,
    intro: z.string(),
    counts: z.array(z.strictObject({ label: templateText, field: z.enum(ELECTION_FIELDS) })).max(12),
    verdict: z.string(),
    columns: z.array(columnSchema).min(1).max(8),
    elected: templateText,
    notElected: templateText,
    /** {{attendance}} and {{batch}} of the verdict, by the tally's checks. */
    attendanceValid: templateText,
    attendanceInvalid: templateText,
    batchValid: templateText,
    batchInvalid: templateText,
    signature: z.array(z.string()).max(6).default([]),
  }),
});
export type ElectionTemplate = z.output<typeof electionTemplateSchema>;

export function loadElectionTemplate(raw: unknown, name = 'election-pack.json'): ElectionTemplate {
  const t = parseTemplate(electionTemplateSchema, raw, name);
  const label = `${t.name}（${name}）`;
  const check = (key: string, value: string) => checkPlaceholders(label, key, value, ELECTION_FIELDS);
  check('fileName', t.fileName);
  check('request.title', t.request.title);
  check('request.addressee', t.request.addressee);
  t.request.paragraphs.forEach((p, i) => {
    check(`request.paragraphs.${i}`, p);
  });
  check('request.signature', t.request.signature);
  check('request.date', t.request.date);
  check('ballot.title', t.ballot.title);
  t.ballot.instructions.forEach((p, i) => {
    check(`ballot.instructions.${i}`, p);
  });
  check('tally.title', t.tally.title);
  check('tally.summary', t.tally.summary);
  t.tally.signature.forEach((p, i) => {
    check(`tally.signature.${i}`, p);
  });
  check('report.title', t.report.title);
  check('report.intro', t.report.intro);
  check('report.verdict', t.report.verdict);
  t.report.signature.forEach((p, i) => {
    check(`report.signature.${i}`, p);
  });
  checkColumns(label, 'tally.columns', t.tally.columns, TALLY_FIELDS, 'portrait');
  checkColumns(label, 'report.columns', t.report.columns, REPORT_FIELDS, 'portrait');
  return t;
}

let cached: ElectionTemplate | null = null;
export function defaultElectionTemplate(): ElectionTemplate {
  cached ??= loadElectionTemplate(electionTemplateJson, 'templates/documents/election-pack.json');
  return cached;
}

export interface ElectionPackData {
  /** Placeholder values; counts not known yet are blanks to fill in by hand. */
  values: Record<Exclude<ElectionField, 'attendance' | 'batch'>, string>;
  /** The tally's checks (选举工作条例 4/5 attendance, ballots returned ≤ issued); null before the count. */
  checks: { attendanceValid: boolean; batchValid: boolean } | null;
  /** In 姓氏笔画 order, numbered from 1. */
  candidates: Array<{ order: number; name: string }>;
  /** Everyone who received votes (candidates and write-ins), with the count if tallied. */
  results: Array<{ name: string; yes: string; candidate: boolean; elected: boolean | null }>;
  names: string[];
}

type Values = Readonly<Record<ElectionField, string>>;

/** A count not known yet: a blank to fill in by hand. */
const BLANK = '　　';

function requestBlocks(t: ElectionTemplate, values: Values): Block[] {
  const r = t.request;
  return [
    ...titleBlocks(fill(r.title, values)),
    para(fill(r.addressee, values)),
    ...r.paragraphs.map((p) => bodyPara(fill(p, values))),
    para('', {}),
    para(fill(r.signature, values), { align: 'right', indentLeft: 0, spaceBefore: 560 }),
    para(fill(r.date, values), { align: 'right' }),
  ];
}

/** A ballot grid: label column, then `perRow` name cells over mark cells; write-in rows at the end. */
function ballotGrid(t: ElectionTemplate, data: ElectionPackData, values: Values): TableBlock {
  const b = t.ballot;
  const rest = TABLE_WIDTH.portrait - b.labelWidth;
  const cell = Math.floor(rest / b.perRow);
  const widths = [
    b.labelWidth,
    ...Array.from({ length: b.perRow }, (_, i) => (i === b.perRow - 1 ? rest - cell * (b.perRow - 1) : cell)),
  ];
  const label = (text: string): Cell => ({ paras: [{ text }], align: 'center', role: 'heading1' });
  const markRow = (): Row => ({
    cells: [
      label(b.markLabel),
      ...Array.from({ length: b.perRow }, (): Cell => ({ paras: [{ text: '' }, { text: '' }] })),
    ],
  });
  const rows: Row[] = [];
  for (let i = 0; i < Math.max(1, data.candidates.length); i += b.perRow) {
    const chunk = data.candidates.slice(i, i + b.perRow);
    rows.push({
      cells: [
        label(b.candidateLabel),
        ...Array.from(
          { length: b.perRow },
          (_, k): Cell => ({ paras: [{ text: chunk[k]?.name ?? '' }], align: 'center' }),
        ),
      ],
    });
    rows.push(markRow());
  }
  rows.push({
    cells: [label(b.writeInLabel), ...Array.from({ length: b.perRow }, (): Cell => ({ paras: [{ text: '' }] }))],
  });
  rows.push(markRow());
  return {
    type: 'table',
    widths,
    header: [],
    rows,
    sizePt: b.fontSizePt,
    line: b.lineTwips,
    continuation: `${fill(b.title, values)}（续）`,
  };
}

function ballotBlocks(t: ElectionTemplate, data: ElectionPackData, values: Values): Block[] {
  const b = t.ballot;
  const blocks: Block[] = [];
  for (let copy = 0; copy < b.perPage; copy += 1) {
    if (copy > 0) blocks.push(para(b.cutLine, { align: 'center', sizePt: 10.5, line: 300, spaceBefore: 120 }));
    blocks.push(
      para(fill(b.title, values), {
        role: 'title',
        sizePt: b.titleSizePt,
        line: Math.round(b.titleSizePt * 30),
        align: 'center',
        spaceBefore: copy > 0 ? 120 : 0,
        keepNext: true,
      }),
    );
    for (const line of b.instructions) {
      blocks.push(
        para(fill(line, values), {
          sizePt: b.instructionSizePt,
          line: Math.round(b.instructionSizePt * 28),
          align: 'both',
          indentLeft: 0,
          keepNext: true,
        }),
      );
    }
    blocks.push(ballotGrid(t, data, values));
  }
  return blocks;
}

function tallyBlocks(t: ElectionTemplate, data: ElectionPackData, values: Values): Block[] {
  const candidates = new Set(data.candidates.map((c) => c.name));
  const byName = new Map(data.results.map((r) => [r.name, r]));
  const rows: ColumnRow[] = data.candidates.map((c) => ({
    values: { order: String(c.order), name: c.name, strokes: '', yes: byName.get(c.name)?.yes ?? '', note: '' },
  }));
  const writeIns = data.results.filter((r) => !candidates.has(r.name));
  writeIns.forEach((r, i) => {
    rows.push({
      values: {
        order: String(data.candidates.length + i + 1),
        name: r.name,
        strokes: '',
        yes: r.yes,
        note: t.ballot.writeInLabel,
      },
    });
  });
  // Blank lines for write-ins counted by hand when no tally has been entered yet.
  if (data.results.length === 0) {
    for (let i = 0; i < 2; i += 1)
      rows.push({ values: { order: String(data.candidates.length + i + 1), note: t.ballot.writeInLabel } });
  }
  return [
    ...titleBlocks(fill(t.tally.title, values)),
    para(fill(t.tally.summary, values), { sizePt: 14, line: 440, align: 'both', keepNext: true }),
    para('', { line: 200 }),
    columnTable(t.tally.columns, rows, {
      orientation: 'portrait',
      sizePt: 14,
      line: 560,
      continuation: `${t.tally.title}（续）`,
    }),
    ...signatureBlocks(t.tally.signature, values),
  ];
}

function reportBlocks(t: ElectionTemplate, data: ElectionPackData, values: Values): Block[] {
  const r = t.report;
  const counts = r.counts;
  const half = Math.ceil(counts.length / 2);
  const countRows: Row[] = Array.from({ length: half }, (_, i) => {
    const a = counts[i];
    const b = counts[i + half];
    const pair = (c: (typeof counts)[number] | undefined): Cell[] => [
      { paras: [{ text: c?.label ?? '' }], align: 'center', role: 'heading1' },
      { paras: [{ text: c ? values[c.field] : '' }], align: 'center' },
    ];
    return { cells: [...pair(a), ...pair(b)] };
  });
  const results = [...data.results].sort((a, b) => Number(b.yes || 0) - Number(a.yes || 0));
  const rows: ColumnRow[] = (
    results.length > 0 ? results : data.candidates.map((c) => ({ name: c.name, yes: '', elected: null }))
  ).map((x, i) => ({
    values: {
      order: String(i + 1),
      name: x.name,
      yes: x.yes,
      result: x.elected === null ? '' : x.elected ? r.elected : r.notElected,
    },
  }));
  return [
    ...titleBlocks(fill(r.title, values)),
    bodyPara(fill(r.intro, values)),
    para('', { line: 200 }),
    {
      type: 'table',
      widths: [2700, 1722, 2700, TABLE_WIDTH.portrait - 2700 - 1722 - 2700],
      header: [],
      rows: countRows,
      sizePt: 14,
      line: 480,
      continuation: `${r.title}（续）`,
    },
    bodyPara(fill(r.verdict, values), { spaceBefore: 200, sizePt: 14, line: 440, firstLine: BODY_CHAR * 2 }),
    para('', { line: 200 }),
    columnTable(r.columns, rows, { orientation: 'portrait', sizePt: 14, line: 480, continuation: `${r.title}（续）` }),
    ...signatureBlocks(r.signature, values),
  ];
}

export async function buildElectionPack(
  data: ElectionPackData,
  fonts: Partial<FontSettings> = {},
  template: ElectionTemplate = defaultElectionTemplate(),
): Promise<ComposedDocument & { fileName: string }> {
  const r = template.report;
  const values: Record<ElectionField, string> = {
    ...data.values,
    attendance: data.checks ? (data.checks.attendanceValid ? r.attendanceValid : r.attendanceInvalid) : BLANK,
    batch: data.checks ? (data.checks.batchValid ? r.batchValid : r.batchInvalid) : BLANK,
  };
  // One section per part: each begins on a new page. Ballots carry no page number (they are cut and handed out).
  const flows: Flow[] = [
    { orientation: 'portrait', numbered: true, blocks: requestBlocks(template, values) },
    { orientation: 'portrait', numbered: false, blocks: ballotBlocks(template, data, values) },
    { orientation: 'portrait', numbered: true, blocks: tallyBlocks(template, data, values) },
    { orientation: 'portrait', numbered: true, blocks: reportBlocks(template, data, values) },
  ];
  const doc = await renderSingle(
    flows,
    { title: `${values.branch}${template.name}`, description: `${template.name} ${template.version}` },
    fonts,
  );
  return { ...doc, fileName: documentFileName(template.fileName, values) };
}
