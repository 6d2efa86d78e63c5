import defaultPointsFile from '../../../templates/points/default-2026.json' with { type: 'json' };
import type { MemberPoints } from '../../api/assessment.ts';
import type { AttendanceStatus } from '../../api/life.ts';
import {
  loadPointsScheme,
  POINTS_GRADES,
  type PointRule,
  type PointsGrade,
  type PointsScheme,
} from './points-scheme.ts';

export {
  loadPointsScheme,
  POINTS_GRADES,
  type PointRule,
  type PointsGrade,
  type PointsScheme,
} from './points-scheme.ts';

let shipped: PointsScheme | null = null;

/** The shipped example scheme (templates/points/default-2026.json), checked like any imported one on first use. */
export function defaultPointRules(): PointsScheme {
  shipped ??= loadPointsScheme(defaultPointsFile, 'default-2026.json');
  return shipped;
}

export interface PointsInput {
  year: number;
  members: Array<{ id: number; name: string }>;
  /** One row per member and meeting kind; a 套会 may be given once per kind it counts as. */
  attendance: Array<{
    memberId: number;
    meetingKind: string;
    date: string;
    status: AttendanceStatus;
    meetingId?: number;
  }>;
  /** Months (1–12) of the year for which each member's dues are paid. */
  duesPaidMonths: Record<number, number[]>;
  /** Each member's current run of unpaid months (dues sheet). */
  arrearsStreak: Record<number, number>;
  /** 谈心谈话 the member took part in, as talker or talkee. */
  talks?: Array<{ memberId: number; date: string; talkId?: number }>;
  /** id: the stored entry, so the UI can offer to delete it. */
  manual: Array<{ memberId: number; date: string; ruleId: string; note?: string | null; id?: number }>;
}

