import dayjs, { type Dayjs } from 'dayjs';
import type { MeetingDetail, RecordTemplate, RosterCandidate } from '../../../../electron/api/index.ts';
import type { ApiError, ApiErrorDetail, Input } from '../../api/client.ts';
import type { AppraisalGrade, MeetingKind } from '../../api/lifeConstants.ts';
import { DATE_FORMAT, toIsoDate } from '../../components/format.ts';

/** 出席情况 of one expected person; anyone not marked is saved as 缺席 by the ledger. */
export type MarkStatus = '出席' | '请假' | '缺席';
export interface AttendanceMark {
  status: MarkStatus;
  reason?: string;
}
/** 列席: a member from outside the meeting's scope (memberId) or someone who is not a member (null). */
export interface Guest {
  memberId: number | null;
  name: string;
  reason?: string;
}
export interface AttendanceState {
  marks: Record<number, AttendanceMark>;
  guests: Guest[];
}
export type Grades = Record<number, AppraisalGrade>;

export interface VoteValues {
  subject?: string;
  method: '举手' | '无记名投票';
  writtenOpinions?: number;
  yes?: number;
  no?: number;
  abstain?: number;
}

export interface MeetingFormValues {
  kind: MeetingKind;
  alsoCountsAs: MeetingKind[];
  title?: string;
  heldOn?: Dayjs;
  startTime?: Dayjs;
  endTime?: Dayjs;
  place?: string;
  host?: string;
  recorder?: string;
  lecturer?: string;
  studyHours?: number;
  groupId?: number;
  agenda: string[];
  content?: string;
  extra: Record<string, unknown>;
  decisions: Array<{ text?: string; owner?: string; dueDate?: Dayjs; doneOn?: string }>;
  rectifications: Array<{ problem?: string; measure?: string; owner?: string; dueDate?: Dayjs; doneOn?: string }>;
  voteEnabled: boolean;
  vote: VoteValues;
}

export const EMPTY_ATTENDANCE: AttendanceState = { marks: {}, guests: [] };

const TIME_FORMAT = 'HH:mm';
const trimmed = (value: string | undefined | null) => value?.trim() || undefined;
const fromTime = (value: string | null | undefined) => (value ? dayjs(value, TIME_FORMAT) : undefined);
const fromDate = (value: string | null | undefined) => (value ? dayjs(value, DATE_FORMAT) : undefined);

export function blankValues(kind: MeetingKind): MeetingFormValues {
  return {
    kind,
    alsoCountsAs: [],
    agenda: [''],
    extra: {},
    decisions: [],
    rectifications: [],
    voteEnabled: false,
    vote: { method: '举手', writtenOpinions: 0 },
  };
}

function extraToForm(template: RecordTemplate | undefined, extra: MeetingDetail['extra']): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of template?.fields ?? []) {
    const value = extra[field.key];
    if (value === undefined || value === null) continue;
    values[field.key] = field.type === 'date' && typeof value === 'string' ? fromDate(value) : value;
  }
  return values;
}

/**
 * A saved record as form values. `reuse` (复用上一条) keeps everything a clerk repeats but not the date, nor the
 * outcomes that belong to that one meeting (决议, 表决, 整改, 评议): copying them would double the 督办 list.
 */
