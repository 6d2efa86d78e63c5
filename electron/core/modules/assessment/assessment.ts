import type { AssessmentResult, Tier } from '../../../api/assessment.ts';
import { sql } from '../../db/sql.ts';
import { LedgerError } from '../../errors.ts';
import { type Ledger, today, write } from '../../ledger.ts';
import { gradeBranchYear, gradeStored, partitionStored, type Rubric } from '../../rules/rubric.ts';
import { listUnits, requireUnitOfKind } from '../org/units.ts';
import { gatherFacts } from './facts.ts';
import { activeRubric, rubricByRef, rubricRef } from './rubric-store.ts';

interface AssessmentRow {
  branch_id: number;
  year: number;
  rubric_version: string;
  manual: string;
  vetoes: string;
  stage: AssessmentResult['stage'];
  self_scored_at: string | null;
  reviewed_at: string | null;
  publicity_from: string | null;
  publicity_to: string | null;
  final_tier: Tier | '未达标' | null;
  final_total: number | null;
}

type Manual = Record<string, { points: number; comment?: string }>;

function rowOf(ledger: Ledger, branchId: number, year: number): AssessmentRow | undefined {
  return ledger.db.get<AssessmentRow>(
    'assessment.row',
    sql`SELECT * FROM assessment WHERE branch_id = ${branchId} AND year = ${year}`,
  );
}

/** 晋位升级 looks at last year's published tier; an unpublished one does not count yet. */
function previousTier(ledger: Ledger, branchId: number, year: number): AssessmentResult['previousTier'] {
  return rowOf(ledger, branchId, year - 1)?.final_tier ?? null;
}

/**
 * A published result is shown with the rubric it was published under (kept in the ledger by its reference);
 * everything else with the rubric in force, so importing a rubric re-scores the drafts.
 */
function rubricFor(ledger: Ledger, row: AssessmentRow | undefined): Rubric {
  const published = row?.stage === '已公示' ? rubricByRef(ledger, row.rubric_version) : null;
  return published ?? activeRubric(ledger);
}

function factsOf(ledger: Ledger, branchId: number, year: number) {
  return gatherFacts(ledger, branchId, year, previousTier(ledger, branchId, year));
}

export function getAssessment(ledger: Ledger, branchId: number, year: number): AssessmentResult {
  const branch = requireUnitOfKind(ledger, branchId, '党支部', '党支部');
  const row = rowOf(ledger, branchId, year);
  const manual = row ? (JSON.parse(row.manual) as Manual) : {};
  const vetoes = row ? (JSON.parse(row.vetoes) as Record<string, string>) : {};
  const graded = gradeStored(rubricFor(ledger, row), factsOf(ledger, branchId, year), manual, vetoes);
  // A published result stands as published: records entered afterwards do not change it.
  const published = row?.stage === '已公示' && row.final_tier !== null;
  return {
    ...graded,
    ...(published
      ? { proposedTier: row.final_tier ?? graded.proposedTier, total: row.final_total ?? graded.total }
      : {}),
    branchId,
    branchName: branch.name,
    year,
    stage: row?.stage ?? '自评',
    selfScoredAt: row?.self_scored_at ?? null,
    reviewedAt: row?.reviewed_at ?? null,
    publicity: row?.publicity_from && row.publicity_to ? { from: row.publicity_from, to: row.publicity_to } : null,
  };
}

function save(ledger: Ledger, branchId: number, year: number, manual: Manual, vetoes: Record<string, string>): void {
  // The rubric reference (id@version) says which rubric the record was last scored with.
  const ref = rubricRef(activeRubric(ledger));
  ledger.db.run(
    'assessment.save',
    sql`INSERT INTO assessment (branch_id, year, rubric_version, manual, vetoes, self_scored_at)
        VALUES (${branchId}, ${year}, ${ref}, ${JSON.stringify(manual)}, ${JSON.stringify(vetoes)}, ${ledger.clock().toISOString()})
        ON CONFLICT (branch_id, year) DO UPDATE SET manual = excluded.manual, vetoes = excluded.vetoes,
          rubric_version = excluded.rubric_version, self_scored_at = excluded.self_scored_at`,
  );
}

function requireEditable(row: AssessmentRow | undefined): void {
  if (row?.stage === '已公示') throw new LedgerError('CONFLICT', '本年度考核结果已公示，不能再修改评分。');
}

