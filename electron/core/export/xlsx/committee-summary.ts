/**
 * The committee's summary workbook of a year (issue #7, the auditor's side): 说明, 汇总表 (every
 * 党支部 side by side) and 问题清单 (every finding with its rule and source), print-ready like the
 * ledger workbook and laid out by templates/workbooks/committee-summary.json.
 */
import summaryLayoutJson from '../../../../templates/workbooks/committee-summary.json' with { type: 'json' };
import type { CommitteeBranchRow } from '../../../api/committee.ts';
import type { Ledger } from '../../ledger.ts';
import { type CommitteeYear, findingGroup } from '../../modules/committee/overview.ts';
import { listUnits } from '../../modules/org/units.ts';
import { fillPlaceholders, ledgerWorkbookLayout, localTime, safeFileName } from './layout.ts';
import { type CoverLine, writeCoverSheet, writeDataSheet } from './ledger-sheets.ts';
import { writeWorkbook } from './sheet-writer.ts';
import type { SourceData } from './sources/index.ts';

const BRANCH_FIELDS = [
  'parent',
  'branch',
  'members',
  'meetingsHeld',
  'periodsDue',
  'periodsMissed',
  'findings',
  'findingsLife',
  'findingsDues',
  'devOverdue',
  'term',
  'duesArrears',
  'score',
  'tier',
  'previousTier',
  'stage',
  'blockers',
  'integrity',
] as const;
const FINDING_FIELDS = ['branch', 'group', 'ruleId', 'severity', 'period', 'message', 'source'] as const;

const SOURCES = { committeeBranches: BRANCH_FIELDS, committeeFindings: FINDING_FIELDS };

const TERM_WORDS: Record<CommitteeBranchRow['term']['state'], string> = {
  ok: '任期内',
  warning: '即将到期',
  expired: '已到期',
  unknown: '未登记任期',
};

/** 任期内（2027-11-23）; `short` (a narrow table column) gives the month only, and only when it matters. */
const INTEGRITY_WORDS: Record<NonNullable<CommitteeBranchRow['source']>['integrity'], string> = {
  intact: '完好',
  edited: '导出后被修改',
  unsigned: '无签名',
  'bad-signature': '签名不符',
};

export function termText(term: CommitteeBranchRow['term'], short = false): string {
  if (!term.endDate) return TERM_WORDS[term.state];
  if (!short) return `${TERM_WORDS[term.state]}（${term.endDate}）`;
  return term.state === 'ok' ? TERM_WORDS.ok : `${TERM_WORDS[term.state]}（${term.endDate.slice(0, 7)}）`;
}

function branchesData(data: CommitteeYear): SourceData {
  const rows = data.overview.branches.map((b) => ({
    id: `org_unit:${b.branchId}`,
    values: {
      parent: b.parentName,
      branch: b.branchName,
      members: b.members,
      meetingsHeld: b.meetingsHeld,
      periodsDue: b.periodsDue,
      periodsMissed: b.periodsMissed,
      findings: b.findings.total,
      findingsLife: b.findings.byGroup.组织生活,
      findingsDues: b.findings.byGroup.党费,
      devOverdue: b.development.overdue,
      term: termText(b.term),
      duesArrears: b.duesArrears,
      score: b.assessment.total,
      tier: b.assessment.proposedTier,
      previousTier: b.assessment.previousTier,
      stage: b.assessment.stage,
      blockers: b.assessment.blockers.join('；') || null,
      integrity: b.source ? INTEGRITY_WORDS[b.source.integrity] : '本台账录入',
    },
  }));
  const t = data.overview.totals;
  return {
    rows,
    totals: {
      members: t.members,
      meetingsHeld: data.overview.branches.reduce((s, b) => s + b.meetingsHeld, 0),
      periodsMissed: data.overview.branches.reduce((s, b) => s + b.periodsMissed, 0),
      findings: t.findings,
      devOverdue: t.devOverdue,
      duesArrears: t.duesArrears,
    },
    notes: [
      `数据截至 ${data.overview.asOf}；规则集 ${data.overview.ruleSet.id} ${data.overview.ruleSet.version}。`,
      `拟定等次：红旗型 ${t.tiers.红旗型} 个，示范型 ${t.tiers.示范型} 个，标准型 ${t.tiers.标准型} 个，未达标 ${t.tiers.未达标} 个。`,
      '“发展党员逾期”“换届”为截至导出之日的情况。',
    ],
  };
}

function findingsData(data: CommitteeYear): SourceData {
  let n = 0;
  const rows = data.reports.flatMap((report) =>
    report.findings.map((f) => {
      n += 1;
      return {
        id: `finding:${n}`,
        values: {
          branch: report.branchName,
          group: findingGroup(f.ruleId),
          ruleId: f.ruleId,
          severity: f.severity === 'error' ? '问题' : '提醒',
          period: f.period,
          message: f.message,
          source: f.source,
        },
      };
    }),
  );
  return { rows };
}

export interface CommitteeSummaryWorkbook {
  fileName: string;
  buffer: Buffer;
}

export async function exportCommitteeSummary(ledger: Ledger, data: CommitteeYear): Promise<CommitteeSummaryWorkbook> {
  const layout = ledgerWorkbookLayout(SOURCES, summaryLayoutJson, 'templates/workbooks/committee-summary.json');
  const committee = listUnits(ledger).find((u) => u.parentId === null)?.name ?? '';
  const placeholders = { committee, year: data.overview.year };
  const title = fillPlaceholders(layout.cover.title, placeholders);
  const gathered: Record<string, SourceData> = {
    committeeBranches: branchesData(data),
    committeeFindings: findingsData(data),
  };
  const t = data.overview.totals;
  const lines: CoverLine[] = [
    { label: '党组织', value: committee },
    { label: '年度', value: `${data.overview.year}年度` },
    { label: '数据截至', value: data.overview.asOf },
    { label: '导出时间', value: localTime(ledger.clock()) },
    { label: '党支部', value: `${t.branches} 个，党员 ${t.members} 名` },
    { label: '有问题的党支部', value: `${t.branchesWithFindings} 个，问题 ${t.findings} 条` },
    { label: '换届已到期', value: `${t.termsExpired} 个党支部` },
    {
      label: '拟定等次',
      value: `红旗型 ${t.tiers.红旗型}，示范型 ${t.tiers.示范型}，标准型 ${t.tiers.标准型}，未达标 ${t.tiers.未达标}`,
    },
  ];
  const buffer = await writeWorkbook(
    { creator: 'Branch Ledger 党支部工作台账', created: ledger.clock(), title },
    (workbook) => {
      writeCoverSheet(workbook, layout, title, lines);
      for (const sheet of layout.sheets) {
        const sheetData = gathered[sheet.source] ?? { rows: [] };
        writeDataSheet(workbook, layout, sheet, fillPlaceholders(sheet.title, placeholders), sheetData);
      }
    },
  );
  return { fileName: safeFileName(fillPlaceholders(layout.fileName, placeholders)), buffer };
}
