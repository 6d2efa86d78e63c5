import type { DevStepDetails, DevViolation } from '../../api/development.ts';
import { type ParameterKey, parameter, type RuleSet, sourceOf } from '../templates/ruleset.ts';
import { addMonths, chineseDate, daysBetween, isCalendarDate } from './development-dates.ts';
import {
  allowedSteps,
  type DevProgress,
  type DevStepRecordLike,
  PROBATION_REVIEW_STEP,
  probationEnd,
  progressOf,
  REPEATABLE_STEPS,
  REVIEW_STEP,
  STEP,
} from './development-progress.ts';
import { DEV_STEP_COUNT, devStep } from './development-steps.ts';
import { evaluateVote } from './vote.ts';

/** A step about to be recorded. The vote's eligible/present counts may come from ctx.voteBase instead. */
export interface NewStep {
  stepNo: number;
  doneOn: string;
  details?: Omit<DevStepDetails, 'vote'> & {
    vote?: {
      eligible?: number;
      presentEligible?: number;
      writtenOpinions?: number;
      yes: number;
      no: number;
      abstain: number;
    };
  };
}

/** A member who might be named 培养联系人 or 入党介绍人, as the roster stood on the step's date. */
export interface SponsorCandidate {
  memberId: number;
  name: string;
  /** 正式党员 with full rights (not 预备党员, not under 留党察看 with rights unrestored). */
  fullMember: boolean;
  onRoll: boolean;
}

export interface CheckStepContext {
  ruleSet: RuleSet;
  today: string;
  birthDate: string;
  eligibleSponsors?: SponsorCandidate[];
  /** 应到会/实到会有表决权党员 from the meeting's attendance; overrides the counts typed into the vote. */
  voteBase?: { eligible: number; presentEligible: number };
}

const PROCEDURE_SOURCE = '《中国共产党发展党员工作细则》规定的发展程序（五个阶段二十五个步骤，依次进行）';

const stepLabel = (no: number) => `第 ${no} 步“${devStep(no).name}”`;

function violation(rule: string, message: string, source: string, overridable = false): DevViolation {
  return { rule, message, source, overridable };
}

function orderViolation(p: DevProgress, stepNo: number): DevViolation {
  const label = stepLabel(stepNo);
  if (p.finished === 'converted')
    return violation('DEV-ORDER', `发展程序已经完成，不能再登记${label}`, PROCEDURE_SOURCE);
  if (p.next === null) {
    return violation('DEV-ORDER', `发展程序已经结束（取消预备党员资格已经批准），不能再登记${label}`, PROCEDURE_SOURCE);
  }
  if (stepNo === STEP.conversionVote && p.extension && p.count(STEP.conversionVote) >= 2) {
    return violation('DEV-ORDER', '延长预备期后的转正已经讨论过，预备期只能延长一次', PROCEDURE_SOURCE);
  }
  const recorded = p.datesOf(stepNo);
  if (recorded.length > 0 && stepNo < p.next && !REPEATABLE_STEPS.includes(stepNo)) {
    return violation(
      'DEV-ORDER',
      `${label}已于 ${chineseDate(recorded.at(-1) ?? '')} 登记，不能重复登记；下一步应为${stepLabel(p.next)}`,
      PROCEDURE_SOURCE,
    );
  }
  if (stepNo === REVIEW_STEP && p.count(STEP.candidate) > 0) {
    return violation('DEV-ORDER', `已确定为发展对象，不再登记入党积极分子的${label}`, PROCEDURE_SOURCE);
  }
  if (stepNo === PROBATION_REVIEW_STEP && p.count(STEP.oath) > 0) {
    return violation('DEV-ORDER', `${label}只在预备期内、转正支部大会之前登记`, PROCEDURE_SOURCE);
  }
  return violation('DEV-ORDER', `步骤顺序不对：应先完成${stepLabel(p.next)}，才能登记${label}`, PROCEDURE_SOURCE);
}

/** The date a new record may not precede: for a repeated 考察, the last required step; otherwise any record. */
function previousRecord(p: DevProgress, stepNo: number): DevStepRecordLike | undefined {
  const relevant = REPEATABLE_STEPS.includes(stepNo)
    ? p.sorted.filter((r) => !REPEATABLE_STEPS.includes(r.stepNo))
    : p.sorted;
  return relevant.reduce<DevStepRecordLike | undefined>(
    (latest, r) => (!latest || r.doneOn >= latest.doneOn ? r : latest),
    undefined,
  );
}

