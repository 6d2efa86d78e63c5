import type { MeetingDetail } from '../../api/life.ts';
import type { MemberRow, OrgUnit } from '../../api/org.ts';
import { LedgerError } from '../errors.ts';
import { type Ledger, today } from '../ledger.ts';
import { getAssessment } from '../modules/assessment/assessment.ts';
import { listProjects } from '../modules/assessment/projects.ts';
import { developmentBoard, getPerson } from '../modules/development/people.ts';
import { duesSheet } from '../modules/dues/dues.ts';
import { branchResponsibilities } from '../modules/duties/responsibilities.ts';
import { dutyHolders } from '../modules/duties/tasks.ts';
import { listElections } from '../modules/elections/elections.ts';
import { printPhotoData } from '../modules/life/attachments.ts';
import { getMeeting, listMeetings } from '../modules/life/meetings-read.ts';
import { listTalks } from '../modules/life/talks.ts';
import { getMember, listMembers } from '../modules/org/members-read.ts';
import { listUnits } from '../modules/org/units.ts';
import { listPlans, supervision } from '../modules/routine/plans.ts';
import { defaultDutiesTemplate } from '../templates/duties.ts';
import type { CommitteeSectionData, DutyTaskTables } from './docx/book.ts';
import { dateCn, dateDot, yuan } from './docx/format.ts';
import { fill } from './docx/layout.ts';
import type { MeetingDocument } from './docx/meeting-record.ts';
import type {
  LedgerBookData,
  MeetingField,
  MeetingRecordData,
  PhotoData,
  SectionSource,
  TableSectionData,
} from './docx/types.ts';

/**
 * Reads one branch-year of the ledger into the plain data the Word composers print, through the
 * modules' own read functions. One function per section source: a module that is not ready yet
 * (发展党员, 换届选举, 书记项目, 考核) gives no rows, and the book prints the template's one line
 * for an empty section; adding it later means filling in its function here.
 */

interface Context {
  ledger: Ledger;
  branch: OrgUnit;
  year: number;
  asOf: string;
  members: MemberRow[];
}

type Gatherer = (ctx: Context) => TableSectionData;

function requireBranch(units: OrgUnit[], branchId: number): OrgUnit {
  const branch = units.find((u) => u.id === branchId);
  if (branch?.kind !== '党支部') {
    throw new LedgerError('NOT_FOUND', `找不到编号为 ${branchId} 的党支部。`, [{ field: '党支部', message: '不存在' }]);
  }
  return branch;
}

const roster: Gatherer = ({ members, asOf, year }) => {
  const full = members.filter((m) => m.membership === '正式党员').length;
  return {
    rows: members.map((m, i) => ({
      seq: i + 1,
      name: m.name,
      gender: m.gender,
      ethnicity: m.ethnicity,
      birthDate: dateDot(m.birthDate),
      age: m.age,
      education: m.education,
      personCategory: m.personCategory,
      joinDate: dateDot(m.joinDate),
      fullDate: dateDot(m.fullDate),
      membership: m.membership,
      partyYears: m.partyYears,
      groupName: m.groupName,
      job: m.job,
      posts: m.posts.join('、'),
      phone: m.phone,
      idNumberMasked: m.idNumberMasked,
      status: m.status,
      note: m.status === '转入' && m.statusSince.startsWith(String(year)) ? `${dateDot(m.statusSince)}转入` : '',
    })),
    note: `截至${dateCn(asOf)}，本支部共有党员${members.length}名，其中正式党员${full}名、预备党员${members.length - full}名。`,
  };
};

