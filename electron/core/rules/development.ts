import type { DevDeadline, DevStage } from '../../api/development.ts';
import { parameter, type RuleSet } from '../templates/ruleset.ts';
import { addDays, addMonths, chineseDate, daysBetween } from './development-dates.ts';
import {
  type DevProgress,
  type DevStepRecordLike,
  PROBATION_REVIEW_STEP,
  probationEnd,
  progressOf,
  REVIEW_STEP,
  STEP,
} from './development-progress.ts';
import { devArchiveItems } from './development-steps.ts';

/**
 * The 发展党员 pipeline rules (RULES.md §3): pure functions over the recorded steps of one person.
 * checkStep (development-check.ts) says whether a step may be recorded; the functions here say
 * where the person stands, what is due and what the archive holds.
 */
export { type CheckStepContext, checkStep, type NewStep, type SponsorCandidate } from './development-check.ts';
export { addMonths, chineseDate } from './development-dates.ts';
export { allowedSteps, type DevStepRecordLike, probationEnd, probationEndOf } from './development-progress.ts';

function conversionApproved(p: DevProgress): boolean {
  return p.lastOutcome === '按期转正' && p.lastOutcomeApproved && (!p.extension || p.count(STEP.conversionVote) >= 2);
}

/**
 * The person's standing, for the board: 申请入党 until named 入党积极分子 (step 3), 入党积极分子 until
 * named 发展对象 (step 7), 发展对象 until the 支部大会 accepts them (step 15, 党籍 begins that day),
 * 预备党员 until the upper committee approves the 转正 (step 24 after 按期转正), then 正式党员.
 * A person whose 预备党员资格 was cancelled stays 预备党员 here; statusOf says 已取消.
 */
export function stageOf(history: readonly DevStepRecordLike[]): DevStage {
  const p = progressOf(history);
  if (conversionApproved(p)) return '正式党员';
  if (p.count(STEP.admissionVote) > 0) return '预备党员';
  if (p.count(STEP.candidate) > 0) return '发展对象';
  if (p.count(STEP.activist) > 0) return '入党积极分子';
  return '申请入党';
}

/** 已转正 once the 转正 is approved; 已取消 once a cancellation of 预备党员资格 is approved. */
export function statusOf(history: readonly DevStepRecordLike[]): '进行中' | '已转正' | '已取消' {
  const p = progressOf(history);
  if (conversionApproved(p)) return '已转正';
  if (p.lastOutcome === '取消预备党员资格' && p.lastOutcomeApproved) return '已取消';
  return '进行中';
}

/** The next required step's number; null when the procedure has ended. Repeatable reviews are in allowedSteps. */
export function nextStep(history: readonly DevStepRecordLike[]): number | null {
  return progressOf(history).next;
}

const latestOf = (dates: readonly (string | undefined)[]) =>
  dates.reduce<string>((a, b) => (b !== undefined && b > a ? b : a), '');

/**
 * What is due for one person as of a date (RULES.md §3.2 deadline engine): 谈话 within a month of the
 * application; the half-yearly 考察 of an activist; the earliest day to name them 发展对象; the upper
 * committee's approvals (17, 24); the probation ending within the reminder days, or ended without the
 * 转正 meeting. A deadline is overdue when asOf is after its latest date.
 */