export function valuesFromDetail(
  detail: MeetingDetail,
  template: RecordTemplate | undefined,
  reuse: boolean,
): { values: MeetingFormValues; attendance: AttendanceState; grades: Grades } {
  const values: MeetingFormValues = {
    ...blankValues(detail.kind),
    alsoCountsAs: detail.alsoCountsAs,
    title: detail.title,
    heldOn: reuse ? undefined : fromDate(detail.heldOn),
    startTime: fromTime(detail.startTime),
    endTime: fromTime(detail.endTime),
    place: detail.place ?? undefined,
    host: detail.host ?? undefined,
    recorder: detail.recorder ?? undefined,
    lecturer: detail.lecturer ?? undefined,
    studyHours: detail.studyHours ?? undefined,
    groupId: detail.groupId ?? undefined,
    agenda: detail.agenda.length > 0 ? detail.agenda : [''],
    content: detail.content ?? undefined,
    extra: extraToForm(template, detail.extra),
  };
  if (!reuse) {
    values.decisions = detail.decisions.map((d) => ({
      text: d.text,
      owner: d.owner ?? undefined,
      dueDate: fromDate(d.dueDate),
      doneOn: d.doneOn ?? undefined,
    }));
    values.rectifications = detail.rectifications.map((r) => ({
      problem: r.problem,
      measure: r.measure,
      owner: r.owner ?? undefined,
      dueDate: fromDate(r.dueDate),
      doneOn: r.doneOn ?? undefined,
    }));
    if (detail.vote) {
      values.voteEnabled = true;
      values.vote = {
        subject: detail.vote.subject,
        method: detail.vote.method,
        writtenOpinions: detail.vote.writtenOpinions,
        yes: detail.vote.yes,
        no: detail.vote.no,
        abstain: detail.vote.abstain,
      };
    }
  }
  const attendance: AttendanceState = { marks: {}, guests: [] };
  for (const entry of detail.attendance) {
    if (entry.status === '列席') {
      attendance.guests.push({ memberId: entry.memberId, name: entry.name, reason: entry.reason ?? undefined });
    } else if (entry.memberId !== null) {
      attendance.marks[entry.memberId] = { status: entry.status, reason: entry.reason ?? undefined };
    }
  }
  const grades: Grades = {};
  if (!reuse) for (const row of detail.appraisal) grades[row.memberId] = row.grade;
  return { values, attendance, grades };
}

type SaveInput = Input<'life.save'>;

function extraToInput(template: RecordTemplate, extra: Record<string, unknown>): SaveInput['extra'] {
  const out: NonNullable<SaveInput['extra']> = {};
  for (const field of template.fields) {
    const value = extra[field.key];
    if (value === undefined || value === null || value === '') continue;
    if (dayjs.isDayjs(value)) out[field.key] = value.format(DATE_FORMAT);
    else if (typeof value === 'string') out[field.key] = value.trim();
    else if (typeof value === 'number') out[field.key] = value;
    else if (Array.isArray(value) && value.length > 0) out[field.key] = value.map(String);
  }
  return out;
}

export function toSaveInput(args: {
  id: number | null;
  branchId: number;
  template: RecordTemplate;
  values: MeetingFormValues;
  expected: RosterCandidate[];
  attendance: AttendanceState;
  grades: Grades;
}): SaveInput {
  const { template, values, expected, attendance, grades } = args;
  const { blocks } = template;
  const input: SaveInput = {
    branchId: args.branchId,
    kind: values.kind,
    alsoCountsAs: values.alsoCountsAs.filter((kind) => kind !== values.kind),
    title: values.title?.trim() ?? '',
    heldOn: toIsoDate(values.heldOn) ?? '',
    startTime: values.startTime?.format(TIME_FORMAT),
    endTime: values.endTime?.format(TIME_FORMAT),
    place: trimmed(values.place),
    host: trimmed(values.host),
    recorder: trimmed(values.recorder),
    agenda: values.agenda.map((item) => item?.trim() ?? '').filter((item) => item.length > 0),
    content: trimmed(values.content),
    extra: extraToInput(template, values.extra ?? {}),
    attendance: [
      ...expected.map((person) => {
        const mark = attendance.marks[person.memberId] ?? { status: '缺席' as const };
        const reason = mark.status === '出席' ? undefined : trimmed(mark.reason);
        return { memberId: person.memberId, name: person.name, status: mark.status, reason };
      }),
      ...attendance.guests.map((guest) => ({
        memberId: guest.memberId,
        name: guest.name,
        status: '列席' as const,
        reason: trimmed(guest.reason),
      })),
    ],
  };
  if (args.id !== null) input.id = args.id;
  if (blocks.lecturer) input.lecturer = trimmed(values.lecturer);
  if (blocks.studyHours && values.studyHours !== undefined && values.studyHours !== null)
    input.studyHours = values.studyHours;
  if (template.attendanceScope === 'group' && values.groupId) input.groupId = values.groupId;
  if (blocks.decisions) {
    input.decisions = values.decisions
      .filter((d) => trimmed(d.text))
      .map((d) => ({
        text: trimmed(d.text) ?? '',
        owner: trimmed(d.owner),
        dueDate: toIsoDate(d.dueDate),
        doneOn: d.doneOn,
      }));
  }
  if (blocks.rectifications) {
    input.rectifications = values.rectifications
      .filter((r) => trimmed(r.problem) || trimmed(r.measure))
      .map((r) => ({
        problem: trimmed(r.problem) ?? '',
        measure: trimmed(r.measure) ?? '',
        owner: trimmed(r.owner),
        dueDate: toIsoDate(r.dueDate),
        doneOn: r.doneOn,
      }));
  }
  if (blocks.vote) {
    input.vote = values.voteEnabled
      ? {
          subject: values.vote.subject?.trim() ?? '',
          method: values.vote.method,
          writtenOpinions: values.vote.writtenOpinions ?? 0,
          yes: values.vote.yes ?? 0,
          no: values.vote.no ?? 0,
          abstain: values.vote.abstain ?? 0,
        }
      : null;
  }
  if (blocks.appraisal) {
    input.appraisal = Object.entries(grades).map(([memberId, grade]) => ({ memberId: Number(memberId), grade }));
  }
  return input;
}

