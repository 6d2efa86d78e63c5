import type { ComplianceCell } from '../../../electron/api/compliance.ts';
import type { BranchYearFacts } from '../../../electron/core/rules/assessment-facts.ts';

/** A branch-year with nothing wrong and nothing held: each test sets what it is about. */
export function facts(over: Partial<BranchYearFacts> = {}): BranchYearFacts {
  return {
    year: 2026,
    asOf: '2027-01-15',
    branch: { id: 1, name: '第一党支部' },
    compliance: { cells: [], findings: [] },
    meetings: [],
    studyHours: [],
    dues: { members: 10, profiled: 10, monthsDue: 120, monthsPaid: 120, longestArrears: 0, membersInArrears: 0 },
    development: { people: 0, overdue: 0, stepsRecorded: 0, stepsWithOverride: 0 },
    term: { state: 'ok', endDate: '2028-06-30' },
    projects: { count: 0, targets: 0, targetsMet: 0, problems: 0, problemsClosed: 0 },
    rectifications: { total: 0, closed: 0, overdue: 0 },
    plans: { annual: true, monthly: 12, items: 0, done: 0, overdue: 0 },
    members: { total: 10, full: 10, committeeSize: 3, groups: 0 },
    previousTier: '示范型',
    evidence: {},
    ...over,
  };
}

/** Twelve month cells of a rule; the listed months ended without the meeting. */
export function months(ruleId: string, missing: number[], pending: number[] = []): ComplianceCell[] {
  return Array.from({ length: 12 }, (_, i) => {
    const m = i + 1;
    const state = missing.includes(m) ? 'missing' : pending.includes(m) ? 'pending' : 'ok';
    return {
      ruleId,
      period: `2026-${String(m).padStart(2, '0')}`,
      required: 1,
      held: state === 'ok' ? 1 : 0,
      state,
      evidence: state === 'ok' ? [100 + m] : [],
    };
  });
}

export function lectures(
  n: number,
  extra: Partial<BranchYearFacts['meetings'][number]> = {},
): BranchYearFacts['meetings'] {
  return Array.from({ length: n }, (_, i) => ({
    id: 200 + i,
    kinds: ['党课'],
    heldOn: `2026-${String(i + 1).padStart(2, '0')}-10`,
    expected: 10,
    present: 9,
    backfilled: false,
    attachments: 1,
    ...extra,
  }));
}
