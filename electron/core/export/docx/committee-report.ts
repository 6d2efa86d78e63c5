/**
 * The committee's Word report on a year's ledgers (检查情况报告): facts computed from the ledger,
 * wording from templates/documents/committee-report.json, laid out like every other document
 * (GB/T 9704 page, exact line pitch, fonts in every slot).
 */
import { z } from 'zod';
import reportJson from '../../../../templates/documents/committee-report.json' with { type: 'json' };
import { type CommitteeBranchRow, FINDING_GROUPS, type FindingGroup } from '../../../api/committee.ts';
import type { ComplianceReport } from '../../../api/compliance.ts';
import { LedgerError } from '../../errors.ts';
import { type CommitteeYear, findingGroup } from '../../modules/committee/overview.ts';
import { safeFileName } from '../file-name.ts';
import { termText } from '../xlsx/committee-summary.ts';
import type { Block, ParaBlock, Row, TableBlock } from './blocks.ts';
import type { FontSettings } from './fonts.ts';
import { BODY_CHAR, BODY_LINE, BODY_SIZE_PT, TABLE_WIDTH, TEXT_WIDTH } from './page.ts';
import { paginate } from './paginate.ts';
import { renderDocx } from './render.ts';

const TEMPLATE_FILE = 'templates/documents/committee-report.json';
const text = z.string().min(1).max(2000);

const reportSchema = z.strictObject({
  id: text,
  name: text,
  version: text,
  example: z.boolean().optional(),
  title: text,
  fileName: text,
  intro: text,
  headings: z.strictObject({ overview: text, problems: text, grading: text, next: text }),
  noProblems: text,
  next: z.array(text).max(20),
  tableTitle: text,
  tableColumns: z
    .array(
      z.strictObject({
        header: text,
        field: z.enum(['branch', 'parent', 'members', 'findings', 'devOverdue', 'term', 'score', 'tier', 'stage']),
        width: z.number().int().min(300).max(9000),
      }),
    )
    .min(1)
    .max(10),
  signature: text,
  groupLabels: z.record(z.enum(FINDING_GROUPS), text),
});
export type CommitteeReportLayout = z.infer<typeof reportSchema>;

export function committeeReportLayout(json: unknown = reportJson): CommitteeReportLayout {
  const parsed = reportSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LedgerError(
      'BAD_FILE',
      `文档模板“${TEMPLATE_FILE}”有误：${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`,
    );
  }
  const width = parsed.data.tableColumns.reduce((s, c) => s + c.width, 0);
  if (width !== TABLE_WIDTH.portrait) {
    throw new LedgerError(
      'BAD_FILE',
      `文档模板“${TEMPLATE_FILE}”有误：tableColumns 的宽度合计 ${width}，应等于版心宽度 ${TABLE_WIDTH.portrait}（缇）。`,
    );
  }
  return parsed.data;
}

/** `{{name}}` from the values; a name the report does not supply is a template error, never a blank. */
function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined)
      throw new LedgerError('BAD_FILE', `文档模板“${TEMPLATE_FILE}”中的占位符 {{${key}}} 不存在。`);
    return String(value);
  });
}

const body = (textValue: string, extra: Partial<ParaBlock> = {}): ParaBlock => ({
  type: 'para',
  text: textValue,
  role: 'body',
  sizePt: BODY_SIZE_PT,
  line: BODY_LINE,
  align: 'both',
  firstLine: BODY_CHAR * 2,
  ...extra,
});

const heading = (textValue: string, role: 'heading1' | 'heading2'): ParaBlock =>
  body(textValue, { role, align: 'left', keepNext: true });

type ColumnField = CommitteeReportLayout['tableColumns'][number]['field'];
const CELL_TEXT: Record<ColumnField, (b: CommitteeBranchRow) => string> = {
  branch: (b) => b.branchName,
  parent: (b) => b.parentName ?? '',
  members: (b) => String(b.members),
  findings: (b) => String(b.findings.total),
  devOverdue: (b) => String(b.development.overdue),
  term: (b) => termText(b.term, true),
  score: (b) => String(b.assessment.total),
  tier: (b) => b.assessment.proposedTier,
  stage: (b) => b.assessment.stage,
};

const CHINESE_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** The most frequent problems of a group, each with how many branches have it. */
function groupSummary(reports: ComplianceReport[], group: FindingGroup): { count: number; lines: string[] } {
  const byRule = new Map<string, { label: string; branches: Set<string>; count: number }>();
  let count = 0;
  for (const report of reports) {
    const labels = new Map(report.rules.map((r) => [r.id, r.label]));
    for (const f of report.findings) {
      if (findingGroup(f.ruleId) !== group) continue;
      count += 1;
      const entry = byRule.get(f.ruleId) ?? {
        label: labels.get(f.ruleId) ?? f.message.replace(/^.*?：/, ''),
        branches: new Set<string>(),
        count: 0,
      };
      entry.branches.add(report.branchName);
      entry.count += 1;
      byRule.set(f.ruleId, entry);
    }
  }
  const lines = [...byRule.entries()]
    .sort((a, b) => b[1].count - a[1].count)
    .slice(0, 5)
    .map(([ruleId, e]) => {
      const names = [...e.branches];
      const shown = names.slice(0, 4).join('、') + (names.length > 4 ? `等${names.length}个党支部` : '');
      return `${e.label}（${ruleId}）：${e.count}条，涉及${shown}`;
    });
  return { count, lines };
}