function checkMembers(
  rule: string,
  role: string,
  ids: readonly number[] | undefined,
  range: { min: number; max: number; key: ParameterKey },
  ctx: CheckStepContext,
): DevViolation[] {
  const source = sourceOf(ctx.ruleSet, range.key);
  const chosen = ids ?? [];
  const wanted = range.min === range.max ? `${range.min} 名` : `${range.min}至${range.max} 名`;
  const out: DevViolation[] = [];
  if (chosen.length < range.min || chosen.length > range.max) {
    out.push(violation(rule, `${role}应为 ${wanted}正式党员，现选了 ${chosen.length} 名`, source));
  }
  if (new Set(chosen).size !== chosen.length) out.push(violation(rule, `${role}中有同一人重复`, source));
  if (chosen.length > 0 && !ctx.eligibleSponsors) {
    out.push(violation(rule, `无法核对${role}是否为正式党员：没有提供当日的党员名册`, source));
    return out;
  }
  for (const id of new Set(chosen)) {
    const person = ctx.eligibleSponsors?.find((s) => s.memberId === id);
    if (!person?.onRoll) {
      out.push(violation(rule, `${role}（党员编号 ${id}）不在本支部当日的党员名册上`, source));
    } else if (!person.fullMember) {
      out.push(
        violation(
          rule,
          `${person.name} 不是正式党员，不能担任${role}（预备党员和受留党察看处分尚未恢复党员权利的党员不能担任）`,
          source,
        ),
      );
    }
  }
  return out;
}

function checkVote(rule: string, record: NewStep, ctx: CheckStepContext): DevViolation[] {
  const source = `${devStep(record.stepNo).source}；${sourceOf(ctx.ruleSet, 'vote.passFraction')}`;
  const vote = record.details?.vote;
  if (!vote) return [violation(rule, '请填写支部大会的表决结果（赞成、反对、弃权票数）', source)];
  const eligible = ctx.voteBase?.eligible ?? vote.eligible;
  const presentEligible = ctx.voteBase?.presentEligible ?? vote.presentEligible;
  if (eligible === undefined || presentEligible === undefined) {
    return [violation(rule, '请填写应到会和实到会有表决权的正式党员人数，或选择该次支部党员大会的记录', source)];
  }
  const verdict = evaluateVote(
    {
      eligible,
      presentEligible,
      writtenOpinions: vote.writtenOpinions ?? 0,
      yes: vote.yes,
      no: vote.no,
      abstain: vote.abstain,
    },
    ctx.ruleSet,
  );
  if (verdict.problems.length > 0) return verdict.problems.map((problem) => violation(rule, problem, source));
  if (!verdict.passed) return [violation(rule, `${verdict.explanation}，不能登记为支部大会通过`, source)];
  return [];
}

function checkConversion(p: DevProgress, record: NewStep, ctx: CheckStepContext): DevViolation[] {
  const out = checkVote('DEV-23', record, ctx);
  const accepted = p.datesOf(STEP.admissionVote)[0];
  if (accepted) {
    const end = probationEnd(accepted, p.extension?.months ?? 0, ctx.ruleSet);
    if (record.doneOn < end) {
      const what = p.extension ? '延长的预备期' : '预备期';
      out.push(
        violation(
          'DEV-23',
          `${what}于 ${chineseDate(end)} 届满，转正支部大会不能提前召开（本次日期 ${chineseDate(record.doneOn)}）`,
          sourceOf(ctx.ruleSet, 'dev.probationMonths'),
        ),
      );
    }
  }
  const outcome = record.details?.outcome;
  if (!outcome) {
    out.push(
      violation(
        'DEV-23',
        '请选择支部大会的结论：按期转正、延长预备期或取消预备党员资格',
        devStep(STEP.conversionVote).source,
      ),
    );
    return out;
  }
  if (outcome !== '延长预备期') return out;
  const min = parameter(ctx.ruleSet, 'dev.extension.minMonths');
  const max = parameter(ctx.ruleSet, 'dev.extension.maxMonths');
  const extensionSource = `${sourceOf(ctx.ruleSet, 'dev.extension.maxMonths')}；${sourceOf(ctx.ruleSet, 'dev.extension.minMonths')}`;
  if (p.extension) {
    out.push(
      violation('DEV-23', `预备期已于 ${chineseDate(p.extension.doneOn)} 延长过一次，只能延长一次`, extensionSource),
    );
  }
  const months = record.details?.extensionMonths;
  if (months === undefined) {
    out.push(violation('DEV-23', `请填写延长预备期的月数（${min}至${max} 个月）`, extensionSource));
  } else if (months < min || months > max) {
    out.push(
      violation(
        'DEV-23',
        `延长预备期 ${months} 个月不符合规定：不能少于 ${min} 个月，不能超过 ${max} 个月`,
        extensionSource,
      ),
    );
  }
  return out;
}