/** The year's 责任清单 of everyone who held a post, one table per person (templates/duties/roles.json book). */
function dutyTaskTables(ledger: Ledger, branchId: number, year: number, asOf: string): DutyTaskTables {
  const { book } = defaultDutiesTemplate();
  const holders = dutyHolders(ledger, branchId, year, asOf).filter((h) => h.tasks.length > 0);
  return {
    columns: book.taskColumns,
    groups: holders.map((h) => ({
      heading: fill(book.taskHeading, {
        name: h.name,
        posts: [...new Set(h.posts.map((p) => p.post))].join('、') || '原支委',
        year,
      }),
      rows: h.tasks.map((t, i) => ({
        seq: i + 1,
        text: t.text,
        source: t.source ?? t.planItemText ?? '',
        assignedOn: dateDot(t.assignedOn),
        dueDate: dateDot(t.dueDate),
        status: t.status,
        doneOn: dateDot(t.doneOn),
        state: t.status === '已完成' ? `已完成（${dateDot(t.doneOn)}）` : t.overdue ? '逾期未完成' : t.status,
        note: t.note,
      })),
    })),
    empty: holders.length === 0 ? book.noTasks : null,
  };
}

/** 分工: the branch's responsibility list of each post (its own edit, or the duties template's). */
const committee: Gatherer = ({ ledger, branch, members, year, asOf }) => {
  const duties = new Map(
    branchResponsibilities(ledger, branch.id).map((r) => [r.post, r.items.map((item, i) => `${i + 1}. ${item.text}`)]),
  );
  const rows = members.flatMap((m) =>
    m.posts.map((post) => {
      const interval = getMember(ledger, m.id).postHistory.find(
        // A 党小组长 holds the post in one of the branch's 党小组, not in the branch itself.
        (p) => p.post === post && (p.unitId === branch.id || post === '党小组长') && p.toDate === null,
      );
      return {
        post,
        name: m.name,
        gender: m.gender,
        birthDate: dateDot(m.birthDate),
        education: m.education,
        interval,
      };
    }),
  );
  const order = ['书记', '副书记', '组织委员', '宣传委员', '纪检委员', '党小组长'];
  rows.sort((a, b) => order.indexOf(a.post) - order.indexOf(b.post));
  return {
    rows: rows.map((r, i) => ({
      seq: i + 1,
      post: r.post,
      name: r.name,
      gender: r.gender,
      birthDate: r.birthDate,
      education: r.education,
      fromDate: dateDot(r.interval?.fromDate),
      toDate: dateDot(r.interval?.toDate),
      duties: duties.get(r.post)?.join('\n') ?? '',
    })),
    dutyTasks: dutyTaskTables(ledger, branch.id, year, asOf),
  } satisfies CommitteeSectionData;
};

function planState(status: string, doneOn: string | null): string {
  return status === '已完成' && doneOn ? `已完成（${dateDot(doneOn)}）` : status;
}

const annualPlan: Gatherer = ({ ledger, branch, year }) => {
  const items = listPlans(ledger, branch.id, year)
    .filter((p) => p.month === null)
    .flatMap((p) => p.items);
  return {
    rows: items.map((item, i) => ({
      seq: i + 1,
      text: item.text,
      owner: item.owner,
      dueDate: dateDot(item.dueDate),
      status: item.status,
      doneOn: dateDot(item.doneOn),
      feedback: item.feedback,
      state: planState(item.status, item.doneOn),
    })),
  };
};

const monthlyPlans: Gatherer = ({ ledger, branch, year }) => {
  const plans = listPlans(ledger, branch.id, year)
    .filter((p) => p.month !== null)
    .sort((a, b) => (a.month ?? 0) - (b.month ?? 0));
  let seq = 0;
  return {
    rows: plans.flatMap((plan) =>
      plan.items.map((item) => {
        seq += 1;
        return {
          seq,
          month: `${plan.month}月`,
          plan: plan.title,
          text: item.text,
          owner: item.owner,
          dueDate: dateDot(item.dueDate),
          status: item.status,
          doneOn: dateDot(item.doneOn),
          feedback: item.feedback,
          state: planState(item.status, item.doneOn),
        };
      }),
    ),
  };
};

