import type { ComplianceCell } from '../../../electron/api/compliance.ts';
import type { AttendanceStatus, MeetingKind } from '../../../electron/api/life.ts';
import {
  type ComplianceInput,
  type ComplianceResult,
  checkCompliance,
} from '../../../electron/core/rules/compliance.ts';
import { defaultRuleSet, type RuleSet } from '../../../electron/core/templates/ruleset.ts';

export type Meeting = ComplianceInput['meetings'][number];
export type Member = ComplianceInput['members'][number];

export const member = (
  id: number,
  name: string,
  onRoll: Member['onRoll'] = [{ from: '2020-01-01', to: null }],
  leader = false,
): Member => ({
  id,
  name,
  onRoll,
  leader,
});

let nextId = 1000;
export function meeting(heldOn: string, kinds: MeetingKind[], over: Partial<Meeting> = {}): Meeting {
  nextId += 1;
  return { id: nextId, kinds, heldOn, groupId: null, studyHours: null, attendance: [], appraisal: [], ...over };
}

export const present = (...ids: number[]) => ids.map((memberId) => ({ memberId, status: '出席' as AttendanceStatus }));

const pad = (n: number) => String(n).padStart(2, '0');

/** A branch-year that meets every national rule: the base the tests take one thing away from. */
export function compliantMeetings(year: number, memberIds: number[]): Meeting[] {
  const list: Meeting[] = [];
  for (let month = 1; month <= 12; month += 1) {
    const day = `${year}-${pad(month)}`;
    list.push(meeting(`${day}-05`, ['主题党日'], { studyHours: 5, attendance: present(...memberIds) }));
    list.push(meeting(`${day}-10`, ['支委会'], { attendance: present(...memberIds.slice(0, 1)) }));
    if (month % 3 === 2) list.push(meeting(`${day}-20`, ['党员大会'], { attendance: present(...memberIds) }));
  }
  list.push(meeting(`${year}-12-15`, ['组织生活会', '民主评议'], { attendance: present(...memberIds) }));
  return list;
}

export function compliantInput(over: Partial<ComplianceInput> = {}): ComplianceInput {
  const members = over.members ?? [member(1, '张三', undefined, true), member(2, '李四'), member(3, '王五')];
  const ids = members.map((m) => m.id);
  return {
    year: 2026,
    asOf: '2027-01-10',
    branch: { id: 1, name: '第一党支部' },
    hasCommittee: true,
    groups: [],
    meetings: compliantMeetings(2026, ids),
    talks: ids.map((id, i) => ({ id: 500 + i, heldOn: '2026-06-01', talkerId: ids[0] ?? 1, talkeeId: id })),
    members,
    ...over,
  };
}

export const check = (input: ComplianceInput, ruleSet: RuleSet = defaultRuleSet): ComplianceResult =>
  checkCompliance(input, ruleSet);

export function cellOf(result: ComplianceResult, ruleId: string, period: string): ComplianceCell {
  const found = result.cells.find((c) => c.ruleId === ruleId && c.period === period);
  if (!found) throw new Error(`no cell ${ruleId} ${period}`);
  return found;
}

export const messages = (result: ComplianceResult, ruleId?: string) =>
  result.findings.filter((f) => ruleId === undefined || f.ruleId === ruleId).map((f) => f.message);
