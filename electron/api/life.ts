import { z } from 'zod';
import { method } from './contract.ts';

/** Record kinds of 组织生活 (RULES.md §2). 谈心谈话 has its own shape (talk.*). */
export const MEETING_KINDS = [
  '党员大会',
  '支委会',
  '党小组会',
  '党课',
  '主题党日',
  '组织生活会',
  '民主评议',
  '集中学习',
] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export const ATTENDANCE_STATUSES = ['出席', '请假', '缺席', '列席'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export const APPRAISAL_GRADES = ['优秀', '合格', '基本合格', '不合格'] as const;
export type AppraisalGrade = (typeof APPRAISAL_GRADES)[number];

export const TALK_TYPES = ['日常谈心', '提醒谈话', '组织生活会前谈心', '困难帮扶', '任前谈话', '其他'] as const;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const time = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM')
  .optional();
const id = z.number().int().positive();
const text = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字`);
const count = z.number().int().min(0, '不能为负数').max(100_000);

/** A field of a record template: the renderer builds the form from these, so a new field needs no code. */
export interface TemplateField {
  key: string;
  label: string;
  type: 'text' | 'textarea' | 'number' | 'date' | 'select' | 'multiselect';
  required: boolean;
  options?: string[];
  maxLength?: number;
  min?: number;
  max?: number;
  placeholder?: string;
  help?: string;
}

export interface RecordTemplate {
  id: string;
  kind: MeetingKind;
  name: string;
  version: string;
  /** Who is expected: the whole branch, the 支委会, or one 党小组. */
  attendanceScope: 'branch' | 'committee' | 'group';
  /** Which blocks of the common record this kind uses. */
  blocks: {
    lecturer: boolean;
    studyHours: boolean;
    vote: boolean;
    decisions: boolean;
    rectifications: boolean;
    appraisal: boolean;
  };
  fields: TemplateField[];
  source: string;
}

export interface AttendanceEntry {
  memberId: number | null;
  name: string;
  status: AttendanceStatus;
  reason: string | null;
  /** Snapshot as of the meeting date: 正式党员 / 预备党员 / 非党员 (列席). */
  membership: '正式党员' | '预备党员' | '非党员';
}

export interface Decision {
  id: number;
  text: string;
  owner: string | null;
  dueDate: string | null;
  doneOn: string | null;
}

export interface Rectification {
  id: number;
  problem: string;
  measure: string;
  owner: string | null;
  dueDate: string | null;
  doneOn: string | null;
}

export interface VoteBlock {
  subject: string;
  method: '举手' | '无记名投票';
  eligible: number;
  presentEligible: number;
  writtenOpinions: number;
  yes: number;
  no: number;
  abstain: number;
  /** Computed by the rule set: quorum and pass rule of RULES.md §2.1. */
  quorumMet: boolean;
  passed: boolean;
  explanation: string;
}

export interface AttachmentInfo {
  id: number;
  fileName: string;
  mime: string;
  sizeBytes: number;
  sha256: string;
  caption: string | null;
}

export interface MeetingSummary {
  id: number;
  branchId: number;
  kind: MeetingKind;
  alsoCountsAs: MeetingKind[];
  seqNo: number;
  title: string;
  heldOn: string;
  enteredAt: string;
  /** Entered long after it happened (the rule set's threshold): shown as 补录. */
  backfilled: boolean;
  expected: number;
  present: number;
  groupId: number | null;
  groupName: string | null;
  studyHours: number | null;
  attachments: number;
  openDecisions: number;
}

export interface MeetingDetail extends MeetingSummary {
  startTime: string | null;
  endTime: string | null;
  place: string | null;
  host: string | null;
  recorder: string | null;
  lecturer: string | null;
  agenda: string[];
  content: string | null;
  extra: Record<string, string | number | string[] | null>;
  attendance: AttendanceEntry[];
  decisions: Decision[];
  rectifications: Rectification[];
  vote: VoteBlock | null;
  appraisal: Array<{ memberId: number; name: string; grade: AppraisalGrade }>;
  attachmentList: AttachmentInfo[];
  templateVersion: string;
}

export interface RosterCandidate {
  memberId: number;
  name: string;
  membership: '正式党员' | '预备党员';
  groupId: number | null;
  posts: string[];
}

export interface RollCallLine {
  line: number;
  text: string;
  name: string;
  memberId: number | null;
  status: AttendanceStatus;
  reason: string | null;
  /** Why the line did not match a member, or an ambiguity. */
  problem: string | null;
}

export interface TalkRecord {
  id: number;
  branchId: number;
  heldOn: string;
  talkerId: number;
  talkerName: string;
  talkeeId: number;
  talkeeName: string;
  type: string;
  mode: '面谈' | '电话' | '书面' | '视频';
  place: string | null;
  content: string;
  followUp: string | null;
  enteredAt: string;
}

const attendanceInput = z.object({
  memberId: id.nullable(),
  name: text(40).min(1, '请填写姓名'),
  status: z.enum(ATTENDANCE_STATUSES),
  reason: text(100).optional(),
});

export const meetingInputSchema = z.object({
  id: id.optional(),
  branchId: id,
  kind: z.enum(MEETING_KINDS),
  /** 套会: one meeting that also counts as other kinds (e.g. 党员大会 held as 主题党日). */
  alsoCountsAs: z.array(z.enum(MEETING_KINDS)).max(3).default([]),
  title: text(120).min(1, '请填写会议主题'),
  heldOn: isoDate,
  startTime: time,
  endTime: time,
  place: text(80).optional(),
  host: text(40).optional(),
  recorder: text(40).optional(),
  lecturer: text(60).optional(),
  studyHours: z.number().min(0, '学时不能为负数').max(24, '一次活动学时不超过 24').optional(),
  groupId: id.optional(),
  agenda: z.array(text(200).min(1)).max(30).default([]),
  content: text(20_000).optional(),
  extra: z
    .record(z.string(), z.union([z.string().max(5000), z.number(), z.array(z.string().max(200)), z.null()]))
    .default({}),
  attendance: z.array(attendanceInput).max(500).default([]),
  decisions: z
    .array(
      z.object({
        text: text(300).min(1),
        owner: text(40).optional(),
        dueDate: isoDate.optional(),
        doneOn: isoDate.optional(),
      }),
    )
    .max(50)
    .default([]),
  rectifications: z
    .array(
      z.object({
        problem: text(300).min(1),
        measure: text(300).min(1, '请填写整改措施'),
        owner: text(40).optional(),
        dueDate: isoDate.optional(),
        doneOn: isoDate.optional(),
      }),
    )
    .max(100)
    .default([]),
  vote: z
    .object({
      subject: text(200).min(1, '请填写表决事项'),
      method: z.enum(['举手', '无记名投票']),
      writtenOpinions: count.default(0),
      yes: count,
      no: count,
      abstain: count,
    })
    .nullable()
    .optional(),
  appraisal: z
    .array(z.object({ memberId: id, grade: z.enum(APPRAISAL_GRADES) }))
    .max(500)
    .default([]),
});
export type MeetingInput = z.output<typeof meetingInputSchema>;

export const talkInputSchema = z.object({
  id: id.optional(),
  branchId: id,
  heldOn: isoDate,
  talkerId: id,
  talkeeId: id,
  type: z.enum(TALK_TYPES),
  mode: z.enum(['面谈', '电话', '书面', '视频']),
  place: text(80).optional(),
  content: text(5000).min(1, '请填写谈话主要内容'),
  followUp: text(2000).optional(),
});

export const lifeApi = {
  'life.templates': method<RecordTemplate[]>()(z.object({})),
  'life.list': method<MeetingSummary[]>()(
    z.object({ branchId: id, year: z.number().int().min(2000).max(2100), kind: z.enum(MEETING_KINDS).optional() }),
  ),
  'life.get': method<MeetingDetail>()(z.object({ id })),
  /** The last record of a kind, to start a new one from it (复用上一条). */
  'life.previous': method<MeetingDetail | null>()(z.object({ branchId: id, kind: z.enum(MEETING_KINDS) })),
  'life.save': method<MeetingDetail>()(meetingInputSchema),
  'life.delete': method<{ deleted: number }>()(z.object({ id })),
  /** Who was on the roll on the meeting date, for taking attendance. */
  'life.rosterOn': method<RosterCandidate[]>()(
    z.object({ branchId: id, date: isoDate, scope: z.enum(['branch', 'committee', 'group']), groupId: id.optional() }),
  ),
  /** Parses a pasted WeChat 接龙 roll call into attendance lines for a preview; changes nothing. */
  'life.parseRollCall': method<RollCallLine[]>()(
    z.object({ branchId: id, date: isoDate, text: z.string().max(20_000) }),
  ),
  'life.attach': method<AttachmentInfo>()(
    z.object({
      meetingId: id,
      fileName: z.string().min(1).max(255),
      dataBase64: z.string().min(1),
      caption: text(100).optional(),
    }),
  ),
  'life.detach': method<{ deleted: number }>()(z.object({ attachmentId: id })),
  'life.attachmentData': method<{ mime: string; dataBase64: string }>()(z.object({ attachmentId: id })),
  'talk.list': method<TalkRecord[]>()(z.object({ branchId: id, year: z.number().int().min(2000).max(2100) })),
  'talk.save': method<TalkRecord>()(talkInputSchema),
  'talk.delete': method<{ deleted: number }>()(z.object({ id })),
};