const supervisionList: Gatherer = ({ ledger, branch, asOf }) => {
  const items = supervision(ledger, branch.id, asOf);
  return {
    rows: items.map((item, i) => ({
      seq: i + 1,
      source: item.source,
      origin: item.origin,
      text: item.text,
      owner: item.owner,
      dueDate: dateDot(item.dueDate),
      state: item.overdue ? '逾期' : '办理中',
    })),
    note: `截至${dateCn(asOf)}尚未办结的事项，逾期的排在前面。`,
  };
};

const talks: Gatherer = ({ ledger, branch, year }) => ({
  rows: listTalks(ledger, branch.id, year).map((t, i) => ({
    seq: i + 1,
    heldOn: dateDot(t.heldOn),
    talker: t.talkerName,
    talkee: t.talkeeName,
    type: t.type,
    mode: t.mode,
    place: t.place,
    content: t.content,
    followUp: t.followUp,
  })),
});

const dues: Gatherer = ({ ledger, branch, year }) => {
  const sheet = duesSheet(ledger, branch.id, year);
  const months = (values: Array<number | null>) => Object.fromEntries(values.map((v, i) => [`m${i + 1}`, yuan(v)]));
  const paidTotal = sheet.monthTotals.reduce((s, t) => s + t.paid, 0);
  const remittedTotal = sheet.monthTotals.reduce((s, t) => s + (t.remitted ?? 0), 0);
  return {
    rows: sheet.members.map((m, i) => ({
      seq: i + 1,
      name: m.name,
      category: m.profile?.category ?? '',
      base: yuan(m.profile?.base),
      monthlyDue: yuan(m.profile?.monthlyDue),
      ...months(m.months),
      dueToDate: yuan(m.dueToDate),
      paidToDate: yuan(m.paidToDate),
      arrearsStreak: m.arrearsStreak || '',
      note: m.flags.join('；'),
    })),
    totals: [
      { name: '合计', ...months(sheet.monthTotals.map((t) => t.paid)), paidToDate: yuan(paidTotal) },
      { name: '上缴', ...months(sheet.monthTotals.map((t) => t.remitted)), paidToDate: yuan(remittedTotal) },
    ],
    note: `单位：元。截至${dateCn(sheet.asOf)}。`,
  };
};

/** Modules not written yet: the book lists the section and says it has no records. */
/** Everyone in the pipeline during the year (closed ones included), with the dates that matter. */
const development: Gatherer = ({ ledger, branch, year }) => ({
  rows: developmentBoard(ledger, branch.id, true)
    .map((p) => getPerson(ledger, p.id))
    .filter((p) => p.steps.some((s) => s.doneOn.startsWith(String(year))) || p.status === '进行中')
    .map((p, i) => {
      const on = (no: number) => dateDot(p.steps.find((s) => s.stepNo === no)?.doneOn);
      const next = p.nextStep ? `下一步：第${p.nextStep.no}步 ${p.nextStep.name}` : '';
      return {
        seq: i + 1,
        name: p.name,
        stage: p.status === '进行中' ? p.stage : p.status,
        applicationDate: on(1),
        activistDate: on(3),
        candidateDate: on(7),
        note: [p.probationEnd ? `预备期满 ${dateDot(p.probationEnd)}` : '', next].filter(Boolean).join('；'),
      };
    }),
});

const elections: Gatherer = ({ ledger, branch, year }) => ({
  rows: listElections(ledger, branch.id)
    .filter((e) => e.tally?.heldOn.startsWith(String(year)))
    .map((e) => ({
      heldOn: dateDot(e.tally?.heldOn),
      subject: `选举支部委员会委员（应选 ${e.seats} 名，候选人 ${e.candidates.length} 名）`,
      eligible: e.tally ? e.tally.due - e.tally.excluded.length : '',
      present: e.tally?.present ?? '',
      elected: e.tally?.elected.map((x) => `${x.name}（${x.yes}票）`).join('、') ?? '',
      approval: e.steps.find((s) => s.no === 10)?.doneOn
        ? `${dateDot(e.steps.find((s) => s.no === 10)?.doneOn)} 报批`
        : '',
    })),
});

