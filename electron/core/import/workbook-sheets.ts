/**
 * The sheets of our workbooks into bundle records, one reader per sheet. Every cell goes through
 * RowReader (dates in any form, numbers in text, full-width digits, formulas for their value), and
 * every problem is kept with its sheet, row and column for the report.
 */
import { ATTENDANCE_STATUSES, MEETING_KINDS, TALK_TYPES } from '../../api/life.ts';
import { MEMBER_STATUSES, PARTY_POSTS } from '../../api/org.ts';
import { ASSESSMENT_ROWS } from '../export/xlsx/sources/assessment.ts';
import { defaultRecordTemplates } from '../templates/records.ts';
import type {
  BundleAssessment,
  BundleDevPerson,
  BundleMeeting,
  BundleMember,
  BundleProject,
  BundleRectification,
  BundleRef,
  BundleUnit,
  LedgerBundle,
} from './bundle.ts';
import { RowReader, type SheetTable } from './sheet-table.ts';

const PLAN_STATUSES = ['未开始', '进行中', '已完成', '已取消'] as const;
const DUES_CATEGORY_WORDS = ['在职', '年薪制', '个体经营', '离退休', '农民', '学生', '下岗失业', '困难减免', '其他'];
const MODES = ['面谈', '电话', '视频', '书面', '其他'];

/** "member:12" → 12 when the id is of that kind. */
export function sourceId(id: string | null, kind: string): number | null {
  if (!id) return null;
  const m = /^([a-z-]+):(\d+)$/.exec(id);
  return m && m[1] === kind ? Number(m[2]) : null;
}

/** Keeps file-local ids negative (bundle.ts): -1, -2, … */
export class LocalIds {
  private next = -1;
  take(): number {
    const id = this.next;
    this.next -= 1;
    return id;
  }
}

export interface Reading {
  bundle: LedgerBundle;
  options: { date1904: boolean; today: string };
  local: LocalIds;
  branch: BundleUnit;
  groups: Map<string, number>;
  memberByName: Map<string, number[]>;
}

function groupId(r: Reading, name: string | null, ref: BundleRef): number | null {
  if (!name) return null;
  const known = r.groups.get(name);
  if (known !== undefined) return known;
  const id = r.local.take();
  r.groups.set(name, id);
  r.bundle.units.push({ id, parentId: r.branch.id, kind: '党小组', name, sortOrder: 0, parentNames: [], ref });
  return id;
}

export function readRoster(r: Reading, table: SheetTable, masked: boolean): void {
  for (const row of table.rows) {
    const at = new RowReader(table, row, r.bundle.problems, r.options);
    const id = sourceId(row.id, 'member');
    if (id === null && !at.looksLikeRecord()) continue;
    const name = at.required('name').replace(/\s+/g, /[\u3400-\u9fff]/.test(at.text('name') ?? '') ? '' : ' ');
    const gender = at.oneOf('gender', ['男', '女'] as const);
    const birthDate = at.date('birthDate', true);
    const joinDate = at.date('joinDate', true);
    let idNumber: string | null | undefined = masked ? undefined : at.text('idNumber');
    const idCell = at.raw('idNumber');
    if (!masked && typeof idCell === 'number') {
      at.problem(
        'idNumber',
        '公民身份号码被存成了数字，第 15 位以后的数字可能已丢失。请把该列设置为“文本”格式后重新输入完整的 18 位号码',
      );
      idNumber = null;
    }
    if (idNumber) idNumber = idNumber.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
    const posts = (at.text('posts') ?? '')
      .split(/[、，,\s]+/)
      .filter((p): p is (typeof PARTY_POSTS)[number] => (PARTY_POSTS as readonly string[]).includes(p));
    // 状态/状态起始日期 (since layout 2026.2): older files have neither, and the member is then on the roll from joining.
    const status = at.has('status') ? at.oneOf('status', MEMBER_STATUSES, false) : null;
    const statusSince = at.has('statusSince') ? at.date('statusSince') : null;
    const member: BundleMember = {
      id: id ?? r.local.take(),
      name,
      gender: gender ?? '男',
      ethnicity: at.text('ethnicity'),
      birthDate: birthDate ?? '',
      ...(idNumber === undefined ? {} : { idNumber }),
      education: at.text('education'),
      personCategory: at.text('personCategory'),
      joinDate: joinDate ?? '',
      fullDate: at.date('fullDate'),
      groupId: groupId(r, at.text('groupName'), at.ref),
      job: at.text('job'),
      phone: at.text('phone'),
      address: at.text('address'),
      note: at.text('note'),
      branchId: r.branch.id,
      ...(at.has('posts') ? { postNames: posts } : {}),
      ...(status && statusSince ? { currentStatus: { status, since: statusSince } } : {}),
      ref: at.ref,
    };
    if (!gender || !birthDate || !joinDate || !name) continue;
    r.bundle.members.push(member);
    r.memberByName.set(name, [...(r.memberByName.get(name) ?? []), member.id]);
  }
}

