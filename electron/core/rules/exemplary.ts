import type { DisqualifierHit, StarStep } from '../../api/exemplary.ts';
import type { AppraisalGrade, MeetingKind } from '../../api/life.ts';
import { LedgerError } from '../errors.ts';
import type { Disqualifier, ExemplarySchemeFile } from '../templates/exemplary.ts';

/**
 * Star awards (RULES.md §7.2): pure rules over plain data — the award periods, the order of the steps
 * 自评 → 互评 → 支部评定, and the disqualifiers of the scheme checked against what the ledger shows.
 */
export interface AwardPeriod {
  /** 2026 (年度) or 2026-H1 / 2026-H2. */
  key: string;
  label: string;
  year: number;
  from: string;
  to: string;
}

export type Cadence = ExemplarySchemeFile['period'];

export function periodsOf(cadence: Cadence, year: number): AwardPeriod[] {
  if (cadence === '年度')
    return [{ key: String(year), label: `${year}年度`, year, from: `${year}-01-01`, to: `${year}-12-31` }];
  return [
    { key: `${year}-H1`, label: `${year}年上半年`, year, from: `${year}-01-01`, to: `${year}-06-30` },
    { key: `${year}-H2`, label: `${year}年下半年`, year, from: `${year}-07-01`, to: `${year}-12-31` },
  ];
}

/** The period a key names, refused when it does not fit the scheme's cadence (a 年度 key under 半年). */
export function parsePeriod(cadence: Cadence, key: string): AwardPeriod {
  const year = Number(key.slice(0, 4));
  const found = Number.isInteger(year) ? periodsOf(cadence, year).find((p) => p.key === key) : undefined;
  if (!found) {
    const example = periodsOf(cadence, Number.isInteger(year) ? year : 2026)
      .map((p) => p.key)
      .join('”或“');
    throw new LedgerError('VALIDATION', `评定周期“${key}”不对：本办法按${cadence}评定，应为“${example}”。`, [
      { field: '评定周期', message: `应为“${example}”` },
    ]);
  }
  return found;
}

/** The period `date` falls in. */
export function periodOn(cadence: Cadence, date: string): AwardPeriod {
  const all = periodsOf(cadence, Number(date.slice(0, 4)));
  return all.find((p) => p.from <= date && date <= p.to) ?? (all[0] as AwardPeriod);
}

/** The rule as a person reads it: 欠缴党费≥3个月不得评星. */
export function ruleText(d: Disqualifier): string {
  switch (d.kind) {
    case 'dues-arrears':
      return `${d.title}≥${d.months}个月不得评星`;
    case 'unexcused-absence':
      return `${d.title}≥${d.times}次不得评星`;
    default:
      return `${d.title}不得评星`;
  }
}

/** What the ledger shows about one member in one period. */
export interface MemberFacts {
  /** Months (1–12) of the period that have begun, were owed and were not paid in full. */
  unpaidMonths: number[];
  /** 缺席 rows at the branch's meetings (a 套会 may appear once per kind it counts as). */
  absences: Array<{ meetingId: number; date: string; kind: MeetingKind }>;
  /** 民主评议 grades given to the member at appraisals held in the period's year. */
  appraisals: Array<{ meetingId: number; date: string; grade: AppraisalGrade }>;
  /** Disqualifiers the branch ticked by hand, with the reason it gave. */
  manual: Record<string, string>;
}

function hit(d: Disqualifier, reason: string, evidence: DisqualifierHit['evidence']): DisqualifierHit {
  return { id: d.id, title: d.title, rule: ruleText(d), reason, manual: d.kind === 'manual', evidence };
}