const secretaryProjects: Gatherer = ({ ledger, branch, year }) => ({
  rows: listProjects(ledger, branch.id, year).flatMap((project, i) =>
    project.items
      .filter((item) => item.kind === '目标')
      .map((target) => ({
        seq: i + 1,
        title: project.title,
        goal: target.text,
        owner: target.owner ?? '',
        dueDate: dateDot(target.dueDate),
        progress:
          project.items.find((o) => o.kind === '成果' && o.linkedTo === target.id && o.doneOn)?.text ??
          `问题 ${project.progress.problems} 项，已整改销号 ${project.progress.problemsClosed} 项`,
      })),
  ),
});

const assessment: Gatherer = ({ ledger, branch, year }) => {
  const result = getAssessment(ledger, branch.id, year);
  return {
    rows: result.items.map((item, i) => ({
      seq: i + 1,
      item: `${item.category}：${item.title}`,
      points: item.maxPoints,
      score: item.points ?? '待评',
      evidence: item.mode === 'auto' ? item.explanation : (item.comment ?? ''),
    })),
  };
};

export const SECTION_GATHERERS: Record<Exclude<SectionSource, 'meetings'>, Gatherer> = {
  roster,
  committee,
  annualPlan,
  monthlyPlans,
  supervision: supervisionList,
  talks,
  dues,
  development,
  elections,
  secretaryProjects,
  assessment,
};

const PHOTO_MIMES = new Set(['image/png', 'image/jpeg', 'image/gif']);

function numbered(lines: string[]): string {
  return lines.map((line, i) => `${i + 1}. ${line}`).join('\n');
}

function followUp(owner: string | null, due: string | null, done: string | null): string {
  const parts = [owner && `责任人：${owner}`, due && `时限：${dateDot(due)}`, done && `已于${dateDot(done)}完成`];
  const text = parts.filter(Boolean).join('，');
  return text ? `（${text}）` : '';
}

/** A meeting as printed: every form field as text, photos read from the attachment store. */
export function meetingRecordData(ledger: Ledger, m: MeetingDetail): MeetingRecordData {
  const attending = m.attendance.filter((a) => a.status === '出席');
  const away = m.attendance.filter((a) => a.status === '请假' || a.status === '缺席');
  const observers = m.attendance.filter((a) => a.status === '列席');
  const photos: PhotoData[] = [];
  const files: string[] = [];
  for (const file of m.attachmentList) {
    if (PHOTO_MIMES.has(file.mime)) {
      // The print-size copy made when the photo was attached (the original when there is none yet):
      // twenty camera originals would otherwise be read, and held, at 5 MB each.
      photos.push({ data: printPhotoData(ledger, file.id), fileName: file.fileName, caption: file.caption });
    } else files.push(file.fileName);
  }
  const grades = ['优秀', '合格', '基本合格', '不合格'].flatMap((grade) => {
    const names = m.appraisal.filter((a) => a.grade === grade).map((a) => a.name);
    return names.length ? [`${grade}（${names.length}人）：${names.join('、')}`] : [];
  });
  const also = m.alsoCountsAs.length ? `（同时作为${m.alsoCountsAs.join('、')}）` : '';
  const fields: Partial<Record<MeetingField, string>> = {
    title: m.title,
    kind: m.kind,
    kindText: `${m.kind}${m.groupName ? `（${m.groupName}）` : ''}${also}`,
    seq: `第${m.seqNo}次`,
    heldOn: m.heldOn,
    heldOnText: dateCn(m.heldOn),
    time: m.startTime ? `${m.startTime}${m.endTime ? `—${m.endTime}` : ''}` : '',
    place: m.place ?? '',
    host: m.host ?? '',
    recorder: m.recorder ?? '',
    lecturer: m.lecturer ?? '',
    studyHours: m.studyHours !== null ? `${m.studyHours}学时` : '',
    expected: `${m.expected}人`,
    present: `${m.present}人`,
    presentNames: attending.map((a) => a.name).join('、') || '无',
    absent: away.map((a) => `${a.name}（${a.status}${a.reason ? `：${a.reason}` : ''}）`).join('、') || '无',
    observers: observers.map((a) => a.name).join('、') || '无',
    agenda: numbered(m.agenda),
    content: m.content ?? '',
    vote: m.vote
      ? `${m.vote.subject}：${m.vote.method}表决，同意${m.vote.yes}票、反对${m.vote.no}票、弃权${m.vote.abstain}票，${m.vote.passed ? '通过' : '未通过'}。${m.vote.explanation}`
      : '',
    decisions: numbered(m.decisions.map((d) => `${d.text}${followUp(d.owner, d.dueDate, d.doneOn)}`)),
    rectifications: numbered(
      m.rectifications.map((r) => `${r.problem}——${r.measure}${followUp(r.owner, r.dueDate, r.doneOn)}`),
    ),
    appraisal: grades.join('\n'),
    files: files.join('、'),
    backfill: m.backfilled ? `补录，录入日期${dateCn(m.enteredAt.slice(0, 10))}` : '',
  };
  return { id: m.id, heldOn: m.heldOn, fields, photos };
}

