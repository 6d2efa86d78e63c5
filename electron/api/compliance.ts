import { z } from 'zod';
import { method } from './contract.ts';

/** A rule's verdict for one period of a branch-year, with the evidence behind it. */
export interface ComplianceCell {
  ruleId: string;
  /** 'YYYY-MM', 'YYYY-Qn' or 'YYYY'. */
  period: string;
  required: number;
  held: number;
  /** ok: met; missing: the period is over (or the year is) and it was not met; pending: still open. */
  state: 'ok' | 'missing' | 'pending' | 'not-applicable';
  /** Ids of the records that count. */
  evidence: number[];
}

export interface ComplianceFinding {
  ruleId: string;
  severity: 'error' | 'warning';
  /** e.g. 2026年3月 缺支委会. */
  message: string;
  period: string | null;
  memberId: number | null;
  source: string;
}

export interface ComplianceRuleInfo {
  id: string;
  label: string;
  frequency: string;
  source: string;
  tag: string;
}

export interface ComplianceReport {
  branchId: number;
  branchName: string;
  year: number;
  asOf: string;
  ruleSet: { id: string; version: string };
  rules: ComplianceRuleInfo[];
  cells: ComplianceCell[];
  findings: ComplianceFinding[];
  studyHours: Array<{ memberId: number; name: string; hours: number; required: number }>;
}

export const complianceApi = {
  'compliance.year': method<ComplianceReport>()(
    z.object({ branchId: z.number().int().positive(), year: z.number().int().min(2000).max(2100) }),
  ),
};