/** An approval due within `normalKey` months of `from`, refused outright beyond `maxKey` if given. */
function checkApproval(
  rule: string,
  what: string,
  from: string | undefined,
  doneOn: string,
  ruleSet: RuleSet,
  normalKey: ParameterKey,
  maxKey?: ParameterKey,
): DevViolation[] {
  if (!from) return [];
  const normal = parameter(ruleSet, normalKey);
  const latest = addMonths(from, normal);
  if (doneOn <= latest) return [];
  const late = `${what}（${chineseDate(from)}）后应在 ${normal} 个月内审批（最迟 ${chineseDate(latest)}），本次审批晚了 ${daysBetween(latest, doneOn)} 天`;
  if (maxKey) {
    const max = parameter(ruleSet, maxKey);
    const absolute = addMonths(from, max);
    if (doneOn > absolute) {
      return [
        violation(
          rule,
          `${late}，已超过最长 ${max} 个月的期限（${chineseDate(absolute)}），不能登记；请报告上级党委`,
          sourceOf(ruleSet, maxKey),
        ),
      ];
    }
    return [
      violation(
        rule,
        `${late}；因特殊原因延长的，请写明原因（最长不超过 ${max} 个月）`,
        sourceOf(ruleSet, maxKey),
        true,
      ),
    ];
  }
  return [violation(rule, `${late}；如确有原因，请写明书面理由`, sourceOf(ruleSet, normalKey), true)];
}