/** A form field's name: a key, or a path into lists and groups (['decisions', 0, 'text']). */
export type FieldName = string | Array<string | number>;

/** Problems that belong to a whole block rather than to one input. */
export type BlockKey = 'attendance' | 'vote' | 'appraisal';
export type BlockErrors = Partial<Record<BlockKey, string[]>>;

const FIELD_LABELS: Record<string, FieldName> = {
  时间: 'heldOn',
  会议日期: 'heldOn',
  日期: 'heldOn',
  开始时间: 'startTime',
  结束时间: 'endTime',
  主题: 'title',
  会议主题: 'title',
  地点: 'place',
  主持人: 'host',
  记录人: 'recorder',
  授课人: 'lecturer',
  学时: 'studyHours',
  党小组: 'groupId',
  同时计为: 'alsoCountsAs',
  会议内容: 'content',
  会议类型: 'kind',
  议题: 'agenda',
};
const BLOCK_LABELS: Record<string, BlockKey> = {
  出席情况: 'attendance',
  attendance: 'attendance',
  表决: 'vote',
  评议结果: 'appraisal',
  appraisal: 'appraisal',
};
const FORM_KEYS = new Set([
  'title',
  'heldOn',
  'startTime',
  'endTime',
  'place',
  'host',
  'recorder',
  'lecturer',
  'content',
  'studyHours',
  'groupId',
  'alsoCountsAs',
]);
const LIST_KEYS = new Set(['agenda', 'decisions', 'rectifications', 'vote', 'extra']);

function placeOf(field: string, template: RecordTemplate): FieldName | BlockKey | null {
  const block = BLOCK_LABELS[field];
  if (block) return block;
  const named = FIELD_LABELS[field];
  if (named) return named;
  const templateField = template.fields.find((f) => f.label === field || f.key === field);
  if (templateField) return ['extra', templateField.key];
  // Schema problems name the input's path: title, vote.yes, decisions.0.text, attendance.3.name …
  const path = field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  const head = path[0];
  if (typeof head !== 'string') return null;
  if (head === 'attendance' || head === 'appraisal' || field === 'vote') return head;
  if (path.length === 1) return FORM_KEYS.has(head) ? head : null;
  return LIST_KEYS.has(head) ? path : null;
}

export interface PlacedRefusal {
  fields: Array<{ name: FieldName; errors: string[] }>;
  blocks: BlockErrors;
  unplaced: ApiErrorDetail[];
}

/** Puts each detail of a refusal on the input or block it names; the rest goes above the form. */
export function placeRefusal(error: ApiError, template: RecordTemplate): PlacedRefusal {
  const fields = new Map<string, { name: FieldName; errors: string[] }>();
  const blocks: BlockErrors = {};
  const unplaced: ApiErrorDetail[] = [];
  for (const detail of error.details) {
    const place = detail.field ? placeOf(detail.field, template) : null;
    if (place === null) {
      unplaced.push(detail);
    } else if (place === 'attendance' || place === 'vote' || place === 'appraisal') {
      blocks[place] = [...(blocks[place] ?? []), detail.message];
    } else {
      const key = JSON.stringify(place);
      const entry = fields.get(key) ?? { name: place, errors: [] };
      entry.errors.push(detail.message);
      fields.set(key, entry);
    }
  }
  return { fields: [...fields.values()], blocks, unplaced };
}
