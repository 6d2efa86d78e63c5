import type { ComplianceCell, ComplianceFinding, ComplianceRuleInfo } from '../../api/compliance.ts';
import type { MeetingKind } from '../../api/life.ts';
import { type ParameterKey, parameter, type RuleSet, sourceOf } from '../templates/ruleset.ts';
import { excellentCap } from './appraisal.ts';
import {
  monthPeriod,
  onRollDuring,
  type Period,
  periodPhase,
  quarterPeriod,
  yearMonth,
  yearPeriod,
} from './calendar.ts';
import {
  type ComplianceInput,
  type ComplianceMeeting,
  type ComplianceResult,
  type MeetingIndex,
  periodLabel,
  periodState,
  type RuleOutput,
  ruleInfo,
} from './compliance-common.ts';
import { memberRules } from './compliance-members.ts';

export type { ComplianceInput, ComplianceResult } from './compliance-common.ts';

type Granularity = 'month' | 'quarter' | 'year';

interface FrequencyRule {
  id: string;
  key: ParameterKey;
  kind: MeetingKind;
  /** The meeting's name in messages: 2026年3月 缺支委会. */
  name: string;
  granularity: Granularity;
  /** Why the rule does not apply to this branch (shown as its frequency); null when it applies. */
  notApplicable: string | null;
  /** MTG-03 is checked per 党小组. */
  group?: { id: number; name: string };
}

function indexMeetings(input: ComplianceInput): MeetingIndex {
  const prefix = `${input.year}-`;
  const meetings = input.meetings.filter((m) => m.heldOn.startsWith(prefix));
  const byKindMonth = new Map<MeetingKind, ComplianceMeeting[][]>();
  for (const meeting of meetings) {
    const { month } = yearMonth(meeting.heldOn);
    for (const kind of new Set(meeting.kinds)) {
      let months = byKindMonth.get(kind);
      if (!months) {
        months = Array.from({ length: 13 }, () => []);
        byKindMonth.set(kind, months);
      }
      months[month]?.push(meeting);
    }
  }
  const anyoneOnRoll = [false];
  for (let month = 1; month <= 12; month += 1) {
    const { start, end } = monthPeriod(input.year, month);
    anyoneOnRoll.push(input.members.some((m) => onRollDuring(m.onRoll, start, end)));
  }
  return { year: input.year, meetings, byKindMonth, anyoneOnRoll };
}

function periodsOf(year: number, granularity: Granularity): Array<{ period: Period; months: number[] }> {
  if (granularity === 'year') return [{ period: yearPeriod(year), months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] }];
  if (granularity === 'quarter') {
    return [1, 2, 3, 4].map((q) => ({ period: quarterPeriod(year, q), months: [q * 3 - 2, q * 3 - 1, q * 3] }));
  }
  return Array.from({ length: 12 }, (_, i) => ({ period: monthPeriod(year, i + 1), months: [i + 1] }));
}

const UNIT: Record<Granularity, string> = { month: '每月', quarter: '每季度', year: '每年' };

function frequencyRule(rule: FrequencyRule, index: MeetingIndex, asOf: string, ruleSet: RuleSet): RuleOutput {
  const required = parameter(ruleSet, rule.key);
  const applies = rule.notApplicable === null && required > 0;
  const groupSuffix = rule.group ? `（${rule.group.name}）` : '';
  const frequency =
    rule.notApplicable !== null
      ? rule.notApplicable
      : required > 0
        ? `${UNIT[rule.granularity]}至少 ${required} 次`
        : '未规定频次，不检查';
  const info = ruleInfo(ruleSet, rule.id, `${rule.name}${groupSuffix}`, frequency, rule.key);
  const byMonth = index.byKindMonth.get(rule.kind);
  const cells: ComplianceCell[] = [];
  const findings: ComplianceFinding[] = [];

  for (const { period, months } of periodsOf(index.year, rule.granularity)) {
    const evidence: number[] = [];
    for (const month of months) {
      for (const meeting of byMonth?.[month] ?? []) {
        if (!rule.group || meeting.groupId === rule.group.id) evidence.push(meeting.id);
      }
    }
    const applicable = applies && months.some((m) => index.anyoneOnRoll[m]);
    const state = periodState(periodPhase(period, asOf), required, evidence.length, applicable);
    cells.push({ ruleId: rule.id, period: period.key, required, held: evidence.length, state, evidence });
    if (state !== 'missing') continue;
    const where = rule.group ? ` ${rule.group.name}` : '';
    const what =
      evidence.length === 0 ? `缺${rule.name}` : `${rule.name}仅 ${evidence.length} 次，应至少 ${required} 次`;
    findings.push({
      ruleId: rule.id,
      severity: 'error',
      message: `${periodLabel(period.key)}${where} ${what}`,
      period: period.key,
      memberId: null,
      source: sourceOf(ruleSet, rule.key),
    });
  }
  return { rules: [info], cells, findings };
}