export function gatherMeetingRecord(ledger: Ledger, meetingId: number): MeetingDocument {
  const meeting = getMeeting(ledger, meetingId);
  const branch = listUnits(ledger).find((u) => u.id === meeting.branchId);
  return {
    branchName: branch?.name ?? '',
    meeting: meetingRecordData(ledger, meeting),
    names: [...new Set(meeting.attendance.map((a) => a.name))],
  };
}

function topOrganisation(units: OrgUnit[], unit: OrgUnit): OrgUnit {
  let current = unit;
  for (let guard = 0; current.parentId !== null && guard < 10; guard += 1) {
    const parent = units.find((u) => u.id === current.parentId);
    if (!parent) break;
    current = parent;
  }
  return current;
}

export function gatherLedgerBook(ledger: Ledger, branchId: number, year: number): LedgerBookData {
  const units = listUnits(ledger);
  const branch = requireBranch(units, branchId);
  const now = today(ledger);
  const yearEnd = `${year}-12-31`;
  const asOf = yearEnd < now ? yearEnd : now;
  const members = listMembers(ledger, { branchId, asOf });
  const ctx: Context = { ledger, branch, year, asOf, members };
  const holder = (post: string) =>
    members
      .filter((m) => m.posts.includes(post as MemberRow['posts'][number]))
      .map((m) => m.name)
      .join('、');
  const sections: LedgerBookData['sections'] = {};
  for (const [source, gather] of Object.entries(SECTION_GATHERERS) as Array<[keyof typeof SECTION_GATHERERS, Gatherer]>)
    sections[source] = gather(ctx);
  const details = listMeetings(ledger, { branchId, year }).map((s) => getMeeting(ledger, s.id));
  sections.meetings = { meetings: details.map((m) => meetingRecordData(ledger, m)) };
  const parent = units.find((u) => u.id === branch.parentId);
  const names = [...members.map((m) => m.name), ...details.flatMap((m) => m.attendance.map((a) => a.name))];
  return {
    year,
    asOf,
    branch: { id: branch.id, name: branch.name },
    cover: {
      organisation: topOrganisation(units, branch).name,
      parentOrganisation: parent?.name ?? '',
      branch: branch.name,
      year: String(year),
      secretary: holder('书记'),
      organiser: holder('组织委员'),
      periodFrom: dateCn(`${year}-01-01`),
      periodTo: dateCn(asOf),
      period: `${dateCn(`${year}-01-01`)}至${asOf.startsWith(String(year)) ? dateCn(asOf).slice(5) : dateCn(asOf)}`,
      ledgerNo: `${year}-${String(branch.id).padStart(3, '0')}`,
      asOf: dateCn(asOf),
    },
    names: [...new Set(names)],
    sections,
  };
}
