/**
 * 党员花名册, 组织生活, 谈心谈话 and 学习学时, read through the modules' own read functions.
 */
import type { AttendanceEntry, Rectification } from '../../../../api/life.ts';
import { complianceYear } from '../../../modules/life/compliance.ts';
import { getMeeting, listMeetings } from '../../../modules/life/meetings-read.ts';
import { listTalks } from '../../../modules/life/talks.ts';
import { maskIdNumber } from '../../../modules/org/import/id-number.ts';
import { getMember, listMembers } from '../../../modules/org/members-read.ts';
import { defineSource, orNull } from './types.ts';

/** Members on the roll at the roster date; ID numbers masked unless the export asked for them. */
export const roster = defineSource(
  [
    'seq',
    'name',
    'gender',
    'ethnicity',
    'birthDate',
    'idNumber',
    'education',
    'personCategory',
    'joinDate',
    'fullDate',
    'membership',
    'status',
    'statusSince',
    'groupName',
    'posts',
    'job',
    'phone',
    'address',
    'note',
    'age',
    'partyYears',
  ],
  ({ ledger, branch, year, asOf, includeFullIdNumbers }) => {
    const members = listMembers(ledger, { branchId: branch.id, asOf });
    const full = members.filter((m) => m.membership === '正式党员').length;
    // Who left the branch during the year (转出, 去世 …) is listed after the roll with that status and
    // its date: the year's meetings, talks and dues name them, and an importer must know when they left.
    const onRoll = new Set(members.map((m) => m.id));
    const left = listMembers(ledger, { branchId: branch.id, asOf, includeOffRoll: true }).filter(
      (m) => !onRoll.has(m.id) && m.statusSince >= `${year}-01-01`,
    );
    return {
      rows: [...members, ...left].map((m, i) => {
        // Address, note and the full number are only on the detail.
        const detail = getMember(ledger, m.id);
        const idNumber = detail.idNumber
          ? includeFullIdNumbers
            ? detail.idNumber
            : maskIdNumber(detail.idNumber)
          : null;
        return {
          id: `member:${m.id}`,
          values: {
            seq: i + 1,
            name: m.name,
            gender: m.gender,
            ethnicity: orNull(m.ethnicity),
            birthDate: m.birthDate,
            idNumber,
            education: orNull(m.education),
            personCategory: orNull(m.personCategory),
            joinDate: m.joinDate,
            fullDate: orNull(m.fullDate),
            membership: m.membership,
            status: m.status,
            statusSince: m.statusSince,
            groupName: orNull(m.groupName),
            posts: orNull(m.posts.join('、')),
            job: orNull(m.job),
            phone: orNull(m.phone),
            address: orNull(detail.address),
            note: orNull(detail.note),
            age: m.age,
            partyYears: m.partyYears,
          },
        };
      }),
      notes: [
        `截至 ${asOf}，本支部共有党员 ${members.length} 名，其中正式党员 ${full} 名、预备党员 ${members.length - full} 名。`,
        ...(left.length > 0
          ? [`本年度离开本支部的 ${left.length} 名党员列在最后，状态和日期见“状态”“状态起始日期”两列。`]
          : []),
        includeFullIdNumbers ? '本表含完整公民身份号码，属于个人敏感信息，请妥善保管。' : '公民身份号码已作遮盖处理。',
      ],
    };
  },
);

/**
 * "问题——整改措施：措施（责任人：张三；时限：2026-06-30；未销号）": the parenthesis always ends the
 * line with 销号 or 未销号, so the importer finds it even when a text has brackets of its own.
 */
export function rectificationLine(r: Rectification): string {
  const facts = [
    ...(r.owner ? [`责任人：${r.owner}`] : []),
    ...(r.dueDate ? [`时限：${r.dueDate}`] : []),
    r.doneOn ? `销号：${r.doneOn}` : '未销号',
  ];
  return `${r.problem}——整改措施：${r.measure}（${facts.join('；')}）`;
}

function absence(entry: AttendanceEntry): string {
  return `${entry.name}（${entry.status}${entry.reason ? `：${entry.reason}` : ''}）`;
}

export const meetings = defineSource(
  [
    'seq',
    'heldOn',
    'kind',
    'alsoCountsAs',
    'title',
    'place',
    'host',
    'recorder',
    'lecturer',
    'expected',
    'present',
    'absent',
    'studyHours',
    'decisions',
    'rectifications',
    'backfilled',
    'groupName',
  ],
  ({ ledger, branch, year }) => ({
    rows: listMeetings(ledger, { branchId: branch.id, year }).map((summary, i) => {
      const m = getMeeting(ledger, summary.id);
      const absent = m.attendance.filter((a) => a.status === '请假' || a.status === '缺席');
      return {
        id: `meeting:${m.id}`,
        values: {
          seq: i + 1,
          heldOn: m.heldOn,
          kind: m.kind,
          alsoCountsAs: orNull(m.alsoCountsAs.join('、')),
          title: m.title,
          place: orNull(m.place),
          host: orNull(m.host),
          recorder: orNull(m.recorder),
          lecturer: orNull(m.lecturer),
          expected: m.expected,
          present: m.present,
          absent: absent.length > 0 ? absent.map(absence).join('、') : '无',
          studyHours: m.studyHours,
          decisions: orNull(m.decisions.map((d, n) => `${n + 1}. ${d.text}`).join('\n')),
          rectifications: orNull(m.rectifications.map((r, n) => `${n + 1}. ${rectificationLine(r)}`).join('\n')),
          backfilled: m.backfilled ? '补录' : null,
          groupName: orNull(m.groupName),
        },
      };
    }),
  }),
);

export const talks = defineSource(
  ['seq', 'heldOn', 'talker', 'talkee', 'type', 'mode', 'place', 'content', 'followUp'],
  ({ ledger, branch, year }) => ({
    rows: listTalks(ledger, branch.id, year).map((t, i) => ({
      id: `talk:${t.id}`,
      values: {
        seq: i + 1,
        heldOn: t.heldOn,
        talker: t.talkerName,
        talkee: t.talkeeName,
        type: t.type,
        mode: t.mode,
        place: orNull(t.place),
        content: t.content,
        followUp: orNull(t.followUp),
      },
    })),
  }),
);

function roundHours(hours: number): number {
  return Math.round(hours * 10) / 10;
}

export const studyHours = defineSource(['seq', 'name', 'hours', 'required', 'state'], ({ ledger, branch, year }) => {
  const report = complianceYear(ledger, branch.id, year);
  return {
    rows: report.studyHours.map((s, i) => ({
      id: `member:${s.memberId}`,
      values: {
        seq: i + 1,
        name: s.name,
        hours: roundHours(s.hours),
        required: s.required,
        state: s.hours >= s.required ? '已完成' : `尚差 ${roundHours(s.required - s.hours)} 学时`,
      },
    })),
    notes: [`截至 ${report.asOf}。学时由组织生活记录中登记的学时累计。`],
  };
});