type PointsEvent = MemberPoints['events'][number];
interface Raw {
  memberId: number;
  date: string;
  rule: PointRule | null;
  ruleId: string;
  source: string;
  /** The clerk's note on a hand-entered event: a veto shows it as its reason. */
  note: string | null;
  /** Why the event counts nothing whatever the cap (a stored event whose rule is gone). */
  void: string | null;
  /** The hand-entered entry behind the event; automatic events have none. */
  entryId?: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const fmt = (x: number) => String(round2(x));
const worse = (a: PointsGrade, b: PointsGrade): PointsGrade =>
  POINTS_GRADES.indexOf(a) >= POINTS_GRADES.indexOf(b) ? a : b;

/** Events generated from the ledger by the scheme's automatic rules, deduplicated per meeting. */
function autoEvents(scheme: PointsScheme, input: PointsInput): Raw[] {
  const events: Raw[] = [];
  const inYear = (date: string) => date.startsWith(`${input.year}-`);
  const seen = new Set<string>();
  for (const rule of scheme.rules) {
    const auto = rule.auto;
    if (!auto) continue;
    const add = (memberId: number, date: string, source: string) =>
      events.push({ memberId, date, rule, ruleId: rule.id, source, note: null, void: null });
    if (auto.source === 'attendance') {
      for (const a of input.attendance) {
        if (!inYear(a.date) || !auto.statuses.includes(a.status)) continue;
        if (!(auto.meetingKinds as readonly string[]).includes(a.meetingKind)) continue;
        // A meeting recorded under several kinds counts once per rule (a 套会 is one absence, not three).
        const key = `${rule.id}|${a.memberId}|${a.meetingId ?? `${a.date}|${a.meetingKind}`}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const record = a.meetingId === undefined ? '会议记录' : `会议记录 ${a.meetingId}`;
        add(a.memberId, a.date, `${record}：${a.date} ${a.meetingKind}（${a.status}）`);
      }
    } else if (auto.source === 'dues') {
      for (const [id, months] of Object.entries(input.duesPaidMonths)) {
        for (const month of [...new Set(months)].filter((m) => m >= 1 && m <= 12).sort((x, y) => x - y)) {
          const mm = String(month).padStart(2, '0');
          add(Number(id), `${input.year}-${mm}-01`, `党费台账：${input.year}年${month}月已交`);
        }
      }
    } else if (auto.source === 'talk') {
      for (const t of input.talks ?? []) {
        if (inYear(t.date))
          add(t.memberId, t.date, `谈心谈话记录${t.talkId === undefined ? '' : ` ${t.talkId}`}：${t.date}`);
      }
    } else {
      for (const [id, streak] of Object.entries(input.arrearsStreak)) {
        // The dues sheet gives the run, not its start: the clause is judged for the year as a whole.
        if (streak >= auto.months) add(Number(id), `${input.year}-12-31`, `党费台账：已连续 ${streak} 个月未交`);
      }
    }
  }
  return events;
}

/**
 * Hand-entered events. One whose rule has since left the scheme, or became automatic, is kept on the list
 * at 0 so the clerk sees it, rather than failing the whole year (the API refuses such entries when made).
 */
function manualEvents(scheme: PointsScheme, input: PointsInput): Raw[] {
  return input.manual
    .filter((e) => e.date.startsWith(`${input.year}-`))
    .map((e) => {
      const rule = scheme.rules.find((r) => r.id === e.ruleId) ?? null;
      const source = `人工登记${e.note ? `：${e.note}` : ''}`;
      const why = !rule
        ? `积分规则“${e.ruleId}”已不在本办法中，未计分`
        : rule.auto
          ? '该规则由台账自动积分，手工登记未计分'
          : null;
      return {
        memberId: e.memberId,
        date: e.date,
        rule: why ? null : rule,
        ruleId: e.ruleId,
        source,
        note: e.note || null,
        void: why,
        ...(e.id === undefined ? {} : { entryId: e.id }),
      };
    });
}

const entry = (e: Raw) => (e.entryId === undefined ? {} : { entryId: e.entryId });

function gradeOf(scheme: PointsScheme, total: number): PointsGrade {
  if (total >= scheme.grades.优秀) return '优秀';
  if (total >= scheme.grades.合格) return '合格';
  if (total >= scheme.grades.基本合格) return '基本合格';
  return '不合格';
}

/**
 * The year's 党员积分 of each member (RULES.md §7.1): base + automatic + hand-entered events, each rule held
 * to its yearly cap in date order (the event that crosses the cap counts in part, later ones count 0 and say
 * so), the total kept at or above the floor, the grade from the scheme's lines, and 一票否决 clauses capping
 * the grade. Events of members not in `members` (transferred out) and outside `year` are left out.
 */
export function memberPoints(rules: PointsScheme, input: PointsInput): MemberPoints[] {
  const all = [...autoEvents(rules, input), ...manualEvents(rules, input)];
  return input.members.map((member) => {
    const own = all
      .map((e, order) => ({ e, order }))
      .filter(({ e }) => e.memberId === member.id)
      .sort((a, b) => (a.e.date === b.e.date ? a.order - b.order : a.e.date < b.e.date ? -1 : 1))
      .map(({ e }) => e);
    const used = new Map<string, number>();
    const events: PointsEvent[] = [];
    const vetoes: string[] = [];
    let auto = 0;
    let manual = 0;
    let grade: PointsGrade | null = null;
    for (const e of own) {
      const rule = e.rule;
      if (!rule) {
        events.push({ date: e.date, ruleId: e.ruleId, label: e.void ?? '', delta: 0, source: e.source, ...entry(e) });
        continue;
      }
      const so = used.get(rule.id) ?? 0;
      const room = rule.capPerYear === null ? Number.POSITIVE_INFINITY : Math.max(0, rule.capPerYear - Math.abs(so));
      const delta = round2(Math.sign(rule.points) * Math.min(Math.abs(rule.points), room));
      used.set(rule.id, so + delta);
      let label = rule.label;
      if (rule.capPerYear !== null && Math.abs(delta) < Math.abs(rule.points)) {
        label +=
          delta === 0
            ? `（已达年度上限 ${fmt(rule.capPerYear)} 分，不再计分）`
            : `（计至年度上限 ${fmt(rule.capPerYear)} 分）`;
      }
      events.push({ date: e.date, ruleId: rule.id, label, delta, source: e.source, ...entry(e) });
      if (rule.auto) auto += delta;
      else manual += delta;
      if (rule.veto) {
        vetoes.push(e.note ? `${rule.label}（${e.note}）` : rule.label);
        grade = grade ? worse(grade, rule.veto) : rule.veto;
      }
    }
    const raw = rules.base + auto + manual;
    const total = round2(rules.floor === null ? raw : Math.max(rules.floor, raw));
    const byScore = gradeOf(rules, total);
    return {
      memberId: member.id,
      name: member.name,
      base: rules.base,
      auto: round2(auto),
      manual: round2(manual),
      total,
      grade: grade ? worse(byScore, grade) : byScore,
      veto: vetoes.length > 0 ? [...new Set(vetoes)].join('；') : null,
      events,
    };
  });
}