function stepRules(p: DevProgress, record: NewStep, ctx: CheckStepContext): DevViolation[] {
  const { ruleSet } = ctx;
  const d = record.details ?? {};
  const first = (n: number) => p.datesOf(n)[0];
  switch (record.stepNo) {
    case STEP.application: {
      const minimumAge = parameter(ruleSet, 'member.minimumAge');
      if (!isCalendarDate(ctx.birthDate)) {
        return [violation('DEV-01', `出生日期“${ctx.birthDate}”不是有效日期`, sourceOf(ruleSet, 'member.minimumAge'))];
      }
      const adult = addMonths(ctx.birthDate, minimumAge * 12);
      if (record.doneOn >= adult) return [];
      return [
        violation(
          'DEV-01',
          `申请人 ${chineseDate(ctx.birthDate)} 出生，递交入党申请书时（${chineseDate(record.doneOn)}）未满 ${minimumAge} 周岁（${chineseDate(adult)} 年满）`,
          sourceOf(ruleSet, 'member.minimumAge'),
        ),
      ];
    }
    case STEP.talk: {
      const applied = first(STEP.application);
      if (!applied) return [];
      const months = parameter(ruleSet, 'dev.talkWithinMonths');
      const latest = addMonths(applied, months);
      if (record.doneOn <= latest) return [];
      return [
        violation(
          'DEV-02',
          `收到入党申请书（${chineseDate(applied)}）后应在 ${months} 个月内派人谈话（最迟 ${chineseDate(latest)}），本次谈话晚了 ${daysBetween(latest, record.doneOn)} 天；如确有原因，请写明书面理由`,
          sourceOf(ruleSet, 'dev.talkWithinMonths'),
          true,
        ),
      ];
    }
    case STEP.contacts:
      return checkMembers(
        'DEV-05',
        '培养联系人',
        d.memberIds,
        {
          min: parameter(ruleSet, 'dev.contacts.min'),
          max: parameter(ruleSet, 'dev.contacts.max'),
          key: 'dev.contacts.max',
        },
        ctx,
      );
    case STEP.candidate: {
      const named = first(STEP.activist);
      if (!named) return [];
      const months = parameter(ruleSet, 'dev.activistMinMonths');
      const earliest = addMonths(named, months);
      if (record.doneOn >= earliest) return [];
      return [
        violation(
          'DEV-07',
          `确定为入党积极分子（${chineseDate(named)}）满 ${months} 个月后，即 ${chineseDate(earliest)} 起，才能确定为发展对象；本次日期早了 ${daysBetween(record.doneOn, earliest)} 天`,
          sourceOf(ruleSet, 'dev.activistMinMonths'),
        ),
      ];
    }
    case STEP.sponsors: {
      const n = parameter(ruleSet, 'dev.sponsors');
      return checkMembers('DEV-09', '入党介绍人', d.memberIds, { min: n, max: n, key: 'dev.sponsors' }, ctx);
    }
    case STEP.training: {
      const minDays = parameter(ruleSet, 'dev.training.minDays');
      const minHours = parameter(ruleSet, 'dev.training.minHours');
      const source = sourceOf(ruleSet, 'dev.training.minDays');
      if (d.trainingDays === undefined && d.trainingHours === undefined) {
        return [violation('DEV-11', '请填写集中培训的天数或学时', source)];
      }
      if ((d.trainingDays ?? 0) >= minDays || (d.trainingHours ?? 0) >= minHours) return [];
      const had = [
        d.trainingDays !== undefined ? `${d.trainingDays} 天` : '',
        d.trainingHours !== undefined ? `${d.trainingHours} 学时` : '',
      ]
        .filter(Boolean)
        .join('、');
      return [
        violation(
          'DEV-11',
          `集中培训 ${had}，不足 ${minDays} 天或 ${minHours} 学时；未经规定培训的，除个别特殊情况外不能发展入党，特殊情况请写明原因`,
          source,
          true,
        ),
      ];
    }
    case STEP.admissionVote:
      return checkVote('DEV-15', record, ctx);
    case STEP.approval:
      return checkApproval(
        'DEV-17',
        '支部大会通过接收预备党员',
        first(STEP.admissionVote),
        record.doneOn,
        ruleSet,
        'dev.approval.normalMonths',
        'dev.approval.maxMonths',
      );
    case STEP.conversionVote:
      return checkConversion(p, record, ctx);
    case STEP.conversionApproval:
      return checkApproval(
        'DEV-24',
        '支部大会讨论转正',
        p.datesOf(STEP.conversionVote).at(-1),
        record.doneOn,
        ruleSet,
        'dev.conversionApprovalMonths',
      );
    default:
      return [];
  }
}

/**
 * Checks one step before it is recorded (RULES.md §3.1–3.2). An empty list means it may be saved;
 * a violation with overridable = true may be saved with a written reason (it goes into the audit
 * log), any other refuses the record. Out of order, the step's own rules are not checked.
 */
export function checkStep(
  history: readonly DevStepRecordLike[],
  record: NewStep,
  ctx: CheckStepContext,
): DevViolation[] {
  if (!isCalendarDate(record.doneOn)) {
    return [violation('DEV-DATE', `日期“${record.doneOn}”不是有效日期（应为 YYYY-MM-DD）`, PROCEDURE_SOURCE)];
  }
  const out: DevViolation[] = [];
  if (record.doneOn > ctx.today) {
    out.push(
      violation(
        'DEV-FUTURE',
        `日期 ${chineseDate(record.doneOn)} 晚于今天（${chineseDate(ctx.today)}），台账只登记已经发生的事`,
        PROCEDURE_SOURCE,
      ),
    );
  }
  if (!Number.isInteger(record.stepNo) || record.stepNo < 1 || record.stepNo > DEV_STEP_COUNT) {
    return [
      ...out,
      violation('DEV-ORDER', `没有第 ${record.stepNo} 步，发展党员共 ${DEV_STEP_COUNT} 个步骤`, PROCEDURE_SOURCE),
    ];
  }
  const p = progressOf(history);
  if (!allowedSteps(history).includes(record.stepNo)) return [...out, orderViolation(p, record.stepNo)];
  const previous = previousRecord(p, record.stepNo);
  if (previous && record.doneOn < previous.doneOn) {
    out.push(
      violation(
        'DEV-DATE',
        `日期 ${chineseDate(record.doneOn)} 早于上一步${stepLabel(previous.stepNo)}的日期 ${chineseDate(previous.doneOn)}`,
        PROCEDURE_SOURCE,
      ),
    );
  }
  return [...out, ...stepRules(p, record, ctx)];
}
