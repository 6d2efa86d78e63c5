import type { ComplianceCell, ComplianceFinding } from '../../api/compliance.ts';
import type { BranchYearFacts, Evidence } from './assessment-facts.ts';

/**
 * The numbers a rubric's automatic items may score (RULES.md §6.2 "auto-metric link"), each a pure function
 * of the branch-year's facts that also returns the records behind it and a sentence a clerk can check.
 * Counts of what went wrong (missing months, members in arrears) feed `deduct` items; shares are in percent
 * (0–100) so a rubric file reads "≥ 90" rather than "≥ 0.9".
 */
export interface MetricValue {
  value: number;
  evidence: Evidence[];
  explanation: string;
}

export interface Metric {
  label: string;
  compute(facts: BranchYearFacts): MetricValue;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Share in percent; `empty` is the value when there is nothing to count (stated in each metric's note). */
const percent = (part: number, whole: number, empty: number) => (whole > 0 ? round2((part / whole) * 100) : empty);

/** 3月, 第2季度, 2026年 — the year is the assessment's, so it is left out of the month and quarter. */
function shortPeriod(key: string): string {
  const [year, part] = key.split('-');
  if (part === undefined) return `${year}年`;
  if (part.startsWith('Q')) return `第${part.slice(1)}季度`;
  return `${Number(part)}月`;
}

function meetingLabels(facts: BranchYearFacts): Map<number, string> {
  const labels = new Map<number, string>();
  for (const m of facts.meetings) labels.set(m.id, `${m.heldOn} ${m.kinds.join('/')}`);
  // The gatherer's labels carry the meeting's title; prefer them.
  for (const list of Object.values(facts.evidence)) {
    for (const e of list) if (e.kind === 'meeting' && typeof e.id === 'number') labels.set(e.id, e.label);
  }
  return labels;
}

function meetingEvidence(facts: BranchYearFacts, ids: Iterable<number>): Evidence[] {
  const labels = meetingLabels(facts);
  return [...new Set(ids)].map((id) => ({ kind: 'meeting', id, label: labels.get(id) ?? `会议记录 ${id}` }));
}

const cellsOf = (facts: BranchYearFacts, ruleId: string): ComplianceCell[] =>
  facts.compliance.cells.filter((c) => c.ruleId === ruleId || c.ruleId.startsWith(`${ruleId}:`));

const findingsOf = (facts: BranchYearFacts, ruleId: string): ComplianceFinding[] =>
  facts.compliance.findings.filter((f) => f.ruleId === ruleId || f.ruleId.startsWith(`${ruleId}:`));

/**
 * Periods of a 三会一课 frequency rule (MTG-01…05) that ended without the meeting: only 'missing' cells count,
 * so a month still running, or one with nobody on roll, costs nothing. MTG-03 has one row per 党小组, so a
 * month missed by two groups counts twice.
 */
function missingPeriods(ruleId: string, name: string, unit: '个月' | '个季度'): Metric {
  return {
    label: `${name}缺少的${unit === '个月' ? '月份' : '季度'}数`,
    compute(facts) {
      const cells = cellsOf(facts, ruleId).filter((c) => c.state !== 'not-applicable');
      const evidence = meetingEvidence(
        facts,
        cells.flatMap((c) => c.evidence),
      );
      if (cells.length === 0) return { value: 0, evidence, explanation: `${name}：不适用` };
      const missing = cells.filter((c) => c.state === 'missing');
      const pending = cells.filter((c) => c.state === 'pending').length;
      const ok = cells.filter((c) => c.state === 'ok').length;
      const groups = new Set(cells.map((c) => c.ruleId)).size;
      const tail = pending > 0 ? `，${pending} ${unit}尚未结束` : '';
      if (groups > 1) {
        // Per 党小组: the compliance finding names the group (2026年5月 第二党小组 缺党小组会).
        const findings = findingsOf(facts, ruleId);
        const lines = missing.map(
          (c) =>
            findings.find((f) => f.ruleId === c.ruleId && f.period === c.period)?.message ??
            `${shortPeriod(c.period)} 缺${name}`,
        );
        const head = `${name}（${groups} 个党小组）应开 ${cells.length} 个月次，已开 ${ok} 个月次${tail}`;
        return {
          value: missing.length,
          evidence,
          explanation: lines.length > 0 ? `${head}；${lines.join('；')}` : head,
        };
      }
      const list = missing.map((c) => shortPeriod(c.period));
      const explanation = `${name} ${ok}/${cells.length} ${unit}召开${list.length > 0 ? `，缺 ${list.join('、')}` : ''}${tail}`;
      return { value: missing.length, evidence, explanation };
    },
  };
}

/** Meetings of the year that count as `kind` (a 套会 counts for each of its kinds, as in compliance). */
function heldCount(kind: string, what: string): Metric {
  return {
    label: `${kind}召开次数`,
    compute(facts) {
      const held = facts.meetings.filter((m) => m.kinds.includes(kind) && m.heldOn.startsWith(`${facts.year}-`));
      return {
        value: held.length,
        evidence: meetingEvidence(
          facts,
          held.map((m) => m.id),
        ),
        explanation: held.length > 0 ? `本年${what} ${held.length} 次` : `本年未${what}`,
      };
    },
  };
}

/** Compliance findings about members (DUES-01, DEV-xx): the finding's sentence is the evidence's label. */
function findingEvidence(findings: ComplianceFinding[], kind: Evidence['kind']): Evidence[] {
  return findings.map((f, i) => ({ kind, id: f.memberId ?? `${f.ruleId}:${i + 1}`, label: f.message }));
}

const names = (findings: ComplianceFinding[]) => findings.map((f) => f.message).join('；');

export const METRICS: Record<string, Metric> = {
  'life.partyCongress.missingQuarters': missingPeriods('MTG-01', '支部党员大会', '个季度'),
  'life.committee.missingMonths': missingPeriods('MTG-02', '支委会', '个月'),
  'life.group.missingMonths': missingPeriods('MTG-03', '党小组会', '个月'),
  'life.lecture.missingQuarters': missingPeriods('MTG-04', '党课', '个季度'),
  'life.themeDay.missingMonths': missingPeriods('MTG-05', '主题党日', '个月'),
  'life.lecture.count': heldCount('党课', '上党课'),
  'life.orgLife.held': heldCount('组织生活会', '召开组织生活会'),
  'life.appraisal.held': heldCount('民主评议', '开展民主评议党员'),

  /** MTG-08: members on roll who took part in enough talks; nobody on roll → 100 (nothing to cover). */
  'life.talk.coveragePercent': {
    label: '谈心谈话覆盖率（%）',
    compute(facts) {
      const cell = cellsOf(facts, 'MTG-08')[0];
      if (!cell || cell.state === 'not-applicable' || cell.required === 0) {
        return { value: 100, evidence: [], explanation: '谈心谈话：不适用' };
      }
      const talks = new Map(
        (facts.evidence.谈心谈话 ?? []).filter((e) => e.kind === 'talk').map((e) => [e.id, e.label] as const),
      );
      const value = percent(cell.held, cell.required, 100);
      const short = findingsOf(facts, 'MTG-08');
      return {
        value,
        evidence: cell.evidence.map((id) => ({ kind: 'talk', id, label: talks.get(id) ?? `谈心谈话记录 ${id}` })),
        explanation: `谈心谈话覆盖 ${cell.held}/${cell.required} 名党员（${value}%）${short.length > 0 ? `；${names(short)}` : ''}`,
      };
    },
  },

  /** MTG-09 findings: judged only once the year is over, for members on roll all year (compliance-members.ts). */
  'life.studyHours.shortMembers': {
    label: '集中学习培训学时不足的党员人数',
    compute(facts) {
      const cell = cellsOf(facts, 'MTG-09')[0];
      const short = findingsOf(facts, 'MTG-09');
      const evidence = meetingEvidence(facts, cell?.evidence ?? []);
      if (cell?.state === 'pending') {
        return { value: 0, evidence, explanation: '年度尚未结束，学时于年末判定' };
      }
      const explanation =
        short.length > 0 ? `${short.length} 名党员学时不足：${names(short)}` : '党员集中学习培训学时均已达到要求';
      return { value: short.length, evidence, explanation };
    },
  },

  /** MTG-10 findings: members absent from organisational life for the rule set's run of months. */
  'life.absence.alerts': {
    label: '连续未参加组织生活被提醒的党员人数',
    compute(facts) {
      const alerts = findingsOf(facts, 'MTG-10');
      return {
        value: alerts.length,
        evidence: [],
        explanation: alerts.length > 0 ? `${alerts.length} 名党员：${names(alerts)}` : '无党员连续未参加组织生活',
      };
    },
  },

  /**
   * Months paid over months due, for members with a dues profile; paying ahead cannot lift it above 100.
   * Nothing due yet (January, or nobody profiled) → 100, and the explanation says who lacks a profile.
   */
  'dues.paidPercent': {
    label: '党费按月交纳比例（%）',
    compute(facts) {
      const d = facts.dues;
      const value = Math.min(100, percent(d.monthsPaid, d.monthsDue, 100));
      const unprofiled = d.members - d.profiled;
      const base =
        d.monthsDue > 0
          ? `党费应交 ${d.monthsDue} 人·月，已交 ${d.monthsPaid} 人·月（${value}%）`
          : '本年尚无应交党费的月份';
      return {
        value,
        evidence: facts.evidence.党费 ?? [],
        explanation: unprofiled > 0 ? `${base}；另有 ${unprofiled} 名党员未核定交纳基数，未计入` : base,
      };
    },
  },
  'dues.membersInArrears': {
    label: '欠交党费的党员人数',
    compute(facts) {
      const n = facts.dues.membersInArrears;
      return {
        value: n,
        evidence: [...findingEvidence(findingsOf(facts, 'DUES-01'), 'dues'), ...(facts.evidence.党费 ?? [])],
        explanation: n > 0 ? `${n} 名党员欠交党费，最长连续 ${facts.dues.longestArrears} 个月` : '无欠交党费的党员',
      };
    },
  },
  /** DUES-01 findings: members at the rule set's arrears alert (6 months, 党章第九条). */
  'dues.arrearsAlerts': {
    label: '连续未交党费达到提醒月数的党员人数',
    compute(facts) {
      const alerts = findingsOf(facts, 'DUES-01');
      return {
        value: alerts.length,
        evidence: findingEvidence(alerts, 'dues'),
        explanation: alerts.length > 0 ? names(alerts) : '无党员连续多月未交党费',
      };
    },
  },
  'dues.unprofiled': {
    label: '未核定党费交纳基数的党员人数',
    compute(facts) {
      const n = facts.dues.members - facts.dues.profiled;
      return { value: n, evidence: [], explanation: n > 0 ? `${n} 名党员未核定交纳基数` : '党员均已核定交纳基数' };
    },
  },

  'development.overdue': {
    label: '发展党员环节逾期的人数',
    compute(facts) {
      const n = facts.development.overdue;
      const findings = facts.compliance.findings.filter((f) => f.ruleId.startsWith('DEV-'));
      return {
        value: n,
        evidence: [...findingEvidence(findings, 'development'), ...(facts.evidence.发展党员 ?? [])],
        explanation:
          n > 0
            ? `${n} 名发展对象有逾期环节${findings.length > 0 ? `：${names(findings)}` : ''}`
            : '发展党员各环节均未逾期',
      };
    },
  },

  /** 1 when the committee's term has run out without an election; an unrecorded term is not scored. */
  'term.expired': {
    label: '支部委员会届满未换届（是为 1）',
    compute(facts) {
      const { state, endDate } = facts.term;
      const explanation =
        state === 'expired'
          ? `支部委员会任期已于 ${endDate ?? '（未记录）'} 届满，尚未换届`
          : state === 'unknown'
            ? '台账未登记换届信息，未计扣分，请人工核实'
            : `支部委员会在任期内（至 ${endDate ?? '—'}）`;
      return { value: state === 'expired' ? 1 : 0, evidence: [], explanation };
    },
  },

  /** Rectifications from meetings of the year; none at all → 100 (nothing left open). */
  'rectification.closedPercent': {
    label: '整改事项销号比例（%）',
    compute(facts) {
      const r = facts.rectifications;
      const value = percent(r.closed, r.total, 100);
      return {
        value,
        evidence: facts.evidence.整改 ?? [],
        explanation:
          r.total > 0
            ? `整改事项 ${r.total} 项，已销号 ${r.closed} 项（${value}%）${r.overdue > 0 ? `，${r.overdue} 项逾期` : ''}`
            : '本年无整改事项',
      };
    },
  },
  'rectification.overdue': {
    label: '逾期未销号的整改事项数',
    compute(facts) {
      const n = facts.rectifications.overdue;
      return {
        value: n,
        evidence: facts.evidence.整改 ?? [],
        explanation: n > 0 ? `${n} 项整改逾期未销号` : '无逾期整改事项',
      };
    },
  },

  /** 书记项目 目标 met (a 成果 with evidence linked, projects.ts); no project or no target → 0. */
  'project.targetsMetPercent': {
    label: '书记项目目标完成比例（%）',
    compute(facts) {
      const p = facts.projects;
      const value = percent(p.targetsMet, p.targets, 0);
      const explanation =
        p.count === 0
          ? '本年未立书记项目'
          : p.targets === 0
            ? '书记项目未列目标清单'
            : `书记项目目标 ${p.targets} 项，已完成 ${p.targetsMet} 项（${value}%）`;
      return { value, evidence: facts.evidence.书记项目 ?? [], explanation };
    },
  },

  'plan.annual': {
    label: '制定年度工作计划（有为 1）',
    compute(facts) {
      const has = facts.plans.annual;
      return {
        value: has ? 1 : 0,
        evidence: facts.evidence.计划 ?? [],
        explanation: has ? `已制定年度工作计划，月计划 ${facts.plans.monthly} 份` : '未制定年度工作计划',
      };
    },
  },
  'plan.overdue': {
    label: '逾期未完成的计划事项数',
    compute(facts) {
      const p = facts.plans;
      return {
        value: p.overdue,
        evidence: facts.evidence.计划 ?? [],
        explanation: `计划事项 ${p.items} 项，已完成 ${p.done} 项${p.overdue > 0 ? `，${p.overdue} 项逾期` : '，无逾期'}`,
      };
    },
  },

  /** Records entered after the rule set's back-fill window; no records → 0 (nothing was late). */
  'records.backfilledPercent': {
    label: '补录的会议记录比例（%）',
    compute(facts) {
      const late = facts.meetings.filter((m) => m.backfilled);
      const value = percent(late.length, facts.meetings.length, 0);
      return {
        value,
        evidence: meetingEvidence(
          facts,
          late.map((m) => m.id),
        ),
        explanation:
          facts.meetings.length > 0
            ? `会议记录 ${facts.meetings.length} 份，补录 ${late.length} 份（${value}%）`
            : '本年无会议记录',
      };
    },
  },
  /** Records with at least one attachment (photo, sign-in sheet); no records → 0. */
  'records.photoPercent': {
    label: '附照片等佐证的会议记录比例（%）',
    compute(facts) {
      const bare = facts.meetings.filter((m) => m.attachments === 0);
      const value = percent(facts.meetings.length - bare.length, facts.meetings.length, 0);
      return {
        value,
        evidence: meetingEvidence(
          facts,
          bare.map((m) => m.id),
        ),
        explanation:
          facts.meetings.length > 0
            ? `会议记录 ${facts.meetings.length} 份，附佐证 ${facts.meetings.length - bare.length} 份（${value}%）${bare.length > 0 ? `，${bare.length} 份无附件` : ''}`
            : '本年无会议记录',
      };
    },
  },
};

export const METRIC_IDS = Object.keys(METRICS);
