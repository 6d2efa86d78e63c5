import type { DevStepDetails } from '../../api/development.ts';
import { defaultRuleSet, parameter, type RuleSet } from '../templates/ruleset.ts';
import { addMonths } from './development-dates.ts';
import { DEV_STEP_COUNT } from './development-steps.ts';

/**
 * Where a person stands in the 25 steps, derived from the recorded steps alone (RULES.md §3.1).
 *
 * The required chain is 1 … 24, then 25 after 转正. Steps 6 (半年考察) and 21 (预备期考察) are needed at
 * least once and may repeat within their stage. When the 转正 支部大会 (23) extends the probation, its
 * 上级党委审批 (24) follows, and after the extended probation 23 and 24 come once more
 * (党章第七条: 转正、延长预备期、取消预备党员资格 all need the 支部大会 and the upper organisation's approval).
 */

/** A recorded step as the rules need it; DevStepRecord fits. */
export interface DevStepRecordLike {
  stepNo: number;
  doneOn: string;
  /** Occurrence of this step (1, 2, …), when the ledger keeps it; breaks ties between same-day records. */
  ordinal?: number;
  details?: Pick<DevStepDetails, 'outcome' | 'extensionMonths'> | undefined;
}

export const REVIEW_STEP = 6;
export const PROBATION_REVIEW_STEP = 21;
export const REPEATABLE_STEPS: readonly number[] = [REVIEW_STEP, PROBATION_REVIEW_STEP];

export const STEP = {
  application: 1,
  talk: 2,
  activist: 3,
  contacts: 5,
  candidate: 7,
  sponsors: 9,
  training: 11,
  admissionVote: 15,
  approval: 17,
  oath: 20,
  conversionRequest: 22,
  conversionVote: 23,
  conversionApproval: 24,
  archive: 25,
} as const;

export interface DevProgress {
  /** Records in the order they happened. */
  sorted: DevStepRecordLike[];
  count: (stepNo: number) => number;
  /** Dates of a step's records, oldest first. */
  datesOf: (stepNo: number) => string[];
  /** The 23 that extended the probation, with its months, if any. */
  extension: { doneOn: string; months: number } | null;
  /** The outcome of the latest 23, and whether its 24 has been recorded. */
  lastOutcome: NonNullable<DevStepDetails['outcome']> | null;
  lastOutcomeApproved: boolean;
  /** The first required step not yet recorded; null when the procedure has ended. */
  next: number | null;
  finished: 'converted' | 'cancelled' | null;
}

function byOccurrence(a: DevStepRecordLike, b: DevStepRecordLike): number {
  if (a.doneOn !== b.doneOn) return a.doneOn < b.doneOn ? -1 : 1;
  if (a.stepNo !== b.stepNo) return a.stepNo - b.stepNo;
  return (a.ordinal ?? 0) - (b.ordinal ?? 0);
}