export function scoreItem(
  ledger: Ledger,
  input: { branchId: number; year: number; itemId: string; points: number; comment?: string },
): AssessmentResult {
  write(ledger, () => {
    const row = rowOf(ledger, input.branchId, input.year);
    requireEditable(row);
    const entry = { points: input.points, ...(input.comment ? { comment: input.comment } : {}) };
    const storedManual = row ? (JSON.parse(row.manual) as Manual) : {};
    // Entries for items the rubric no longer has stay in the record (shown as 不在当前细则).
    const manual: Manual = { ...storedManual, [input.itemId]: entry };
    const vetoes = row ? (JSON.parse(row.vetoes) as Record<string, string>) : {};
    const rubric = activeRubric(ledger);
    const stored = partitionStored(rubric, storedManual, vetoes);
    // Grading the new entry strictly refuses an unknown item, an automatic one, or points outside its range.
    const graded = gradeBranchYear(
      rubric,
      factsOf(ledger, input.branchId, input.year),
      { ...stored.manual, [input.itemId]: entry },
      stored.vetoes,
    );
    const item = graded.items.find((i) => i.itemId === input.itemId);
    if (item?.mode !== 'manual')
      throw new LedgerError('VALIDATION', `“${input.itemId}”不是人工评分项。`, [
        { field: '评分项', message: '不能人工评分' },
      ]);
    save(ledger, input.branchId, input.year, manual, vetoes);
    return {
      result: null,
      audit: {
        action: 'assessment.score',
        entity: 'assessment',
        entityId: `${input.branchId}-${input.year}`,
        after: input,
        summary: `考核评分：${item.title} ${input.points} 分`,
      },
    };
  });
  return getAssessment(ledger, input.branchId, input.year);
}

export function setVeto(
  ledger: Ledger,
  input: { branchId: number; year: number; itemId: string; reason: string | null },
): AssessmentResult {
  write(ledger, () => {
    const row = rowOf(ledger, input.branchId, input.year);
    requireEditable(row);
    const manual = row ? (JSON.parse(row.manual) as Manual) : {};
    const vetoes: Record<string, string> = { ...(row ? (JSON.parse(row.vetoes) as Record<string, string>) : {}) };
    // A veto kept from an earlier rubric (不在当前细则) may still be withdrawn.
    const withdrawingStale = input.reason === null && Object.hasOwn(vetoes, input.itemId);
    if (!withdrawingStale && !activeRubric(ledger).vetoes.some((v) => v.id === input.itemId)) {
      throw new LedgerError('VALIDATION', `考核细则中没有否决项“${input.itemId}”。`, [
        { field: '否决项', message: '不存在' },
      ]);
    }
    if (input.reason === null) delete vetoes[input.itemId];
    else vetoes[input.itemId] = input.reason;
    save(ledger, input.branchId, input.year, manual, vetoes);
    return {
      result: null,
      audit: {
        action: 'assessment.veto',
        entity: 'assessment',
        entityId: `${input.branchId}-${input.year}`,
        after: input,
        summary: input.reason ? `一票否决：${input.reason}` : '撤销一票否决',
      },
    };
  });
  return getAssessment(ledger, input.branchId, input.year);
}

export function advanceAssessment(
  ledger: Ledger,
  input: { branchId: number; year: number; stage: '上级评审' | '已公示'; publicityFrom?: string; publicityTo?: string },
): AssessmentResult {
  const current = getAssessment(ledger, input.branchId, input.year);
  write(ledger, () => {
    const row = rowOf(ledger, input.branchId, input.year);
    requireEditable(row);
    if (!row) save(ledger, input.branchId, input.year, {}, {});
    if (input.stage === '已公示') {
      if (current.pendingItems > 0)
        throw new LedgerError('VALIDATION', `尚有 ${current.pendingItems} 个人工评分项未评分，不能公示。`, [
          { field: '评分', message: '未评完' },
        ]);
      if (!input.publicityFrom || !input.publicityTo || input.publicityTo < input.publicityFrom) {
        throw new LedgerError('VALIDATION', '请填写公示起止日期。', [{ field: '公示日期', message: '请填写' }]);
      }
      ledger.db.run(
        'assessment.publish',
        sql`UPDATE assessment SET stage = '已公示', publicity_from = ${input.publicityFrom}, publicity_to = ${input.publicityTo},
              final_tier = ${current.proposedTier}, final_total = ${current.total},
              rubric_version = ${rubricRef(activeRubric(ledger))}
            WHERE branch_id = ${input.branchId} AND year = ${input.year}`,
      );
    } else {
      ledger.db.run(
        'assessment.review',
        sql`UPDATE assessment SET stage = '上级评审', reviewed_at = ${today(ledger)} WHERE branch_id = ${input.branchId} AND year = ${input.year}`,
      );
    }
    return {
      result: null,
      audit: {
        action: 'assessment.advance',
        entity: 'assessment',
        entityId: `${input.branchId}-${input.year}`,
        after: input,
        summary: `考核进入“${input.stage}”：${current.proposedTier}（${current.total} 分）`,
      },
    };
  });
  return getAssessment(ledger, input.branchId, input.year);
}

export function committeeAssessments(ledger: Ledger, year: number): AssessmentResult[] {
  return listUnits(ledger)
    .filter((u) => u.kind === '党支部')
    .map((u) => getAssessment(ledger, u.id, year));
}