/** The scheme's disqualifiers that apply to a member in a period, each with its reason and records. */
export function disqualifiersFor(
  scheme: Pick<ExemplarySchemeFile, 'disqualifiers'>,
  period: AwardPeriod,
  facts: MemberFacts,
): DisqualifierHit[] {
  const inPeriod = (date: string) => period.from <= date && date <= period.to;
  const hits: DisqualifierHit[] = [];
  for (const d of scheme.disqualifiers) {
    if (d.kind === 'dues-arrears') {
      const first = Number(period.from.slice(5, 7));
      const last = Number(period.to.slice(5, 7));
      const months = [...new Set(facts.unpaidMonths)].filter((m) => m >= first && m <= last).sort((a, b) => a - b);
      if (months.length >= d.months)
        hits.push(
          hit(
            d,
            `${period.label}${d.title}${months.length}个月`,
            months.map((m) => ({ date: null, label: `${period.year}年${m}月党费未交足` })),
          ),
        );
    } else if (d.kind === 'unexcused-absence') {
      const kinds: readonly string[] = d.meetingKinds;
      // One meeting is one absence, however many kinds it is recorded under.
      const meetings = new Map<number, { date: string; kinds: string[] }>();
      for (const a of facts.absences) {
        if (!inPeriod(a.date) || !kinds.includes(a.kind)) continue;
        const seen = meetings.get(a.meetingId) ?? { date: a.date, kinds: [] };
        seen.kinds.push(a.kind);
        meetings.set(a.meetingId, seen);
      }
      const list = [...meetings.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
      if (list.length >= d.times)
        hits.push(
          hit(
            d,
            `${period.label}${d.title}${list.length}次`,
            list.map((m) => ({ date: m.date, label: `${m.kinds.join('、')}（缺席，未请假）` })),
          ),
        );
    } else if (d.kind === 'appraisal-grade') {
      const grades: readonly string[] = d.grades;
      // 民主评议 is yearly: a grade given in the period's year stands for both halves of it.
      const found = facts.appraisals
        .filter((a) => a.date.startsWith(`${period.year}-`) && grades.includes(a.grade))
        .sort((a, b) => (a.date < b.date ? -1 : 1));
      if (found.length > 0)
        hits.push(
          hit(
            d,
            `${period.year}年民主评议评定为${found.map((a) => a.grade).join('、')}`,
            found.map((a) => ({ date: a.date, label: `民主评议：${a.grade}` })),
          ),
        );
    } else {
      const reason = facts.manual[d.id];
      if (reason) hits.push(hit(d, `${d.title}：${reason}`, []));
    }
  }
  return hits;
}

/** Why `step` cannot be taken now, or null: 互评 only after 自评, 支部评定 only after 互评, nothing after it. */
export function stepRefusal(stage: StarStep | null, step: StarStep): string | null {
  if (stage === '支部评定') return '支部已评定，本期星级不能再修改。';
  if (step === '自评') return stage === '互评' ? '已完成互评，不能再修改自评。' : null;
  if (step === '互评') return stage === null ? '请先完成自评，再进行互评。' : null;
  return stage === '互评'
    ? null
    : stage === null
      ? '请先完成自评和互评，再由支部评定。'
      : '请先完成互评，再由支部评定。';
}

/**
 * The branch may not award a star while a disqualifier applies; it may still record 不评星 (0), which is the
 * disqualifier's consequence. The refusal names each disqualifier with its rule.
 */
export function decisionRefusal(name: string, stars: number, hits: DisqualifierHit[]): string | null {
  if (stars === 0 || hits.length === 0) return null;
  return `${name}不能评星：${hits.map((h) => `${h.reason}（规则：${h.rule}）`).join('；')}。如属实，请评定为“不评星”。`;
}

/** 互评 from the votes: their average to one decimal. */
export function averageVotes(votes: number[]): number {
  if (votes.length === 0) throw new Error('averageVotes: no votes');
  return Math.round((votes.reduce((s, v) => s + v, 0) / votes.length) * 10) / 10;
}

/** 一星 … 五星 by the scheme; 0 is 不评星. */
export function starLabel(scheme: Pick<ExemplarySchemeFile, 'stars'>, stars: number): string {
  if (stars === 0) return '不评星';
  return scheme.stars.find((s) => s.stars === stars)?.label ?? `${stars}星`;
}
