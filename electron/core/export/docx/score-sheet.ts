import { z } from 'zod';
import scoreTemplateJson from '../../../../templates/documents/score-sheet.json' with { type: 'json' };
import type { Block } from './blocks.ts';
import type { FontSettings } from './fonts.ts';
import { fill } from './layout.ts';
import type { ComposedDocument } from './meeting-record.ts';
import {
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
 * The assessment score sheet of a branch-year: every rubric item with its points, the score, the
 * ledger records behind an automatic score (meeting dates and kinds, talks, dues months …) and the
 * assessor's comment; the total, vetoes, proposed tier and what blocks a higher one; the dates of
 * 自评 / 评审 / 公示 and the signature lines. Landscape: the evidence column needs the width.
 */

export const SCORE_FIELDS = [
  'branch',
  'year',
  'rubric',
  'total',
  'maxTotal',
  'tier',
  'vetoes',
  'blockers',
  'stage',
  'selfScoredAt',
  'reviewedAt',
  'publicity',
] as const;
export type ScoreField = (typeof SCORE_FIELDS)[number];
export const SCORE_COLUMNS = ['seq', 'category', 'item', 'maxPoints', 'score', 'evidence', 'comment', 'mode'] as const;
export type ScoreColumn = (typeof SCORE_COLUMNS)[number];

const scoreTemplateSchema = z.strictObject({
  ...templateHead,
  fileName: templateText,
  title: templateText,
  subtitle: z.string(),
  orientation: z.enum(['portrait', 'landscape']).default('landscape'),
  fontSizePt: z.number().min(8).max(16).default(10.5),
  lineTwips: z.number().int().min(200).max(800).default(300),
  /** Records listed per item; the rest are counted (一项会议记录就是一行，十二个月的党费不必逐条印出). */
  evidenceLimit: z.number().int().min(1).max(200).default(12),
  evidenceMore: templateText,
  pending: templateText,
  columns: z.array(columnSchema).min(1).max(10),
  totalLabel: templateText,
  summary: z.array(z.string()).max(10),
  signature: z.array(z.string()).max(6).default([]),
});
export type ScoreTemplate = z.output<typeof scoreTemplateSchema>;

export function loadScoreTemplate(raw: unknown, name = 'score-sheet.json'): ScoreTemplate {
  const t = parseTemplate(scoreTemplateSchema, raw, name);
  const label = `${t.name}（${name}）`;
  for (const key of ['fileName', 'title', 'subtitle'] as const) checkPlaceholders(label, key, t[key], SCORE_FIELDS);
  checkPlaceholders(label, 'evidenceMore', t.evidenceMore, ['count']);
  t.summary.forEach((line, i) => {
    checkPlaceholders(label, `summary.${i}`, line, SCORE_FIELDS);
  });
  t.signature.forEach((line, i) => {
    checkPlaceholders(label, `signature.${i}`, line, SCORE_FIELDS);
  });
  checkColumns(label, 'columns', t.columns, SCORE_COLUMNS, t.orientation);
  return t;
}

let cached: ScoreTemplate | null = null;
export function defaultScoreTemplate(): ScoreTemplate {
  cached ??= loadScoreTemplate(scoreTemplateJson, 'templates/documents/score-sheet.json');
  return cached;
}

export interface ScoreItemData {
  category: string;
  item: string;
  maxPoints: number;
  /** null: a manual item not scored yet. */
  score: number | null;
  mode: string;
  /** What the automatic score says (支委会 11/12 个月召开 …). */
  explanation: string;
  /** The records behind it, one label each. */
  evidence: string[];
  comment: string;
}

export interface ScoreSheetData {
  values: Record<ScoreField, string>;
  items: ScoreItemData[];
  names: string[];
}

function points(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1).replace(/\.0$/, '');
}

function evidenceText(item: ScoreItemData, t: ScoreTemplate): string {
  const shown = item.evidence.slice(0, t.evidenceLimit);
  const more = item.evidence.length > shown.length ? fill(t.evidenceMore, { count: item.evidence.length }) : '';
  const list = shown.length > 0 ? `${shown.join('；')}${more ? `${more}` : ''}` : '';
  return [item.explanation, list].filter(Boolean).join('\n');
}

export async function buildScoreSheet(
  data: ScoreSheetData,
  fonts: Partial<FontSettings> = {},
  template: ScoreTemplate = defaultScoreTemplate(),
): Promise<ComposedDocument & { fileName: string }> {
  const t = template;
  const values = data.values;
  const title = fill(t.title, values);
  let previous = '';
  const rows: ColumnRow[] = data.items.map((item, i) => {
    // The category is printed on its first item only, so the groups read at a glance.
    const category = item.category === previous ? '' : item.category;
    previous = item.category;
    return {
      values: {
        seq: String(i + 1),
        category,
        item: item.item,
        maxPoints: points(item.maxPoints),
        score: item.score === null ? t.pending : points(item.score),
        evidence: evidenceText(item, t),
        comment: item.comment,
        mode: item.mode,
      },
    };
  });
  const max = data.items.reduce((s, x) => s + x.maxPoints, 0);
  rows.push({
    values: { seq: '', category: t.totalLabel, maxPoints: points(max), score: values.total },
    bold: true,
  });
  const blocks: Block[] = [
    ...titleBlocks(title, fill(t.subtitle, values)),
    columnTable(t.columns, rows, {
      orientation: t.orientation,
      sizePt: t.fontSizePt,
      line: t.lineTwips,
      continuation: `${title}（续）`,
    }),
    para('', { line: 200, keepNext: true }),
    // The summary stays in one piece with the signatures under it.
    ...t.summary.map((line) => para(fill(line, values), { sizePt: 14, line: 440, align: 'both', keepNext: true })),
    ...signatureBlocks(t.signature, values),
  ];
  const doc = await renderSingle(
    [{ orientation: t.orientation, numbered: true, blocks }],
    { title, description: `${t.name} ${t.version}` },
    fonts,
  );
  return { ...doc, fileName: documentFileName(t.fileName, values) };
}