/** "张三（请假：出差）、李四（缺席）" → marks; "无" → none. */
function absences(text: string | null): Array<{ name: string; status: '请假' | '缺席'; reason: string | null }> {
  if (!text || text === '无') return [];
  const out: Array<{ name: string; status: '请假' | '缺席'; reason: string | null }> = [];
  for (const m of text.matchAll(/([^、（(]+)[（(](请假|缺席)(?:[：:]([^）)]*))?[）)]/g)) {
    out.push({ name: (m[1] ?? '').trim(), status: m[2] === '请假' ? '请假' : '缺席', reason: m[3]?.trim() || null });
  }
  return out;
}

export function readMeetings(r: Reading, table: SheetTable): void {
  for (const row of table.rows) {
    const at = new RowReader(table, row, r.bundle.problems, r.options);
    const id = sourceId(row.id, 'meeting');
    if (id === null && !at.looksLikeRecord()) continue;
    const before = r.bundle.problems.length;
    const heldOn = at.date('heldOn', true);
    const kind = at.oneOf('kind', MEETING_KINDS);
    const title = at.required('title');
    const absentText = at.text('absent');
    const marks = absences(absentText);
    if (absentText && absentText !== '无' && marks.length === 0) {
      at.problem('absent', '无法识别，请按“姓名（请假：原因）、姓名（缺席）”填写');
    }
    const decisions = at.text('decisions');
    const meeting: BundleMeeting = {
      id: id ?? r.local.take(),
      branchId: r.branch.id,
      kind: kind ?? '党员大会',
      alsoCountsAs: at.kinds('alsoCountsAs'),
      seqNo: null,
      title,
      heldOn: heldOn ?? '',
      ...(at.has('place') ? { place: at.text('place') } : {}),
      ...(at.has('host') ? { host: at.text('host') } : {}),
      ...(at.has('recorder') ? { recorder: at.text('recorder') } : {}),
      ...(at.has('studyHours') ? { studyHours: at.number('studyHours') } : {}),
      ...(at.has('absent') ? { marks: { marks, othersAre: '出席' as const } } : {}),
      ...(at.has('decisions')
        ? {
            decisionTexts: (decisions ?? '')
              .split('\n')
              .map((line) => line.replace(/^\s*\d+[.、．]\s*/, '').trim())
              .filter((line) => line !== ''),
          }
        : {}),
      ...(at.has('backfilled') ? { backfilled: at.text('backfilled') === '补录' } : {}),
      ref: at.ref,
    };
    // 整改事项 (since layout 2026.2): older files do not carry them, and the ledger's stay.
    if (at.has('rectifications')) {
      const list = parseRectifications(at.text('rectifications'));
      if (list === null) {
        at.problem(
          'rectifications',
          '无法识别，请按“1. 问题——整改措施：措施（责任人：姓名；时限：日期；未销号）”逐行填写',
        );
      } else meeting.rectifications = list;
    }
    if (r.bundle.problems.length !== before) continue;
    // The 党小组 column (since layout 2026.2) names the group; older files leave it to the absentees.
    const named = at.text('groupName');
    // An exported row says "no group" by an empty cell; a filled-in template may leave it to the absentees.
    const group =
      at.has('groupName') && (named !== null || id !== null) ? groupId(r, named, at.ref) : groupOfMarks(r, meeting);
    if (group !== null) meeting.groupId = group;
    r.bundle.meetings.push(meeting);
  }
}

/**
 * A file of the layout before 2026.2 has no 党小组 column: a 党小组会's group is the one its
 * absentees belong to, when they all belong to one (without absentees, it is not known).
 */
