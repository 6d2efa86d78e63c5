import type { ComplianceCell, ComplianceFinding } from '../../api/compliance.ts';

/**
 * Everything the grading rubric may look at for one branch-year, gathered from the ledger by
 * modules/assessment/facts.ts. Pure data: the rubric's metrics are functions of this.
 */
export interface Evidence {
  kind: 'meeting' | 'talk' | 'dues' | 'development' | 'project' | 'plan';
  id: number | string;
  label: string;
}

export interface BranchYearFacts {
  year: number;
  asOf: string;
  branch: { id: number; name: string };
  /** The compliance report of the year (MTG-01…10, DUES-01, DEV-xx, TERM-01). */
  compliance: { cells: ComplianceCell[]; findings: ComplianceFinding[] };
  meetings: Array<{
    id: number;
    kinds: string[];
    heldOn: string;
    expected: number;
    present: number;
    backfilled: boolean;
    attachments: number;
  }>;
  studyHours: Array<{ memberId: number; hours: number; required: number }>;
  dues: {
    members: number;
    profiled: number;
    monthsDue: number;
    monthsPaid: number;
    longestArrears: number;
    membersInArrears: number;
  };
  development: { people: number; overdue: number; stepsRecorded: number; stepsWithOverride: number };
  term: { state: 'ok' | 'warning' | 'expired' | 'unknown'; endDate: string | null };
  projects: { count: number; targets: number; targetsMet: number; problems: number; problemsClosed: number };
  rectifications: { total: number; closed: number; overdue: number };
  plans: { annual: boolean; monthly: number; items: number; done: number; overdue: number };
  members: { total: number; full: number; committeeSize: number; groups: number };
  /** The tier of the previous year, if assessed (晋位升级: a tier may need the one below it first). */
  previousTier: '标准型' | '示范型' | '红旗型' | '未达标' | null;
  evidence: Record<string, Evidence[]>;
}
