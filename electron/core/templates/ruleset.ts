import { z } from 'zod';
import nationalRuleSet from '../../../templates/rulesets/cn-national.json' with { type: 'json' };

/**
 * Rule thresholds are data: a named, dated, versioned rule set (RULES.md §0 design consequence 1),
 * each parameter with its source. Code asks for a parameter by key, never writes the number.
 */
const bracketSchema = z.object({ upTo: z.number().positive().nullable(), rate: z.number().min(0).max(1) });
export type RateBracket = z.infer<typeof bracketSchema>;

const parameterSchema = z.object({
  value: z.union([z.number(), z.array(bracketSchema).min(1)]),
  unit: z.string(),
  label: z.string(),
  source: z.string(),
  tag: z.enum(['REG', 'REG*', 'LOCAL', 'UNCONFIRMED']),
  note: z.string().optional(),
});

export const ruleSetSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  version: z.string().min(1),
  publisher: z.string().min(1),
  effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  parameters: z.record(z.string(), parameterSchema),
});

export type RuleSet = z.infer<typeof ruleSetSchema>;

export const NUMBER_PARAMETERS = [
  'member.minimumAge',
  'branch.minimumFullMembers',
  'branch.committeeThreshold',
  'life.partyCongress.perQuarter',
  'life.committee.perMonth',
  'life.group.perMonth',
  'life.lecture.perQuarter',
  'life.themeDay.perMonth',
  'life.orgLife.perYear',
  'life.appraisal.perYear',
  'life.appraisal.excellentDenominator',
  'life.talk.perYear',
  'life.studyHours.member',
  'life.studyHours.leader',
  'life.absenceAlertMonths',
  'life.backfillDays',
  'vote.quorumFraction',
  'vote.passFraction',
  'dues.farmer.min',
  'dues.farmer.max',
  'dues.minimal',
  'dues.arrearsAlertMonths',
  'dues.backPayMonths',
  'dev.talkWithinMonths',
  'dev.activistMinMonths',
  'dev.contacts.min',
  'dev.contacts.max',
  'dev.sponsors',
  'dev.training.minDays',
  'dev.training.minHours',
  'dev.approval.normalMonths',
  'dev.approval.maxMonths',
  'dev.probationMonths',
  'dev.extension.minMonths',
  'dev.extension.maxMonths',
  'dev.reviewEveryMonths',
  'dev.probationReminderDays',
  'dev.conversionApprovalMonths',
  'dev.probationReviewEveryMonths',
  'election.attendanceFraction',
  'election.differentialRatio',
  'election.passFraction',
  'election.thresholdBase',
  'term.warnMonths',
  'term.maxDelayMonths',
  'term.years.default',
  'term.years.village',
] as const;
export const BRACKET_PARAMETERS = ['dues.salaried', 'dues.retired'] as const;
export type ParameterKey = (typeof NUMBER_PARAMETERS)[number];
export type BracketKey = (typeof BRACKET_PARAMETERS)[number];
const REQUIRED_PARAMETERS = [...NUMBER_PARAMETERS, ...BRACKET_PARAMETERS];

export function loadRuleSet(data: unknown): RuleSet {
  const ruleSet = ruleSetSchema.parse(data);
  for (const key of REQUIRED_PARAMETERS) {
    if (!ruleSet.parameters[key]) throw new Error(`rule set ${ruleSet.id} lacks parameter ${key}`);
  }
  return ruleSet;
}

export function parameter(ruleSet: RuleSet, key: ParameterKey): number {
  const found = ruleSet.parameters[key]?.value;
  if (typeof found !== 'number') throw new Error(`rule set ${ruleSet.id}: parameter ${key} is not a number`);
  return found;
}

export function brackets(ruleSet: RuleSet, key: BracketKey): RateBracket[] {
  const found = ruleSet.parameters[key]?.value;
  if (!Array.isArray(found)) throw new Error(`rule set ${ruleSet.id}: parameter ${key} is not a list of brackets`);
  return found;
}

/** The source of a parameter, for findings that cite their rule. */
export function sourceOf(ruleSet: RuleSet, key: ParameterKey | BracketKey): string {
  return ruleSet.parameters[key]?.source ?? '';
}

/** A rule set with a ledger's local settings applied (e.g. 党课 every quarter), version marked. */
export function withOverrides(ruleSet: RuleSet, overrides: Record<string, number>): RuleSet {
  const keys = Object.keys(overrides).filter((k) => typeof ruleSet.parameters[k]?.value === 'number');
  if (keys.length === 0) return ruleSet;
  const parameters = { ...ruleSet.parameters };
  for (const key of keys) {
    const base = parameters[key];
    if (base)
      parameters[key] = {
        ...base,
        value: overrides[key] as number,
        tag: 'LOCAL',
        note: `本台账设置（全国规定为 ${base.value}）`,
      };
  }
  return { ...ruleSet, version: `${ruleSet.version}+local`, parameters };
}

export const defaultRuleSet: RuleSet = loadRuleSet(nationalRuleSet);