export function progressOf(history: readonly DevStepRecordLike[]): DevProgress {
  const sorted = [...history].sort(byOccurrence);
  const counts = new Map<number, number>();
  const dates = new Map<number, string[]>();
  for (const r of sorted) {
    counts.set(r.stepNo, (counts.get(r.stepNo) ?? 0) + 1);
    dates.set(r.stepNo, [...(dates.get(r.stepNo) ?? []), r.doneOn]);
  }
  const count = (n: number) => counts.get(n) ?? 0;
  const conversions = sorted.filter((r) => r.stepNo === STEP.conversionVote);
  const first = conversions[0];
  const extension =
    first?.details?.outcome === '延长预备期'
      ? { doneOn: first.doneOn, months: first.details.extensionMonths ?? 0 }
      : null;
  const lastOutcome = conversions.at(-1)?.details?.outcome ?? null;
  const lastOutcomeApproved = conversions.length > 0 && count(STEP.conversionApproval) >= conversions.length;

  const chain: number[] = [];
  for (let n = 1; n <= STEP.conversionApproval; n += 1) chain.push(n);
  if (extension) chain.push(STEP.conversionVote, STEP.conversionApproval);
  const rounds = extension ? 2 : 1;
  const converted = conversions.length === rounds && lastOutcome === '按期转正';
  const cancelled = conversions.length > 0 && lastOutcome === '取消预备党员资格';
  if (converted) chain.push(STEP.archive);

  const needed = new Map<number, number>();
  let next: number | null = null;
  for (const n of chain) {
    needed.set(n, (needed.get(n) ?? 0) + 1);
    if (count(n) < (needed.get(n) ?? 0)) {
      next = n;
      break;
    }
  }
  // A cancellation ends the procedure once its approval is recorded; there is nothing to archive as a member.
  if (cancelled && lastOutcomeApproved) next = null;
  const finished = next === null ? (cancelled ? 'cancelled' : converted ? 'converted' : null) : null;
  return {
    sorted,
    count,
    datesOf: (n) => dates.get(n) ?? [],
    extension,
    lastOutcome,
    lastOutcomeApproved,
    next,
    finished,
  };
}

/**
 * 预备期满 (RULES.md §3.2; 党章第七条: one year from the day the 支部大会 adopts the person).
 *
 * Decision on 29 February: an acceptance on 2024-02-29 ends its probation on 2025-02-28, not on
 * 1 March. 民法典第二百零二条 ends a period counted in years on the corresponding day, and where the
 * last month has no such day, on the month's last day; reading it the other way would make the
 * probation a day longer than the one year 党章 sets. The same rule gives every other date its same
 * calendar day next year.
 *
 * An extension (延长预备期) runs on from the original end, counted the same way: 2024-02-29 accepted,
 * 6 months extension → 2025-02-28 + 6 months = 2025-08-28.
 */
export function probationEnd(acceptedOn: string, extensionMonths = 0, ruleSet: RuleSet = defaultRuleSet): string {
  const end = addMonths(acceptedOn, parameter(ruleSet, 'dev.probationMonths'));
  return extensionMonths > 0 ? addMonths(end, extensionMonths) : end;
}

/** The end of the probation now running (extended if the first 转正 meeting extended it); null before step 15. */
export function probationEndOf(
  history: readonly DevStepRecordLike[],
  ruleSet: RuleSet = defaultRuleSet,
): string | null {
  const progress = progressOf(history);
  const accepted = progress.datesOf(STEP.admissionVote)[0];
  if (!accepted) return null;
  return probationEnd(accepted, progress.extension?.months ?? 0, ruleSet);
}

/** Steps that may be recorded now: the next required one, and the repeatable reviews within their stage. */
export function allowedSteps(history: readonly DevStepRecordLike[]): number[] {
  const p = progressOf(history);
  const allowed = new Set<number>();
  if (p.next !== null) allowed.add(p.next);
  // 半年考察 repeats while the person is an activist with a 培养联系人, until named 发展对象.
  if (p.count(STEP.contacts) > 0 && p.count(STEP.candidate) === 0) allowed.add(REVIEW_STEP);
  // 预备期考察 repeats from the oath until the probation now running has been discussed.
  const rounds = p.extension ? 2 : 1;
  if (p.count(STEP.oath) > 0 && p.count(STEP.conversionVote) < rounds && p.finished === null) {
    allowed.add(PROBATION_REVIEW_STEP);
  }
  // After an approved extension a second 转正申请 may be written before the second meeting.
  if (
    p.extension &&
    p.count(STEP.conversionApproval) >= 1 &&
    p.count(STEP.conversionVote) === 1 &&
    p.count(STEP.conversionRequest) === 1
  ) {
    allowed.add(STEP.conversionRequest);
  }
  return [...allowed].filter((n) => n >= 1 && n <= DEV_STEP_COUNT).sort((a, b) => a - b);
}