export interface CommitteeReportDocument {
  fileName: string;
  buffer: Buffer;
  pages: number;
  problems: string[];
}

export async function buildCommitteeReport(
  data: CommitteeYear,
  committee: string,
  fonts: FontSettings,
  layout: CommitteeReportLayout = committeeReportLayout(),
): Promise<CommitteeReportDocument> {
  const { overview } = data;
  const t = overview.totals;
  const values = { committee, year: overview.year, branches: t.branches, asOf: overview.asOf };
  const title = fill(layout.title, values);
  const blocks: Block[] = [
    { type: 'para', text: title, role: 'title', sizePt: 22, line: 720, align: 'center' },
    body('', { line: 280 }),
    body(fill(layout.intro, values)),
    heading(layout.headings.overview, 'heading1'),
    body(
      `共检查党支部${t.branches}个，党员${t.members}名。${t.branchesWithFindings}个党支部存在问题，共${t.findings}条；` +
        `${t.branches - t.branchesWithFindings}个党支部规定动作均按期完成。换届已到期的党支部${t.termsExpired}个，` +
        `发展党员环节逾期${t.devOverdue}人，连续6个月以上未交党费${t.duesArrears}人。` +
        (t.filesNotIntact > 0 ? `另有${t.filesNotIntact}个党支部报送的文件在导出后被修改，已要求说明情况。` : ''),
    ),
    heading(layout.headings.problems, 'heading1'),
  ];
  let ordinal = 0;
  for (const group of FINDING_GROUPS) {
    const summary = groupSummary(data.reports, group);
    if (summary.count === 0) continue;
    blocks.push(heading(`（${CHINESE_ORDINALS[ordinal] ?? ordinal + 1}）${layout.groupLabels[group]}`, 'heading2'));
    ordinal += 1;
    summary.lines.forEach((line, i) => {
      blocks.push(body(`${i + 1}.${line}。`));
    });
  }
  if (ordinal === 0) blocks.push(body(layout.noProblems));

  blocks.push(heading(layout.headings.grading, 'heading1'));
  blocks.push(
    body(
      `按考核细则评分，拟定红旗型党支部${t.tiers.红旗型}个、示范型${t.tiers.示范型}个、标准型${t.tiers.标准型}个，未达标${t.tiers.未达标}个。`,
    ),
  );
  for (const tier of ['红旗型', '示范型', '标准型', '未达标'] as const) {
    const names = overview.branches.filter((b) => b.assessment.proposedTier === tier);
    if (names.length === 0) continue;
    blocks.push(body(`${tier}：${names.map((b) => `${b.branchName}（${b.assessment.total}分）`).join('、')}。`));
  }
  blocks.push(heading(layout.headings.next, 'heading1'));
  for (const line of layout.next) blocks.push(body(line));
  blocks.push(body('', { line: 280 }));
  blocks.push(body(fill(layout.signature, values), { align: 'right', firstLine: 0 }));
  blocks.push(
    body(overview.asOf.replace(/^(\d{4})-0?(\d+)-0?(\d+)$/, '$1年$2月$3日'), { align: 'right', firstLine: 0 }),
  );

  const cell = (value: string, align: 'left' | 'center' = 'center') => ({ paras: [{ text: value }], align });
  const headerRow: Row = {
    cells: layout.tableColumns.map((c) => ({ ...cell(c.header), role: 'heading1' as const, shade: true })),
  };
  const rowOf = (b: CommitteeBranchRow): Row => ({
    cells: layout.tableColumns.map((c) =>
      cell(CELL_TEXT[c.field](b), c.field === 'branch' || c.field === 'parent' ? 'left' : 'center'),
    ),
  });
  const table: TableBlock = {
    type: 'table',
    widths: layout.tableColumns.map((c) => c.width),
    header: [headerRow],
    rows: overview.branches.map(rowOf),
    sizePt: 12,
    line: 360,
    continuation: `${fill(layout.tableTitle, values)}（续）`,
  };
  blocks.push(
    body(fill(layout.tableTitle, values), {
      role: 'heading1',
      align: 'left',
      firstLine: 0,
      newPage: true,
      keepNext: true,
    }),
    table,
  );

  const pagination = paginate([{ orientation: 'portrait', numbered: true, blocks }], TEXT_WIDTH);
  const buffer = await renderDocx(pagination, {
    title,
    description: `${overview.year}年度 数据截至${overview.asOf}`,
    fonts,
  });
  return {
    fileName: safeFileName(fill(layout.fileName, values)),
    buffer,
    pages: pagination.pages,
    problems: pagination.problems,
  };
}