export function deadlines(history: readonly DevStepRecordLike[], asOf: string, ruleSet: RuleSet): DevDeadline[] {
  const p = progressOf(history);
  if (p.next === null) return [];
  const out: DevDeadline[] = [];
  const add = (
    stepNo: number,
    kind: DevDeadline['kind'],
    label: string,
    earliest: string | null,
    latest: string | null,
  ) => out.push({ stepNo, label, earliest, latest, overdue: latest !== null && asOf > latest, kind });
  const first = (n: number) => p.datesOf(n)[0];

  const applied = first(STEP.application);
  if (p.next === STEP.talk && applied) {
    const months = parameter(ruleSet, 'dev.talkWithinMonths');
    const latest = addMonths(applied, months);
    add(
      STEP.talk,
      'next-step',
      `派人谈话：收到入党申请书后 ${months} 个月内，最迟 ${chineseDate(latest)}`,
      applied,
      latest,
    );
  }

  const named = first(STEP.activist);
  if (named && p.count(STEP.candidate) === 0) {
    const every = parameter(ruleSet, 'dev.reviewEveryMonths');
    const last = latestOf([named, ...p.datesOf(REVIEW_STEP)]);
    const due = addMonths(last, every);
    add(
      REVIEW_STEP,
      'review',
      `入党积极分子考察：每 ${every} 个月一次，上次 ${chineseDate(last)}，本次最迟 ${chineseDate(due)}`,
      null,
      due,
    );
    const months = parameter(ruleSet, 'dev.activistMinMonths');
    const earliest = addMonths(named, months);
    add(
      STEP.candidate,
      'next-step',
      `确定发展对象：确定为入党积极分子满 ${months} 个月，${chineseDate(earliest)} 起`,
      earliest,
      null,
    );
  }

  const accepted = first(STEP.admissionVote);
  if (accepted && p.count(STEP.approval) === 0) {
    const normal = parameter(ruleSet, 'dev.approval.normalMonths');
    const latest = addMonths(accepted, normal);
    const absolute = addMonths(accepted, parameter(ruleSet, 'dev.approval.maxMonths'));
    add(
      STEP.approval,
      'approval',
      `上级党委审批：支部大会（${chineseDate(accepted)}）后 ${normal} 个月内，最迟 ${chineseDate(latest)}（特殊原因最长至 ${chineseDate(absolute)}）`,
      accepted,
      latest,
    );
  }

  const rounds = p.extension ? 2 : 1;
  const underProbation = accepted !== undefined && p.count(STEP.conversionVote) < rounds;
  if (accepted && underProbation) {
    const every = parameter(ruleSet, 'dev.probationReviewEveryMonths');
    if (every > 0 && p.count(STEP.oath) > 0) {
      const last = latestOf([accepted, ...p.datesOf(PROBATION_REVIEW_STEP)]);
      const due = addMonths(last, every);
      add(
        PROBATION_REVIEW_STEP,
        'review',
        `预备党员考察：每 ${every} 个月一次，本次最迟 ${chineseDate(due)}`,
        null,
        due,
      );
    }
    const end = probationEnd(accepted, p.extension?.months ?? 0, ruleSet);
    const remind = addDays(end, -parameter(ruleSet, 'dev.probationReminderDays'));
    if (p.next === STEP.conversionVote || asOf >= remind) {
      const what = p.extension ? '延长的预备期' : '预备期';
      const label =
        asOf <= end
          ? `${what}将于 ${chineseDate(end)} 届满，届满之日起召开支部大会讨论能否转正`
          : `${what}已于 ${chineseDate(end)} 届满 ${daysBetween(end, asOf)} 天，应及时召开支部大会讨论能否转正`;
      add(STEP.conversionVote, 'probation-end', label, end, end);
    }
  }

  const discussed = p.datesOf(STEP.conversionVote);
  if (discussed.length > p.count(STEP.conversionApproval)) {
    const last = discussed.at(-1) ?? '';
    const months = parameter(ruleSet, 'dev.conversionApprovalMonths');
    const latest = addMonths(last, months);
    add(
      STEP.conversionApproval,
      'approval',
      `上级党委审批${p.lastOutcome ?? '转正'}：支部大会（${chineseDate(last)}）后 ${months} 个月内，最迟 ${chineseDate(latest)}`,
      last,
      latest,
    );
  }
  return out;
}

/** RULES.md §3.3, one folder per person: an item is present once the step that produces it is recorded. */
export function archiveChecklist(
  history: readonly DevStepRecordLike[],
): Array<{ item: string; present: boolean; stepNo: number | null }> {
  const recorded = new Set(history.map((r) => r.stepNo));
  return devArchiveItems().map((i) => ({
    item: i.item,
    present: i.stepNo !== null && recorded.has(i.stepNo),
    stepNo: i.stepNo,
  }));
}
