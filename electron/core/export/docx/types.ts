/**
 * Plain data the Word composers print. The gatherer (export/book-data.ts) fills it from the ledger;
 * the composers never touch the database, so they can run in a worker or in a test on literals.
 */

/** A table cell's value: text, a number, or nothing (printed blank). */
export type CellValue = string | number | null;
export type TableRowData = Readonly<Record<string, CellValue>>;

/** Sources of the book's sections, each with the fields a template may put in its columns. */
export const SECTION_FIELDS = {
  roster: [
    'seq',
    'name',
    'gender',
    'ethnicity',
    'birthDate',
    'age',
    'education',
    'personCategory',
    'joinDate',
    'fullDate',
    'membership',
    'partyYears',
    'groupName',
    'job',
    'posts',
    'phone',
    'idNumberMasked',
    'status',
    'note',
  ],
  committee: ['seq', 'post', 'name', 'gender', 'birthDate', 'education', 'fromDate', 'toDate', 'duties'],
  annualPlan: ['seq', 'text', 'owner', 'dueDate', 'status', 'doneOn', 'feedback', 'state'],
  monthlyPlans: ['seq', 'month', 'plan', 'text', 'owner', 'dueDate', 'status', 'doneOn', 'feedback', 'state'],
  supervision: ['seq', 'source', 'origin', 'text', 'owner', 'dueDate', 'state'],
  meetings: [],
  talks: ['seq', 'heldOn', 'talker', 'talkee', 'type', 'mode', 'place', 'content', 'followUp'],
  dues: [
    'seq',
    'name',
    'category',
    'base',
    'monthlyDue',
    ...Array.from({ length: 12 }, (_, i) => `m${i + 1}`),
    'dueToDate',
    'paidToDate',
    'arrearsStreak',
    'note',
  ],
  development: [
    'seq',
    'name',
    'gender',
    'stage',
    'applicationDate',
    'activistDate',
    'candidateDate',
    'joinDate',
    'fullDate',
    'introducers',
    'note',
  ],
  elections: ['seq', 'heldOn', 'subject', 'eligible', 'present', 'elected', 'approval', 'note'],
  secretaryProjects: ['seq', 'title', 'goal', 'measures', 'owner', 'dueDate', 'progress', 'result'],
  assessment: ['seq', 'item', 'points', 'score', 'evidence', 'note'],
} as const satisfies Record<string, readonly string[]>;

export type SectionSource = keyof typeof SECTION_FIELDS;
export const SECTION_SOURCES = Object.keys(SECTION_FIELDS) as SectionSource[];

/** Fields of a meeting record form (the meetingForm rows of the template). */
export const MEETING_FIELDS = [
  'title',
  'kind',
  'kindText',
  'seq',
  'heldOn',
  'heldOnText',
  'time',
  'place',
  'host',
  'recorder',
  'lecturer',
  'studyHours',
  'expected',
  'present',
  'presentNames',
  'absent',
  'observers',
  'agenda',
  'content',
  'vote',
  'decisions',
  'rectifications',
  'appraisal',
  'files',
  'group',
  'backfill',
] as const;
export type MeetingField = (typeof MEETING_FIELDS)[number];

export interface PhotoData {
  /** Image bytes as stored (JPEG, PNG, GIF or BMP). */
  data: Uint8Array;
  fileName: string;
  caption: string | null;
}

/** One meeting as printed: every form field as text (paragraphs separated by "\n"), and its photos. */
export interface MeetingRecordData {
  id: number;
  heldOn: string;
  fields: Partial<Record<MeetingField, string>>;
  photos: PhotoData[];
}

export interface TableSectionData {
  rows: TableRowData[];
  /** Rows printed after the data, such as 合计 (bold). */
  totals?: TableRowData[];
  /** A line under the table, such as the date the list is as of. */
  note?: string;
}

export type SectionData = TableSectionData | { meetings: MeetingRecordData[] };

export interface LedgerBookData {
  year: number;
  /** The day the data is as of ('YYYY-MM-DD'). */
  asOf: string;
  branch: { id: number; name: string };
  /** Values of the cover's {{placeholders}}. */
  cover: Record<CoverKey, string>;
  /** Names printed in the book, for the GB2312 check. */
  names: string[];
  sections: { [S in SectionSource]?: S extends 'meetings' ? { meetings: MeetingRecordData[] } : TableSectionData };
}

export const COVER_KEYS = [
  'organisation',
  'parentOrganisation',
  'branch',
  'year',
  'secretary',
  'organiser',
  'periodFrom',
  'periodTo',
  /** 2026年1月1日至11月23日: the year is not repeated within one year. */
  'period',
  'ledgerNo',
  'asOf',
] as const;
export type CoverKey = (typeof COVER_KEYS)[number];