function groupOfMarks(r: Reading, meeting: BundleMeeting): number | null {
  if (defaultRecordTemplates.get(meeting.kind)?.attendanceScope !== 'group') return null;
  const groups = new Set(
    (meeting.marks?.marks ?? []).flatMap((mark) =>
      r.bundle.members.filter((m) => m.name === mark.name).map((m) => m.groupId),
    ),
  );
  const [only] = groups;
  return groups.size === 1 && only !== undefined ? only : null;
}

/** The lines of rectificationLine (export/xlsx/sources/org-life.ts) back into items; null when one is not such a line. */
function parseRectifications(text: string | null): BundleRectification[] | null {
  if (!text) return [];
  const out: BundleRectification[] = [];
  for (const line of text.split('\n').filter((l) => l.trim() !== '')) {
    const m = /^\s*\d+[.、．]\s*(.+?)——整改措施：(.+)（([^（）]*?(?:未销号|销号：\d{4}-\d{2}-\d{2}))）\s*$/.exec(line);
    if (!m?.[1] || !m[2] || !m[3]) return null;
    const facts = new Map(
      m[3].split('；').map((part) => {
        const [key, ...rest] = part.split('：');
        return [key?.trim() ?? '', rest.join('：').trim()] as const;
      }),
    );
    out.push({
      // 0-based, as the meeting form numbers them (modules/life/meetings-write.ts).
      seq: out.length,
      problem: m[1].trim(),
      measure: m[2].trim(),
      owner: facts.get('责任人') || null,
      dueDate: facts.get('时限') || null,
      doneOn: facts.get('销号') || null,
    });
  }
  return out;
}

/** 出席登记 of a filled-in template: each row marks one person at one meeting of the 组织生活 sheet. */
export function readAttendance(r: Reading, table: SheetTable): void {
  for (const row of table.rows) {
    const at = new RowReader(table, row, r.bundle.problems, r.options);
    if (!at.looksLikeRecord()) continue;
    const before = r.bundle.problems.length;
    const heldOn = at.date('heldOn', true);
    const kind = at.oneOf('kind', MEETING_KINDS);
    const name = at.required('name');
    const status = at.oneOf('status', ATTENDANCE_STATUSES);
    if (r.bundle.problems.length > before || !heldOn || !kind || !status) continue;
    const meeting = r.bundle.meetings.find((m) => m.heldOn === heldOn && m.kind === kind);
    if (!meeting) {
      at.problem('heldOn', `“组织生活”表中没有 ${heldOn} 的${kind}，请先在该表登记这次会议`);
      continue;
    }
    const reason = at.text('reason');
    if (status === '请假' && !reason) {
      at.problem('reason', `“${name}”请假，请填写请假原因`);
      continue;
    }
    meeting.marks ??= { marks: [], othersAre: '缺席' };
    meeting.marks.marks.push({ name, status, reason, ref: at.ref });
  }
}

function memberRef(r: Reading, name: string): { memberId: number; memberName: string } {
  const ids = r.memberByName.get(name) ?? [];
  return { memberId: ids.length === 1 && ids[0] !== undefined ? ids[0] : r.local.take(), memberName: name };
}

export function readTalks(r: Reading, table: SheetTable): void {
  for (const row of table.rows) {
    const at = new RowReader(table, row, r.bundle.problems, r.options);
    const id = sourceId(row.id, 'talk');
    if (id === null && !at.looksLikeRecord()) continue;
    const before = r.bundle.problems.length;
    const heldOn = at.date('heldOn', true);
    const talker = at.required('talker');
    const talkee = at.required('talkee');
    const type = at.oneOf('type', TALK_TYPES);
    const mode = at.oneOf('mode', MODES);
    const content = at.required('content');
    if (r.bundle.problems.length > before || !heldOn || !type || !mode) continue;
    r.bundle.talks.push({
      id: id ?? r.local.take(),
      branchId: r.branch.id,
      heldOn,
      talkerId: memberRef(r, talker).memberId,
      talkerName: talker,
      talkeeId: memberRef(r, talkee).memberId,
      talkeeName: talkee,
      type,
      mode,
      place: at.text('place'),
      content,
      followUp: at.text('followUp'),
      ref: at.ref,
    });
  }
}

