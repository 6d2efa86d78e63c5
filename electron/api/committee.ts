import { z } from 'zod';
import type { Tier } from './assessment.ts';
import { method } from './contract.ts';
import type { TermInfo } from './elections.ts';
import type { VerifyStatus } from './workbook.ts';

/** Findings grouped the way an inspector reads them. */
export const FINDING_GROUPS = ['组织生活', '党费', '发展党员', '换届', '其他'] as const;
export type FindingGroup = (typeof FINDING_GROUPS)[number];

/** One 党支部 of the ledger (its own or imported from a branch's file) as the committee sees it for a year. */
export interface CommitteeBranchRow {
  branchId: number;
  branchName: string;
  /** The 党总支 or 党委 it belongs to. */
  parentName: string | null;
  /** On the roll on the report's as-of day. */
  members: number;
  meetingsHeld: number;
  /** Periods the rule set requires something in, that are over, and how many of them were missed. */
  periodsDue: number;
  periodsMissed: number;
  findings: { total: number; errors: number; byGroup: Record<FindingGroup, number> };
  development: { inProgress: number; overdue: number };
  term: { state: TermInfo['state']; endDate: string | null; message: string };
  /** Members at or above the rule set's arrears alert (DUES-01). */
  duesArrears: number;
  /** The last file this branch's records were imported from (the auditor's ledger); null when entered here. */
  source: {
    fileName: string;
    kind: 'ledger-workbook' | 'fill-in-template' | 'ledger-package';
    integrity: VerifyStatus;
    importedAt: string;
  } | null;
  assessment: {
    total: number;
    maxTotal: number;
    proposedTier: Tier | '未达标';
    previousTier: Tier | '未达标' | null;
    stage: '自评' | '上级评审' | '已公示';
    blockers: string[];
  };
}

export interface CommitteeOverview {
  year: number;
  asOf: string;
  ruleSet: { id: string; version: string };
  branches: CommitteeBranchRow[];
  totals: {
    branches: number;
    members: number;
    findings: number;
    branchesWithFindings: number;
    termsExpired: number;
    devOverdue: number;
    duesArrears: number;
    tiers: Record<Tier | '未达标', number>;
    /** Branches whose last imported file was edited after export or carries a signature that does not match. */
    filesNotIntact: number;
  };
}

export interface CommitteeReportFile {
  fileName: string;
  dataBase64: string;
  warnings: string[];
}

const year = z.number().int().min(2000).max(2100);

export const committeeApi = {
  /** Every 党支部 side by side for a year: gaps, 发展党员 overdue, terms, dues arrears, score and tier. */
  'committee.overview': method<CommitteeOverview>()(z.object({ year })),
  /** The committee's summary workbook (汇总表 + 问题清单), print-ready. */
  'committee.summaryWorkbook': method<CommitteeReportFile>()(z.object({ year })),
  /** The committee's Word report on the year's ledgers (检查情况报告). */
  'committee.reportDocx': method<CommitteeReportFile>()(z.object({ year })),
};
