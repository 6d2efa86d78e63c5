import type { Tier } from '../../../api/assessment.ts';
import type { CommitteeBranchRow, CommitteeOverview, FindingGroup } from '../../../api/committee.ts';
import type { ComplianceReport } from '../../../api/compliance.ts';
import { sql } from '../../db/sql.ts';
import type { Ledger } from '../../ledger.ts';
import { getAssessment } from '../assessment/assessment.ts';
import { developmentBoard } from '../development/people.ts';
import { getTerm } from '../elections/elections.ts';
import { complianceYear } from '../life/compliance.ts';
import { ON_ROLL_SQL } from '../org/roll.ts';
import { listUnits } from '../org/units.ts';

/** Rule ids are `<AREA>-<NN>`; the area says which part of the manual a finding belongs to. */
const GROUP_OF_AREA: Record<string, FindingGroup> = {
  MTG: '组织生活',
  STUDY: '组织生活',
  TALK: '组织生活',
  DUES: '党费',
  DEV: '发展党员',
  TERM: '换届',
};

export function findingGroup(ruleId: string): FindingGroup {
  return GROUP_OF_AREA[ruleId.split('-')[0] ?? ''] ?? '其他';
}

function membersOnRoll(ledger: Ledger, branchId: number, asOf: string): number {
  return (
    ledger.db.get<{ n: number }>(
      'committee.membersOnRoll',
      sql`SELECT COUNT(DISTINCT member_id) AS n FROM member_status
          WHERE branch_id = ${branchId} AND status IN ${ON_ROLL_SQL}
            AND from_date <= ${asOf} AND (to_date IS NULL OR to_date > ${asOf})`,
    )?.n ?? 0
  );
}

function meetingsHeld(ledger: Ledger, branchId: number, year: number): number {
  return (
    ledger.db.get<{ n: number }>(
      'committee.meetingsHeld',
      sql`SELECT COUNT(*) AS n FROM meeting
          WHERE branch_id = ${branchId} AND held_on BETWEEN ${`${year}-01-01`} AND ${`${year}-12-31`}`,
    )?.n ?? 0
  );
}

type Source = CommitteeBranchRow['source'];
const IMPORT_ACTIONS = sql.in(['import.workbook', 'import.package']);

/**
 * The last import into each branch, from the audit log: every import that changed the ledger wrote
 * one entry naming the file, its integrity and the branch — the log is the record of it.
 */
function importSources(ledger: Ledger): Map<number, NonNullable<Source>> {
  const rows = ledger.db.all<{ at: string; after: string | null }>(
    'committee.importSources',
    sql`SELECT at, after FROM audit_log WHERE action IN ${IMPORT_ACTIONS} ORDER BY id`,
  );
  const sources = new Map<number, NonNullable<Source>>();
  for (const row of rows) {
    // The audit entry keeps what was written under `value` (beside its summary).
    const entry = row.after ? (JSON.parse(row.after) as { value?: Record<string, unknown> }) : {};
    const after = entry.value ?? {};
    const branchId = typeof after.branchId === 'number' ? after.branchId : null;
    if (branchId === null || typeof after.file !== 'string') continue;
    sources.set(branchId, {
      fileName: after.file,
      kind: after.kind as NonNullable<Source>['kind'],
      integrity: after.integrity as NonNullable<Source>['integrity'],
      importedAt: row.at,
    });
  }
  return sources;
}

function branchRow(
  ledger: Ledger,
  branchId: number,
  year: number,
  parentName: string | null,
  source: Source,
): {
  row: CommitteeBranchRow;
  report: ComplianceReport;
} {
  const report = complianceYear(ledger, branchId, year);
  const byGroup: Record<FindingGroup, number> = { 组织生活: 0, 党费: 0, 发展党员: 0, 换届: 0, 其他: 0 };
  for (const finding of report.findings) byGroup[findingGroup(finding.ruleId)] += 1;
  const board = developmentBoard(ledger, branchId);
  const term = getTerm(ledger, branchId);
  const assessment = getAssessment(ledger, branchId, year);
  const decided = report.cells.filter((c) => c.state === 'ok' || c.state === 'missing');
  return {
    report,
    row: {
      branchId,
      branchName: report.branchName,
      parentName,
      members: membersOnRoll(ledger, branchId, report.asOf),
      meetingsHeld: meetingsHeld(ledger, branchId, year),
      periodsDue: decided.length,
      periodsMissed: decided.filter((c) => c.state === 'missing').length,
      findings: {
        total: report.findings.length,
        errors: report.findings.filter((f) => f.severity === 'error').length,
        byGroup,
      },
      development: {
        inProgress: board.filter((p) => p.status === '进行中').length,
        overdue: board.filter((p) => p.overdue).length,
      },
      term: { state: term.state, endDate: term.endDate, message: term.message },
      duesArrears: report.findings.filter((f) => f.ruleId === 'DUES-01').length,
      source,
      assessment: {
        total: assessment.total,
        maxTotal: assessment.maxTotal,
        proposedTier: assessment.proposedTier,
        previousTier: assessment.previousTier,
        stage: assessment.stage,
        blockers: assessment.blockers,
      },
    },
  };
}

export interface CommitteeYear {
  overview: CommitteeOverview;
  /** Each branch's compliance report, for the 问题清单 of the summary workbook and the Word report. */
  reports: ComplianceReport[];
}

/** Reads only: every 党支部 in the ledger, in the organisation tree's order. */
export function committeeYear(ledger: Ledger, year: number): CommitteeYear {
  const units = listUnits(ledger);
  const names = new Map(units.map((u) => [u.id, u.name]));
  const branches = units.filter((u) => u.kind === '党支部');
  const sources = importSources(ledger);
  const rows = branches.map((b) =>
    branchRow(
      ledger,
      b.id,
      year,
      b.parentId === null ? null : (names.get(b.parentId) ?? null),
      sources.get(b.id) ?? null,
    ),
  );
  const tiers: Record<Tier | '未达标', number> = { 红旗型: 0, 示范型: 0, 标准型: 0, 未达标: 0 };
  for (const { row } of rows) tiers[row.assessment.proposedTier] += 1;
  const branchRows = rows.map((r) => r.row);
  return {
    reports: rows.map((r) => r.report),
    overview: {
      year,
      asOf: rows[0]?.report.asOf ?? `${year}-12-31`,
      ruleSet: { id: ledger.ruleSet.id, version: ledger.ruleSet.version },
      branches: branchRows,
      totals: {
        branches: branchRows.length,
        members: branchRows.reduce((sum, r) => sum + r.members, 0),
        findings: branchRows.reduce((sum, r) => sum + r.findings.total, 0),
        branchesWithFindings: branchRows.filter((r) => r.findings.total > 0).length,
        termsExpired: branchRows.filter((r) => r.term.state === 'expired').length,
        devOverdue: branchRows.reduce((sum, r) => sum + r.development.overdue, 0),
        duesArrears: branchRows.reduce((sum, r) => sum + r.duesArrears, 0),
        tiers,
        filesNotIntact: branchRows.filter(
          (r) => r.source?.integrity === 'edited' || r.source?.integrity === 'bad-signature',
        ).length,
      },
    },
  };
}