export function readPlans(r: Reading, table: SheetTable): void {
  for (const row of table.rows) {
    const at = new RowReader(table, row, r.bundle.problems, r.options);
    const id = sourceId(row.id, 'plan-item');
    // 决议 and 整改 rows are the meetings' own follow-ups, imported with their meetings.
    if (row.id !== null && id === null) continue;
    if (id === null && !at.looksLikeRecord()) continue;
    const before = r.bundle.problems.length;
    const origin = at.required('origin');
    const period = /^(\d{4})年(?:度|(\d{1,2})月)工作计划$/.exec(origin.replace(/\s+/g, ''));
    if (!period) at.problem('origin', '应为“2024年度工作计划”或“2024年3月工作计划”');
    const text = at.required('text');
    const status = at.oneOf('status', PLAN_STATUSES);
    const dueDate = at.date('dueDate');
    const doneOn = at.date('doneOn');
    if (r.bundle.problems.length > before || !period || !status) continue;
    const year = Number(period[1]);
    const month = period[2] ? Number(period[2]) : null;
    let plan = r.bundle.plans.find((p) => p.year === year && p.month === month);
    if (!plan) {
      plan = { id: r.local.take(), branchId: r.branch.id, year, month, title: null, items: [], ref: at.ref };
      r.bundle.plans.push(plan);
    }
    plan.items.push({
      id: id ?? r.local.take(),
      text,
      owner: at.text('owner'),
      dueDate,
      status,
      doneOn,
      feedback: at.text('feedback'),
      ref: at.ref,
    });
  }
}

const cents = (yuan: number) => Math.round(yuan * 100);

export function readDues(r: Reading, table: SheetTable, year: number | null): void {
  for (const row of table.rows) {
    const at = new RowReader(table, row, r.bundle.problems, r.options);
    const id = sourceId(row.id, 'member');
    if (id === null && !at.looksLikeRecord()) continue;
    if (at.text('name') === '合计') continue;
    const before = r.bundle.problems.length;
    const name = at.required('name');
    const rowYear = at.has('year') ? at.number('year') : year;
    if (rowYear === null || !Number.isInteger(rowYear) || rowYear < 2000 || rowYear > 2100) {
      at.problem('year', '请填写年度（如 2024）');
    }
    const category = at.text('category');
    if (category !== null && !DUES_CATEGORY_WORDS.includes(category)) {
      at.problem('category', `“${category}”不是党费类别（可选：${DUES_CATEGORY_WORDS.join('、')}）`);
    }
    const base = at.number('base');
    const monthly = at.number('monthlyDue');
    if (category !== null && monthly === null) at.problem('monthlyDue', '填写了类别，请同时填写月应交金额');
    const months: Array<{ month: number; value: number }> = [];
    for (let month = 1; month <= 12; month += 1) {
      const value = at.number(`m${month}`);
      if (value !== null && value < 0) at.problem(`m${month}`, '金额不能为负数');
      else if (value !== null) months.push({ month, value });
    }
    if (r.bundle.problems.length > before || rowYear === null) continue;
    const who = id !== null ? { memberId: id, memberName: name } : memberRef(r, name);
    if (category !== null && monthly !== null) {
      r.bundle.dues.profiles.push({
        ...who,
        year: rowYear,
        category,
        baseCents: base === null ? null : cents(base),
        monthlyCents: cents(monthly),
        explanation: null,
        approvalRef: null,
        ref: at.ref,
      });
    }
    for (const { month, value } of months) {
      r.bundle.dues.monthTotals.push({ ...who, year: rowYear, month, cents: cents(value), ref: at.ref });
    }
  }
}

const TIERS = ['标准型', '示范型', '红旗型', '未达标'] as const;

/**
 * 考核评分 of a ledger workbook: the assessor's points and comments on the 人工 items, the applied
 * vetoes and the record's progress rows (自评 with the rubric it was scored with, 上级评审, 已公示
 * with its dates, total and tier). 自动 items are computed from the records and not read. The
 * 自评 time is carried to the day: the ledger keeps its own instant when the day is the same.
 */
