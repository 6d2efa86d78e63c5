import type { MeetingKind } from '../../api/life.ts';
import { sql } from '../db/sql.ts';
import type { Ledger } from '../ledger.ts';
import { ON_ROLL_SQL } from '../modules/org/roll.ts';
import { addDays } from '../rules/development-dates.ts';
import { monthlyDueCents } from '../rules/dues.ts';
import { defaultRecordTemplates } from '../templates/records.ts';

/**
 * Organisational-life records, talks and dues for a demo ledger: a complete calendar except for
 * a few deliberate gaps, listed in the returned `gaps` so tests and `check` can be compared.
 */
export interface DemoBranch {
  id: number;
  groups: number[];
}

export interface DemoGap {
  branchId: number;
  rule: string;
  period: string;
  what: string;
}

interface MemberInfo {
  id: number;
  name: string;
  groupId: number | null;
  category: string;
  intervals: Array<{ from: string; to: string | null }>;
}

const pad = (n: number) => String(n).padStart(2, '0');
const onRollOn = (m: MemberInfo, date: string) =>
  m.intervals.some((i) => i.from <= date && (i.to === null || i.to > date));

export function generateRecords(
  ledger: Ledger,
  branches: DemoBranch[],
  options: { years: number; today: string; random: () => number },
): { meetings: number; gaps: DemoGap[] } {
  const currentYear = Number(options.today.slice(0, 4));
  const firstYear = currentYear - options.years + 1;
  const now = ledger.clock().toISOString();
  const gaps: DemoGap[] = [];
  // Deliberate gaps, in periods that are already over so `check` reports them.
  const lastFullMonth = Number(options.today.slice(5, 7)) - 1;
  if (branches[0] && lastFullMonth >= 3)
    gaps.push({ branchId: branches[0].id, rule: 'MTG-02', period: `${currentYear}-03`, what: '支委会' });
  if (branches[0] && lastFullMonth >= 7)
    gaps.push({ branchId: branches[0].id, rule: 'MTG-03', period: `${currentYear}-07`, what: '党小组会' });
  if (branches[1] && lastFullMonth >= 6)
    gaps.push({ branchId: branches[1].id, rule: 'MTG-01', period: `${currentYear}-Q2`, what: '党员大会' });
  if (branches[2] && options.years >= 2)
    gaps.push({ branchId: branches[2].id, rule: 'MTG-05', period: `${currentYear - 1}-02`, what: '主题党日' });
  const isGap = (branchId: number, kind: MeetingKind, date: string, groupIndex = 0) =>
    gaps.some((g) => {
      if (g.branchId !== branchId) return false;
      if (g.rule === 'MTG-01')
        return kind === '党员大会' && `${date.slice(0, 4)}-Q${Math.ceil(Number(date.slice(5, 7)) / 3)}` === g.period;
      if (g.rule === 'MTG-02') return kind === '支委会' && date.startsWith(g.period);
      if (g.rule === 'MTG-03') return kind === '党小组会' && groupIndex === 0 && date.startsWith(g.period);
      return kind === '主题党日' && date.startsWith(g.period);
    });

  const insertMeeting = ledger.db.raw.prepare(
    `INSERT INTO meeting (branch_id, kind, also_counts_as, seq_no, title, held_on, start_time, end_time, place, host, recorder, lecturer,
       study_hours, group_id, agenda, content, extra, template_version, entered_at, updated_at)
     VALUES (?, ?, '[]', ?, ?, ?, '14:30', '16:30', '党员活动室', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAttendance = ledger.db.raw.prepare(
    `INSERT INTO attendance (meeting_id, member_id, name, status, reason, membership) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const fullDateOf = new Map(
    ledger.db
      .all<{ id: number; full_date: string | null }>('demo.fullDates', sql`SELECT id, full_date FROM member`)
      .map((m) => [m.id, m.full_date]),
  );
  let meetings = 0;

  for (const branch of branches) {
    const members = loadMembers(ledger, branch.id);
    const posts = ledger.db.all<{ member_id: number; post: string; from_date: string }>(
      'demo.posts',
      sql`SELECT member_id, post, from_date FROM member_post WHERE unit_id = ${branch.id} AND to_date IS NULL`,
    );
    const secretary = members.find((m) => m.id === posts.find((p) => p.post === '书记')?.member_id);
    const committee = posts.filter((p) => p.post !== '书记');
    const committeeIds = new Set(posts.map((p) => p.member_id));
    const committeeFrom = committee.length > 0 ? committee.map((p) => p.from_date).sort()[0] : null;
    const seq = new Map<string, number>();

    const hold = (
      kind: MeetingKind,
      date: string,
      title: string,
      hours: number | null,
      attendees: MemberInfo[],
      groupId: number | null,
    ) => {
      if (date > options.today) return;
      const key = `${kind}-${date.slice(0, 4)}-${groupId ?? 0}`;
      const next = (seq.get(key) ?? 0) + 1;
      seq.set(key, next);
      const template = defaultRecordTemplates.get(kind);
      const extra = demoExtra(kind);
      const id = Number(
        insertMeeting.run(
          branch.id,
          kind,
          next,
          title,
          date,
          secretary?.name ?? null,
          attendees[1]?.name ?? null,
          kind === '党课' ? (secretary?.name ?? null) : null,
          hours,
          groupId,
          JSON.stringify([title]),
          `${title}。与会党员结合工作实际进行了交流发言。`,
          JSON.stringify(extra),
          template?.version ?? '2026.1',
          // Entered on the day of the meeting, as a diligent clerk would: not 补录.
          `${date}T10:00:00.000Z`,
          now,
        ).lastInsertRowid,
      );
      for (const m of attendees) {
        const leave = options.random() < 0.04;
        const full = fullDateOf.get(m.id);
        insertAttendance.run(
          id,
          m.id,
          m.name,
          leave ? '请假' : '出席',
          leave ? '因公出差' : null,
          full && full <= date ? '正式党员' : '预备党员',
        );
      }
      meetings += 1;
      followUps(ledger, kind, id, date, options.today, secretary?.name ?? null);
    };

    for (let year = firstYear; year <= currentYear; year += 1) {
      for (let month = 1; month <= 12; month += 1) {
        const date = (day: number) => `${year}-${pad(month)}-${pad(day)}`;
        if (date(1) > options.today) break;
        const roll = (d: string) => members.filter((m) => onRollOn(m, d));
        if (!isGap(branch.id, '主题党日', date(8)))
          hold('主题党日', date(8), `${month}月主题党日：学习贯彻党的创新理论`, 3, roll(date(8)), null);
        hold('集中学习', date(15), `${month}月集中学习`, 2, roll(date(15)), null);
        if (committeeFrom && committeeFrom <= date(5) && !isGap(branch.id, '支委会', date(5))) {
          hold(
            '支委会',
            date(5),
            `${month}月支委会：研究支部当月工作`,
            null,
            roll(date(5)).filter((m) => committeeIds.has(m.id)),
            null,
          );
        }
        branch.groups.forEach((groupId, index) => {
          if (isGap(branch.id, '党小组会', date(20), index)) return;
          hold(
            '党小组会',
            date(20),
            `${month}月党小组学习讨论`,
            null,
            roll(date(20)).filter((m) => m.groupId === groupId),
            groupId,
          );
        });
        if (month % 3 === 2) {
          if (!isGap(branch.id, '党员大会', date(22)))
            hold('党员大会', date(22), `第${Math.ceil(month / 3)}季度支部党员大会`, null, roll(date(22)), null);
          hold('党课', date(25), `第${Math.ceil(month / 3)}季度专题党课`, 3, roll(date(25)), null);
        }
        if (month === 11) {
          hold('组织生活会', date(10), `${year}年度组织生活会`, null, roll(date(10)), null);
          hold('民主评议', date(10), `${year}年度民主评议党员`, null, roll(date(10)), null);
        }
      }
      talksFor(ledger, branch.id, year, members, secretary, committee, options.today);
      plansFor(ledger, branch.id, year, options.today, secretary?.name ?? null);
      const arrears = duesFor(ledger, year, members, options.today, branch.id === branches[0]?.id);
      if (arrears) gaps.push({ branchId: branch.id, rule: 'DUES-01', period: String(year), what: `${arrears} 党费` });
    }
    appraisalsFor(ledger, branch.id);
  }
  return { meetings, gaps };
}

const doneBy = (date: string, today: string) => (date <= today ? date : null);

/** 支委会 decide things with an owner and a deadline; 组织生活会 produce a 整改清单. Most are closed in time. */
function followUps(
  ledger: Ledger,
  kind: MeetingKind,
  meetingId: number,
  heldOn: string,
  today: string,
  owner: string | null,
): void {
  if (kind === '支委会') {
    ledger.db.run(
      'demo.decision',
      sql`INSERT INTO meeting_decision (meeting_id, seq, text, owner, due_date, done_on)
          VALUES (${meetingId}, 0, '落实本月党建工作安排，按时报送有关材料', ${owner}, ${addDays(heldOn, 20)}, ${doneBy(addDays(heldOn, 15), today)})`,
    );
  }
  if (kind === '组织生活会') {
    const items = [
      ['理论学习不够系统', '制定学习计划，每月开展集中学习'],
      ['联系服务群众不够经常', '支委每人联系一个班组，每季度走访一次'],
    ];
    items.forEach(([problem, measure], seq) => {
      ledger.db.run(
        'demo.rectification',
        sql`INSERT INTO rectification (meeting_id, seq, problem, measure, owner, due_date, done_on)
            VALUES (${meetingId}, ${seq}, ${problem ?? ''}, ${measure ?? ''}, ${owner}, ${addDays(heldOn, 90)}, ${doneBy(addDays(heldOn, 60), today)})`,
      );
    });
  }
}

/** An annual plan with its items, and monthly plans for the months so far. */
function plansFor(ledger: Ledger, branchId: number, year: number, today: string, owner: string | null): void {
  const annual = Number(
    ledger.db.run(
      'demo.plan',
      sql`INSERT INTO plan (branch_id, year, month, title) VALUES (${branchId}, ${year}, NULL, ${`${year}年度党建工作计划`})`,
    ).lastInsertRowid,
  );
  const items = [
    '制定年度学习计划',
    '开展主题党日活动',
    '召开年度组织生活会',
    '做好党费收缴和上缴',
    '推进书记项目',
    '完成党员民主评议',
  ];
  items.forEach((text, i) => {
    const due = `${year}-${pad(2 * i + 2)}-28`;
    const done = doneBy(addDays(due, -5), today);
    ledger.db.run(
      'demo.planItem',
      sql`INSERT INTO plan_item (plan_id, text, owner, due_date, status, done_on)
          VALUES (${annual}, ${text}, ${owner}, ${due}, ${done ? '已完成' : '进行中'}, ${done})`,
    );
  });
}

function demoExtra(kind: MeetingKind): Record<string, string | string[]> {
  switch (kind) {
    case '党小组会':
      return { form: '集中学习' };
    case '党课':
      return { form: '讲授' };
    case '主题党日':
      return { monthTheme: '学习贯彻党的创新理论', requiredActions: ['交纳党费', '集中学习'] };
    case '组织生活会':
      return { committeeCheck: '支部班子对照检查材料已在会前征求意见并修改完善。' };
    case '民主评议':
      return { steps: ['个人自评', '党员互评', '民主测评', '支委会评定', '反馈本人'] };
    case '集中学习':
      return { materials: '党章、党的二十大报告', form: '集中学习' };
    default:
      return {};
  }
}

function loadMembers(ledger: Ledger, branchId: number): MemberInfo[] {
  const rows = ledger.db.all<{
    id: number;
    name: string;
    group_id: number | null;
    person_category: string | null;
    from_date: string;
    to_date: string | null;
  }>(
    'demo.members',
    sql`SELECT m.id, m.name, m.group_id, m.person_category, s.from_date, s.to_date FROM member m
        JOIN member_status s ON s.member_id = m.id
        WHERE s.branch_id = ${branchId} AND s.status IN ${ON_ROLL_SQL} ORDER BY m.id`,
  );
  const byId = new Map<number, MemberInfo>();
  for (const r of rows) {
    const m = byId.get(r.id) ?? {
      id: r.id,
      name: r.name,
      groupId: r.group_id,
      category: r.person_category ?? '',
      intervals: [],
    };
    m.intervals.push({ from: r.from_date, to: r.to_date });
    byId.set(r.id, m);
  }
  return [...byId.values()];
}

/** Every member on the roll is talked with once a year (the 书记 by a committee member). */
function talksFor(
  ledger: Ledger,
  branchId: number,
  year: number,
  members: MemberInfo[],
  secretary: MemberInfo | undefined,
  committee: Array<{ member_id: number }>,
  today: string,
): void {
  if (!secretary) return;
  const deputy = members.find((m) => m.id === committee[0]?.member_id) ?? members.find((m) => m.id !== secretary.id);
  for (const m of members) {
    const first = m.intervals.map((i) => (i.from > `${year}-01-20` ? i.from : `${year}-01-20`)).sort()[0];
    if (!first?.startsWith(String(year)) || first > today || !onRollOn(m, first)) continue;
    const talker = m.id === secretary.id ? deputy : secretary;
    if (!talker || !onRollOn(talker, first)) continue;
    ledger.db.run(
      'demo.talk',
      sql`INSERT INTO talk (branch_id, held_on, talker_id, talkee_id, type, mode, place, content, follow_up, entered_at)
          VALUES (${branchId}, ${first}, ${talker.id}, ${m.id}, '日常谈心', '面谈', '书记办公室', '交流思想和工作情况，听取意见建议。', NULL, ${`${first}T10:00:00.000Z`})`,
    );
  }
}

/** Returns the name of the member left in arrears, if any. */
function duesFor(
  ledger: Ledger,
  year: number,
  members: MemberInfo[],
  today: string,
  withArrears: boolean,
): string | null {
  let inArrears: string | null = null;
  members.forEach((m, index) => {
    const retired = m.category === '离退休人员';
    const baseCents = (retired ? 2500 + ((m.id * 37) % 50) * 100 : 3000 + ((m.id * 53) % 120) * 100) * 100;
    const due = monthlyDueCents(
      { category: retired ? '离退休' : '在职', baseCents, fixedMonthlyCents: null },
      ledger.ruleSet,
    );
    ledger.db.run(
      'demo.duesProfile',
      sql`INSERT OR REPLACE INTO dues_profile (member_id, year, category, base_cents, monthly_cents, explanation)
          VALUES (${m.id}, ${year}, ${retired ? '离退休' : '在职'}, ${baseCents}, ${due.cents}, ${due.explanation})`,
    );
    // One member stops paying seven months before the current one: the deliberate arrears streak.
    const stopsFrom =
      withArrears && index === 4 && year === Number(today.slice(0, 4)) ? Number(today.slice(5, 7)) - 7 : 13;
    if (stopsFrom <= 12 && stopsFrom >= 1) inArrears = m.name;
    for (let month = 1; month <= 12; month += 1) {
      // Paid on the first day of the month the member is on this branch's roll (joining or leaving mid-month included).
      const days = Array.from({ length: 28 }, (_, d) => `${year}-${pad(month)}-${pad(d + 1)}`);
      const paidOn = days.find((day) => onRollOn(m, day));
      if (!paidOn || paidOn > today || month >= stopsFrom) continue;
      ledger.db.run(
        'demo.duesPayment',
        sql`INSERT INTO dues_payment (member_id, year, month, cents, paid_on, handler, kind) VALUES (${m.id}, ${year}, ${month}, ${due.cents}, ${paidOn}, '组织委员', '按月')`,
      );
    }
  });
  return inArrears;
}

/** 民主评议: about a quarter 优秀 (under the 1/3 cap), the rest 合格. */
function appraisalsFor(ledger: Ledger, branchId: number): void {
  const appraisals = ledger.db.all<{ id: number }>(
    'demo.appraisals',
    sql`SELECT id FROM meeting WHERE branch_id = ${branchId} AND kind = '民主评议'`,
  );
  for (const a of appraisals) {
    const present = ledger.db.all<{ member_id: number }>(
      'demo.appraised',
      sql`SELECT member_id FROM attendance WHERE meeting_id = ${a.id} AND member_id IS NOT NULL ORDER BY member_id`,
    );
    present.forEach((p, i) => {
      ledger.db.run(
        'demo.grade',
        sql`INSERT INTO appraisal_grade (meeting_id, member_id, grade) VALUES (${a.id}, ${p.member_id}, ${i % 4 === 0 ? '优秀' : '合格'})`,
      );
    });
  }
}
