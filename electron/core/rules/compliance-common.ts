import type { ComplianceCell, ComplianceFinding, ComplianceReport, ComplianceRuleInfo } from '../../api/compliance.ts';
import type { AppraisalGrade, AttendanceStatus, MeetingKind } from '../../api/life.ts';
import { type ParameterKey, type RuleSet, sourceOf } from '../templates/ruleset.ts';
import type { RollInterval } from './calendar.ts';

/** Input, shared types and helpers of the compliance rules (compliance.ts, compliance-members.ts). */

export interface ComplianceInput {
  year: number;
  /** Today: periods ending after asOf are 'pending', not 'missing'. */
  asOf: string;
  branch: { id: number; name: string };
  /** MTG-02 applies only to a branch with a 支委会. */
  hasCommittee: boolean;
  groups: Array<{ id: number; name: string }>;
  meetings: Array<{
    id: number;
    /** The meeting's kind and a 套会's also-counts-as kinds: the meeting counts once for each. */
    kinds: MeetingKind[];
    heldOn: string;
    groupId: number | null;
    studyHours: number | null;
    attendance: Array<{ memberId: number | null; status: AttendanceStatus }>;
    appraisal: Array<{ memberId: number; grade: AppraisalGrade }>;
  }>;
  talks: Array<{ id: number; heldOn: string; talkerId: number; talkeeId: number }>;
  members: Array<{
    id: number;
    name: string;
    /** Stays on this branch's roll, [from, to). */
    onRoll: RollInterval[];
    /** 书记/委员 during the year: the leaders' study-hour requirement applies. */
    leader: boolean;
  }>;
}

export type ComplianceMeeting = ComplianceInput['meetings'][number];

export interface ComplianceResult {
  rules: ComplianceRuleInfo[];
  cells: ComplianceCell[];
  findings: ComplianceFinding[];
  studyHours: ComplianceReport['studyHours'];
}

/** What one rule contributes to the report. */
export interface RuleOutput {
  rules: ComplianceRuleInfo[];
  cells: ComplianceCell[];
  findings: ComplianceFinding[];
}

/** The year's meetings indexed by kind and month, so each rule reads only its own meetings. */
export interface MeetingIndex {
  year: number;
  meetings: ComplianceMeeting[];
  byKindMonth: Map<MeetingKind, ComplianceMeeting[][]>;
  /** Someone was on the roll during month m (index 1–12). */
  anyoneOnRoll: boolean[];
}

/** 2026年3月, 2026年第1季度, 2026年. */
export function periodLabel(key: string): string {
  const [year, part] = key.split('-');
  if (part === undefined) return `${year}年`;
  if (part.startsWith('Q')) return `${year}年第${part.slice(1)}季度`;
  return `${year}年${Number(part)}月`;
}

/** The rule's row in the report: label, frequency, and the parameter's source and tag. */
export function ruleInfo(
  ruleSet: RuleSet,
  id: string,
  label: string,
  frequency: string,
  key: ParameterKey,
): ComplianceRuleInfo {
  return { id, label, frequency, source: sourceOf(ruleSet, key), tag: ruleSet.parameters[key]?.tag ?? '' };
}

/**
 * State of a period against a required count (RULES.md §2.3): a period that has not begun, or is still
 * running, is pending; one that ended before asOf with too few is missing; nobody on roll → not applicable.
 */
export function periodState(
  phase: 'future' | 'current' | 'over',
  required: number,
  held: number,
  applicable: boolean,
): ComplianceCell['state'] {
  if (!applicable || required <= 0) return 'not-applicable';
  if (held >= required) return 'ok';
  return phase === 'over' ? 'missing' : 'pending';
}