export function readAssessment(r: Reading, table: SheetTable, year: number, defaultRubric: string): void {
  const manual: Record<string, { points: number; comment?: string }> = {};
  const vetoes: Record<string, string> = {};
  const a: BundleAssessment = {
    branchId: r.branch.id,
    year,
    rubricVersion: defaultRubric,
    manual,
    vetoes,
    stage: '自评',
    selfScoredAt: null,
    reviewedAt: null,
    publicityFrom: null,
    publicityTo: null,
    finalTier: null,
    finalTotal: null,
  };
  let recorded = false;
  for (const row of table.rows) {
    const at = new RowReader(table, row, r.bundle.problems, r.options);
    const [kind, key] = /^(assessment-item|assessment-veto|assessment-stage):(.+)$/.exec(row.id ?? '')?.slice(1) ?? [];
    if (!kind || !key) continue;
    if (kind === 'assessment-item') {
      if (at.text('mode') !== '人工') continue;
      const points = at.number('points');
      const comment = at.text('comment');
      if (points !== null) manual[key] = { points, ...(comment ? { comment } : {}) };
    } else if (kind === 'assessment-veto') {
      vetoes[key] = at.text('comment') ?? at.required('comment');
    } else {
      recorded = true;
      const explanation = at.text('explanation') ?? '';
      const dates = explanation.match(/\d{4}-\d{2}-\d{2}/g) ?? [];
      if (key === '自评') {
        a.selfScoredAt = dates[0] ?? null;
        const rubric = new RegExp(`${ASSESSMENT_ROWS.rubricWord}\\s*([^）)\\s]+)`).exec(explanation)?.[1];
        if (rubric) a.rubricVersion = rubric;
      } else if (key === '上级评审') {
        a.stage = a.stage === '已公示' ? a.stage : '上级评审';
        a.reviewedAt = dates[0] ?? null;
      } else if (key === '已公示') {
        a.stage = '已公示';
        a.publicityFrom = dates[0] ?? null;
        a.publicityTo = dates[1] ?? null;
        a.finalTotal = at.number('points');
        a.finalTier = at.oneOf('comment', TIERS, false);
      }
    }
  }
  // Nothing scored and no record: the branch-year has no assessment to bring over.
  if (!recorded && Object.keys(manual).length === 0 && Object.keys(vetoes).length === 0) return;
  r.bundle.assessments.push(a);
}

const OUTCOMES = ['按期转正', '延长预备期', '取消预备党员资格'] as const;

/** "第1步 2024-03-01、第23步 2025-07-01（延长预备期 6 个月）" → steps, ordinals counted per step. */
function parseStepLog(text: string): BundleDevPerson['steps'] | null {
  const steps: BundleDevPerson['steps'] = [];
  const parts = text.split(/[、；;\n]+/).filter((p) => p.trim() !== '');
  for (const part of parts) {
    const m =
      /^\s*第\s*(\d{1,2})\s*步\s*(\d{4}-\d{2}-\d{2})\s*(?:[（(]\s*([^）)\d\s]+)\s*(?:(\d+)\s*个月)?\s*[）)])?\s*$/.exec(
        part,
      );
    const stepNo = Number(m?.[1]);
    const outcome = m?.[3];
    if (!m?.[2] || stepNo < 1 || stepNo > 25) return null;
    if (outcome !== undefined && !(OUTCOMES as readonly string[]).includes(outcome)) return null;
    const details: Record<string, unknown> = {};
    if (outcome) details.outcome = outcome;
    if (m[4]) details.extensionMonths = Number(m[4]);
    steps.push({
      stepNo,
      ordinal: steps.filter((s) => s.stepNo === stepNo).length + 1,
      doneOn: m[2],
      decidedBy: null,
      docNo: null,
      note: null,
      details,
      overrideReason: null,
      // A fixed entry time: importing the same file twice must find the same steps.
      enteredAt: `${m[2]}T12:00:00.000Z`,
    });
  }
  return steps;
}

/**
 * 发展党员 of a ledger workbook (layout 2026.2 on): the person, the cancellation and every step's
 * date from 办理记录. Not carried, so kept as the ledger has them: 公民身份号码, phone, job, the
 * member the person became, and each step's 决定机关/文号/备注/details other than step 23's outcome.
 */