/** MTG-06 extra: 组织生活会 is generally held in Q4 (支部工作条例第十七条), so warn from 1 October if not yet held. */
function orgLifeReminder(index: MeetingIndex, asOf: string, ruleSet: RuleSet): ComplianceFinding[] {
  const required = parameter(ruleSet, 'life.orgLife.perYear');
  const year = yearPeriod(index.year);
  const q4 = quarterPeriod(index.year, 4);
  const held = (index.byKindMonth.get('组织生活会') ?? []).reduce((n, list) => n + list.length, 0);
  if (required <= 0 || held >= required || periodPhase(q4, asOf) !== 'current') return [];
  if (!index.anyoneOnRoll.some(Boolean)) return [];
  return [
    {
      ruleId: 'MTG-06',
      severity: 'warning',
      message: `${periodLabel(year.key)} 尚未召开组织生活会，第四季度应召开组织生活会`,
      period: year.key,
      memberId: null,
      source: sourceOf(ruleSet, 'life.orgLife.perYear'),
    },
  ];
}

/** MTG-07 extra: in each 民主评议, 优秀 ≤ floor(参评人数 / N). */
function excellentShare(index: MeetingIndex, ruleSet: RuleSet): ComplianceFinding[] {
  const denominator = parameter(ruleSet, 'life.appraisal.excellentDenominator');
  const findings: ComplianceFinding[] = [];
  for (const meeting of index.meetings) {
    if (meeting.appraisal.length === 0) continue;
    const appraised = new Set(meeting.appraisal.map((a) => a.memberId)).size;
    const excellent = new Set(meeting.appraisal.filter((a) => a.grade === '优秀').map((a) => a.memberId)).size;
    const cap = excellentCap(appraised, ruleSet);
    if (excellent <= cap) continue;
    const { month } = yearMonth(meeting.heldOn);
    const day = Number(meeting.heldOn.slice(8, 10));
    findings.push({
      ruleId: 'MTG-07',
      severity: 'error',
      message: `${index.year}年${month}月${day}日 民主评议“优秀” ${excellent} 人，超过参评 ${appraised} 人的 1/${denominator}（最多 ${cap} 人）`,
      period: monthPeriod(index.year, month).key,
      memberId: null,
      source: sourceOf(ruleSet, 'life.appraisal.excellentDenominator'),
    });
  }
  return findings;
}

function frequencyRules(input: ComplianceInput): FrequencyRule[] {
  const groupRules: FrequencyRule[] =
    input.groups.length > 0
      ? input.groups.map((group) => ({
          id: `MTG-03:${group.id}`,
          key: 'life.group.perMonth',
          kind: '党小组会',
          name: '党小组会',
          granularity: 'month',
          notApplicable: null,
          group,
        }))
      : // No 党小组 (支部工作条例第十三条: set up only when needed): the rule has nothing to check.
        [
          {
            id: 'MTG-03',
            key: 'life.group.perMonth',
            kind: '党小组会',
            name: '党小组会',
            granularity: 'month',
            notApplicable: '本支部未设党小组，不适用',
          },
        ];
  return [
    {
      id: 'MTG-01',
      key: 'life.partyCongress.perQuarter',
      kind: '党员大会',
      name: '支部党员大会',
      granularity: 'quarter',
      notApplicable: null,
    },
    {
      id: 'MTG-02',
      key: 'life.committee.perMonth',
      kind: '支委会',
      name: '支委会',
      granularity: 'month',
      notApplicable: input.hasCommittee ? null : '本支部未设支委会，不适用',
    },
    ...groupRules,
    {
      id: 'MTG-04',
      key: 'life.lecture.perQuarter',
      kind: '党课',
      name: '党课',
      granularity: 'quarter',
      notApplicable: null,
    },
    {
      id: 'MTG-05',
      key: 'life.themeDay.perMonth',
      kind: '主题党日',
      name: '主题党日',
      granularity: 'month',
      notApplicable: null,
    },
    {
      id: 'MTG-06',
      key: 'life.orgLife.perYear',
      kind: '组织生活会',
      name: '组织生活会',
      granularity: 'year',
      notApplicable: null,
    },
    {
      id: 'MTG-07',
      key: 'life.appraisal.perYear',
      kind: '民主评议',
      name: '民主评议党员',
      granularity: 'year',
      notApplicable: null,
    },
  ];
}

/**
 * The 三会一课 calendar of one branch-year (RULES.md §2.3, MTG-01…MTG-10): a cell per rule and period with
 * the records that count, findings with their source, and each member's study hours.
 * MTG-03 is checked per 党小组: its rows and cells have the id `MTG-03:<groupId>`.
 */
export function checkCompliance(input: ComplianceInput, ruleSet: RuleSet): ComplianceResult {
  const index = indexMeetings(input);
  const rules: ComplianceRuleInfo[] = [];
  const cells: ComplianceCell[] = [];
  const findings: ComplianceFinding[] = [];
  const add = (out: RuleOutput) => {
    rules.push(...out.rules);
    cells.push(...out.cells);
    findings.push(...out.findings);
  };
  for (const rule of frequencyRules(input)) {
    const out = frequencyRule(rule, index, input.asOf, ruleSet);
    if (rule.id === 'MTG-06') out.findings.push(...orgLifeReminder(index, input.asOf, ruleSet));
    if (rule.id === 'MTG-07') out.findings.push(...excellentShare(index, ruleSet));
    add(out);
  }
  const members = memberRules(input, index, ruleSet);
  add(members);
  return { rules, cells, findings, studyHours: members.studyHours };
}
