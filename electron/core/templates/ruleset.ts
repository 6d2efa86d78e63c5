import { z } from 'zod';
import nationalRuleSet from '../../../templates/rulesets/cn-national.json' with { type: 'json' };

/**
 * Rule thresholds are data: a named, dated, versioned rule set (RULES.md §0 design consequence 1),
 * each parameter with its source. Code asks for a parameter by key, never writes the number.
 */
const parameterSchema = z.object({
  value: z.number(),
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

export const REQUIRED_PARAMETERS = [
  'member.minimumAge',
  'branch.minimumFullMembers',
  'branch.committeeThreshold',
] as const;
export type ParameterKey = (typeof REQUIRED_PARAMETERS)[number];

export function loadRuleSet(data: unknown): RuleSet {
  const ruleSet = ruleSetSchema.parse(data);
  for (const key of REQUIRED_PARAMETERS) {
    if (!ruleSet.parameters[key]) throw new Error(`rule set ${ruleSet.id} lacks parameter ${key}`);
  }
  return ruleSet;
}

export function parameter(ruleSet: RuleSet, key: ParameterKey): number {
  const found = ruleSet.parameters[key];
  if (!found) throw new Error(`rule set ${ruleSet.id} lacks parameter ${key}`);
  return found.value;
}

export const defaultRuleSet: RuleSet = loadRuleSet(nationalRuleSet);