export function readDevelopment(r: Reading, table: SheetTable): void {
  for (const row of table.rows) {
    const at = new RowReader(table, row, r.bundle.problems, r.options);
    const id = sourceId(row.id, 'dev-person');
    if (id === null && !at.looksLikeRecord()) continue;
    const before = r.bundle.problems.length;
    const name = at.required('name');
    const gender = at.oneOf('gender', ['男', '女'] as const);
    const birthDate = at.date('birthDate', true);
    const cancelledOn = at.date('cancelledOn');
    const steps = parseStepLog(at.required('stepLog'));
    if (steps === null || steps.length === 0) {
      at.problem('stepLog', '无法识别，请按“第1步 2024-03-01、第2步 2024-03-20”填写各步骤及日期');
    }
    if (r.bundle.problems.length > before || !gender || !birthDate || !steps?.[0]) continue;
    r.bundle.development.push({
      id: id ?? r.local.take(),
      branchId: r.branch.id,
      name,
      gender,
      birthDate,
      idNumber: null,
      phone: null,
      job: null,
      memberId: null,
      cancelledOn,
      cancelReason: at.text('cancelReason'),
      createdAt: `${steps[0].doneOn}T12:00:00.000Z`,
      steps,
      partial: true,
      ref: at.ref,
    });
  }
}

const PROJECT_LISTS = ['目标', '问题', '整改', '成果'] as const;

/**
 * 书记项目: one row per list item (or one for a project without items), grouped by 项目名称 into
 * the year's projects; 对应 names the linked item by its text. A project is matched by its name.
 */
export function readProjects(r: Reading, table: SheetTable, year: number): void {
  const links: Array<{ project: BundleProject; itemId: number; text: string; ref: BundleRef }> = [];
  for (const row of table.rows) {
    const at = new RowReader(table, row, r.bundle.problems, r.options);
    const itemId = sourceId(row.id, 'project-item');
    const bare = sourceId(row.id, 'project') !== null;
    if (itemId === null && !bare && !at.looksLikeRecord()) continue;
    const before = r.bundle.problems.length;
    const title = at.required('project');
    const background = at.text('background');
    let project = r.bundle.projects.find((p) => p.title === title);
    if (!project && title) {
      project = { id: r.local.take(), branchId: r.branch.id, year, title, background, items: [], ref: at.ref };
      r.bundle.projects.push(project);
    }
    if (project && project.background === null && background) project.background = background;
    if (bare || !project) continue;
    const kind = at.oneOf('kind', PROJECT_LISTS);
    const text = at.required('text');
    const dueDate = at.date('dueDate');
    const doneOn = at.date('doneOn');
    if (r.bundle.problems.length > before || !kind) continue;
    const id = itemId ?? r.local.take();
    project.items.push({
      id,
      kind,
      text,
      owner: at.text('owner'),
      dueDate,
      doneOn,
      linkedTo: null,
      evidence: at.text('evidence'),
    });
    const linked = at.text('linkedTo');
    if (linked) links.push({ project, itemId: id, text: linked, ref: at.ref });
  }
  for (const link of links) {
    const target = link.project.items.find((i) => i.text === link.text && i.id !== link.itemId);
    const item = link.project.items.find((i) => i.id === link.itemId);
    if (target && item) item.linkedTo = target.id;
    else
      r.bundle.problems.push({
        sheet: link.ref.sheet,
        row: link.ref.row,
        column: link.ref.columns?.linkedTo ?? null,
        field: '对应',
        message: `“${link.text}”不是本项目清单中的事项`,
      });
  }
}

/**
 * The branch committee's term, from the line the 换届选举 sheet prints under its table
 * ("本届支委会任期：2024-03-24 至 2027-03-23（3 年）。…", export/xlsx/sources/development-elections.ts):
 * the elections themselves are not rebuilt from the sheet, but the term decides TERM findings.
 */
export function readTerm(r: Reading, table: SheetTable): void {
  for (const row of table.rows) {
    const first = row.cells[0];
    if (typeof first !== 'string') continue;
    const m = /^本届支委会任期：(\d{4}-\d{2}-\d{2}) 至 [\d-]*（(\d+) 年）/.exec(first.trim());
    if (m?.[1] && m[2]) {
      r.bundle.terms.push({ branchId: r.branch.id, startDate: m[1], years: Number(m[2]) });
      return;
    }
  }
}
